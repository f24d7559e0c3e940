"""Read side of the staff desks: the queues, the complaints one may repeat, the staff a complaint
may be tied to, and an OPD's answer templates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from portal.complaints.access import koordinator_filter
from portal.complaints.models import INVALID, Pengaduan, StatusPengaduan, TemplatJawaban
from portal.extensions import db
from portal.org.models import Pegawai
from portal.org.queries import staff_search


def desk_queue(where: sa.ColumnElement[bool], statuses: Iterable[StatusPengaduan]) -> list:
    """A desk's queue, oldest first; the desk orders it by its deadlines (overdue first)."""
    stmt = (
        sa.select(Pengaduan)
        .where(where, Pengaduan.status.in_(list(statuses)))
        .options(selectinload(Pengaduan.opd))
        .order_by(Pengaduan.diterima_at)
    )
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
