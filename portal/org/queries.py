"""Read side of the organisation: directories, scoped lists, searches."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from portal.core.authz import load_or_404, require
from portal.core.cache import remembered
from portal.core.roles import Actor, Role
from portal.extensions import db
from portal.org.models import Layanan, Opd, Pegawai, Pemda, StatusAsn, UnitKerja

ADMIN_ROLES = (Role.ADMIN_PEMDA, Role.ADMIN_OPD)


def direct_reports(pegawai: Pegawai) -> list[Pegawai]:
    return list(
        db.session.scalars(
            sa.select(Pegawai)
            .where(Pegawai.atasan_id == pegawai.id, Pegawai.aktif)
            .options(selectinload(Pegawai.unit))
            .order_by(Pegawai.nama)
        )
    )


# --- who administers what ------------------------------------------------------------------

def managed_opd_filter(user: Actor) -> sa.ColumnElement[bool]:
    """The OPDs this user administers: all of their pemda (admin pemda) or their own OPD."""
    pemda_ids = user.pemda_ids_for(Role.ADMIN_PEMDA)
    opd_ids = user.opd_ids_for(Role.ADMIN_OPD)
    return sa.or_(Opd.pemda_id.in_(pemda_ids), Opd.id.in_(opd_ids))


def can_manage_opd(user: Actor, opd: Opd) -> bool:
    return opd.pemda_id in user.pemda_ids_for(Role.ADMIN_PEMDA) or opd.id in user.opd_ids_for(
        Role.ADMIN_OPD
    )


def load_managed_opd(user: Actor, opd_id: int) -> Opd:
    """The OPD, or 404 when there is none, or 403 when the user does not manage it."""
    opd = load_or_404(Opd, opd_id)
    require(can_manage_opd(user, opd))
    return opd


def can_manage_pemda(user: Actor, pemda_id: int) -> bool:
    return pemda_id in user.pemda_ids_for(Role.ADMIN_PEMDA)


def managed_pemdas(user: Actor) -> list[Pemda]:
    ids = user.pemda_ids_for(Role.ADMIN_PEMDA)
    if not ids:
        return []
    return list(db.session.scalars(sa.select(Pemda).where(Pemda.id.in_(ids)).order_by(Pemda.nama)))


def opd_list(user: Actor, *, q: str = "", pemda_id: int | None = None) -> sa.Select:
    stmt = (
        sa.select(Opd)
        .where(managed_opd_filter(user))
        .options(selectinload(Opd.pemda))
        .order_by(Opd.pemda_id, Opd.nama)
    )
    if q:
        stmt = stmt.where(sa.or_(Opd.nama.icontains(q, autoescape=True), Opd.singkatan.icontains(q, autoescape=True)))
    if pemda_id:
        stmt = stmt.where(Opd.pemda_id == pemda_id)
    return stmt


def opd_counts(opd_id: int) -> dict[str, int]:
    def count(model, *where) -> int:
        return db.session.scalar(sa.select(sa.func.count(model.id)).where(*where)) or 0

    return {
        "unit": count(UnitKerja, UnitKerja.opd_id == opd_id),
        "layanan": count(Layanan, Layanan.opd_id == opd_id),
        "pegawai": count(Pegawai, Pegawai.opd_id == opd_id, Pegawai.aktif),
        "pns": count(Pegawai, Pegawai.opd_id == opd_id, Pegawai.aktif,
                     Pegawai.status_asn == "PNS"),
    }


def unit_tree(opd_id: int) -> list[tuple[int, UnitKerja]]:
    """The OPD's units in tree order, each with its depth, from one query."""
    units = list(db.session.scalars(
        sa.select(UnitKerja).where(UnitKerja.opd_id == opd_id).order_by(UnitKerja.nama)
    ))
    by_parent: dict[int | None, list[UnitKerja]] = {}
    for unit in units:
        by_parent.setdefault(unit.parent_id, []).append(unit)
    ordered: list[tuple[int, UnitKerja]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for unit in by_parent.get(parent_id, []):
            ordered.append((depth, unit))
            walk(unit.id, depth + 1)

    walk(None, 0)
    return ordered


def staff_search(opd_ids_filter: sa.ColumnElement[bool], *, q: str = "", unit_id: int | None = None,
                 status: str = "", include_inactive: bool = False) -> sa.Select:
    stmt = sa.select(Pegawai).join(Opd, Pegawai.opd_id == Opd.id).where(opd_ids_filter)
    if not include_inactive:
        stmt = stmt.where(Pegawai.aktif)
    if q:
        digits = q.replace(" ", "")
        if digits.isdigit():
            stmt = stmt.where(Pegawai.nip.startswith(digits))
        else:
            stmt = stmt.where(sa.or_(Pegawai.nama.icontains(q, autoescape=True), Pegawai.jabatan.icontains(q, autoescape=True)))
    if unit_id:
        stmt = stmt.where(Pegawai.unit_id == unit_id)
    if status in StatusAsn.__members__:  # a status typed into the URL that no pegawai has: ignored
        stmt = stmt.where(Pegawai.status_asn == StatusAsn(status))
    return stmt.options(selectinload(Pegawai.unit), selectinload(Pegawai.opd)).order_by(
        Pegawai.nama, Pegawai.id
    )


def layanan_for_opd(opd_id: int) -> list[Layanan]:
    return list(db.session.scalars(
        sa.select(Layanan).where(Layanan.opd_id == opd_id).order_by(Layanan.nama)
    ))


def atasan_candidates(opd: Opd, exclude_id: int | None = None) -> list[Pegawai]:
    """Heads who can supervise someone in ``opd``: structural staff of the same pemda's OPDs
    (a kepala dinas reports to the sekda, in another OPD)."""
    stmt = (
        sa.select(Pegawai)
        .join(Opd, Pegawai.opd_id == Opd.id)
        .where(
            Opd.pemda_id == opd.pemda_id,
            Pegawai.aktif,
            sa.or_(Pegawai.opd_id == opd.id, Pegawai.jenis_jabatan == "jpt"),
            Pegawai.jenis_jabatan.in_(["jpt", "administrator", "pengawas"]),
        )
        .order_by(Pegawai.nama)
    )
    if exclude_id is not None:
        stmt = stmt.where(Pegawai.id != exclude_id)
    return list(db.session.scalars(stmt))


# --- choices of the public forms (complaints, survey) ----------------------------------

def opd_choices() -> dict[str, list[tuple[int, str]]]:
    """Active OPDs grouped by pemda, for a select with optgroups (kept a short while: every
    public form shows it)."""
    return remembered("opd_choices", _opd_choices)


def _opd_choices() -> dict[str, list[tuple[int, str]]]:
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


def routing_choices(pemda_ids: set[int], *, first_pemda_id: int | None = None, q: str = "",
                    keep: int | None = None) -> dict[str, list[tuple[int, str]]]:
    """Active OPDs of these pemda (a koordinator's routing list) grouped by pemda, the group of
    ``first_pemda_id`` first, each OPD named with its pemda (sixteen pemda each have a "Dinas
    Kependudukan dan Pencatatan Sipil"). ``q`` narrows the list to the OPDs whose name or
    abbreviation holds it; the OPD ``keep`` (the one chosen) stays whatever ``q`` says."""
    stmt = (sa.select(Opd.id, Opd.nama, Pemda.nama.label("pemda")).join(Pemda)
            .where(Opd.aktif, Opd.pemda_id.in_(pemda_ids))
            .order_by(Opd.pemda_id != (first_pemda_id or 0), Pemda.wilayah_id, Opd.nama))
    if q := q.strip():
        stmt = stmt.where(sa.or_(Opd.nama.icontains(q, autoescape=True),
                                 Opd.singkatan.icontains(q, autoescape=True),
                                 Opd.id == (keep or 0)))
    grouped: dict[str, list[tuple[int, str]]] = {}
    for row in db.session.execute(stmt):
        grouped.setdefault(row.pemda, []).append((row.id, f"{row.nama} — {row.pemda}"))
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
