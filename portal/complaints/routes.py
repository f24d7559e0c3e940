"""The public complaint desk: file at /pengaduan/baru, the public list, and the tracking page at
/pengaduan/<kode>, where the reporter adds information, accepts the answer (with a rating) or
disputes it, which reopens the complaint. The tracking code is the reporter's only key."""

from __future__ import annotations

import time
import uuid

from flask import abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.exc import IntegrityError

from portal.complaints import access, attachments, handling, queries, services
from portal.complaints.attachments import SavedFile
from portal.complaints.blueprint import bp
from portal.complaints.forms import (
    KeteranganForm,
    LacakForm,
    PengaduanForm,
    SanggahForm,
    TerimaForm,
)
from portal.complaints.models import FINAL, JENIS_LAPORAN_LABEL, STATUS_LABEL, Pengaduan
from portal.complaints.models import StatusPengaduan as S
from portal.complaints.tracking import normalise_code
from portal.core import uploads
from portal.core.forms import handle_form, page_number, show_domain_error
from portal.core.models import DomainError
from portal.core.rendering import render_macro, render_page
from portal.core.routing import db_int
from portal.extensions import db, limiter
from portal.org import queries as org_queries
from portal.org.forms import fill_opd_layanan

FORM_TOKEN_MAX_AGE = 24 * 3600


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="formulir-pengaduan")


def _new_form_token() -> str:
    return _serializer().dumps({"k": uuid.uuid4().hex, "t": time.time()})


def _read_form_token(token: str | None) -> dict | None:
    try:
        return _serializer().loads(token or "", max_age=FORM_TOKEN_MAX_AGE)
    except BadSignature:
        return None


def _fill_choices(form: PengaduanForm) -> None:
    fill_opd_layanan(form.opd_id, form.layanan_id,
                     opd_none=(_("Belum tahu"), _("Tidak tahu — petugas yang meneruskan")),
                     layanan_none=_("— Tidak memilih layanan —"))
    form.wilayah_id.choices = {_("Belum memilih"): [(0, _("— Pilih wilayah —"))],
                               **queries.wilayah_choices()}
    form.lampiran.description = _(
        "Paling banyak %(n)s berkas JPEG, PNG, atau PDF, masing-masing paling besar %(mb)s MB. "
        "Data lokasi (GPS) dan data kamera pada foto dihapus otomatis; isi PDF tidak diubah.",
        n=current_app.config["PORTAL_COMPLAINT_MAX_FILES"],
        mb=current_app.config["PORTAL_COMPLAINT_MAX_FILE_MB"])


def _data(form: PengaduanForm) -> services.LaporanData:
    return services.LaporanData(
        jenis=form.jenis.data, judul=form.judul.data, isi=form.isi.data,
        opd_id=form.opd_id.data, layanan_id=form.layanan_id.data,
        tanggal_kejadian=form.tanggal_kejadian.data, wilayah_id=form.wilayah_id.data,
        lokasi=form.lokasi.data, identitas=form.identitas.data, nama=form.nama.data,
        telepon=form.telepon.data, email=form.email.data)


def _spam_reason(form: PengaduanForm, token: dict | None) -> str | None:
    if token is None:
        form.form_token.data = _new_form_token()
        return _("Formulir ini sudah terlalu lama terbuka atau rusak. Isian Anda masih ada: "
                 "periksa, lalu kirim sekali lagi.")
    if form.website.data:
        return _("Pengiriman ditolak karena terdeteksi sebagai kiriman otomatis.")
    if time.time() - token["t"] < current_app.config["PORTAL_COMPLAINT_MIN_SECONDS"]:
        return _("Formulir terkirim terlalu cepat. Periksa isian Anda, lalu kirim sekali lagi.")
    return None


def _take_attachments(form: PengaduanForm) -> tuple[list[SavedFile], list[str]]:
    """On a send: the files accepted so far (staged) and the refusals of this send's uploads."""
    if request.method != "POST":
        return [], []
    return attachments.update_staged(form.lampiran_token.data,
                                     request.form.getlist("hapus_lampiran"),
                                     form.lampiran.data or [])


