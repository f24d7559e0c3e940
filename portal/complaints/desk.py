"""Staff desks for complaints: the koordinator verifies and routes, the OPD's petugas plans,
answers and keeps internal notes. Every view loads the complaint through ``_load``, which
answers 404 or 403 for what the user may not see."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.complaints import handling, queries
from portal.complaints.desk_forms import (
    CatatanForm,
    GabungForm,
    JawabForm,
    KaitanPegawaiForm,
    KlasifikasiForm,
    RingkasanForm,
    TemplatForm,
    TindakLanjutForm,
    VerifikasiForm,
)
from portal.complaints.models import (
    TRANSITIONS,
    Identitas,
    KaitanPegawai,
    Pengaduan,
    StatusPengaduan,
    TemplatJawaban,
)
from portal.complaints.tracking import normalise_code
from portal.core.authz import load_or_404, require, roles_required
from portal.core.calendar import WorkCalendar, local_date
from portal.core.forms import show_domain_error
from portal.core.models import DomainError, utcnow
from portal.core.rendering import render_page
from portal.core.roles import Role
from portal.core.workdays import portal_calendar
from portal.extensions import db
from portal.org import queries as org_queries
from portal.org.models import Layanan, Opd, Pegawai, UnitKerja
from portal.org.queries import layanan_for_opd, unit_tree

bp = Blueprint("desk", __name__, url_prefix="/meja")
S = StatusPengaduan
DESK_ROLES = (Role.KOORDINATOR_PENGADUAN, Role.PETUGAS_PENGADUAN)
KOORDINATOR_STATUSES = (S.DITERIMA, S.DITUNDA)
OPD_STATUSES = (S.DIDISPOSISIKAN, S.DITINDAKLANJUTI)
#: statuses from which the koordinator may merge a complaint into another
MERGEABLE = frozenset(s for s, targets in TRANSITIONS.items() if S.DIGABUNG in targets)


@bp.app_template_global()
def complaints_about_pegawai(pegawai_id: int, start: date, end: date) -> list[KaitanPegawai]:
    """For the supervisor's review of a period (templates/complaints/_for_supervisor.html)."""
    return queries.complaints_about(pegawai_id, start, end)


def _load(pengaduan_id: int) -> Pengaduan:
    pengaduan = load_or_404(Pengaduan, pengaduan_id)
    require(queries.can_see(current_user, pengaduan))
    return pengaduan


def _clock(pengaduan: Pengaduan, today: date, calendar: WorkCalendar) -> dict:
    """The due date that matters now and the working days left (negative when overdue)."""
    if pengaduan.status in KOORDINATOR_STATUSES:
        due = pengaduan.batas_verifikasi
    elif pengaduan.status == S.DIDISPOSISIKAN:
        due = pengaduan.batas_rencana
    elif pengaduan.status == S.DITINDAKLANJUTI:
        due = pengaduan.batas_selesai
    else:
        return {"due": None, "left": None, "late": False}
    left = (calendar.working_days_between(today, due) if due >= today
            else -calendar.working_days_between(due, today))
    return {"due": due, "left": left, "late": due < today}


def _with_clocks(items: list[Pengaduan]) -> list[tuple[Pengaduan, dict]]:
    today, calendar = local_date(utcnow()), portal_calendar()
    rows = [(p, _clock(p, today, calendar)) for p in items]
    return sorted(rows, key=lambda row: (not row[1]["late"], row[1]["due"] or date.max))


@bp.get("/koordinator")
@roles_required(Role.KOORDINATOR_PENGADUAN)
def koordinator_queue():
    items = queries.desk_queue(queries.koordinator_filter(current_user), KOORDINATOR_STATUSES)
    return render_page("complaints/desk_queue.html", rows=_with_clocks(items),
                       title=_("Meja koordinator: laporan yang perlu diperiksa"))


@bp.get("/opd")
@roles_required(Role.PETUGAS_PENGADUAN)
def opd_queue():
    items = queries.desk_queue(queries.petugas_filter(current_user), OPD_STATUSES)
    return render_page("complaints/desk_queue.html", rows=_with_clocks(items),
                       title=_("Meja OPD: laporan yang harus ditindaklanjuti"))


