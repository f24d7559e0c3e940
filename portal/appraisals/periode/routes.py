"""Admin pemda: open a performance year (Triwulan I–IV and the annual period, each with a
deadline), move a deadline, close and reopen periods."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.appraisals import access
from portal.appraisals.blueprint import bp
from portal.appraisals.forms import ActionForm
from portal.appraisals.periode import queries as periode_queries
from portal.appraisals.periode import services as periode_services
from portal.appraisals.periode.forms import BatasForm, TahunForm
from portal.appraisals.periode.models import JenisPeriode, Periode, TahunKinerja
from portal.core.authz import load_or_404, require, roles_required
from portal.core.forms import handle_form
from portal.core.models import DomainError, utcnow
from portal.core.rendering import render_page
from portal.core.roles import Role
from portal.core.routing import db_int
from portal.extensions import db
from portal.org.models import Pemda


def _pemda() -> Pemda:
    """The pemda the admin manages (the first, when several; ?pemda= picks another)."""
    ids = sorted(current_user.pemda_ids_for(Role.ADMIN_PEMDA))
    chosen = request.args.get("pemda", type=db_int)
    if chosen is not None:
        require(chosen in ids)
        return load_or_404(Pemda, chosen)
    return load_or_404(Pemda, ids[0])


def _year_form(tahun: int) -> TahunForm:
    deadlines = periode_services.default_deadlines(tahun)
    values = {f"batas_{jenis.value}": deadlines[jenis] for jenis in JenisPeriode}
    return TahunForm(formdata=None, tahun=tahun, batas_skp=periode_services.default_skp_due(tahun),
                     **values)


@bp.route("/kelola/tahun", methods=["GET", "POST"])
@roles_required(Role.ADMIN_PEMDA)
def years():
    pemda = _pemda()
    form = TahunForm() if request.method == "POST" else _year_form(_next_year(pemda.id))
    return handle_form(
        form, lambda: periode_services.open_year(
            current_user, pemda, form.tahun.data,
            {jenis: form[f"batas_{jenis.value}"].data for jenis in JenisPeriode},
            batas_skp=form.batas_skp.data),
        message=lambda year: _("Tahun kinerja %(tahun)s dibuka dengan lima periode.",
                               tahun=year.tahun),
        redirect_to=lambda year: url_for("appraisals.year_detail", tahun_id=year.id),
        again=lambda: render_page(
            "appraisals/years.html", pemda=pemda, form=form,
            years=periode_queries.years_of_pemda(pemda.id), periode_kinds=list(JenisPeriode),
            http_status=422 if form.errors else 200))


def _next_year(pemda_id: int) -> int:
    existing = {y.tahun for y in periode_queries.years_of_pemda(pemda_id)}
    tahun = date.today().year
    while tahun in existing:
        tahun += 1
    return tahun


def _load_year(tahun_id: int) -> TahunKinerja:
    year = load_or_404(TahunKinerja, tahun_id)
    require(access.is_admin_pemda_of(current_user, year.pemda_id))
    return year


def _load_period(periode_id: int) -> Periode:
    periode = load_or_404(Periode, periode_id)
    require(access.is_admin_pemda_of(current_user, periode.tahun_kinerja.pemda_id))
    return periode


def _year_page(year: TahunKinerja, bound: dict | None = None, http_status: int = 200):
    bound = bound or {}
    rows = [(p, bound.get(p.id) or BatasForm(formdata=None, prefix=f"p{p.id}", batas=p.batas))
            for p in year.periode]
    return render_page("appraisals/year.html", year=year, rows=rows, action=ActionForm(),
                       today=utcnow().date(), http_status=http_status)


@bp.get("/kelola/tahun/<int:tahun_id>")
@roles_required(Role.ADMIN_PEMDA)
def year_detail(tahun_id: int):
    return _year_page(_load_year(tahun_id))


@bp.post("/kelola/periode/<int:periode_id>/batas")
@roles_required(Role.ADMIN_PEMDA)
def period_deadline(periode_id: int):
    periode = _load_period(periode_id)
    form = BatasForm(prefix=f"p{periode.id}")
    return handle_form(
        form, lambda: periode_services.set_deadline(current_user, periode, form.batas.data),
        field="batas",
        message=_("Batas waktu %(periode)s disimpan.", periode=periode.label),
        redirect_to=url_for("appraisals.year_detail", tahun_id=periode.tahun_kinerja_id),
        again=lambda: _year_page(periode.tahun_kinerja, {periode.id: form}, http_status=422))


@bp.post("/kelola/periode/<int:periode_id>/<any(tutup, buka):aksi>")
@roles_required(Role.ADMIN_PEMDA)
def period_close(periode_id: int, aksi: str):
    periode = _load_period(periode_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        if aksi == "tutup":
            periode_services.close_period(current_user, periode)
        else:
            periode_services.reopen_period(current_user, periode)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "galat")
    else:
        db.session.commit()
        flash(_("Periode %(periode)s ditutup.", periode=periode.label) if aksi == "tutup" else
              _("Periode %(periode)s dibuka kembali.", periode=periode.label), "sukses")
    return redirect(url_for("appraisals.year_detail", tahun_id=periode.tahun_kinerja_id),
                    code=303)
