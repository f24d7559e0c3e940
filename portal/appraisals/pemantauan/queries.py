"""Monitoring for admin OPD (and admin pemda across their pemda): completion per unit and period,
the predikat distribution and the report that puts them together with the calibration check.
Read side as ``select()`` statements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from portal.appraisals.evaluasi.models import Evaluasi, Predikat, StatusEvaluasi
from portal.appraisals.pemantauan.kalibrasi import CalibrationRow, check_calibration, rules_setting
from portal.appraisals.pemantauan.models import PredikatOrganisasi
from portal.appraisals.periode.models import Periode, TahunKinerja
from portal.appraisals.skp.models import Skp, StatusSkp
from portal.auth.models import User
from portal.core.roles import Role
from portal.extensions import db
from portal.org.models import Opd, Pegawai, UnitKerja

SUBMITTED = (StatusEvaluasi.DIAJUKAN, StatusEvaluasi.DISETUJUI)


# --- who may monitor what -----------------------------------------------------------------------

def opds_for(user: User) -> list[Opd]:
    """The OPDs the user may monitor: their own as admin OPD, every one of their pemda as admin
    pemda."""
    opd_ids = user.opd_ids_for(Role.ADMIN_OPD)
    pemda_ids = user.pemda_ids_for(Role.ADMIN_PEMDA)
    if not opd_ids and not pemda_ids:
        return []
    stmt = sa.select(Opd).where(Opd.aktif.is_(True), sa.or_(Opd.id.in_(opd_ids),
                                                            Opd.pemda_id.in_(pemda_ids)))
    return list(db.session.scalars(stmt.order_by(Opd.nama)))


def pemda_ids_for(user: User) -> set[int]:
    return set(user.pemda_ids_for(Role.ADMIN_PEMDA))


def periods_for(pemda_ids: Sequence[int]) -> list[Periode]:
    return list(db.session.scalars(
        sa.select(Periode).join(TahunKinerja)
        .where(TahunKinerja.pemda_id.in_(pemda_ids))
        .order_by(TahunKinerja.tahun.desc(), Periode.urutan)))


def default_periode(periods: Sequence[Periode], today: date) -> Periode | None:
    """The latest period already over (its evaluations are what is being done now), else the
    earliest one."""
    ended = [p for p in periods if p.selesai < today]
    if ended:
        return max(ended, key=lambda p: (p.selesai, -p.mulai.toordinal(), p.urutan))
    return min(periods, key=lambda p: (p.mulai, p.urutan)) if periods else None


# --- completion -----------------------------------------------------------------------------------

@dataclass
class Completion:
    """One row of the completion table: a unit (or an OPD, in the pemda overview)."""

    label: str
    pegawai: int
    skp_set: int
    diajukan: int
    disetujui: int
    terlambat: int

    def share(self, part: int) -> float | None:
        return part / self.pegawai if self.pegawai else None

    @classmethod
    def total(cls, rows: Sequence[Completion], label: str) -> Completion:
        return cls(label, *(sum(getattr(r, f) for r in rows)
                            for f in ("pegawai", "skp_set", "diajukan", "disetujui", "terlambat")))


def completion_counts(group_col, *where, tahun_kinerja_id: int,
                      periode_id: int | None) -> dict[int, tuple[int, int, int, int]]:
    """Per group (unit or OPD): active pegawai, SKP set in the year, evaluations of the period
    submitted, approved (0, 0 without a period). Three small grouped queries rather than one with
    outer joins: the SKP and evaluation ones start from the year's and the period's own rows
    (indexed), so a pemda of 100,000 staff is one scan of its pegawai plus a few thousand
    appraisal rows. The monitoring pages and the public scorecard both count with this."""
    active = (Pegawai.aktif.is_(True), *where)
    staff = dict(db.session.execute(
        sa.select(group_col, sa.func.count()).select_from(Pegawai).where(*active)
        .group_by(group_col)).all())
    skp = dict(db.session.execute(
        sa.select(group_col, sa.func.count(sa.distinct(Skp.pegawai_id)))
        .select_from(Skp).join(Pegawai, Pegawai.id == Skp.pegawai_id)
        .where(Skp.tahun_kinerja_id == tahun_kinerja_id,
               Skp.status == StatusSkp.DISETUJUI, *active)
        .group_by(group_col)).all())
    evaluations = {} if periode_id is None else {row[0]: row[1:] for row in db.session.execute(
        sa.select(group_col,
                  sa.func.count(sa.case((Evaluasi.status.in_(SUBMITTED), 1))),
                  sa.func.count(sa.case((Evaluasi.status == StatusEvaluasi.DISETUJUI, 1))))
        .select_from(Evaluasi).join(Pegawai, Pegawai.id == Evaluasi.pegawai_id)
        .where(Evaluasi.periode_id == periode_id, *active)
        .group_by(group_col))}
    return {key: (n, skp.get(key, 0), *evaluations.get(key, (0, 0)))
            for key, n in staff.items()}


def predikat_counts(group_col, periode_id: int, *where) -> dict[int, dict[Predikat, int]]:
    """Per group: approved evaluations of the period per predikat (only those present)."""
    result: dict[int, dict[Predikat, int]] = {}
    for key, predikat, n in db.session.execute(
            sa.select(group_col, Evaluasi.predikat, sa.func.count())
            .join(Pegawai, Pegawai.id == Evaluasi.pegawai_id)
            .where(Evaluasi.periode_id == periode_id, Evaluasi.status == StatusEvaluasi.DISETUJUI,
                   Evaluasi.predikat.is_not(None), *where)
            .group_by(group_col, Evaluasi.predikat)):
        result.setdefault(key, {})[Predikat(predikat)] = n
    return result


def _period_counts(periode: Periode, group_col, *where) -> dict[int, tuple[int, int, int, int]]:
    return completion_counts(group_col, *where, tahun_kinerja_id=periode.tahun_kinerja_id,
                             periode_id=periode.id)


def _overdue(periode: Periode, today: date, pegawai: int, disetujui: int) -> int:
    """Past the period's deadline and not approved (including those never started)."""
    return pegawai - disetujui if today > periode.batas else 0


