"""Complaint attachments (DOMAIN.md): photos and PDFs, checked by their content, size-limited,
stored outside the web root under random names, photos re-encoded so no metadata (GPS) is kept.

A file travels in two steps. While the form is being filled in it is *staged* under
``PORTAL_UPLOAD_DIR/pengaduan/staged/``, listed in a signed hidden field: a browser cannot refill
a file input, so a form that comes back with an error would otherwise lose it. When the complaint
is filed, ``store_files`` copies the staged files to ``PORTAL_UPLOAD_DIR/pengaduan/`` under new
random names and the view adds their rows in the same transaction; should that transaction fail,
the view calls ``remove_stored``, so no stored file is ever left without its row. Staged files
go once the complaint is committed. Those of forms never sent stay behind; older than
``STAGED_MAX_AGE`` they are ignored, and ``flask complaints clean-files`` removes them.

A server process killed between writing a stored file and committing its row (kill -9, a power
cut) leaves a file no row names; the reporter got no receipt and files again. The same command
removes such files once they are older than a grace period (so a filing in flight is never
touched) and reports any row whose file is missing.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadData, URLSafeTimedSerializer
from werkzeug.datastructures import FileStorage

from portal.core import uploads
from portal.core.models import DomainError
from portal.core.uploads import MIME_JPEG, MIME_PDF, MIME_PNG

FIELD = "lampiran"
ACCEPTED = frozenset({MIME_JPEG, MIME_PNG, MIME_PDF})
SUFFIX = {MIME_JPEG: ".jpg", MIME_PNG: ".png", MIME_PDF: ".pdf"}
MAX_PIXELS = uploads.MAX_PIXELS
#: staged files (and the signed list naming them) older than this are ignored
STAGED_MAX_AGE = 24 * 3600
_KEY = re.compile(r"^[0-9a-f]{32}\.(jpg|png|pdf)$")
#: ``core.uploads.write``'s temporary name, left behind only by a process killed mid-write
_ABANDONED = re.compile(r"^\.tulis-[A-Za-z0-9_]+\.tmp$")


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

def _rules() -> uploads.UploadRules:
    mb = current_app.config["PORTAL_COMPLAINT_MAX_FILE_MB"]
    return uploads.UploadRules(
        field=FIELD, accepts=ACCEPTED.__contains__, max_bytes=mb * 1024 * 1024,
        too_large=lambda nama: _("Berkas %(nama)s lebih dari %(mb)s MB.", nama=nama, mb=mb),
        not_accepted=lambda nama: _("Berkas %(nama)s bukan JPEG, PNG, atau PDF.", nama=nama),
        too_many_pixels=lambda nama: _("Foto %(nama)s lebih dari %(mp)s megapiksel; perkecil "
                                       "dulu.", nama=nama, mp=MAX_PIXELS // 1_000_000),
        max_pixels=MAX_PIXELS)


def detect_mime(data: bytes) -> str | None:
    """The type by the file's first bytes, if it is one a complaint takes."""
    mime = uploads.detect_type(data)
    return mime if mime in ACCEPTED else None


def clean_name(filename: str | None) -> str:
    return uploads.clean_name(filename, "lampiran")


def check_count(n: int) -> None:
    limit = current_app.config["PORTAL_COMPLAINT_MAX_FILES"]
    if n > limit:
        raise DomainError(_("Paling banyak %(n)s berkas.", n=limit), FIELD)


def sanitise(data: bytes, nama: str) -> tuple[str, bytes]:
    """(type, bytes to keep) for one upload; refuses with a message naming the file."""
    return uploads.check(data, nama, _rules())


# -- on disk -----------------------------------------------------------------------------------

def upload_root() -> Path:
    return uploads.upload_dir("pengaduan")


def stored_path(kunci_simpan: str) -> Path:
    """Where the file of a LampiranPengaduan row lives."""
    return upload_root() / kunci_simpan


def remove_stored(paths: Iterable[Path]) -> None:
    uploads.remove(paths)


def discard_staged(files: Iterable[SavedFile]) -> None:
    remove_stored(f.path for f in files)


def stage(upload: FileStorage) -> SavedFile:
    """Check one upload and keep it under ``staged/`` until the form is sent successfully."""
    rules = _rules()
    nama = clean_name(upload.filename)
    mime, content = uploads.check(uploads.read(upload, rules), nama, rules)
    path = uploads.write(upload_root() / "staged", SUFFIX[mime], content)
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
            path = uploads.write(upload_root(), staged_file.path.suffix, data)
            stored.append(replace(staged_file, path=path, saved_at=time.time(), fresh=True))
    except BaseException:
        remove_stored(f.path for f in stored)
        raise
    return stored


# -- the name a desk shows ----------------------------------------------------------------------

def shown_name(lampiran, number: int, *, identity_visible: bool) -> str:
    """The name a desk shows and downloads a file under. A reporter's own file name may name
    them ("KTP_Siti.jpg"): where their identity is hidden (rahasia at the OPD, anonim), the file
    is "lampiran-2.jpg" instead."""
    if identity_visible:
        return clean_name(lampiran.nama_asli)
    return f"lampiran-{number}{SUFFIX.get(lampiran.jenis_mime, '')}"


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


# -- cleaning up after a crash ------------------------------------------------------------------

@dataclass(frozen=True)
class Cleaned:
    orphans: int
    staged: int
    missing: list[str]


def clean_files(known_keys: set[str], *, older_than_seconds: float,
                now: float | None = None) -> Cleaned:
    """Remove stored files that no row names and the temporary files of writes killed before
    their rename (both older than the grace period), and staged files of forms never sent
    (older than ``STAGED_MAX_AGE``); list rows whose file is gone."""
    now = time.time() if now is None else now
    root = upload_root()
    orphans = staged = 0
    on_disk = set()
    for path in root.iterdir() if root.is_dir() else ():
        if path.is_file() and _ABANDONED.match(path.name):
            # the temporary file of a write whose process was killed before its rename
            if now - path.stat().st_mtime >= older_than_seconds:
                path.unlink(missing_ok=True)
                orphans += 1
            continue
        if not path.is_file() or not _KEY.match(path.name):
            continue
        on_disk.add(path.name)
        if path.name not in known_keys and now - path.stat().st_mtime >= older_than_seconds:
            path.unlink(missing_ok=True)
            orphans += 1
    staged_dir = root / "staged"
    for path in staged_dir.iterdir() if staged_dir.is_dir() else ():
        if path.is_file() and now - path.stat().st_mtime >= max(STAGED_MAX_AGE,
                                                                  older_than_seconds):
            path.unlink(missing_ok=True)
            staged += 1
    return Cleaned(orphans, staged, sorted(known_keys - on_disk))
