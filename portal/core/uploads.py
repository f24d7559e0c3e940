"""What every file upload shares: the type told by the content, never by the name or what the
browser claims; a clean display name; the size check; photos re-encoded so no metadata (GPS,
camera, XMP, ICC, text) is kept; files written whole under random names, outside the web root.

Each domain brings its own ``UploadRules``: the form field, the types it accepts, its size limit
and its words for a refusal."""

from __future__ import annotations

import io
import os
import secrets
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from flask import abort, current_app, send_file
from flask_babel import gettext as _
from PIL import Image, ImageOps
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from portal.core.models import DomainError

MIME_JPEG, MIME_PNG, MIME_PDF = "image/jpeg", "image/png", "application/pdf"
MIME_OLE = "application/x-ole-storage"  # .doc, .xls, .ppt (Office 97–2003)
MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIME_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODF_PREFIX = "application/vnd.oasis.opendocument."
PHOTOS = frozenset({MIME_JPEG, MIME_PNG})

_MAGIC = ((b"\xff\xd8\xff", MIME_JPEG), (b"\x89PNG\r\n\x1a\n", MIME_PNG), (b"%PDF-", MIME_PDF),
          (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", MIME_OLE))
_OOXML_PARTS = (("word/", MIME_DOCX), ("xl/", MIME_XLSX), ("ppt/", MIME_PPTX))
_PIL_FORMAT = {MIME_JPEG: "JPEG", MIME_PNG: "PNG"}
_PNG_MODES = frozenset({"1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"})
#: a few MB of JPEG or PNG can decode to gigabytes (a "decompression bomb"): photos with more
#: pixels than a 50-megapixel phone camera takes are refused before they are decoded
MAX_PIXELS = 50_000_000
JPEG_QUALITY = 88
NAME_MAX = 200  # the nama_asli columns


@dataclass(frozen=True)
class UploadRules:
    """One domain's rules for its uploads, built when asked (limits come from settings); each
    message is a function of the file's name."""

    field: str
    accepts: Callable[[str], bool]
    max_bytes: int
    too_large: Callable[[str], str]
    not_accepted: Callable[[str], str]
    too_many_pixels: Callable[[str], str]
    max_pixels: int = MAX_PIXELS
    #: a PDF must say ``%%EOF`` within this many bytes of its end
    pdf_tail: int = 1024


# -- checking one upload -----------------------------------------------------------------------

def detect_type(data: bytes) -> str | None:
    """The type by the file's first bytes (and a ZIP's layout), whatever its name says."""
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
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
                if declared.startswith(ODF_PREFIX) and declared.isprintable():
                    return declared
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    return None


def clean_name(filename: str | None, default: str) -> str:
    """The uploader's file name, safe to show; never used as a path."""
    name = secure_filename(filename or "") or default
    if len(name) > NAME_MAX:
        path = PurePosixPath(name)
        suffix = path.suffix[:10]
        name = path.stem[:NAME_MAX - len(suffix)] + suffix
    return name


def read(upload: FileStorage, rules: UploadRules) -> bytes:
    """At most one byte more than the limit: enough to know it is too large."""
    return upload.stream.read(rules.max_bytes + 1)


def check(data: bytes, nama: str, rules: UploadRules) -> tuple[str, bytes]:
    """(type, bytes to keep) for one upload; refuses with a message naming the file."""
    if not data:
        raise DomainError(_("Berkas %(nama)s kosong.", nama=nama), rules.field)
    if len(data) > rules.max_bytes:
        raise DomainError(rules.too_large(nama), rules.field)
    mime = detect_type(data)
    if mime is None or not rules.accepts(mime):
        raise DomainError(rules.not_accepted(nama), rules.field)
    if mime in PHOTOS:
        return mime, _reencode(data, mime, nama, rules)
    # PDFs and office files are kept byte for byte: their metadata (author, software, XMP) is
    # NOT removed; rewriting them safely takes a full library. The forms' hints say so.
    if mime == MIME_PDF and b"%%EOF" not in data[-rules.pdf_tail:]:
        raise DomainError(_corrupt(nama), rules.field)
    return mime, data


def _corrupt(nama: str) -> str:
    return _("Berkas %(nama)s rusak atau tidak dapat dibuka.", nama=nama)


def _reencode(data: bytes, mime: str, nama: str, rules: UploadRules) -> bytes:
    """Decode the photo, turn it upright, and write its pixels into a new file: EXIF (GPS,
    camera), XMP, ICC, comments and PNG text chunks are not carried over."""
    too_big = DomainError(rules.too_many_pixels(nama), rules.field)
    try:
        with Image.open(io.BytesIO(data), formats=[_PIL_FORMAT[mime]]) as image:
            if image.width * image.height > rules.max_pixels:  # known from the header, not decoded
                raise too_big
            image.load()
            upright = ImageOps.exif_transpose(image)
    except DomainError:
        raise
    except Image.DecompressionBombError as error:  # Pillow's own, higher limit
        raise too_big from error
    except Exception as error:  # any other failure to decode untrusted bytes
        raise DomainError(_corrupt(nama), rules.field) from error
    pixels = _pixels_only(upright, mime)
    out = io.BytesIO()
    if mime == MIME_JPEG:
        pixels.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        pixels.save(out, "PNG", optimize=True)
    return out.getvalue()


def _pixels_only(image: Image.Image, mime: str) -> Image.Image:
    if mime == MIME_JPEG:
        if image.mode not in ("L", "RGB"):
            image = image.convert("RGB")  # CMYK and the like: the ICC profile goes too
    elif "transparency" in image.info or image.mode not in _PNG_MODES:
        image = image.convert("RGBA")  # see-through parts live in the info we drop
    clean = image.copy()
    clean.info = {}  # Pillow writes comments and PNG ICC profiles from here; nothing else is asked
    return clean


# -- on disk -----------------------------------------------------------------------------------

def upload_dir(name: str) -> Path:
    """``PORTAL_UPLOAD_DIR/<name>``; refused inside the static folder, which is served."""
    root = Path(current_app.config["PORTAL_UPLOAD_DIR"]).resolve() / name
    static = Path(current_app.static_folder or "").resolve()
    if root == static or static in root.parents:
        raise RuntimeError("PORTAL_UPLOAD_DIR must be outside the static folder")
    return root


def write(directory: Path, suffix: str, data: bytes) -> Path:
    """Write under a random name, all or nothing: a reader never sees half a file."""
    directory.mkdir(mode=0o750, parents=True, exist_ok=True)
    path = directory / (secrets.token_hex(16) + suffix)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tulis-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o640)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def remove(paths: Iterable[Path]) -> None:
    """Delete files written for a transaction that failed, or no longer needed. Never raises:
    it runs while another error is on its way up."""
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            current_app.logger.warning("could not remove %s", path, exc_info=True)


#: shown in the browser (in a sandbox); everything else is a download
INLINE_MIMES = frozenset({MIME_JPEG, MIME_PNG})


def send_stored(path: Path, mime: str, name: str):
    """A stored upload to someone allowed to see it: a photo inline inside a CSP sandbox (no
    script, no form, nothing but the image), anything else as a download; never cached, never
    sniffed into something that runs. ``name`` is the cleaned uploader's name (no line break can
    reach the header, cleaned here once more whatever a row holds)."""
    if not path.is_file():
        abort(404)
    inline = mime in INLINE_MIMES
    response = send_file(path, mimetype=mime if inline else "application/octet-stream",
                         as_attachment=not inline, download_name=clean_name(name, "berkas"),
                         max_age=0)
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
