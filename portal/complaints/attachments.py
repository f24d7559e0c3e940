"""Complaint attachments (DOMAIN.md): photos and PDFs, checked by their content, size-limited,
stored outside the web root under random names, photos re-encoded so no metadata (GPS) is kept.

A file travels in two steps. While the form is being filled in it is *staged* under
``PORTAL_UPLOAD_DIR/pengaduan/staged/``, listed in a signed hidden field: a browser cannot refill
a file input, so a form that comes back with an error would otherwise lose it. When the complaint
is filed, ``store_files`` copies the staged files to ``PORTAL_UPLOAD_DIR/pengaduan/`` under new
random names and the view adds their rows in the same transaction; should that transaction fail,
the view calls ``remove_stored``, so no stored file is ever left without its row. Staged files
go once the complaint is committed. Those of forms never sent stay behind; older than
``STAGED_MAX_AGE`` they are ignored, and removing them is left to ``flask complaints tick``
(still to come).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadData, URLSafeTimedSerializer
from PIL import Image, ImageOps
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from portal.core.models import DomainError

FIELD = "lampiran"
MIME_JPEG, MIME_PNG, MIME_PDF = "image/jpeg", "image/png", "application/pdf"
SUFFIX = {MIME_JPEG: ".jpg", MIME_PNG: ".png", MIME_PDF: ".pdf"}
_MAGIC = ((b"\xff\xd8\xff", MIME_JPEG), (b"\x89PNG\r\n\x1a\n", MIME_PNG), (b"%PDF-", MIME_PDF))
_PIL_FORMAT = {MIME_JPEG: "JPEG", MIME_PNG: "PNG"}
#: a few MB of JPEG or PNG can decode to gigabytes (a "decompression bomb"): photos with more
#: pixels than a 50-megapixel phone camera takes are refused before they are decoded
MAX_PIXELS = 50_000_000
JPEG_QUALITY = 88
#: staged files (and the signed list naming them) older than this are ignored
STAGED_MAX_AGE = 24 * 3600
NAME_MAX = 200  # LampiranPengaduan.nama_asli
_KEY = re.compile(r"^[0-9a-f]{32}\.(jpg|png|pdf)$")
_PNG_MODES = frozenset({"1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"})


@dataclass(frozen=True)
class SavedFile:
    """An accepted file on disk, staged or stored, with what its row will hold."""

    #: the reporter's file name, cleaned; shown, never used as a path
    nama: str
    jenis_mime: str
    #: bytes of the file as kept (a re-encoded photo, not the upload)
    ukuran: int
    sha256: str
    path: Path
    saved_at: float
    #: written during this request: no page the reporter holds refers to it yet
    fresh: bool = False

    @property
    def kunci(self) -> str:
        return self.path.name


# -- checking one upload -----------------------------------------------------------------------

def detect_mime(data: bytes) -> str | None:
    """The type by the file's first bytes, never by its name or what the browser claims."""
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    return None


def clean_name(filename: str | None) -> str:
    name = secure_filename(filename or "") or "lampiran"
    if len(name) > NAME_MAX:
        path = PurePosixPath(name)
        suffix = path.suffix[:10]
        name = path.stem[:NAME_MAX - len(suffix)] + suffix
    return name


def max_bytes() -> int:
    return current_app.config["PORTAL_COMPLAINT_MAX_FILE_MB"] * 1024 * 1024


def check_count(n: int) -> None:
    limit = current_app.config["PORTAL_COMPLAINT_MAX_FILES"]
    if n > limit:
        raise DomainError(_("Paling banyak %(n)s berkas.", n=limit), FIELD)


def sanitise(data: bytes, nama: str) -> tuple[str, bytes]:
    """(type, bytes to keep) for one upload; refuses with a message naming the file."""
    if not data:
        raise DomainError(_("Berkas %(nama)s kosong.", nama=nama), FIELD)
    if len(data) > max_bytes():
        raise DomainError(_("Berkas %(nama)s lebih dari %(mb)s MB.", nama=nama,
                            mb=current_app.config["PORTAL_COMPLAINT_MAX_FILE_MB"]), FIELD)
    mime = detect_mime(data)
    if mime is None:
        raise DomainError(_("Berkas %(nama)s bukan JPEG, PNG, atau PDF.", nama=nama), FIELD)
    if mime == MIME_PDF:
        # Kept byte for byte: its metadata (author, producing software, XMP) is NOT removed;
        # rewriting PDFs safely takes a full PDF library. The form's hint says so.
        if b"%%EOF" not in data[-1024:]:
            raise DomainError(_corrupt(nama), FIELD)
        return mime, data
    return mime, _reencode(data, mime, nama)


def _corrupt(nama: str) -> str:
    return _("Berkas %(nama)s rusak atau tidak dapat dibuka.", nama=nama)