def _detail(pengaduan: Pengaduan, **forms):
    koordinator = queries.is_koordinator_of(current_user, pengaduan)
    verifikasi = forms.get("verifikasi") or VerifikasiForm()
    verifikasi.opd_id.choices = [(0, _("— Pilih OPD —"))] + [
        (opd_id, nama) for group in org_queries.opd_choices().values() for opd_id, nama in group]
    if pengaduan.opd_id and not verifikasi.opd_id.data:
        verifikasi.opd_id.data = pengaduan.opd_id
    templates = _templates_for(pengaduan.opd_id)
    jawab = forms.get("jawab") or JawabForm()
    chosen = request.args.get("templat", type=int)
    if chosen and not jawab.jawaban.data:  # "use this template": the answer starts from it
        jawab.jawaban.data = next((t.isi for t in templates if t.id == chosen), None)
    return render_page(
        "complaints/desk_detail.html", pengaduan=pengaduan, koordinator=koordinator,
        # a rahasia reporter is hidden from the OPD; an anonymous one has nothing to show
        show_identity=pengaduan.identitas == Identitas.BIASA or (
            pengaduan.identitas == Identitas.RAHASIA and koordinator),
        clock=_clock(pengaduan, local_date(utcnow()), portal_calendar()),
        verifikasi=verifikasi, tindak_lanjut=forms.get("tindak_lanjut") or TindakLanjutForm(),
        jawab=jawab, templates=templates, catatan=forms.get("catatan") or CatatanForm(),
        gabung=forms.get("gabung") or GabungForm(alasan=_(
            "Laporan Anda membahas hal yang sama dengan laporan lain yang sudah kami tangani. "
            "Perkembangan dan jawabannya tampil di halaman ini.")),
        merge_candidates=(queries.merge_candidates(current_user, pengaduan)
                          if koordinator and pengaduan.status in MERGEABLE else []),
        mergeable=koordinator and pengaduan.status in MERGEABLE,
        may_link=_may_link(pengaduan),
        klasifikasi=_classify_form(pengaduan, forms.get("klasifikasi")),
        kaitan=forms.get("kaitan") or KaitanPegawaiForm(),
        cari_pegawai=request.values.get("cari_pegawai", ""),
        pegawai_found=queries.pegawai_to_link(pengaduan, request.values.get("cari_pegawai", "")),
        ringkasan=forms.get("ringkasan") or RingkasanForm(
            ringkasan_publik=pengaduan.ringkasan_publik,
            disetujui=pengaduan.ringkasan_publik_disetujui),
        statuses=S)


@bp.get("/pengaduan/<int:pengaduan_id>")
@roles_required(*DESK_ROLES)
def detail(pengaduan_id: int):
    return _detail(_load(pengaduan_id))


def _done(pengaduan: Pengaduan, message: str):
    db.session.commit()
    flash(message, "sukses")
    return redirect(url_for("desk.detail", pengaduan_id=pengaduan.id), code=303)


def _step(pengaduan: Pengaduan, form, form_name: str, action, *, field: str | None = None):
    """Run one desk step: ``action(pengaduan, form)`` calls a service and returns the message
    to flash. On a refusal the page comes back with the form filled and the reason next to its
    field (or ``field`` when the service names one this form does not have)."""
    if form.validate_on_submit():
        try:
            message = action(pengaduan, form)
        except DomainError as error:
            db.session.rollback()
            if field and (error.field is None or error.field not in form):
                error.field = field
            show_domain_error(form, error)
        else:
            return _done(pengaduan, message)
    return _detail(pengaduan, **{form_name: form})


def _koordinator_load(pengaduan_id: int) -> Pengaduan:
    pengaduan = _load(pengaduan_id)
    require(queries.is_koordinator_of(current_user, pengaduan))
    return pengaduan


