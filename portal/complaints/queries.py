"""Read side of complaints: the choices of the public form."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.org.models import Layanan, Opd, Pemda, TingkatWilayah, Wilayah


def opd_choices() -> dict[str, list[tuple[int, str]]]:
    """Active OPDs grouped by pemda, for a select with optgroups."""
    rows = db.session.execute(
        sa.select(Opd.id, Opd.nama, Pemda.nama.label("pemda"))
        .join(Pemda, Opd.pemda_id == Pemda.id)
        .where(Opd.aktif)
        .order_by(Pemda.wilayah_id, Opd.nama)
    )
    grouped: dict[str, list[tuple[int, str]]] = {}
    for row in rows:
        grouped.setdefault(row.pemda, []).append((row.id, row.nama))
    return grouped


def layanan_choices(opd_id: int | None) -> list[tuple[int, str]]:
    if not opd_id:
        return []
    rows = db.session.execute(
        sa.select(Layanan.id, Layanan.nama)
        .where(Layanan.opd_id == opd_id, Layanan.aktif)
        .order_by(Layanan.nama)
    )
    return [(row.id, row.nama) for row in rows]


def wilayah_choices() -> dict[str, list[tuple[int, str]]]:
    """Every kabupaten/kota served by a pemda on the portal, with its kecamatan."""
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
