"""Forms of rewards; labels in Indonesian (the source language), ``_l()``."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from portal.core.forms import PortalForm
from portal.pembinaan.penghargaan.models import JENIS_PENGHARGAAN_LABEL


class UsulanForm(PortalForm):
    jenis = SelectField(_l("Jenis penghargaan"),
                        choices=[(k.value, v) for k, v in JENIS_PENGHARGAAN_LABEL.items()],
                        validators=[InputRequired(_l("Pilih jenis penghargaan."))])
    jenis_lainnya = StringField(_l("Jenis lainnya"), validators=[Optional(), Length(max=200)],
                                description=_l("Diisi bila jenisnya \"Lainnya\"."))
    alasan = TextAreaField(_l("Alasan usulan"), validators=[
        InputRequired(_l("Tuliskan alasan usulan.")), Length(max=2000)],
        description=_l("Capaian kinerja yang mendasari usulan."))


class SetujuiForm(PortalForm):
    nomor_sk = StringField(_l("Nomor SK"), validators=[
        InputRequired(_l("Isi nomor SK penghargaan.")), Length(max=120)])
    tanggal_sk = DateField(_l("Tanggal SK"), validators=[
        InputRequired(_l("Isi tanggal SK penghargaan."))])


class TolakForm(PortalForm):
    alasan_tolak = TextAreaField(_l("Alasan penolakan"), validators=[
        InputRequired(_l("Tuliskan alasan penolakan.")), Length(max=2000)])
