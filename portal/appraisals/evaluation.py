"""What the pegawai and the pejabat penilai do with a periodic evaluation: start it against the set
SKP, save drafts, add bukti dukung, submit; then approve with ratings and feedback (the predikat
follows from the matrix) or return with a comment per item to fix. Each function checks the rule,
changes the objects, writes the audit entry and flushes; the view commits."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from portal.appraisals import notices
from portal.appraisals.models import (
    BuktiDukung,
    Evaluasi,
    JenisBukti,
    NilaiBerakhlak,
    Periode,
    Rating,
    RealisasiIndikator,
    StatusEvaluasi,
    UmpanBalikPerilaku,
    UmpanBalikRhk,
    check_revisi,
)
from portal.appraisals.predikat import predikat_for
from portal.appraisals.services import require_owner, require_penilai, set_skp
from portal.appraisals.settings import setting
from portal.core.models import DomainError, record_audit, utcnow
from portal.core.text import squash_spaces
from portal.extensions import db
from portal.org.models import Pegawai

_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def find_evaluasi(pegawai_id: int, periode_id: int) -> Evaluasi | None:
    return db.session.scalar(sa.select(Evaluasi).where(Evaluasi.pegawai_id == pegawai_id,
                                                       Evaluasi.periode_id == periode_id))


def start_evaluasi(actor, pegawai: Pegawai, periode: Periode) -> Evaluasi:
    """The pegawai opens the evaluation of a period: one realisasi line per indicator of the
    SKP in force."""
    require_owner(actor, pegawai)
    periode.require_open()
    if periode.tahun_kinerja.pemda_id != pegawai.opd.pemda_id:
        raise DomainError(_("Periode ini bukan milik pemda Anda."))
    if find_evaluasi(pegawai.id, periode.id) is not None:
        raise DomainError(_("Evaluasi %(periode)s sudah ada.", periode=periode.label))
    skp = set_skp(pegawai.id, periode.tahun_kinerja_id)
    if skp is None:
        raise DomainError(_("SKP tahun %(tahun)s Anda belum ditetapkan; evaluasi periodik "
                            "dimulai setelah SKP ditetapkan.", tahun=periode.tahun))
    evaluasi = Evaluasi(pegawai=pegawai, periode=periode, skp=skp, status=StatusEvaluasi.DRAF)
    for rhk in skp.rhk:
        for indikator in rhk.indikator:
            evaluasi.realisasi.append(RealisasiIndikator(indikator=indikator, realisasi=""))
    db.session.add(evaluasi)
    record_audit(actor, evaluasi, "dibuat", to_state=evaluasi.status.value)
    db.session.flush()
    return evaluasi


def save_draft(actor, evaluasi: Evaluasi, *, revisi: int | None, realisasi: Mapping[int, str],
               penilaian_diri: str) -> None:
    """Save what the pegawai typed (autosave or the "Simpan draf" button). Indicators not in
    ``realisasi`` keep their value."""
    _require_editable_by_owner(actor, evaluasi)
    check_revisi(evaluasi, revisi)
    for line in evaluasi.realisasi:
        if line.indikator_id in realisasi:
            line.realisasi = (realisasi[line.indikator_id] or "").strip()
    evaluasi.penilaian_diri = (penilaian_diri or "").strip()
    evaluasi.revisi += 1
    db.session.flush()


@dataclass(frozen=True)
class StoredFile:
    """A bukti dukung file already checked and written under the upload dir."""

    nama: str
    jenis_mime: str
    ukuran: int
    kunci_simpan: str
    sha256: str


def add_bukti_berkas(actor, evaluasi: Evaluasi, stored: StoredFile,
                     indikator_id: int | None) -> BuktiDukung:
    _require_editable_by_owner(actor, evaluasi)
    _check_room(evaluasi)
    bukti = BuktiDukung(jenis=JenisBukti.BERKAS, nama=stored.nama, jenis_mime=stored.jenis_mime,
                        ukuran=stored.ukuran, kunci_simpan=stored.kunci_simpan,
                        sha256=stored.sha256, indikator_id=_own_indikator(evaluasi, indikator_id))
    evaluasi.bukti.append(bukti)
    evaluasi.revisi += 1
    db.session.flush()
    return bukti


def add_bukti_tautan(actor, evaluasi: Evaluasi, tautan: str, nama: str | None,
                     indikator_id: int | None) -> BuktiDukung:
    _require_editable_by_owner(actor, evaluasi)
    _check_room(evaluasi)
    tautan = (tautan or "").strip()
    if not _URL.match(tautan) or len(tautan) > 500:
        raise DomainError(_("Isi tautan lengkap yang diawali https:// (paling panjang 500 "
                            "karakter)."), "tautan")
    label = squash_spaces(nama)[:200] or tautan[:200]
    bukti = BuktiDukung(jenis=JenisBukti.TAUTAN, nama=label, tautan=tautan,
                        indikator_id=_own_indikator(evaluasi, indikator_id))
    evaluasi.bukti.append(bukti)
    evaluasi.revisi += 1
    db.session.flush()
    return bukti


def remove_bukti(actor, bukti: BuktiDukung) -> str | None:
    """Remove a bukti dukung; returns the stored file's key for the view to delete after the
    commit (a file is never removed before its row is gone for good)."""
    evaluasi = bukti.evaluasi
    _require_editable_by_owner(actor, evaluasi)
    key = bukti.kunci_simpan
    evaluasi.bukti.remove(bukti)
    evaluasi.revisi += 1
    db.session.flush()
    return key


def submission_problems(evaluasi: Evaluasi) -> list[tuple[str, str]]:
    """(field, message) pairs keeping the evaluation from being submitted."""
    problems = []
    for line in evaluasi.realisasi:
        if not line.realisasi.strip():
            problems.append((f"realisasi_{line.indikator_id}",
                             _("Isi realisasi indikator ini.")))
    if not evaluasi.penilaian_diri.strip():
        problems.append(("penilaian_diri", _("Tuliskan penilaian diri singkat.")))
    return problems


def submit_evaluasi(actor, evaluasi: Evaluasi, *, revisi: int | None) -> None:
    _require_editable_by_owner(actor, evaluasi)
    check_revisi(evaluasi, revisi)
    if evaluasi.pegawai.atasan_id is None:
        raise DomainError(_("Anda belum memiliki pejabat penilai (atasan langsung) di data "
                            "kepegawaian; hubungi admin OPD."))
    problems = submission_problems(evaluasi)
    if problems:
        field, message = problems[0]
        raise DomainError(message, field)
    old = evaluasi.move_to(StatusEvaluasi.DIAJUKAN)
    evaluasi.diajukan_at = utcnow()
    record_audit(actor, evaluasi, "diajukan", from_state=old.value, to_state=evaluasi.status.value)
    db.session.flush()
    notices.evaluasi_submitted(evaluasi)


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


def snapshot(evaluasi: Evaluasi) -> dict:
    return {
        "penilaian_diri": evaluasi.penilaian_diri,
        "realisasi": {str(line.indikator_id): line.realisasi for line in evaluasi.realisasi},
        "bukti": [_bukti_key(b) for b in evaluasi.bukti],
    }


@dataclass(frozen=True)
class Change:
    #: "realisasi", "penilaian_diri", "bukti_baru", "bukti_dihapus"
    kind: str
    before: str
    after: str
    indikator_id: int | None = None


def changes_since_return(evaluasi: Evaluasi) -> list[Change]:
    """What the pegawai changed after the last return (empty when never returned)."""
    snap = evaluasi.snapshot_dikembalikan
    if not snap:
        return []
    changes = []
    for line in evaluasi.realisasi:
        before = snap.get("realisasi", {}).get(str(line.indikator_id), "")
        if before != line.realisasi:
            changes.append(Change("realisasi", before, line.realisasi, line.indikator_id))
    if snap.get("penilaian_diri", "") != evaluasi.penilaian_diri:
        changes.append(Change("penilaian_diri", snap.get("penilaian_diri", ""),
                              evaluasi.penilaian_diri))
    old_bukti = set(snap.get("bukti", []))
    now_bukti = {_bukti_key(b): b for b in evaluasi.bukti}
    for key, bukti in now_bukti.items():
        if key not in old_bukti:
            changes.append(Change("bukti_baru", "", bukti.nama, bukti.indikator_id))
    for key in sorted(old_bukti - set(now_bukti)):
        changes.append(Change("bukti_dihapus", key.split("|", 2)[-1], ""))
    return changes


# --- helpers -------------------------------------------------------------------------------------

def _bukti_key(bukti: BuktiDukung) -> str:
    return f"{bukti.jenis.value}|{bukti.kunci_simpan or bukti.tautan}|{bukti.nama}"


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


def _check_room(evaluasi: Evaluasi) -> None:
    if len(evaluasi.bukti) >= int(setting("PORTAL_EVIDENCE_MAX_FILES")):
        raise DomainError(_("Bukti dukung sudah mencapai batas %(n)s berkas/tautan.",
                            n=setting("PORTAL_EVIDENCE_MAX_FILES")), "berkas")


def _own_indikator(evaluasi: Evaluasi, indikator_id: int | None) -> int | None:
    if not indikator_id:
        return None
    if indikator_id not in {line.indikator_id for line in evaluasi.realisasi}:
        raise DomainError(_("Pilih indikator dari SKP ini."), "indikator_id")
    return indikator_id


def _require_editable_by_owner(actor, evaluasi: Evaluasi) -> None:
    require_owner(actor, evaluasi.pegawai)
    evaluasi.require_editable()
    evaluasi.periode.require_open()

