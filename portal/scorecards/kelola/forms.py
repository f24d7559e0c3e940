"""Staff forms: a month of service figures, the CSV import of those figures, publishing a
period."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DecimalField, IntegerField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from portal.core.forms import PortalForm, optional_int
from portal.scorecards.models import TRIWULAN_LABEL, periode_kode

BULAN = tuple((i, label) for i, label in enumerate(
    (_l("Januari"), _l("Februari"), _l("Maret"), _l("April"), _l("Mei"), _l("Juni"),
     _l("Juli"), _l("Agustus"), _l("September"), _l("Oktober"), _l("November"),
     _l("Desember")), start=1))


class CapaianForm(PortalForm):
    layanan_id = SelectField(_l("Layanan"), coerce=optional_int,
                             validators=[DataRequired(message=_l("Pilih layanannya."))])
    tahun = IntegerField(_l("Tahun"), validators=[InputRequired(message=_l("Isi tahunnya.")),
                                                 NumberRange(min=2000, max=2100, message=_l(
                                                     "Tahun 2000 sampai 2100."))])
    bulan = SelectField(_l("Bulan"), coerce=int, choices=BULAN)
    permohonan = IntegerField(_l("Jumlah permohonan yang selesai"),
                              validators=[InputRequired(message=_l("Isi jumlahnya; 0 bila "
                                                                   "tidak ada."))])
    selesai_tepat_waktu = IntegerField(
        _l("Selesai dalam waktu standar"),
        description=_l("Dari permohonan di atas, berapa yang selesai dalam waktu penyelesaian "
                       "standar pelayanan."),
        validators=[InputRequired(message=_l("Isi jumlahnya; 0 bila tidak ada."))])
    rata_hari_proses = DecimalField(_l("Rata-rata lama proses (hari kerja)"), places=2,
                                    validators=[InputRequired(message=_l("Isi rata-ratanya."))])
    rata_menit_tunggu = DecimalField(_l("Rata-rata waktu tunggu di loket (menit)"), places=1,
                                     validators=[InputRequired(message=_l("Isi rata-ratanya."))])


class ImporCapaianForm(PortalForm):
    berkas = FileField(_l("Berkas CSV"), description=_l(
        "Kolom: layanan (slug atau nama), tahun, bulan, permohonan, selesai_tepat_waktu, "
        "rata_hari_proses, rata_menit_tunggu. Bila satu baris saja salah, tidak ada yang "
        "disimpan dan setiap baris yang salah disebutkan."),
        validators=[FileRequired(message=_l("Pilih berkas CSV.")),
                    FileAllowed(["csv", "txt"], message=_l("Berkas harus berformat .csv."))])


class TerbitkanForm(PortalForm):
    pemda_id = SelectField(_l("Pemerintah daerah"), coerce=optional_int,
                           validators=[DataRequired(message=_l("Pilih pemdanya."))])
    periode = SelectField(_l("Periode"), validators=[DataRequired(message=_l(
        "Pilih periodenya."))])
    catatan = TextAreaField(_l("Catatan penerbitan (tampil di publik, boleh dikosongkan)"),
                            description=_l("Misalnya alasan terbit ulang: data bulan Agustus "
                                           "dari OPD X diperbaiki."),
                            validators=[Optional(), Length(max=1000, message=_l(
                                "Paling banyak 1000 karakter."))],
                            render_kw={"rows": 3})


def periode_choices(today: date, running_too: bool = False) -> list[tuple[str, str]]:
    """The periods one may publish, newest first: the last eight quarters that have ended, and
    the running quarter before them when early publication is allowed (a setting)."""
    tahun, triwulan = today.year, (today.month - 1) // 3 + 1
    choices = []
    if running_too:
        choices.append((periode_kode(tahun, triwulan), _("%(periode)s (belum berakhir)",
                                                         periode=f"{TRIWULAN_LABEL[triwulan]} {tahun}")))
    for _i in range(8):
        tahun, triwulan = (tahun, triwulan - 1) if triwulan > 1 else (tahun - 1, 4)
        choices.append((periode_kode(tahun, triwulan), f"{TRIWULAN_LABEL[triwulan]} {tahun}"))
    return choices
