"""Certificate files: PDF, JPEG or PNG, recognised by their content (portal/core/uploads.py),
at most ``PORTAL_PEMBINAAN_SERTIFIKAT_MAX_MB``; photos re-encoded so no metadata (GPS) is kept;
stored under ``PORTAL_UPLOAD_DIR/sertifikat/`` with random names, outside the web root, and
served only through a view that checks who asks.

The view writes the file before its row is committed and removes it again when the transaction
fails, so no file is left without its row."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from portal.core import uploads
from portal.core.uploads import MIME_JPEG, MIME_PDF, MIME_PNG
from portal.pembinaan.settings import setting

FIELD = "sertifikat"
SUFFIX = {MIME_PDF: ".pdf", MIME_JPEG: ".jpg", MIME_PNG: ".png"}
#: shown in the browser (in a sandbox); a PDF is a download
INLINE = frozenset({MIME_JPEG, MIME_PNG})


@dataclass(frozen=True)
class StoredFile:
    nama: str
    jenis_mime: str
    ukuran: int
    kunci_simpan: str
    sha256: str


def _rules() -> uploads.UploadRules:
    mb = int(setting("PORTAL_PEMBINAAN_SERTIFIKAT_MAX_MB"))
    return uploads.UploadRules(
        field=FIELD, accepts=SUFFIX.__contains__, max_bytes=mb * 1024 * 1024, pdf_tail=2048,
        too_large=lambda nama: _("Berkas %(nama)s lebih dari %(mb)s MB.", nama=nama, mb=mb),
        not_accepted=lambda nama: _("Isi berkas %(nama)s bukan PDF, JPEG, atau PNG, apa pun "
                                    "nama berkasnya.", nama=nama),
        too_many_pixels=lambda nama: _("Gambar %(nama)s terlalu besar; perkecil dulu.",
                                       nama=nama))


def has_upload(upload: FileStorage | None) -> bool:
    return bool(upload and getattr(upload, "filename", ""))


def upload_root() -> Path:
    return uploads.upload_dir("sertifikat")


def stored_path(kunci_simpan: str) -> Path:
    return upload_root() / PurePosixPath(kunci_simpan).name


def store(upload: FileStorage) -> StoredFile:
    """Check one upload and write it under a random name; the caller adds it to its row."""
    rules = _rules()
    nama = uploads.clean_name(upload.filename, "sertifikat")
    mime, kept = uploads.check(uploads.read(upload, rules), nama, rules)
    path = uploads.write(upload_root(), SUFFIX[mime], kept)
    return StoredFile(nama=nama, jenis_mime=mime, ukuran=len(kept), kunci_simpan=path.name,
                      sha256=hashlib.sha256(kept).hexdigest())


def remove(stored: StoredFile | None) -> None:
    if stored is not None:
        uploads.remove([stored_path(stored.kunci_simpan)])
