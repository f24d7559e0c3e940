"""Who may see and change which pembinaan record (DOMAIN.md: every page checks the object):

- the pegawai: their own records; proposes, reports self-learning, withdraws;
- the atasan langsung (``Pegawai.atasan``): the records of direct subordinates, nobody further
  down; proposes for them and approves or refuses their proposals (for a pegawai with no
  atasan, the admin OPD decides);
- the admin OPD: the records of their OPD's staff; marks attendance, records certificates,
  verifies self-reported learning, keeps the OPD's catalogue;
- the admin pemda: the pemda's catalogue (activities offered to every OPD)."""

from __future__ import annotations

from portal.auth.models import User
from portal.core.roles import Role
from portal.org.models import Pegawai


def is_self(user: User, pegawai: Pegawai) -> bool:
    return user.is_authenticated and user.pegawai_id is not None and user.pegawai_id == pegawai.id


def is_atasan(user: User, pegawai: Pegawai) -> bool:
    return (user.is_authenticated and user.pegawai_id is not None
            and pegawai.atasan_id == user.pegawai_id)


def is_admin_opd_of(user: User, pegawai: Pegawai) -> bool:
    return user.is_authenticated and pegawai.opd_id in user.opd_ids_for(Role.ADMIN_OPD)


def can_view(user: User, pegawai: Pegawai) -> bool:
    return is_self(user, pegawai) or is_atasan(user, pegawai) or is_admin_opd_of(user, pegawai)


def can_propose(user: User, pegawai: Pegawai) -> bool:
    return is_self(user, pegawai) or is_atasan(user, pegawai)


def decides_proposals_of(user: User, pegawai: Pegawai) -> bool:
    """The atasan approves or refuses; with no atasan on record, the OPD's admin."""
    if pegawai.atasan_id is not None:
        return is_atasan(user, pegawai)
    return is_admin_opd_of(user, pegawai)


def manages_kegiatan(user: User, opd_id: int | None, pemda_id: int) -> bool:
    """An OPD's activity: its admin OPD and its pemda's admin; a pemda-wide one: the admin pemda."""
    if not user.is_authenticated:
        return False
    if pemda_id in user.pemda_ids_for(Role.ADMIN_PEMDA):
        return True
    return opd_id is not None and opd_id in user.opd_ids_for(Role.ADMIN_OPD)


def is_admin(user: User) -> bool:
    return user.is_authenticated and (user.has_role(Role.ADMIN_OPD)
                                      or user.has_role(Role.ADMIN_PEMDA))


def manages_penghargaan(user: User, opd) -> bool:
    """Rewards of an OPD's staff: its admin OPD and the admin of its pemda propose and decide."""
    if not user.is_authenticated:
        return False
    return (opd.id in user.opd_ids_for(Role.ADMIN_OPD)
            or opd.pemda_id in user.pemda_ids_for(Role.ADMIN_PEMDA))


def is_penilai_rencana(user: User, rencana) -> bool:
    """The pejabat penilai of a plan: the pegawai's atasan langsung now (who takes over a plan
    when the atasan changes)."""
    return is_atasan(user, rencana.pegawai)


def can_view_rencana(user: User, rencana) -> bool:
    """The pegawai, their penilai, and the admin OPD of the pegawai's OPD (who monitors)."""
    return (is_self(user, rencana.pegawai) or is_penilai_rencana(user, rencana)
            or is_admin_opd_of(user, rencana.pegawai))