@bp.post("/pengaduan/<int:pengaduan_id>/verifikasi")
@roles_required(Role.KOORDINATOR_PENGADUAN)
def verify(pengaduan_id: int):
    form = VerifikasiForm()
    form.opd_id.choices = [(0, "")] + [(o, n) for g in org_queries.opd_choices().values()
                                       for o, n in g]

    def decide(pengaduan: Pengaduan, f: VerifikasiForm) -> str:
        if f.tindakan.data == "teruskan":
            opd = db.session.get(Opd, f.opd_id.data) if f.opd_id.data else None
            handling.verify_and_route(current_user, pengaduan, opd,
                                      perlu_tinjauan_lapangan=f.perlu_tinjauan_lapangan.data,
                                      pesan=f.pesan.data)
        else:
            handling.refuse(current_user, pengaduan, S(f.tindakan.data), f.pesan.data)
        return _("Keputusan disimpan; pelapor dapat melihatnya.")

    return _step(_koordinator_load(pengaduan_id), form, "verifikasi", decide)


@bp.post("/pengaduan/<int:pengaduan_id>/gabung")
@roles_required(Role.KOORDINATOR_PENGADUAN)
def merge(pengaduan_id: int):
    def merge_into(pengaduan: Pengaduan, f: GabungForm) -> str:
        # a candidate's button carries its code; otherwise the code typed in the field
        kode = normalise_code(request.form.get("kode_utama") or f.kode_manual.data or "")
        utama = queries.coordinated_by_code(current_user, kode) if kode else None
        if utama is None:
            raise DomainError(_("Tidak ada laporan dengan kode itu di wilayah Anda. Periksa "
                                "kodenya atau pilih dari daftar laporan serupa."))
        handling.merge_into(current_user, pengaduan, utama, f.alasan.data)
        return _("Laporan digabung ke %(kode)s; pelapornya dapat mengikuti perkembangannya.",
                 kode=utama.kode_lacak)

    return _step(_koordinator_load(pengaduan_id), GabungForm(), "gabung", merge_into,
                 field="kode_manual")


def _may_link(pengaduan: Pengaduan) -> bool:
    """Petugas of the OPD handling the complaint classify it and tie it to one of its staff."""
    return pengaduan.opd_id is not None and pengaduan.opd_id in current_user.opd_ids_for(
        Role.PETUGAS_PENGADUAN)


def _petugas_load(pengaduan_id: int) -> Pengaduan:
    pengaduan = _load(pengaduan_id)
    require(_may_link(pengaduan))
    return pengaduan


def _classify_form(pengaduan: Pengaduan, form: KlasifikasiForm | None = None) -> KlasifikasiForm:
    if form is None:
        form = KlasifikasiForm(unit_id=pengaduan.unit_id or 0, layanan_id=pengaduan.layanan_id or 0)
    if pengaduan.opd_id is None:
        form.unit_id.choices = form.layanan_id.choices = [(0, "")]
        return form
    form.unit_id.choices = [(0, _("— Tidak ditentukan —"))] + [
        (unit.id, "\u2003" * depth + unit.nama) for depth, unit in unit_tree(pengaduan.opd_id)]
    form.layanan_id.choices = [(0, _("— Tidak ditentukan —"))] + [
        (layanan.id, layanan.nama) for layanan in layanan_for_opd(pengaduan.opd_id)]
    return form


@bp.post("/pengaduan/<int:pengaduan_id>/klasifikasi")
@roles_required(Role.PETUGAS_PENGADUAN)
def classify(pengaduan_id: int):
    pengaduan = _petugas_load(pengaduan_id)

    def save(p: Pengaduan, f: KlasifikasiForm) -> str:
        handling.classify(current_user, p, db.session.get(UnitKerja, f.unit_id.data or 0),
                          db.session.get(Layanan, f.layanan_id.data or 0))
        return _("Unit dan layanan disimpan.")

    return _step(pengaduan, _classify_form(pengaduan, KlasifikasiForm()), "klasifikasi", save)


