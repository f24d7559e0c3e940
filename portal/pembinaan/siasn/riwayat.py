"""The riwayat kursus columns, the form ↔ jenisDiklatId mapping (a setting), the date format,
and the OPD's counted records as export rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from portal.core.csvfile import csv_text
from portal.extensions import db
from portal.org.models import Opd, Pegawai
from portal.pembinaan.kompetensi.models import (
    BentukKegiatan,
    Kegiatan,
    PembelajaranMandiri,
    PesertaKegiatan,
    StatusMandiri,
    StatusPeserta,
)
from portal.pembinaan.settings import setting

#: SIASN's key for a person first, then the riwayat kursus fields, in this order
COLUMNS = ("nipBaru", "namaKursus", "institusiPenyelenggara", "jenisDiklatId", "jumlahJam",
           "nomorSertipikat", "tanggalKursus", "tanggalSelesaiKursus", "tahunKursus")
#: the date format SIASN shows and takes
DATE_FORMAT = "%d-%m-%Y"


def format_tanggal(day: date) -> str:
    return day.strftime(DATE_FORMAT)


def parse_tanggal(text: str) -> date | None:
    """A dd-mm-yyyy date, or None when the text is not one."""
    try:
        return datetime.strptime(text.strip(), DATE_FORMAT).date()
    except ValueError:
        return None


def jenis_diklat() -> dict[str, str]:
    """Form → jenisDiklatId, as set."""
    return {str(k): str(v) for k, v in dict(setting("PORTAL_PEMBINAAN_SIASN_JENIS_DIKLAT")).items()}


def bentuk_dari_jenis() -> dict[str, BentukKegiatan]:
    """jenisDiklatId → the first form the setting lists for it."""
    known = {b.value for b in BentukKegiatan}
    found: dict[str, BentukKegiatan] = {}
    for bentuk, ident in jenis_diklat().items():
        if bentuk in known:
            found.setdefault(ident, BentukKegiatan(bentuk))
    return found


@dataclass
class Baris:
    nip: str
    nama_kursus: str
    penyelenggara: str
    bentuk: BentukKegiatan
    jp: int
    nomor: str | None
    mulai: date
    selesai: date
    tahun: int


def counted(opd: Opd, tahun: int | None = None) -> list[Baris]:
    """The OPD's staff's records that count: catalogue participations completed and verified
    self-learning (imported records included), by pegawai and date."""
    peserta = (sa.select(Pegawai.nip, Pegawai.nama, Kegiatan.judul, Kegiatan.penyelenggara,
                         Kegiatan.bentuk, PesertaKegiatan.jp_diakui,
                         PesertaKegiatan.nomor_sertifikat, Kegiatan.tanggal_mulai,
                         Kegiatan.tanggal_selesai, PesertaKegiatan.tahun)
               .join(PesertaKegiatan, PesertaKegiatan.pegawai_id == Pegawai.id)
               .join(Kegiatan, PesertaKegiatan.kegiatan_id == Kegiatan.id)
               .where(Pegawai.opd_id == opd.id, PesertaKegiatan.status == StatusPeserta.SELESAI))
    mandiri = (sa.select(Pegawai.nip, Pegawai.nama, PembelajaranMandiri.judul,
                         PembelajaranMandiri.penyelenggara, PembelajaranMandiri.bentuk,
                         PembelajaranMandiri.jp_diakui, PembelajaranMandiri.nomor_sertifikat,
                         PembelajaranMandiri.tanggal_mulai, PembelajaranMandiri.tanggal_selesai,
                         PembelajaranMandiri.tahun)
               .join(PembelajaranMandiri, PembelajaranMandiri.pegawai_id == Pegawai.id)
               .where(Pegawai.opd_id == opd.id,
                      PembelajaranMandiri.status == StatusMandiri.DIVERIFIKASI))
    if tahun is not None:
        peserta = peserta.where(PesertaKegiatan.tahun == tahun)
        mandiri = mandiri.where(PembelajaranMandiri.tahun == tahun)
    rows = [*db.session.execute(peserta), *db.session.execute(mandiri)]
    rows.sort(key=lambda r: (r[1], r[0], r[7], r[2]))
    return [Baris(nip, judul, penyelenggara, BentukKegiatan(bentuk), jp or 0, nomor, mulai,
                  selesai, tahun_) for nip, _nama, judul, penyelenggara, bentuk, jp, nomor, mulai,
            selesai, tahun_ in rows]


def to_csv(rows: list[Baris]) -> str:
    ids = jenis_diklat()
    return csv_text(list(COLUMNS), [
        [r.nip, r.nama_kursus, r.penyelenggara, ids.get(r.bentuk.value, ""), r.jp, r.nomor or "",
         format_tanggal(r.mulai), format_tanggal(r.selesai), r.tahun] for r in rows])
