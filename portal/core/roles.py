"""The staff roles of the portal, each held in one scope (a pemda or an OPD), and what every
authorisation check may ask of a signed-in account. The accounts themselves are in
``portal/auth/models.py``; the roles live here, at the bottom, because every domain gates its
pages on them.

"pegawai" is not a role: an account linked to a Pegawai record is a pegawai, and it is a
pejabat penilai for exactly the pegawai whose ``atasan`` it is.
"""

from __future__ import annotations

import enum
from typing import Protocol

from flask_babel import lazy_gettext as _l


class Role(enum.StrEnum):
    ADMIN_PEMDA = "admin_pemda"
    KOORDINATOR_PENGADUAN = "koordinator_pengaduan"
    ADMIN_OPD = "admin_opd"
    PETUGAS_PENGADUAN = "petugas_pengaduan"


ROLE_LABEL = {
    Role.ADMIN_PEMDA: _l("Admin pemda"),
    Role.KOORDINATOR_PENGADUAN: _l("Koordinator pengaduan"),
    Role.ADMIN_OPD: _l("Admin OPD"),
    Role.PETUGAS_PENGADUAN: _l("Petugas pengaduan"),
}

#: roles scoped to a whole pemda; the others are scoped to one OPD
PEMDA_ROLES = frozenset({Role.ADMIN_PEMDA, Role.KOORDINATOR_PENGADUAN})


class Actor(Protocol):
    """What a rule may ask of the account acting (``portal.auth.models.User`` is one)."""

    id: int
    pegawai_id: int | None

    def has_role(self, role: Role) -> bool: ...

    def opd_ids_for(self, *roles: Role) -> set[int]: ...

    def pemda_ids_for(self, *roles: Role) -> set[int]: ...
