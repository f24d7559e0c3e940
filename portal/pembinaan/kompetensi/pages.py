"""What the pembinaan views share: a form whose certificate file is written before its row is
committed, and removed again if the change is refused or the commit fails."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import flash, redirect

from portal.core.forms import show_domain_error
from portal.core.models import DomainError, OutsideScope
from portal.extensions import db
from portal.pembinaan.kompetensi import sertifikat
from portal.pembinaan.kompetensi.sertifikat import StoredFile


def handle_certificate_form(form, action: Callable[[StoredFile | None], Any], *, message: str,
                            redirect_to: str, again: Callable[[], Any]) -> Any:
    """``handle_form`` for a form with a ``sertifikat`` file field."""
    if not form.validate_on_submit():
        return again()
    stored = None
    try:
        if sertifikat.has_upload(form.sertifikat.data):
            stored = sertifikat.store(form.sertifikat.data)
        action(stored)
    except DomainError as error:
        db.session.rollback()
        sertifikat.remove(stored)
        if isinstance(error, OutsideScope):
            raise
        show_domain_error(form, error)
        return again()
    try:
        db.session.commit()
    except Exception:
        sertifikat.remove(stored)
        raise
    flash(message, "sukses")
    return redirect(redirect_to, code=303)


def send_certificate(record) -> Any:
    """The stored certificate of a record, to those the caller let in."""
    from flask import abort, send_file

    if not record.ada_berkas:
        abort(404)
    path = sertifikat.stored_path(record.sertifikat_kunci)
    if not path.exists():
        abort(404)
    inline = record.sertifikat_mime in sertifikat.INLINE
    response = send_file(path, mimetype=record.sertifikat_mime if inline
                         else "application/octet-stream", as_attachment=not inline,
                         download_name=record.sertifikat_nama, max_age=0)
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    response.headers["Cache-Control"] = "private, no-store"
    return response
