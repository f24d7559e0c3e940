"""The appraisal moments other rooms act on (``portal.core.signals``):

- ``evaluasi_disetujui``: sender the ``Evaluasi`` just approved (final), ``actor`` the User;
- ``panel_evaluasi``: sender the ``Evaluasi`` under review; a receiver returns a ``Panel`` to
  show in the pejabat penilai's review (pembinaan: the pegawai's coaching plans);
- ``pengingat_harian``: sender the day (WIB) of the daily ``flask appraisals remind`` run; a
  receiver sends its own reminders and returns how many;
- ``panel_pemantauan``: sender the OPD (or None for a pemda-wide view), ``pemda_id`` and
  ``today``; a receiver returns a ``Panel`` for the monitoring page."""

from __future__ import annotations

from portal.core.signals import signals

evaluasi_disetujui = signals.signal("appraisals.evaluasi-disetujui")
panel_evaluasi = signals.signal("appraisals.panel-evaluasi")
pengingat_harian = signals.signal("appraisals.pengingat-harian")
panel_pemantauan = signals.signal("appraisals.panel-pemantauan")
