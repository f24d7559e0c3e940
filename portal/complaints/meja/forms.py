"""Forms of the staff desks: the koordinator's decision and merge, the OPD's plan, answer,
classification and ties to staff, notes, the public summary and answer templates."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import Select, html_params

from portal.complaints.forms import TEXT_MAX, text_field
from portal.complaints.models import KATEGORI_LABEL, TEMUAN_LABEL
from portal.core.forms import PortalForm
from portal.core.routing import db_int


class GroupedSelect(Select):
    """A select whose choices are groups, an ``<optgroup>`` each; the group keyed ``None`` (the
    "— choose —" line) is drawn without one."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        html = [f"<select {html_params(name=field.name, **kwargs)}>"]
        for group, choices in field.iter_groups():
            options = [self.render_option(val, label, selected, **render_kw)
                       for val, label, selected, render_kw in choices]
            if group is None:
                html.extend(options)
            else:
                html.extend([f"<optgroup {html_params(label=group)}>", *options, "</optgroup>"])
        html.append("</select>")
        return Markup("".join(html))


def kategori_choices() -> list:
    return [("", _l("— Tidak ditentukan —"))] + [(k.value, v) for k, v in KATEGORI_LABEL.items()]


class VerifikasiForm(PortalForm):
    tindakan = RadioField(_l("Keputusan"), choices=[
        ("teruskan", _l("Sah: teruskan ke OPD")),
        ("ditunda", _l("Tunda: minta keterangan tambahan dari pelapor")),
        ("ditolak", _l("Tolak")),
        ("bukan_wewenang", _l("Bukan wewenang pemda")),
    ], validators=[InputRequired(message=_l("Pilih keputusan."))])
    #: grouped by pemda (org.queries.routing_choices); the desk page narrows it by a search
    opd_id = SelectField(_l("OPD tujuan"), coerce=lambda v: db_int(v) if v not in (None, "") else None,
                         validators=[Optional()], widget=GroupedSelect())
    kategori = SelectField(_l("Kategori (opsional)"), choices=kategori_choices(),
                           validators=[Optional()],
                           description=_l("Pokok masalahnya, bila sudah jelas; OPD dapat "
                                          "mengubahnya saat mengklasifikasi laporan."))
    perlu_tinjauan_lapangan = BooleanField(_l("Perlu tinjauan lapangan (batas penyelesaian "
                                              "lebih panjang)"))
    pesan = TextAreaField(_l("Pesan untuk pelapor"), description=_l(
        "Wajib untuk tunda, tolak, dan bukan wewenang: pelapor membacanya."),
        validators=[Optional(), Length(max=TEXT_MAX, message=_l("Paling banyak %(n)s karakter.",
                                                                n=TEXT_MAX))])


class GabungForm(PortalForm):
    """Merge this complaint into another about the same matter: the koordinator picks one of
    the similar complaints listed (a button carrying its code) or types a tracking code."""

    kode_manual = StringField(_l("Atau ketik kode lacak laporan utama"),
                              validators=[Optional(), Length(max=40)])
    alasan = text_field(
        _l("Pesan untuk pelapor"), _l("Tuliskan pesan untuk pelapor."),
        _l("Pelapor laporan ini akan melihat status dan jawaban petugas pada laporan "
           "utama, bukan isi atau identitas pelapornya; jangan tulis nama di jawaban."))


class KlasifikasiForm(PortalForm):
    """Which unit and service of the OPD the complaint is about, and its category; 0 (or an
    empty category) means none."""

    unit_id = SelectField(_l("Unit kerja"), coerce=int, validators=[Optional()])
    layanan_id = SelectField(_l("Layanan"), coerce=int, validators=[Optional()])
    kategori = SelectField(
        _l("Kategori"), choices=kategori_choices(), validators=[Optional()],
        description=_l("Pokok masalah yang dilaporkan, dengan kata-kata unsur survei kepuasan "
                       "masyarakat. Kategori yang berulang pada satu layanan tampil bagi admin "
                       "OPD di \u201cDari suara publik ke tindakan\u201d."))


class KaitanPegawaiForm(PortalForm):
    """Tie the complaint to a staff member found by the search above it (internal only); each
    search result's button carries the pegawai's id."""

    catatan = text_field(
        _l("Alasan mengaitkan"), _l("Tuliskan alasannya; atasan pegawai membacanya."),
        _l("Dibaca pejabat penilai pegawai itu saat menilai kinerjanya; tidak pernah "
           "tampil untuk publik atau pelapor."))


class TemuanForm(PortalForm):
    """The OPD's finding about a tied officer (internal only)."""

    temuan = RadioField(_l("Temuan atas pelayanan petugas"),
                        choices=[(k.value, v) for k, v in TEMUAN_LABEL.items()],
                        validators=[InputRequired(_l("Pilih temuannya."))],
                        description=_l("Bila terbukti bermasalah, pejabat penilai pegawai itu "
                                       "diminta menyusun rencana pembinaan setelah laporan "
                                       "dijawab."))


class TindakLanjutForm(PortalForm):
    rencana = text_field(_l("Rencana tindak lanjut"), _l("Tuliskan rencana tindak lanjut."),
                         _l("Pelapor membaca rencana ini di halaman lacak."))


class JawabForm(PortalForm):
    jawaban = text_field(_l("Jawaban untuk pelapor"), _l("Tuliskan jawabannya."))


class CatatanForm(PortalForm):
    isi = text_field(_l("Catatan internal"), _l("Tuliskan catatannya."),
                     _l("Hanya terlihat oleh petugas; pelapor tidak pernah melihatnya."))


class RingkasanForm(PortalForm):
    ringkasan_publik = TextAreaField(
        _l("Ringkasan untuk daftar publik"),
        description=_l("Tulis ulang tanpa nama, nomor, alamat rumah, atau hal lain yang dapat "
                       "mengenali pelapor atau pegawai."),
        validators=[Optional(), Length(max=1000, message=_l("Paling banyak %(n)s karakter.",
                                                            n=1000))])
    disetujui = BooleanField(_l("Tampilkan ringkasan ini di daftar publik"))


class TemplatForm(PortalForm):
    judul = StringField(_l("Nama templat"), validators=[
        DataRequired(message=_l("Wajib diisi.")),
        Length(max=150, message=_l("Paling banyak %(n)s karakter.", n=150))])
    isi = text_field(_l("Isi jawaban"), _l("Tuliskan isi jawabannya."))
