"""Read side of the staff desks: the queues, the complaints one may repeat, the staff a complaint
may be tied to, and an OPD's answer templates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from portal.complaints.access import koordinator_filter
from portal.complaints.models import (
    INVALID,
    JenisLaporan,
    Pengaduan,
    StatusPengaduan,
    TemplatJawaban,
)
from portal.complaints.tracking import normalise_code
from portal.core.routing import db_int
from portal.extensions import db
from portal.org.models import Pegawai
from portal.org.queries import staff_search


@dataclass(frozen=True)
class DeskFilter:
    """The desk's search and filters, from the query string (a plain GET form)."""

    q: str = ""
    status: str = ""
    jenis: str = ""
    #: an OPD's id, "tanpa" for complaints with no OPD yet, "" for all
    opd: str = ""
    terlambat: bool = False

    @classmethod
    def from_args(cls, args, statuses: Iterable[StatusPengaduan]) -> DeskFilter:
        status = args.get("status", "")
        jenis = args.get("jenis", "")
        opd = args.get("opd", "")
        if opd not in ("", "tanpa"):
            opd = str(args.get("opd", type=db_int) or "")
        return cls(q=(args.get("q") or "").strip()[:100],
                   status=status if status in {s.value for s in statuses} else "",
                   jenis=jenis if jenis in {j.value for j in JenisLaporan} else "",
                   opd=opd, terlambat=args.get("terlambat") == "1")

    @property
    def active(self) -> bool:
        return bool(self.q or self.status or self.jenis or self.opd or self.terlambat)


def desk_queue(where: sa.ColumnElement[bool], statuses: Iterable[StatusPengaduan],
               f: DeskFilter = DeskFilter()) -> list:
    """A desk's queue, oldest first, narrowed by the desk's filters (all but "overdue", which
    the desk reads off each complaint's deadline); the desk orders it overdue first."""
    stmt = (
        sa.select(Pengaduan)
        .where(where, Pengaduan.status.in_(list(statuses)))
        .options(selectinload(Pengaduan.opd))
        .order_by(Pengaduan.diterima_at)
    )
    if f.q:
        pattern = "%" + f.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        code = normalise_code(f.q)
        stmt = stmt.where(sa.or_(Pengaduan.judul.ilike(pattern, escape="\\"),
                                 Pengaduan.kode_lacak == (code or "")))
    if f.status:
        stmt = stmt.where(Pengaduan.status == StatusPengaduan(f.status))
    if f.jenis:
        stmt = stmt.where(Pengaduan.jenis == JenisLaporan(f.jenis))
    if f.opd == "tanpa":
        stmt = stmt.where(Pengaduan.opd_id.is_(None))
    elif f.opd:
        stmt = stmt.where(Pengaduan.opd_id == int(f.opd))
    return list(db.session.scalars(stmt))


def merge_candidates(user, pengaduan: Pengaduan, limit: int = 5) -> list:
    """Complaints this one may repeat, for the koordinator to merge it into: in their area,
    about the same service (else the same OPD, else the same place), received within 90 days
    before or after it, and still able to take duplicates."""
    if pengaduan.layanan_id:
        same = Pengaduan.layanan_id == pengaduan.layanan_id
    elif pengaduan.opd_id:
        same = Pengaduan.opd_id == pengaduan.opd_id
    elif pengaduan.wilayah_id:
        same = Pengaduan.wilayah_id == pengaduan.wilayah_id
    else:
        return []
    window = timedelta(days=90)
    stmt = (
        sa.select(Pengaduan)
        .where(same, koordinator_filter(user), Pengaduan.id != pengaduan.id,
               Pengaduan.status.notin_(INVALID),
               Pengaduan.diterima_at.between(pengaduan.diterima_at - window,
                                             pengaduan.diterima_at + window))
        .order_by(Pengaduan.diterima_at.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def pegawai_to_link(pengaduan: Pengaduan, q: str, limit: int = 10) -> list:
    """Active staff of the OPD handling the complaint matching a name, jabatan or NIP start."""
    if not (q or "").strip() or pengaduan.opd_id is None:
        return []
    stmt = staff_search(Pegawai.opd_id == pengaduan.opd_id, q=q.strip())
    return list(db.session.scalars(stmt.limit(limit)))


def answer_templates(opd_id: int | None) -> list[TemplatJawaban]:
    if opd_id is None:
        return []
    return list(db.session.scalars(sa.select(TemplatJawaban).where(
        TemplatJawaban.opd_id == opd_id).order_by(TemplatJawaban.judul)))
