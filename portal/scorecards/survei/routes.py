"""The public satisfaction survey at /survei: no login; one answer per device per service per
day (a signed cookie lists the services answered today) and a per-address rate limit."""

from __future__ import annotations

from functools import partial

from flask import Response, after_this_request, current_app, request, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm import joinedload

from portal.core.calendar import local_date
from portal.core.forms import handle_form
from portal.core.models import utcnow
from portal.core.rendering import render_macro, render_page
from portal.core.routing import db_int
from portal.extensions import db, limiter
from portal.org.forms import fill_opd_layanan
from portal.org.models import Layanan
from portal.scorecards.blueprint import bp
from portal.scorecards.survei import services
from portal.scorecards.survei.forms import SurveiForm

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
    fill_opd_layanan(form.opd_id, form.layanan_id,
                     opd_none=(_("Belum memilih"), _("— Pilih instansi —")),
                     layanan_none=_("— Pilih layanan —"))


@bp.route("/survei", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PORTAL_SURVEY_LIMIT"], methods=["POST"],
               scope="survei-skm")
def survei():
    form = SurveiForm()
    if request.method == "GET":
        form.opd_id.data = request.args.get("opd", type=db_int)
        form.layanan_id.data = request.args.get("layanan", type=db_int)
        layanan = db.session.get(Layanan, form.layanan_id.data) if form.layanan_id.data else None
        if layanan is not None:
            form.opd_id.data = layanan.opd_id
    _fill_choices(form)
    if request.form.get("muat_layanan"):  # without JavaScript: refresh the list of services
        return render_page("scorecards/survei/form.html", form=form)
    return handle_form(
        form, lambda: services.record_answer(
            form.opd_id.data, form.layanan_id.data, form.skor(),
            services.Profil(form.usia.data or None, form.jenis_kelamin.data or None,
                            form.pendidikan.data or None, form.pekerjaan.data or None),
            form.saran.data, answered_today=answered_today()),
        message=None,
        redirect_to=lambda jawaban: url_for("scorecards.survei_selesai",
                                            layanan=jawaban.layanan_id),
        after_commit=lambda jawaban: after_this_request(partial(_remember, jawaban.layanan_id)),
        again=lambda: render_page("scorecards/survei/form.html", form=form))


def _remember(layanan_id: int, response: Response) -> Response:
    """Add the service to this device's list of today's answers."""
    done = sorted(answered_today() | {layanan_id})
    response.set_cookie(COOKIE, _serializer().dumps({"d": _today(), "l": done}),
                        max_age=2 * 86400, httponly=True, samesite="Lax",
                        secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


@bp.get("/survei/layanan")
def survei_layanan():
    """The service list of the chosen OPD, for htmx; the form's own button does the same
    without JavaScript."""
    form = SurveiForm(formdata=request.args, meta={"csrf": False})
    _fill_choices(form)
    return render_macro("_macros/opd_layanan.html", "layanan_select", form.layanan_id)


@bp.get("/survei/terima-kasih")
def survei_selesai():
    layanan = db.session.get(Layanan, request.args.get("layanan", type=db_int) or 0,
                             options=[joinedload(Layanan.opd)])
    return render_page("scorecards/survei/selesai.html", layanan=layanan)

