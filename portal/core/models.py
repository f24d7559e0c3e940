"""Shared model pieces: time stamps and the audit log every transition writes to."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def enum_column(enum_cls: type[enum.Enum], length: int = 32, name: str | None = None) -> sa.Enum:
    """A portable enum: stored as its string value in a VARCHAR with a CHECK, on SQLite and
    PostgreSQL alike, so adding a value is a plain migration. Two enum columns of one table need
    distinct ``name``s: the CHECK constraint is named after it."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        create_constraint=True,
        length=length,
        validate_strings=True,
        values_callable=lambda members: [m.value for m in members],
        name=name or enum_cls.__name__.lower(),
    )


class DomainError(Exception):
    """A rule of the domain refused a change. ``field`` names the form field it belongs to, so
    the view can show the message next to it; the message is already translated."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class OutsideScope(DomainError):
    """The object named is not the actor's to act on at all (another pemda's year, say): the
    request is answered 404, as if the object did not exist for them, and nothing is changed."""


class TimestampMixin:
    #: stored in UTC without a zone; shown in the configured zone (WIB by default)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class AuditEntry(db.Model):
    """Who did what to which object, when, from which state to which, and why."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    #: the model's table name, e.g. "opd", "pegawai"
    object_type: Mapped[str] = mapped_column(sa.String(40))
    object_id: Mapped[int]
    #: a short verb: "dibuat", "diubah", "diimpor", "diajukan" …
    action: Mapped[str] = mapped_column(sa.String(40))
    from_state: Mapped[str | None] = mapped_column(sa.String(40))
    to_state: Mapped[str | None] = mapped_column(sa.String(40))
    comment: Mapped[str | None] = mapped_column(sa.Text)

    __table_args__ = (sa.Index("ix_audit_entry_object", "object_type", "object_id"),)

    def __repr__(self) -> str:
        return f"<AuditEntry {self.object_type}#{self.object_id} {self.action}>"


def record_audit(
    actor: Any,
    obj: Any,
    action: str,
    *,
    from_state: str | None = None,
    to_state: str | None = None,
    comment: str | None = None,
) -> AuditEntry:
    """Add an audit entry for ``obj`` (flushed so it gets an id); the caller commits."""
    if obj.id is None:
        db.session.flush()
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        object_type=obj.__tablename__,
        object_id=obj.id,
        action=action,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
    )
    db.session.add(entry)
    return entry


class HariLibur(db.Model):
    """A day off declared on top of the national holidays (cuti bersama, a regional holiday);
    the working-day calendar of every time limit skips it."""

    __tablename__ = "hari_libur"

    id: Mapped[int] = mapped_column(primary_key=True)
    tanggal: Mapped[date] = mapped_column(unique=True)
    keterangan: Mapped[str] = mapped_column(sa.String(200))
