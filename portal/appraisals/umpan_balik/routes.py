"""Peer feedback pages: the pejabat penilai asks colleagues (with an active search that also works
as a plain GET form), the colleague's inbox and answer page, and the evaluation's peer feedback
as each may see it (every answer for the pejabat penilai, the aggregate for the pegawai and the
admin OPD)."""

from __future__ import annotations

from flask import Blueprint, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.appraisals import access
from portal.appraisals.evaluasi.models import PREDIKAT_LABEL, RATING_LABEL, Evaluasi, Rating
from portal.appraisals.skp.models import BERAKHLAK_LABEL, NilaiBerakhlak
from portal.appraisals.umpan_balik import queries as umpan_balik_queries
from portal.appraisals.umpan_balik import services as umpan_balik_services
from portal.appraisals.umpan_balik.forms import (
    MintaUmpanBalikForm,
    TolakUmpanBalikForm,
    jawab_form_class,
)
from portal.appraisals.umpan_balik.models import PermintaanUmpanBalik, StatusUmpanBalik
from portal.core.authz import load_or_404, require
from portal.core.forms import handle_form
from portal.core.rendering import render_page

bp = Blueprint("umpan_balik", __name__, url_prefix="/kinerja/umpan-balik")


RESULTS = "hasil-cari-rekan"


@bp.record_once
def _labels(state) -> None:
    # the labels are also given by the appraisal pages; set once for the whole app so these
    # pages stand alone, instead of a context processor on every render
    state.app.jinja_env.globals.update(
        RATINGS=list(Rating), NILAI_BERAKHLAK=list(NilaiBerakhlak), RATING_LABEL=RATING_LABEL,
        PREDIKAT_LABEL=PREDIKAT_LABEL, BERAKHLAK_LABEL=BERAKHLAK_LABEL)


def _load_evaluasi(evaluasi_id: int) -> Evaluasi:
    evaluasi = load_or_404(Evaluasi, evaluasi_id)
    access.require_view(evaluasi.pegawai)
    return evaluasi


def _load_own_request(permintaan_id: int) -> PermintaanUmpanBalik:
    permintaan = load_or_404(PermintaanUmpanBalik, permintaan_id)
    require(current_user.pegawai_id is not None and permintaan.rekan_id == current_user.pegawai_id)
    return permintaan


def _evaluasi_page(evaluasi: Evaluasi, form=None, http_status: int = 200):
    penilai = access.is_penilai(current_user, evaluasi.pegawai)
    requests = umpan_balik_queries.requests_of(evaluasi)
    q = request.args.get("q", "")
    return render_page(
        "appraisals/umpan_balik_evaluasi.html", fragments={RESULTS: "results"},
        http_status=http_status, evaluasi=evaluasi, penilai=penilai,
        requests=requests if penilai else [], ringkasan=umpan_balik_queries.ringkasan(evaluasi, requests),
        form=form or MintaUmpanBalikForm(), q=q,
        candidates=umpan_balik_queries.candidates(evaluasi, q) if penilai else [])


@bp.get("/evaluasi/<int:evaluasi_id>")
@login_required
def evaluasi(evaluasi_id: int):
    return _evaluasi_page(_load_evaluasi(evaluasi_id))


@bp.post("/evaluasi/<int:evaluasi_id>/minta")
@login_required
def minta(evaluasi_id: int):
    evaluasi = _load_evaluasi(evaluasi_id)
    access.require_penilai(evaluasi.pegawai)
    form = MintaUmpanBalikForm()
    return handle_form(
        form, lambda: umpan_balik_services.ask(current_user, evaluasi, form.rekan.data or []),
        message=lambda made: _("Permintaan umpan balik dikirim kepada %(n)s rekan.", n=len(made)),
        redirect_to=url_for("umpan_balik.evaluasi", evaluasi_id=evaluasi.id),
        again=lambda: _evaluasi_page(evaluasi, form, 422))


@bp.get("/masuk")
@login_required
def inbox():
    items = umpan_balik_queries.inbox(current_user.pegawai_id) if current_user.pegawai_id else []
    return render_page("appraisals/umpan_balik_masuk.html", items=items,
                       own=umpan_balik_queries.own_evaluations_with_requests(current_user.pegawai_id)
                       if current_user.pegawai_id else [],
                       waiting=[p for p in items if p.status == StatusUmpanBalik.DIMINTA])


def _answer_page(permintaan, form=None, tolak=None, http_status: int = 200):
    return render_page("appraisals/umpan_balik_jawab.html", http_status=http_status,
                       permintaan=permintaan, evaluasi=permintaan.evaluasi,
                       form=form or jawab_form_class()(),
                       tolak=tolak or TolakUmpanBalikForm())


@bp.route("/<int:permintaan_id>", methods=["GET", "POST"])
@login_required
def jawab(permintaan_id: int):
    permintaan = _load_own_request(permintaan_id)
    form = jawab_form_class()()
    if request.method == "GET":
        return _answer_page(permintaan, form)
    return handle_form(
        form, lambda: umpan_balik_services.answer(
            current_user, permintaan,
            {n.value: getattr(form, f"nilai_{n.value}").data for n in NilaiBerakhlak},
            form.komentar.data),
        message=_("Terima kasih, umpan balik Anda tersimpan."),
        redirect_to=url_for("umpan_balik.inbox"),
        again=lambda: _answer_page(permintaan, form, http_status=422))


@bp.post("/<int:permintaan_id>/tolak")
@login_required
def tolak(permintaan_id: int):
    permintaan = _load_own_request(permintaan_id)
    form = TolakUmpanBalikForm()
    return handle_form(
        form, lambda: umpan_balik_services.decline(current_user, permintaan, form.alasan.data),
        message=_("Permintaan umpan balik ditolak."),
        redirect_to=url_for("umpan_balik.inbox"),
        again=lambda: _answer_page(permintaan, tolak=form, http_status=422))
