"""The organisation predikat form of the admin pemda."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField
from wtforms.validators import InputRequired

from portal.appraisals.pemantauan.models import PREDIKAT_ORGANISASI_LABEL, PredikatOrganisasiNilai
from portal.core.forms import PortalForm


class PredikatOrganisasiForm(PortalForm):
    opd_id = HiddenField()
    predikat = SelectField(_l("Predikat organisasi"),
                           choices=[("", _l("— Pilih —"))]
                           + [(p.value, PREDIKAT_ORGANISASI_LABEL[p])
                              for p in PredikatOrganisasiNilai],
                           validators=[InputRequired(_l("Pilih predikat organisasi."))])
