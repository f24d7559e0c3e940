from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from portal.auth.models import MIN_PASSWORD_LENGTH
from portal.core.forms import PortalForm


class LoginForm(PortalForm):
    username = StringField(_l("NIP atau nama pengguna"),
                           description=_l("ASN masuk dengan NIP 18 angka."),
                           validators=[DataRequired(message=_l("Isi NIP atau nama pengguna."))],
                           render_kw={"autocomplete": "username", "autocapitalize": "none",
                                      "spellcheck": "false"})
    password = PasswordField(_l("Kata sandi"),
                             validators=[DataRequired(message=_l("Isi kata sandi."))],
                             render_kw={"autocomplete": "current-password"})


class ChangePasswordForm(PortalForm):
    current = PasswordField(_l("Kata sandi saat ini"),
                            validators=[DataRequired(message=_l("Isi kata sandi saat ini."))],
                            render_kw={"autocomplete": "current-password"})
    new = PasswordField(
        _l("Kata sandi baru"),
        description=_l("Paling sedikit %(n)s karakter. Kalimat pendek yang mudah Anda ingat "
                       "lebih aman daripada kata yang rumit.", n=MIN_PASSWORD_LENGTH),
        validators=[DataRequired(message=_l("Isi kata sandi baru.")),
                    Length(min=MIN_PASSWORD_LENGTH, max=200, message=_l(
                        "Kata sandi baru paling sedikit %(n)s karakter.", n=MIN_PASSWORD_LENGTH))],
        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(
        _l("Ulangi kata sandi baru"),
        validators=[DataRequired(message=_l("Ulangi kata sandi baru.")),
                    EqualTo("new", message=_l("Kedua kata sandi baru tidak sama."))],
        render_kw={"autocomplete": "new-password"})
