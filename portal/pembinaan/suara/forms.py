"""Forms of "Dari suara publik ke tindakan": a mapping row, and the planned activity."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from portal.complaints.models import KATEGORI_LABEL
from portal.core.forms import PortalForm
from portal.core.routing import db_int
from portal.org.skm import UNSUR
from portal.pembinaan.kompetensi.models import SumberSuara


def suara_choices() -> dict:
    """The nine unsur and the complaint categories, an <optgroup> each; values "sumber:kode"."""
    return {
        str(_l("Unsur SKM")): [(f"{SumberSuara.UNSUR.value}:{key}", label) for key, label in UNSUR],
        str(_l("Kategori pengaduan")): [(f"{SumberSuara.KATEGORI.value}:{k.value}", label)
                                        for k, label in KATEGORI_LABEL.items()],
    }


def _id_or_none(value):
    return db_int(value) if value not in (None, "") else None


class PemetaanForm(PortalForm):
    suara = SelectField(_l("Unsur SKM atau kategori pengaduan"),
                        validators=[InputRequired(_l("Pilih unsur SKM atau kategori pengaduan."))],
                        description=_l("Apa yang dikeluhkan atau dinilai rendah oleh publik."))
    kegiatan_id = SelectField(_l("Kegiatan katalog yang menjawabnya"), coerce=_id_or_none,
                              validators=[InputRequired(_l("Pilih kegiatan dari katalog."))],
                              description=_l("Kegiatan katalog pemda ini yang Anda kelola."))
    catatan = TextAreaField(_l("Mengapa kegiatan ini membantu (opsional)"), validators=[
        Optional(), Length(max=1000, message=_l("Paling banyak %(n)s karakter.", n=1000))])

    def sumber_kode(self) -> tuple[str, str | None]:
        sumber, _sep, kode = (self.suara.data or "").partition(":")
        return sumber, kode or None


class RencanaSuaraForm(PortalForm):
    contoh_id = SelectField(_l("Kegiatan katalog yang dijadikan acuan"), coerce=_id_or_none,
                            validators=[InputRequired(_l("Pilih kegiatan acuan."))],
                            description=_l("Bentuk, penyelenggara, JP, kompetensi, dan sumber "
                                           "anggaran disalin dari kegiatan ini."))
    judul = StringField(_l("Judul kegiatan"), validators=[
        InputRequired(_l("Tuliskan judul kegiatan.")),
        Length(max=300, message=_l("Paling banyak %(n)s karakter.", n=300))])
    tanggal_mulai = DateField(_l("Tanggal mulai"), validators=[
        InputRequired(_l("Isi tanggal mulai."))])
    tanggal_selesai = DateField(_l("Tanggal selesai"), validators=[
        InputRequired(_l("Isi tanggal selesai."))])
