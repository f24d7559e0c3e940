"""Bukti dukung files: PDF, photos (JPEG, PNG) and office documents (Word, Excel, PowerPoint,
OpenDocument), recognised by their content, never by their name or what the browser claims; at
most ``PORTAL_EVIDENCE_MAX_FILE_MB`` each; stored under ``PORTAL_UPLOAD_DIR/bukti/`` with random
names, outside the web root, and served only through a view that checks who asks.

Like the complaint attachments (``portal/complaints/attachments.py``), photos are re-encoded so
their metadata (GPS, camera) is not kept. Office files and PDFs are kept byte for byte: they are
served as downloads, photos inline in a sandbox; never as something that runs here.

The view writes the file before the row is committed; on a failed transaction it calls
``remove`` so no file is left without its row, and it removes a file only after the row's
deletion is committed.
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
import zipfile
from pathlib import Path, PurePosixPath

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, ImageOps
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from portal.appraisals.evaluation import StoredFile
from portal.appraisals.settings import setting
from portal.core.models import DomainError

FIELD = "berkas"
NAME_MAX = 200
MAX_PIXELS = 50_000_000

MIME_PDF = "application/pdf"
MIME_JPEG, MIME_PNG = "image/jpeg", "image/png"
MIME_OLE = "application/x-ole-storage"  # .doc, .xls, .ppt (Office 97–2003)
MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIME_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
_ODF_PREFIX = "application/vnd.oasis.opendocument."

SUFFIX = {MIME_PDF: ".pdf", MIME_JPEG: ".jpg", MIME_PNG: ".png", MIME_OLE: ".ole",
          MIME_DOCX: ".docx", MIME_XLSX: ".xlsx", MIME_PPTX: ".pptx"}
#: shown in the browser (in a sandbox); everything else is a download (Chromium will not show a
#: PDF inside a sandboxed page, and a PDF opened outside one may run scripts)
INLINE = frozenset({MIME_JPEG, MIME_PNG})
_OOXML_PARTS = (("word/", MIME_DOCX), ("xl/", MIME_XLSX), ("ppt/", MIME_PPTX))


def max_bytes() -> int:
    return int(setting("PORTAL_EVIDENCE_MAX_FILE_MB")) * 1024 * 1024


def clean_name(filename: str | None) -> str:
    name = secure_filename(filename or "") or "bukti"
    if len(name) > NAME_MAX:
        path = PurePosixPath(name)
        suffix = path.suffix[:10]
        name = path.stem[:NAME_MAX - len(suffix)] + suffix
    return name


def detect(data: bytes) -> str | None:
    """The type from the content; None for anything not accepted."""
    if data.startswith(b"%PDF-"):
        return MIME_PDF
    if data.startswith(b"\xff\xd8\xff"):
        return MIME_JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return MIME_PNG
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return MIME_OLE
    if data.startswith(b"PK\x03\x04"):
        return _zip_office_type(data)
    return None


def _zip_office_type(data: bytes) -> str | None:
    """An OOXML (docx/xlsx/pptx) or OpenDocument file is a ZIP with a known layout; any other
    ZIP is refused. Only the directory and the tiny ``mimetype`` entry are read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "[Content_Types].xml" in names:
                for prefix, mime in _OOXML_PARTS:
                    if any(n.startswith(prefix) for n in names):
                        return mime
                return None
            if "mimetype" in names and archive.getinfo("mimetype").file_size <= 100:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                if declared.startswith(_ODF_PREFIX) and declared.isprintable():
                    return declared
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    return None


def check(data: bytes, nama: str) -> tuple[str, bytes]:
    """(type, bytes to keep) for one upload; refuses with a message naming the file."""
    if not data:
        raise DomainError(_("Berkas %(nama)s kosong.", nama=nama), FIELD)
    if len(data) > max_bytes():
        raise DomainError(_("Berkas %(nama)s lebih dari %(mb)s MB; perkecil atau kirim sebagai "
                            "tautan.", nama=nama, mb=setting("PORTAL_EVIDENCE_MAX_FILE_MB")),
                          FIELD)
    mime = detect(data)
    if mime is None:
        raise DomainError(_("Isi berkas %(nama)s bukan PDF, gambar JPEG/PNG, atau dokumen "
                            "kantor (Word, Excel, PowerPoint, OpenDocument), apa pun nama "
                            "berkasnya.", nama=nama), FIELD)
    if mime in (MIME_JPEG, MIME_PNG):
        return mime, _reencode(data, mime, nama)
    if mime == MIME_PDF and b"%%EOF" not in data[-2048:]:
        raise DomainError(_("Berkas %(nama)s rusak atau tidak dapat dibuka.", nama=nama), FIELD)
    return mime, data


def _reencode(data: bytes, mime: str, nama: str) -> bytes:
    """Decode the photo and write its pixels into a new file: no EXIF (GPS), XMP or comments."""
    fmt = "JPEG" if mime == MIME_JPEG else "PNG"
    try:
        with Image.open(io.BytesIO(data), formats=[fmt]) as image:
            if image.width * image.height > MAX_PIXELS:
                raise DomainError(_("Gambar %(nama)s terlalu besar; perkecil dulu.", nama=nama),
                                  FIELD)
            image.load()
            upright = ImageOps.exif_transpose(image)
    except DomainError:
        raise
    except Exception as error:  # any failure to decode untrusted bytes, bombs included
        raise DomainError(_("Berkas %(nama)s rusak atau tidak dapat dibuka.", nama=nama),
                          FIELD) from error
    if fmt == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    elif fmt == "PNG" and upright.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
        upright = upright.convert("RGBA")
    # a fresh image from the pixels alone: nothing of the upload's info (EXIF, ICC, text) travels
    pixels = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    if upright.mode == "P":
        pixels.putpalette(upright.getpalette())
    out = io.BytesIO()
    pixels.save(out, fmt, **({"quality": 88} if fmt == "JPEG" else {}))
    return out.getvalue()


def upload_root() -> Path:
    root = Path(current_app.config["PORTAL_UPLOAD_DIR"]) / "bukti"
    root.mkdir(parents=True, exist_ok=True)
    return root


def stored_path(kunci_simpan: str) -> Path:
    name = PurePosixPath(kunci_simpan).name  # the key is ours, but never trust a path
    return upload_root() / name


def store(upload: FileStorage) -> StoredFile:
    """Check one upload and write it under a random name; the caller adds the row."""
    nama = clean_name(upload.filename)
    data = upload.stream.read(max_bytes() + 1)
    mime, kept = check(data, nama)
    key = secrets.token_hex(16) + SUFFIX.get(mime, ".odf")
    path = upload_root() / key
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(kept)
    return StoredFile(nama=nama, jenis_mime=mime, ukuran=len(kept), kunci_simpan=key,
                      sha256=hashlib.sha256(kept).hexdigest())


def remove(kunci_simpan: str | None) -> None:
    if kunci_simpan:
        stored_path(kunci_simpan).unlink(missing_ok=True)