def _file(form: PengaduanForm, key: str, staged: list[SavedFile]) -> tuple[Pengaduan, bool]:
    """File the complaint with its attachments in one commit. Files written for a transaction
    that fails are removed again; the staged copies go only once it is committed (a refusal
    shows the form again, with them)."""
    existing = services.find_by_idempotency_key(key)
    if existing is not None:  # a double click: the first send already used the staged files
        attachments.discard_staged(staged)
        return existing, False
    stored: list[SavedFile] = []
    try:
        stored = attachments.store_files(staged)
        pengaduan, created = services.file_pengaduan(_data(form), key, lampiran=stored)
        db.session.commit()
    except DomainError:
        db.session.rollback()
        attachments.remove_stored(f.path for f in stored)
        raise
    except BaseException:
        db.session.rollback()
        attachments.remove_stored([f.path for f in stored] + [f.path for f in staged if f.fresh])
        raise
    if not created:
        attachments.remove_stored(f.path for f in stored)
    attachments.discard_staged(staged)
    return pengaduan, created


def _show_form(form: PengaduanForm, staged: list[SavedFile], problems: list[str]):
    form.lampiran.errors = [*form.lampiran.errors, *problems]
    form.lampiran_token.data = attachments.staged_token(staged)
    if not form.form_token.data:
        form.form_token.data = _new_form_token()
    return render_page("complaints/new.html", form=form, lampiran_staged=staged)


@bp.route("/baru", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PORTAL_COMPLAINT_LIMIT"], methods=["POST"],
               scope="pengaduan-baru")
def new():
    form = PengaduanForm()
    _fill_choices(form)
    staged, problems = _take_attachments(form)
    if request.form.get("muat_layanan"):  # without JavaScript: refresh the list of services
        form.form_errors.clear()
        return _show_form(form, staged, problems)
    if form.validate_on_submit() and not problems:
        token = _read_form_token(form.form_token.data)
        reason = _spam_reason(form, token)
        if reason:
            form.form_errors.append(reason)
        else:
            try:
                pengaduan, created = _file(form, token["k"], staged)
            except DomainError as error:
                show_domain_error(form, error)
            except IntegrityError:  # the same form sent twice at the same moment
                pengaduan = services.find_by_idempotency_key(token["k"])
                if pengaduan is None:
                    raise
                created = False
            else:
                if not created:
                    flash(_("Laporan ini sudah terkirim sebelumnya; inilah tanda terimanya."),
                          "info")
            if not form.errors and not form.form_errors:
                return redirect(url_for("complaints.track", kode=pengaduan.kode_lacak,
                                        baru=1), code=303)
    return _show_form(form, staged, problems)


@bp.get("/baru/layanan")
def layanan_options():
    """The service list of the chosen OPD, for htmx; without JavaScript the form's own
    "Tampilkan layanan" button does the same."""
    form = PengaduanForm(formdata=request.args, meta={"csrf": False})
    _fill_choices(form)
    return render_macro("_macros/opd_layanan.html", "layanan_select", form.layanan_id)


@bp.get("")
def public_list():
    """Every complaint that is not rahasia, without names, contacts or tracking codes."""
    opd_id = request.args.get("opd", type=db_int)
    status = request.args.get("status", "") if request.args.get("status") in {
        s.value for s in STATUS_LABEL} else ""
    jenis = request.args.get("jenis", "") if request.args.get("jenis") in {
        j.value for j in JENIS_LAPORAN_LABEL} else ""
    page = db.paginate(queries.public_list(opd_id=opd_id, status=status, jenis=jenis),
                       page=page_number(request.args.get("page")),
                       per_page=current_app.config["PORTAL_PAGE_SIZE"], error_out=False)
    return render_page("complaints/list.html", fragments={"daftar-pengaduan": "results"},
                       page=page, opd_id=opd_id, status=status, jenis=jenis,
                       opd_groups=org_queries.opd_choices(), status_labels=STATUS_LABEL,
                       jenis_labels=JENIS_LAPORAN_LABEL, kabupaten_kota=queries.kabupaten_kota)


