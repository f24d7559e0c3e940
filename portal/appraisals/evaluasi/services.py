"""What the pegawai does with a periodic evaluation: start it against the set SKP, save drafts,
add and remove bukti dukung, submit. Each function checks the rule, changes the objects, writes
the audit entry and flushes; the view commits."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from portal.appraisals import notices
from portal.appraisals.evaluasi.models import (
    BuktiDukung,
    Evaluasi,
    JenisBukti,
    RealisasiIndikator,
    StatusEvaluasi,
)
from portal.appraisals.periode.models import Periode
from portal.appraisals.revisi import check_revisi
from portal.appraisals.settings import setting
from portal.appraisals.skp.services import require_owner, set_skp
from portal.core.models import DomainError, OutsideScope, record_audit, utcnow
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
    if periode.tahun_kinerja.pemda_id != pegawai.opd.pemda_id:
        raise OutsideScope(_("Periode ini bukan milik pemda Anda."))
    periode.require_open()
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
    changed = False
    for line in evaluasi.realisasi:
        if line.indikator_id in realisasi:
            typed = (realisasi[line.indikator_id] or "").strip()
            if line.realisasi != typed:
                line.realisasi, changed = typed, True
    typed = (penilaian_diri or "").strip()
    if evaluasi.penilaian_diri != typed:
        evaluasi.penilaian_diri, changed = typed, True
    if changed:  # an autosave of unchanged text writes nothing (deadline day: issue 13)
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
