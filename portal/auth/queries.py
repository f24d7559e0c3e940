"""The read side of accounts."""

from __future__ import annotations

import sqlalchemy as sa

from portal.auth.models import User
from portal.extensions import db


def active_account(pegawai_id: int | None) -> User | None:
    """The account a pegawai signs in with, unless there is none or it is switched off: whoever
    notifies or asks a pegawai reaches them through this."""
    if pegawai_id is None:
        return None
    return db.session.scalar(sa.select(User).where(User.pegawai_id == pegawai_id,
                                                   User.aktif.is_(True)))
