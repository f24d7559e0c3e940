"""Read side of the staff pages: an OPD's recorded figures, the OPDs a user manages, and the
respondents' suggestions (never published)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from portal.core.roles import Actor
from portal.extensions import db
from portal.org import queries as org_queries
from portal.org.models import Opd
from portal.scorecards.models import CapaianLayanan, JawabanSkm


def recent_capaian(opd_id: int, limit: int = 60) -> list[CapaianLayanan]:
    """The OPD's latest monthly figures, newest month first, with their service."""
    return list(db.session.scalars(
        sa.select(CapaianLayanan).where(CapaianLayanan.opd_id == opd_id)
        .options(joinedload(CapaianLayanan.layanan))
        .order_by(CapaianLayanan.tahun.desc(), CapaianLayanan.bulan.desc(),
                  CapaianLayanan.layanan_id).limit(limit)))


def managed_active_opds(user: Actor) -> list[Opd]:
    return list(db.session.scalars(sa.select(Opd).where(
        org_queries.managed_opd_filter(user), Opd.aktif).order_by(Opd.nama)))


def suggestions(opd_id: int) -> sa.Select:
    """Survey answers of an OPD that carry a suggestion, newest first (staff only)."""
    return (sa.select(JawabanSkm).where(JawabanSkm.opd_id == opd_id, JawabanSkm.saran.is_not(None))
            .options(joinedload(JawabanSkm.layanan)).order_by(JawabanSkm.dijawab_at.desc()))
