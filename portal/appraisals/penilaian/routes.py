"""The pejabat penilai's review desk: the queue of the direct subordinates' SKPs and evaluations
(filters unit / status / period with counts), an item opening beside the queue (htmx swaps the
panel; without JavaScript it is a page of its own with the queue beside it), and approve / return.
After a decision the next waiting item opens in the same place, so a queue of sixty is cleared
without a full page load."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.appraisals import access, queries
from portal.appraisals.blueprint import bp
from portal.appraisals.evaluasi import perubahan as evaluasi_perubahan
from portal.appraisals.evaluasi import queries as evaluasi_queries
from portal.appraisals.evaluasi.models import Evaluasi
from portal.appraisals.forms import ActionForm, revisi_of
from portal.appraisals.penilaian import queries as penilaian_queries
from portal.appraisals.penilaian import services as penilaian_services
from portal.appraisals.penilaian.forms import review_form_class
from portal.appraisals.penilaian.queries import QueueFilter
from portal.appraisals.periode import queries as periode_queries
from portal.appraisals.predikat import predikat_for
from portal.appraisals.revisi import StaleForm
from portal.appraisals.settings import setting
from portal.appraisals.signals import panel_evaluasi
from portal.appraisals.skp import perubahan as skp_perubahan
from portal.appraisals.skp import queries as skp_queries
from portal.appraisals.skp import services as skp_services
from portal.appraisals.skp.forms import alasan_form_class
from portal.appraisals.skp.models import Skp
from portal.appraisals.umpan_balik import queries as umpan_balik_queries
from portal.appraisals.views import status_for
from portal.complaints.queries import complaints_about
from portal.core.authz import load_or_404, require
from portal.core.forms import page_number, show_domain_error
from portal.core.models import DomainError
from portal.core.rendering import render_page
from portal.core.signals import panels
from portal.extensions import db, htmx

FRAGMENTS = {"meja": "meja", "antrean": "antrean", "panel": "panel", "predikat": "predikat"}


def _penilai_id() -> int:
    require(current_user.pegawai_id is not None)
    return current_user.pegawai_id


def _queue_context(f: QueueFilter) -> dict:
    penilai_id = _penilai_id()
    size = int(setting("PORTAL_REVIEW_PAGE_SIZE"))
    page = page_number(request.args.get("page"))
    items = penilaian_queries.review_queue(penilai_id, f, limit=size, offset=(page - 1) * size)
    counts = penilaian_queries.queue_counts(penilai_id, f)
    total = counts["status"].get(f.status, 0)
    return {
        "filter": f, "items": items, "total": total, "page": page,
        "pages": max(1, -(-total // size)), "counts": counts,
        "units": penilaian_queries.subordinate_units(penilai_id),
        "periods": periode_queries.periods_of_pemda(current_user.pegawai.opd.pemda_id),
        "statuses": penilaian_queries.QUEUE_STATUSES,
    }


def _item_url(kind: str, item_id: int, f: QueueFilter) -> str:
    if kind == "skp":
        return url_for("appraisals.review_skp", skp_id=item_id, **f.args())
    return url_for("appraisals.review_evaluasi", evaluasi_id=item_id, **f.args())


def _page(f: QueueFilter, *, item=None, http_status: int = 200, notice: str | None = None,
          **panel):
    # an item opening beside the queue needs only its panel, not the queue again
    panel_only = bool(htmx) and htmx.target in ("panel", "predikat") and not htmx.boosted
    context = {"filter": f} if panel_only else _queue_context(f)
    key = _key(item)
    context.update(item=item, item_kind=key.split("-")[0] if key else None, notice=notice,
                   current_key=key, item_url=lambda i: _item_url(i.kind, i.id, f))
    if isinstance(item, Skp):
        context.update(_skp_panel(item, **panel))
    elif isinstance(item, Evaluasi):
        context.update(_evaluasi_panel(item, **panel))
    return render_page("appraisals/review.html", fragments=FRAGMENTS,
                       http_status=status_for(http_status), **context)


def _key(item) -> str | None:
    if item is None:
        return None
    return f"{'skp' if isinstance(item, Skp) else 'evaluasi'}-{item.id}"


@bp.get("/penilaian")
@login_required
def review_queue():
    _penilai_id()
    return _page(QueueFilter.from_args(request.args))


# --- SKP -----------------------------------------------------------------------------------------

def _load_skp_for_review(skp_id: int) -> Skp:
    skp = load_or_404(Skp, skp_id)
    access.require_penilai(skp.pegawai)
    return skp


def _return_form(skp: Skp, formdata=None):
    cls = alasan_form_class([rhk.id for rhk in skp.rhk])
    form = cls() if formdata is not None else cls(formdata=None, revisi=skp.revisi)
    for rhk in skp.rhk:  # one label per field, naming its row
        form[f"catatan_rhk_{rhk.id}"].label.text = _("Yang perlu diperbaiki: %(rhk)s",
                                                      rhk=rhk.uraian)
    return form


def _skp_panel(skp: Skp, setuju=None, kembali=None) -> dict:
    return {
        "skp": skp,
        "setuju": setuju or ActionForm(formdata=None, revisi=skp.revisi),
        "kembali": kembali or _return_form(skp),
        "skp_changes": skp_perubahan.skp_changes_since_return(skp),
        "versi_changes": skp_perubahan.skp_changes_from_previous(skp),
        "trail": queries.audit_trail(skp_queries.skp_versions(skp.pegawai_id, skp.tahun_kinerja_id)),
    }


@bp.get("/penilaian/skp/<int:skp_id>")
@login_required
def review_skp(skp_id: int):
    return _page(QueueFilter.from_args(request.args), item=_load_skp_for_review(skp_id))


@bp.post("/penilaian/skp/<int:skp_id>")
@login_required
def review_skp_decide(skp_id: int):
    skp = _load_skp_for_review(skp_id)
    f = QueueFilter.from_args(request.args)
    aksi = request.form.get("aksi")
    form = _return_form(skp, request.form) if aksi == "kembalikan" else ActionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        if aksi == "kembalikan":
            skp_services.return_skp(current_user, skp, revisi=revisi_of(form), alasan=form.alasan.data,
                                catatan_rhk={rhk.id: form[f"catatan_rhk_{rhk.id}"].data
                                             for rhk in skp.rhk})
            message = _("SKP %(nama)s dikembalikan.", nama=skp.pegawai.nama)
        elif aksi == "tetapkan":
            skp_services.approve_skp(current_user, skp, revisi=revisi_of(form))
            message = _("SKP %(nama)s ditetapkan.", nama=skp.pegawai.nama)
        else:
            abort(400)
    except DomainError as error:
        db.session.rollback()
        show_domain_error(form, error)
        panel = {"kembali": form} if aksi == "kembalikan" else {"setuju": form}
        return _page(f, item=skp, http_status=409 if isinstance(error, StaleForm) else 422,
                     **panel)
    db.session.commit()
    return _next(f, message)


# --- evaluations ---------------------------------------------------------------------------------

def _load_evaluasi_for_review(evaluasi_id: int) -> Evaluasi:
    ev = evaluasi_queries.evaluasi_with_everything(evaluasi_id)
    if ev is None:
        abort(404)
    access.require_penilai(ev.pegawai)
    return ev


def _review_form(ev: Evaluasi, formdata=None):
    cls = review_form_class([r.id for r in ev.skp.rhk],
                            [line.indikator_id for line in ev.realisasi])
    if formdata is not None:
        return cls()
    values = {f"umpan_balik_rhk_{u.rhk_id}": u.isi for u in ev.umpan_balik_rhk}
    values.update({f"umpan_balik_{u.nilai.value}": u.isi for u in ev.umpan_balik_perilaku})
    values.update({f"catatan_{line.indikator_id}": line.catatan_perbaikan or ""
                   for line in ev.realisasi})
    return cls(formdata=None, revisi=ev.revisi, catatan=ev.catatan_dikembalikan or "",
               rating_hasil=ev.rating_hasil.value if ev.rating_hasil else None,
               rating_perilaku=ev.rating_perilaku.value if ev.rating_perilaku else None,
               **values)


def _evaluasi_panel(ev: Evaluasi, form=None) -> dict:
    form = form or _review_form(ev)
    return {
        "evaluasi": ev, "form": form,
        "predikat": _safe_predikat(form.rating_hasil.data, form.rating_perilaku.data),
        "changes": evaluasi_perubahan.changes_since_return(ev),
        "ekspektasi": {e.nilai: e.ekspektasi_khusus for e in ev.skp.ekspektasi},
        "trail": queries.audit_trail([ev]),
        "umpan_balik_keberatan": umpan_balik_queries.umpan_balik_dan_keberatan(current_user, ev),
        # the staff links the complaint desks made for this period (never public)
        "pengaduan_terkait": complaints_about(ev.pegawai_id, ev.periode.mulai, ev.periode.selesai),
        # what other rooms add (pembinaan: the pegawai's coaching plans)
        "panel_tambahan": panels(panel_evaluasi, ev, viewer=current_user),
    }


def _safe_predikat(hasil, perilaku):
    try:
        return predikat_for(hasil, perilaku)
    except ValueError:
        return None


@bp.get("/penilaian/evaluasi/<int:evaluasi_id>")
@login_required
def review_evaluasi(evaluasi_id: int):
    return _page(QueueFilter.from_args(request.args),
                 item=_load_evaluasi_for_review(evaluasi_id))


def _review_input(ev: Evaluasi, form) -> penilaian_services.Review:
    return penilaian_services.Review(
        rating_hasil=form.rating_hasil.data, rating_perilaku=form.rating_perilaku.data,
        umpan_balik_rhk={r.id: form[f"umpan_balik_rhk_{r.id}"].data for r in ev.skp.rhk},
        umpan_balik_perilaku={e.nilai.value: form[f"umpan_balik_{e.nilai.value}"].data
                              for e in ev.skp.ekspektasi},
        catatan_item={line.indikator_id: form[f"catatan_{line.indikator_id}"].data
                      for line in ev.realisasi},
        catatan=form.catatan.data)


@bp.post("/penilaian/evaluasi/<int:evaluasi_id>")
@login_required
def review_evaluasi_decide(evaluasi_id: int):
    ev = _load_evaluasi_for_review(evaluasi_id)
    f = QueueFilter.from_args(request.args)
    form = _review_form(ev, request.form)
    aksi = request.form.get("aksi")
    if not form.validate_on_submit() or aksi == "hitung":
        # "Tampilkan predikat" without JavaScript: the form comes back with the predikat shown
        return _page(f, item=ev, form=form,
                     http_status=200 if aksi == "hitung" and not form.errors else 422)
    try:
        if aksi == "setujui":
            penilaian_services.approve_evaluasi(current_user, ev, _review_input(ev, form),
                                        revisi=revisi_of(form))
            message = _("Evaluasi %(nama)s disetujui: %(predikat)s.", nama=ev.pegawai.nama,
                        predikat=ev.predikat_label)
        elif aksi == "kembalikan":
            penilaian_services.return_evaluasi(current_user, ev, _review_input(ev, form),
                                       revisi=revisi_of(form))
            message = _("Evaluasi %(nama)s dikembalikan.", nama=ev.pegawai.nama)
        else:
            abort(400)
    except DomainError as error:
        db.session.rollback()
        show_domain_error(form, error)
        return _page(f, item=ev, form=form,
                     http_status=409 if isinstance(error, StaleForm) else 422)
    db.session.commit()
    return _next(f, message)


@bp.post("/penilaian/evaluasi/<int:evaluasi_id>/predikat")
@login_required
def review_predikat(evaluasi_id: int):
    """The predikat for the ratings chosen so far; nothing is saved."""
    ev = _load_evaluasi_for_review(evaluasi_id)
    form = _review_form(ev, request.form)
    form.validate()
    return render_page("appraisals/_predikat.html", evaluasi=ev,
                       predikat=_safe_predikat(form.rating_hasil.data, form.rating_perilaku.data))


def _next(f: QueueFilter, message: str):
    """After a decision: the next waiting item opens (in place for htmx, by redirect without)."""
    items = penilaian_queries.review_queue(_penilai_id(), f, limit=1)
    nxt = items[0] if items else None
    url = _item_url(nxt.kind, nxt.id, f) if nxt else url_for("appraisals.review_queue",
                                                               **f.args())
    if htmx and htmx.target in ("panel", "meja"):
        item = None
        if nxt is not None:
            item = (db.session.get(Skp, nxt.id) if nxt.kind == "skp"
                    else evaluasi_queries.evaluasi_with_everything(nxt.id))
        response = _page(f, item=item, notice=message)
        response.headers["HX-Push-Url"] = url
        response.headers["HX-Trigger"] = "antrean-berubah"  # the queue refreshes itself
        return response
    flash(message, "sukses")
    return redirect(url, code=303)
