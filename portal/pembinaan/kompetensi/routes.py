""""Pengembangan kompetensi saya": the pegawai's JP of the year against the target, their
records, what waits, and the forms to propose a catalogue activity and to report self-learning;
the atasan sees the same for each direct subordinate and decides their proposals."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.core.authz import load_or_404, require
from portal.core.forms import handle_form
from portal.core.models import DomainError
from portal.core.rendering import render_page
from portal.org.models import Pegawai
from portal.pembinaan import access
from portal.pembinaan.blueprint import bp, tahun_diminta, today
from portal.pembinaan.kompetensi import queries
from portal.pembinaan.kompetensi import services as kompetensi
from portal.pembinaan.kompetensi.forms import KeputusanForm, KosongForm, MandiriForm, UsulForm
from portal.pembinaan.kompetensi.models import (
    Kegiatan,
    PembelajaranMandiri,
    PesertaKegiatan,
    StatusPeserta,
)
from portal.pembinaan.kompetensi.pages import handle_certificate_form, send_certificate
from portal.pembinaan.penghargaan import queries as penghargaan


def _usul_form(pegawai: Pegawai, form: UsulForm | None = None) -> UsulForm:
    form = form or UsulForm(formdata=None)
    form.kegiatan_id.choices = [(0, _("— Pilih kegiatan —"))] + [
        (k.id, _("%(judul)s (%(bentuk)s, %(jp)s JP, mulai %(mulai)s)", judul=k.judul,
                 bentuk=k.bentuk_label, jp=k.jp, mulai=k.tanggal_mulai.isoformat()))
        for k in queries.katalog_untuk(pegawai, today())]
    return form


def _page(pegawai: Pegawai, *, usul: UsulForm | None = None, mandiri: MandiriForm | None = None,
          keputusan: tuple[int, KeputusanForm] | None = None, http_status: int = 200):
    tahun = tahun_diminta()
    self_view = access.is_self(current_user, pegawai)
    return render_page(
        "pembinaan/kompetensi.html", http_status=http_status, pegawai=pegawai, tahun=tahun,
        tahun_ini=today().year, self_view=self_view, rekap=queries.rekap(pegawai, tahun),
        riwayat=queries.riwayat(pegawai, tahun), penghargaan=penghargaan.milik(pegawai),
        can_propose=access.can_propose(current_user, pegawai),
        decides=access.decides_proposals_of(current_user, pegawai),
        usul=_usul_form(pegawai, usul), mandiri=mandiri or MandiriForm(formdata=None),
        keputusan=keputusan, tombol=KosongForm(formdata=None),
        tim=queries.bawahan_dengan_jp(pegawai.id, tahun) if self_view else [])


def _pegawai(pegawai_id: int) -> Pegawai:
    pegawai = load_or_404(Pegawai, pegawai_id)
    require(access.can_view(current_user, pegawai))
    return pegawai


@bp.get("/kompetensi")
@login_required
def saya():
    require(current_user.pegawai_id is not None)
    return _page(current_user.pegawai)


@bp.get("/kompetensi/pegawai/<int:pegawai_id>")
@login_required
def pegawai(pegawai_id: int):
    return _page(_pegawai(pegawai_id))


def _back(pegawai: Pegawai) -> str:
    if access.is_self(current_user, pegawai):
        return url_for("pembinaan.saya")
    return url_for("pembinaan.pegawai", pegawai_id=pegawai.id)


@bp.post("/kompetensi/pegawai/<int:pegawai_id>/usul")
@login_required
def usul(pegawai_id: int):
    pegawai = _pegawai(pegawai_id)
    require(access.can_propose(current_user, pegawai))
    form = _usul_form(pegawai, UsulForm())

    def act():
        kegiatan = load_or_404(Kegiatan, form.kegiatan_id.data) if form.kegiatan_id.data else None
        if kegiatan is None:
            raise DomainError(_("Pilih kegiatan dari katalog."), "kegiatan_id")
        return kompetensi.usulkan(current_user, pegawai, kegiatan, form.alasan.data, today())

    return handle_form(
        form, act,
        message=lambda p: (_("Usulan tercatat dan disetujui.") if p.status == StatusPeserta.DISETUJUI
                           else _("Usulan tercatat; menunggu persetujuan atasan langsung.")),
        redirect_to=_back(pegawai), again=lambda: _page(pegawai, usul=form, http_status=422))


@bp.post("/kompetensi/pegawai/<int:pegawai_id>/mandiri")
@login_required
def lapor_mandiri(pegawai_id: int):
    pegawai = _pegawai(pegawai_id)
    require(access.is_self(current_user, pegawai))
    form = MandiriForm()

    def act(stored):
        jam = form.jam.data
        return kompetensi.laporkan_mandiri(current_user, pegawai, kompetensi.MandiriData(
            judul=form.judul.data, bentuk=form.bentuk.data, penyelenggara=form.penyelenggara.data,
            kompetensi=form.kompetensi.data, tanggal_mulai=form.tanggal_mulai.data,
            tanggal_selesai=form.tanggal_selesai.data, jp=form.jp.data,
            menit=int(jam * 60) if jam is not None else None,
            nomor_sertifikat=form.nomor_sertifikat.data), stored, today())

    return handle_certificate_form(
        form, act, message=_("Pembelajaran dilaporkan; JP dihitung setelah diverifikasi admin OPD."),
        redirect_to=_back(pegawai), again=lambda: _page(pegawai, mandiri=form, http_status=422))


def _peserta(peserta_id: int) -> PesertaKegiatan:
    peserta = load_or_404(PesertaKegiatan, peserta_id)
    require(access.can_view(current_user, peserta.pegawai))
    return peserta


@bp.post("/peserta/<int:peserta_id>/setujui")
@login_required
def setujui(peserta_id: int):
    peserta = _peserta(peserta_id)
    require(access.decides_proposals_of(current_user, peserta.pegawai))
    form = KosongForm()
    return handle_form(form, lambda: kompetensi.setujui(current_user, peserta),
                       message=_("Usulan %(nama)s disetujui.", nama=peserta.pegawai.nama),
                       redirect_to=_back(peserta.pegawai),
                       again=lambda: _page(peserta.pegawai, keputusan=(peserta.id, form),
                                           http_status=422))


@bp.post("/peserta/<int:peserta_id>/tolak")
@login_required
def tolak(peserta_id: int):
    peserta = _peserta(peserta_id)
    require(access.decides_proposals_of(current_user, peserta.pegawai))
    form = KeputusanForm()
    return handle_form(form, lambda: kompetensi.tolak(current_user, peserta, form.alasan.data),
                       message=_("Usulan %(nama)s ditolak.", nama=peserta.pegawai.nama),
                       redirect_to=_back(peserta.pegawai),
                       again=lambda: _page(peserta.pegawai, keputusan=(peserta.id, form),
                                           http_status=422))


@bp.post("/peserta/<int:peserta_id>/batalkan")
@login_required
def batalkan(peserta_id: int):
    peserta = _peserta(peserta_id)
    require(access.is_self(current_user, peserta.pegawai))
    form = KosongForm()
    return handle_form(form, lambda: kompetensi.batalkan(current_user, peserta, today()),
                       message=_("Keikutsertaan dibatalkan."), redirect_to=_back(peserta.pegawai),
                       again=lambda: _page(peserta.pegawai, keputusan=(peserta.id, form),
                                           http_status=422))


@bp.get("/peserta/<int:peserta_id>/sertifikat")
@login_required
def sertifikat_peserta(peserta_id: int):
    return send_certificate(_peserta(peserta_id))


def _mandiri(mandiri_id: int) -> PembelajaranMandiri:
    item = load_or_404(PembelajaranMandiri, mandiri_id)
    require(access.can_view(current_user, item.pegawai))
    return item


@bp.post("/mandiri/<int:mandiri_id>/batalkan")
@login_required
def batalkan_mandiri(mandiri_id: int):
    item = _mandiri(mandiri_id)
    require(access.is_self(current_user, item.pegawai))
    form = KosongForm()
    return handle_form(form, lambda: kompetensi.batalkan_mandiri(current_user, item),
                       message=_("Laporan pembelajaran ditarik."), redirect_to=_back(item.pegawai),
                       again=lambda: _page(item.pegawai, keputusan=(-item.id, form),
                                           http_status=422))


@bp.get("/mandiri/<int:mandiri_id>/sertifikat")
@login_required
def sertifikat_mandiri(mandiri_id: int):
    return send_certificate(_mandiri(mandiri_id))
