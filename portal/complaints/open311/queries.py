"""The service catalogue of Open311: codes ``<opd.slug>.<layanan.slug>`` for a service of an
OPD, and ``lainnya`` for a complaint whose OPD or service the reporter does not know."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager

from portal.extensions import db
from portal.org.models import Layanan, Opd, Pemda

GENERIC_CODE = "lainnya"


def service_code(layanan: Layanan | None) -> str:
    return f"{layanan.opd.slug}.{layanan.slug}" if layanan is not None else GENERIC_CODE


def active_services(pemda: Pemda | None) -> list[Layanan]:
    stmt = (
        sa.select(Layanan)
        .join(Opd, Layanan.opd_id == Opd.id)
        .join(Pemda, Opd.pemda_id == Pemda.id)
        .where(Layanan.aktif, Opd.aktif)
        .options(contains_eager(Layanan.opd).contains_eager(Opd.pemda))
        .order_by(Pemda.nama, Opd.nama, Layanan.nama)
    )
    if pemda is not None:
        stmt = stmt.where(Opd.pemda_id == pemda.id)
    return list(db.session.scalars(stmt))


def find_service(code: str, *, active: bool) -> Layanan | None:
    opd_slug, dot, layanan_slug = code.partition(".")
    if not dot:
        return None
    stmt = (sa.select(Layanan).join(Opd, Layanan.opd_id == Opd.id)
            .where(Opd.slug == opd_slug, Layanan.slug == layanan_slug))
    if active:
        stmt = stmt.where(Layanan.aktif, Opd.aktif)
    return db.session.scalar(stmt)


def pemda_by_slug(slug: str) -> Pemda | None:
    return db.session.scalar(sa.select(Pemda).where(Pemda.slug == slug))


def catalogue_changed_at() -> datetime | None:
    """When a service or an OPD last changed: what the services list and their definitions are
    made of (the attributes change only with a new version of the portal)."""
    return max(filter(None, (db.session.scalar(sa.select(sa.func.max(Layanan.updated_at))),
                             db.session.scalar(sa.select(sa.func.max(Opd.updated_at))))),
               default=None)
