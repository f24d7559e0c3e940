"""What the pejabat penilai decides on a submitted evaluation: approve with ratings and feedback
(the predikat follows from the matrix) or return it with a comment per item to fix. Each
function checks the rule, changes the objects, writes the audit entry and flushes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import gettext as _

from portal.appraisals import notices
from portal.appraisals.evaluasi.models import (
    Evaluasi,
    Rating,
    StatusEvaluasi,
    UmpanBalikPerilaku,
    UmpanBalikRhk,
)
from portal.appraisals.evaluasi.perubahan import snapshot
from portal.appraisals.predikat import predikat_for
from portal.appraisals.revisi import check_revisi
from portal.appraisals.signals import evaluasi_disetujui
from portal.appraisals.skp.models import NilaiBerakhlak
from portal.appraisals.skp.services import require_penilai
from portal.core.models import DomainError, record_audit, utcnow
from portal.extensions import db


@dataclass
class Review:
    """The pejabat penilai's review form: ratings, feedback per RHK (by id) and per BerAKHLAK
    value, and, when returning, a comment per indicator (by id) and an overall comment."""

    rating_hasil: Rating | str | None = None
    rating_perilaku: Rating | str | None = None
    umpan_balik_rhk: Mapping[int, str] | None = None
    umpan_balik_perilaku: Mapping[str, str] | None = None
    catatan_item: Mapping[int, str] | None = None
    catatan: str | None = None


def approve_evaluasi(actor, evaluasi: Evaluasi, review: Review, *, revisi: int | None) -> None:
    """Final: the ratings give the predikat, and the evaluation is locked."""
    require_penilai(actor, evaluasi.pegawai)
    check_revisi(evaluasi, revisi)
    hasil, perilaku = _rating(review.rating_hasil, "rating_hasil"), _rating(
        review.rating_perilaku, "rating_perilaku")
    if hasil is None:
        raise DomainError(_("Pilih rating hasil kerja."), "rating_hasil")
    if perilaku is None:
        raise DomainError(_("Pilih rating perilaku kerja."), "rating_perilaku")
    old = evaluasi.move_to(StatusEvaluasi.DISETUJUI)
    _store_feedback(evaluasi, review)
    evaluasi.rating_hasil, evaluasi.rating_perilaku = hasil, perilaku
    evaluasi.predikat = predikat_for(hasil, perilaku)
    evaluasi.disetujui_at = utcnow()
    evaluasi.penilai_id = actor.pegawai_id
    for line in evaluasi.realisasi:
        line.catatan_perbaikan = None
    record_audit(actor, evaluasi, "disetujui", from_state=old.value,
                 to_state=evaluasi.status.value, comment=evaluasi.predikat_label)
    db.session.flush()
    notices.evaluasi_approved(evaluasi)
    evaluasi_disetujui.send(evaluasi, actor=actor)


def return_evaluasi(actor, evaluasi: Evaluasi, review: Review, *, revisi: int | None) -> None:
    """Back to the pegawai with a comment on each item to fix; what they had entered is kept,
    so their resubmission shows what changed."""
    require_penilai(actor, evaluasi.pegawai)
    check_revisi(evaluasi, revisi)
    evaluasi.periode.require_open()
    per_item = {int(k): v.strip() for k, v in (review.catatan_item or {}).items()
                if v and v.strip()}
    catatan = (review.catatan or "").strip()
    if not per_item and not catatan:
        raise DomainError(_("Tuliskan apa yang perlu diperbaiki: pada item yang bersangkutan "
                            "atau sebagai catatan umum."), "catatan")
    old = evaluasi.move_to(StatusEvaluasi.DIKEMBALIKAN)
    _store_feedback(evaluasi, review)
    evaluasi.rating_hasil = _rating(review.rating_hasil, "rating_hasil")
    evaluasi.rating_perilaku = _rating(review.rating_perilaku, "rating_perilaku")
    for line in evaluasi.realisasi:
        line.catatan_perbaikan = per_item.get(line.indikator_id)
    evaluasi.catatan_dikembalikan = catatan or None
    evaluasi.snapshot_dikembalikan = snapshot(evaluasi)
    record_audit(actor, evaluasi, "dikembalikan", from_state=old.value,
                 to_state=evaluasi.status.value, comment=_return_comment(evaluasi, catatan,
                                                                          per_item))
    db.session.flush()
    notices.evaluasi_returned(evaluasi)


def _return_comment(evaluasi: Evaluasi, catatan: str, per_item: Mapping[int, str]) -> str:
    lines = [catatan] if catatan else []
    for line in evaluasi.realisasi:
        if line.indikator_id in per_item:
            lines.append(f"{line.indikator.uraian}: {per_item[line.indikator_id]}")
    return "\n".join(lines)


def _store_feedback(evaluasi: Evaluasi, review: Review) -> None:
    rhk_ids = {rhk.id for rhk in evaluasi.skp.rhk}
    existing_rhk = {u.rhk_id: u for u in evaluasi.umpan_balik_rhk}
    for rhk_id, text in (review.umpan_balik_rhk or {}).items():
        rhk_id = int(rhk_id)
        if rhk_id not in rhk_ids:
            continue
        row = existing_rhk.get(rhk_id)
        if row is None:
            if not (text or "").strip():
                continue  # no row for feedback never given
            row = UmpanBalikRhk(rhk_id=rhk_id)
            evaluasi.umpan_balik_rhk.append(row)
        row.isi = (text or "").strip()
    existing_nilai = {u.nilai: u for u in evaluasi.umpan_balik_perilaku}
    for key, text in (review.umpan_balik_perilaku or {}).items():
        try:
            nilai = NilaiBerakhlak(key)
        except ValueError:
            continue
        row = existing_nilai.get(nilai)
        if row is None:
            if not (text or "").strip():
                continue
            row = UmpanBalikPerilaku(nilai=nilai)
            evaluasi.umpan_balik_perilaku.append(row)
        row.isi = (text or "").strip()


def _rating(value: Rating | str | None, field: str) -> Rating | None:
    if not value:
        return None
    try:
        return Rating(value)
    except ValueError:
        raise DomainError(_("Pilihan rating tidak dikenal."), field) from None
