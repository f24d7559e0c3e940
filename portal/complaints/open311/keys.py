"""API keys of the partner channels (Open311 clients) allowed to file complaints. Only the
SHA-256 of a key is kept; the key itself is shown once, when it is made."""

from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa

from portal.complaints.models import KunciApi, Pengaduan
from portal.core.models import DomainError, record_audit
from portal.core.text import squash_spaces
from portal.extensions import db


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_api_key(nama: str) -> tuple[KunciApi, str]:
    """A new key for a partner channel; the caller shows the key once and commits. ``nama``
    becomes the ``saluran`` of every complaint the partner files."""
    nama = squash_spaces(nama)
    saluran_max = Pengaduan.saluran.type.length
    if not nama or len(nama) > saluran_max:
        raise DomainError(f"The name must be 1 to {saluran_max} characters.", "nama")
    if db.session.scalar(sa.select(KunciApi.id).where(KunciApi.nama == nama)) is not None:
        raise DomainError(f"An API key named {nama!r} already exists.", "nama")
    key = secrets.token_urlsafe(32)
    kunci = KunciApi(nama=nama, awalan=key[:8], sha256=digest(key), aktif=True)
    db.session.add(kunci)
    record_audit(None, kunci, "dibuat")
    return kunci, key


def revoke_api_key(nama: str) -> KunciApi:
    """Switch a key off for good; the row stays, as the name of the channel it served."""
    kunci = db.session.scalar(sa.select(KunciApi).where(KunciApi.nama == squash_spaces(nama)))
    if kunci is None:
        raise DomainError(f"No API key is named {nama!r}.", "nama")
    if kunci.aktif:
        kunci.aktif = False
        record_audit(None, kunci, "dicabut")
        db.session.flush()
    return kunci


def list_api_keys() -> list[KunciApi]:
    return list(db.session.scalars(sa.select(KunciApi).order_by(KunciApi.nama)))


def active_key(key: str | None) -> KunciApi | None:
    if not key:
        return None
    return db.session.scalar(sa.select(KunciApi).where(KunciApi.sha256 == digest(key),
                                                       KunciApi.aktif))
