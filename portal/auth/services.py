"""Sign-in and password changes."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from werkzeug.security import check_password_hash, generate_password_hash

from portal.auth.models import MIN_PASSWORD_LENGTH, PASSWORD_METHOD, RoleAssignment, User
from portal.core.models import DomainError, record_audit, utcnow
from portal.core.roles import Role
from portal.extensions import db
from portal.org.nip import clean_nip

# Checked against when the account does not exist, so a wrong username costs as long as a wrong
# password and response time does not reveal which accounts exist.
_DUMMY_HASH = generate_password_hash("tidak-ada-akun", method=PASSWORD_METHOD)


def normalise_username(raw: str) -> str:
    value = (raw or "").strip().lower()
    cleaned = clean_nip(value)
    return cleaned if cleaned.isdigit() else value


def authenticate(username: str, password: str) -> User:
    """The active account with this username (or NIP) and password. One refusal for every
    failure, so the answer never tells which accounts exist."""
    user = db.session.scalar(sa.select(User).where(User.username == normalise_username(username)))
    if user is None:
        check_password_hash(_DUMMY_HASH, password)  # as slow as a wrong password
    if user is None or not user.check_password(password) or not user.aktif:
        raise DomainError(_("NIP/nama pengguna atau kata sandi salah."))
    user.last_login_at = utcnow()
    return user


def change_password(user: User, current: str, new: str) -> None:
    if not user.check_password(current):
        raise DomainError(_("Kata sandi saat ini salah."), "current")
    if len(new) < MIN_PASSWORD_LENGTH:
        raise DomainError(_("Kata sandi baru paling sedikit %(n)s karakter.",
                            n=MIN_PASSWORD_LENGTH), "new")
    if new.lower() == user.username or new == current:
        raise DomainError(_("Kata sandi baru harus berbeda dari nama pengguna dan kata sandi "
                            "lama."), "new")
    user.set_password(new)
    user.session_version += 1
    record_audit(user, user, "sandi_diganti")
    db.session.flush()


def landing_url(user: User) -> str:
    """Where a freshly signed-in user starts: the page of their main role."""
    if user.has_role(Role.ADMIN_PEMDA):
        return url_for("org.opd_list")
    opd_ids = sorted(user.opd_ids_for(Role.ADMIN_OPD))
    if opd_ids:
        return url_for("org.opd_detail", opd_id=opd_ids[0])
    if user.has_role(Role.KOORDINATOR_PENGADUAN):
        return url_for("desk.koordinator_queue")
    if user.has_role(Role.PETUGAS_PENGADUAN):
        return url_for("desk.opd_queue")
    return url_for("site.dashboard")


def create_admin(username: str, nama: str, password: str, pemda_id: int,
                 email: str | None = None) -> User:
    username = normalise_username(username)
    if db.session.scalar(sa.select(User.id).where(User.username == username)) is not None:
        raise DomainError(_("Nama pengguna sudah dipakai."), "username")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(_("Kata sandi baru paling sedikit %(n)s karakter.",
                            n=MIN_PASSWORD_LENGTH), "password")
    user = User(username=username, nama=nama, email=email)
    user.set_password(password)
    user.roles.append(RoleAssignment(role=Role.ADMIN_PEMDA, pemda_id=pemda_id))
    db.session.add(user)
    record_audit(None, user, "dibuat", comment="flask create-admin")
    return user
