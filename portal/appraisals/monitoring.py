"""Monitoring for admin OPD (and admin pemda across their pemda): completion per unit and period,
the predikat distribution checked against the calibration rule of the OPD's organisation
predikat, the organisation predikat itself (set by admin pemda), and the same tables as CSV and
XLSX. Read side as ``select()`` statements; ``check_calibration`` is a pure function."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from portal.appraisals.access import is_admin_pemda_of
from portal.appraisals.models import (
    PREDIKAT_LABEL,
    Evaluasi,
    Periode,
    Predikat,
    Skp,
    StatusEvaluasi,
    StatusSkp,
    TahunKinerja,
)
from portal.appraisals.models_feedback import (
    PredikatOrganisasi,
    PredikatOrganisasiNilai,
)
from portal.appraisals.settings import setting
from portal.auth.models import User
from portal.core.models import DomainError, record_audit
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


def _completion_counts(periode: Periode, group_col, *where) -> dict[int, tuple[int, ...]]:
    """Per group (unit or OPD): active pegawai, SKP set, evaluations submitted, approved.
    Three small grouped queries rather than one with outer joins: the SKP and evaluation ones
    start from the year's and the period's own rows (indexed), so a pemda of 100,000 staff is
    one scan of its pegawai plus a few thousand appraisal rows."""
    active = (Pegawai.aktif.is_(True), *where)
    staff = dict(db.session.execute(
        sa.select(group_col, sa.func.count()).select_from(Pegawai).where(*active)
        .group_by(group_col)).all())
    skp = dict(db.session.execute(
        sa.select(group_col, sa.func.count(sa.distinct(Skp.pegawai_id)))
        .select_from(Skp).join(Pegawai, Pegawai.id == Skp.pegawai_id)
        .where(Skp.tahun_kinerja_id == periode.tahun_kinerja_id,
               Skp.status == StatusSkp.DISETUJUI, *active)
        .group_by(group_col)).all())
    evaluations = {row[0]: row[1:] for row in db.session.execute(
        sa.select(group_col,
                  sa.func.count(sa.case((Evaluasi.status.in_(SUBMITTED), 1))),
                  sa.func.count(sa.case((Evaluasi.status == StatusEvaluasi.DISETUJUI, 1))))
        .select_from(Evaluasi).join(Pegawai, Pegawai.id == Evaluasi.pegawai_id)
        .where(Evaluasi.periode_id == periode.id, *active)
        .group_by(group_col))}
    return {key: (n, skp.get(key, 0), *evaluations.get(key, (0, 0)))
            for key, n in staff.items()}


def _overdue(periode: Periode, today: date, pegawai: int, disetujui: int) -> int:
    """Past the period's deadline and not approved (including those never started)."""
    return pegawai - disetujui if today > periode.batas else 0


def completion_by_unit(opd: Opd, periode: Periode, today: date,
                       unit_id: int | None = None) -> list[Completion]:
    where = [Pegawai.opd_id == opd.id]
    if unit_id:
        where.append(Pegawai.unit_id == unit_id)
    counts = _completion_counts(periode, Pegawai.unit_id, *where)
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
    counts = _completion_counts(periode, Pegawai.opd_id, Pegawai.opd_id.in_(opd_ids))
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
    stmt = (sa.select(Evaluasi.predikat, sa.func.count())
            .join(Pegawai, Pegawai.id == Evaluasi.pegawai_id)
            .where(Pegawai.opd_id == opd.id, Evaluasi.periode_id == periode.id,
                   Evaluasi.status == StatusEvaluasi.DISETUJUI, Evaluasi.predikat.is_not(None))
            .group_by(Evaluasi.predikat))
    if unit_id:
        stmt = stmt.where(Pegawai.unit_id == unit_id)
    counts = dict.fromkeys(Predikat, 0)
    for predikat, n in db.session.execute(stmt):
        counts[Predikat(predikat)] = n
    return counts


@dataclass(frozen=True)
class CalibrationRow:
    """One line of the rule against the actual distribution. ``state``: "sesuai", "lebih"
    (above the maximum share) or "kurang" (below the minimum share)."""

    predikat: tuple[Predikat, ...]
    jumlah: int
    share: float | None
    minimum: float | None
    maksimum: float | None
    state: str

    @property
    def label(self) -> str:
        return " + ".join(str(PREDIKAT_LABEL[p]) for p in self.predikat)


def validate_rules(rules: Mapping[str, Sequence[Mapping]]) -> None:
    """Every organisation predikat has a list of rows naming known staff predikat, with shares
    between 0 and 1 (a mistyped setting must not silently pass an OPD)."""
    for key in PredikatOrganisasiNilai:
        for row in rules[key.value]:
            for p in row["predikat"]:
                Predikat(p)
            for bound in ("min", "max"):
                if bound in row and not 0 <= float(row[bound]) <= 1:
                    raise ValueError(f"calibration share out of range: {row}")


def rules_setting() -> Mapping[str, Sequence[Mapping]]:
    rules = setting("PORTAL_CALIBRATION_RULES")
    validate_rules(rules)
    return rules


