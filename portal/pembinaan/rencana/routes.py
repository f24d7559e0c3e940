"""Rencana pembinaan pages: the list of one's own plans and of one's subordinates', a plan with
the forms its reader may use in its state (the penilai writes it, both agree, both record
check-ins, the penilai closes it), and the admin OPD's overview of the OPD's plans."""

from __future__ import annotations

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core.authz import load_or_404, require, roles_required
from portal.core.forms import handle_form
from portal.core.rendering import render_page
from portal.core.roles import Role
from portal.extensions import db
from portal.org.models import Opd, Pegawai
from portal.pembinaan import access
from portal.pembinaan.blueprint import bp, opd_diminta, today
from portal.pembinaan.kompetensi import queries as kompetensi_queries
from portal.pembinaan.kompetensi.forms import KosongForm
from portal.pembinaan.rencana import queries
from portal.pembinaan.rencana import services as rencana_services
from portal.pembinaan.rencana.forms import (
    AksiForm,
    BatalForm,
    DialogForm,
    IsiForm,
    MintaForm,
    SelesaiAksiForm,
    TutupForm,
)
from portal.pembinaan.rencana.models import (
    AKSI_RIWAYAT_LABEL,
    STATUS_RENCANA_LABEL,
    AksiRencana,
    RencanaPembinaan,
    StatusRencana,
)


@bp.get("/rencana")
@login_required
def rencana_index():
    require(current_user.pegawai_id is not None)
    pegawai = current_user.pegawai
    return render_page("pembinaan/rencana_index.html", pegawai=pegawai,
                       milik=queries.milik(pegawai.id), bawahan=queries.bawahan(pegawai.id),
                       minta=MintaForm(formdata=None), today=today())


@bp.post("/rencana/pegawai/<int:pegawai_id>/baru")
@login_required
def rencana_baru(pegawai_id: int):
    """The pegawai asks for a plan (with what they want to develop); their atasan opens one."""
    pegawai = load_or_404(Pegawai, pegawai_id)
    require(access.is_self(current_user, pegawai) or access.is_atasan(current_user, pegawai))
    if access.is_atasan(current_user, pegawai):
        form = KosongForm()
        return handle_form(
            form, lambda: rencana_services.buka_baru(current_user, pegawai),
            message=_("Rencana pembinaan %(nama)s dibuka; lengkapi isinya.", nama=pegawai.nama),
            redirect_to=lambda r: url_for("pembinaan.rencana_detail", rencana_id=r.id),
            again=lambda: _index_again(), field="alasan")
    form = MintaForm()
    return handle_form(
        form, lambda: rencana_services.minta(current_user, pegawai, form.alasan.data),
        message=_("Permintaan terkirim ke atasan langsung Anda."),
        redirect_to=lambda r: url_for("pembinaan.rencana_detail", rencana_id=r.id),
        again=lambda: _index_again(minta=form))


def _index_again(minta: MintaForm | None = None):
    pegawai = current_user.pegawai
    return render_page("pembinaan/rencana_index.html", pegawai=pegawai,
                       milik=queries.milik(pegawai.id), bawahan=queries.bawahan(pegawai.id),
                       minta=minta or MintaForm(formdata=None), today=today(),
                       http_status=422)


def _rencana(rencana_id: int, who: str = "view") -> RencanaPembinaan:
    """The plan, to those who may: read it ("view"), act as one of its two parties ("pihak"),
    or write and close it (the "penilai")."""
    rencana = load_or_404(RencanaPembinaan, rencana_id)
    penilai = access.is_penilai_rencana(current_user, rencana)
    allowed = {"view": lambda: access.can_view_rencana(current_user, rencana),
               "pihak": lambda: penilai or access.is_self(current_user, rencana.pegawai),
               "penilai": lambda: penilai}[who]
    require(allowed())
    return rencana


