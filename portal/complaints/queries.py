"""Read side of complaints: the choices of the public form, the public list, and what a
supervisor reads about the staff they rate."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from portal.complaints.models import Identitas, KaitanPegawai, Pengaduan
from portal.core.cache import remembered
from portal.extensions import db
from portal.org.models import Layanan, TingkatWilayah, Wilayah


def wilayah_choices() -> dict[str, list[tuple[int, str]]]:
    """Every kabupaten/kota served by a pemda on the portal, with its kecamatan (kept a short
    while: every complaint form shows it)."""
    return remembered("wilayah_choices", _wilayah_choices)


def _wilayah_choices() -> dict[str, list[tuple[int, str]]]:
    home = current_app.config["PORTAL_HOME_REGION"].rstrip(".") + "."
    kabkota = db.session.scalars(
        sa.select(Wilayah)
        .where(Wilayah.tingkat.in_([TingkatWilayah.KABUPATEN, TingkatWilayah.KOTA]))
        .options(selectinload(Wilayah.children))
        # the home province's kab/kota first, then the others, each in code order
        .order_by(sa.case((Wilayah.kode.startswith(home), 0), else_=1), Wilayah.kode)
    )
    grouped: dict[str, list[tuple[int, str]]] = {}
    for area in kabkota:
        options = [(area.id, area.nama_lengkap)]
        options += [(kec.id, "\u2003" + kec.nama_lengkap) for kec in area.children
                    if kec.tingkat == TingkatWilayah.KECAMATAN]
        grouped[area.nama_lengkap] = options
    return grouped


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