def completion_by_unit(opd: Opd, periode: Periode, today: date,
                       unit_id: int | None = None) -> list[Completion]:
    where = [Pegawai.opd_id == opd.id]
    if unit_id:
        where.append(Pegawai.unit_id == unit_id)
    counts = _period_counts(periode, Pegawai.unit_id, *where)
    units = db.session.scalars(sa.select(UnitKerja).where(UnitKerja.id.in_(counts))
                               .order_by(UnitKerja.nama))
    rows = []
    for unit in units:
        n, skp, diajukan, disetujui = counts[unit.id]
        rows.append(Completion(unit.nama, n, skp, diajukan, disetujui,
                               _overdue(periode, today, n, disetujui)))
    return rows


def completion_by_opd(pemda_id: int, periode: Periode, today: date) -> list[Completion]:
    opd_ids = sa.select(Opd.id).where(Opd.pemda_id == pemda_id)
    counts = _period_counts(periode, Pegawai.opd_id, Pegawai.opd_id.in_(opd_ids))
    opds = db.session.scalars(sa.select(Opd).where(Opd.id.in_(counts)).order_by(Opd.nama))
    rows = []
    for opd in opds:
        n, skp, diajukan, disetujui = counts[opd.id]
        rows.append(Completion(opd.nama, n, skp, diajukan, disetujui,
                               _overdue(periode, today, n, disetujui)))
    return rows


# --- distribution and calibration ------------------------------------------------------------------

def distribution(opd: Opd, periode: Periode, unit_id: int | None = None) -> dict[Predikat, int]:
    """Approved evaluations of the OPD in the period, per predikat (every predikat present)."""
    where = [Pegawai.opd_id == opd.id]
    if unit_id:
        where.append(Pegawai.unit_id == unit_id)
    counts = dict.fromkeys(Predikat, 0)
    counts.update(predikat_counts(Pegawai.opd_id, periode.id, *where).get(opd.id, {}))
    return counts


def predikat_organisasi(opd: Opd) -> PredikatOrganisasi | None:
    return db.session.scalar(sa.select(PredikatOrganisasi).where(PredikatOrganisasi.opd_id == opd.id))


def predikat_organisasi_by_opd(opds: list[Opd]) -> dict[int, PredikatOrganisasi]:
    """The organisation predikat of many OPDs in one query."""
    ids = [opd.id for opd in opds]
    return {row.opd_id: row for row in db.session.scalars(
        sa.select(PredikatOrganisasi).where(PredikatOrganisasi.opd_id.in_(ids)))}


# --- the page's data and downloads ------------------------------------------------------------------

@dataclass
class Report:
    opd: Opd | None
    pemda_id: int | None
    periode: Periode
    unit_id: int | None
    today: date
    rows: list[Completion]
    total: Completion
    counts: dict[Predikat, int] | None
    predikat_org: PredikatOrganisasi | None
    calibration: list[CalibrationRow] | None


def build_report(opd: Opd | None, pemda_id: int | None, periode: Periode, today: date,
                 unit_id: int | None = None) -> Report:
    """For one OPD (rows per unit, with the distribution and calibration), or, with no OPD, for
    the whole pemda (rows per OPD)."""
    if opd is None:
        rows = completion_by_opd(pemda_id, periode, today)
        return Report(None, pemda_id, periode, None, today, rows,
                      Completion.total(rows, _("Jumlah")), None, None, None)
    rows = completion_by_unit(opd, periode, today, unit_id)
    counts = distribution(opd, periode, unit_id)
    org = predikat_organisasi(opd)
    calibration = check_calibration(counts, rules_setting()[org.predikat.value]) if org else None
    return Report(opd, opd.pemda_id, periode, unit_id, today, rows,
                  Completion.total(rows, _("Jumlah")), counts, org, calibration)
