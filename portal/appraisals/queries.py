"""The read side of appraisals: the pejabat penilai's review queue (SKPs and evaluations of the
direct subordinates, filtered by unit, status and period, with counts), a pegawai's own items,
and the audit trail of an item. Selects of plain columns, so the queue of a supervisor with
hundreds of subordinates is a few indexed queries and no lazy loads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload, selectinload

from portal.appraisals.models import (
    JENIS_PERIODE_LABEL,
    STATUS_EVALUASI_LABEL,
    STATUS_SKP_LABEL,
    Evaluasi,
    Periode,
    RealisasiIndikator,
    Rhk,
    Skp,
    StatusSkp,
    TahunKinerja,
)
from portal.auth.models import User
from portal.core.models import AuditEntry
from portal.extensions import db
from portal.org.models import Pegawai, UnitKerja

#: the statuses a queue can be filtered by; "diajukan" (waiting for the supervisor) first
QUEUE_STATUSES = ("diajukan", "dikembalikan", "disetujui", "draf")
SKP_PERIOD = "skp"


@dataclass(frozen=True)
class QueueFilter:
    status: str = "diajukan"
    unit_id: int | None = None
    #: "" for all, "skp" for SKPs only, or a period's id (evaluations of that period)
    periode: str = ""

    @classmethod
    def from_args(cls, args) -> QueueFilter:
        status = args.get("status", "diajukan")
        if status not in (*QUEUE_STATUSES, "semua"):
            status = "diajukan"
        unit_id = args.get("unit", type=int) or None
        periode = args.get("periode", "")
        if periode != SKP_PERIOD and not periode.isdigit():
            periode = ""
        return cls(status=status, unit_id=unit_id, periode=periode)

    def args(self, **overrides) -> dict:
        values = {"status": "" if self.status == "diajukan" else self.status,
                  "unit": self.unit_id or "", "periode": self.periode}
        values.update(overrides)
        return {k: v for k, v in values.items() if v not in ("", None)}


@dataclass(frozen=True)
class QueueItem:
    kind: str  # "skp" or "evaluasi"
    id: int
    pegawai_nama: str
    pegawai_nip: str
    unit_nama: str
    #: "SKP 2026 (versi 2)" or "Triwulan I 2026"
    judul: str
    status: str
    status_label: str
    diajukan_at: datetime | None
    #: returned before: this is a resubmission
    pernah_dikembalikan: bool

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.id}"


def _skp_select(penilai_id: int, f: QueueFilter, *, with_status: bool = True,
                with_unit: bool = True):
    if f.periode not in ("", SKP_PERIOD):
        return None
    stmt = (sa.select(Skp.id).join(Pegawai, Pegawai.id == Skp.pegawai_id)
            .where(Pegawai.atasan_id == penilai_id, Skp.status != StatusSkp.DIGANTI))
    if with_status and f.status != "semua":
        stmt = stmt.where(Skp.status == f.status)
    if with_unit and f.unit_id:
        stmt = stmt.where(Pegawai.unit_id == f.unit_id)
    return stmt


def _evaluasi_select(penilai_id: int, f: QueueFilter, *, with_status: bool = True,
                     with_unit: bool = True, with_periode: bool = True):
    if with_periode and f.periode == SKP_PERIOD:
        return None
    stmt = (sa.select(Evaluasi.id).join(Pegawai, Pegawai.id == Evaluasi.pegawai_id)
            .where(Pegawai.atasan_id == penilai_id))
    if with_status and f.status != "semua":
        stmt = stmt.where(Evaluasi.status == f.status)
    if with_unit and f.unit_id:
        stmt = stmt.where(Pegawai.unit_id == f.unit_id)
    if with_periode and f.periode.isdigit():
        stmt = stmt.where(Evaluasi.periode_id == int(f.periode))
    return stmt


def review_queue(penilai_id: int, f: QueueFilter, *, limit: int, offset: int = 0
                 ) -> list[QueueItem]:
    """One page of the queue, oldest submission first (nobody waits longest). Each table gives
    only its first ``offset + limit`` rows in that order, so a page costs the same whether 50 or
    5,000 items wait; the total comes from ``queue_counts``."""
    items: list[QueueItem] = []
    top = offset + limit
    skp_stmt = _skp_select(penilai_id, f)
    if skp_stmt is not None:
        rows = db.session.execute(
            skp_stmt.with_only_columns(
                Skp.id, Pegawai.nama, Pegawai.nip, UnitKerja.nama, TahunKinerja.tahun, Skp.versi,
                Skp.status, Skp.diajukan_at, Skp.alasan_dikembalikan)
            .join(UnitKerja, UnitKerja.id == Pegawai.unit_id)
            .join(TahunKinerja, TahunKinerja.id == Skp.tahun_kinerja_id)
            .order_by(sa.nulls_last(Skp.diajukan_at.asc()), Pegawai.nama, Skp.id).limit(top))
        for sid, nama, nip, unit, tahun, versi, status, at, alasan in rows:
            judul = (_("SKP %(tahun)s", tahun=tahun) if versi == 1 else
                     _("SKP %(tahun)s (versi %(versi)s)", tahun=tahun, versi=versi))
            items.append(QueueItem("skp", sid, nama, nip, unit, judul, status.value,
                                   str(STATUS_SKP_LABEL[status]), at, bool(alasan)))
    ev_stmt = _evaluasi_select(penilai_id, f)
    if ev_stmt is not None:
        rows = db.session.execute(
            ev_stmt.with_only_columns(
                Evaluasi.id, Pegawai.nama, Pegawai.nip, UnitKerja.nama, Periode.jenis,
                TahunKinerja.tahun, Evaluasi.status, Evaluasi.diajukan_at,
                Evaluasi.snapshot_dikembalikan.is_not(None))
            .join(UnitKerja, UnitKerja.id == Pegawai.unit_id)
            .join(Periode, Periode.id == Evaluasi.periode_id)
            .join(TahunKinerja, TahunKinerja.id == Periode.tahun_kinerja_id)
            .order_by(sa.nulls_last(Evaluasi.diajukan_at.asc()), Pegawai.nama, Evaluasi.id)
            .limit(top))
        for eid, nama, nip, unit, jenis, tahun, status, at, returned in rows:
            judul = _("%(periode)s %(tahun)s", periode=JENIS_PERIODE_LABEL[jenis], tahun=tahun)
            items.append(QueueItem("evaluasi", eid, nama, nip, unit, judul, status.value,
                                   str(STATUS_EVALUASI_LABEL[status]), at, bool(returned)))
    items.sort(key=lambda i: (i.diajukan_at or datetime.max, i.pegawai_nama, i.kind, i.id))
    return items[offset:top]


def _grouped(stmt, column) -> dict:
    if stmt is None:
        return {}
    rows = db.session.execute(stmt.with_only_columns(column, sa.func.count()).group_by(column))
    return {key: n for key, n in rows}


def _merge(*counts: dict) -> dict:
    out: dict = {}
    for c in counts:
        for k, v in c.items():
            key = k.value if hasattr(k, "value") else k
            out[key] = out.get(key, 0) + v
    return out


def queue_counts(penilai_id: int, f: QueueFilter) -> dict[str, dict]:
    """Faceted counts: per status (under the unit and period filters), per unit (under status
    and period), per period (under status and unit)."""
    status = _merge(_grouped(_skp_select(penilai_id, f, with_status=False), Skp.status),
                    _grouped(_evaluasi_select(penilai_id, f, with_status=False),
                             Evaluasi.status))
    status["semua"] = sum(status.values())
    unit = _merge(_grouped(_skp_select(penilai_id, f, with_unit=False), Pegawai.unit_id),
                  _grouped(_evaluasi_select(penilai_id, f, with_unit=False), Pegawai.unit_id))
    plain = QueueFilter(status=f.status, unit_id=f.unit_id)
    periode = _grouped(_evaluasi_select(penilai_id, plain, with_periode=False),
                       Evaluasi.periode_id)
    skp_count = sum(_grouped(_skp_select(penilai_id, plain), Skp.status).values())
    periode[SKP_PERIOD] = skp_count
    return {"status": status, "unit": unit, "periode": periode}


def subordinate_units(penilai_id: int) -> list[tuple[int, str]]:
    return list(db.session.execute(
        sa.select(UnitKerja.id, UnitKerja.nama).join(Pegawai, Pegawai.unit_id == UnitKerja.id)
        .where(Pegawai.atasan_id == penilai_id).distinct().order_by(UnitKerja.nama)))


def periods_of_pemda(pemda_id: int) -> list[Periode]:
    return list(db.session.scalars(
        sa.select(Periode).join(TahunKinerja).where(TahunKinerja.pemda_id == pemda_id)
        .order_by(TahunKinerja.tahun.desc(), Periode.urutan)))


def years_of_pemda(pemda_id: int) -> list[TahunKinerja]:
    return list(db.session.scalars(sa.select(TahunKinerja).where(
        TahunKinerja.pemda_id == pemda_id).order_by(TahunKinerja.tahun.desc())))


def skp_versions(pegawai_id: int, tahun_kinerja_id: int) -> list[Skp]:
    return list(db.session.scalars(sa.select(Skp).where(
        Skp.pegawai_id == pegawai_id, Skp.tahun_kinerja_id == tahun_kinerja_id)
        .order_by(Skp.versi.desc())))


def evaluations_of(pegawai_id: int, tahun_kinerja_id: int) -> dict[int, Evaluasi]:
    """The pegawai's evaluations of a year, by period id."""
    rows = db.session.scalars(sa.select(Evaluasi).join(Periode).where(
        Evaluasi.pegawai_id == pegawai_id, Periode.tahun_kinerja_id == tahun_kinerja_id))
    return {ev.periode_id: ev for ev in rows}


