"""Staff desks for complaints: the koordinator verifies and routes, the OPD's petugas plans,
answers and keeps internal notes. Every view loads the complaint through ``_load``, which
answers 404 or 403 for what the user may not see."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth.models import Role
from portal.complaints import handling, queries
from portal.complaints.desk_forms import (
    CatatanForm,
    GabungForm,
    JawabForm,
    RingkasanForm,
    TemplatForm,
    TindakLanjutForm,
    VerifikasiForm,
)
from portal.complaints.models import (
    TRANSITIONS,
    Identitas,
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
from portal.core.workdays import portal_calendar
from portal.extensions import db
from portal.org.models import Opd

bp = Blueprint("desk", __name__, url_prefix="/meja")
S = StatusPengaduan
DESK_ROLES = (Role.KOORDINATOR_PENGADUAN, Role.PETUGAS_PENGADUAN)
KOORDINATOR_STATUSES = (S.DITERIMA, S.DITUNDA)
OPD_STATUSES = (S.DIDISPOSISIKAN, S.DITINDAKLANJUTI)
#: statuses from which the koordinator may merge a complaint into another
MERGEABLE = frozenset(s for s, targets in TRANSITIONS.items() if S.DIGABUNG in targets)


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
        (opd_id, nama) for group in queries.opd_choices().values() for opd_id, nama in group]
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


@bp.post("/pengaduan/<int:pengaduan_id>/verifikasi")
@roles_required(Role.KOORDINATOR_PENGADUAN)
def verify(pengaduan_id: int):
    pengaduan = _load(pengaduan_id)
    require(queries.is_koordinator_of(current_user, pengaduan))
    form = VerifikasiForm()
    form.opd_id.choices = [(0, "")] + [(o, n) for g in queries.opd_choices().values()
                                       for o, n in g]
    if form.validate_on_submit():
        try:
            if form.tindakan.data == "teruskan":
                opd = db.session.get(Opd, form.opd_id.data) if form.opd_id.data else None
                handling.verify_and_route(current_user, pengaduan, opd,
                                          perlu_tinjauan_lapangan=form.perlu_tinjauan_lapangan.data,
                                          pesan=form.pesan.data)
            else:
                handling.refuse(current_user, pengaduan, S(form.tindakan.data), form.pesan.data)
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            return _done(pengaduan, _("Keputusan disimpan; pelapor dapat melihatnya."))
    return _detail(pengaduan, verifikasi=form)


@bp.post("/pengaduan/<int:pengaduan_id>/gabung")
@roles_required(Role.KOORDINATOR_PENGADUAN)
def merge(pengaduan_id: int):
    pengaduan = _load(pengaduan_id)
    require(queries.is_koordinator_of(current_user, pengaduan))
    form = GabungForm()
    if form.validate_on_submit():
        # a candidate's button carries its code; otherwise the code typed in the field
        typed = request.form.get("kode_utama") or form.kode_manual.data or ""
        kode = normalise_code(typed)
        utama = queries.coordinated_by_code(current_user, kode) if kode else None
        try:
            if utama is None:
                raise DomainError(_("Tidak ada laporan dengan kode itu di wilayah Anda. Periksa "
                                    "kodenya atau pilih dari daftar laporan serupa."), "kode_manual")
            handling.merge_into(current_user, pengaduan, utama, form.alasan.data)
        except DomainError as error:
            db.session.rollback()
            if error.field == "kode_utama":
                error.field = "kode_manual"
            show_domain_error(form, error)
        else:
            return _done(pengaduan, _("Laporan digabung ke %(kode)s; pelapornya dapat mengikuti "
                                      "perkembangannya.", kode=utama.kode_lacak))
    return _detail(pengaduan, gabung=form)


def _opd_action(pengaduan_id: int, form, form_name: str, action, message: str):
    """Run one OPD step on the complaint; on a refusal the form comes back filled."""
    pengaduan = _load(pengaduan_id)
    if form.validate_on_submit():
        try:
            action(pengaduan, form)
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            return _done(pengaduan, message)
    return _detail(pengaduan, **{form_name: form})


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
    pengaduan = _load(pengaduan_id)
    form = CatatanForm()
    if form.validate_on_submit():
        handling.add_note(current_user, pengaduan, form.isi.data)
        return _done(pengaduan, _("Catatan internal disimpan."))
    return _detail(pengaduan, catatan=form)


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
