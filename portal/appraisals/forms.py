"""Form pieces every appraisal room shares: the ``revisi`` field of editable items (so a change
made meanwhile elsewhere is noticed), the action form of a bare button, the rating choices and
the longest text field. Forms repeated on one page take a ``prefix`` so every field id is unique."""

from __future__ import annotations

from wtforms import (
    HiddenField,
)

from portal.appraisals.evaluasi.models import RATING_LABEL
from portal.core.forms import PortalForm

TEXT_MAX = 4000


def revisi_field():
    return HiddenField(default="")


def revisi_of(form) -> int | None:
    """The revision the form was built from; None when absent (the service then skips the
    check, which only API-style callers do)."""
    try:
        return int(form.revisi.data)
    except (TypeError, ValueError):
        return None


class ActionForm(PortalForm):
    """A button that changes state: CSRF and the revision only."""

    revisi = revisi_field()


# --- the review (pejabat penilai) ----------------------------------------------------------------

RATING_CHOICES = [(k.value, v) for k, v in RATING_LABEL.items()]
