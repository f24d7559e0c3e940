"""Reading keberatan: the one of an evaluation, its last day and who decides it, one's own, those
waiting for one's decision, and the evaluations one may still object to."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from portal.appraisals.evaluasi.models import (
    Evaluasi,
    StatusEvaluasi,
)
from portal.appraisals.keberatan.models import Keberatan, StatusKeberatan
from portal.appraisals.settings import setting
from portal.core.calendar import local_date
from portal.core.models import utcnow
from portal.extensions import db
from portal.org.models import Pegawai


def of_evaluasi(evaluasi: Evaluasi) -> Keberatan | None:
    return db.session.scalar(sa.select(Keberatan).where(Keberatan.evaluasi_id == evaluasi.id))


def last_day(evaluasi: Evaluasi) -> date | None:
    """The last day (WIB) a keberatan may be filed; None while the evaluation is not final."""
    if evaluasi.status != StatusEvaluasi.DISETUJUI or evaluasi.disetujui_at is None:
        return None
    return local_date(evaluasi.disetujui_at) + timedelta(days=int(setting("PORTAL_KEBERATAN_DAYS")))


def pemutus_for(evaluasi: Evaluasi) -> Pegawai | None:
    """Who decides: the atasan of the pejabat penilai who rated the evaluation."""
    penilai = evaluasi.penilai or evaluasi.pegawai.atasan
    return penilai.atasan if penilai is not None else None


def _listed(stmt: sa.Select) -> list[Keberatan]:
    """A list page shows each keberatan's pegawai and period: loaded with it, not per row."""
    return list(db.session.scalars(stmt.options(
        selectinload(Keberatan.pegawai),
        selectinload(Keberatan.evaluasi).selectinload(Evaluasi.periode))))


def filed_by(pegawai_id: int) -> list[Keberatan]:
    """The pegawai's own keberatan, newest first."""
    return _listed(sa.select(Keberatan).where(Keberatan.pegawai_id == pegawai_id)
                   .order_by(Keberatan.diajukan_at.desc()))


def pending_for(pemutus_id: int) -> list[Keberatan]:
    """Keberatan waiting for this pegawai's decision, oldest first."""
    return _listed(
        sa.select(Keberatan).where(Keberatan.pemutus_id == pemutus_id,
                                   Keberatan.status == StatusKeberatan.DIAJUKAN)
        .order_by(Keberatan.diajukan_at, Keberatan.id))


def open_for(pegawai_id: int, today: date | None = None) -> list[tuple[Evaluasi, date]]:
    """The pegawai's final evaluations still open to a keberatan, with the last day."""
    has_keberatan = sa.select(Keberatan.evaluasi_id)
    evaluations = db.session.scalars(
        sa.select(Evaluasi).where(Evaluasi.pegawai_id == pegawai_id,
                                  Evaluasi.status == StatusEvaluasi.DISETUJUI,
                                  Evaluasi.id.not_in(has_keberatan))
        .order_by(Evaluasi.disetujui_at.desc()))
    today = today or local_date(utcnow())
    out = []
    for evaluasi in evaluations:
        batas = last_day(evaluasi)
        if batas is not None and today <= batas:
            out.append((evaluasi, batas))
    return out


def decided_by(pemutus_id: int, limit: int = 20) -> list[Keberatan]:
    return _listed(
        sa.select(Keberatan).where(Keberatan.pemutus_id == pemutus_id,
                                   Keberatan.status == StatusKeberatan.DIPUTUS)
        .order_by(Keberatan.diputus_at.desc(), Keberatan.id.desc()).limit(limit))