@bp.post("/pengaduan/<int:pengaduan_id>/kaitkan-pegawai")
@roles_required(Role.PETUGAS_PENGADUAN)
def link_pegawai(pengaduan_id: int):
    def link(pengaduan: Pengaduan, f: KaitanPegawaiForm) -> str:
        # each search result's button carries the pegawai's id
        pegawai = db.session.get(Pegawai, request.form.get("pegawai_id", type=int) or 0)
        if pegawai is None:
            raise DomainError(_("Cari lalu pilih pegawainya dari hasil pencarian."))
        handling.link_pegawai(current_user, pengaduan, pegawai, f.catatan.data)
        return _("Laporan dikaitkan dengan %(nama)s.", nama=pegawai.nama)

    return _step(_petugas_load(pengaduan_id), KaitanPegawaiForm(), "kaitan", link,
                 field="catatan")


@bp.post("/pengaduan/<int:pengaduan_id>/kaitan/<int:kaitan_id>/lepas")
@roles_required(Role.PETUGAS_PENGADUAN)
def unlink_pegawai(pengaduan_id: int, kaitan_id: int):
    pengaduan = _petugas_load(pengaduan_id)
    kaitan = load_or_404(KaitanPegawai, kaitan_id)
    if kaitan.pengaduan_id != pengaduan.id:
        abort(404)
    handling.unlink_pegawai(current_user, kaitan)
    return _done(pengaduan, _("Kaitan dengan pegawai dilepas."))


def _opd_action(pengaduan_id: int, form, form_name: str, action, message: str):
    """One step of the OPD's petugas on a complaint routed to their OPD."""
    def run(pengaduan: Pengaduan, f) -> str:
        action(pengaduan, f)
        return message

    return _step(_load(pengaduan_id), form, form_name, run)


@bp.post("/pengaduan/<int:pengaduan_id>/tindak-lanjut")
@roles_required(Role.PETUGAS_PENGADUAN)
def follow_up(pengaduan_id: int):
    return _opd_action(
        pengaduan_id, TindakLanjutForm(), "tindak_lanjut",
        lambda p, f: handling.plan_follow_up(current_user, p, f.rencana.data),
        _("Rencana tindak lanjut disimpan."))


@bp.post("/pengaduan/<int:pengaduan_id>/jawab")
@roles_required(Role.PETUGAS_PENGADUAN)
def reply(pengaduan_id: int):
    return _opd_action(
        pengaduan_id, JawabForm(), "jawab",
        lambda p, f: handling.answer(current_user, p, f.jawaban.data),
        _("Jawaban terkirim; pelapor dapat menerima atau menyanggahnya."))


@bp.post("/pengaduan/<int:pengaduan_id>/ringkasan")
@roles_required(*DESK_ROLES)
def public_summary(pengaduan_id: int):
    return _opd_action(
        pengaduan_id, RingkasanForm(), "ringkasan",
        lambda p, f: handling.set_public_summary(current_user, p, f.ringkasan_publik.data,
                                                 f.disetujui.data),
        _("Ringkasan publik disimpan."))


@bp.post("/pengaduan/<int:pengaduan_id>/catatan")
@roles_required(*DESK_ROLES)
def note(pengaduan_id: int):
    return _opd_action(
        pengaduan_id, CatatanForm(), "catatan",
        lambda p, f: handling.add_note(current_user, p, f.isi.data),
        _("Catatan internal disimpan."))


def _templates_for(opd_id: int | None) -> list[TemplatJawaban]:
    if opd_id is None:
        return []
    return list(db.session.scalars(sa.select(TemplatJawaban).where(
        TemplatJawaban.opd_id == opd_id).order_by(TemplatJawaban.judul)))


@bp.route("/templat", methods=["GET", "POST"])
@roles_required(Role.PETUGAS_PENGADUAN)
def answer_templates():
    """Reusable answers of the user's OPD, for questions that come often."""
    opd_id = min(current_user.opd_ids_for(Role.PETUGAS_PENGADUAN))
    form = TemplatForm()
    if form.validate_on_submit():
        try:
            handling.add_answer_template(current_user, opd_id, form.judul.data, form.isi.data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Templat jawaban disimpan."), "sukses")
            return redirect(url_for("desk.answer_templates"), code=303)
    return render_page("complaints/desk_templates.html", form=form,
                       templates=_templates_for(opd_id), opd=db.session.get(Opd, opd_id))
