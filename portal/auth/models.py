"""User accounts and their role assignments, each role (``portal/core/roles.py``) scoped to one
OPD or one pemda."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from portal.core.models import TimestampMixin, enum_column
from portal.core.roles import ROLE_LABEL, Role
from portal.extensions import db
from portal.org.models import Opd, Pegawai, Pemda

# scrypt (memory-hard) through Werkzeug; the parameters travel inside each stored hash, so they
# can be raised later without breaking existing passwords.
PASSWORD_METHOD = "scrypt"
MIN_PASSWORD_LENGTH = 10


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the NIP for ASN, a chosen name for staff who are not ASN; stored lower-case
    username: Mapped[str] = mapped_column(sa.String(60), unique=True)
    nama: Mapped[str] = mapped_column(sa.String(160))
    email: Mapped[str | None] = mapped_column(sa.String(200))
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    pegawai_id: Mapped[int | None] = mapped_column(sa.ForeignKey("pegawai.id"), unique=True)
    aktif: Mapped[bool] = mapped_column(default=True)
    #: bumped on password change so every other session of the account ends
    session_version: Mapped[int] = mapped_column(default=1)
    last_login_at: Mapped[datetime | None]

    pegawai: Mapped[Pegawai | None] = relationship()
    roles: Mapped[list[RoleAssignment]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    # Flask-Login
    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.aktif

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method=PASSWORD_METHOD)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def has_role(self, role: Role) -> bool:
        return any(r.role == role for r in self.roles)

    def opd_ids_for(self, *roles: Role) -> set[int]:
        return {r.opd_id for r in self.roles if r.role in roles and r.opd_id is not None}

    def pemda_ids_for(self, *roles: Role) -> set[int]:
        return {r.pemda_id for r in self.roles if r.role in roles and r.pemda_id is not None}

    def __repr__(self) -> str:
        return f"<User {self.username}>"


class RoleAssignment(db.Model):
    __tablename__ = "role_assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    role: Mapped[Role] = mapped_column(enum_column(Role, 32))
    pemda_id: Mapped[int | None] = mapped_column(sa.ForeignKey("pemda.id"), index=True)
    opd_id: Mapped[int | None] = mapped_column(sa.ForeignKey("opd.id"), index=True)

    user: Mapped[User] = relationship(back_populates="roles")
    pemda: Mapped[Pemda | None] = relationship()
    opd: Mapped[Opd | None] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("user_id", "role", "pemda_id", "opd_id"),
        # exactly one scope: a pemda for pemda-wide roles, an OPD for the others
        sa.CheckConstraint(
            "(role IN ('admin_pemda', 'koordinator_pengaduan') AND pemda_id IS NOT NULL "
            "AND opd_id IS NULL) OR (role IN ('admin_opd', 'petugas_pengaduan') "
            "AND opd_id IS NOT NULL AND pemda_id IS NULL)",
            name="satu_lingkup",
        ),
    )

    @property
    def label(self) -> str:
        return str(ROLE_LABEL[self.role])

    @property
    def scope_name(self) -> str:
        return self.opd.nama if self.opd is not None else self.pemda.nama
