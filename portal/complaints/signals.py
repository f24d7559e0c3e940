"""The complaint moments other rooms act on (``portal.core.signals``):

- ``temuan_petugas``: sender the ``KaitanPegawai`` of a complaint the OPD has answered (or
  closed) with the finding that the officer's service was at fault; ``actor`` the User. Sent
  once per finding: when the finding is recorded on an answered complaint, or when a complaint
  with that finding is answered."""

from __future__ import annotations

from portal.core.signals import signals

temuan_petugas = signals.signal("complaints.temuan-petugas")
