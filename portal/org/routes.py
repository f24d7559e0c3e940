"""Admin pages for the organisation: OPDs, units, services and staff, for admin pemda (every OPD
of their pemda) and admin OPD (their own OPD)."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, Response, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.authz import load_or_404, require, roles_required
from portal.core.cache import forget_all
from portal.core.csvfile import run_upload
from portal.core.forms import handle_form, page_number
from portal.core.rendering import render_page
from portal.core.roles import Role
from portal.core.routing import db_int
from portal.extensions import db
from portal.org import importer, queries, services
from portal.org.forms import (
    ImportPegawaiForm,
    LayananForm,
    OpdForm,
    PegawaiForm,
    StaffSearchForm,
    UnitForm,
)
from portal.org.models import Layanan, Opd, Pegawai, UnitKerja

bp = Blueprint("org", __name__, url_prefix="/kelola")
ADMIN_ROLES = queries.ADMIN_ROLES


def _form_page(form, title: str, cancel_url: str, skip: tuple[str, ...]):
    return lambda: render_page("org/form.html", form=form, title=title, cancel_url=cancel_url,
                               skip=skip)


def _managed_opd(opd_id: int) -> Opd:
    return queries.load_managed_opd(current_user, opd_id)


def _unit_choices(opd: Opd, empty_label: str) -> list[tuple[int, str]]:
    return [(0, empty_label)] + [
        (unit.id, "\u2003" * depth + unit.nama) for depth, unit in queries.unit_tree(opd.id)
    ]


# --- OPD ---------------------------------------------------------------------------------------

def _opd_changed(_opd) -> None:
    forget_all()  # the public forms list OPDs: show the change at once here


@bp.get("/opd")
@roles_required(*ADMIN_ROLES)
def opd_list():
    q = request.args.get("q", "").strip()
    pemda_id = request.args.get("pemda", type=db_int)
    page = db.paginate(queries.opd_list(current_user, q=q, pemda_id=pemda_id),
                       page=page_number(request.args.get("page")),
                       per_page=current_app.config["PORTAL_PAGE_SIZE"], error_out=False)
    return render_page("org/opd_list.html", fragments={"daftar-opd": "results"}, page=page, q=q,
                       pemda_id=pemda_id, pemdas=queries.managed_pemdas(current_user))


@bp.route("/opd/baru", methods=["GET", "POST"])
@roles_required(Role.ADMIN_PEMDA)
def opd_new():
    pemdas = queries.managed_pemdas(current_user)
    form = OpdForm()
    form.pemda_id.choices = [(p.id, p.nama) for p in pemdas]

    def create() -> Opd:
        pemda = next(p for p in pemdas if p.id == form.pemda_id.data)
        return services.create_opd(current_user, pemda, nama=form.nama.data,
                                   singkatan=form.singkatan.data, jenis=form.jenis.data,
                                   alamat=form.alamat.data)

    return handle_form(
        form, create, code=302, after_commit=_opd_changed,
        message=lambda opd: _("OPD %(nama)s ditambahkan.", nama=opd.nama),
        redirect_to=lambda opd: url_for("org.opd_detail", opd_id=opd.id),
        again=_form_page(form, _("Tambah OPD"), url_for("org.opd_list"), skip=("aktif",)))


@bp.get("/opd/<int:opd_id>")
@roles_required(*ADMIN_ROLES)
def opd_detail(opd_id: int):
    opd = _managed_opd(opd_id)
    return render_page("org/opd_detail.html", opd=opd, counts=queries.opd_counts(opd.id),
                       units=queries.unit_tree(opd.id), layanan=queries.layanan_for_opd(opd.id),
                       can_edit_opd=queries.can_manage_pemda(current_user, opd.pemda_id))


@bp.route("/opd/<int:opd_id>/ubah", methods=["GET", "POST"])
@roles_required(Role.ADMIN_PEMDA)
def opd_edit(opd_id: int):
    opd = load_or_404(Opd, opd_id)
    require(queries.can_manage_pemda(current_user, opd.pemda_id))
    form = OpdForm(obj=opd)
    form.pemda_id.choices = [(opd.pemda_id, opd.pemda.nama)]
    return handle_form(
        form, lambda: services.update_opd(current_user, opd, nama=form.nama.data,
                                          singkatan=form.singkatan.data, jenis=form.jenis.data,
                                          alamat=form.alamat.data, aktif=form.aktif.data),
        code=302, after_commit=_opd_changed, message=_("Perubahan OPD disimpan."),
        redirect_to=url_for("org.opd_detail", opd_id=opd.id),
        again=_form_page(form, _("Ubah OPD %(nama)s", nama=opd.nama),
                         url_for("org.opd_detail", opd_id=opd.id), skip=("pemda_id",)))


# --- units -------------------------------------------------------------------------------------

def _unit_form(opd: Opd, unit: UnitKerja | None) -> UnitForm:
    form = UnitForm(obj=unit)
    form.parent_id.choices = _unit_choices(opd, _("— Langsung di bawah pimpinan OPD —"))
    return form


def _unit_fields(form: UnitForm, opd: Opd) -> dict:
    parent = db.session.get(UnitKerja, form.parent_id.data) if form.parent_id.data else None
    return {"nama": form.nama.data, "jenis": form.jenis.data, "parent": parent}


@bp.route("/opd/<int:opd_id>/unit/baru", methods=["GET", "POST"])
@roles_required(*ADMIN_ROLES)
def unit_new(opd_id: int):
    opd = _managed_opd(opd_id)
    form = _unit_form(opd, None)
    return handle_form(
        form, lambda: services.create_unit(current_user, opd, **_unit_fields(form, opd)),
        code=302, message=_("Unit kerja ditambahkan."),
        redirect_to=url_for("org.opd_detail", opd_id=opd.id, _anchor="unit"),
        again=_form_page(form, _("Tambah unit kerja — %(opd)s", opd=opd.nama),
                         url_for("org.opd_detail", opd_id=opd.id), skip=("aktif",)))


@bp.route("/unit/<int:unit_id>/ubah", methods=["GET", "POST"])
@roles_required(*ADMIN_ROLES)
def unit_edit(unit_id: int):
    unit = load_or_404(UnitKerja, unit_id)
    opd = _managed_opd(unit.opd_id)
    form = _unit_form(opd, unit)
    return handle_form(
        form, lambda: services.update_unit(current_user, unit, aktif=form.aktif.data,
                                           **_unit_fields(form, opd)),
        code=302, message=_("Perubahan unit kerja disimpan."),
        redirect_to=url_for("org.opd_detail", opd_id=opd.id, _anchor="unit"),
        again=_form_page(form, _("Ubah unit %(nama)s", nama=unit.nama),
                         url_for("org.opd_detail", opd_id=opd.id), skip=()))


# --- layanan -----------------------------------------------------------------------------------

def _layanan_form(opd: Opd, layanan: Layanan | None) -> LayananForm:
    form = LayananForm(obj=layanan)
    form.unit_id.choices = _unit_choices(opd, _("— Tidak ditentukan —"))
    return form


def _layanan_data(form: LayananForm) -> services.LayananData:
    return services.LayananData(
        nama=form.nama.data, unit_id=form.unit_id.data, persyaratan=form.persyaratan.data,
        prosedur=form.prosedur.data or "", produk=form.produk.data,
        waktu_penyelesaian_hari=form.waktu_penyelesaian_hari.data,
        biaya_rupiah=form.biaya_rupiah.data, aktif=form.aktif.data)


@bp.route("/opd/<int:opd_id>/layanan/baru", methods=["GET", "POST"])
@roles_required(*ADMIN_ROLES)
def layanan_new(opd_id: int):
    opd = _managed_opd(opd_id)
    form = _layanan_form(opd, None)
    return handle_form(
        form, lambda: services.create_layanan(current_user, opd, _layanan_data(form)),
        code=302, message=_("Layanan ditambahkan."),
        redirect_to=url_for("org.opd_detail", opd_id=opd.id, _anchor="layanan"),
        again=_form_page(form, _("Tambah layanan — %(opd)s", opd=opd.nama),
                         url_for("org.opd_detail", opd_id=opd.id), skip=()))


@bp.route("/layanan/<int:layanan_id>/ubah", methods=["GET", "POST"])
@roles_required(*ADMIN_ROLES)
def layanan_edit(layanan_id: int):
    layanan = load_or_404(Layanan, layanan_id)
    opd = _managed_opd(layanan.opd_id)
    form = _layanan_form(opd, layanan)
    return handle_form(
        form, lambda: services.update_layanan(current_user, layanan, _layanan_data(form)),
        code=302, message=_("Perubahan layanan disimpan."),
        redirect_to=url_for("org.opd_detail", opd_id=opd.id, _anchor="layanan"),
        again=_form_page(form, _("Ubah layanan %(nama)s", nama=layanan.nama),
                         url_for("org.opd_detail", opd_id=opd.id), skip=()))


# --- pegawai -----------------------------------------------------------------------------------

@bp.get("/opd/<int:opd_id>/pegawai")
@roles_required(*ADMIN_ROLES)
def pegawai_list(opd_id: int):
    opd = _managed_opd(opd_id)
    search = StaffSearchForm(request.args)
    search.unit.choices = _unit_choices(opd, _("Semua unit"))
    stmt = queries.staff_search(Opd.id == opd.id, q=(search.q.data or "").strip(),
                                unit_id=search.unit.data, status=search.status.data or "",
                                include_inactive=request.args.get("nonaktif") == "1")
    page = db.paginate(stmt, page=page_number(request.args.get("page")),
                       per_page=current_app.config["PORTAL_PAGE_SIZE"], error_out=False)
    return render_page("org/pegawai_list.html", fragments={"daftar-pegawai": "results"},
                       opd=opd, search=search, page=page)


def _pegawai_form(opd: Opd, pegawai: Pegawai | None) -> PegawaiForm:
    form = PegawaiForm(obj=pegawai)
    form.unit_id.choices = _unit_choices(opd, _("— Pilih unit —"))
    form.atasan_id.choices = [(0, _("— Tidak ada (pimpinan tertinggi) —"))] + [
        (p.id, f"{p.nama} — {p.jabatan}")
        for p in queries.atasan_candidates(opd, exclude_id=pegawai.id if pegawai else None)
    ]
    if pegawai is not None and pegawai.atasan_id and pegawai.atasan_id not in dict(
            form.atasan_id.choices):
        form.atasan_id.choices.append((pegawai.atasan.id, f"{pegawai.atasan.nama} — "
                                       f"{pegawai.atasan.jabatan}"))
    return form


def _pegawai_data(form: PegawaiForm) -> services.PegawaiData:
    return services.PegawaiData(
        nip=form.nip.data, nama=form.nama.data, jabatan=form.jabatan.data,
        jenis_jabatan=form.jenis_jabatan.data, golongan=(form.golongan.data or "").strip(),
        status_asn=form.status_asn.data, unit_id=form.unit_id.data,
        atasan_id=form.atasan_id.data, email=form.email.data, aktif=form.aktif.data)


@bp.route("/opd/<int:opd_id>/pegawai/baru", methods=["GET", "POST"])
@roles_required(*ADMIN_ROLES)
def pegawai_new(opd_id: int):
    opd = _managed_opd(opd_id)
    form = _pegawai_form(opd, None)
    return handle_form(
        form, lambda: services.create_pegawai(current_user, opd, _pegawai_data(form)),
        code=302, message=lambda pegawai: _("Pegawai %(nama)s ditambahkan.", nama=pegawai.nama),
        redirect_to=url_for("org.pegawai_list", opd_id=opd.id),
        again=_form_page(form, _("Tambah pegawai — %(opd)s", opd=opd.nama),
                         url_for("org.pegawai_list", opd_id=opd.id), skip=("aktif",)))


@bp.route("/pegawai/<int:pegawai_id>/ubah", methods=["GET", "POST"])
@roles_required(*ADMIN_ROLES)
def pegawai_edit(pegawai_id: int):
    pegawai = load_or_404(Pegawai, pegawai_id)
    opd = _managed_opd(pegawai.opd_id)
    form = _pegawai_form(opd, pegawai)
    return handle_form(
        form, lambda: services.update_pegawai(current_user, pegawai, _pegawai_data(form)),
        code=302, message=_("Data pegawai disimpan."),
        redirect_to=url_for("org.pegawai_list", opd_id=opd.id),
        again=_form_page(form, _("Ubah data %(nama)s", nama=pegawai.nama),
                         url_for("org.pegawai_list", opd_id=opd.id), skip=()))


@bp.route("/opd/<int:opd_id>/pegawai/impor", methods=["GET", "POST"])
@roles_required(*ADMIN_ROLES)
def pegawai_import(opd_id: int):
    opd = _managed_opd(opd_id)
    form = ImportPegawaiForm()
    result = run_upload(form, partial(importer.import_pegawai_csv, current_user, opd))
    if result and result.ok:
        db.session.commit()
        flash(_("Impor selesai: %(baru)s pegawai baru, %(ubah)s diperbarui.",
                baru=result.created, ubah=result.updated), "sukses")
        return redirect(url_for("org.pegawai_list", opd_id=opd.id))
    return render_page("org/pegawai_import.html", form=form, opd=opd, result=result)


@bp.get("/pegawai/templat.csv")
@roles_required(*ADMIN_ROLES)
def pegawai_import_template():
    return Response(importer.template_csv(), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=templat-impor-pegawai.csv"})
