"""The read side of "Dari suara publik ke tindakan": the weakest unsur of a service's published
survey, the complaint categories that recur, the mapped catalogue activities, the activities
planned from them, and those that have taken place (for the public scorecard)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, selectinload

from portal.complaints.models import INVALID, KategoriPengaduan, Pengaduan
from portal.extensions import db
from portal.org.models import Layanan, Pegawai, UnitKerja
from portal.org.skm import UNSUR_KEYS
from portal.pembinaan.kompetensi.models import Kegiatan, PesertaKegiatan, StatusPeserta
from portal.pembinaan.suara.models import PemetaanSuara


def unsur_terlemah(nrr: tuple[float | None, ...] | list[float | None] | None) -> list[str]:
    """The unsur keys with the lowest NRR (all of them on a tie); none when nothing was
    published (no survey, or every figure hidden)."""
    values = [(v, key) for v, key in zip(nrr or (), UNSUR_KEYS, strict=False) if v is not None]
    if not values:
        return []
    lowest = min(v for v, _key in values)
    return [key for v, key in values if v == lowest]


def kategori_berulang(opd_id: int, sejak: datetime, minimum: int
                      ) -> dict[int, list[tuple[KategoriPengaduan, int]]]:
    """Per service of the OPD: the categories of at least ``minimum`` complaints received since
    ``sejak`` (refused and merged ones not counted), most first."""
    stmt = (sa.select(Pengaduan.layanan_id, Pengaduan.kategori, sa.func.count())
            .where(Pengaduan.opd_id == opd_id, Pengaduan.layanan_id.is_not(None),
                   Pengaduan.kategori.is_not(None), Pengaduan.diterima_at >= sejak,
                   Pengaduan.status.not_in(list(INVALID)))
            .group_by(Pengaduan.layanan_id, Pengaduan.kategori))
    result: dict[int, list[tuple[KategoriPengaduan, int]]] = defaultdict(list)
    order = {k: i for i, k in enumerate(KategoriPengaduan)}
    for layanan_id, kategori, count in db.session.execute(stmt):
        if count >= minimum:
            result[layanan_id].append((KategoriPengaduan(kategori), count))
    for rows in result.values():
        rows.sort(key=lambda row: (-row[1], order[row[0]]))
    return dict(result)


def pemetaan_pemda(pemda_id: int) -> list[PemetaanSuara]:
    return list(db.session.scalars(
        sa.select(PemetaanSuara).join(Kegiatan).where(PemetaanSuara.pemda_id == pemda_id)
        .options(contains_eager(PemetaanSuara.kegiatan).joinedload(Kegiatan.opd))
        .order_by(PemetaanSuara.sumber, PemetaanSuara.kode, Kegiatan.judul)))


def pemetaan_untuk_opd(pemda_id: int, opd_id: int) -> dict[tuple[str, str], list[PemetaanSuara]]:
    """(source, code) → the mapped activities this OPD's staff may join (its own and the
    pemda-wide ones)."""
    result: dict[tuple[str, str], list[PemetaanSuara]] = defaultdict(list)
    for row in pemetaan_pemda(pemda_id):
        if row.kegiatan.opd_id in (None, opd_id):
            result[row.sumber.value, row.kode].append(row)
    return dict(result)


def rencana_suara(opd_id: int) -> dict[int, list[Kegiatan]]:
    """Service id → the activities planned for it from the public's voice, newest first."""
    result: dict[int, list[Kegiatan]] = defaultdict(list)
    for kegiatan in db.session.scalars(
            sa.select(Kegiatan).where(Kegiatan.opd_id == opd_id, Kegiatan.layanan_id.is_not(None),
                                      Kegiatan.suara_sumber.is_not(None))
            .options(selectinload(Kegiatan.peserta))
            .order_by(Kegiatan.tanggal_mulai.desc(), Kegiatan.id.desc())):
        result[kegiatan.layanan_id].append(kegiatan)
    return dict(result)


def staf_layanan(layanan: Layanan) -> list[Pegawai]:
    """The active staff of the unit that delivers the service, and of the units under it."""
    if layanan.unit_id is None:
        return []
    units = {layanan.unit_id}
    rows = list(db.session.execute(sa.select(UnitKerja.id, UnitKerja.parent_id)
                                   .where(UnitKerja.opd_id == layanan.opd_id)))
    grew = True
    while grew:
        grew = False
        for unit_id, parent_id in rows:
            if parent_id in units and unit_id not in units:
                units.add(unit_id)
                grew = True
    return list(db.session.scalars(sa.select(Pegawai).where(
        Pegawai.unit_id.in_(units), Pegawai.aktif).order_by(Pegawai.nama)))


@dataclass(frozen=True)
class TindakLanjut:
    """An activity planned from the public's voice that has taken place: what the public
    scorecard tells (never who took part)."""

    opd_id: int
    layanan_id: int
    judul: str
    bentuk: str
    mulai: date
    selesai: date
    sumber: str
    kode: str


def tindak_lanjut_terlaksana(opd_ids: list[int], sampai: date) -> list[TindakLanjut]:
    """The OPDs' activities planned from the public's voice that ended before ``sampai`` (the
    end of the published quarter, exclusive) with at least one participant who attended."""
    if not opd_ids:
        return []
    attended = (sa.select(PesertaKegiatan.id)
                .where(PesertaKegiatan.kegiatan_id == Kegiatan.id,
                       PesertaKegiatan.status.in_([StatusPeserta.HADIR, StatusPeserta.SELESAI]))
                .exists())
    stmt = (sa.select(Kegiatan.opd_id, Kegiatan.layanan_id, Kegiatan.judul, Kegiatan.bentuk,
                      Kegiatan.tanggal_mulai, Kegiatan.tanggal_selesai, Kegiatan.suara_sumber,
                      Kegiatan.suara_kode)
            .where(Kegiatan.opd_id.in_(opd_ids), Kegiatan.layanan_id.is_not(None),
                   Kegiatan.suara_sumber.is_not(None), Kegiatan.tanggal_selesai < sampai,
                   attended)
            .order_by(Kegiatan.tanggal_mulai, Kegiatan.id))
    return [TindakLanjut(row[0], row[1], row[2], row[3].value, row[4], row[5], row[6].value,
                         row[7]) for row in db.session.execute(stmt)]
