"""The self-assessment form: a realisasi per indicator and the pegawai's own assessment, with
the evidence fields."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import URL, Length, Optional

from portal.appraisals.forms import TEXT_MAX, revisi_field
from portal.core.forms import PortalForm, optional_int

# --- the evaluation (pegawai) --------------------------------------------------------------------

def evaluasi_form_class(indikator_ids: list[int]) -> type[PortalForm]:
    """One realisasi field per indicator of the SKP the evaluation reports on."""

    class EvaluasiForm(PortalForm):
        revisi = revisi_field()
        penilaian_diri = TextAreaField(
            _l("Penilaian diri"), render_kw={"rows": 4, "maxlength": TEXT_MAX},
            description=_l("Singkat: apa yang berjalan baik, apa kendalanya."),
            validators=[Length(max=TEXT_MAX)])
        berkas = FileField(_l("Berkas bukti dukung"), description=_l(
            "PDF, gambar (JPG, PNG), atau dokumen kantor (Word, Excel, PowerPoint, "
            "OpenDocument); paling besar 10 MB."))
        bukti_indikator_id = SelectField(_l("Bukti untuk indikator"), coerce=optional_int,
                                         validate_choice=False)
        tautan = StringField(_l("atau tautan bukti dukung"),
                             description=_l("Alamat lengkap, diawali https://"),
                             validators=[Optional(), Length(max=500),
                                         URL(message=_l("Isi alamat tautan yang lengkap."))])
        nama_tautan = StringField(_l("Nama tautan (boleh dikosongkan)"),
                                  validators=[Optional(), Length(max=200)])

    for indikator_id in indikator_ids:
        setattr(EvaluasiForm, f"realisasi_{indikator_id}", TextAreaField(
            _l("Realisasi"), render_kw={"rows": 2, "maxlength": TEXT_MAX},
            validators=[Length(max=TEXT_MAX)]))
    return EvaluasiForm