def _isi_form(rencana: RencanaPembinaan, form: IsiForm | None = None) -> IsiForm:
    if form is None:
        fokus = (f"rhk-{rencana.rhk_id}" if rencana.rhk_id else
                 f"nilai-{rencana.nilai_berakhlak.value}" if rencana.nilai_berakhlak else "")
        form = IsiForm(formdata=None, fokus=fokus, kesenjangan=rencana.kesenjangan,
                       tujuan=rencana.tujuan, ukuran_keberhasilan=rencana.ukuran_keberhasilan,
                       selesai_rencana=rencana.selesai_rencana)
    form.fokus.choices = rencana_services.fokus_pilihan(rencana)
    return form


def _aksi_form(rencana: RencanaPembinaan, form: AksiForm | None = None) -> AksiForm:
    form = form or AksiForm(formdata=None)
    form.kegiatan_id.choices = [(0, _("— Bukan pelatihan katalog —"))] + [
        (k.id, _("%(judul)s (%(bentuk)s, %(jp)s JP, mulai %(mulai)s)", judul=k.judul,
                 bentuk=k.bentuk_label, jp=k.jp, mulai=k.tanggal_mulai.isoformat()))
        for k in kompetensi_queries.katalog_untuk(rencana.pegawai, today())]
    return form


def _detail(rencana: RencanaPembinaan, http_status: int = 200, **forms):
    penilai = access.is_penilai_rencana(current_user, rencana)
    self_view = access.is_self(current_user, rencana.pegawai)
    return render_page(
        "pembinaan/rencana_detail.html", http_status=http_status, rencana=rencana,
        penilai_view=penilai, self_view=self_view, today=today(),
        isi=_isi_form(rencana, forms.get("isi")), aksi_form=_aksi_form(rencana, forms.get("aksi")),
        dialog=forms.get("dialog") or DialogForm(formdata=None, tanggal=today()),
        tutup=forms.get("tutup") or TutupForm(formdata=None),
        batal=forms.get("batal") or BatalForm(formdata=None),
        selesai=forms.get("selesai"), tombol=forms.get("tombol") or KosongForm(formdata=None),
        trail=_trail(rencana))


def _trail(rencana: RencanaPembinaan):
    from portal.appraisals import queries as appraisal_queries

    return appraisal_queries.audit_trail(
        [rencana], actions=AKSI_RIWAYAT_LABEL,
        states={k.value: v for k, v in STATUS_RENCANA_LABEL.items()})


@bp.get("/rencana/<int:rencana_id>")
@login_required
def rencana_detail(rencana_id: int):
    return _detail(_rencana(rencana_id))


def _step(rencana: RencanaPembinaan, form, name: str, action, message, field: str | None = None):
    return handle_form(form, action, message=message,
                       redirect_to=url_for("pembinaan.rencana_detail", rencana_id=rencana.id),
                       again=lambda: _detail(rencana, http_status=422, **{name: form}),
                       field=field)


@bp.post("/rencana/<int:rencana_id>/buka")
@login_required
def rencana_buka(rencana_id: int):
    rencana = _rencana(rencana_id, "penilai")
    return _step(rencana, KosongForm(), "tombol",
                 lambda: rencana_services.buka(current_user, rencana),
                 _("Rencana dibuka; lengkapi isinya lalu sepakati bersama pegawai."))


@bp.post("/rencana/<int:rencana_id>/isi")
@login_required
def rencana_isi(rencana_id: int):
    rencana = _rencana(rencana_id, "penilai")
    form = _isi_form(rencana, IsiForm())
    return _step(rencana, form, "isi", lambda: rencana_services.ubah(
        current_user, rencana, rencana_services.IsiData(
            fokus=form.fokus.data, kesenjangan=form.kesenjangan.data, tujuan=form.tujuan.data,
            ukuran_keberhasilan=form.ukuran_keberhasilan.data,
            selesai_rencana=form.selesai_rencana.data), today()),
        _("Isi rencana disimpan."), field="kesenjangan")


@bp.post("/rencana/<int:rencana_id>/aksi")
@login_required
def rencana_aksi(rencana_id: int):
    rencana = _rencana(rencana_id, "penilai")
    form = _aksi_form(rencana, AksiForm())
    return _step(rencana, form, "aksi", lambda: rencana_services.tambah_aksi(
        current_user, rencana, rencana_services.AksiData(
            jenis=form.jenis.data, uraian=form.uraian.data, pemilik=form.pemilik.data,
            batas=form.batas.data, kegiatan_id=form.kegiatan_id.data or None), today()),
        _("Tindakan ditambahkan."), field="uraian")


