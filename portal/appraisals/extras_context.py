"""What the evaluation's own page and the review panel show of this half of the package: peer
feedback (every answer for the pejabat penilai, the aggregate for the others) and the keberatan.
Offered to templates as ``evaluasi_extras(evaluasi)``, so those pages need only an include.
Also gives the audit actions added here their labels on the evaluation's trail."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.appraisals import access, peer
from portal.appraisals import keberatan as keberatan_service
from portal.appraisals.models import Evaluasi, StatusEvaluasi

ACTION_LABELS = {
    "keberatan_diajukan": _l("Keberatan diajukan"),
    "keberatan_diputus": _l("Keberatan diputus"),
}


def evaluasi_extras(evaluasi: Evaluasi) -> dict:
    is_penilai = access.is_penilai(current_user, evaluasi.pegawai)
    is_self = access.is_self(current_user, evaluasi.pegawai)
    requests = peer.requests_of(evaluasi)
    keberatan = keberatan_service.of_evaluasi(evaluasi)
    final = evaluasi.status == StatusEvaluasi.DISETUJUI
    return {
        "is_penilai": is_penilai,
        "requests": requests if is_penilai else [],
        "ringkasan": peer.ringkasan(evaluasi, requests),
        "keberatan": keberatan,
        "can_file": is_self and final and keberatan is None
        and keberatan_service.refusal(current_user, evaluasi) is None,
        "batas": keberatan_service.last_day(evaluasi),
    }


def register(app: Flask) -> None:
    app.jinja_env.globals["evaluasi_extras"] = evaluasi_extras
    try:
        from portal.appraisals.queries import ACTION_LABEL
    except ImportError:  # the appraisal pages are not in this build
        return
    for action, label in ACTION_LABELS.items():
        ACTION_LABEL.setdefault(action, label)
