"""Forms of competency development; labels in Indonesian (the source language), ``_l()``."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from portal.core.forms import PortalForm
from portal.core.routing import db_int
from portal.pembinaan.kompetensi.models import (
    ANGGARAN_LABEL,
    ASAL_KEBUTUHAN_LABEL,
    BENTUK_LABEL,
    KOMPETENSI_LABEL,
    BentukKegiatan,
)


def bentuk_choices() -> dict:
    """Grouped as Peraturan LAN 10/2018 groups them (an <optgroup> each)."""
    return {
        str(_l("Klasikal")): [(b.value, BENTUK_LABEL[b]) for b in BentukKegiatan if b.klasikal],
        str(_l("Nonklasikal")): [(b.value, BENTUK_LABEL[b]) for b in BentukKegiatan
                                 if not b.klasikal],
    }


def _choices(labels: dict) -> list[tuple[str, object]]:
    return [(key.value, label) for key, label in labels.items()]


def _required(message):
    return InputRequired(message)


class KegiatanForm(PortalForm):
    lingkup = SelectField(_l("Ditawarkan kepada"), validators=[_required(_l("Pilih OPD."))],
                          description=_l("Pegawai OPD ini, atau seluruh OPD pemda (katalog "
                                         "admin pemda)."))
    judul = StringField(_l("Judul kegiatan"), validators=[
        _required(_l("Tuliskan judul kegiatan.")), Length(max=300)])
    bentuk = SelectField(_l("Bentuk pengembangan kompetensi"),
                         validators=[_required(_l("Pilih bentuk kegiatan."))],
                         description=_l("Menurut Peraturan LAN Nomor 10 Tahun 2018."))
    penyelenggara = StringField(_l("Penyelenggara"), validators=[
        _required(_l("Tuliskan penyelenggaranya.")), Length(max=200)],
        description=_l("Misalnya BPSDM Provinsi Lampung, LAN, atau OPD sendiri."))
    jp = IntegerField(_l("Jumlah JP"), validators=[
        _required(_l("Isi jumlah JP.")), NumberRange(1, 2000, _l("JP antara 1 dan 2000."))],
        description=_l("Jam pelajaran menurut kurikulum atau sertifikat."))
    tanggal_mulai = DateField(_l("Tanggal mulai"), validators=[
        _required(_l("Isi tanggal mulai."))])
    tanggal_selesai = DateField(_l("Tanggal selesai"), validators=[
        _required(_l("Isi tanggal selesai."))],
        description=_l("JP dihitung pada tahun kegiatan berakhir."))
    kompetensi = SelectField(_l("Kompetensi sasaran"), choices=_choices(KOMPETENSI_LABEL),
                             validators=[_required(_l("Pilih kompetensi sasaran."))])
    sumber_anggaran = RadioField(_l("Sumber anggaran"), choices=_choices(ANGGARAN_LABEL),
                                 validators=[_required(_l("Pilih sumber anggaran."))])
    asal_kebutuhan = SelectField(_l("Asal kebutuhan"), choices=_choices(ASAL_KEBUTUHAN_LABEL),
                                 validators=[_required(_l("Pilih asal kebutuhan."))])
    keterangan_kebutuhan = TextAreaField(_l("Keterangan kebutuhan"), validators=[
        Optional(), Length(max=2000)],
        description=_l("Temuan yang mendasarinya: hasil evaluasi, pengaduan, atau unsur survei."))
    deskripsi = TextAreaField(_l("Deskripsi"), validators=[Optional(), Length(max=4000)])
    aktif = BooleanField(_l("Dibuka untuk usulan peserta"), default=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bentuk.choices = bentuk_choices()


class UsulForm(PortalForm):
    #: any id: the service says why an activity is not open (closed, ended, another OPD's)
    kegiatan_id = SelectField(_l("Kegiatan"), coerce=db_int, validate_choice=False,
                              validators=[_required(_l("Pilih kegiatan dari katalog."))])
    alasan = TextAreaField(_l("Alasan usulan"), validators=[Optional(), Length(max=2000)],
                           description=_l("Kompetensi yang ingin ditingkatkan atau kesenjangan "
                                          "yang ditutup."))


class KeputusanForm(PortalForm):
    """Approve (no field but the token) or refuse (with ``alasan``)."""

    alasan = TextAreaField(_l("Alasan penolakan"), validators=[Optional(), Length(max=2000)])


class KosongForm(PortalForm):
    """A button: only the CSRF token."""


class KehadiranForm(PortalForm):
    kehadiran = RadioField(_l("Kehadiran"), choices=[("hadir", _l("Hadir")),
                                                     ("tidak_hadir", _l("Tidak hadir"))],
                           validators=[_required(_l("Pilih hadir atau tidak hadir."))])


class SertifikatForm(PortalForm):
    sertifikat = FileField(_l("Berkas sertifikat"),
                           description=_l("PDF, JPEG, atau PNG. Metadata PDF tidak dihapus."))
    nomor_sertifikat = StringField(_l("Nomor sertifikat"), validators=[Optional(),
                                                                        Length(max=120)])


class MandiriForm(PortalForm):
    judul = StringField(_l("Nama pembelajaran"), validators=[
        _required(_l("Tuliskan nama pembelajaran atau kursusnya.")), Length(max=300)])
    bentuk = SelectField(_l("Bentuk"), validators=[_required(_l("Pilih bentuknya."))])
    penyelenggara = StringField(_l("Penyelenggara"), validators=[
        _required(_l("Tuliskan penyelenggaranya.")), Length(max=200)],
        description=_l("Misalnya LAN (ASN Unggul), kementerian, atau lembaga kursus."))
    kompetensi = SelectField(_l("Kompetensi yang dikembangkan"),
                             choices=_choices(KOMPETENSI_LABEL),
                             validators=[_required(_l("Pilih kompetensinya."))])
    tanggal_mulai = DateField(_l("Tanggal mulai"), validators=[
        _required(_l("Isi tanggal mulai."))])
    tanggal_selesai = DateField(_l("Tanggal selesai"), validators=[
        _required(_l("Isi tanggal selesai."))])
    jp = IntegerField(_l("JP menurut sertifikat"), validators=[
        Optional(), NumberRange(1, 2000, _l("JP antara 1 dan 2000."))])
    jam = DecimalField(_l("Atau lamanya, dalam jam"), places=1, validators=[
        Optional(), NumberRange(0, 2000, _l("Lama antara 0 dan 2000 jam."))],
        description=_l("Bila sertifikat tidak menyebut JP: diubah menjadi JP menurut "
                       "pengaturan, dibulatkan ke bawah."))
    nomor_sertifikat = StringField(_l("Nomor sertifikat"), validators=[Optional(),
                                                                        Length(max=120)])
    sertifikat = FileField(_l("Berkas sertifikat"),
                           description=_l("Wajib. PDF, JPEG, atau PNG. Metadata PDF tidak "
                                          "dihapus."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bentuk.choices = bentuk_choices()


class VerifikasiForm(PortalForm):
    jp_diakui = IntegerField(_l("JP yang diakui"), validators=[
        Optional(), NumberRange(1, 2000, _l("JP antara 1 dan 2000."))],
        description=_l("Kosongkan untuk mengakui JP yang tertulis."))


class TolakMandiriForm(PortalForm):
    alasan = TextAreaField(_l("Alasan penolakan"), validators=[
        _required(_l("Tuliskan alasan penolakan.")), Length(max=2000)])
