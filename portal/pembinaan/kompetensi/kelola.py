"""The admin's pages: the catalogue (admin OPD: their OPD's; admin pemda: the pemda-wide one),
an activity's participants with attendance and certificates, the self-reported learning waiting
for verification, and per unit who is below the year's target, with CSV and XLSX."""

from __future__ import annotations

from flask import Response, abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.authz import load_or_404, require, roles_required
from portal.core.forms import handle_form
from portal.core.rendering import render_page
from portal.core.roles import Role
from portal.core.routing import db_int
from portal.extensions import db
from portal.org.models import Opd, Pemda
from portal.pembinaan import access
from portal.pembinaan.blueprint import bp, opd_diminta, tahun_diminta, today
from portal.pembinaan.kompetensi import export, queries
from portal.pembinaan.kompetensi import services as kompetensi
from portal.pembinaan.kompetensi.forms import (
    KegiatanForm,
    KehadiranForm,
    SertifikatForm,
    TolakMandiriForm,
    VerifikasiForm,
)
from portal.pembinaan.kompetensi.models import Kegiatan, PembelajaranMandiri, PesertaKegiatan
from portal.pembinaan.kompetensi.pages import handle_certificate_form

ADMINS = (Role.ADMIN_OPD, Role.ADMIN_PEMDA)
#: staff listed per page of the below-target list (the downloads hold everyone)
PER_PAGE = 100


def _opd_ids() -> set[int]:
    return current_user.opd_ids_for(Role.ADMIN_OPD)


def _pemda_ids() -> set[int]:
    return current_user.pemda_ids_for(Role.ADMIN_PEMDA)


# --- below target, per unit ------------------------------------------------------------------

def _rekap_args():
    opds = sorted((db.session.get(Opd, i) for i in _opd_ids()), key=lambda o: o.nama)
    opd = opd_diminta(opds)
    unit_id = request.args.get("unit", type=int)
    if unit_id and unit_id not in {u.id for u in opd.units}:
        abort(404)
    return opds, opd, tahun_diminta(), unit_id, request.args.get("semua") == "1"


def _title(opd: Opd, tahun: int) -> str:
    return _("Pengembangan kompetensi pegawai %(opd)s, tahun %(tahun)s", opd=opd.nama, tahun=tahun)


@bp.get("/kelola")
@roles_required(Role.ADMIN_OPD)
def rekap():
    opds, opd, tahun, unit_id, semua = _rekap_args()
    units = queries.rekap_opd(opd, tahun, unit_id, semua)
    return render_page("pembinaan/kelola_rekap.html", opds=opds, opd=opd, tahun=tahun,
                       tahun_ini=today().year, unit_id=unit_id, semua=semua, units=units,
                       halaman=queries.halaman_rekap(
                           units, request.args.get("page", type=db_int) or 1, PER_PAGE),
                       title=_title(opd, tahun),
                       menunggu=queries.jumlah_mandiri_menunggu([opd.id]))


def _download_name(opd: Opd, tahun: int, ext: str) -> str:
    return f"jp-{opd.slug}-{tahun}.{ext}"


