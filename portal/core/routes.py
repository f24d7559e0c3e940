"""Site-wide pages: home, health check, language switch, the signed-in dashboard."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, current_app, flash, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import text

from portal.auth.models import Role
from portal.core import services
from portal.core.authz import load_or_404, roles_required
from portal.core.forms import show_domain_error
from portal.core.forms_settings import HariLiburForm
from portal.core.models import DomainError, HariLibur
from portal.core.rendering import render_page
from portal.core.templating import is_safe_next
from portal.extensions import db
from portal.org import queries as org_queries

bp = Blueprint("core", __name__)

LANGUAGE_COOKIE_DAYS = 365


@bp.get("/")
def home():
    """The public scorecards' home page (issue 5): headline figures of the latest publication."""
    from portal.scorecards.routes import home_page

    return home_page()


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any driver error means "not healthy"
        db.session.rollback()
        current_app.logger.exception("Health check: database unreachable")
        return jsonify(status="database-unavailable"), 503
    return jsonify(status="ok")


@bp.get("/bahasa/<kode>")
def switch_language(kode: str):
    target = request.args.get("next")
    response = redirect(target if is_safe_next(target) else url_for("core.home"))
    if kode in current_app.config["PORTAL_LANGUAGES"]:
        response.set_cookie("bahasa", kode, max_age=LANGUAGE_COOKIE_DAYS * 86400,
                            samesite="Lax", httponly=True,
                            secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


@bp.get("/dasbor")
@login_required
def dashboard():
    pegawai = current_user.pegawai
    return render_page(
        "core/dashboard.html",
        pegawai=pegawai,
        bawahan=org_queries.direct_reports(pegawai) if pegawai else [],
        role_cards=org_queries.role_overview(current_user),
    )


@bp.route("/kelola/hari-libur", methods=["GET", "POST"])
@roles_required(Role.ADMIN_PEMDA)
def days_off():
    """Extra days off (cuti bersama, regional holidays) on top of the national holidays; every
    working-day time limit skips them."""
    form = HariLiburForm()
    if form.validate_on_submit():
        try:
            services.add_day_off(current_user, form.tanggal.data, form.keterangan.data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Hari libur ditambahkan."), "sukses")
            return redirect(url_for("core.days_off"), code=303)
    days = db.session.scalars(sa.select(HariLibur).order_by(HariLibur.tanggal.desc())).all()
    return render_page("core/days_off.html", form=form, days=days)


@bp.post("/kelola/hari-libur/<int:day_id>/hapus")
@roles_required(Role.ADMIN_PEMDA)
def remove_day_off(day_id: int):
    services.remove_day_off(current_user, load_or_404(HariLibur, day_id))
    db.session.commit()
    flash(_("Hari libur dihapus."), "sukses")
    return redirect(url_for("core.days_off"), code=303)