@bp.get("/lacak")
@limiter.limit(lambda: current_app.config["PORTAL_TRACKING_LIMIT"], scope="pengaduan-lacak")
def lookup():
    form = LacakForm(request.args)
    if request.args and form.validate():
        code = normalise_code(form.kode.data)
        if code is None:
            form.kode.errors = [*form.kode.errors, _(
                "Kode lacak terdiri dari 15 huruf dan angka, misalnya K7QM2-9XH4T-PZ3WA.")]
        else:
            return redirect(url_for("complaints.track", kode=code))
    return render_page("complaints/lookup.html", form=form)


@bp.get("/<kode>")
@limiter.limit(lambda: current_app.config["PORTAL_TRACKING_LIMIT"], scope="pengaduan-lacak")
def track(kode: str):
    code = normalise_code(kode)
    pengaduan = services.find_by_code(code) if code else None
    if pengaduan is None:
        return render_page("complaints/not_found.html", form=LacakForm(data={"kode": kode}),
                           http_status=404)
    if code != kode:
        return redirect(url_for("complaints.track", kode=code))
    return render_tracking(pengaduan, baru=request.args.get("baru") == "1")


def render_tracking(pengaduan: Pengaduan, *, baru: bool = False, **forms):
    """The tracking page; ``forms`` carries a follow-up form coming back with its errors."""
    context = {"KeteranganForm": KeteranganForm(), "SanggahForm": SanggahForm(),
               "TerimaForm": TerimaForm(), **forms}
    response = render_page("complaints/track.html", pengaduan=pengaduan, baru=baru,
                           may_respond=pengaduan.status == S.SELESAI,
                           may_add_information=pengaduan.status not in FINAL,
                           autoclose_days=current_app.config["PORTAL_COMPLAINT_AUTOCLOSE_DAYS"],
                           **context)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


# --- the reporter's follow-up ---------------------------------------------------------------------

def _load(kode: str) -> Pengaduan:
    code = normalise_code(kode)
    pengaduan = services.find_by_code(code) if code else None
    if pengaduan is None:
        abort(404)
    return pengaduan


def _follow_up(kode: str, form, action, message: str):
    pengaduan = _load(kode)
    tracking = url_for("complaints.track", kode=pengaduan.kode_lacak)

    def stale(error: DomainError):
        if error.field is None:  # the complaint is not in a state for this (a stale page)
            flash(error.message, "galat")
            return redirect(tracking, code=303)
        return None

    return handle_form(form, lambda: action(pengaduan, form), message=message,
                       redirect_to=tracking, refused=stale,
                       again=lambda: render_tracking(pengaduan,
                                                     **{form.__class__.__name__: form}))


_limit = limiter.limit(lambda: current_app.config["PORTAL_TRACKING_LIMIT"],
                       scope="pengaduan-lacak")


@bp.get("/<kode>/lampiran/<int:lampiran_id>")
@limiter.limit(lambda: current_app.config["PORTAL_TRACKING_LIMIT"], scope="pengaduan-lacak")
def attachment(kode: str, lampiran_id: int):
    """An attachment, to the reporter holding the tracking code (never from a public URL)."""
    pengaduan = _load(kode)
    lampiran = access.load_attachment(pengaduan, lampiran_id)
    response = uploads.send_stored(attachments.stored_path(lampiran.kunci_simpan),
                                   lampiran.jenis_mime, lampiran.nama_asli)
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.post("/<kode>/keterangan")
@_limit
def add_information(kode: str):
    return _follow_up(kode, KeteranganForm(),
                      lambda p, f: handling.add_information(p, f.keterangan.data),
                      _("Keterangan Anda sudah ditambahkan."))


@bp.post("/<kode>/terima")
@_limit
def accept(kode: str):
    return _follow_up(kode, TerimaForm(), lambda p, f: handling.accept(p, f.penilaian.data),
                      _("Terima kasih. Laporan ditutup dengan penilaian Anda."))


@bp.post("/<kode>/sanggah")
@_limit
def dispute(kode: str):
    return _follow_up(kode, SanggahForm(), lambda p, f: handling.dispute(p, f.alasan.data),
                      _("Sanggahan Anda terkirim; laporan dibuka kembali untuk OPD."))