def _aksi(rencana: RencanaPembinaan, aksi_id: int) -> AksiRencana:
    aksi = load_or_404(AksiRencana, aksi_id)
    if aksi.rencana_id != rencana.id:
        from flask import abort

        abort(404)
    return aksi


@bp.post("/rencana/<int:rencana_id>/aksi/<int:aksi_id>/hapus")
@login_required
def rencana_aksi_hapus(rencana_id: int, aksi_id: int):
    rencana = _rencana(rencana_id, "penilai")
    aksi = _aksi(rencana, aksi_id)
    return _step(rencana, KosongForm(), "tombol",
                 lambda: rencana_services.hapus_aksi(current_user, aksi),
                 _("Tindakan dihapus."))


@bp.post("/rencana/<int:rencana_id>/aksi/<int:aksi_id>/selesai")
@login_required
def rencana_aksi_selesai(rencana_id: int, aksi_id: int):
    rencana = _rencana(rencana_id, "pihak")
    aksi = _aksi(rencana, aksi_id)
    form = SelesaiAksiForm()
    return _step(rencana, form, "selesai",
                 lambda: rencana_services.tandai_aksi_selesai(current_user, aksi,
                                                              form.catatan_aksi.data),
                 _("Tindakan ditandai selesai."))


@bp.post("/rencana/<int:rencana_id>/sepakati")
@login_required
def rencana_sepakati(rencana_id: int):
    rencana = _rencana(rencana_id, "pihak")
    return _step(rencana, KosongForm(), "tombol",
                 lambda: rencana_services.sepakati(current_user, rencana, today()),
                 lambda berjalan: (_("Rencana disepakati kedua pihak dan mulai berjalan.")
                                   if berjalan else
                                   _("Persetujuan Anda tercatat; menunggu pihak lainnya.")))


@bp.post("/rencana/<int:rencana_id>/dialog")
@login_required
def rencana_dialog(rencana_id: int):
    rencana = _rencana(rencana_id, "pihak")
    form = DialogForm()
    return _step(rencana, form, "dialog", lambda: rencana_services.catat_dialog(
        current_user, rencana, form.tanggal.data, form.catatan.data, today()),
        _("Dialog kinerja dicatat."))


@bp.post("/rencana/<int:rencana_id>/tutup")
@login_required
def rencana_tutup(rencana_id: int):
    rencana = _rencana(rencana_id, "penilai")
    form = TutupForm()
    return _step(rencana, form, "tutup", lambda: rencana_services.tutup(
        current_user, rencana, form.hasil.data, form.catatan_hasil.data),
        _("Rencana pembinaan ditutup."))


@bp.post("/rencana/<int:rencana_id>/batalkan")
@login_required
def rencana_batalkan(rencana_id: int):
    rencana = _rencana(rencana_id, "penilai")
    form = BatalForm()
    return _step(rencana, form, "batal", lambda: rencana_services.batalkan(
        current_user, rencana, form.alasan.data), _("Rencana pembinaan dibatalkan."))


@bp.get("/kelola/rencana")
@roles_required(Role.ADMIN_OPD)
def rencana_kelola():
    opds = sorted((db.session.get(Opd, i) for i in current_user.opd_ids_for(Role.ADMIN_OPD)),
                  key=lambda o: o.nama)
    opd = opd_diminta(opds)
    status_arg = request.args.get("status") or ""
    status = StatusRencana(status_arg) if status_arg in set(StatusRencana) else None
    return render_page("pembinaan/rencana_kelola.html", opds=opds, opd=opd, status=status,
                       statuses=STATUS_RENCANA_LABEL, daftar=queries.untuk_opd(opd.id, status),
                       terlambat=queries.belum_dibuka_lewat_batas(opd, opd.pemda_id, today()),
                       ringkasan=queries.ringkasan_status(opd, opd.pemda_id), today=today())
