"""Read side of complaints: the choices of the public form."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from portal.complaints.models import (
    CANNOT_TAKE_DUPLICATES,
    Identitas,
    KaitanPegawai,
    Pengaduan,
    StatusPengaduan,
)
from portal.core.cache import remembered
from portal.core.roles import Role
from portal.extensions import db
from portal.org.models import Layanan, Opd, Pegawai, Pemda, TingkatWilayah, Wilayah
from portal.org.queries import staff_search


def wilayah_choices() -> dict[str, list[tuple[int, str]]]:
    """Every kabupaten/kota served by a pemda on the portal, with its kecamatan (kept a short
    while: every complaint form shows it)."""
    return remembered("wilayah_choices", _wilayah_choices)


def _wilayah_choices() -> dict[str, list[tuple[int, str]]]:
    kabkota = db.session.scalars(
        sa.select(Wilayah)
        .where(Wilayah.tingkat.in_([TingkatWilayah.KABUPATEN, TingkatWilayah.KOTA]))
        .options(selectinload(Wilayah.children))
        .order_by(Wilayah.kode)
    )
    grouped: dict[str, list[tuple[int, str]]] = {}
    for area in kabkota:
        options = [(area.id, area.nama_lengkap)]
        options += [(kec.id, "\u2003" + kec.nama_lengkap) for kec in area.children
                    if kec.tingkat == TingkatWilayah.KECAMATAN]
        grouped[area.nama_lengkap] = options
    return grouped


# --- staff desks -----------------------------------------------------------------------------

def _pemda_area(pemda_ids: set[int]) -> sa.Select:
    """Wilayah ids a pemda covers: its own and its direct children (kab/kota → kecamatan)."""
    own = sa.select(Pemda.wilayah_id).where(Pemda.id.in_(pemda_ids))
    return sa.union(own, sa.select(Wilayah.id).where(Wilayah.parent_id.in_(own)))


def koordinator_filter(user) -> sa.ColumnElement[bool]:
    """Complaints the user coordinates: those for an OPD of their pemda, and those with no OPD
    chosen that happened in their area or say nowhere."""
    pemda_ids = user.pemda_ids_for(Role.KOORDINATOR_PENGADUAN)
    return sa.or_(
        Pengaduan.opd_id.in_(sa.select(Opd.id).where(Opd.pemda_id.in_(pemda_ids))),
        sa.and_(Pengaduan.opd_id.is_(None), sa.true() if pemda_ids else sa.false(), sa.or_(
            Pengaduan.wilayah_id.is_(None),
            Pengaduan.wilayah_id.in_(_pemda_area(pemda_ids)))),
    )


def petugas_filter(user) -> sa.ColumnElement[bool]:
    """Complaints routed to one of the user's OPDs (never before the koordinator routed them)."""
    return sa.and_(
        Pengaduan.opd_id.in_(user.opd_ids_for(Role.PETUGAS_PENGADUAN)),
        Pengaduan.didisposisikan_at.is_not(None),
        Pengaduan.status.notin_([StatusPengaduan.DITOLAK, StatusPengaduan.BUKAN_WEWENANG]),
    )


def can_see(user, pengaduan) -> bool:
    stmt = sa.select(sa.literal(1)).where(
        sa.and_(type(pengaduan).id == pengaduan.id,
                sa.or_(koordinator_filter(user), petugas_filter(user))))
    return db.session.scalar(stmt) is not None


def is_koordinator_of(user, pengaduan) -> bool:
    stmt = sa.select(sa.literal(1)).where(type(pengaduan).id == pengaduan.id,
                                          koordinator_filter(user))
    return db.session.scalar(stmt) is not None


def merge_candidates(user, pengaduan, limit: int = 5) -> list:
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
               Pengaduan.status.notin_(CANNOT_TAKE_DUPLICATES),
               Pengaduan.diterima_at.between(pengaduan.diterima_at - window,
                                             pengaduan.diterima_at + window))
        .order_by(Pengaduan.diterima_at.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def coordinated_by_code(user, kode: str):
    """The complaint with this tracking code, if the user coordinates it; None otherwise (an
    unknown code and one outside their area look the same)."""
    return db.session.scalar(
        sa.select(Pengaduan).where(Pengaduan.kode_lacak == kode, koordinator_filter(user)))


def desk_queue(where: sa.ColumnElement[bool], statuses) -> list:
    """A desk's queue, oldest first; the desk orders it by its own clock (overdue first)."""
    stmt = (
        sa.select(Pengaduan)
        .where(where, Pengaduan.status.in_(statuses))
        .options(selectinload(Pengaduan.opd))
        .order_by(Pengaduan.diterima_at)
    )
    return list(db.session.scalars(stmt))


def public_list(*, opd_id: int | None = None, status: str = "", jenis: str = "") -> sa.Select:
    """Complaints the public may see: never a rahasia one, never a name, a contact or the
    tracking code; the text only as the summary staff approved."""
    stmt = (
        sa.select(Pengaduan)
        .where(Pengaduan.identitas != Identitas.RAHASIA)
        .options(selectinload(Pengaduan.opd),
                 selectinload(Pengaduan.layanan).selectinload(Layanan.opd),
                 selectinload(Pengaduan.wilayah).selectinload(Wilayah.parent))
        .order_by(Pengaduan.diterima_at.desc(), Pengaduan.id.desc())
    )
    if opd_id:
        stmt = stmt.where(Pengaduan.opd_id == opd_id)
    if status:
        stmt = stmt.where(Pengaduan.status == status)
    if jenis:
        stmt = stmt.where(Pengaduan.jenis == jenis)
    return stmt


def kabupaten_kota(wilayah: Wilayah | None) -> Wilayah | None:
    """The kabupaten/kota of a place given at any level below it."""
    node = wilayah
    while node is not None and node.tingkat not in (TingkatWilayah.KABUPATEN,
                                                    TingkatWilayah.KOTA):
        node = node.parent
    return node


def pegawai_to_link(pengaduan, q: str, limit: int = 10) -> list:
    """Active staff of the OPD handling the complaint matching a name, jabatan or NIP start."""
    if not (q or "").strip() or pengaduan.opd_id is None:
        return []
    stmt = staff_search(Pegawai.opd_id == pengaduan.opd_id, q=q.strip())
    return list(db.session.scalars(stmt.limit(limit)))


def complaints_about(pegawai_id: int, start: date, end: date) -> list:
    """Complaints tied to a staff member that were received between two days (WIB, inclusive):
    what their supervisor reads when rating that period. Identity is never part of it."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])

    def utc(day: date) -> datetime:  # the first instant of ``day`` in WIB, as stored (naive UTC)
        return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC).replace(tzinfo=None)

    start_utc, end_utc = utc(start), utc(end + timedelta(days=1))
    stmt = (
        sa.select(KaitanPegawai)
        .join(Pengaduan, KaitanPegawai.pengaduan_id == Pengaduan.id)
        .where(KaitanPegawai.pegawai_id == pegawai_id,
               Pengaduan.diterima_at >= start_utc, Pengaduan.diterima_at < end_utc)
        .options(selectinload(KaitanPegawai.pengaduan))
        .order_by(Pengaduan.diterima_at)
    )
    return list(db.session.scalars(stmt))
