"""The pejabat penilai's review queue: SKPs and evaluations of the direct subordinates, filtered
by unit, status and period, with counts. Selects of plain columns, so the queue of a supervisor
with hundreds of subordinates is a few indexed queries and no lazy loads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from portal.appraisals.evaluasi.models import STATUS_EVALUASI_LABEL, Evaluasi
from portal.appraisals.periode.models import JENIS_PERIODE_LABEL, Periode, TahunKinerja
from portal.appraisals.skp.models import STATUS_SKP_LABEL, Skp, StatusSkp
from portal.core.routing import MAX_ID, db_int
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
        unit_id = args.get("unit", type=db_int) or None
        periode = args.get("periode", "")
        if periode != SKP_PERIOD and not (periode.isdigit() and int(periode) <= MAX_ID):
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


def has_subordinates(pegawai_id: int | None) -> bool:
    if pegawai_id is None:
        return False
    return db.session.scalar(sa.select(sa.exists().where(Pegawai.atasan_id == pegawai_id)))
