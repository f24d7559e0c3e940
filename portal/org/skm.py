"""The nine unsur of the satisfaction survey of a public service (SKM, PermenPANRB 14/2017), in
their order u1 … u9. They belong to the service (``Layanan``) rather than to one room: the survey
and the scorecards score them, the complaint desk's categories follow their wording, and
pembinaan maps each to the catalogue activities that address it."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

#: (key, label) in the order of the questionnaire
UNSUR = (
    ("persyaratan", _l("Persyaratan")),
    ("prosedur", _l("Sistem, mekanisme, dan prosedur")),
    ("waktu", _l("Waktu penyelesaian")),
    ("biaya", _l("Biaya/tarif")),
    ("produk", _l("Produk spesifikasi jenis pelayanan")),
    ("kompetensi", _l("Kompetensi pelaksana")),
    ("perilaku", _l("Perilaku pelaksana")),
    ("pengaduan", _l("Penanganan pengaduan, saran, dan masukan")),
    ("sarana", _l("Sarana dan prasarana")),
)
UNSUR_KEYS = tuple(key for key, _label in UNSUR)
UNSUR_LABEL = dict(UNSUR)
