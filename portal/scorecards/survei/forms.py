"""The public survey form: plain words, the nine unsur on a 4-point scale, an optional profile."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.core.forms import PortalForm, optional_int

#: the nine questions in plain words, with the four answers of each, worst first
PERTANYAAN = (
    (_l("Bagaimana pendapat Anda tentang persyaratan layanan ini?"),
     (_l("Tidak sesuai"), _l("Kurang sesuai"), _l("Sesuai"), _l("Sangat sesuai"))),
    (_l("Bagaimana kemudahan prosedur (langkah-langkah) layanan ini?"),
     (_l("Tidak mudah"), _l("Kurang mudah"), _l("Mudah"), _l("Sangat mudah"))),
    (_l("Bagaimana kecepatan waktu penyelesaian layanan ini?"),
     (_l("Tidak cepat"), _l("Kurang cepat"), _l("Cepat"), _l("Sangat cepat"))),
    (_l("Bagaimana kewajaran biaya/tarif layanan ini?"),
     (_l("Sangat mahal"), _l("Cukup mahal"), _l("Murah"), _l("Gratis"))),
    (_l("Apakah hasil layanan yang Anda terima sesuai dengan yang dijanjikan?"),
     (_l("Tidak sesuai"), _l("Kurang sesuai"), _l("Sesuai"), _l("Sangat sesuai"))),
    (_l("Bagaimana kemampuan petugas dalam melayani?"),
     (_l("Tidak mampu"), _l("Kurang mampu"), _l("Mampu"), _l("Sangat mampu"))),
    (_l("Bagaimana kesopanan dan keramahan petugas?"),
     (_l("Tidak sopan dan ramah"), _l("Kurang sopan dan ramah"), _l("Sopan dan ramah"),
      _l("Sangat sopan dan ramah"))),
    (_l("Bagaimana penanganan pengaduan, saran, dan masukan di tempat layanan ini?"),
     (_l("Tidak ada"), _l("Ada tetapi tidak berfungsi"), _l("Berfungsi kurang maksimal"),
      _l("Dikelola dengan baik"))),
    (_l("Bagaimana kualitas sarana dan prasarana (ruang tunggu, toilet, parkir)?"),
     (_l("Buruk"), _l("Cukup"), _l("Baik"), _l("Sangat baik"))),
)

USIA = (("", _l("Tidak ingin menjawab")), ("lt20", _l("Di bawah 20 tahun")),
        ("20-29", _l("20–29 tahun")), ("30-39", _l("30–39 tahun")), ("40-49", _l("40–49 tahun")),
        ("50-59", _l("50–59 tahun")), ("60+", _l("60 tahun ke atas")))
JENIS_KELAMIN = (("", _l("Tidak ingin menjawab")), ("L", _l("Laki-laki")),
                 ("P", _l("Perempuan")))
PENDIDIKAN = (("", _l("Tidak ingin menjawab")), ("sd", _l("SD atau sederajat")),
              ("smp", _l("SMP atau sederajat")), ("sma", _l("SMA/SMK atau sederajat")),
              ("diploma", _l("Diploma (D1–D3)")), ("s1", _l("D4 atau S1")),
              ("s2", _l("S2 atau S3")))
PEKERJAAN = (("", _l("Tidak ingin menjawab")), ("asn", _l("PNS/TNI/Polri")),
             ("swasta", _l("Pegawai swasta")), ("wirausaha", _l("Wirausaha")),
             ("pelajar", _l("Pelajar/mahasiswa")), ("petani", _l("Petani/nelayan")),
             ("rumah_tangga", _l("Mengurus rumah tangga")), ("lainnya", _l("Lainnya")))


def _question(index: int) -> RadioField:
    text, answers = PERTANYAAN[index]
    return RadioField(text, coerce=int,
                      choices=[(value, label) for value, label in enumerate(answers, start=1)],
                      validators=[InputRequired(message=_l("Pilih salah satu jawaban."))])


class SurveiForm(PortalForm):
    opd_id = SelectField(_l("Instansi (OPD) yang memberi layanan"), coerce=optional_int,
                         validators=[DataRequired(message=_l("Pilih instansinya."))])
    layanan_id = SelectField(_l("Layanan yang Anda terima"), coerce=optional_int,
                             validate_choice=False,
                             validators=[DataRequired(message=_l("Pilih layanannya."))])
    u1 = _question(0)
    u2 = _question(1)
    u3 = _question(2)
    u4 = _question(3)
    u5 = _question(4)
    u6 = _question(5)
    u7 = _question(6)
    u8 = _question(7)
    u9 = _question(8)
    usia = SelectField(_l("Usia"), choices=USIA, validators=[Optional()])
    jenis_kelamin = SelectField(_l("Jenis kelamin"), choices=JENIS_KELAMIN,
                                validators=[Optional()])
    pendidikan = SelectField(_l("Pendidikan terakhir"), choices=PENDIDIKAN,
                             validators=[Optional()])
    pekerjaan = SelectField(_l("Pekerjaan"), choices=PEKERJAAN, validators=[Optional()])
    saran = TextAreaField(_l("Saran untuk layanan ini (boleh dikosongkan)"),
                          description=_l("Jangan menulis nama atau nomor telepon. Saran dibaca "
                                         "oleh OPD dan tidak ditampilkan ke publik."),
                          validators=[Optional(), Length(max=2000, message=_l(
                              "Paling banyak 2000 karakter."))],
                          render_kw={"rows": 4, "maxlength": 2000})

    def skor(self) -> list[int]:
        return [getattr(self, f"u{i}").data for i in range(1, 10)]
