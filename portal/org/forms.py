"""Admin forms for the organisation. Choices that depend on the user's scope are filled by the
view; every validator carries its own Indonesian message."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from portal.core.forms import PortalForm, optional_int
from portal.org.models import (
    JENIS_JABATAN_LABEL,
    JENIS_OPD_LABEL,
    JENIS_UNIT_LABEL,
    JenisJabatan,
    JenisOpd,
    JenisUnit,
    StatusAsn,
)
from portal.org.nip import NipError, parse_nip
from portal.org.queries import layanan_choices, opd_choices

REQUIRED = _l("Wajib diisi.")


def fill_opd_layanan(opd: SelectField, layanan: SelectField, *, opd_none: tuple[str, str],
                     layanan_none: str) -> None:
    """The choices of the dependent OPD → layanan select of the public forms (complaint, survey):
    the active OPDs by pemda after a group holding the "none" choice, then the services of the
    chosen OPD after their "none" choice (macro ``opd_layanan_select``)."""
    group, label = opd_none
    opd.choices = {group: [(0, label)], **opd_choices()}
    layanan.choices = [(0, layanan_none)] + layanan_choices(opd.data)


def _enum_choices(labels: dict) -> list[tuple[str, str]]:
    return [(member.value, label) for member, label in labels.items()]


class OpdForm(PortalForm):
    pemda_id = SelectField(_l("Pemerintah daerah"), coerce=int,
                           validators=[InputRequired(message=REQUIRED)])
    nama = StringField(_l("Nama OPD"), validators=[DataRequired(message=REQUIRED),
                       Length(max=200, message=_l("Paling banyak 200 karakter."))])
    singkatan = StringField(_l("Singkatan"), description=_l("Contoh: Disdukcapil, DPMPTSP."),
                            validators=[Optional(), Length(max=40, message=_l(
                                "Paling banyak 40 karakter."))])
    jenis = SelectField(_l("Jenis OPD"), choices=_enum_choices(JENIS_OPD_LABEL),
                        validators=[DataRequired(message=REQUIRED)], coerce=JenisOpd)
    alamat = StringField(_l("Alamat kantor"), validators=[Optional(), Length(max=300, message=_l(
        "Paling banyak 300 karakter."))])
    aktif = BooleanField(_l("Aktif (tampil di portal)"), default=True)


class UnitForm(PortalForm):
    nama = StringField(_l("Nama unit"), validators=[DataRequired(message=REQUIRED),
                       Length(max=200, message=_l("Paling banyak 200 karakter."))])
    jenis = SelectField(_l("Jenis unit"), choices=_enum_choices(JENIS_UNIT_LABEL),
                        coerce=JenisUnit, validators=[DataRequired(message=REQUIRED)])
    parent_id = SelectField(_l("Unit induk"), coerce=optional_int,
                            description=_l("Kosongkan untuk unit di bawah pimpinan OPD langsung."))
    aktif = BooleanField(_l("Aktif"), default=True)


#: the largest tariff accepted (rupiah)
MAX_BIAYA = 10**12


class LayananForm(PortalForm):
    nama = StringField(_l("Nama layanan"), validators=[DataRequired(message=REQUIRED),
                       Length(max=200, message=_l("Paling banyak 200 karakter."))])
    unit_id = SelectField(_l("Unit pelaksana"), coerce=optional_int)
    persyaratan = TextAreaField(_l("Persyaratan"), description=_l("Satu persyaratan per baris."),
                                validators=[DataRequired(message=REQUIRED)])
    prosedur = TextAreaField(_l("Sistem, mekanisme, dan prosedur"),
                             description=_l("Langkah-langkah layanan, satu per baris."),
                             validators=[Optional()])
    waktu_penyelesaian_hari = IntegerField(
        _l("Waktu penyelesaian (hari kerja)"),
        validators=[InputRequired(message=_l("Isi dengan angka hari kerja.")),
                    NumberRange(min=0, max=365, message=_l("Antara 0 dan 365 hari kerja."))])
    biaya_rupiah = IntegerField(
        _l("Biaya/tarif (rupiah)"), description=_l("Isi 0 bila gratis."), default=0,
        validators=[InputRequired(message=_l("Isi dengan angka; 0 bila gratis.")),
                    NumberRange(min=0, message=_l("Biaya tidak boleh negatif.")),
                    # the column holds 2⁶³; no tariff comes near a trillion rupiah
                    NumberRange(max=MAX_BIAYA, message=_l(
                        "Paling banyak Rp1.000.000.000.000; periksa angkanya."))])
    produk = StringField(_l("Produk layanan"), validators=[DataRequired(message=REQUIRED),
                         Length(max=300, message=_l("Paling banyak 300 karakter."))])
    aktif = BooleanField(_l("Aktif"), default=True)


class PegawaiForm(PortalForm):
    nip = StringField(_l("NIP"), description=_l("18 angka, tanpa spasi."),
                      validators=[DataRequired(message=REQUIRED)])
    nama = StringField(_l("Nama lengkap dengan gelar"), validators=[
        DataRequired(message=REQUIRED), Length(max=160, message=_l("Paling banyak 160 karakter."))])
    jabatan = StringField(_l("Nama jabatan"), validators=[
        DataRequired(message=REQUIRED), Length(max=200, message=_l("Paling banyak 200 karakter."))])
    jenis_jabatan = SelectField(_l("Jenis jabatan"), choices=_enum_choices(JENIS_JABATAN_LABEL),
                                coerce=JenisJabatan, validators=[DataRequired(message=REQUIRED)])
    status_asn = RadioField(_l("Status kepegawaian"), coerce=StatusAsn,
                            choices=[(StatusAsn.PNS.value, "PNS"), (StatusAsn.PPPK.value, "PPPK")],
                            validators=[InputRequired(message=_l("Pilih PNS atau PPPK."))])
    golongan = StringField(_l("Golongan/ruang"), description=_l(
        "PNS: I/a sampai IV/e. PPPK: I sampai XVII. Boleh dikosongkan."),
        validators=[Optional(), Length(max=8, message=_l("Paling banyak 8 karakter."))])
    unit_id = SelectField(_l("Unit kerja"), coerce=optional_int,
                          validators=[InputRequired(message=_l("Pilih unit kerja."))])
    atasan_id = SelectField(_l("Atasan langsung (pejabat penilai)"), coerce=optional_int)
    email = StringField(_l("Email dinas"), validators=[Optional(), Email(
        message=_l("Alamat email tidak sah."))])
    aktif = BooleanField(_l("Aktif"), default=True)

    def validate_nip(self, field: StringField) -> None:
        try:
            parse_nip(field.data or "")
        except NipError as error:
            raise ValidationError(str(error)) from None

    def validate_unit_id(self, field: SelectField) -> None:
        if field.data is None:
            raise ValidationError(_l("Pilih unit kerja."))


class ImportPegawaiForm(PortalForm):
    berkas = FileField(_l("Berkas CSV"), description=_l(
        "Kolom: nip, nama, jabatan, jenis_jabatan, golongan, status_asn, unit, nip_atasan, "
        "email. Pemisah koma atau titik koma, penyandian UTF-8."),
        validators=[FileRequired(message=_l("Pilih berkas CSV.")),
                    FileAllowed(["csv", "txt"], message=_l("Berkas harus berformat .csv."))])


class StaffSearchForm(PortalForm):
    class Meta:
        csrf = False  # a GET search, bookmarkable

    q = StringField(_l("Cari nama, jabatan, atau NIP"))
    unit = SelectField(_l("Unit kerja"), coerce=optional_int, validate_choice=False)
    status = SelectField(_l("Status"), choices=[("", _l("Semua")), ("PNS", "PNS"),
                                                ("PPPK", "PPPK")], validate_choice=False)
