from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from portal.core.forms import PortalForm


class HariLiburForm(PortalForm):
    tanggal = DateField(_l("Tanggal"), validators=[InputRequired(message=_l(
        "Isi tanggal yang benar."))])
    keterangan = StringField(_l("Keterangan"), description=_l("Contoh: Cuti bersama Idulfitri"),
                             validators=[DataRequired(message=_l("Wajib diisi.")),
                                         Length(max=200, message=_l(
                                             "Paling banyak 200 karakter."))])
