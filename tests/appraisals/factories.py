"""Appraisal objects for tests: a performance year, a set SKP for a supervisor, a draft SKP and
an evaluation built through the services, as a user would."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from portal.appraisals.evaluasi import services as evaluasi_services
from portal.appraisals.evaluasi.models import Evaluasi, StatusEvaluasi
from portal.appraisals.penilaian import services as penilaian_services
from portal.appraisals.periode import services as periode_services
from portal.appraisals.periode.models import JenisPeriode, TahunKinerja
from portal.appraisals.predikat import predikat_for
from portal.appraisals.skp import services as skp_services
from portal.appraisals.skp.models import IndikatorKinerja, JenisRhk, Rhk, Skp, StatusSkp
from portal.appraisals.skp.services import IndikatorInput
from portal.core.models import utcnow
from portal.extensions import db

TAHUN = 2026


def make_year(world, tahun: int = TAHUN) -> TahunKinerja:
    admin = world.users["admin_pemda"]
    return periode_services.open_year(admin, world.pemda, tahun, periode_services.default_deadlines(tahun))


def periode(year: TahunKinerja, jenis: JenisPeriode = JenisPeriode.TRIWULAN_1):
    return next(p for p in year.periode if p.jenis == jenis)


def make_set_skp(pegawai, year: TahunKinerja, uraian: str = "Terlaksananya pelayanan KTP-el "
                 "tepat waktu") -> Skp:
    """A supervisor's SKP, already set (built directly: its own atasan is not in the story)."""
    skp = Skp(pegawai=pegawai, tahun_kinerja=year, status=StatusSkp.DISETUJUI)
    rhk = Rhk(jenis=JenisRhk.UTAMA, urutan=1, uraian=uraian)
    rhk.indikator.append(IndikatorKinerja(uraian="Persentase KTP-el terbit dalam 1 hari",
                                          aspek="kuantitas", target_angka=Decimal(95),
                                          target_satuan="persen"))
    skp.rhk.append(rhk)
    db.session.add(skp)
    db.session.flush()
    return skp


def make_draft_skp(world, year: TahunKinerja, atasan_skp: Skp, name: str = "pegawai") -> Skp:
    user = world.users[name]
    skp = skp_services.start_skp(user, user.pegawai, year)
    skp_services.add_rhk(user, skp, jenis="utama",
                     uraian="Terlayaninya perekaman KTP-el di loket",
                     rhk_atasan_id=atasan_skp.rhk[0].id,
                     indikator=[IndikatorInput("Jumlah perekaman KTP-el", "kuantitas",
                                               Decimal(1200), "perekaman"),
                                IndikatorInput("Keluhan pemohon ditanggapi", "kualitas",
                                               target_teks="Tanpa keluhan berulang")])
    return skp


def make_approved_skp(world, year, atasan_skp) -> Skp:
    skp = make_draft_skp(world, year, atasan_skp)
    skp_services.submit_skp(world.users["pegawai"], skp, revisi=skp.revisi)
    skp_services.approve_skp(world.users["atasan"], skp, revisi=skp.revisi)
    return skp


def make_submitted_evaluasi(world, year, skp, jenis=JenisPeriode.TRIWULAN_1):
    user = world.users["pegawai"]
    ev = evaluasi_services.start_evaluasi(user, user.pegawai, periode(year, jenis))
    evaluasi_services.save_draft(user, ev, revisi=ev.revisi,
                          realisasi={line.indikator_id: "310 perekaman" for line in ev.realisasi},
                          penilaian_diri="Target triwulan tercapai.")
    evaluasi_services.submit_evaluasi(user, ev, revisi=ev.revisi)
    return ev


def tanggal(s: str) -> date:
    return date.fromisoformat(s)


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
