"""The appraisals blueprint: "Kinerja saya", the SKP editor (``routes.py``), the self-assessment
(``assessment.py``), the supervisor's review (``review.py``) and the admin pemda's years and
periods (``admin.py``) all add their views to ``bp``."""

from __future__ import annotations

from flask import Blueprint

from portal.appraisals.evaluasi.models import PREDIKAT_LABEL, RATING_LABEL
from portal.appraisals.skp.models import BERAKHLAK_LABEL

bp = Blueprint("appraisals", __name__, url_prefix="/kinerja")


@bp.context_processor
def _labels() -> dict:
    return {"RATING_LABEL": RATING_LABEL, "PREDIKAT_LABEL": PREDIKAT_LABEL,
            "BERAKHLAK_LABEL": BERAKHLAK_LABEL}
