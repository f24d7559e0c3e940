"""Bukti dukung files: PDF, photos (JPEG, PNG) and office documents (Word, Excel, PowerPoint,
OpenDocument), recognised by their content, never by their name or what the browser claims; at
most ``PORTAL_EVIDENCE_MAX_FILE_MB`` each; stored under ``PORTAL_UPLOAD_DIR/bukti/`` with random
names, outside the web root, and served only through a view that checks who asks.

The checks shared with the complaint attachments live in ``portal/core/uploads.py``: photos are
re-encoded so their metadata (GPS, camera) is not kept. Office files and PDFs are kept byte for
byte: they are served as downloads, photos inline in a sandbox; never as something that runs
here.

The view writes the file before the row is committed; on a failed transaction it calls
``remove`` so no file is left without its row, and it removes a file only after the row's
deletion is committed."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from portal.appraisals.evaluasi.services import StoredFile
from portal.appraisals.settings import setting
from portal.core import uploads
from portal.core.uploads import (
    MIME_DOCX,
    MIME_JPEG,
    MIME_OLE,
    MIME_PDF,
    MIME_PNG,
    MIME_PPTX,
    MIME_XLSX,
)

FIELD = "berkas"


MAX_PIXELS = uploads.MAX_PIXELS


SUFFIX = {MIME_PDF: ".pdf", MIME_JPEG: ".jpg", MIME_PNG: ".png", MIME_OLE: ".ole",
          MIME_DOCX: ".docx", MIME_XLSX: ".xlsx", MIME_PPTX: ".pptx"}


#: shown in the browser (in a sandbox); everything else is a download (Chromium will not show a
#: PDF inside a sandboxed page, and a PDF opened outside one may run scripts)


def max_bytes() -> int:
    return int(setting("PORTAL_EVIDENCE_MAX_FILE_MB")) * 1024 * 1024


def _accepts(mime: str) -> bool:
    return True  # every type uploads.detect_type knows: PDF, photos, office documents


def _rules() -> uploads.UploadRules:
    return uploads.UploadRules(
        field=FIELD, accepts=_accepts, max_bytes=max_bytes(), pdf_tail=2048,
        too_large=lambda nama: _("Berkas %(nama)s lebih dari %(mb)s MB; perkecil atau kirim "
                                 "sebagai tautan.", nama=nama,
                                 mb=setting("PORTAL_EVIDENCE_MAX_FILE_MB")),
        not_accepted=lambda nama: _("Isi berkas %(nama)s bukan PDF, gambar JPEG/PNG, atau "
                                    "dokumen kantor (Word, Excel, PowerPoint, OpenDocument), "
                                    "apa pun nama berkasnya.", nama=nama),
        too_many_pixels=lambda nama: _("Gambar %(nama)s terlalu besar; perkecil dulu.",
                                       nama=nama),
        max_pixels=MAX_PIXELS)


def clean_name(filename: str | None) -> str:
    return uploads.clean_name(filename, "bukti")


def detect(data: bytes) -> str | None:
    """The type from the content; None for anything not accepted."""
    return uploads.detect_type(data)


def check(data: bytes, nama: str) -> tuple[str, bytes]:
    """(type, bytes to keep) for one upload; refuses with a message naming the file."""
    return uploads.check(data, nama, _rules())


def upload_root() -> Path:
    root = uploads.upload_dir("bukti")
    root.mkdir(parents=True, exist_ok=True)
    return root


def stored_path(kunci_simpan: str) -> Path:
    name = PurePosixPath(kunci_simpan).name  # the key is ours, but never trust a path
    return upload_root() / name


def store(upload: FileStorage) -> StoredFile:
    """Check one upload and write it under a random name; the caller adds the row."""
    rules = _rules()
    nama = clean_name(upload.filename)
    mime, kept = uploads.check(uploads.read(upload, rules), nama, rules)
    path = uploads.write(upload_root(), SUFFIX.get(mime, ".odf"), kept)
    return StoredFile(nama=nama, jenis_mime=mime, ukuran=len(kept), kunci_simpan=path.name,
                      sha256=hashlib.sha256(kept).hexdigest())


def remove(kunci_simpan: str | None) -> None:
    if kunci_simpan:
        uploads.remove([stored_path(kunci_simpan)])
