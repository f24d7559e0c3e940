"""Who may see and change which appraisal item (DOMAIN.md: every internal page checks the object).

- the pegawai: their own SKP and evaluations;
- the pejabat penilai: those of their direct subordinates (``Pegawai.atasan``), nobody further
  down the tree;
- an admin OPD: those of the staff of their own OPD, read-only;
- an admin pemda: the performance years and periods of their own pemda.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from portal.auth.models import User
from portal.core.roles import Role
from portal.org.models import Pegawai


def is_self(user: User, pegawai: Pegawai) -> bool:
    return user.is_authenticated and user.pegawai_id is not None and user.pegawai_id == pegawai.id


def is_penilai(user: User, pegawai: Pegawai) -> bool:
    """The direct supervisor: the pejabat penilai, derived from the org chart."""
    return (user.is_authenticated and user.pegawai_id is not None
            and pegawai.atasan_id == user.pegawai_id)


def is_admin_opd_of(user: User, pegawai: Pegawai) -> bool:
    return user.is_authenticated and pegawai.opd_id in user.opd_ids_for(Role.ADMIN_OPD)


def can_view(user: User, pegawai: Pegawai) -> bool:
    return is_self(user, pegawai) or is_penilai(user, pegawai) or is_admin_opd_of(user, pegawai)


def is_admin_pemda_of(user: User, pemda_id: int) -> bool:
    return user.is_authenticated and pemda_id in user.pemda_ids_for(Role.ADMIN_PEMDA)


def require_view(pegawai: Pegawai) -> None:
    if not can_view(current_user, pegawai):
        abort(403)


def require_self(pegawai: Pegawai) -> None:
    if not is_self(current_user, pegawai):
        abort(403)


def require_penilai(pegawai: Pegawai) -> None:
    if not is_penilai(current_user, pegawai):
        abort(403)