@bp.get("/kelola/rekap.csv")
@roles_required(Role.ADMIN_OPD)
def rekap_csv():
    _opds, opd, tahun, unit_id, semua = _rekap_args()
    body = export.to_csv(queries.rekap_opd(opd, tahun, unit_id, semua))
    return Response(body, mimetype="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{_download_name(opd, tahun, "csv")}"'})


@bp.get("/kelola/rekap.xlsx")
@roles_required(Role.ADMIN_OPD)
def rekap_xlsx():
    _opds, opd, tahun, unit_id, semua = _rekap_args()
    body = export.to_xlsx(queries.rekap_opd(opd, tahun, unit_id, semua), _title(opd, tahun))
    return Response(body, mimetype="application/vnd.openxmlformats-officedocument."
                                    "spreadsheetml.sheet", headers={
        "Content-Disposition": f'attachment; filename="{_download_name(opd, tahun, "xlsx")}"'})


# --- the catalogue ----------------------------------------------------------------------------

@bp.get("/kelola/kegiatan")
@roles_required(*ADMINS)
def katalog():
    return render_page("pembinaan/kelola_katalog.html",
                       kegiatan=queries.kegiatan_dikelola(_opd_ids(), _pemda_ids()),
                       may_edit=lambda k: access.manages_kegiatan(current_user, k.opd_id,
                                                                  k.pemda_id))


def _lingkup_choices() -> list[tuple[str, str]]:
    opds = sorted((db.session.get(Opd, i) for i in _opd_ids()), key=lambda o: o.nama)
    pemdas = sorted((db.session.get(Pemda, i) for i in _pemda_ids()), key=lambda p: p.nama)
    return ([(f"pemda:{p.id}", _("Seluruh OPD %(pemda)s", pemda=p.nama)) for p in pemdas]
            + [(f"opd:{o.id}", o.nama) for o in opds]
            + [(f"opd:{o.id}", o.nama) for p in pemdas for o in p.opds if o.id not in _opd_ids()])


def _lingkup(value: str) -> tuple[Opd | None, Pemda | None]:
    kind, _sep, ident = (value or "").partition(":")
    if kind == "opd" and ident.isdigit():
        return load_or_404(Opd, int(ident)), None
    if kind == "pemda" and ident.isdigit():
        return None, load_or_404(Pemda, int(ident))
    abort(404)


def _data(form: KegiatanForm) -> kompetensi.KegiatanData:
    return kompetensi.KegiatanData(
        judul=form.judul.data, bentuk=form.bentuk.data, penyelenggara=form.penyelenggara.data,
        jp=form.jp.data, tanggal_mulai=form.tanggal_mulai.data,
        tanggal_selesai=form.tanggal_selesai.data, kompetensi=form.kompetensi.data,
        sumber_anggaran=form.sumber_anggaran.data, asal_kebutuhan=form.asal_kebutuhan.data,
        keterangan_kebutuhan=form.keterangan_kebutuhan.data, deskripsi=form.deskripsi.data or "",
        aktif=form.aktif.data)


@bp.route("/kelola/kegiatan/baru", methods=["GET", "POST"])
@roles_required(*ADMINS)
def kegiatan_baru():
    form = KegiatanForm()
    form.lingkup.choices = _lingkup_choices()

    def act():
        opd, pemda = _lingkup(form.lingkup.data)
        return kompetensi.simpan_kegiatan(current_user, None, _data(form), opd=opd, pemda=pemda)

    page = lambda status=200: render_page("pembinaan/kelola_kegiatan_form.html",  # noqa: E731
                                          form=form, kegiatan=None, http_status=status)
    if request.method == "GET":
        return page()
    return handle_form(form, act, message=_("Kegiatan ditambahkan ke katalog."),
                       redirect_to=lambda k: url_for("pembinaan.kegiatan", kegiatan_id=k.id),
                       again=lambda: page(422))


def _kegiatan(kegiatan_id: int, *, edit: bool = False) -> Kegiatan:
    kegiatan = load_or_404(Kegiatan, kegiatan_id)
    manages = access.manages_kegiatan(current_user, kegiatan.opd_id, kegiatan.pemda_id)
    if edit:
        require(manages)
    else:
        pemda_of_my_opds = {db.session.get(Opd, i).pemda_id for i in _opd_ids()}
        require(manages or (kegiatan.opd_id is None and kegiatan.pemda_id in pemda_of_my_opds))
    return kegiatan


@bp.route("/kelola/kegiatan/<int:kegiatan_id>/ubah", methods=["GET", "POST"])
@roles_required(*ADMINS)
def kegiatan_ubah(kegiatan_id: int):
    kegiatan = _kegiatan(kegiatan_id, edit=True)
    lingkup = f"opd:{kegiatan.opd_id}" if kegiatan.opd_id else f"pemda:{kegiatan.pemda_id}"
    form = KegiatanForm(obj=kegiatan, lingkup=lingkup)
    form.lingkup.choices = [(lingkup, kegiatan.opd.nama if kegiatan.opd else
                             _("Seluruh OPD %(pemda)s", pemda=kegiatan.pemda.nama))]
    page = lambda status=200: render_page("pembinaan/kelola_kegiatan_form.html",  # noqa: E731
                                          form=form, kegiatan=kegiatan, http_status=status)
    if request.method == "GET":
        return page()
    return handle_form(form, lambda: kompetensi.simpan_kegiatan(current_user, kegiatan,
                                                                _data(form)),
                       message=_("Kegiatan disimpan."),
                       redirect_to=url_for("pembinaan.kegiatan", kegiatan_id=kegiatan.id),
                       again=lambda: page(422))


def _kegiatan_page(kegiatan: Kegiatan, failed: tuple[int, object] | None = None,
                   http_status: int = 200):
    opd_ids = None if kegiatan.pemda_id in _pemda_ids() else _opd_ids()
    return render_page("pembinaan/kelola_kegiatan.html", kegiatan=kegiatan,
                       peserta=queries.peserta_dari(kegiatan, opd_ids), failed=failed,
                       may_edit=access.manages_kegiatan(current_user, kegiatan.opd_id,
                                                        kegiatan.pemda_id),
                       is_admin_opd_of=lambda p: access.is_admin_opd_of(current_user, p),
                       kehadiran=KehadiranForm(formdata=None),
                       sertifikat=SertifikatForm(formdata=None), http_status=http_status)


@bp.get("/kelola/kegiatan/<int:kegiatan_id>")
@roles_required(*ADMINS)
def kegiatan(kegiatan_id: int):
    return _kegiatan_page(_kegiatan(kegiatan_id))


def _peserta_admin(peserta_id: int) -> PesertaKegiatan:
    peserta = load_or_404(PesertaKegiatan, peserta_id)
    require(access.is_admin_opd_of(current_user, peserta.pegawai))
    return peserta


@bp.post("/peserta/<int:peserta_id>/kehadiran")
@roles_required(Role.ADMIN_OPD)
def kehadiran(peserta_id: int):
    peserta = _peserta_admin(peserta_id)
    form = KehadiranForm()
    return handle_form(
        form, lambda: kompetensi.catat_kehadiran(current_user, peserta,
                                                 form.kehadiran.data == "hadir", today()),
        message=_("Kehadiran %(nama)s dicatat.", nama=peserta.pegawai.nama),
        redirect_to=url_for("pembinaan.kegiatan", kegiatan_id=peserta.kegiatan_id),
        again=lambda: _kegiatan_page(peserta.kegiatan, (peserta.id, form), 422))


@bp.post("/peserta/<int:peserta_id>/selesai")
@roles_required(Role.ADMIN_OPD)
def selesai(peserta_id: int):
    peserta = _peserta_admin(peserta_id)
    form = SertifikatForm()
    return handle_certificate_form(
        form, lambda stored: kompetensi.selesaikan(current_user, peserta, stored,
                                                   form.nomor_sertifikat.data, today()),
        message=_("Sertifikat %(nama)s dicatat; JP-nya diakui.", nama=peserta.pegawai.nama),
        redirect_to=url_for("pembinaan.kegiatan", kegiatan_id=peserta.kegiatan_id),
        again=lambda: _kegiatan_page(peserta.kegiatan, (peserta.id, form), 422))


# --- verifying self-reported learning ------------------------------------------------------

def _verifikasi_page(failed: tuple[int, object] | None = None, http_status: int = 200):
    return render_page("pembinaan/kelola_verifikasi.html",
                       items=queries.mandiri_menunggu(_opd_ids()), failed=failed,
                       verifikasi=VerifikasiForm(formdata=None),
                       tolak=TolakMandiriForm(formdata=None), http_status=http_status)


@bp.get("/kelola/verifikasi")
@roles_required(Role.ADMIN_OPD)
def verifikasi():
    return _verifikasi_page()


def _mandiri_admin(mandiri_id: int) -> PembelajaranMandiri:
    item = load_or_404(PembelajaranMandiri, mandiri_id)
    require(access.is_admin_opd_of(current_user, item.pegawai))
    return item


@bp.post("/mandiri/<int:mandiri_id>/verifikasi")
@roles_required(Role.ADMIN_OPD)
def verifikasi_mandiri(mandiri_id: int):
    item = _mandiri_admin(mandiri_id)
    form = VerifikasiForm()
    return handle_form(
        form, lambda: kompetensi.verifikasi_mandiri(current_user, item, form.jp_diakui.data),
        message=_("Pembelajaran %(nama)s diverifikasi; JP-nya diakui.", nama=item.pegawai.nama),
        redirect_to=url_for("pembinaan.verifikasi"),
        again=lambda: _verifikasi_page((item.id, form), 422))


@bp.post("/mandiri/<int:mandiri_id>/tolak")
@roles_required(Role.ADMIN_OPD)
def tolak_mandiri(mandiri_id: int):
    item = _mandiri_admin(mandiri_id)
    form = TolakMandiriForm()
    return handle_form(
        form, lambda: kompetensi.tolak_mandiri(current_user, item, form.alasan.data),
        message=_("Laporan %(nama)s ditolak; alasannya terlihat oleh pegawai.",
                  nama=item.pegawai.nama),
        redirect_to=url_for("pembinaan.verifikasi"),
        again=lambda: _verifikasi_page((item.id, form), 422))
