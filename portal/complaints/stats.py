"""Per-OPD complaint figures for the public scorecard (DOMAIN.md): received, valid, resolved,
share resolved within the time limit, median working days to resolve, reopened share and the
reporters' satisfaction. Pure arithmetic over rows, so it is unit-tested without a database."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa

from portal.complaints.models import INVALID, Pengaduan, StatusPengaduan
from portal.core.calendar import WorkCalendar, local_date
from portal.core.workdays import portal_calendar
from portal.extensions import db

S = StatusPengaduan


@dataclass(frozen=True)
class ComplaintRow:
    opd_id: int | None
    status: StatusPengaduan
    diterima_at: datetime
    didisposisikan_at: datetime | None
    dijawab_at: datetime | None
    batas_selesai: date | None
    dibuka_ulang: int
    penilaian: int | None


@dataclass
class OpdComplaintStats:
    diterima: int = 0
    sah: int = 0
    selesai: int = 0
    selesai_tepat_waktu: int = 0
    dibuka_ulang: int = 0
    dinilai: int = 0
    jumlah_nilai: int = 0
    hari_kerja_selesai: list[int] = field(default_factory=list)
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def persen_tepat_waktu(self) -> float | None:
        return round(100 * self.selesai_tepat_waktu / self.selesai, 1) if self.selesai else None

    @property
    def median_hari_kerja(self) -> float | None:
        return statistics.median(self.hari_kerja_selesai) if self.hari_kerja_selesai else None

    @property
    def persen_dibuka_ulang(self) -> float | None:
        return round(100 * self.dibuka_ulang / self.selesai, 1) if self.selesai else None

    @property
    def rata_rata_kepuasan(self) -> float | None:
        return round(self.jumlah_nilai / self.dinilai, 2) if self.dinilai else None


def summarise(rows: Iterable[ComplaintRow], calendar: WorkCalendar | None = None
              ) -> dict[int | None, OpdComplaintStats]:
    calendar = calendar or portal_calendar()
    result: dict[int | None, OpdComplaintStats] = {}
    for row in rows:
        stats = result.setdefault(row.opd_id, OpdComplaintStats())
        stats.diterima += 1
        stats.by_status[row.status.value] = stats.by_status.get(row.status.value, 0) + 1
        if row.didisposisikan_at is not None and row.status not in INVALID:
            stats.sah += 1
        # resolved = answered (and not reopened since), whether or not the reporter closed it
        if row.dijawab_at is not None and row.status in (S.SELESAI, S.DITUTUP):
            stats.selesai += 1
            answered = local_date(row.dijawab_at)
            if row.batas_selesai is None or answered <= row.batas_selesai:
                stats.selesai_tepat_waktu += 1
            stats.hari_kerja_selesai.append(
                calendar.working_days_between(local_date(row.diterima_at), answered))
            if row.dibuka_ulang:
                stats.dibuka_ulang += 1
        if row.penilaian is not None:
            stats.dinilai += 1
            stats.jumlah_nilai += row.penilaian
    return result


def opd_complaint_stats(start: datetime | None = None, end: datetime | None = None,
                        opd_ids: Iterable[int] | None = None) -> dict[int | None, OpdComplaintStats]:
    """The figures per OPD for complaints received in [start, end)."""
    stmt = sa.select(Pengaduan.opd_id, Pengaduan.status, Pengaduan.diterima_at,
                     Pengaduan.didisposisikan_at, Pengaduan.dijawab_at, Pengaduan.batas_selesai,
                     Pengaduan.dibuka_ulang, Pengaduan.penilaian)
    if start is not None:
        stmt = stmt.where(Pengaduan.diterima_at >= start)
    if end is not None:
        stmt = stmt.where(Pengaduan.diterima_at < end)
    if opd_ids is not None:
        stmt = stmt.where(Pengaduan.opd_id.in_(list(opd_ids)))
    rows = (ComplaintRow(*row) for row in db.session.execute(stmt.execution_options(
        yield_per=5000)))
    return summarise(rows)
