"""The pegawai's periodic self-assessment: start it against the set SKP, realisasi and a short
self-assessment saved as drafts (automatically with htmx, or by any button of the form), bukti
dukung files and links, submit; the evidence download and the printable "Dokumen Evaluasi
Kinerja Pegawai"."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.appraisals import access, queries
from portal.appraisals.blueprint import bp
from portal.appraisals.evaluasi import bukti as evidence
from portal.appraisals.evaluasi import perubahan as evaluasi_perubahan
from portal.appraisals.evaluasi import queries as evaluasi_queries
from portal.appraisals.evaluasi import services as evaluasi_services
from portal.appraisals.evaluasi.forms import evaluasi_form_class
from portal.appraisals.evaluasi.models import BuktiDukung, Evaluasi, JenisBukti
from portal.appraisals.forms import revisi_of
from portal.appraisals.keberatan import queries as keberatan_queries
from portal.appraisals.periode.models import Periode
from portal.appraisals.revisi import StaleForm
from portal.appraisals.umpan_balik import queries as umpan_balik_queries
from portal.appraisals.views import start_own, status_for
from portal.core import uploads
from portal.core.authz import load_or_404
from portal.core.forms import show_domain_error
from portal.core.models import DomainError
from portal.core.rendering import render_page
from portal.extensions import db


def _load_evaluasi(evaluasi_id: int) -> Evaluasi:
    evaluasi = evaluasi_queries.evaluasi_with_everything(evaluasi_id)
    if evaluasi is None:
        abort(404)
    access.require_view(evaluasi.pegawai)
    return evaluasi


@bp.post("/periode/<int:periode_id>/evaluasi")
@login_required
def evaluasi_start(periode_id: int):
    periode = load_or_404(Periode, periode_id)
    return start_own(lambda pegawai: evaluasi_services.start_evaluasi(current_user, pegawai, periode),
                     "appraisals.evaluasi_detail", "evaluasi_id")


def _evaluasi_form(ev: Evaluasi, formdata=None):
    ids = [line.indikator_id for line in ev.realisasi]
    cls = evaluasi_form_class(ids)
    if formdata is not None:
        form = cls()
    else:
        form = cls(formdata=None, revisi=ev.revisi, penilaian_diri=ev.penilaian_diri,
                   **{f"realisasi_{line.indikator_id}": line.realisasi for line in ev.realisasi})
    for line in ev.realisasi:  # one label per field, naming its indicator
        form[f"realisasi_{line.indikator_id}"].label.text = _(
            "Realisasi: %(indikator)s", indikator=line.indikator.uraian)
    # grouped by RHK: two RHK may well have an indicator of the same name
    choices: dict[str, list[tuple[int, str]]] = {
        _("Umum"): [(0, _("— Umum (semua indikator) —"))]}
    for line in ev.realisasi:
        rhk = _("RHK: %(rhk)s", rhk=line.indikator.rhk.uraian)
        choices.setdefault(rhk, []).append((line.indikator_id, line.indikator.uraian))
    form.bukti_indikator_id.choices = choices
    return form


def _evaluasi_page(ev: Evaluasi, form=None, http_status: int = 200):
    is_owner = access.is_self(current_user, ev.pegawai)
    return render_page(
        "appraisals/evaluasi.html", http_status=status_for(http_status), evaluasi=ev,
        form=form or _evaluasi_form(ev),
        can_edit=is_owner and ev.editable and not ev.periode.ditutup, is_owner=is_owner,
        is_penilai=access.is_penilai(current_user, ev.pegawai),
        umpan_balik_keberatan=umpan_balik_queries.umpan_balik_dan_keberatan(current_user, ev),
        trail=queries.audit_trail([ev]), changes=evaluasi_perubahan.changes_since_return(ev),
        feedback_rhk={u.rhk_id: u.isi for u in ev.umpan_balik_rhk},
        feedback_perilaku={u.nilai: u.isi for u in ev.umpan_balik_perilaku},
        ekspektasi={e.nilai: e.ekspektasi_khusus for e in ev.skp.ekspektasi},
        problems=evaluasi_services.submission_problems(ev) if ev.editable else [])


@bp.get("/evaluasi/<int:evaluasi_id>")
@login_required
def evaluasi_detail(evaluasi_id: int):
    return _evaluasi_page(_load_evaluasi(evaluasi_id))


def _save_typed(ev: Evaluasi, form) -> None:
    evaluasi_services.save_draft(
        current_user, ev, revisi=revisi_of(form), penilaian_diri=form.penilaian_diri.data,
        realisasi={line.indikator_id: form[f"realisasi_{line.indikator_id}"].data
                   for line in ev.realisasi})


@bp.post("/evaluasi/<int:evaluasi_id>")
@login_required
def evaluasi_save(evaluasi_id: int):
    """The one form of the self-assessment: "Simpan draf", "Tambahkan bukti" and "Ajukan" all
    save what was typed first, so nothing is lost whichever button was pressed."""
    ev = _load_evaluasi(evaluasi_id)
    access.require_self(ev.pegawai)
    form = _evaluasi_form(ev, request.form)
    aksi = request.form.get("aksi", "draf")
    if not form.validate_on_submit():
        return _evaluasi_page(ev, form, http_status=422)
    stored = removed = None
    try:
        _save_typed(ev, form)
        if aksi == "bukti":
            stored = _add_evidence(ev, form)
        elif aksi == "ajukan":
            evaluasi_services.submit_evaluasi(current_user, ev, revisi=ev.revisi)
        elif aksi.startswith("hapus:"):
            removed = _remove_evidence(ev, aksi.removeprefix("hapus:"))
    except DomainError as error:
        db.session.rollback()
        if stored is not None:
            evidence.remove(stored)
        show_domain_error(form, error)
        return _evaluasi_page(ev, form, http_status=409 if isinstance(error, StaleForm) else 422)
    try:
        db.session.commit()
    except Exception:
        if stored is not None:
            evidence.remove(stored)
        raise
    evidence.remove(removed)
    messages = {"bukti": _("Bukti dukung ditambahkan; draf disimpan."),
                "ajukan": _("Evaluasi diajukan kepada pejabat penilai.")}
    flash(messages.get(aksi) or (_("Bukti dukung dihapus; draf disimpan.")
                                 if aksi.startswith("hapus:") else _("Draf disimpan.")), "sukses")
    return redirect(url_for("appraisals.evaluasi_detail", evaluasi_id=ev.id), code=303)


def _add_evidence(ev: Evaluasi, form) -> str | None:
    """A file or a link from the form; returns the stored file's key (to undo on failure)."""
    upload = form.berkas.data
    if upload and getattr(upload, "filename", ""):
        stored = evidence.store(upload)
        try:
            evaluasi_services.add_bukti_berkas(current_user, ev, stored, form.bukti_indikator_id.data)
        except DomainError:
            evidence.remove(stored.kunci_simpan)
            raise
        return stored.kunci_simpan
    if form.tautan.data:
        evaluasi_services.add_bukti_tautan(current_user, ev, form.tautan.data, form.nama_tautan.data,
                                    form.bukti_indikator_id.data)
        return None
    raise DomainError(_("Pilih berkas atau isi tautan bukti dukung."), "berkas")


