"""Glue between domain errors and forms: a refused change shows next to the field it concerns,
and the form comes back with everything the user typed."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from portal.core.models import DomainError


def show_domain_error(form: FlaskForm, error: DomainError) -> None:
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


def page_number(raw: str | None) -> int:
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


class _FieldMessages:
    """WTForms' own parsing messages (it ships no Indonesian), said in our words and catalogue."""

    MESSAGES = {
        "Not a valid choice.": _l("Pilihan tidak sah; pilih dari daftar."),
        "Invalid Choice: could not coerce.": _l("Pilihan tidak sah; pilih dari daftar."),
        "Not a valid integer value.": _l("Isi dengan angka bulat, tanpa titik atau huruf."),
        "Not a valid decimal value.": _l("Isi dengan angka."),
        "Not a valid float value.": _l("Isi dengan angka."),
        "Not a valid date value.": _l("Isi tanggal yang benar."),
        "Not a valid datetime value.": _l("Isi tanggal dan jam yang benar."),
        "Not a valid time value.": _l("Isi jam yang benar."),
        "This field is required.": _l("Wajib diisi."),
        "Invalid input.": _l("Isian tidak sah."),
    }

    def gettext(self, string: str) -> str:
        return str(self.MESSAGES.get(string, string))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


class PortalForm(FlaskForm):
    """Base of every form: CSRF from Flask-WTF, field messages in the user's language."""

    class Meta:
        def get_translations(self, form):
            return _FieldMessages()
