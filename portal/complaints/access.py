"""Who may see and handle which complaint. The koordinator pengaduan of a pemda coordinates the
complaints for its OPDs and those with no OPD chosen that happened in its area (or say nowhere),
never those of another pemda on the portal, and routes only to its own OPDs;
the petugas pengaduan of an OPD handles those the koordinator routed to it. The services ask the
same questions, so a view that forgot one is still refused; the loaders answer 404 or 403."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort

from portal.complaints import attachments
from portal.complaints.models import REFUSED, Identitas, LampiranPengaduan, Pengaduan
from portal.core.authz import load_or_404, require
from portal.core.roles import Role
from portal.extensions import db
from portal.org.models import Opd, Pemda, Wilayah


def _pemda_area(pemda_ids: set[int]) -> sa.Select:
    """Wilayah ids a pemda covers: its own and its direct children (kab/kota → kecamatan),
    except a child that is a pemda on the portal itself: a complaint placed in Kota Metro is
    Kota Metro's to coordinate, not the province's (issue 12)."""
    own = sa.select(Pemda.wilayah_id).where(Pemda.id.in_(pemda_ids))
    other_pemda = sa.select(Pemda.wilayah_id).where(Pemda.id.notin_(pemda_ids))
    return sa.union(own, sa.select(Wilayah.id).where(Wilayah.parent_id.in_(own),
                                                     Wilayah.id.notin_(other_pemda)))


def may_route_to(user, opd: Opd) -> bool:
    """A koordinator sends a complaint only to an OPD of a pemda they coordinate; one meant for
    another pemda is marked "bukan wewenang" with a reason instead."""
    return opd.pemda_id in user.pemda_ids_for(Role.KOORDINATOR_PENGADUAN)


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
        Pengaduan.status.notin_(REFUSED),
    )


def can_see(user, pengaduan: Pengaduan) -> bool:
    stmt = sa.select(sa.literal(1)).where(
        sa.and_(Pengaduan.id == pengaduan.id,
                sa.or_(koordinator_filter(user), petugas_filter(user))))
    return db.session.scalar(stmt) is not None


def is_koordinator_of(user, pengaduan: Pengaduan) -> bool:
    stmt = sa.select(sa.literal(1)).where(Pengaduan.id == pengaduan.id, koordinator_filter(user))
    return db.session.scalar(stmt) is not None


def handles(user, pengaduan: Pengaduan) -> bool:
    """The OPD's own steps (plan, answer, classify, tie to a pegawai) are for the petugas
    pengaduan of the OPD it was routed to; a koordinator who is also petugas elsewhere does not
    answer for another OPD."""
    return pengaduan.opd_id is not None and pengaduan.opd_id in user.opd_ids_for(
        Role.PETUGAS_PENGADUAN)


def manages_opd(user, opd: Opd) -> bool:
    """The OPD's desk settings (its answer templates): its petugas pengaduan, or the koordinator
    pengaduan of its pemda."""
    return (opd.id in user.opd_ids_for(Role.PETUGAS_PENGADUAN)
            or opd.pemda_id in user.pemda_ids_for(Role.KOORDINATOR_PENGADUAN))


def sees_identity(pengaduan: Pengaduan, *, koordinator: bool) -> bool:
    """A rahasia reporter is hidden from the OPD; an anonymous one has nothing to show."""
    return pengaduan.identitas == Identitas.BIASA or (
        pengaduan.identitas == Identitas.RAHASIA and koordinator)


def desk_files(user, pengaduan: Pengaduan) -> list[tuple[LampiranPengaduan, str]]:
    """The complaint's attachments with the name each goes by on this user's desk: the
    reporter's own file name only where their identity may be seen (DOMAIN.md: a rahasia
    reporter is hidden from the OPD, an anonymous one from everyone)."""
    visible = sees_identity(pengaduan, koordinator=is_koordinator_of(user, pengaduan))
    return [(lampiran, attachments.shown_name(lampiran, number, identity_visible=visible))
            for number, lampiran in enumerate(pengaduan.lampiran, 1)]


# --- loaders for the desk's views ----------------------------------------------------------------

def load_visible(user, pengaduan_id: int) -> Pengaduan:
    pengaduan = load_or_404(Pengaduan, pengaduan_id)
    require(can_see(user, pengaduan))
    return pengaduan


def load_coordinated(user, pengaduan_id: int) -> Pengaduan:
    pengaduan = load_visible(user, pengaduan_id)
    require(is_koordinator_of(user, pengaduan))
    return pengaduan


def load_handled(user, pengaduan_id: int) -> Pengaduan:
    pengaduan = load_visible(user, pengaduan_id)
    require(handles(user, pengaduan))
    return pengaduan


def load_attachment(pengaduan: Pengaduan, lampiran_id: int) -> LampiranPengaduan:
    """An attachment of this complaint (of no other): 404 otherwise."""
    lampiran = load_or_404(LampiranPengaduan, lampiran_id)
    if lampiran.pengaduan_id != pengaduan.id:
        abort(404)
    return lampiran

