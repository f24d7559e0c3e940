"""E-mails to a reporter who left an address (never for anonim, which keeps none): the receipt
with the tracking code, and each step they must know of (an answer, a refusal, a request for more
information). Queued with the change, sent by ``flask mail send``; nothing when no mail server
is set."""

from __future__ import annotations

from flask_babel import gettext as _

from portal.complaints.models import Pengaduan
from portal.notifications.services import mail_enabled, portal_link, queue_mail


def _tracking_link(pengaduan: Pengaduan) -> str:
    return portal_link("complaints.track", kode=pengaduan.kode_lacak)


def send_receipt(pengaduan: Pengaduan) -> None:
    if not (pengaduan.pelapor_email and mail_enabled()):
        return
    queue_mail(
        pengaduan.pelapor_email,
        _("Laporan Anda diterima: %(kode)s", kode=pengaduan.kode_lacak),
        _("Terima kasih. Laporan \"%(judul)s\" sudah kami terima.\n\n"
          "Kode pelacakan: %(kode)s\n"
          "Simpan kode ini: hanya dengan kode ini Anda dapat melihat perkembangan laporan.\n"
          "Lacak laporan: %(tautan)s\n",
          judul=pengaduan.judul, kode=pengaduan.kode_lacak, tautan=_tracking_link(pengaduan)),
    )


def send_status(pengaduan: Pengaduan, pesan: str) -> None:
    """The new status and the staff's words (an answer, or the reason of a refusal)."""
    if not (pengaduan.pelapor_email and mail_enabled()):
        return
    queue_mail(
        pengaduan.pelapor_email,
        _("Laporan %(kode)s: %(status)s", kode=pengaduan.kode_lacak, status=pengaduan.status_label),
        _("Status laporan \"%(judul)s\" sekarang: %(status)s.\n\n%(pesan)s\n\n"
          "Lihat dan tanggapi: %(tautan)s\n",
          judul=pengaduan.judul, status=pengaduan.status_label, pesan=pesan,
          tautan=_tracking_link(pengaduan)),
    )
