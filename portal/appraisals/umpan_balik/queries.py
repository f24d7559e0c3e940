"""Reading peer feedback: the requests of an evaluation, colleagues who may be asked, a
colleague's inbox, and the aggregate the pegawai sees only once enough colleagues have answered
(a setting); with the keberatan panel the evaluation pages show beside it."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from portal.appraisals.access import is_penilai, is_self
from portal.appraisals.evaluasi.models import Evaluasi, Rating, StatusEvaluasi
from portal.appraisals.keberatan import queries as keberatan_queries
from portal.appraisals.keberatan import services as keberatan_services
from portal.appraisals.settings import setting
from portal.appraisals.skp.models import BERAKHLAK_LABEL, NilaiBerakhlak
from portal.appraisals.umpan_balik.models import (
    PermintaanUmpanBalik,
    StatusUmpanBalik,
)
from portal.auth.models import User
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
    filed = keberatan_queries.of_evaluasi(evaluasi)
    final = evaluasi.status == StatusEvaluasi.DISETUJUI
    return {
        "is_penilai": penilai,
        "requests": requests if penilai else [],
        "ringkasan": ringkasan(evaluasi, requests),
        "keberatan": filed,
        "can_file": is_self(user, evaluasi.pegawai) and final and filed is None
        and keberatan_services.refusal(user, evaluasi) is None,
        "batas": keberatan_queries.last_day(evaluasi),
    }
