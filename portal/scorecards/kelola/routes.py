"""Staff pages of the transparency side: an OPD's monthly service figures (entered or imported
from CSV) for admin OPD and admin pemda, and publishing a period for admin pemda."""

from __future__ import annotations

from datetime import date
from functools import partial

from flask import Response, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.authz import load_or_404, require, roles_required
from portal.core.csvfile import run_upload
from portal.core.forms import handle_form, page_number, show_domain_error
from portal.core.models import DomainError
from portal.core.rendering import render_page
from portal.core.roles import Role
from portal.extensions import db
from portal.org import queries as org_queries
from portal.org.models import Layanan, Opd, Pemda
from portal.scorecards import cache, prerender
from portal.scorecards.blueprint import bp
from portal.scorecards.kelola import importer, queries, services
from portal.scorecards.kelola.forms import (
    CapaianForm,
    ImporCapaianForm,
    TerbitkanForm,
    periode_choices,
)
from portal.scorecards.publik.queries import versions

ADMIN_ROLES = (Role.ADMIN_PEMDA, Role.ADMIN_OPD)


def _managed_opd(opd_id: int) -> Opd:
    return org_queries.load_managed_opd(current_user, opd_id)


@bp.route("/kelola/opd/<int:opd_id>/capaian", methods=["GET", "POST"])
@roles_required(*ADMIN_ROLES)
def capaian(opd_id: int):
    opd = _managed_opd(opd_id)
    form = CapaianForm()
    form.layanan_id.choices = [(0, _("— Pilih layanan —"))] + [
        (item.id, item.nama) for item in opd.layanan if item.aktif]
    if not form.is_submitted():
        today = date.today()
        form.tahun.data, form.bulan.data = today.year, today.month

    def save() -> Layanan:
        layanan = load_or_404(Layanan, form.layanan_id.data)
        require(layanan.opd_id == opd.id)
        services.save_capaian(current_user, layanan, form.tahun.data, form.bulan.data,
                              services.Capaian(form.permohonan.data, form.selesai_tepat_waktu.data,
                                               form.rata_hari_proses.data,
                                               form.rata_menit_tunggu.data))
        return layanan

    return handle_form(
        form, save,
        message=lambda layanan: _("Capaian %(layanan)s tersimpan.", layanan=layanan.nama),
        redirect_to=url_for("scorecards.capaian", opd_id=opd.id),
        again=lambda: render_page("scorecards/kelola/capaian.html", opd=opd, form=form,
                                  rows=queries.recent_capaian(opd.id)))


@bp.route("/kelola/opd/<int:opd_id>/capaian/impor", methods=["GET", "POST"])
@roles_required(*ADMIN_ROLES)
def capaian_impor(opd_id: int):
    opd = _managed_opd(opd_id)
    form = ImporCapaianForm()
    result = run_upload(form, partial(importer.import_capaian_csv, current_user, opd))
    if result and result.ok:
        db.session.commit()
        flash(_("Impor selesai: %(baru)s bulan baru, %(ubah)s diperbarui.",
                baru=result.created, ubah=result.updated), "sukses")
        return redirect(url_for("scorecards.capaian", opd_id=opd.id), code=303)
    return render_page("scorecards/kelola/impor.html", opd=opd, form=form, result=result)


@bp.get("/kelola/opd/<int:opd_id>/capaian/templat.csv")
@roles_required(*ADMIN_ROLES)
def capaian_templat(opd_id: int):
    opd = _managed_opd(opd_id)
    return Response(importer.template_csv(opd), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=templat-capaian-layanan.csv"})


def _terbitkan_form() -> tuple[list[Pemda], TerbitkanForm]:
    pemdas = org_queries.managed_pemdas(current_user)
    # a GET carries the choices back from the confirmation page ("Ubah"), so nothing is retyped
    form = TerbitkanForm(formdata=request.args or None) if request.method == "GET" else TerbitkanForm()
    form.pemda_id.choices = [(p.id, p.nama) for p in pemdas]
    form.periode.choices = periode_choices(date.today(), services.early_publication_allowed())
    return pemdas, form


def _rapor_page(form: TerbitkanForm, pemdas: list[Pemda]):
    return render_page("scorecards/kelola/rapor.html", form=form, pemdas=pemdas,
                       versions={p.id: versions(p.id) for p in pemdas})


def _chosen(form: TerbitkanForm) -> tuple[Pemda, int, int]:
    pemda = load_or_404(Pemda, form.pemda_id.data)
    require(org_queries.can_manage_pemda(current_user, pemda.id))
    tahun, triwulan = (int(part) for part in form.periode.data.split("-T"))
    return pemda, tahun, triwulan


@bp.route("/kelola/rapor", methods=["GET", "POST"])
@roles_required(Role.ADMIN_PEMDA)
def terbitkan():
    pemdas, form = _terbitkan_form()
    return handle_form(
        form, lambda: services.publish(current_user, *_chosen(form), form.catatan.data),
        message=lambda publikasi: _("%(periode)s diterbitkan sebagai versi %(versi)s.",
                                    periode=publikasi.periode_label, versi=publikasi.versi),
        redirect_to=url_for("scorecards.terbitkan"),
        after_commit=_after_publication,
        again=lambda: _rapor_page(form, pemdas))


def _after_publication(publikasi) -> None:
    pemda_id = publikasi.pemda_id
    # this request's work is committed: end its transaction (and give its connection back)
    # before the public pages are rendered and stored, each in its own
    db.session.remove()
    cache.invalidate()
    prerender.publication(pemda_id)


@bp.post("/kelola/rapor/konfirmasi")
@roles_required(Role.ADMIN_PEMDA)
def terbitkan_konfirmasi():
    """The page between choosing and publishing: what will be published, stored nowhere yet."""
    pemdas, form = _terbitkan_form()
    if form.validate_on_submit():
        try:
            pratinjau = services.preview(*_chosen(form))
        except DomainError as error:
            show_domain_error(form, error)
        else:
            return render_page("scorecards/kelola/rapor_konfirmasi.html", form=form,
                               pratinjau=pratinjau)
    return _rapor_page(form, pemdas)


@bp.get("/kelola/capaian")
@roles_required(*ADMIN_ROLES)
def capaian_pilih_opd():
    """Which OPD's figures: straight to it for an admin of one OPD, a list otherwise."""
    opds = queries.managed_active_opds(current_user)
    if len(opds) == 1:
        return redirect(url_for("scorecards.capaian", opd_id=opds[0].id))
    return render_page("scorecards/kelola/pilih_opd.html", opds=opds)


@bp.get("/kelola/opd/<int:opd_id>/saran")
@roles_required(*ADMIN_ROLES)
def saran(opd_id: int):
    """What respondents suggested, for the OPD only (never published)."""
    opd = _managed_opd(opd_id)
    page = db.paginate(queries.suggestions(opd.id), page=page_number(request.args.get("page")),
                       per_page=current_app.config["PORTAL_PAGE_SIZE"], error_out=False)
    return render_page("scorecards/kelola/saran.html", opd=opd, page=page)
