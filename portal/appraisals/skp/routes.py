"""The pegawai's plan pages: "Kinerja saya" and the SKP editor (plain forms, and htmx editing rows
in place). Every view loads its object through a ``_load_*`` helper that answers 404/403 (see
``appraisals/access.py``); each change goes through one service, and the view commits once."""

from __future__ import annotations

from decimal import Decimal

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.appraisals import access, queries
from portal.appraisals.blueprint import bp
from portal.appraisals.evaluasi import queries as evaluasi_queries
from portal.appraisals.forms import ActionForm, revisi_of
from portal.appraisals.penilaian import queries as penilaian_queries
from portal.appraisals.periode import queries as periode_queries
from portal.appraisals.periode.models import TahunKinerja
from portal.appraisals.revisi import StaleForm
from portal.appraisals.skp import queries as skp_queries
from portal.appraisals.skp import services as skp_services
from portal.appraisals.skp.forms import (
    IndikatorForm,
    PerilakuForm,
    RevisiSkpForm,
    RhkBaruForm,
    RhkForm,
)
from portal.appraisals.skp.models import IndikatorKinerja, Rhk, Skp
from portal.appraisals.skp.services import IndikatorInput
from portal.appraisals.views import start_own, status_for
from portal.core.authz import load_or_404
from portal.core.calendar import local_date
from portal.core.forms import show_domain_error
from portal.core.models import DomainError, utcnow
from portal.core.rendering import render_page
from portal.core.roles import Role
from portal.core.routing import db_int
from portal.extensions import db, htmx

EDITOR = "editor-rhk"


PERILAKU = "bagian-perilaku"


# --- loading with the object check ---------------------------------------------------------------

def _load_skp(skp_id: int) -> Skp:
    skp = load_or_404(Skp, skp_id)
    access.require_view(skp.pegawai)
    return skp


def _load_own_rhk(rhk_id: int) -> Rhk:
    rhk = load_or_404(Rhk, rhk_id)
    access.require_self(rhk.skp.pegawai)
    return rhk


# --- "Kinerja saya" ------------------------------------------------------------------------------

@bp.get("")
@login_required
def index():
    pegawai = current_user.pegawai
    years = []
    if pegawai is not None:
        for year in periode_queries.years_of_pemda(pegawai.opd.pemda_id):
            versions = skp_queries.skp_versions(pegawai.id, year.id)
            years.append({"year": year, "skp": versions[0] if versions else None,
                          "skp_set": skp_services.set_skp(pegawai.id, year.id),
                          "evaluasi": evaluasi_queries.evaluations_of(pegawai.id, year.id)})
    return render_page("appraisals/index.html", pegawai=pegawai, years=years,
                       today=local_date(utcnow()),
                       penilai=penilaian_queries.has_subordinates(current_user.pegawai_id),
                       admin_pemda=bool(current_user.pemda_ids_for(Role.ADMIN_PEMDA)),
                       form=ActionForm())


@bp.post("/tahun/<int:tahun_id>/skp")
@login_required
def skp_start(tahun_id: int):
    year = load_or_404(TahunKinerja, tahun_id)
    return start_own(lambda pegawai: skp_services.start_skp(current_user, pegawai, year),
                     "appraisals.skp_detail", "skp_id")


# --- the SKP page and editor ---------------------------------------------------------------------

def _indikator_form(ind: IndikatorKinerja, rhk: Rhk, bound=None) -> IndikatorForm:
    if bound is not None:
        return bound
    return IndikatorForm(prefix=f"ind{ind.id}", formdata=None, revisi=rhk.revisi,
                         indikator_uraian=ind.uraian, aspek=ind.aspek.value,
                         target_angka=plain_number(ind.target_angka),
                         target_satuan=ind.target_satuan,
                         target_teks=ind.target_teks)


