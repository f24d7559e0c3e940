"""Peer feedback (DOMAIN.md: "colleagues may be asked for feedback"): the pejabat penilai asks
chosen colleagues of the same OPD; each answers from their inbox per BerAKHLAK value with a
free comment, or declines. The pegawai sees only an aggregate, and only once enough colleagues
have answered (a setting); the pejabat penilai sees every answer while rating.

Each function checks the rule, changes the objects, writes the audit entry and flushes; the
view commits."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from portal.appraisals import keberatan
from portal.appraisals.access import is_penilai, is_self
from portal.appraisals.models import (
    BERAKHLAK_LABEL,
    Evaluasi,
    NilaiBerakhlak,
    Rating,
    StatusEvaluasi,
)
from portal.appraisals.models_feedback import (
    NilaiUmpanBalikRekan,
    PermintaanUmpanBalik,
    StatusUmpanBalik,
)
from portal.appraisals.settings import setting
from portal.auth.models import User
from portal.auth.queries import active_account
from portal.core.models import DomainError, record_audit, utcnow
from portal.extensions import db
from portal.org.models import Pegawai

SU = StatusUmpanBalik


def min_answers() -> int:
    return int(setting("PORTAL_PEER_FEEDBACK_MIN_ANSWERS"))


def requests_of(evaluasi: Evaluasi) -> list[PermintaanUmpanBalik]:
    return list(db.session.scalars(
        sa.select(PermintaanUmpanBalik)
        .where(PermintaanUmpanBalik.evaluasi_id == evaluasi.id)
        .options(selectinload(PermintaanUmpanBalik.rekan), selectinload(PermintaanUmpanBalik.nilai))
        .order_by(PermintaanUmpanBalik.id)))


def candidates(evaluasi: Evaluasi, q: str, limit: int = 20) -> list[Pegawai]:
    """Colleagues the pejabat penilai may ask: active staff of the pegawai's OPD with an
    account, found by name or NIP, not the pegawai, not the asker, not asked already."""
    pegawai = evaluasi.pegawai
    asked = sa.select(PermintaanUmpanBalik.rekan_id).where(
        PermintaanUmpanBalik.evaluasi_id == evaluasi.id)
    stmt = (sa.select(Pegawai)
            .join(User, User.pegawai_id == Pegawai.id)
            .where(Pegawai.opd_id == pegawai.opd_id, Pegawai.aktif.is_(True),
                   User.aktif.is_(True), Pegawai.id != pegawai.id,
                   Pegawai.id.not_in(asked))
            .order_by(Pegawai.nama).limit(limit))
    if pegawai.atasan_id is not None:
        stmt = stmt.where(Pegawai.id != pegawai.atasan_id)
    q = (q or "").strip()
    if q:
        if q.isdigit():
            stmt = stmt.where(Pegawai.nip.startswith(q, autoescape=True))
        else:
            stmt = stmt.where(Pegawai.nama.icontains(q, autoescape=True))
    else:
        # without a search, suggest the people nearest in the org chart: the same unit first
        stmt = stmt.where(Pegawai.unit_id == pegawai.unit_id)
    return list(db.session.scalars(stmt))


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
           nama=evaluasi.pegawai.nama, periode=evaluasi.periode.label)


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


def inbox(pegawai_id: int) -> list[PermintaanUmpanBalik]:
    """A colleague's requests: waiting ones first, then the answered and declined."""
    waiting_first = sa.case((PermintaanUmpanBalik.status == SU.DIMINTA, 0), else_=1)
    return list(db.session.scalars(
        sa.select(PermintaanUmpanBalik)
        .where(PermintaanUmpanBalik.rekan_id == pegawai_id)
        .options(selectinload(PermintaanUmpanBalik.evaluasi).selectinload(Evaluasi.pegawai),
                 selectinload(PermintaanUmpanBalik.evaluasi).selectinload(Evaluasi.periode))
        .order_by(waiting_first, PermintaanUmpanBalik.created_at.desc(),
                  PermintaanUmpanBalik.id.desc())))


def own_evaluations_with_requests(pegawai_id: int) -> list[Evaluasi]:
    """The pegawai's evaluations on which colleagues were asked, newest period first."""
    asked = sa.select(PermintaanUmpanBalik.evaluasi_id)
    return list(db.session.scalars(
        sa.select(Evaluasi).where(Evaluasi.pegawai_id == pegawai_id, Evaluasi.id.in_(asked))
        .order_by(Evaluasi.periode_id.desc())))


@dataclass
class Ringkasan:
    """Peer feedback of one evaluation as the pegawai may see it: counts per value and rating,
    and the comments without names (in an order that does not follow the answers)."""

    diminta: int
    dijawab: int
    minimum: int
    counts: dict[NilaiBerakhlak, dict[Rating, int]] = field(default_factory=dict)
    komentar: list[str] = field(default_factory=list)

    @property
    def cukup(self) -> bool:
        return self.dijawab >= self.minimum

    def rows(self) -> list[tuple[str, dict[Rating, int]]]:
        return [(str(BERAKHLAK_LABEL[nilai]), self.counts[nilai]) for nilai in NilaiBerakhlak]


def ringkasan(evaluasi: Evaluasi, requests: list[PermintaanUmpanBalik] | None = None
              ) -> Ringkasan:
    requests = requests if requests is not None else requests_of(evaluasi)
    answered = [p for p in requests if p.status == SU.DIJAWAB]
    summary = Ringkasan(diminta=len(requests), dijawab=len(answered), minimum=min_answers(),
                        counts={nilai: dict.fromkeys(Rating, 0) for nilai in NilaiBerakhlak})
    if not summary.cukup:
        return summary
    for permintaan in answered:
        for item in permintaan.nilai:
            summary.counts[item.nilai][item.rating] += 1
    summary.komentar = sorted(p.komentar for p in answered if p.komentar)
    return summary


def umpan_balik_dan_keberatan(user: User, evaluasi: Evaluasi) -> dict:
    """What the evaluation's own page and the review panel show of peer feedback (every answer
    for the pejabat penilai, the aggregate for the others) and of the keberatan, for ``user``."""
    penilai = is_penilai(user, evaluasi.pegawai)
    requests = requests_of(evaluasi)
    filed = keberatan.of_evaluasi(evaluasi)
    final = evaluasi.status == StatusEvaluasi.DISETUJUI
    return {
        "is_penilai": penilai,
        "requests": requests if penilai else [],
        "ringkasan": ringkasan(evaluasi, requests),
        "keberatan": filed,
        "can_file": is_self(user, evaluasi.pegawai) and final and filed is None
        and keberatan.refusal(user, evaluasi) is None,
        "batas": keberatan.last_day(evaluasi),
    }
