"""What the views of the appraisals blueprint share: starting the pegawai's own SKP or evaluation,
and the status code of a refusal shown in place."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_login import current_user

from portal.appraisals.forms import ActionForm
from portal.core.authz import require
from portal.core.models import DomainError, OutsideScope
from portal.extensions import db, htmx


def start_own(create, endpoint: str, id_arg: str):
    """Start the signed-in pegawai's own SKP or evaluation (a button on "Kinerja saya"):
    ``create(pegawai)`` calls the service; a refusal goes back there with the reason."""
    pegawai = current_user.pegawai
    require(pegawai is not None)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        item = create(pegawai)
    except DomainError as error:
        if isinstance(error, OutsideScope):
            raise  # answered 404 by the error handler
        db.session.rollback()
        flash(error.message, "galat")
        return redirect(url_for("appraisals.index"), code=303)
    db.session.commit()
    return redirect(url_for(endpoint, **{id_arg: item.id}), code=303)


def status_for(code: int) -> int:
    """htmx swaps only 2xx answers: a refusal meant to be shown in place is sent as 200 to an
    htmx request, with its real code to a plain one."""
    return 200 if htmx else code
