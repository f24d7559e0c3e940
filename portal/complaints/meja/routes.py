"""The staff desks' views: the koordinator verifies, routes and merges, the OPD's petugas plans,
answers, classifies and ties a complaint to its staff; both keep internal notes and the public
summary. Every view loads the complaint through an ``access`` loader, which answers 404 or 403
for what the user may not see or do; the services check the same again."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.complaints import access, attachments, handling, services
from portal.complaints.meja import queries
from portal.complaints.meja.blueprint import bp
from portal.complaints.meja.forms import (
    CatatanForm,
    GabungForm,
    JawabForm,
    KaitanPegawaiForm,
    KlasifikasiForm,
    RingkasanForm,
    TemplatForm,
    TemuanForm,
    TindakLanjutForm,
    VerifikasiForm,
)
from portal.complaints.models import (
    AT_KOORDINATOR,
    AT_OPD,
    JENIS_LAPORAN_LABEL,
    MERGEABLE,
    STATUS_LABEL,
    TEMUAN_BOLEH,
    Identitas,
    KaitanPegawai,
    Pengaduan,
    StatusPengaduan,
)
from portal.complaints.tracking import normalise_code
from portal.core import uploads
from portal.core.authz import load_or_404, roles_required
from portal.core.calendar import local_date
from portal.core.forms import handle_form
from portal.core.models import utcnow
from portal.core.rendering import render_page
from portal.core.roles import Role
from portal.core.routing import db_int
from portal.core.workdays import portal_calendar
from portal.extensions import db
from portal.org import queries as org_queries
from portal.org.models import Layanan, Opd, Pegawai, UnitKerja
from portal.org.queries import layanan_for_opd, unit_tree

S = StatusPengaduan
DESK_ROLES = (Role.KOORDINATOR_PENGADUAN, Role.PETUGAS_PENGADUAN)


def _queue(where, statuses, title: str, *, opd_choices: list[tuple[str, str]]):
    f = queries.DeskFilter.from_args(request.args, statuses)
    today, calendar = local_date(utcnow()), portal_calendar()
    rows = [(p, p.tenggat(today, calendar)) for p in queries.desk_queue(where, statuses, f)]
    if f.terlambat:
        rows = [row for row in rows if row[1].late]
    rows.sort(key=lambda row: (not row[1].late, row[1].due or date.max))
    return render_page("complaints/desk_queue.html", rows=rows, title=title, f=f,
                       status_choices=[(s.value, STATUS_LABEL[s]) for s in S if s in statuses],
                       jenis_choices=list(JENIS_LAPORAN_LABEL.items()), opd_choices=opd_choices,
                       may_keep_templates=current_user.has_role(Role.PETUGAS_PENGADUAN))


@bp.get("/koordinator")
@roles_required(Role.KOORDINATOR_PENGADUAN)
def koordinator_queue():
    own = org_queries.routing_choices(current_user.pemda_ids_for(Role.KOORDINATOR_PENGADUAN))
    return _queue(access.koordinator_filter(current_user), AT_KOORDINATOR,
                  _("Meja koordinator: laporan yang perlu diperiksa"),
                  opd_choices=[("tanpa", _("Belum ditentukan")),
                               *((str(opd_id), nama) for group in own.values()
                                 for opd_id, nama in group)])


@bp.get("/opd")
@roles_required(Role.PETUGAS_PENGADUAN)
def opd_queue():
    return _queue(access.petugas_filter(current_user), AT_OPD,
                  _("Meja OPD: laporan yang harus ditindaklanjuti"), opd_choices=[])


def _opd_choices(first: str, pengaduan: Pengaduan, *, q: str = "",
                 keep: int | None = None) -> dict:
    """The OPDs this koordinator may route to (those of their own pemda), grouped by pemda,
    the complaint's own first; ``q`` narrows the list (a search that needs no JavaScript), the
    OPD ``keep`` stays in it."""
    return {None: [(0, first)], **org_queries.routing_choices(
        current_user.pemda_ids_for(Role.KOORDINATOR_PENGADUAN),
        first_pemda_id=pengaduan.opd.pemda_id if pengaduan.opd else None, q=q, keep=keep)}


def _classify_form(pengaduan: Pengaduan, form: KlasifikasiForm | None = None) -> KlasifikasiForm:
    if form is None:
        form = KlasifikasiForm(unit_id=pengaduan.unit_id or 0, layanan_id=pengaduan.layanan_id or 0,
                               kategori=pengaduan.kategori.value if pengaduan.kategori else "")
    if pengaduan.opd_id is None:
        form.unit_id.choices = form.layanan_id.choices = [(0, "")]
        return form
    form.unit_id.choices = [(0, _("— Tidak ditentukan —"))] + [
        (unit.id, "\u2003" * depth + unit.nama) for depth, unit in unit_tree(pengaduan.opd_id)]
    form.layanan_id.choices = [(0, _("— Tidak ditentukan —"))] + [
        (layanan.id, layanan.nama) for layanan in layanan_for_opd(pengaduan.opd_id)]
    return form


def _detail(pengaduan: Pengaduan, **forms):
    """The complaint's page, with what this user may do on it; ``forms`` carries a form coming
    back with its errors."""
    koordinator = access.is_koordinator_of(current_user, pengaduan)
    mergeable = koordinator and pengaduan.status in MERGEABLE
    # a koordinator takes the OPD's steps only when they are also a petugas (the service then
    # checks it is their OPD)
    opd_desk = not koordinator or current_user.has_role(Role.PETUGAS_PENGADUAN)
    verifikasi = forms.get("verifikasi") or VerifikasiForm()
    if pengaduan.opd_id and not verifikasi.opd_id.data:
        verifikasi.opd_id.data = pengaduan.opd_id
    # "Cari OPD" narrows the list without JavaScript (the decision form carries it, so a form
    # coming back with an error keeps it); the chosen one always stays in it
    cari_opd = (request.values.get("cari_opd") or "").strip()[:80]
    verifikasi.opd_id.choices = _opd_choices(_("— Pilih OPD —"), pengaduan, q=cari_opd,
                                             keep=verifikasi.opd_id.data)
    templates = queries.answer_templates(pengaduan.opd_id)
    jawab = forms.get("jawab") or JawabForm()
    chosen = request.args.get("templat", type=db_int)
    if chosen and not jawab.jawaban.data:  # "use this template": the answer starts from it
        jawab.jawaban.data = next((t.isi for t in templates if t.id == chosen), None)
    cari_pegawai = request.values.get("cari_pegawai", "")
    return render_page(
        "complaints/desk_detail.html", pengaduan=pengaduan, koordinator=koordinator,
        cari_opd=cari_opd,
        show_identity=access.sees_identity(pengaduan, koordinator=koordinator),
        files=access.desk_files(current_user, pengaduan),
        clock=pengaduan.tenggat(local_date(utcnow()), portal_calendar()),
        may_verify=koordinator and pengaduan.status in AT_KOORDINATOR,
        may_plan=opd_desk and pengaduan.status == S.DIDISPOSISIKAN,
        may_answer=opd_desk and pengaduan.status in AT_OPD,
        may_summarise=pengaduan.identitas != Identitas.RAHASIA,
        verifikasi=verifikasi, tindak_lanjut=forms.get("tindak_lanjut") or TindakLanjutForm(),
        jawab=jawab, templates=templates, catatan=forms.get("catatan") or CatatanForm(),
        gabung=forms.get("gabung") or GabungForm(alasan=_(
            "Laporan Anda membahas hal yang sama dengan laporan lain yang sudah kami tangani. "
            "Perkembangan dan jawabannya tampil di halaman ini.")),
        merge_candidates=(queries.merge_candidates(current_user, pengaduan)
                          if mergeable else []),
        mergeable=mergeable,
        may_link=access.handles(current_user, pengaduan),
        klasifikasi=_classify_form(pengaduan, forms.get("klasifikasi")),
        kaitan=forms.get("kaitan") or KaitanPegawaiForm(),
        temuan=forms.get("temuan") or TemuanForm(formdata=None), temuan_boleh=TEMUAN_BOLEH,
        cari_pegawai=cari_pegawai,
        pegawai_found=queries.pegawai_to_link(pengaduan, cari_pegawai),
        ringkasan=forms.get("ringkasan") or RingkasanForm(
            ringkasan_publik=pengaduan.ringkasan_publik,
            disetujui=pengaduan.ringkasan_publik_disetujui))


@bp.get("/pengaduan/<int:pengaduan_id>")
@roles_required(*DESK_ROLES)
def detail(pengaduan_id: int):
    return _detail(access.load_visible(current_user, pengaduan_id))


@bp.get("/pengaduan/<int:pengaduan_id>/lampiran/<int:lampiran_id>")
@roles_required(*DESK_ROLES)
def attachment(pengaduan_id: int, lampiran_id: int):
    """An attachment, to the staff who may see the complaint: the koordinator of its pemda, the
    petugas of the OPD it was routed to."""
    pengaduan = access.load_visible(current_user, pengaduan_id)
    lampiran = access.load_attachment(pengaduan, lampiran_id)
    name = dict(access.desk_files(current_user, pengaduan))[lampiran]
    return uploads.send_stored(attachments.stored_path(lampiran.kunci_simpan),
                               lampiran.jenis_mime, name)


def _step(pengaduan: Pengaduan, form, form_name: str, action, *, message,
          field: str | None = None):
    """One desk step: ``action()`` calls a service; the page comes back with ``form`` (as
    ``form_name``) filled in and the reason next to its field on a refusal."""
    return handle_form(form, action, message=message,
                       redirect_to=url_for("desk.detail", pengaduan_id=pengaduan.id),
                       again=lambda: _detail(pengaduan, **{form_name: form}), field=field)


# --- the koordinator ---------------------------------------------------------------------------

@bp.post("/pengaduan/<int:pengaduan_id>/verifikasi")
@roles_required(Role.KOORDINATOR_PENGADUAN)
def verify(pengaduan_id: int):
    pengaduan = access.load_coordinated(current_user, pengaduan_id)
    form = VerifikasiForm()
    form.opd_id.choices = _opd_choices("", pengaduan)

    def decide() -> None:
        if form.tindakan.data == "teruskan":
            opd = db.session.get(Opd, form.opd_id.data) if form.opd_id.data else None
            handling.verify_and_route(current_user, pengaduan, opd,
                                      perlu_tinjauan_lapangan=form.perlu_tinjauan_lapangan.data,
                                      pesan=form.pesan.data, kategori=form.kategori.data or None)
        else:
            handling.refuse(current_user, pengaduan, S(form.tindakan.data), form.pesan.data)

    return _step(pengaduan, form, "verifikasi", decide,
                 message=_("Keputusan disimpan; pelapor dapat melihatnya."))


@bp.post("/pengaduan/<int:pengaduan_id>/gabung")
@roles_required(Role.KOORDINATOR_PENGADUAN)
def merge(pengaduan_id: int):
    pengaduan = access.load_coordinated(current_user, pengaduan_id)
    form = GabungForm()

    def merge_into() -> Pengaduan | None:
        # a candidate's button carries its code; otherwise the code typed in the field
        kode = normalise_code(request.form.get("kode_utama") or form.kode_manual.data or "")
        utama = services.find_by_code(kode) if kode else None
        handling.merge_into(current_user, pengaduan, utama, form.alasan.data)
        return utama

    return _step(pengaduan, form, "gabung", merge_into, field="kode_manual", message=lambda u: _(
        "Laporan digabung ke %(kode)s; pelapornya dapat mengikuti perkembangannya.",
        kode=u.kode_lacak))


# --- the OPD's petugas -------------------------------------------------------------------------

@bp.post("/pengaduan/<int:pengaduan_id>/klasifikasi")
@roles_required(Role.PETUGAS_PENGADUAN)
def classify(pengaduan_id: int):
    pengaduan = access.load_handled(current_user, pengaduan_id)
    form = _classify_form(pengaduan, KlasifikasiForm())
    return _step(pengaduan, form, "klasifikasi", lambda: handling.classify(
        current_user, pengaduan, db.session.get(UnitKerja, form.unit_id.data or 0),
        db.session.get(Layanan, form.layanan_id.data or 0), form.kategori.data or None),
        message=_("Klasifikasi laporan disimpan."))


@bp.post("/pengaduan/<int:pengaduan_id>/kaitkan-pegawai")
@roles_required(Role.PETUGAS_PENGADUAN)
def link_pegawai(pengaduan_id: int):
    pengaduan = access.load_handled(current_user, pengaduan_id)
    form = KaitanPegawaiForm()

    def link() -> Pegawai:
        # each search result's button carries the pegawai's id
        pegawai = db.session.get(Pegawai, request.form.get("pegawai_id", type=db_int) or 0)
        handling.link_pegawai(current_user, pengaduan, pegawai, form.catatan.data)
        return pegawai

    return _step(pengaduan, form, "kaitan", link, field="catatan",
                 message=lambda pegawai: _("Laporan dikaitkan dengan %(nama)s.",
                                           nama=pegawai.nama))


@bp.post("/pengaduan/<int:pengaduan_id>/kaitan/<int:kaitan_id>/temuan")
@roles_required(Role.PETUGAS_PENGADUAN)
def record_finding(pengaduan_id: int, kaitan_id: int):
    pengaduan = access.load_handled(current_user, pengaduan_id)
    kaitan = load_or_404(KaitanPegawai, kaitan_id)
    if kaitan.pengaduan_id != pengaduan.id:
        abort(404)
    form = TemuanForm()
    return _step(pengaduan, form, "temuan", lambda: handling.record_finding(
        current_user, kaitan, form.temuan.data), message=_("Temuan atas %(nama)s disimpan.",
                                                          nama=kaitan.pegawai.nama))


@bp.post("/pengaduan/<int:pengaduan_id>/kaitan/<int:kaitan_id>/lepas")
@roles_required(Role.PETUGAS_PENGADUAN)
def unlink_pegawai(pengaduan_id: int, kaitan_id: int):
    pengaduan = access.load_handled(current_user, pengaduan_id)
    kaitan = load_or_404(KaitanPegawai, kaitan_id)
    if kaitan.pengaduan_id != pengaduan.id:
        abort(404)
    handling.unlink_pegawai(current_user, kaitan)
    db.session.commit()
    flash(_("Kaitan dengan pegawai dilepas."), "sukses")
    return redirect(url_for("desk.detail", pengaduan_id=pengaduan.id), code=303)


@bp.post("/pengaduan/<int:pengaduan_id>/tindak-lanjut")
@roles_required(Role.PETUGAS_PENGADUAN)
def follow_up(pengaduan_id: int):
    pengaduan, form = access.load_visible(current_user, pengaduan_id), TindakLanjutForm()
    return _step(pengaduan, form, "tindak_lanjut",
                 lambda: handling.plan_follow_up(current_user, pengaduan, form.rencana.data),
                 message=_("Rencana tindak lanjut disimpan."))


@bp.post("/pengaduan/<int:pengaduan_id>/jawab")
@roles_required(Role.PETUGAS_PENGADUAN)
def reply(pengaduan_id: int):
    pengaduan, form = access.load_visible(current_user, pengaduan_id), JawabForm()
    return _step(pengaduan, form, "jawab",
                 lambda: handling.answer(current_user, pengaduan, form.jawaban.data),
                 message=_("Jawaban terkirim; pelapor dapat menerima atau menyanggahnya."))


# --- either desk -------------------------------------------------------------------------------

@bp.post("/pengaduan/<int:pengaduan_id>/ringkasan")
@roles_required(*DESK_ROLES)
def public_summary(pengaduan_id: int):
    pengaduan, form = access.load_visible(current_user, pengaduan_id), RingkasanForm()
    return _step(pengaduan, form, "ringkasan", lambda: handling.set_public_summary(
        current_user, pengaduan, form.ringkasan_publik.data, form.disetujui.data),
        message=_("Ringkasan publik disimpan."))


@bp.post("/pengaduan/<int:pengaduan_id>/catatan")
@roles_required(*DESK_ROLES)
def note(pengaduan_id: int):
    pengaduan, form = access.load_visible(current_user, pengaduan_id), CatatanForm()
    return _step(pengaduan, form, "catatan",
                 lambda: handling.add_note(current_user, pengaduan, form.isi.data),
                 message=_("Catatan internal disimpan."))


@bp.route("/templat", methods=["GET", "POST"])
@roles_required(Role.PETUGAS_PENGADUAN)
def answer_templates():
    """Reusable answers of the user's OPD, for questions that come often."""
    opd_id = min(current_user.opd_ids_for(Role.PETUGAS_PENGADUAN))
    form = TemplatForm()
    return handle_form(
        form, lambda: handling.add_answer_template(current_user, opd_id, form.judul.data,
                                                   form.isi.data),
        message=_("Templat jawaban disimpan."), redirect_to=url_for("desk.answer_templates"),
        again=lambda: render_page("complaints/desk_templates.html", form=form,
                                  templates=queries.answer_templates(opd_id),
                                  opd=db.session.get(Opd, opd_id)))
