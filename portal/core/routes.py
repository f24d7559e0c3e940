"""Site-wide pages: home, health check, language switch, the signed-in dashboard."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import text

from portal.core.rendering import render_page
from portal.core.templating import is_safe_next
from portal.extensions import db
from portal.org import queries as org_queries

bp = Blueprint("core", __name__)

LANGUAGE_COOKIE_DAYS = 365


@bp.get("/")
def home():
    return render_page("core/home.html", pemda_list=org_queries.pemda_directory(),
                       totals=org_queries.directory_totals())


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
