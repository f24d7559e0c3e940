"""Forms of a keberatan: the objection with its reasons, and the decision."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from portal.appraisals.forms import RATING_CHOICES
from portal.appraisals.keberatan.models import PUTUSAN_LABEL, PutusanKeberatan
from portal.core.forms import PortalForm


class KeberatanForm(PortalForm):
    alasan = TextAreaField(_l("Alasan keberatan"),
                           validators=[InputRequired(_l("Tuliskan alasan keberatan Anda.")),
                                       Length(max=4000)],
                           description=_l("Jelaskan rating mana yang Anda anggap tidak tepat dan "
                                          "mengapa; sebutkan bukti yang mendukung."))


class PutusanForm(PortalForm):
    putusan = RadioField(_l("Putusan"),
                         choices=[(p.value, PUTUSAN_LABEL[p]) for p in PutusanKeberatan],
                         validators=[InputRequired(_l("Pilih putusan."))])
    rating_hasil = SelectField(_l("Rating hasil kerja (bila diubah)"),
                               choices=[("", _l("— Tidak diubah —")), *RATING_CHOICES],
                               validators=[Optional()])
    rating_perilaku = SelectField(_l("Rating perilaku kerja (bila diubah)"),
                                  choices=[("", _l("— Tidak diubah —")), *RATING_CHOICES],
                                  validators=[Optional()])
    alasan_putusan = TextAreaField(_l("Alasan putusan"),
                                   validators=[InputRequired(_l("Tuliskan alasan putusan.")),
                                               Length(max=4000)])