def check_calibration(counts: Mapping[Predikat, int], rule: Sequence[Mapping]
                      ) -> list[CalibrationRow]:
    """Each row of ``rule`` against ``counts``; with nobody rated yet every share is None and
    nothing is flagged."""
    total = sum(counts.values())
    rows = []
    for item in rule:
        group = tuple(Predikat(p) for p in item["predikat"])
        n = sum(counts.get(p, 0) for p in group)
        share = n / total if total else None
        low, high = item.get("min"), item.get("max")
        state = "sesuai"
        if share is not None and high is not None and share > float(high) + 1e-9:
            state = "lebih"
        elif share is not None and low is not None and share < float(low) - 1e-9:
            state = "kurang"
        rows.append(CalibrationRow(group, n, share, None if low is None else float(low),
                                   None if high is None else float(high), state))
    return rows


def predikat_organisasi(opd: Opd) -> PredikatOrganisasi | None:
    return db.session.scalar(sa.select(PredikatOrganisasi).where(PredikatOrganisasi.opd_id == opd.id))


def predikat_organisasi_by_opd(opds: list[Opd]) -> dict[int, PredikatOrganisasi]:
    """The organisation predikat of many OPDs in one query."""
    ids = [opd.id for opd in opds]
    return {row.opd_id: row for row in db.session.scalars(
        sa.select(PredikatOrganisasi).where(PredikatOrganisasi.opd_id.in_(ids)))}


def set_predikat_organisasi(actor: User, opd: Opd, value: str | None) -> PredikatOrganisasi:
    """Admin pemda sets an OPD's organisation predikat."""
    if not is_admin_pemda_of(actor, opd.pemda_id):
        raise DomainError(_("Hanya admin pemda yang dapat menetapkan predikat organisasi OPD."))
    try:
        predikat = PredikatOrganisasiNilai(value or "")
    except ValueError:
        raise DomainError(_("Pilih predikat organisasi dari daftar."), "predikat") from None
    row = predikat_organisasi(opd)
    old = row.predikat.value if row else None
    if row is None:
        row = PredikatOrganisasi(opd=opd, predikat=predikat)
        db.session.add(row)
    row.predikat = predikat
    row.diubah_oleh_id = actor.id
    record_audit(actor, opd, "predikat_organisasi", from_state=old, to_state=predikat.value)
    db.session.flush()
    return row


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


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}"


def completion_table(report: Report) -> tuple[list[str], list[list]]:
    header = [_("OPD") if report.opd is None else _("Unit kerja"), _("Pegawai"),
              _("SKP ditetapkan"), _("Evaluasi diajukan"), _("Evaluasi disetujui"),
              _("Terlambat"), _("Persen disetujui")]
    rows = [[r.label, r.pegawai, r.skp_set, r.diajukan, r.disetujui, r.terlambat,
             _pct(r.share(r.disetujui))] for r in [*report.rows, report.total]]
    return header, rows


def state_label(state: str) -> str:
    return {"sesuai": _("Sesuai aturan"), "lebih": _("Melebihi batas atas"),
            "kurang": _("Di bawah batas minimum")}[state]


def distribution_table(report: Report) -> tuple[list[str], list[list]]:
    header = [_("Predikat"), _("Jumlah"), _("Persen dari yang dinilai")]
    total = sum((report.counts or {}).values())
    rows = [[str(PREDIKAT_LABEL[p]), n, _pct(n / total if total else None)]
            for p, n in (report.counts or {}).items()]
    rows.append([_("Jumlah"), total, ""])
    return header, rows


def calibration_table(report: Report) -> tuple[list[str], list[list]]:
    header = [_("Kelompok predikat"), _("Jumlah"), _("Persen dari yang dinilai"), _("Minimum (persen)"),
              _("Maksimum (persen)"), _("Keterangan")]
    rows = [[row.label, row.jumlah, _pct(row.share), _pct(row.minimum), _pct(row.maksimum),
             state_label(row.state)] for row in report.calibration or []]
    return header, rows


def tables(report: Report) -> list[tuple[str, list[str], list[list]]]:
    out = [(_("Penyelesaian"), *completion_table(report))]
    if report.counts is not None:
        out.append((_("Distribusi predikat"), *distribution_table(report)))
    if report.calibration is not None:
        out.append((_("Kalibrasi"), *calibration_table(report)))
    return out


def to_csv(header: list[str], rows: list[list]) -> str:
    """UTF-8 text with a byte-order mark, so spreadsheet programs read the letters right."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def to_xlsx(report: Report, title: str) -> bytes:
    """One worksheet per table, with a title line naming the OPD (or pemda) and the period."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    for name, header, rows in tables(report):
        sheet = book.add_worksheet(name[:31])
        sheet.write(0, 0, title, bold)
        sheet.write_row(2, 0, header, bold)
        for i, row in enumerate(rows, start=3):
            sheet.write_row(i, 0, [_number(v) for v in row])
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, len(header) - 1, 16)
    book.close()
    return buffer.getvalue()


def _number(value):
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value

