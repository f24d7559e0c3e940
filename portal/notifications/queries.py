"""The read side of notifications."""

from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.notifications.models import Notifikasi


def unread_count(user_id: int) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Notifikasi)
        .where(Notifikasi.user_id == user_id, Notifikasi.dibaca_at.is_(None))
    ) or 0


def for_user(user_id: int) -> sa.Select:
    """Newest first; unread ones are marked in the list, not sorted apart, so the order is the
    order things happened."""
    return (sa.select(Notifikasi).where(Notifikasi.user_id == user_id)
            .order_by(Notifikasi.created_at.desc(), Notifikasi.id.desc()))
