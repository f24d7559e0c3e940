"""All-or-nothing import of past training records in the riwayat kursus columns, by the admin
OPD: every bad row is reported with its row number and reason and nothing is written unless the
whole file is good; on success each row becomes verified self-learning (its JP count) with an
audit entry naming the import."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from portal.core.csvfile import ImportResult, RowError, csv_reader, data_rows, decode_csv
from portal.core.models import record_audit, utcnow
from portal.extensions import db
from portal.org.models import Opd, Pegawai
from portal.org.nip import NipError, clean_nip, parse_nip
from portal.pembinaan.kompetensi.jp import jp_kegiatan
from portal.pembinaan.kompetensi.models import (
    BentukKegiatan,
    JenisKompetensi,
    Kegiatan,
    PembelajaranMandiri,
    PesertaKegiatan,
    StatusMandiri,
    StatusPeserta,
)
from portal.pembinaan.settings import aturan_jp
from portal.pembinaan.siasn.riwayat import COLUMNS, bentuk_dari_jenis, parse_tanggal

#: csv_reader lower-cases the header
KEYS = {name: name.lower() for name in COLUMNS}
REQUIRED = ("nipBaru", "namaKursus", "institusiPenyelenggara", "jenisDiklatId", "jumlahJam",
            "tanggalKursus", "tanggalSelesaiKursus")
MAX_JP = 2000
LIMITS = {"namaKursus": 300, "institusiPenyelenggara": 200, "nomorSertipikat": 120}
KOMPETENSI = {BentukKegiatan.PELATIHAN_STRUKTURAL: JenisKompetensi.MANAJERIAL,
              BentukKegiatan.PELATIHAN_MANAJERIAL: JenisKompetensi.MANAJERIAL,
              BentukKegiatan.PELATIHAN_SOSIOKULTURAL: JenisKompetensi.SOSIOKULTURAL}
#: records that no longer stand do not make a row a duplicate
GONE_PESERTA = (StatusPeserta.DITOLAK, StatusPeserta.DIBATALKAN, StatusPeserta.TIDAK_HADIR)
GONE_MANDIRI = (StatusMandiri.DITOLAK, StatusMandiri.DIBATALKAN)


@dataclass
class _Row:
    number: int
    nip: str
    nama: str
    penyelenggara: str
    bentuk: BentukKegiatan
    jp: int
    nomor: str | None
    mulai: date
    selesai: date

    @property
    def key(self) -> tuple:
        return (self.nip, self.nama.casefold(), self.mulai, self.selesai)


def _parse(number: int, raw: dict[str, str], jenis: dict[str, BentukKegiatan], today: date,
           problems: list[str]) -> _Row | None:
    get = {name: raw.get(key, "") for name, key in KEYS.items()}
    for name in REQUIRED:
        if not get[name]:
            problems.append(_("kolom %(kolom)s kosong", kolom=name))
    for name, limit in LIMITS.items():
        if len(get[name]) > limit:
            problems.append(_("kolom %(kolom)s lebih dari %(n)s karakter", kolom=name, n=limit))
    nip = clean_nip(get["nipBaru"])
    if nip:
        try:
            parse_nip(nip)
        except NipError as error:
            problems.append(_("nipBaru %(nip)s: %(alasan)s", nip=nip, alasan=str(error)))
    bentuk = jenis.get(get["jenisDiklatId"])
    if get["jenisDiklatId"] and bentuk is None:
        problems.append(_("jenisDiklatId \"%(id)s\" tidak dikenal; yang dikenal: %(daftar)s",
                          id=get["jenisDiklatId"], daftar=", ".join(sorted(jenis))))
    jp = int(get["jumlahJam"]) if re.fullmatch(r"[0-9]{1,6}", get["jumlahJam"]) else None
    if get["jumlahJam"] and not jp:
        problems.append(_("jumlahJam \"%(nilai)s\" harus bilangan bulat positif",
                          nilai=get["jumlahJam"]))
    elif jp and jp > MAX_JP:
        problems.append(_("jumlahJam paling banyak %(n)s", n=MAX_JP))
    dates = {}
    for name in ("tanggalKursus", "tanggalSelesaiKursus"):
        dates[name] = parse_tanggal(get[name]) if get[name] else None
        if get[name] and dates[name] is None:
            problems.append(_("%(kolom)s \"%(nilai)s\" bukan tanggal dd-mm-yyyy",
                              kolom=name, nilai=get[name]))
    mulai, selesai = dates["tanggalKursus"], dates["tanggalSelesaiKursus"]
    if mulai and selesai and selesai < mulai:
        problems.append(_("tanggalSelesaiKursus sebelum tanggalKursus"))
    if selesai and selesai > today:
        problems.append(_("tanggalSelesaiKursus setelah hari ini; yang diimpor hanya riwayat"))
    tahun = get["tahunKursus"]
    if tahun and selesai and tahun != str(selesai.year):
        problems.append(_("tahunKursus %(tahun)s tidak sama dengan tahun tanggalSelesaiKursus",
                          tahun=tahun))
    if problems:
        return None
    return _Row(number, nip, get["namaKursus"], get["institusiPenyelenggara"], bentuk, jp,
                get["nomorSertipikat"] or None, mulai, selesai)


def _people(nips: set[str]) -> dict[str, Pegawai]:
    return {p.nip: p for p in db.session.scalars(sa.select(Pegawai).where(Pegawai.nip.in_(nips)))}


def _existing(pegawai_ids: set[int]) -> tuple[dict[tuple, str], dict[tuple, str]]:
    """(pegawai id, name, start, end) and (pegawai id, certificate number) of the records
    already in the portal → how to name them."""
    by_key: dict[tuple, str] = {}
    by_nomor: dict[tuple, str] = {}
    peserta = db.session.execute(
        sa.select(PesertaKegiatan.pegawai_id, Kegiatan.judul, Kegiatan.tanggal_mulai,
                  Kegiatan.tanggal_selesai, PesertaKegiatan.nomor_sertifikat)
        .join(Kegiatan, PesertaKegiatan.kegiatan_id == Kegiatan.id)
        .where(PesertaKegiatan.pegawai_id.in_(pegawai_ids),
               PesertaKegiatan.status.not_in(GONE_PESERTA)))
    mandiri = db.session.execute(
        sa.select(PembelajaranMandiri.pegawai_id, PembelajaranMandiri.judul,
                  PembelajaranMandiri.tanggal_mulai, PembelajaranMandiri.tanggal_selesai,
                  PembelajaranMandiri.nomor_sertifikat)
        .where(PembelajaranMandiri.pegawai_id.in_(pegawai_ids),
               PembelajaranMandiri.status.not_in(GONE_MANDIRI)))
    for pegawai_id, judul, mulai, selesai, nomor in [*peserta, *mandiri]:
        name = f"{judul} ({mulai.isoformat()})"
        by_key[(pegawai_id, judul.casefold(), mulai, selesai)] = name
        if nomor:
            by_nomor[(pegawai_id, nomor.casefold())] = name
    return by_key, by_nomor


def import_riwayat_csv(actor, opd: Opd, data: bytes, *, max_rows: int = 20000,
                       berkas: str = "", today: date) -> ImportResult:
    result = ImportResult()
    reader = csv_reader(decode_csv(data), [KEYS[name] for name in COLUMNS])
    jenis = bentuk_dari_jenis()
    rows: list[_Row] = []
    seen: dict[tuple, int] = {}
    for number, raw in data_rows(reader, max_rows):
        problems: list[str] = []
        row = _parse(number, raw, jenis, today, problems)
        if row is not None and row.key in seen:
            problems.append(_("sama dengan baris %(baris)s", baris=seen[row.key]))
        if problems:
            result.errors.extend(RowError(number, problem) for problem in problems)
            continue
        seen[row.key] = number
        rows.append(row)

    people = _people({row.nip for row in rows})
    by_key, by_nomor = _existing({p.id for p in people.values() if p.opd_id == opd.id})
    for row in rows:
        pegawai = people.get(row.nip)
        if pegawai is None:
            result.errors.append(RowError(row.number, _("NIP %(nip)s tidak terdaftar di portal",
                                                        nip=row.nip)))
        elif pegawai.opd_id != opd.id:
            result.errors.append(RowError(row.number, _("pegawai %(nip)s bukan pegawai %(opd)s",
                                                        nip=row.nip, opd=opd.nama)))
        elif (found := by_key.get((pegawai.id, row.nama.casefold(), row.mulai, row.selesai))
              or (row.nomor and by_nomor.get((pegawai.id, row.nomor.casefold())))):
            result.errors.append(RowError(row.number, _("sudah tercatat di portal: %(kursus)s",
                                                        kursus=found)))
    if result.errors:
        result.errors.sort(key=lambda e: e.row)
        return result
    _write(actor, opd, rows, people, berkas, result)
    return result


def _write(actor, opd: Opd, rows: list[_Row], people: dict[str, Pegawai], berkas: str,
           result: ImportResult) -> None:
    aturan, now = aturan_jp(), utcnow()
    items = []
    for row in rows:
        item = PembelajaranMandiri(
            pegawai=people[row.nip], judul=row.nama, bentuk=row.bentuk,
            penyelenggara=row.penyelenggara,
            kompetensi=KOMPETENSI.get(row.bentuk, JenisKompetensi.TEKNIS),
            tanggal_mulai=row.mulai, tanggal_selesai=row.selesai, jp_tertulis=row.jp,
            nomor_sertifikat=row.nomor, status=StatusMandiri.DIVERIFIKASI,
            jp_diakui=jp_kegiatan(row.bentuk.value, row.jp, aturan), tahun=row.selesai.year,
            diverifikasi_oleh_id=actor.id, diverifikasi_at=now)
        db.session.add(item)
        items.append((row, item))
    db.session.flush()
    # audit comments are records, kept in the source language whatever the admin's locale
    berkas = berkas or "tanpa nama"
    for row, item in items:
        record_audit(actor, item, "diimpor", to_state=StatusMandiri.DIVERIFIKASI.value,
                     comment=f"Impor CSV riwayat kursus SIASN ({berkas}), baris {row.number}")
    record_audit(actor, opd, "riwayat_kursus_diimpor",
                 comment=f"{len(items)} riwayat kursus dari CSV ({berkas})")
    result.created = len(items)
    db.session.flush()
