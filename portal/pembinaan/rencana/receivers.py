"""Where the coaching plans join the other rooms' moments (``portal.core.signals``): proposed
after a low predikat and after a complaint found to be the officer's fault, shown in the next
evaluation's review panel, flagged in monitoring when never opened, and reminded of when an
action is overdue. ``connect()`` runs once at app creation."""

from __future__ import annotations

from datetime import date

from portal.appraisals.signals import (
    evaluasi_disetujui,
    panel_evaluasi,
    panel_pemantauan,
    pengingat_harian,
)
from portal.complaints.signals import temuan_petugas
from portal.core.calendar import local_date
from portal.core.models import utcnow
from portal.core.signals import Panel
from portal.pembinaan import access
from portal.pembinaan.rencana import queries, services
from portal.pembinaan.rencana.models import STATUS_RENCANA_LABEL, StatusRencana


def _after_approval(evaluasi, actor=None, **_kw) -> None:
    services.usulkan_dari_evaluasi(evaluasi, actor)


def _after_finding(kaitan, actor=None, **_kw) -> None:
    services.usulkan_dari_pengaduan(kaitan, actor)


def _review_panel(evaluasi, viewer=None, **_kw) -> Panel | None:
    """The pegawai's plans the penilai should weigh: running, or closed since the period began."""
    plans = queries.untuk_penilaian(evaluasi.pegawai_id, evaluasi.periode.mulai)
    if not plans:
        return None
    return Panel("pembinaan/_rencana_panel.html",
                 {"rencana_list": plans, "evaluasi": evaluasi, "today": local_date(utcnow()),
                  "can_open": viewer is not None and access.is_atasan(viewer, evaluasi.pegawai)})


def _monitoring_panel(opd, pemda_id: int, today: date, **_kw) -> Panel:
    counts = queries.ringkasan_status(opd, pemda_id)
    return Panel("pembinaan/_rencana_pemantauan.html",
                 {"terlambat": queries.belum_dibuka_lewat_batas(opd, pemda_id, today),
                  "ringkasan": [(STATUS_RENCANA_LABEL[s], counts[s]) for s in StatusRencana
                                if s in counts], "opd": opd})


def _reminders(today: date, **_kw) -> int:
    return services.ingatkan_aksi_terlambat(today)


def connect() -> None:
    evaluasi_disetujui.connect(_after_approval)
    temuan_petugas.connect(_after_finding)
    panel_evaluasi.connect(_review_panel)
    panel_pemantauan.connect(_monitoring_panel)
    pengingat_harian.connect(_reminders)
