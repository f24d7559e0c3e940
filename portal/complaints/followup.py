"""What the reporter does on the tracking page: add information, accept the answer (with a
rating), or dispute it, which reopens the complaint. The tracking code is the only key."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, url_for
from flask_babel import gettext as _

from portal.complaints import handling, services
from portal.complaints.desk_forms import KeteranganForm, SanggahForm, TerimaForm
from portal.complaints.routes import bp, render_tracking
from portal.complaints.tracking import normalise_code
from portal.core.forms import show_domain_error
from portal.core.models import DomainError
from portal.extensions import db, limiter


def _load(kode: str):
    code = normalise_code(kode)
    pengaduan = services.find_by_code(code) if code else None
    if pengaduan is None:
        abort(404)
    return pengaduan


def _act(kode: str, form, action, message: str):
    pengaduan = _load(kode)
    if form.validate_on_submit():
        try:
            action(pengaduan, form)
        except DomainError as error:
            db.session.rollback()
            if error.field is None:  # the complaint is not in a state for this (a stale page)
                flash(error.message, "galat")
                return redirect(url_for("complaints.track", kode=pengaduan.kode_lacak), code=303)
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(message, "sukses")
            return redirect(url_for("complaints.track", kode=pengaduan.kode_lacak), code=303)
    return render_tracking(pengaduan, **{form.__class__.__name__: form})


_limit = limiter.limit(lambda: current_app.config["PORTAL_TRACKING_LIMIT"],
                       scope="pengaduan-lacak")


@bp.post("/<kode>/keterangan")
@_limit
def add_information(kode: str):
    return _act(kode, KeteranganForm(),
                lambda p, f: handling.add_information(p, f.keterangan.data),
                _("Keterangan Anda sudah ditambahkan."))


@bp.post("/<kode>/terima")
@_limit
def accept(kode: str):
    return _act(kode, TerimaForm(), lambda p, f: handling.accept(p, f.penilaian.data),
                _("Terima kasih. Laporan ditutup dengan penilaian Anda."))


@bp.post("/<kode>/sanggah")
@_limit
def dispute(kode: str):
    return _act(kode, SanggahForm(), lambda p, f: handling.dispute(p, f.alasan.data),
                _("Sanggahan Anda terkirim; laporan dibuka kembali untuk OPD."))
