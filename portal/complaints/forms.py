"""The public complaint form (plain words, one question per field, nothing lost on an error) and
the reporter's follow-up on the tracking page."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf.file import MultipleFileField
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError

from portal.complaints.models import JENIS_LAPORAN_LABEL, Identitas, JenisLaporan
from portal.core.forms import PortalForm, optional_int

ISI_MIN, ISI_MAX = 30, 4000
#: the longest message, answer or note staff or the reporter may write
TEXT_MAX = 4000


def text_field(label, required_message, description=None) -> TextAreaField:
    return TextAreaField(label, description=description, validators=[
        DataRequired(message=required_message),
        Length(max=TEXT_MAX, message=_l("Paling banyak %(n)s karakter.", n=TEXT_MAX))])


class PengaduanForm(PortalForm):
    jenis = RadioField(
        _l("Apa yang ingin Anda sampaikan?"), coerce=JenisLaporan,
        choices=[(k.value, label) for k, label in JENIS_LAPORAN_LABEL.items()],
        default=JenisLaporan.PENGADUAN.value,
        validators=[InputRequired(message=_l("Pilih salah satu."))])
    opd_id = SelectField(_l("Instansi (OPD) yang dituju"), coerce=optional_int,
                         description=_l("Bila tidak tahu, pilih \u201cTidak tahu\u201d: petugas "
                                        "kami yang meneruskannya."))
    layanan_id = SelectField(_l("Layanan (boleh dikosongkan)"), coerce=optional_int,
                             validate_choice=False)
    judul = StringField(_l("Judul singkat"), description=_l("Contoh: KTP-el belum jadi setelah "
                                                             "tiga minggu"),
                        validators=[DataRequired(message=_l("Tuliskan judul singkat.")),
                                    Length(min=10, max=150, message=_l(
                                        "Judul 10 sampai 150 karakter."))])
    isi = TextAreaField(
        _l("Ceritakan apa yang terjadi"),
        description=_l("Apa, kapan, di mana, dan apa yang Anda harapkan. Paling sedikit "
                       "%(min)s karakter.", min=ISI_MIN),
        validators=[DataRequired(message=_l("Ceritakan apa yang terjadi.")),
                    Length(min=ISI_MIN, max=ISI_MAX, message=_l(
                        "Tulisan Anda harus %(min)s sampai %(max)s karakter.", min=ISI_MIN,
                        max=ISI_MAX))],
        render_kw={"rows": 8, "maxlength": ISI_MAX})
    tanggal_kejadian = DateField(_l("Tanggal kejadian (boleh dikosongkan)"),
                                 validators=[Optional()])
    wilayah_id = SelectField(_l("Kabupaten/kota dan kecamatan kejadian"), coerce=optional_int)
    lokasi = StringField(_l("Tempat kejadian (boleh dikosongkan)"),
                         description=_l("Contoh: loket 3 kantor Disdukcapil, Jl. Dr. Susilo"),
                         validators=[Optional(), Length(max=300, message=_l(
                             "Paling banyak 300 karakter."))])
    #: checked by content in attachments.py, not here: a form that comes back with an error
    #: keeps the accepted files (staged), which this field cannot show. The hint, with the
    #: limits from the settings, is set by the view.
    lampiran = MultipleFileField(_l("Lampiran foto atau PDF (boleh dikosongkan)"),
                                 render_kw={"accept": "image/jpeg,image/png,application/pdf"})
    #: signed list of the files already accepted by an earlier send of this form
    lampiran_token = HiddenField()
    identitas = RadioField(
        _l("Bagaimana identitas Anda diperlakukan?"), coerce=Identitas,
        choices=[
            (Identitas.BIASA.value, _l("Biasa: nama dan kontak saya diketahui petugas, "
                                       "tidak pernah ditampilkan ke publik")),
            (Identitas.RAHASIA.value, _l("Rahasia: nama saya disembunyikan juga dari OPD yang "
                                         "dilaporkan, dan laporan tidak tampil di daftar publik")),
            (Identitas.ANONIM.value, _l("Anonim: tidak ada identitas yang disimpan; saya "
                                        "mengikuti laporan hanya dengan kode lacak")),
        ],
        default=Identitas.BIASA.value,
        validators=[InputRequired(message=_l("Pilih salah satu."))])
    nama = StringField(_l("Nama Anda"), validators=[Optional(), Length(max=160, message=_l(
        "Paling banyak 160 karakter."))], render_kw={"autocomplete": "name"})
    telepon = StringField(_l("Nomor telepon/WhatsApp"), validators=[Optional(), Length(
        min=8, max=20, message=_l("Nomor telepon 8 sampai 20 angka."))],
        render_kw={"autocomplete": "tel", "inputmode": "tel"})
    email = StringField(_l("Email"), description=_l("Petugas dapat menghubungi Anda lewat email "
                                                   "ini."),
                        validators=[Optional(), Email(message=_l("Alamat email tidak sah."))],
                        render_kw={"autocomplete": "email", "inputmode": "email"})
    persetujuan = BooleanField(
        _l("Saya menyatakan laporan ini benar dan setuju laporan diproses sesuai kebijakan "
           "privasi portal."),
        validators=[DataRequired(message=_l("Centang pernyataan ini untuk mengirim."))])
    #: a field people never see; robots fill it in
    website = StringField(_l("Jangan diisi"), render_kw={"tabindex": "-1",
                                                          "autocomplete": "off"})
    #: signed: when the form was first shown, and the idempotency key
    form_token = HiddenField()

    def validate_tanggal_kejadian(self, field: DateField) -> None:
        if field.data and field.data > date.today():
            raise ValidationError(_l("Tanggal kejadian tidak boleh di masa depan."))

    def validate_telepon(self, field: StringField) -> None:
        digits = "".join(ch for ch in field.data or "" if ch.isdigit())
        if field.data and len(digits) < 8:
            raise ValidationError(_l("Nomor telepon 8 sampai 20 angka."))


class LacakForm(PortalForm):
    class Meta:
        csrf = False  # a GET look-up

    kode = StringField(_l("Kode lacak"), description=_l("Contoh: K7QM2-9XH4T-PZ3WA. Huruf besar "
                                                        "atau kecil sama saja."),
                       validators=[DataRequired(message=_l("Masukkan kode lacak."))],
                       render_kw={"autocapitalize": "characters", "spellcheck": "false",
                                  "autocomplete": "off"})


class KeteranganForm(PortalForm):
    keterangan = text_field(_l("Tambah keterangan"), _l("Tuliskan keterangan tambahan."))


class TerimaForm(PortalForm):
    penilaian = RadioField(_l("Seberapa puas Anda dengan jawabannya?"), coerce=int, choices=[
        (5, _l("5 — sangat puas")), (4, _l("4 — puas")), (3, _l("3 — cukup")),
        (2, _l("2 — kurang puas")), (1, _l("1 — tidak puas"))],
        validators=[InputRequired(message=_l("Pilih nilai 1 sampai 5."))])


class SanggahForm(PortalForm):
    alasan = text_field(_l("Mengapa jawaban ini belum menyelesaikan masalah?"),
                        _l("Tuliskan alasan Anda."))
