"""Forms of peer feedback, keberatan and the organisation predikat."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from portal.appraisals.models import BERAKHLAK_LABEL, RATING_LABEL, NilaiBerakhlak, Rating
from portal.appraisals.models_feedback import (
    PREDIKAT_ORGANISASI_LABEL,
    PUTUSAN_LABEL,
    PredikatOrganisasiNilai,
    PutusanKeberatan,
)
from portal.core.forms import PortalForm


def _rating_choices():
    return [(r.value, RATING_LABEL[r]) for r in Rating]


class MintaUmpanBalikForm(PortalForm):
    rekan = SelectMultipleField(_l("Rekan kerja yang diminta"), coerce=int, validate_choice=False,
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
                RadioField(BERAKHLAK_LABEL[nilai], choices=_rating_choices(),
                           validators=[InputRequired(_l("Pilih salah satu penilaian."))]))
    return JawabUmpanBalikForm


class TolakUmpanBalikForm(PortalForm):
    alasan = TextAreaField(_l("Alasan menolak (boleh dikosongkan)"),
                           validators=[Optional(), Length(max=1000)],
                           description=_l("Hanya dilihat pejabat penilai yang meminta."))


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
                               choices=[("", _l("— Tidak diubah —")), *_rating_choices()],
                               validators=[Optional()])
    rating_perilaku = SelectField(_l("Rating perilaku kerja (bila diubah)"),
                                  choices=[("", _l("— Tidak diubah —")), *_rating_choices()],
                                  validators=[Optional()])
    alasan_putusan = TextAreaField(_l("Alasan putusan"),
                                   validators=[InputRequired(_l("Tuliskan alasan putusan.")),
                                               Length(max=4000)])


class PredikatOrganisasiForm(PortalForm):
    opd_id = HiddenField()
    predikat = SelectField(_l("Predikat organisasi"),
                           choices=[("", _l("— Pilih —"))]
                           + [(p.value, PREDIKAT_ORGANISASI_LABEL[p])
                              for p in PredikatOrganisasiNilai],
                           validators=[InputRequired(_l("Pilih predikat organisasi."))])
