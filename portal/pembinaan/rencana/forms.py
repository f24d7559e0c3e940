"""Forms of coaching plans; labels in Indonesian (the source language), ``_l()``."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from portal.core.forms import PortalForm
from portal.core.routing import db_int
from portal.pembinaan.kompetensi.forms import _choices
from portal.pembinaan.rencana.models import (
    JENIS_AKSI_LABEL,
    PEMILIK_LABEL,
    STATUS_RENCANA_LABEL,
    StatusRencana,
)

TEKS = 4000


class MintaForm(PortalForm):
    alasan = TextAreaField(_l("Apa yang ingin Anda kembangkan?"), validators=[
        InputRequired(_l("Tuliskan apa yang ingin Anda kembangkan.")), Length(max=TEKS)],
        description=_l("Misalnya kompetensi yang ingin ditingkatkan, atau kesulitan dalam "
                       "pekerjaan. Atasan langsung Anda membacanya lalu menyusun rencana "
                       "bersama Anda."))


class IsiForm(PortalForm):
    #: "rhk-<id>", "nilai-<value>" or "": the service checks it against the plan's own list
    fokus = SelectField(_l("Kesenjangan utama"), validate_choice=False,
                        description=_l("RHK atau nilai BerAKHLAK yang paling lemah."))
    kesenjangan = TextAreaField(_l("Uraian kesenjangan kinerja"), validators=[
        Optional(), Length(max=TEKS)])
    tujuan = TextAreaField(_l("Tujuan yang terukur"), validators=[Optional(), Length(max=TEKS)],
                           description=_l("Misalnya: seluruh berkas diproses dalam standar "
                                          "waktu 3 hari kerja pada triwulan berikutnya."))
    ukuran_keberhasilan = TextAreaField(_l("Cara mengukur keberhasilan"), validators=[
        Optional(), Length(max=TEKS)], description=_l("Data atau bukti yang dipakai saat "
                                                      "rencana ditutup."))
    selesai_rencana = DateField(_l("Akhir masa perbaikan"), validators=[Optional()],
                                description=_l("Kosongkan untuk memakai masa perbaikan baku "
                                               "sejak rencana disepakati."))


class AksiForm(PortalForm):
    jenis = SelectField(_l("Jenis tindakan"), choices=_choices(JENIS_AKSI_LABEL),
                        validators=[InputRequired(_l("Pilih jenis tindakan."))])
    kegiatan_id = SelectField(_l("Pelatihan dari katalog"), coerce=db_int,
                              validate_choice=False, validators=[Optional()],
                              description=_l("Diisi bila jenisnya pelatihan dari katalog: "
                                             "pegawai didaftarkan saat rencana disepakati."))
    uraian = TextAreaField(_l("Uraian tindakan"), validators=[Optional(), Length(max=TEKS)])
    pemilik = RadioField(_l("Penanggung jawab"), choices=_choices(PEMILIK_LABEL),
                         default="pegawai",
                         validators=[InputRequired(_l("Pilih penanggung jawabnya."))])
    batas = DateField(_l("Batas waktu"), validators=[InputRequired(_l("Isi batas waktunya."))])


class SelesaiAksiForm(PortalForm):
    catatan_aksi = TextAreaField(_l("Catatan pelaksanaan"), validators=[Optional(), Length(max=TEKS)])


class DialogForm(PortalForm):
    tanggal = DateField(_l("Tanggal dialog"), validators=[
        InputRequired(_l("Isi tanggal dialognya."))])
    catatan = TextAreaField(_l("Hasil dialog kinerja"), validators=[
        InputRequired(_l("Tuliskan hasil dialognya.")), Length(max=TEKS)],
        description=_l("Kemajuan, hambatan, dan kesepakatan berikutnya."))


class TutupForm(PortalForm):
    hasil = RadioField(_l("Hasil"), choices=[
        (s.value, STATUS_RENCANA_LABEL[s]) for s in (StatusRencana.BERHASIL,
                                                     StatusRencana.TIDAK_BERHASIL)],
        validators=[InputRequired(_l("Pilih hasil rencana pembinaan."))])
    catatan_hasil = TextAreaField(_l("Catatan hasil"), validators=[
        InputRequired(_l("Tuliskan catatan hasilnya: apa yang tercapai dan buktinya.")),
        Length(max=TEKS)])


class BatalForm(PortalForm):
    alasan = TextAreaField(_l("Alasan pembatalan"), validators=[
        InputRequired(_l("Tuliskan alasan pembatalan.")), Length(max=TEKS)])
