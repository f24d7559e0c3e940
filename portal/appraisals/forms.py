"""Forms of the appraisal pages. Every editable item's form carries ``revisi``, the number of the
item's state it was built from, so a change made meanwhile elsewhere is noticed (stale form).
Forms repeated on one page (a form per RHK row) take a ``prefix`` so every field id is unique."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    DateField,
    DecimalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, InputRequired, Length, NumberRange, Optional

from portal.appraisals.models import (
    ASPEK_LABEL,
    BERAKHLAK_LABEL,
    JENIS_PERIODE_LABEL,
    JENIS_RHK_LABEL,
    RATING_LABEL,
    JenisPeriode,
)
from portal.core.forms import PortalForm

TEXT_MAX = 4000


def _optional_int(value):
    if value in (None, "", "0", 0):
        return None
    return int(value)


def _revisi_field():
    return HiddenField(default="")


def revisi_of(form) -> int | None:
    """The revision the form was built from; None when absent (the service then skips the
    check, which only API-style callers do)."""
    try:
        return int(form.revisi.data)
    except (TypeError, ValueError):
        return None


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


class ActionForm(PortalForm):
    """A button that changes state: CSRF and the revision only."""

    revisi = _revisi_field()


# --- the SKP editor ------------------------------------------------------------------------------

class IndikatorForm(PortalForm):
    revisi = _revisi_field()
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
    revisi = _revisi_field()
    jenis = RadioField(_l("Jenis RHK"), choices=[(k.value, v) for k, v in JENIS_RHK_LABEL.items()],
                       default="utama", validators=[InputRequired(message=_l("Pilih jenisnya."))])
    uraian = TextAreaField(_l("Rencana hasil kerja"), render_kw={"rows": 2, "maxlength": 1000},
                           validators=[DataRequired(message=_l("Tuliskan rencana hasil kerja.")),
                                       Length(max=1000)])
    rhk_atasan_id = SelectField(_l("RHK atasan yang diintervensi"), coerce=_optional_int,
                                validate_choice=False)


class RhkBaruForm(RhkForm, IndikatorForm):
    """A new RHK row comes with its first indicator."""


class PerilakuForm(PortalForm):
    revisi = _revisi_field()
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
    revisi = _revisi_field()
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


# --- the evaluation (pegawai) --------------------------------------------------------------------

def evaluasi_form_class(indikator_ids: list[int]) -> type[PortalForm]:
    """One realisasi field per indicator of the SKP the evaluation reports on."""

    class EvaluasiForm(PortalForm):
        revisi = _revisi_field()
        penilaian_diri = TextAreaField(
            _l("Penilaian diri"), render_kw={"rows": 4, "maxlength": TEXT_MAX},
            description=_l("Singkat: apa yang berjalan baik, apa kendalanya."),
            validators=[Length(max=TEXT_MAX)])
        berkas = FileField(_l("Berkas bukti dukung"), description=_l(
            "PDF, gambar (JPG, PNG), atau dokumen kantor (Word, Excel, PowerPoint, "
            "OpenDocument); paling besar 10 MB."))
        bukti_indikator_id = SelectField(_l("Bukti untuk indikator"), coerce=_optional_int,
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


# --- the review (pejabat penilai) ----------------------------------------------------------------

RATING_CHOICES = [(k.value, v) for k, v in RATING_LABEL.items()]


def review_form_class(rhk_ids: list[int], indikator_ids: list[int]) -> type[PortalForm]:
    class ReviewForm(PortalForm):
        revisi = _revisi_field()
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
