"""Tell the people concerned, through the portal's notifications (``portal.notifications``):
the pejabat penilai when something is submitted, the pegawai when it is returned or approved.
Written in the same transaction as the change."""

from __future__ import annotations

from flask import current_app, has_request_context, url_for

from portal.appraisals.evaluasi.models import Evaluasi
from portal.appraisals.skp.models import Skp
from portal.auth.queries import active_account
from portal.notifications.services import notify


def _send(pegawai_id: int | None, kind: str, endpoint: str, values: dict, **params: str) -> None:
    user = active_account(pegawai_id)
    if user is not None:
        notify(user, kind, _path(endpoint, **values), **params)


def _path(endpoint: str, **values) -> str:
    """The page's path; also outside a request (a CLI job, the demo), where Flask needs one."""
    if has_request_context():
        return url_for(endpoint, **values)
    with current_app.test_request_context():
        return url_for(endpoint, **values)


def skp_submitted(skp: Skp) -> None:
    _send(skp.pegawai.atasan_id, "skp_diajukan",
          "appraisals.review_skp", {"skp_id": skp.id},
          nama=skp.pegawai.nama, periode=str(skp.tahun_kinerja.tahun))


def skp_returned(skp: Skp) -> None:
    _send(skp.pegawai_id, "skp_dikembalikan", "appraisals.skp_detail", {"skp_id": skp.id},
          nama=skp.pegawai.nama, periode=str(skp.tahun_kinerja.tahun))


def skp_approved(skp: Skp) -> None:
    _send(skp.pegawai_id, "skp_disetujui", "appraisals.skp_detail", {"skp_id": skp.id},
          nama=skp.pegawai.nama, periode=str(skp.tahun_kinerja.tahun))


def evaluasi_submitted(evaluasi: Evaluasi) -> None:
    _send(evaluasi.pegawai.atasan_id, "evaluasi_diajukan",
          "appraisals.review_evaluasi", {"evaluasi_id": evaluasi.id},
          nama=evaluasi.pegawai.nama, periode=evaluasi.periode.label_later())


def evaluasi_returned(evaluasi: Evaluasi) -> None:
    _send(evaluasi.pegawai_id, "evaluasi_dikembalikan",
          "appraisals.evaluasi_detail", {"evaluasi_id": evaluasi.id},
          nama=evaluasi.pegawai.nama, periode=evaluasi.periode.label_later())


def evaluasi_approved(evaluasi: Evaluasi) -> None:
    _send(evaluasi.pegawai_id, "evaluasi_disetujui",
          "appraisals.evaluasi_detail", {"evaluasi_id": evaluasi.id},
          nama=evaluasi.pegawai.nama, periode=evaluasi.periode.label_later())
