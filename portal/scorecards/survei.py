"""The public satisfaction survey at /survei: no login; one answer per device per service per
day (a signed cookie lists the services answered today) and a per-address rate limit."""

from __future__ import annotations

from flask import current_app, redirect, request, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from jinja2_fragments.flask import render_block

from portal.core.calendar import local_date
from portal.core.forms import show_domain_error
from portal.core.models import DomainError, utcnow
from portal.core.rendering import render_page
from portal.extensions import db, limiter
from portal.org import queries as org_queries
from portal.org.models import Layanan
from portal.scorecards import services
from portal.scorecards.forms import SurveiForm
from portal.scorecards.routes import bp

COOKIE = "skm_terisi"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="survei-skm")


def _today() -> str:
    return local_date(utcnow(), current_app.config["BABEL_DEFAULT_TIMEZONE"]).isoformat()


def answered_today() -> set[int]:
    """Services this device answered today, from the signed cookie (tampering = nothing)."""
    try:
        data = _serializer().loads(request.cookies.get(COOKIE, ""))
    except BadSignature:
        return set()
    if not isinstance(data, dict) or data.get("d") != _today():
        return set()
    return {int(i) for i in data.get("l", []) if isinstance(i, int)}


def _fill_choices(form: SurveiForm) -> None:
    form.opd_id.choices = {_("Belum memilih"): [(0, _("— Pilih instansi —"))],
                           **org_queries.opd_choices()}
    form.layanan_id.choices = [(0, _("— Pilih layanan —"))] + org_queries.layanan_choices(
        form.opd_id.data)


@bp.route("/survei", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PORTAL_SURVEY_LIMIT"], methods=["POST"],
               scope="survei-skm")
def survei():
    form = SurveiForm()
    if request.method == "GET":
        form.opd_id.data = request.args.get("opd", type=int)
        form.layanan_id.data = request.args.get("layanan", type=int)
        layanan = db.session.get(Layanan, form.layanan_id.data) if form.layanan_id.data else None
        if layanan is not None:
            form.opd_id.data = layanan.opd_id
    _fill_choices(form)
    if request.form.get("muat_layanan"):  # without JavaScript: refresh the list of services
        return render_page("scorecards/survei.html", form=form)
    if form.validate_on_submit():
        layanan = db.session.get(Layanan, form.layanan_id.data)
        if layanan is None or layanan.opd_id != form.opd_id.data:
            form.layanan_id.errors = [*form.layanan_id.errors, _("Pilih layanan dari daftar "
                                                                 "instansi yang dipilih.")]
        elif layanan.id in answered_today():
            form.form_errors.append(_("Dari perangkat ini Anda sudah mengisi survei untuk "
                                      "layanan ini hari ini. Terima kasih; silakan mengisi "
                                      "lagi besok bila menerima layanan lagi."))
        else:
            try:
                services.record_answer(layanan, form.skor(), services.Profil(
                    form.usia.data or None, form.jenis_kelamin.data or None,
                    form.pendidikan.data or None, form.pekerjaan.data or None), form.saran.data)
            except DomainError as error:
                show_domain_error(form, error)
            else:
                db.session.commit()
                response = redirect(url_for("scorecards.survei_selesai", layanan=layanan.id),
                                    code=303)
                done = sorted(answered_today() | {layanan.id})
                response.set_cookie(COOKIE, _serializer().dumps({"d": _today(), "l": done}),
                                    max_age=2 * 86400, httponly=True, samesite="Lax",
                                    secure=current_app.config["SESSION_COOKIE_SECURE"])
                return response
    return render_page("scorecards/survei.html", form=form)


@bp.get("/survei/layanan")
def survei_layanan():
    """The service list of the chosen OPD, for htmx; the form's own button does the same
    without JavaScript."""
    form = SurveiForm(formdata=request.args, meta={"csrf": False})
    _fill_choices(form)
    return render_block("scorecards/survei.html", "layanan_field", form=form)


@bp.get("/survei/terima-kasih")
def survei_selesai():
    layanan = db.session.get(Layanan, request.args.get("layanan", type=int) or 0)
    return render_page("scorecards/survei_selesai.html", layanan=layanan)

