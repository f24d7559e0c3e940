"""Forms of peer feedback: asking colleagues, answering per BerAKHLAK value, declining."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectMultipleField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from portal.appraisals.forms import RATING_CHOICES
from portal.appraisals.skp.models import BERAKHLAK_LABEL, NilaiBerakhlak
from portal.core.forms import PortalForm
from portal.core.routing import db_int


class MintaUmpanBalikForm(PortalForm):
    rekan = SelectMultipleField(_l("Rekan kerja yang diminta"), coerce=db_int, validate_choice=False,
                                description=_l("Pegawai OPD yang sama; cari dengan nama atau "
                                               "NIP."))


class JawabUmpanBalikBase(PortalForm):
    komentar = TextAreaField(_l("Catatan untuk pegawai (tanpa nama Anda)"),
                             validators=[Optional(), Length(max=2000)],
                             description=_l("Pegawai melihat catatan ini tanpa nama, digabung "
                                            "dengan catatan rekan lain."))


def jawab_form_class() -> type[JawabUmpanBalikBase]:
    """One choice per BerAKHLAK value, named ``nilai_<value>`` (as the service's errors)."""

    class JawabUmpanBalikForm(JawabUmpanBalikBase):
        pass

    for nilai in NilaiBerakhlak:
        setattr(JawabUmpanBalikForm, f"nilai_{nilai.value}",
                RadioField(BERAKHLAK_LABEL[nilai], choices=RATING_CHOICES,
                           validators=[InputRequired(_l("Pilih salah satu penilaian."))]))
    return JawabUmpanBalikForm


class TolakUmpanBalikForm(PortalForm):
    alasan = TextAreaField(_l("Alasan menolak (boleh dikosongkan)"),
                           validators=[Optional(), Length(max=1000)],
                           description=_l("Hanya dilihat pejabat penilai yang meminta."))
