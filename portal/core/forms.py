"""Glue between domain errors and forms: a refused change shows next to the field it concerns,
and the form comes back with everything the user typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import flash, make_response, redirect
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy.exc import OperationalError
from wtforms import DateField, DateTimeField

from portal.core.errors import RETRY_AFTER, is_busy, render_busy
from portal.core.models import DomainError, OutsideScope
from portal.core.routing import db_int
from portal.extensions import db

T = TypeVar("T")


def show_domain_error(form: FlaskForm, error: DomainError) -> None:
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


def handle_form(form: FlaskForm, action: Callable[[], T], *,
                message: str | Callable[[T], str | None] | None,
                redirect_to: str | Callable[[T], str],
                again: Callable[[], Any],
                field: str | None = None,
                refused: Callable[[DomainError], Any] | None = None,
                after_commit: Callable[[T], None] | None = None,
                code: int = 303) -> Any:
    """The one shape of every form view: validate, call one service, commit once, flash, redirect.

    ``action()`` calls the service and returns its result; ``message`` and ``redirect_to`` are
    strings or functions of that result. Invalid input, or a refusal (``DomainError``), rolls the
    request back and answers ``again()``: the page with the form as the user filled it and the
    reason next to its field (``field`` when the service names none this form has). ``refused``
    may answer a refusal differently (a stale page, say); ``None`` from it means "as usual".
    A database too busy to take the change (issue 12) answers the same page, 503, with a
    message above the form: nothing was stored, and what was typed is there to send again."""
    if form.validate_on_submit():
        try:
            result = action()
            db.session.commit()
        except OperationalError as error:
            db.session.rollback()
            if not is_busy(error):
                raise
            return _busy_again(form, again)
        except DomainError as error:
            if isinstance(error, OutsideScope):
                raise
            db.session.rollback()
            if refused is not None and (response := refused(error)) is not None:
                return response
            if field and (error.field is None or error.field not in form):
                error.field = field
            show_domain_error(form, error)
        else:
            if after_commit is not None:
                after_commit(result)
            text = message(result) if callable(message) else message
            if text:
                flash(text, "sukses")
            return redirect(redirect_to(result) if callable(redirect_to) else redirect_to,
                            code=code)
    return again()


BUSY_MESSAGE = _l("Server sedang sibuk dan isian Anda belum tersimpan. Isian Anda masih ada di "
                  "bawah: tunggu beberapa detik, lalu kirim lagi.")


def _busy_again(form: FlaskForm, again: Callable[[], Any]) -> Any:
    form.form_errors.append(str(BUSY_MESSAGE))
    response = make_response(again())
    if 300 <= response.status_code < 400:  # an "again" that redirects: the plain busy page
        return render_busy()
    response.status_code = 503
    response.headers["Retry-After"] = str(RETRY_AFTER)
    response.headers["Cache-Control"] = "no-store"
    return response


def optional_int(value: str | int | None) -> int | None:
    """Coerce for a select whose empty choice ("", "0") means "none chosen"; a number the
    database cannot hold is refused like any other invalid choice."""
    if value in (None, "", "0", 0):
        return None
    return db_int(value)


#: no list has this many pages; a larger ?page= would overflow the query's OFFSET
MAX_PAGE = 100_000


def page_number(raw: str | None) -> int:
    try:
        return min(max(1, int(raw or 1)), MAX_PAGE)
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


#: the years a date typed into any form may have: a year 0001 or 9999 is a typing slip, and
#: pushed through a working-day calendar or a date filter it failed with a 500 (issue 12)
DATE_YEARS = (2000, 2100)


class PortalForm(FlaskForm):
    """Base of every form: CSRF from Flask-WTF, field messages in the user's language, and dates
    within ``DATE_YEARS``."""

    class Meta:
        def get_translations(self, form):
            return _FieldMessages()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        low, high = DATE_YEARS
        for field in self:
            value = field.data if isinstance(field, DateField | DateTimeField) else None
            if value is not None and not low <= value.year <= high and not field.errors:
                field.errors = [*field.errors, _("Periksa tahunnya: tanggal harus antara tahun "
                                                 "%(awal)s dan %(akhir)s.", awal=low, akhir=high)]
                valid = False
        return valid
