"""Forms of the SKP editor: an RHK with its first indicator, an indicator, the BerAKHLAK
expectations, the reason for a revision."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    DecimalField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.appraisals.forms import TEXT_MAX, revisi_field
from portal.appraisals.skp.models import ASPEK_LABEL, BERAKHLAK_LABEL, JENIS_RHK_LABEL
from portal.core.forms import PortalForm, optional_int

# --- the SKP editor ------------------------------------------------------------------------------

class IndikatorForm(PortalForm):
    revisi = revisi_field()
    indikator_uraian = TextAreaField(
        _l("Indikator kinerja individu"), render_kw={"rows": 2, "maxlength": 1000},
        validators=[DataRequired(message=_l("Tuliskan indikatornya.")), Length(max=1000)])
    aspek = SelectField(_l("Aspek"), choices=[(k.value, v) for k, v in ASPEK_LABEL.items()],
                        validators=[InputRequired(message=_l("Pilih aspek indikator."))])
    target_angka = DecimalField(_l("Target (angka)"), places=None, validators=[Optional()],
                                render_kw={"inputmode": "decimal"})
    target_satuan = StringField(_l("Satuan"), description=_l("Misalnya dokumen, persen, hari."),
                                validators=[Optional(), Length(max=60)])
    target_teks = StringField(_l("atau target berupa teks"),
                              description=_l("Isi bila target tidak berupa angka."),
                              validators=[Optional(), Length(max=300)])


class RhkForm(PortalForm):
    revisi = revisi_field()
    jenis = RadioField(_l("Jenis RHK"), choices=[(k.value, v) for k, v in JENIS_RHK_LABEL.items()],
                       default="utama", validators=[InputRequired(message=_l("Pilih jenisnya."))])
    uraian = TextAreaField(_l("Rencana hasil kerja"), render_kw={"rows": 2, "maxlength": 1000},
                           validators=[DataRequired(message=_l("Tuliskan rencana hasil kerja.")),
                                       Length(max=1000)])
    rhk_atasan_id = SelectField(_l("RHK atasan yang diintervensi"), coerce=optional_int,
                                validate_choice=False)


class RhkBaruForm(RhkForm, IndikatorForm):
    """A new RHK row comes with its first indicator."""


class PerilakuForm(PortalForm):
    revisi = revisi_field()
    dukungan_sumber_daya = TextAreaField(_l("Dukungan sumber daya"), render_kw={"rows": 3},
                                         validators=[Length(max=TEXT_MAX)])
    skema_pertanggungjawaban = TextAreaField(_l("Skema pertanggungjawaban"),
                                             render_kw={"rows": 3},
                                             validators=[Length(max=TEXT_MAX)])
    konsekuensi = TextAreaField(_l("Konsekuensi"), render_kw={"rows": 3},
                                validators=[Length(max=TEXT_MAX)])


for _nilai, _label in BERAKHLAK_LABEL.items():
    setattr(PerilakuForm, f"ekspektasi_{_nilai.value}", TextAreaField(
        _label, description=_l("Ekspektasi khusus pimpinan (boleh dikosongkan)"),
        render_kw={"rows": 2}, validators=[Length(max=TEXT_MAX)]))


class AlasanForm(PortalForm):
    revisi = revisi_field()
    alasan = TextAreaField(_l("Alasan pengembalian"), render_kw={"rows": 3},
                           description=_l("Pegawai membaca alasan ini dan memperbaiki SKP-nya."),
                           validators=[Length(max=TEXT_MAX)])


def alasan_form_class(rhk_ids: list[int]) -> type[PortalForm]:
    """The return form of an SKP: the reason, and an optional comment per RHK row."""

    class KembalikanSkpForm(AlasanForm):
        pass

    for rhk_id in rhk_ids:
        setattr(KembalikanSkpForm, f"catatan_rhk_{rhk_id}", TextAreaField(
            _l("Yang perlu diperbaiki pada RHK ini (boleh dikosongkan)"), render_kw={"rows": 1},
            validators=[Length(max=TEXT_MAX)]))
    return KembalikanSkpForm


class RevisiSkpForm(PortalForm):
    alasan = TextAreaField(_l("Alasan revisi (boleh dikosongkan)"), render_kw={"rows": 2},
                           validators=[Length(max=TEXT_MAX)])
