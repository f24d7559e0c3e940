"""In-portal notifications and the outgoing mail queue."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.models import utcnow
from portal.extensions import db


class Notifikasi(db.Model):
    """One message for one account. The text is not stored: it is rendered from ``jenis`` and
    ``params`` in the reader's own language when shown."""

    __tablename__ = "notifikasi"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    #: a key of portal.notifications.kinds.KINDS
    jenis: Mapped[str] = mapped_column(sa.String(40))
    #: the values the message's placeholders take, e.g. {"nama": …, "periode": …}
    params: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    #: where the notification leads, a path inside the portal
    url: Mapped[str] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    dibaca_at: Mapped[datetime | None]

    __table_args__ = (sa.Index("ix_notifikasi_user_unread", "user_id", "dibaca_at"),)


class SuratKeluar(db.Model):
    """An e-mail waiting to be sent. Written in the same transaction as the change it reports,
    sent later by ``flask mail send`` (cron), so a slow or broken mail server never slows or
    breaks a request, and nothing is lost while it is down."""

    __tablename__ = "surat_keluar"

    id: Mapped[int] = mapped_column(primary_key=True)
    kepada: Mapped[str] = mapped_column(sa.String(200))
    subjek: Mapped[str] = mapped_column(sa.String(300))
    isi: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    terkirim_at: Mapped[datetime | None] = mapped_column(index=True)
    #: failed attempts so far; the queue gives up after PORTAL_MAIL_MAX_ATTEMPTS
    percobaan: Mapped[int] = mapped_column(default=0)
    galat: Mapped[str | None] = mapped_column(sa.String(500))
