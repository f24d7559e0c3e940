"""The read side of coaching plans: a pegawai's, a penilai's subordinates', an OPD's; what the
review panel and monitoring show; and the raw counts of the public scorecard (no name, no id)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from portal.appraisals.evaluasi.models import Evaluasi, StatusEvaluasi
from portal.extensions import db
from portal.org.models import Opd, Pegawai
from portal.pembinaan.rencana.models import (
    PREDIKAT_PEMBINAAN,
    RENCANA_SELESAI,
    AksiRencana,
    RencanaPembinaan,
    StatusRencana,
)


def _with_people(stmt):
    return stmt.options(joinedload(RencanaPembinaan.pegawai),
                        selectinload(RencanaPembinaan.aksi).joinedload(AksiRencana.peserta))


def milik(pegawai_id: int) -> list[RencanaPembinaan]:
    return list(db.session.scalars(_with_people(sa.select(RencanaPembinaan)).where(
        RencanaPembinaan.pegawai_id == pegawai_id).order_by(RencanaPembinaan.id.desc())))


def bawahan(penilai_id: int) -> list[RencanaPembinaan]:
    """The plans of a penilai's direct subordinates, those needing a step first."""
    order = sa.case((RencanaPembinaan.status == StatusRencana.DIUSULKAN, 0),
                    (RencanaPembinaan.status == StatusRencana.DISUSUN, 1),
                    (RencanaPembinaan.status == StatusRencana.BERJALAN, 2), else_=3)
    return list(db.session.scalars(
        _with_people(sa.select(RencanaPembinaan))
        .join(Pegawai, RencanaPembinaan.pegawai_id == Pegawai.id)
        .where(Pegawai.atasan_id == penilai_id)
        .order_by(order, RencanaPembinaan.batas_susun, RencanaPembinaan.id.desc())))


def untuk_opd(opd_id: int, status: StatusRencana | None = None) -> list[RencanaPembinaan]:
    stmt = (_with_people(sa.select(RencanaPembinaan))
            .join(Pegawai, RencanaPembinaan.pegawai_id == Pegawai.id)
            .where(Pegawai.opd_id == opd_id))
    if status is not None:
        stmt = stmt.where(RencanaPembinaan.status == status)
    return list(db.session.scalars(stmt.order_by(Pegawai.nama, RencanaPembinaan.id.desc())))


def untuk_penilaian(pegawai_id: int, sejak: date) -> list[RencanaPembinaan]:
    """For the next evaluation's review: plans not closed, and plans closed since ``sejak``."""
    since = datetime.combine(sejak, time.min)
    return list(db.session.scalars(
        _with_people(sa.select(RencanaPembinaan))
        .options(selectinload(RencanaPembinaan.dialog))
        .where(RencanaPembinaan.pegawai_id == pegawai_id,
               sa.or_(RencanaPembinaan.ditutup_at.is_(None),
                      RencanaPembinaan.ditutup_at >= since))
        .order_by(RencanaPembinaan.id.desc())))


def _scope(stmt, opd: Opd | None, pemda_id: int):
    stmt = stmt.join(Opd, RencanaPembinaan.opd_id == Opd.id)
    if opd is not None:
        return stmt.where(Opd.id == opd.id)
    return stmt.where(Opd.pemda_id == pemda_id)


def belum_dibuka_lewat_batas(opd: Opd | None, pemda_id: int,
                             today: date) -> list[RencanaPembinaan]:
    """Proposed plans their penilai never opened, past the days the setting allows."""
    return list(db.session.scalars(_scope(
        _with_people(sa.select(RencanaPembinaan)), opd, pemda_id)
        .options(joinedload(RencanaPembinaan.penilai))
        .where(RencanaPembinaan.status == StatusRencana.DIUSULKAN,
               RencanaPembinaan.batas_susun < today)
        .order_by(RencanaPembinaan.batas_susun, RencanaPembinaan.id)))