def _remove_evidence(ev: Evaluasi, raw_id: str) -> str | None:
    bukti = next((b for b in ev.bukti if str(b.id) == raw_id), None)
    if bukti is None:
        raise DomainError(_("Bukti dukung itu sudah tidak ada."))
    return evaluasi_services.remove_bukti(current_user, bukti)


@bp.post("/evaluasi/<int:evaluasi_id>/autosave")
@login_required
def evaluasi_autosave(evaluasi_id: int):
    """htmx saves the draft a moment after each change; answers a small status line (and the
    new revision number, swapped out of band into the form). Cheap on purpose (issue 13): the
    evaluation is read without what only the page shows, and the answer is drawn from values
    taken before the commit, so nothing is read again after it."""
    ev = evaluasi_queries.evaluasi_for_saving(evaluasi_id)
    if ev is None:
        abort(404)
    access.require_self(ev.pegawai)
    form = evaluasi_form_class([line.indikator_id for line in ev.realisasi])()
    error = None
    if not form.validate_on_submit():
        error = _("Draf belum tersimpan: periksa isian yang terlalu panjang.")
    else:
        try:
            _save_typed(ev, form)
        except DomainError as refused:
            db.session.rollback()
            error = refused.message
    revisi, saved_at = (None, None) if error else (ev.revisi, ev.updated_at)
    if error is None:
        db.session.commit()
    return render_page("appraisals/_autosave.html", revisi=revisi, saved_at=saved_at,
                       error=error, http_status=200)


@bp.get("/bukti/<int:bukti_id>")
@login_required
def bukti_download(bukti_id: int):
    """A stored file, to the pegawai, their pejabat penilai and their OPD's admin only."""
    bukti = load_or_404(BuktiDukung, bukti_id)
    access.require_view(bukti.evaluasi.pegawai)
    if bukti.jenis != JenisBukti.BERKAS:
        return redirect(bukti.tautan)
    return uploads.send_stored(evidence.stored_path(bukti.kunci_simpan), bukti.jenis_mime,
                               bukti.nama)


@bp.get("/evaluasi/<int:evaluasi_id>/dokumen")
@login_required
def evaluasi_document(evaluasi_id: int):
    """The printable "Dokumen Evaluasi Kinerja Pegawai" of one pegawai and period."""
    ev = _load_evaluasi(evaluasi_id)
    return render_page(
        "appraisals/dokumen.html", evaluasi=ev, keberatan=keberatan_queries.of_evaluasi(ev),
        feedback_rhk={u.rhk_id: u.isi for u in ev.umpan_balik_rhk},
        feedback_perilaku={u.nilai: u.isi for u in ev.umpan_balik_perilaku},
        ekspektasi={e.nilai: e.ekspektasi_khusus for e in ev.skp.ekspektasi},
        trail=queries.audit_trail([ev]))
