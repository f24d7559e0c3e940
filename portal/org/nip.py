"""Nomor Induk Pegawai: 18 digits = birth date YYYYMMDD + CPNS/PPPK appointment YYYYMM
+ gender (1 male, 2 female) + a 3-digit sequence. A NIP whose date parts are not real dates is
invalid. Pure functions, no Flask."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

NIP_LENGTH = 18
_DIGITS = re.compile(r"^\d+$")


class NipError(ValueError):
    """The NIP is not valid; ``str(error)`` is a message fit for the user."""


@dataclass(frozen=True)
class NipParts:
    tanggal_lahir: date
    tmt_tahun: int
    tmt_bulan: int
    jenis_kelamin: str  #: "L" or "P"
    urutan: int


def clean_nip(raw: str) -> str:
    """Drop the spaces and dots people type when copying a NIP from a document."""
    return re.sub(r"[\s.\-]", "", raw or "")


def parse_nip(raw: str, *, today: date | None = None) -> NipParts:
    nip = clean_nip(raw)
    if not nip or not _DIGITS.match(nip):
        raise NipError(_l("NIP hanya boleh berisi angka."))
    if len(nip) != NIP_LENGTH:
        raise NipError(_l("NIP harus 18 angka."))
    try:
        lahir = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise NipError(_l("Tanggal lahir dalam NIP (angka 1–8) bukan tanggal yang benar.")) from None
    tmt_tahun, tmt_bulan = int(nip[8:12]), int(nip[12:14])
    today = today or date.today()
    if not 1 <= tmt_bulan <= 12:
        raise NipError(_l("Bulan pengangkatan dalam NIP (angka 13–14) harus 01 sampai 12."))
    if (tmt_tahun, tmt_bulan) <= (lahir.year, lahir.month) or (tmt_tahun, tmt_bulan) > (
        today.year + 1,
        today.month,
    ):
        raise NipError(_l("Tahun pengangkatan dalam NIP (angka 9–14) tidak masuk akal."))
    if lahir > today:
        raise NipError(_l("Tanggal lahir dalam NIP ada di masa depan."))
    gender = nip[14]
    if gender not in "12":
        raise NipError(_l("Angka ke-15 NIP (jenis kelamin) harus 1 atau 2."))
    urutan = int(nip[15:18])
    if urutan == 0:
        raise NipError(_l("Nomor urut dalam NIP (angka 16–18) tidak boleh 000."))
    return NipParts(lahir, tmt_tahun, tmt_bulan, "L" if gender == "1" else "P", urutan)


def is_valid_nip(raw: str) -> bool:
    try:
        parse_nip(raw)
    except NipError:
        return False
    return True


def make_nip(lahir: date, tmt_tahun: int, tmt_bulan: int, jenis_kelamin: str, urutan: int) -> str:
    return (
        f"{lahir:%Y%m%d}{tmt_tahun:04d}{tmt_bulan:02d}"
        f"{'1' if jenis_kelamin == 'L' else '2'}{urutan:03d}"
    )