def ringkasan_status(opd: Opd | None, pemda_id: int) -> dict[StatusRencana, int]:
    rows = db.session.execute(_scope(
        sa.select(RencanaPembinaan.status, sa.func.count()), opd, pemda_id)
        .group_by(RencanaPembinaan.status)).all()
    return {StatusRencana(status): n for status, n in rows}


# --- the public figures ----------------------------------------------------------------------

@dataclass
class RencanaOpd:
    """Raw counts of one OPD's year to date for the scorecard; the snapshot applies the
    privacy minimum."""

    #: final evaluations of the year rated Butuh Perbaikan or lower, approved at least the
    #: setting's days before the cut-off (so a plan could have been agreed in time)
    predikat_rendah: int = 0
    #: of those, with their plan agreed within the days
    disepakati_tepat: int = 0
    #: plans closed berhasil or tidak berhasil in the year
    ditutup: int = 0
    berhasil: int = 0

    def tambah(self, other: RencanaOpd) -> None:
        for name in ("predikat_rendah", "disepakati_tepat", "ditutup", "berhasil"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def rencana_per_opd(opd_ids: list[int], tahun: int, sebelum: date,
                    hari: int) -> dict[int, RencanaOpd]:
    """Per OPD: low predikat with a plan agreed within ``hari`` days, and plans closed, counted
    up to ``sebelum`` (the publication's cut-off). Two grouped queries."""
    from portal.appraisals.periode.models import Periode, TahunKinerja

    out = {opd_id: RencanaOpd() for opd_id in opd_ids}
    if not opd_ids:
        return out
    cutoff = datetime.combine(sebelum, time.min)
    approved_by = cutoff - timedelta(days=hari)
    agreed_in_time = sa.and_(
        RencanaPembinaan.disepakati_at.is_not(None),
        RencanaPembinaan.disepakati_at < cutoff,
        sa.func.julianday(RencanaPembinaan.disepakati_at)
        - sa.func.julianday(Evaluasi.disetujui_at) <= hari
        if db.engine.dialect.name == "sqlite"
        else RencanaPembinaan.disepakati_at <= Evaluasi.disetujui_at + timedelta(days=hari))
    rows = db.session.execute(
        sa.select(Pegawai.opd_id, sa.func.count(Evaluasi.id),
                  sa.func.count(RencanaPembinaan.id).filter(agreed_in_time))
        .join(Pegawai, Evaluasi.pegawai_id == Pegawai.id)
        .join(Periode, Evaluasi.periode_id == Periode.id)
        .join(TahunKinerja, Periode.tahun_kinerja_id == TahunKinerja.id)
        .outerjoin(RencanaPembinaan, RencanaPembinaan.evaluasi_id == Evaluasi.id)
        .where(Pegawai.opd_id.in_(opd_ids), TahunKinerja.tahun == tahun,
               Evaluasi.status == StatusEvaluasi.DISETUJUI,
               Evaluasi.predikat.in_(PREDIKAT_PEMBINAAN),
               Evaluasi.disetujui_at <= approved_by)
        .group_by(Pegawai.opd_id)).all()
    for opd_id, rendah, tepat in rows:
        out[opd_id].predikat_rendah, out[opd_id].disepakati_tepat = rendah, tepat
    start = datetime(tahun, 1, 1)
    rows = db.session.execute(
        sa.select(RencanaPembinaan.opd_id, sa.func.count(),
                  sa.func.count().filter(RencanaPembinaan.status == StatusRencana.BERHASIL))
        .where(RencanaPembinaan.opd_id.in_(opd_ids),
               RencanaPembinaan.status.in_(RENCANA_SELESAI),
               RencanaPembinaan.ditutup_at >= start, RencanaPembinaan.ditutup_at < cutoff)
        .group_by(RencanaPembinaan.opd_id)).all()
    for opd_id, ditutup, berhasil in rows:
        out[opd_id].ditutup, out[opd_id].berhasil = ditutup, berhasil
    return out
