"""Monitoring pages for admin OPD (their OPD) and admin pemda (every OPD of their pemda, and a
pemda overview): completion per unit and period, the predikat distribution against the
calibration rule, CSV and XLSX downloads, and the organisation predikat set by admin pemda.
Filters are a plain GET form that htmx refreshes in place."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.appraisals.pemantauan import export as pemantauan_export
from portal.appraisals.pemantauan import queries as pemantauan_queries
from portal.appraisals.pemantauan import services as pemantauan_services
from portal.appraisals.pemantauan.forms import PredikatOrganisasiForm
from portal.appraisals.periode.models import Periode
from portal.appraisals.signals import panel_pemantauan
from portal.core.authz import load_or_404, require, roles_required
from portal.core.calendar import local_date
from portal.core.forms import handle_form
from portal.core.models import utcnow
from portal.core.rendering import render_page
from portal.core.roles import Role
from portal.core.routing import db_int
from portal.core.signals import panels
from portal.extensions import db
from portal.org.models import Opd, Pemda, UnitKerja

bp = Blueprint("pemantauan", __name__, url_prefix="/kinerja/pemantauan")


RESULTS = "hasil-pemantauan"


ADMINS = (Role.ADMIN_OPD, Role.ADMIN_PEMDA)


@dataclass
class Filters:
    opds: list[Opd]
    opd: Opd | None
    pemda: Pemda
    periods: list[Periode]
    periode: Periode | None
    units: list[UnitKerja]
    unit_id: int | None

    def args(self) -> dict:
        out = {"periode": self.periode.id if self.periode else None,
               "opd": self.opd.id if self.opd else None, "unit": self.unit_id}
        return {k: v for k, v in out.items() if v}


def _filters() -> Filters:
    """The OPD, period and unit asked for, each checked against what the user may see."""
    opds = pemantauan_queries.opds_for(current_user)
    require(bool(opds))
    pemda_ids = pemantauan_queries.pemda_ids_for(current_user)
    opd_id = request.args.get("opd", type=db_int)
    if opd_id:
        opd = load_or_404(Opd, opd_id)
        require(opd in opds)
    else:
        # admin pemda: the pemda overview; admin OPD: their own OPD
        opd = None if pemda_ids else opds[0]
    pemda = opd.pemda if opd else db.session.get(Pemda, min(pemda_ids))
    periods = pemantauan_queries.periods_for([pemda.id])
    periode_id = request.args.get("periode", type=db_int)
    periode = next((p for p in periods if p.id == periode_id), None)
    if periode_id and periode is None:
        abort(404)
    periode = periode or pemantauan_queries.default_periode(periods, local_date(utcnow()))
    units = sorted(opd.units, key=lambda u: u.nama) if opd else []
    unit_id = request.args.get("unit", type=db_int)
    if unit_id and unit_id not in {u.id for u in units}:
        abort(404)
    return Filters(opds, opd, pemda, periods, periode, units, unit_id)


def _report(f: Filters) -> pemantauan_queries.Report | None:
    if f.periode is None:
        return None
    return pemantauan_queries.build_report(f.opd, f.pemda.id, f.periode, local_date(utcnow()), f.unit_id)


def _title(f: Filters) -> str:
    return _("Pemantauan kinerja %(nama)s, %(periode)s",
             nama=f.opd.nama if f.opd else f.pemda.nama,
             periode=f.periode.label if f.periode else "—")


@bp.get("")
@roles_required(*ADMINS)
def index():
    f = _filters()
    return render_page("appraisals/pemantauan.html", fragments={RESULTS: "results"},
                       f=f, report=_report(f), title=_title(f),
                       panel_tambahan=panels(panel_pemantauan, f.opd, pemda_id=f.pemda.id,
                                             today=local_date(utcnow())),
                       admin_pemda=bool(pemantauan_queries.pemda_ids_for(current_user)))


def _download_name(f: Filters, ext: str) -> str:
    who = f.opd.slug if f.opd else f.pemda.slug
    periode = f"{f.periode.tahun}-{f.periode.jenis.value}" if f.periode else "x"
    return f"pemantauan-{who}-{periode}.{ext}"


@bp.get("/unduh.csv")
@roles_required(*ADMINS)
def download_csv():
    f = _filters()
    report = _report(f)
    if report is None:
        abort(404)
    wanted = request.args.get("tabel", "penyelesaian")
    tables = {"penyelesaian": pemantauan_export.completion_table}
    if report.counts is not None:
        tables["distribusi"] = pemantauan_export.distribution_table
    if report.calibration is not None:
        tables["kalibrasi"] = pemantauan_export.calibration_table
    if wanted not in tables:
        abort(404)
    body = pemantauan_export.to_csv(*tables[wanted](report))
    name = _download_name(f, "csv").replace("pemantauan-", f"{wanted}-", 1)
    return Response(body, mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/unduh.xlsx")
@roles_required(*ADMINS)
def download_xlsx():
    f = _filters()
    report = _report(f)
    if report is None:
        abort(404)
    body = pemantauan_export.to_xlsx(report, _title(f))
    return Response(body, mimetype="application/vnd.openxmlformats-officedocument."
                                    "spreadsheetml.sheet",
                    headers={"Content-Disposition":
                             f'attachment; filename="{_download_name(f, "xlsx")}"'})


@bp.route("/predikat-organisasi", methods=["GET", "POST"])
@roles_required(Role.ADMIN_PEMDA)
def predikat_organisasi():
    pemda_ids = pemantauan_queries.pemda_ids_for(current_user)
    opds = [o for o in pemantauan_queries.opds_for(current_user) if o.pemda_id in pemda_ids]
    form = PredikatOrganisasiForm()

    def page(failed_id: int | None = None):
        rows = []
        existing = pemantauan_queries.predikat_organisasi_by_opd(opds)
        for opd in opds:
            row = existing.get(opd.id)
            bound = form if opd.id == failed_id else PredikatOrganisasiForm(
                formdata=None, opd_id=opd.id, predikat=row.predikat.value if row else "")
            rows.append((opd, row, bound))
        return render_page("appraisals/pemantauan_predikat_organisasi.html", rows=rows,
                           http_status=422 if failed_id else 200)

    if request.method == "GET":
        return page()
    opd = load_or_404(Opd, request.form.get("opd_id", type=db_int) or 0)
    require(opd.pemda_id in pemda_ids)
    return handle_form(
        form, lambda: pemantauan_services.set_predikat_organisasi(current_user, opd,
                                                                  form.predikat.data),
        message=_("Predikat organisasi %(nama)s disimpan.", nama=opd.nama),
        redirect_to=url_for("pemantauan.predikat_organisasi"),
        again=lambda: page(failed_id=opd.id))