def has_subordinates(pegawai_id: int | None) -> bool:
    if pegawai_id is None:
        return False
    return db.session.scalar(sa.select(sa.exists().where(Pegawai.atasan_id == pegawai_id)))


ACTION_LABEL = {
    "dibuat": _l("Dibuat"),
    "diajukan": _l("Diajukan"),
    "ditetapkan": _l("Ditetapkan"),
    "dikembalikan": _l("Dikembalikan"),
    "disetujui": _l("Disetujui"),
    "diganti": _l("Diganti versi baru"),
    "revisi_dibuat": _l("Revisi dibuat"),
    "keberatan_diajukan": _l("Keberatan diajukan"),
    "keberatan_diputus": _l("Keberatan diputus"),
}


def _state_label(object_type: str, state: str | None) -> str | None:
    if not state:
        return None
    labels = STATUS_SKP_LABEL if object_type == "skp" else STATUS_EVALUASI_LABEL
    for key, label in labels.items():
        if key.value == state:
            return str(label)
    return state


@dataclass(frozen=True)
class TrailEntry:
    at: datetime
    actor: str | None
    action: str
    from_state: str | None
    to_state: str | None
    comment: str | None
    versi: int | None = None

    @property
    def action_label(self) -> str:
        label = ACTION_LABEL.get(self.action)
        return str(label) if label else self.action


