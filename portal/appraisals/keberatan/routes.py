"""Keberatan pages: the evaluation's keberatan (filed by the pegawai, decided by the atasan of the
pejabat penilai, read by the pejabat penilai and the admin OPD) and a list of one's own
keberatan and of those waiting for one's decision."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.appraisals import access
from portal.appraisals.evaluasi.models import Evaluasi
from portal.appraisals.keberatan import queries as keberatan_queries
from portal.appraisals.keberatan import services as keberatan_services
from portal.appraisals.keberatan.forms import KeberatanForm, PutusanForm
from portal.appraisals.keberatan.models import Keberatan, StatusKeberatan
from portal.core.authz import load_or_404, require
from portal.core.forms import handle_form
from portal.core.models import AuditEntry
from portal.core.rendering import render_page
from portal.extensions import db

bp = Blueprint("keberatan", __name__, url_prefix="/kinerja/keberatan")


def _may_view(evaluasi: Evaluasi, keberatan: Keberatan | None) -> bool:
    if access.can_view(current_user, evaluasi.pegawai):
        return True
    if keberatan is not None:
        return keberatan_services.is_pemutus(current_user, keberatan)
    return False


def _load(evaluasi_id: int) -> tuple[Evaluasi, Keberatan | None]:
    evaluasi = load_or_404(Evaluasi, evaluasi_id)
    keberatan = keberatan_queries.of_evaluasi(evaluasi)
    require(_may_view(evaluasi, keberatan))
    return evaluasi, keberatan


def _trail(keberatan: Keberatan | None) -> list[AuditEntry]:
    if keberatan is None:
        return []
    return list(db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.object_type == Keberatan.__tablename__,
                                    AuditEntry.object_id == keberatan.id)
        .order_by(AuditEntry.at, AuditEntry.id)))


def _page(evaluasi: Evaluasi, keberatan: Keberatan | None, form=None, putusan=None,
          http_status: int = 200):
    self_view = access.is_self(current_user, evaluasi.pegawai)
    pemutus = keberatan is not None and keberatan_services.is_pemutus(current_user, keberatan)
    return render_page(
        "appraisals/keberatan_evaluasi.html", http_status=http_status,
        evaluasi=evaluasi, keberatan=keberatan, trail=_trail(keberatan),
        self_view=self_view, refusal=keberatan_services.refusal(current_user, evaluasi) if self_view else None,
        batas=keberatan_queries.last_day(evaluasi), form=form or KeberatanForm(),
        pemutus=pemutus and keberatan.status == StatusKeberatan.DIAJUKAN,
        putusan=putusan or PutusanForm())


@bp.get("/evaluasi/<int:evaluasi_id>")
@login_required
def detail(evaluasi_id: int):
    return _page(*_load(evaluasi_id))


@bp.post("/evaluasi/<int:evaluasi_id>/ajukan")
@login_required
def ajukan(evaluasi_id: int):
    evaluasi, keberatan = _load(evaluasi_id)
    access.require_self(evaluasi.pegawai)
    form = KeberatanForm()
    return handle_form(
        form, lambda: keberatan_services.ajukan(current_user, evaluasi, form.alasan.data),
        message=_("Keberatan Anda tercatat dan diteruskan kepada atasan pejabat penilai."),
        redirect_to=url_for("keberatan.detail", evaluasi_id=evaluasi.id),
        again=lambda: _page(evaluasi, keberatan_queries.of_evaluasi(evaluasi), form=form,
                            http_status=422))


@bp.post("/evaluasi/<int:evaluasi_id>/putus")
@login_required
def putus(evaluasi_id: int):
    evaluasi, keberatan = _load(evaluasi_id)
    require(keberatan is not None and keberatan_services.is_pemutus(current_user, keberatan))
    form = PutusanForm()
    return handle_form(
        form, lambda: keberatan_services.putuskan(current_user, keberatan, keberatan_services.Putusan(
            form.putusan.data, form.alasan_putusan.data, form.rating_hasil.data,
            form.rating_perilaku.data)),
        message=_("Putusan keberatan tercatat dan diberitahukan kepada pegawai."),
        redirect_to=url_for("keberatan.detail", evaluasi_id=evaluasi.id),
        again=lambda: _page(evaluasi, keberatan, putusan=form, http_status=422))


@bp.get("")
@login_required
def index():
    pegawai_id = current_user.pegawai_id
    return render_page("appraisals/keberatan_index.html",
                       own=keberatan_queries.filed_by(pegawai_id) if pegawai_id else [],
                       open_items=keberatan_queries.open_for(pegawai_id) if pegawai_id else [],
                       pending=keberatan_queries.pending_for(pegawai_id) if pegawai_id else [],
                       decided=keberatan_queries.decided_by(pegawai_id) if pegawai_id else [])
