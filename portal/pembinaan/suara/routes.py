"""The pages of "Dari suara publik ke tindakan": per service of the admin OPD's OPD, the weakest
unsur of the latest publication and the complaint categories that recur, with the mapped
catalogue activities and the step to plan one for the service's staff; and the pemda's mapping
(list, add, change, delete)."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, datetime, time

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.complaints.models import KATEGORI_LABEL, KATEGORI_UNSUR
from portal.core.authz import load_or_404, require, roles_required
from portal.core.forms import handle_form
from portal.core.models import DomainError
from portal.core.rendering import render_page
from portal.core.roles import Role
from portal.core.routing import db_int
from portal.extensions import db
from portal.org.models import Layanan, Opd, Pemda
from portal.org.queries import layanan_for_opd
from portal.org.skm import UNSUR_KEYS, UNSUR_LABEL
from portal.pembinaan import access
from portal.pembinaan.blueprint import bp, dipilih, opd_diminta, today
from portal.pembinaan.kompetensi.forms import KosongForm
from portal.pembinaan.kompetensi.models import Kegiatan, SumberSuara
from portal.pembinaan.kompetensi.queries import kegiatan_dikelola
from portal.pembinaan.settings import setting
from portal.pembinaan.suara import queries, services
from portal.pembinaan.suara.forms import PemetaanForm, RencanaSuaraForm, suara_choices
from portal.pembinaan.suara.models import PemetaanSuara, cek_kode, suara_label
from portal.pembinaan.suara.signals import skm_opd

ADMINS = (Role.ADMIN_OPD, Role.ADMIN_PEMDA)


def bulan_lalu(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _opds() -> list[Opd]:
    return sorted((db.session.get(Opd, i) for i in current_user.opd_ids_for(Role.ADMIN_OPD)),
                  key=lambda o: o.nama)


def _aturan() -> tuple[int, int]:
    return (int(setting("PORTAL_PEMBINAAN_SUARA_BULAN")),
            int(setting("PORTAL_PEMBINAAN_SUARA_MIN_PENGADUAN")))


def temuan_layanan(opd: Opd) -> dict:
    """Per service of the OPD: the published survey figures, the weakest unsur, the recurring
    complaint categories, each with the mapped activities, and the activities planned."""
    bulan, minimum = _aturan()
    day = today()
    sejak = datetime.combine(bulan_lalu(day, bulan), time())
    skm = skm_opd(opd)
    berulang = queries.kategori_berulang(opd.id, sejak, minimum)
    peta = queries.pemetaan_untuk_opd(opd.pemda_id, opd.id)
    rencana = queries.rencana_suara(opd.id)
    rows = []
    for layanan in layanan_for_opd(opd.id):
        figures = skm.layanan.get(layanan.slug) if skm else None
        terlemah = []
        for key in queries.unsur_terlemah(figures.nrr if figures else None):
            index = UNSUR_KEYS.index(key)
            terlemah.append({"sumber": SumberSuara.UNSUR.value, "kode": key,
                             "label": UNSUR_LABEL[key], "nilai": figures.nrr[index],
                             "mutu": figures.nrr_mutu[index] if figures.nrr_mutu else None,
                             "peta": peta.get((SumberSuara.UNSUR.value, key), [])})
        kategori = [{"sumber": SumberSuara.KATEGORI.value, "kode": k.value,
                     "label": KATEGORI_LABEL[k], "jumlah": count,
                     "unsur": KATEGORI_UNSUR[k],
                     "peta": peta.get((SumberSuara.KATEGORI.value, k.value), [])}
                    for k, count in berulang.get(layanan.id, [])]
        if not layanan.aktif and not kategori and not rencana.get(layanan.id):
            continue
        rows.append({"layanan": layanan, "skm": figures, "terlemah": terlemah,
                     "kategori": kategori, "rencana": rencana.get(layanan.id, [])})
    return {"skm": skm, "rows": rows, "bulan": bulan, "minimum": minimum, "sejak": sejak.date()}


@bp.get("/kelola/suara")
@roles_required(Role.ADMIN_OPD)
def suara():
    opds = _opds()
    opd = opd_diminta(opds)
    return render_page("pembinaan/suara.html", opds=opds, opd=opd, **temuan_layanan(opd),
                       suara_label=suara_label)


def _layanan_dikelola(layanan_id: int) -> Layanan:
    layanan = load_or_404(Layanan, layanan_id)
    require(layanan.opd_id in current_user.opd_ids_for(Role.ADMIN_OPD))
    return layanan


@bp.route("/kelola/suara/layanan/<int:layanan_id>/rencana", methods=["GET", "POST"])
@roles_required(Role.ADMIN_OPD)
def suara_rencana(layanan_id: int):
    layanan = _layanan_dikelola(layanan_id)
    sumber, kode, mapped = _suara_diminta(layanan)
    form = _rencana_form(layanan, mapped)
    page = lambda status=200: render_page(  # noqa: E731
        "pembinaan/suara_rencana.html", form=form, layanan=layanan, sumber=sumber.value,
        kode=kode, suara=suara_label(sumber, kode), mapped=mapped,
        staf=queries.staf_layanan(layanan), http_status=status)
    if request.method == "GET":
        return page()
    return handle_form(form, lambda: services.rencanakan(
        current_user, layanan, sumber.value, kode,
        db.session.get(Kegiatan, form.contoh_id.data or 0), form.judul.data,
        form.tanggal_mulai.data, form.tanggal_selesai.data, today()),
        message=lambda k: _("Kegiatan direncanakan; %(n)s pegawai layanan diusulkan sebagai "
                            "peserta.", n=len(k.peserta)),
        redirect_to=lambda k: url_for("pembinaan.kegiatan", kegiatan_id=k.id),
        again=lambda: page(422), field="contoh_id")


def _suara_diminta(layanan: Layanan) -> tuple[SumberSuara, str, list[PemetaanSuara]]:
    """The unsur or category asked for (an unknown one: no such page) and its mapped rows."""
    source = request.form if request.method == "POST" else request.args
    try:
        sumber, kode = cek_kode(source.get("sumber", ""), source.get("kode"))
    except DomainError:
        abort(404)
    mapped = queries.pemetaan_untuk_opd(layanan.opd.pemda_id, layanan.opd_id).get(
        (sumber.value, kode), [])
    return sumber, kode, mapped


def _rencana_form(layanan: Layanan, mapped: list[PemetaanSuara]) -> RencanaSuaraForm:
    """The form, with ``?contoh=`` (a mapped activity) chosen and its title proposed."""
    contoh = next((row.kegiatan for row in mapped
                   if row.kegiatan_id == request.args.get("contoh", type=db_int)), None)
    form = RencanaSuaraForm(contoh_id=contoh.id if contoh else None,
                            judul=_("%(judul)s untuk %(layanan)s", judul=contoh.judul,
                                    layanan=layanan.nama) if contoh else None)
    form.contoh_id.choices = [(None, _("— Pilih kegiatan —"))] + [
        (row.kegiatan_id, f"{row.kegiatan.judul} ({row.kegiatan.bentuk_label}, "
                          f"{row.kegiatan.jp} JP)") for row in mapped]
    return form


# --- the mapping --------------------------------------------------------------------------------

def _pemdas() -> list[Pemda]:
    ids = set(current_user.pemda_ids_for(Role.ADMIN_PEMDA)) | {
        opd.pemda_id for opd in _opds()}
    return sorted((db.session.get(Pemda, i) for i in ids), key=lambda p: p.nama)


def _pemda_diminta() -> tuple[list[Pemda], Pemda]:
    pemdas = _pemdas()
    return pemdas, dipilih(pemdas, Pemda, "pemda")


def _kegiatan_choices(pemda: Pemda) -> list[tuple[int | None, str]]:
    kegiatan = [k for k in kegiatan_dikelola(current_user.opd_ids_for(Role.ADMIN_OPD),
                                             current_user.pemda_ids_for(Role.ADMIN_PEMDA))
                if k.pemda_id == pemda.id
                and access.manages_kegiatan(current_user, k.opd_id, k.pemda_id)]
    return [(None, _("— Pilih kegiatan —"))] + [
        (k.id, f"{k.judul} — {k.opd.nama if k.opd else _('seluruh OPD')} "
               f"({k.tanggal_mulai.isoformat()})") for k in kegiatan]


@bp.get("/kelola/pemetaan")
@roles_required(*ADMINS)
def pemetaan():
    pemdas, pemda = _pemda_diminta()
    return render_page("pembinaan/pemetaan.html", pemdas=pemdas, pemda=pemda,
                       rows=queries.pemetaan_pemda(pemda.id),
                       may_edit=lambda row: access.manages_kegiatan(
                           current_user, row.kegiatan.opd_id, row.pemda_id))


def _pemetaan_form_page(form: PemetaanForm, pemda: Pemda, row: PemetaanSuara | None,
                        status: int = 200):
    return render_page("pembinaan/pemetaan_form.html", form=form, pemda=pemda, row=row,
                       http_status=status)


@bp.route("/kelola/pemetaan/baru", methods=["GET", "POST"])
@roles_required(*ADMINS)
def pemetaan_baru():
    _all, pemda = _pemda_diminta()
    form = PemetaanForm(suara=request.args.get("suara"))
    form.suara.choices = suara_choices()
    form.kegiatan_id.choices = _kegiatan_choices(pemda)
    if request.method == "GET":
        return _pemetaan_form_page(form, pemda, None)
    return handle_form(form, lambda: services.simpan_pemetaan(
        current_user, None, pemda, *form.sumber_kode(),
        db.session.get(Kegiatan, form.kegiatan_id.data or 0), form.catatan.data),
        message=_("Pemetaan ditambahkan."),
        redirect_to=url_for("pembinaan.pemetaan", pemda=pemda.id),
        again=lambda: _pemetaan_form_page(form, pemda, None, 422), field="suara")


def _pemetaan_dikelola(pemetaan_id: int) -> PemetaanSuara:
    row = load_or_404(PemetaanSuara, pemetaan_id)
    require(access.manages_kegiatan(current_user, row.kegiatan.opd_id, row.pemda_id))
    return row


@bp.route("/kelola/pemetaan/<int:pemetaan_id>/ubah", methods=["GET", "POST"])
@roles_required(*ADMINS)
def pemetaan_ubah(pemetaan_id: int):
    row = _pemetaan_dikelola(pemetaan_id)
    form = PemetaanForm(suara=f"{row.sumber.value}:{row.kode}", kegiatan_id=row.kegiatan_id,
                        catatan=row.catatan)
    form.suara.choices = suara_choices()
    form.kegiatan_id.choices = _kegiatan_choices(row.pemda)
    if request.method == "GET":
        return _pemetaan_form_page(form, row.pemda, row)
    return handle_form(form, lambda: services.simpan_pemetaan(
        current_user, row, row.pemda, *form.sumber_kode(),
        db.session.get(Kegiatan, form.kegiatan_id.data or 0), form.catatan.data),
        message=_("Pemetaan disimpan."),
        redirect_to=url_for("pembinaan.pemetaan", pemda=row.pemda_id),
        again=lambda: _pemetaan_form_page(form, row.pemda, row, 422), field="suara")


@bp.post("/kelola/pemetaan/<int:pemetaan_id>/hapus")
@roles_required(*ADMINS)
def pemetaan_hapus(pemetaan_id: int):
    row = _pemetaan_dikelola(pemetaan_id)
    pemda_id = row.pemda_id
    form = KosongForm()
    return handle_form(form, lambda: services.hapus_pemetaan(current_user, row),
                       message=_("Pemetaan dihapus."),
                       redirect_to=url_for("pembinaan.pemetaan", pemda=pemda_id),
                       again=lambda: abort(400))
