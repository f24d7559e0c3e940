"""The read side of the site: what the dashboard shows of the account's roles, and the days
off list."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for

from portal.auth.models import User
from portal.core.models import HariLibur
from portal.core.roles import ROLE_LABEL, Role
from portal.extensions import db


@dataclass
class RoleCard:
    label: str
    scope: str
    url: str | None


def role_overview(user: User) -> list[RoleCard]:
    cards = []
    for assignment in user.roles:
        url = None
        if assignment.role == Role.ADMIN_PEMDA:
            url = url_for("org.opd_list", pemda=assignment.pemda_id)
        elif assignment.role == Role.ADMIN_OPD:
            url = url_for("org.opd_detail", opd_id=assignment.opd_id)
        elif assignment.role == Role.KOORDINATOR_PENGADUAN:
            url = url_for("desk.koordinator_queue")
        elif assignment.role == Role.PETUGAS_PENGADUAN:
            url = url_for("desk.opd_queue")
        cards.append(RoleCard(str(ROLE_LABEL[assignment.role]), assignment.scope_name, url))
    return cards


def days_off() -> list[HariLibur]:
    return list(db.session.scalars(sa.select(HariLibur).order_by(HariLibur.tanggal.desc())))