def audit_trail(objects: list) -> list[TrailEntry]:
    """Every recorded step of the given objects (an SKP's versions, or one evaluation), oldest
    first, with the actor's name."""
    if not objects:
        return []
    conditions = [sa.and_(AuditEntry.object_type == o.__tablename__, AuditEntry.object_id == o.id)
                  for o in objects]
    versi = {(o.__tablename__, o.id): getattr(o, "versi", None) for o in objects}
    rows = db.session.execute(
        sa.select(AuditEntry, User.nama).outerjoin(User, User.id == AuditEntry.actor_id)
        .where(sa.or_(*conditions)).order_by(AuditEntry.at, AuditEntry.id))
    return [TrailEntry(e.at, nama, e.action, _state_label(e.object_type, e.from_state),
                       _state_label(e.object_type, e.to_state), e.comment,
                       versi.get((e.object_type, e.object_id))) for e, nama in rows]


def evaluasi_with_everything(evaluasi_id: int) -> Evaluasi | None:
    """One evaluation with what its pages show, in a handful of queries instead of one per
    indicator and per row (the review panel opens many of these in a row)."""
    return db.session.scalar(
        sa.select(Evaluasi).where(Evaluasi.id == evaluasi_id).options(
            joinedload(Evaluasi.pegawai).joinedload(Pegawai.unit),
            joinedload(Evaluasi.periode).joinedload(Periode.tahun_kinerja),
            joinedload(Evaluasi.skp).selectinload(Skp.rhk).selectinload(Rhk.indikator),
            joinedload(Evaluasi.skp).selectinload(Skp.ekspektasi),
            selectinload(Evaluasi.realisasi).joinedload(RealisasiIndikator.indikator),
            selectinload(Evaluasi.bukti),
            selectinload(Evaluasi.umpan_balik_rhk),
            selectinload(Evaluasi.umpan_balik_perilaku)))
