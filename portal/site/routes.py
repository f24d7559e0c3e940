"""Site-wide pages: home, health check, language switch, the signed-in dashboard."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import text

from portal.complaints.attachments import STAGED_MAX_AGE
from portal.core.authz import load_or_404, roles_required
from portal.core.forms import handle_form
from portal.core.models import HariLibur
from portal.core.rendering import render_page
from portal.core.roles import Role
from portal.core.templating import is_safe_next
from portal.extensions import db
from portal.org import queries as org_queries
from portal.scorecards.publik.home import home_page
from portal.site import queries, services
from portal.site.forms import HariLiburForm

bp = Blueprint("site", __name__)

LANGUAGE_COOKIE_DAYS = 365


@bp.get("/")
def home():
    """The public scorecards' home page (issue 5): headline figures of the latest publication."""
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


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page says; answer it instead of a 404."""
    response = current_app.send_static_file("img/favicon.ico")
    response.cache_control.public = True
    response.cache_control.max_age = 7 * 86400
    return response


@bp.get("/privasi")
def privacy():
    """The privacy policy the complaint form's consent refers to: what is kept, who sees it, how
    long. The figures come from the settings the code uses, so the page cannot drift from them."""
    return render_page(
        "site/privasi.html",
        minimum_privasi=current_app.config["PORTAL_SCORECARD_MIN_PEOPLE"],
        bahasa_hari=LANGUAGE_COOKIE_DAYS,
        jam_lampiran=STAGED_MAX_AGE // 3600,
    )


@bp.get("/bahasa/<kode>")
def switch_language(kode: str):
    target = request.args.get("next")
    response = redirect(target if is_safe_next(target) else url_for("site.home"))
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
        "site/dashboard.html",
        pegawai=pegawai,
        bawahan=org_queries.direct_reports(pegawai) if pegawai else [],
        role_cards=queries.role_overview(current_user),
    )


@bp.route("/kelola/hari-libur", methods=["GET", "POST"])
@roles_required(Role.ADMIN_PEMDA)
def days_off():
    """Extra days off (cuti bersama, regional holidays) on top of the national holidays; every
    working-day time limit skips them."""
    form = HariLiburForm()
    return handle_form(
        form, lambda: services.add_day_off(current_user, form.tanggal.data, form.keterangan.data),
        message=_("Hari libur ditambahkan."), redirect_to=url_for("site.days_off"),
        again=lambda: render_page("site/days_off.html", form=form, days=queries.days_off()))


@bp.post("/kelola/hari-libur/<int:day_id>/hapus")
@roles_required(Role.ADMIN_PEMDA)
def remove_day_off(day_id: int):
    services.remove_day_off(current_user, load_or_404(HariLibur, day_id))
    db.session.commit()
    flash(_("Hari libur dihapus."), "sukses")
    return redirect(url_for("site.days_off"), code=303)
