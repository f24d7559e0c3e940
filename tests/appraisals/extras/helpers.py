"""Helpers for the tests of peer feedback, keberatan, monitoring and reminders."""

from __future__ import annotations

from portal.appraisals.evaluasi.models import Evaluasi, StatusEvaluasi
from portal.appraisals.penilaian import services as penilaian_services
from portal.appraisals.predikat import predikat_for
from portal.core.models import utcnow
from portal.extensions import db


def approve(world, ev: Evaluasi, hasil: str = "sesuai", perilaku: str = "sesuai") -> Evaluasi:
    penilaian_services.approve_evaluasi(world.users["atasan"], ev,
                                penilaian_services.Review(rating_hasil=hasil, rating_perilaku=perilaku),
                                revisi=ev.revisi)
    return ev


def direct_evaluasi(pegawai, periode, skp, status=StatusEvaluasi.DISETUJUI, hasil="sesuai",
                    perilaku="sesuai") -> Evaluasi:
    """An evaluation written straight to the database (for counts, not for the flow)."""
    ev = Evaluasi(pegawai=pegawai, periode=periode, skp=skp, status=status)
    if status == StatusEvaluasi.DISETUJUI:
        ev.rating_hasil, ev.rating_perilaku = hasil, perilaku
        ev.predikat = predikat_for(hasil, perilaku)
        ev.disetujui_at = utcnow()
        ev.penilai = pegawai.atasan
    db.session.add(ev)
    db.session.flush()
    return ev
