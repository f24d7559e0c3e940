"""A pegawai's evaluations of a year, and one evaluation with everything its pages show."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from portal.appraisals.evaluasi.models import Evaluasi, RealisasiIndikator
from portal.appraisals.periode.models import Periode
from portal.appraisals.skp.models import Rhk, Skp
from portal.extensions import db
from portal.org.models import Pegawai


def evaluations_of(pegawai_id: int, tahun_kinerja_id: int) -> dict[int, Evaluasi]:
    """The pegawai's evaluations of a year, by period id."""
    rows = db.session.scalars(sa.select(Evaluasi).join(Periode).where(
        Evaluasi.pegawai_id == pegawai_id, Periode.tahun_kinerja_id == tahun_kinerja_id))
    return {ev.periode_id: ev for ev in rows}


def evaluasi_with_everything(evaluasi_id: int) -> Evaluasi | None:
    """One evaluation with what its pages show, in a handful of queries instead of one per
    indicator and per row (the review panel opens many of these in a row)."""
    return db.session.scalar(
        sa.select(Evaluasi).where(Evaluasi.id == evaluasi_id).options(
            joinedload(Evaluasi.pegawai).joinedload(Pegawai.unit),
            joinedload(Evaluasi.periode).joinedload(Periode.tahun_kinerja),
            joinedload(Evaluasi.skp).selectinload(Skp.rhk).selectinload(Rhk.indikator),
            joinedload(Evaluasi.skp).selectinload(Skp.ekspektasi),
            selectinload(Evaluasi.realisasi).joinedload(RealisasiIndikator.indikator),
            selectinload(Evaluasi.bukti),
            selectinload(Evaluasi.umpan_balik_rhk),
            selectinload(Evaluasi.umpan_balik_perilaku)))


def evaluasi_for_saving(evaluasi_id: int) -> Evaluasi | None:
    """One evaluation with only what saving a draft checks and writes (its pegawai, period and
    realisasi lines): the autosave runs every few seconds for every pegawai typing on a
    deadline day (issue 13), so it reads two rows sets, not the SKP, evidence and feedback."""
    return db.session.scalar(
        sa.select(Evaluasi).where(Evaluasi.id == evaluasi_id).options(
            joinedload(Evaluasi.pegawai), joinedload(Evaluasi.periode),
            selectinload(Evaluasi.realisasi)))
