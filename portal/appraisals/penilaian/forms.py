"""The review form of an evaluation: the two ratings, feedback per RHK and per BerAKHLAK value,
and the return comments."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    RadioField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from portal.appraisals.forms import RATING_CHOICES, TEXT_MAX, revisi_field
from portal.appraisals.skp.models import BERAKHLAK_LABEL
from portal.core.forms import PortalForm


def review_form_class(rhk_ids: list[int], indikator_ids: list[int]) -> type[PortalForm]:
    class ReviewForm(PortalForm):
        revisi = revisi_field()
        rating_hasil = RadioField(_l("Rating hasil kerja"), choices=RATING_CHOICES,
                                  validators=[Optional()])
        rating_perilaku = RadioField(_l("Rating perilaku kerja"), choices=RATING_CHOICES,
                                     validators=[Optional()])
        catatan = TextAreaField(_l("Catatan umum (bila dikembalikan)"), render_kw={"rows": 2},
                                validators=[Length(max=TEXT_MAX)])

    for rhk_id in rhk_ids:
        setattr(ReviewForm, f"umpan_balik_rhk_{rhk_id}", TextAreaField(
            _l("Umpan balik atas RHK ini"), render_kw={"rows": 2},
            validators=[Length(max=TEXT_MAX)]))
    for nilai, label in BERAKHLAK_LABEL.items():
        setattr(ReviewForm, f"umpan_balik_{nilai.value}", TextAreaField(
            label, render_kw={"rows": 1}, validators=[Length(max=TEXT_MAX)]))
    for indikator_id in indikator_ids:
        setattr(ReviewForm, f"catatan_{indikator_id}", TextAreaField(
            _l("Yang perlu diperbaiki (bila dikembalikan)"), render_kw={"rows": 1},
            validators=[Length(max=TEXT_MAX)]))
    return ReviewForm
