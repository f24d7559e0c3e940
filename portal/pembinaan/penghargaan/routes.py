"""Rewards, for the admin OPD (their OPD) and the admin pemda (the OPDs of their pemda): the
year's candidates and rewards with a CSV, the proposal for a Sangat Baik evaluation, and the
decision. The pegawai sees their own on "Pengembangan kompetensi saya"."""

from __future__ import annotations

from flask import Response, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.appraisals.evaluasi.models import Evaluasi
from portal.core.authz import load_or_404, require, roles_required
from portal.core.csvfile import csv_text
from portal.core.forms import handle_form
from portal.core.models import DomainError
from portal.core.rendering import render_page
from portal.core.roles import Role
from portal.extensions import db
from portal.org.models import Opd
from portal.pembinaan import access
from portal.pembinaan.blueprint import bp, opd_diminta, tahun_diminta, today
from portal.pembinaan.penghargaan import queries
from portal.pembinaan.penghargaan import services as penghargaan
from portal.pembinaan.penghargaan.forms import SetujuiForm, TolakForm, UsulanForm
from portal.pembinaan.penghargaan.models import Penghargaan, cek_calon

ADMINS = (Role.ADMIN_OPD, Role.ADMIN_PEMDA)


def _opds() -> list[Opd]:
    """The OPDs whose rewards the user keeps."""
    opd_ids = current_user.opd_ids_for(Role.ADMIN_OPD)
    pemda_ids = current_user.pemda_ids_for(Role.ADMIN_PEMDA)
    return list(db.session.scalars(db.select(Opd).where(
        db.or_(Opd.id.in_(opd_ids), Opd.pemda_id.in_(pemda_ids))).order_by(Opd.nama)))


def _list_args() -> tuple[list[Opd], Opd, int]:
    opds = _opds()
    return opds, opd_diminta(opds), tahun_diminta()


@bp.get("/penghargaan")
@roles_required(*ADMINS)
def penghargaan_daftar():
    opds, opd, tahun = _list_args()
    return render_page("pembinaan/penghargaan_daftar.html", opds=opds, opd=opd, tahun=tahun,
                       tahun_ini=today().year, kandidat=queries.kandidat(opd, tahun),
                       daftar=queries.daftar(opd, tahun))


def csv_rows(items: list[Penghargaan]) -> list[list]:
    return [[p.tahun, p.pegawai.nip, p.pegawai.nama, p.pegawai.jabatan, p.evaluasi.periode.label,
             p.jenis_label, p.status_label, p.nomor_sk or "",
             p.tanggal_sk.isoformat() if p.tanggal_sk else "", p.alasan_usulan,
             p.alasan_tolak or ""] for p in items]


@bp.get("/penghargaan.csv")
@roles_required(*ADMINS)
def penghargaan_csv():
    _opds_, opd, tahun = _list_args()
    header = [_("Tahun"), _("NIP"), _("Nama"), _("Jabatan"), _("Periode evaluasi"),
              _("Jenis penghargaan"), _("Status"), _("Nomor SK"), _("Tanggal SK"),
              _("Alasan usulan"), _("Alasan penolakan")]
    body = csv_text(header, csv_rows(queries.daftar(opd, tahun)))
    return Response(body, mimetype="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="penghargaan-{opd.slug}-{tahun}.csv"'})


def _evaluasi(evaluasi_id: int) -> Evaluasi:
    evaluasi = load_or_404(Evaluasi, evaluasi_id)
    require(access.manages_penghargaan(current_user, evaluasi.pegawai.opd))
    return evaluasi


def _calon_error(evaluasi: Evaluasi) -> str | None:
    try:
        cek_calon(evaluasi)
    except DomainError as error:
        return error.message
    return None


@bp.route("/penghargaan/usul/<int:evaluasi_id>", methods=["GET", "POST"])
@roles_required(*ADMINS)
def penghargaan_usul(evaluasi_id: int):
    evaluasi = _evaluasi(evaluasi_id)
    form = UsulanForm()

    def page(status: int = 200):
        return render_page("pembinaan/penghargaan_usul.html", evaluasi=evaluasi, form=form,
                           bukan_calon=_calon_error(evaluasi), http_status=status)

    if request.method == "GET":
        return page()
    return handle_form(
        form, lambda: penghargaan.usulkan(current_user, evaluasi, penghargaan.UsulanData(
            jenis=form.jenis.data, alasan=form.alasan.data,
            jenis_lainnya=form.jenis_lainnya.data)),
        message=_("Usulan penghargaan untuk %(nama)s tercatat.", nama=evaluasi.pegawai.nama),
        redirect_to=lambda p: url_for("pembinaan.penghargaan_detail", penghargaan_id=p.id),
        again=lambda: page(422))


def _penghargaan(penghargaan_id: int) -> Penghargaan:
    item = load_or_404(Penghargaan, penghargaan_id)
    require(access.manages_penghargaan(current_user, item.opd))
    return item


def _detail(item: Penghargaan, *, setujui: SetujuiForm | None = None,
            tolak: TolakForm | None = None, http_status: int = 200):
    return render_page("pembinaan/penghargaan_detail.html", item=item,
                       setujui=setujui or SetujuiForm(formdata=None),
                       tolak=tolak or TolakForm(formdata=None), http_status=http_status)


@bp.get("/penghargaan/<int:penghargaan_id>")
@roles_required(*ADMINS)
def penghargaan_detail(penghargaan_id: int):
    return _detail(_penghargaan(penghargaan_id))


def _back(item: Penghargaan) -> str:
    return url_for("pembinaan.penghargaan_detail", penghargaan_id=item.id)


@bp.post("/penghargaan/<int:penghargaan_id>/setujui")
@roles_required(*ADMINS)
def penghargaan_setujui(penghargaan_id: int):
    item = _penghargaan(penghargaan_id)
    form = SetujuiForm()
    return handle_form(
        form, lambda: penghargaan.setujui(current_user, item, form.nomor_sk.data,
                                          form.tanggal_sk.data, today()),
        message=_("Penghargaan %(nama)s disetujui.", nama=item.pegawai.nama),
        redirect_to=_back(item),
        again=lambda: _detail(item, setujui=form, http_status=422))


@bp.post("/penghargaan/<int:penghargaan_id>/tolak")
@roles_required(*ADMINS)
def penghargaan_tolak(penghargaan_id: int):
    item = _penghargaan(penghargaan_id)
    form = TolakForm()
    return handle_form(
        form, lambda: penghargaan.tolak(current_user, item, form.alasan_tolak.data),
        message=_("Usulan penghargaan %(nama)s ditolak.", nama=item.pegawai.nama),
        redirect_to=_back(item),
        again=lambda: _detail(item, tolak=form, http_status=422))