def plain_number(value: Decimal | None) -> Decimal | None:
    """1000.00 → 1000, 2.50 → 2.5: the number as the pegawai typed it, not as stored."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _rhk_choices(skp: Skp) -> list[tuple[int, str]]:
    choices = skp_services.rhk_atasan_choices(skp)
    if not choices:
        return [(0, _("— Tidak ada RHK atasan yang dapat dipilih —"))]
    return [(0, _("— Pilih RHK atasan —"))] + [(r.id, r.uraian) for r in choices]


def _editor_context(skp: Skp, bound: dict | None = None, editing: int | None = None) -> dict:
    """Everything the SKP page shows; ``bound`` holds forms that came back with an error (by
    key), the others are fresh."""
    bound = bound or {}
    choices = _rhk_choices(skp)
    rows = []
    for rhk in skp.rhk:
        edit_form = bound.get(f"rhk{rhk.id}") or RhkForm(
            prefix=f"rhk{rhk.id}", formdata=None, revisi=rhk.revisi, jenis=rhk.jenis.value,
            uraian=rhk.uraian, rhk_atasan_id=rhk.rhk_atasan_id)
        edit_form.rhk_atasan_id.choices = choices
        add_form = bound.get(f"tambah{rhk.id}") or IndikatorForm(
            prefix=f"tambah{rhk.id}", formdata=None, revisi=rhk.revisi)
        rows.append({
            "rhk": rhk, "form": edit_form, "add": add_form,
            "editing": editing == rhk.id or f"rhk{rhk.id}" in bound,
            "indikator": [(ind, _indikator_form(ind, rhk, bound.get(f"ind{ind.id}")))
                          for ind in rhk.indikator],
        })
    baru = bound.get("baru") or RhkBaruForm(prefix="baru", formdata=None)
    baru.rhk_atasan_id.choices = choices
    perilaku = bound.get("perilaku") or PerilakuForm(
        formdata=None, revisi=skp.revisi, dukungan_sumber_daya=skp.dukungan_sumber_daya,
        skema_pertanggungjawaban=skp.skema_pertanggungjawaban, konsekuensi=skp.konsekuensi,
        **{f"ekspektasi_{e.nilai.value}": e.ekspektasi_khusus for e in skp.ekspektasi})
    versions = skp_queries.skp_versions(skp.pegawai_id, skp.tahun_kinerja_id)
    return {
        "skp": skp, "rows": rows, "baru": baru, "perilaku": perilaku,
        "can_edit": access.is_self(current_user, skp.pegawai) and skp.editable,
        "is_owner": access.is_self(current_user, skp.pegawai),
        "is_penilai": access.is_penilai(current_user, skp.pegawai),
        "problems": skp_services.skp_problems(skp) if skp.editable else [],
        "has_choices": bool(skp_services.rhk_atasan_choices(skp)),
        "versions": versions, "newest": versions[0] if versions else skp,
        "trail": queries.audit_trail(versions),
        "action": bound.get("action") or ActionForm(formdata=None, revisi=skp.revisi),
        "revisi_form": RevisiSkpForm(formdata=None),
    }


def _skp_page(skp: Skp, bound: dict | None = None, editing: int | None = None,
              http_status: int = 200, notice: str | None = None):
    return render_page("appraisals/skp.html", fragments={EDITOR: "editor", PERILAKU: "perilaku"},
                       http_status=status_for(http_status), notice=notice,
                       **_editor_context(skp, bound, editing))


def _after_change(skp: Skp, message: str, anchor: str = EDITOR):
    """Commit; an htmx request gets the refreshed block in place, a plain one a redirect."""
    db.session.commit()
    if htmx and htmx.target in (EDITOR, PERILAKU):
        return _skp_page(skp, notice=message)  # said in the swapped block, where the eye is
    flash(message, "sukses")
    return redirect(url_for("appraisals.skp_detail", skp_id=skp.id, _anchor=anchor), code=303)


def _refused(skp: Skp, key: str, form, error: DomainError, editing: int | None = None):
    """Roll back and show the form again with what the user typed and the reason."""
    db.session.rollback()
    show_domain_error(form, error)
    return _skp_page(skp, {key: form}, editing=editing,
                     http_status=409 if isinstance(error, StaleForm) else 422)


@bp.get("/skp/<int:skp_id>")
@login_required
def skp_detail(skp_id: int):
    skp = _load_skp(skp_id)
    return _skp_page(skp, editing=request.args.get("ubah", type=db_int))


def _indikator_input(form: IndikatorForm) -> IndikatorInput:
    return IndikatorInput(form.indikator_uraian.data or "", form.aspek.data or "",
                          form.target_angka.data, form.target_satuan.data, form.target_teks.data)


@bp.post("/skp/<int:skp_id>/rhk")
@login_required
def rhk_add(skp_id: int):
    skp = _load_skp(skp_id)
    access.require_self(skp.pegawai)
    form = RhkBaruForm(prefix="baru")
    form.rhk_atasan_id.choices = _rhk_choices(skp)
    if not form.validate_on_submit():
        return _skp_page(skp, {"baru": form}, http_status=422)
    try:
        skp_services.add_rhk(current_user, skp, jenis=form.jenis.data, uraian=form.uraian.data,
                         rhk_atasan_id=form.rhk_atasan_id.data,
                         indikator=[_indikator_input(form)])
    except DomainError as error:
        return _refused(skp, "baru", form, error)
    return _after_change(skp, _("RHK ditambahkan."))


@bp.get("/rhk/<int:rhk_id>/ubah")
@login_required
def rhk_edit(rhk_id: int):
    rhk = _load_own_rhk(rhk_id)
    if htmx and htmx.target == EDITOR:
        return _skp_page(rhk.skp, editing=rhk.id)
    return redirect(url_for("appraisals.skp_detail", skp_id=rhk.skp_id, ubah=rhk.id,
                            _anchor=f"rhk-{rhk.id}"))


@bp.post("/rhk/<int:rhk_id>")
@login_required
def rhk_update(rhk_id: int):
    rhk = _load_own_rhk(rhk_id)
    skp = rhk.skp
    form = RhkForm(prefix=f"rhk{rhk.id}")
    form.rhk_atasan_id.choices = _rhk_choices(skp)
    if not form.validate_on_submit():
        return _skp_page(skp, {f"rhk{rhk.id}": form}, http_status=422)
    try:
        skp_services.update_rhk(current_user, rhk, revisi=revisi_of(form), jenis=form.jenis.data,
                            uraian=form.uraian.data, rhk_atasan_id=form.rhk_atasan_id.data)
    except DomainError as error:
        return _refused(skp, f"rhk{rhk.id}", form, error)
    return _after_change(skp, _("RHK disimpan."), f"rhk-{rhk.id}")


@bp.post("/rhk/<int:rhk_id>/hapus")
@login_required
def rhk_remove(rhk_id: int):
    rhk = _load_own_rhk(rhk_id)
    skp = rhk.skp
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        skp_services.remove_rhk(current_user, rhk, revisi=revisi_of(form))
    except DomainError as error:
        db.session.rollback()
        return _skp_page(skp, {"action": _with_error(form, error)}, http_status=409)
    return _after_change(skp, _("RHK dihapus."))


def _with_error(form, error: DomainError):
    form.form_errors.append(error.message)
    return form


@bp.post("/rhk/<int:rhk_id>/indikator")
@login_required
def indikator_add(rhk_id: int):
    rhk = _load_own_rhk(rhk_id)
    skp = rhk.skp
    form = IndikatorForm(prefix=f"tambah{rhk.id}")
    if not form.validate_on_submit():
        return _skp_page(skp, {f"tambah{rhk.id}": form}, http_status=422)
    try:
        skp_services.add_indikator(current_user, rhk, _indikator_input(form), revisi=revisi_of(form))
    except DomainError as error:
        return _refused(skp, f"tambah{rhk.id}", form, error)
    return _after_change(skp, _("Indikator ditambahkan."), f"rhk-{rhk.id}")


def _load_own_indikator(indikator_id: int) -> IndikatorKinerja:
    ind = load_or_404(IndikatorKinerja, indikator_id)
    access.require_self(ind.rhk.skp.pegawai)
    return ind


@bp.post("/indikator/<int:indikator_id>")
@login_required
def indikator_update(indikator_id: int):
    ind = _load_own_indikator(indikator_id)
    rhk, skp = ind.rhk, ind.rhk.skp
    form = IndikatorForm(prefix=f"ind{ind.id}")
    if not form.validate_on_submit():
        return _skp_page(skp, {f"ind{ind.id}": form}, http_status=422)
    try:
        skp_services.update_indikator(current_user, ind, _indikator_input(form),
                                  revisi=revisi_of(form))
    except DomainError as error:
        return _refused(skp, f"ind{ind.id}", form, error)
    return _after_change(skp, _("Indikator disimpan."), f"rhk-{rhk.id}")


@bp.post("/indikator/<int:indikator_id>/hapus")
@login_required
def indikator_remove(indikator_id: int):
    ind = _load_own_indikator(indikator_id)
    rhk, skp = ind.rhk, ind.rhk.skp
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        skp_services.remove_indikator(current_user, ind, revisi=revisi_of(form))
    except DomainError as error:
        db.session.rollback()
        return _skp_page(skp, {"action": _with_error(form, error)}, http_status=409)
    return _after_change(skp, _("Indikator dihapus."), f"rhk-{rhk.id}")


@bp.post("/skp/<int:skp_id>/perilaku")
@login_required
def skp_perilaku(skp_id: int):
    skp = _load_skp(skp_id)
    access.require_self(skp.pegawai)
    form = PerilakuForm()
    if not form.validate_on_submit():
        return _skp_page(skp, {"perilaku": form}, http_status=422)
    try:
        skp_services.update_expectations(
            current_user, skp, revisi=revisi_of(form),
            ekspektasi={e.nilai.value: form[f"ekspektasi_{e.nilai.value}"].data
                        for e in skp.ekspektasi},
            dukungan_sumber_daya=form.dukungan_sumber_daya.data,
            skema_pertanggungjawaban=form.skema_pertanggungjawaban.data,
            konsekuensi=form.konsekuensi.data)
    except DomainError as error:
        return _refused(skp, "perilaku", form, error)
    return _after_change(skp, _("Perilaku kerja dan lampiran disimpan."), PERILAKU)


@bp.post("/skp/<int:skp_id>/ajukan")
@login_required
def skp_submit(skp_id: int):
    skp = _load_skp(skp_id)
    access.require_self(skp.pegawai)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        skp_services.submit_skp(current_user, skp, revisi=revisi_of(form))
    except DomainError as error:
        db.session.rollback()
        return _skp_page(skp, {"action": _with_error(form, error)}, http_status=409)
    db.session.commit()
    flash(_("SKP diajukan kepada pejabat penilai."), "sukses")
    return redirect(url_for("appraisals.skp_detail", skp_id=skp.id), code=303)


@bp.post("/skp/<int:skp_id>/revisi")
@login_required
def skp_revise(skp_id: int):
    skp = _load_skp(skp_id)
    access.require_self(skp.pegawai)
    form = RevisiSkpForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        new = skp_services.revise_skp(current_user, skp, alasan=form.alasan.data)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "galat")
        return redirect(url_for("appraisals.skp_detail", skp_id=skp.id), code=303)
    db.session.commit()
    flash(_("Revisi SKP versi %(versi)s dibuat. SKP yang ditetapkan tetap berlaku sampai revisi "
            "ini ditetapkan.", versi=new.versi), "sukses")
    return redirect(url_for("appraisals.skp_detail", skp_id=new.id), code=303)
