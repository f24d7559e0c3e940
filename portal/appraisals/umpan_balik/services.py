"""Peer feedback (DOMAIN.md: "colleagues may be asked for feedback"): the pejabat penilai asks
chosen colleagues of the same OPD; each answers per BerAKHLAK value with a free comment, or
declines. Each function checks the rule, changes the objects, writes the audit entry and
flushes; the view commits."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask import url_for
from flask_babel import gettext as _

from portal.appraisals.access import is_penilai
from portal.appraisals.evaluasi.models import Evaluasi, Rating, StatusEvaluasi
from portal.appraisals.settings import setting
from portal.appraisals.skp.models import BERAKHLAK_LABEL, NilaiBerakhlak
from portal.appraisals.umpan_balik.models import (
    NilaiUmpanBalikRekan,
    PermintaanUmpanBalik,
)
from portal.appraisals.umpan_balik.queries import SU, requests_of
from portal.auth.models import User
from portal.auth.queries import active_account
from portal.core.models import DomainError, record_audit, utcnow
from portal.extensions import db
from portal.org.models import Pegawai


def ask(actor: User, evaluasi: Evaluasi, rekan_ids: Iterable[int]) -> list[PermintaanUmpanBalik]:
    """The pejabat penilai asks the chosen colleagues; each gets a notification."""
    if not is_penilai(actor, evaluasi.pegawai):
        raise DomainError(_("Hanya pejabat penilai (atasan langsung) yang dapat meminta umpan "
                            "balik rekan."))
    if evaluasi.status == StatusEvaluasi.DISETUJUI:
        raise DomainError(_("Evaluasi ini sudah final; umpan balik rekan tidak dapat diminta "
                            "lagi."))
    ids = sorted({int(i) for i in rekan_ids})
    if not ids:
        raise DomainError(_("Pilih paling sedikit satu rekan kerja."), "rekan")
    existing = requests_of(evaluasi)
    limit = int(setting("PORTAL_PEER_FEEDBACK_MAX_REQUESTS"))
    if len(existing) + len(ids) > limit:
        raise DomainError(_("Paling banyak %(n)s rekan dapat diminta umpan balik untuk satu "
                            "evaluasi.", n=limit), "rekan")
    asked = {p.rekan_id for p in existing}
    made = []
    for rekan_id in ids:
        rekan = db.session.get(Pegawai, rekan_id)
        _check_rekan(evaluasi, rekan, actor, asked)
        account = active_account(rekan.id)
        if account is None:
            raise DomainError(_("%(nama)s belum memiliki akun portal, jadi tidak dapat menjawab.",
                                nama=rekan.nama), "rekan")
        permintaan = PermintaanUmpanBalik(evaluasi=evaluasi, rekan=rekan,
                                          peminta_id=actor.pegawai_id, status=SU.DIMINTA)
        db.session.add(permintaan)
        record_audit(actor, permintaan, "diminta", to_state=SU.DIMINTA.value,
                     comment=rekan.nama)
        _notify(account, permintaan)
        made.append(permintaan)
    db.session.flush()
    return made


def _check_rekan(evaluasi: Evaluasi, rekan: Pegawai | None, actor: User, asked: set[int]) -> None:
    if rekan is None or not rekan.aktif or rekan.opd_id != evaluasi.pegawai.opd_id:
        raise DomainError(_("Rekan kerja harus pegawai aktif dari OPD yang sama."), "rekan")
    if rekan.id == evaluasi.pegawai_id:
        raise DomainError(_("Pegawai yang dinilai tidak dapat memberi umpan balik untuk "
                            "dirinya sendiri."), "rekan")
    if rekan.id == actor.pegawai_id:
        raise DomainError(_("Pejabat penilai menilai sendiri; pilih rekan kerja yang lain."),
                          "rekan")
    if rekan.id in asked:
        raise DomainError(_("%(nama)s sudah diminta umpan balik untuk evaluasi ini.",
                            nama=rekan.nama), "rekan")


def _notify(account: User, permintaan: PermintaanUmpanBalik) -> None:
    from portal.notifications.services import notify

    db.session.flush()
    evaluasi = permintaan.evaluasi
    notify(account, "umpan_balik_diminta",
           url_for("umpan_balik.jawab", permintaan_id=permintaan.id, _external=False),
           nama=evaluasi.pegawai.nama, periode=evaluasi.periode.label_later())


def _require_rekan(actor: User, permintaan: PermintaanUmpanBalik) -> None:
    if actor.pegawai_id is None or actor.pegawai_id != permintaan.rekan_id:
        raise DomainError(_("Permintaan umpan balik ini ditujukan kepada orang lain."))
    if permintaan.evaluasi.status == StatusEvaluasi.DISETUJUI:
        raise DomainError(_("Evaluasi ini sudah final; umpan balik tidak lagi diterima."))


def answer(actor: User, permintaan: PermintaanUmpanBalik, ratings: Mapping[str, str | None],
           komentar: str) -> None:
    """The colleague's answer: a rating for every BerAKHLAK value, and a free comment."""
    _require_rekan(actor, permintaan)
    chosen: dict[NilaiBerakhlak, Rating] = {}
    for nilai in NilaiBerakhlak:
        raw = ratings.get(nilai.value)
        if not raw:
            raise DomainError(_("Pilih penilaian untuk %(nilai)s.", nilai=BERAKHLAK_LABEL[nilai]),
                              f"nilai_{nilai.value}")
        try:
            chosen[nilai] = Rating(raw)
        except ValueError:
            raise DomainError(_("Pilihan penilaian tidak dikenal."), f"nilai_{nilai.value}") from None
    old = permintaan.move_to(SU.DIJAWAB)
    for nilai, rating in chosen.items():
        permintaan.nilai.append(NilaiUmpanBalikRekan(nilai=nilai, rating=rating))
    permintaan.komentar = (komentar or "").strip()
    permintaan.dijawab_at = utcnow()
    record_audit(actor, permintaan, "dijawab", from_state=old.value, to_state=SU.DIJAWAB.value)
    db.session.flush()


def decline(actor: User, permintaan: PermintaanUmpanBalik, alasan: str) -> None:
    _require_rekan(actor, permintaan)
    old = permintaan.move_to(SU.DITOLAK)
    permintaan.alasan_tolak = (alasan or "").strip() or None
    permintaan.dijawab_at = utcnow()
    record_audit(actor, permintaan, "ditolak", from_state=old.value, to_state=SU.DITOLAK.value,
                 comment=permintaan.alasan_tolak)
    db.session.flush()
