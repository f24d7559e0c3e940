"""Forms of the admin pemda's years and periods: a new year with a deadline per period, and a
moved deadline."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    IntegerField,
)
from wtforms.validators import InputRequired, NumberRange

from portal.appraisals.periode.models import JENIS_PERIODE_LABEL, JenisPeriode
from portal.core.forms import PortalForm

# --- years and periods (admin pemda) -------------------------------------------------------------

class TahunForm(PortalForm):
    tahun = IntegerField(_l("Tahun"), validators=[
        InputRequired(message=_l("Isi tahun.")),
        NumberRange(min=2000, max=2100, message=_l("Tahun tidak masuk akal."))])
    batas_skp = DateField(_l("Batas penetapan SKP"), validators=[
        InputRequired(message=_l("Isi tanggal."))])


for _jenis in JenisPeriode:
    setattr(TahunForm, f"batas_{_jenis.value}", DateField(
        _l("Batas evaluasi %(periode)s", periode=JENIS_PERIODE_LABEL[_jenis]),
        validators=[InputRequired(message=_l("Isi tanggal."))]))


class BatasForm(PortalForm):
    batas = DateField(_l("Batas waktu baru"), validators=[InputRequired(message=_l(
        "Isi tanggal."))])