def _reencode(data: bytes, mime: str, nama: str) -> bytes:
    """Decode the photo, turn it upright, and write its pixels into a new file: EXIF (GPS,
    camera), XMP, ICC, comments and PNG text chunks are not carried over."""
    too_big = DomainError(_("Foto %(nama)s lebih dari %(mp)s megapiksel; perkecil dulu.",
                            nama=nama, mp=MAX_PIXELS // 1_000_000), FIELD)
    try:
        with Image.open(io.BytesIO(data), formats=[_PIL_FORMAT[mime]]) as image:
            if image.width * image.height > MAX_PIXELS:  # known from the header, not decoded
                raise too_big
            image.load()
            upright = ImageOps.exif_transpose(image)
    except DomainError:
        raise
    except Image.DecompressionBombError as error:  # Pillow's own, higher limit
        raise too_big from error
    except Exception as error:  # any other failure to decode untrusted bytes
        raise DomainError(_corrupt(nama), FIELD) from error
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

def upload_root() -> Path:
    """``PORTAL_UPLOAD_DIR/pengaduan``; refused inside the static folder, which is served."""
    root = Path(current_app.config["PORTAL_UPLOAD_DIR"]).resolve() / "pengaduan"
    static = Path(current_app.static_folder or "").resolve()
    if root == static or static in root.parents:
        raise RuntimeError("PORTAL_UPLOAD_DIR must be outside the static folder")
    return root


def stored_path(kunci_simpan: str) -> Path:
    """Where the file of a LampiranPengaduan row lives."""
    return upload_root() / kunci_simpan


def _write(directory: Path, suffix: str, data: bytes) -> Path:
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


def remove_stored(paths: Iterable[Path]) -> None:
    """Delete files written for a transaction that failed (or staged files no longer needed).
    Never raises: it runs while another error is on its way up."""
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            current_app.logger.warning("could not remove %s", path, exc_info=True)


def discard_staged(files: Iterable[SavedFile]) -> None:
    remove_stored(f.path for f in files)


def stage(upload: FileStorage) -> SavedFile:
    """Check one upload and keep it under ``staged/`` until the form is sent successfully."""
    nama = clean_name(upload.filename)
    data = upload.stream.read(max_bytes() + 1)
    mime, content = sanitise(data, nama)
    path = _write(upload_root() / "staged", SUFFIX[mime], content)
    return SavedFile(nama=nama, jenis_mime=mime, ukuran=len(content),
                     sha256=hashlib.sha256(content).hexdigest(), path=path,
                     saved_at=time.time(), fresh=True)


def store_files(staged: Sequence[SavedFile]) -> list[SavedFile]:
    """Copy staged files to their final place under new random names, for the complaint about
    to be committed. If the transaction then fails, the caller passes their paths to
    ``remove_stored``; the staged copies stay until the commit succeeded."""
    check_count(len(staged))
    stored: list[SavedFile] = []
    try:
        for staged_file in staged:
            try:
                data = staged_file.path.read_bytes()
            except FileNotFoundError:
                data = b""
            if hashlib.sha256(data).hexdigest() != staged_file.sha256:
                raise DomainError(_("Berkas %(nama)s yang sudah terlampir tidak tersedia lagi; "
                                    "lampirkan sekali lagi.", nama=staged_file.nama), FIELD)
            path = _write(upload_root(), staged_file.path.suffix, data)
            stored.append(replace(staged_file, path=path, saved_at=time.time(), fresh=True))
    except BaseException:
        remove_stored(f.path for f in stored)
        raise
    return stored


# -- the staged list the form carries --------------------------------------------------------

def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="lampiran-pengaduan")


def staged_token(files: Sequence[SavedFile]) -> str:
    if not files:
        return ""
    return _serializer().dumps([{"k": f.kunci, "n": f.nama, "m": f.jenis_mime, "s": f.ukuran,
                                 "h": f.sha256, "t": f.saved_at} for f in files])


def read_staged(token: str | None) -> list[SavedFile]:
    """The staged files a form names, if the list is ours (signed), recent and still on disk."""
    if not token:
        return []
    try:
        entries = _serializer().loads(token, max_age=STAGED_MAX_AGE)
    except BadData:
        return []
    directory = upload_root() / "staged"
    now = time.time()
    files = []
    for entry in entries:
        path = directory / entry["k"]
        if _KEY.match(entry["k"]) and now - entry["t"] <= STAGED_MAX_AGE and path.is_file():
            files.append(SavedFile(nama=entry["n"], jenis_mime=entry["m"], ukuran=entry["s"],
                                   sha256=entry["h"], path=path, saved_at=entry["t"]))
    return files


def update_staged(token: str | None, remove: Iterable[str],
                  uploads: Iterable[FileStorage]) -> tuple[list[SavedFile], list[str]]:
    """What a form carries after one send: the files staged before, less those the reporter
    ticked to remove (deleted now), plus the new uploads that pass the checks. Returns the
    files and the refusals, to show next to the field."""
    remove = set(remove)
    staged = read_staged(token)
    discard_staged(f for f in staged if f.kunci in remove)
    staged = [f for f in staged if f.kunci not in remove]
    uploads = [upload for upload in uploads if upload and upload.filename]
    if not uploads:
        return staged, []
    try:
        check_count(len(staged) + len(uploads))
    except DomainError as error:
        return staged, [error.message]
    problems = []
    for upload in uploads:
        try:
            staged.append(stage(upload))
        except DomainError as error:
            problems.append(error.message)
    return staged, problems
