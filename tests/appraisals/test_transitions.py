"""Every legal and every illegal status change of the SKP and of the evaluation, on the model
(the one place the rules live) and through the services users call."""

import itertools

import pytest
import sqlalchemy as sa

from portal.appraisals.evaluasi import perubahan as evaluasi_perubahan
from portal.appraisals.evaluasi import services as evaluasi_services
from portal.appraisals.evaluasi.models import (
    EVALUASI_TRANSITIONS,
    Evaluasi,
    Predikat,
    StatusEvaluasi,
)
from portal.appraisals.penilaian import services as penilaian_services
from portal.appraisals.periode import services as periode_services
from portal.appraisals.revisi import StaleForm
from portal.appraisals.skp import services as skp_services
from portal.appraisals.skp.models import SKP_TRANSITIONS, Skp, StatusSkp
from portal.core.models import AuditEntry, DomainError
from portal.extensions import db
from tests.appraisals.factories import make_draft_skp, make_submitted_evaluasi

SKP_PAIRS = list(itertools.product(StatusSkp, StatusSkp))
EV_PAIRS = list(itertools.product(StatusEvaluasi, StatusEvaluasi))


@pytest.mark.parametrize(("old", "new"), SKP_PAIRS, ids=[f"{a}-{b}" for a, b in SKP_PAIRS])
def test_skp_status_changes(old, new):
    skp = Skp(status=old, revisi=1)
    if new in SKP_TRANSITIONS[old]:
        assert skp.move_to(new) == old
        assert skp.status == new
        assert skp.revisi == 2
    else:
        with pytest.raises(DomainError):
            skp.move_to(new)
        assert skp.status == old
        assert skp.revisi == 1


@pytest.mark.parametrize(("old", "new"), EV_PAIRS, ids=[f"{a}-{b}" for a, b in EV_PAIRS])
def test_evaluasi_status_changes(old, new):
    ev = Evaluasi(status=old, revisi=1)
    if new in EVALUASI_TRANSITIONS[old]:
        assert ev.move_to(new) == old
        assert ev.status == new
    else:
        with pytest.raises(DomainError):
            ev.move_to(new)
        assert ev.status == old


def test_the_flow_of_domain_md():
    assert SKP_TRANSITIONS[StatusSkp.DRAF] == {StatusSkp.DIAJUKAN}
    assert SKP_TRANSITIONS[StatusSkp.DIAJUKAN] == {StatusSkp.DISETUJUI, StatusSkp.DIKEMBALIKAN}
    assert StatusSkp.DRAF in SKP_TRANSITIONS[StatusSkp.DIKEMBALIKAN]
    assert SKP_TRANSITIONS[StatusSkp.DISETUJUI] == {StatusSkp.DIGANTI}
    assert EVALUASI_TRANSITIONS[StatusEvaluasi.DISETUJUI] == frozenset()


def _audit(obj):
    return db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.object_type == obj.__tablename__, AuditEntry.object_id == obj.id)
        .order_by(AuditEntry.id)).all()


# --- SKP through the services ---------------------------------------------------------------------

def test_submit_set_and_audit(world, year, atasan_skp):
    pegawai, atasan = world.users["pegawai"], world.users["atasan"]
    skp = make_draft_skp(world, year, atasan_skp)
    skp_services.submit_skp(pegawai, skp, revisi=skp.revisi)
    assert skp.status == StatusSkp.DIAJUKAN
    skp_services.approve_skp(atasan, skp, revisi=skp.revisi)
    assert skp.status == StatusSkp.DISETUJUI
    assert skp.penilai_id == world.pegawai["kasi"].id
    entries = _audit(skp)
    assert [(e.action, e.from_state, e.to_state, e.actor_id) for e in entries] == [
        ("dibuat", None, "draf", pegawai.id),
        ("diajukan", "draf", "diajukan", pegawai.id),
        ("ditetapkan", "diajukan", "disetujui", atasan.id),
    ]


def test_return_needs_a_reason_and_the_pegawai_can_fix_and_resubmit(world, year, atasan_skp):
    pegawai, atasan = world.users["pegawai"], world.users["atasan"]
    skp = make_draft_skp(world, year, atasan_skp)
    skp_services.submit_skp(pegawai, skp, revisi=skp.revisi)
    with pytest.raises(DomainError) as err:
        skp_services.return_skp(atasan, skp, revisi=skp.revisi, alasan="  ")
    assert err.value.field == "alasan"
    skp_services.return_skp(atasan, skp, revisi=skp.revisi, alasan="Target terlalu rendah.")
    assert skp.status == StatusSkp.DIKEMBALIKAN
    assert skp.alasan_dikembalikan == "Target terlalu rendah."
    rhk = skp.rhk[0]
    skp_services.update_indikator(pegawai, rhk.indikator[0], skp_services.IndikatorInput(
        "Jumlah perekaman KTP-el", "kuantitas", 1500, "perekaman"), revisi=rhk.revisi)
    skp_services.submit_skp(pegawai, skp, revisi=skp.revisi)
    assert skp.status == StatusSkp.DIAJUKAN
    assert skp.alasan_dikembalikan is None
    assert _audit(skp)[-2].comment == "Target terlalu rendah."


def test_only_the_direct_supervisor_sets_or_returns(world, year, atasan_skp):
    skp = make_draft_skp(world, year, atasan_skp)
    skp_services.submit_skp(world.users["pegawai"], skp, revisi=skp.revisi)
    for name in ("pegawai", "admin_opd", "admin_pemda"):
        with pytest.raises(DomainError):
            skp_services.approve_skp(world.users[name], skp, revisi=skp.revisi)
        with pytest.raises(DomainError):
            skp_services.return_skp(world.users[name], skp, revisi=skp.revisi, alasan="x")
    assert skp.status == StatusSkp.DIAJUKAN


def test_only_the_pegawai_edits_or_submits(world, year, atasan_skp):
    skp = make_draft_skp(world, year, atasan_skp)
    with pytest.raises(DomainError):
        skp_services.submit_skp(world.users["atasan"], skp, revisi=skp.revisi)
    with pytest.raises(DomainError):
        skp_services.add_rhk(world.users["atasan"], skp, jenis="utama", uraian="x",
                         rhk_atasan_id=atasan_skp.rhk[0].id)


def test_a_set_skp_is_locked(world, skp_set):
    pegawai = world.users["pegawai"]
    rhk = skp_set.rhk[0]
    with pytest.raises(DomainError):
        skp_services.update_rhk(pegawai, rhk, revisi=rhk.revisi, jenis="utama", uraian="lain",
                            rhk_atasan_id=rhk.rhk_atasan_id)
    with pytest.raises(DomainError):
        skp_services.remove_rhk(pegawai, rhk, revisi=rhk.revisi)
    with pytest.raises(DomainError):
        skp_services.submit_skp(pegawai, skp_set, revisi=skp_set.revisi)
    with pytest.raises(DomainError):
        skp_services.update_expectations(pegawai, skp_set, revisi=skp_set.revisi, ekspektasi={},
                                     dukungan_sumber_daya="", skema_pertanggungjawaban="",
                                     konsekuensi="")


def test_a_revision_is_a_new_version_and_replaces_the_old_once_set(world, skp_set):
    pegawai, atasan = world.users["pegawai"], world.users["atasan"]
    v2 = skp_services.revise_skp(pegawai, skp_set, alasan="Tugas tambahan dari kepala dinas")
    assert (v2.versi, v2.status, v2.sebelumnya_id) == (2, StatusSkp.DRAF, skp_set.id)
    assert [r.uraian for r in v2.rhk] == [r.uraian for r in skp_set.rhk]
    assert v2.rhk[0].asal_id == skp_set.rhk[0].id
    assert skp_set.status == StatusSkp.DISETUJUI  # still in force meanwhile
    with pytest.raises(DomainError):
        skp_services.revise_skp(pegawai, skp_set)  # one revision at a time
    skp_services.submit_skp(pegawai, v2, revisi=v2.revisi)
    skp_services.approve_skp(atasan, v2, revisi=v2.revisi)
    assert skp_set.status == StatusSkp.DIGANTI
    assert skp_services.set_skp(world.pegawai["staf"].id, skp_set.tahun_kinerja_id) == v2
    assert _audit(skp_set)[-1].action == "diganti"


def test_only_a_set_skp_can_be_revised(world, year, atasan_skp):
    skp = make_draft_skp(world, year, atasan_skp)
    with pytest.raises(DomainError):
        skp_services.revise_skp(world.users["pegawai"], skp)


def test_submit_refused_without_rows_indicators_or_a_supervisor_rhk(world, year, atasan_skp):
    pegawai = world.users["pegawai"]
    skp = skp_services.start_skp(pegawai, pegawai.pegawai, year)
    with pytest.raises(DomainError, match="RHK utama"):
        skp_services.submit_skp(pegawai, skp, revisi=skp.revisi)
    skp_services.add_rhk(pegawai, skp, jenis="utama", uraian="Arsip tertata",
                     rhk_atasan_id=atasan_skp.rhk[0].id)
    with pytest.raises(DomainError, match="indikator"):
        skp_services.submit_skp(pegawai, skp, revisi=skp.revisi)
    with pytest.raises(DomainError) as err:
        skp_services.add_rhk(pegawai, skp, jenis="tambahan", uraian="x", rhk_atasan_id=None)
    assert err.value.field == "rhk_atasan_id"
    with pytest.raises(DomainError) as err:  # not a row of the supervisor's set SKP
        skp_services.add_rhk(pegawai, skp, jenis="tambahan", uraian="x",
                         rhk_atasan_id=skp.rhk[0].id)
    assert err.value.field == "rhk_atasan_id"


def test_stale_skp_forms_are_refused(world, year, atasan_skp):
    pegawai, atasan = world.users["pegawai"], world.users["atasan"]
    skp = make_draft_skp(world, year, atasan_skp)
    old = skp.revisi
    skp_services.submit_skp(pegawai, skp, revisi=old)
    with pytest.raises(StaleForm):
        skp_services.approve_skp(atasan, skp, revisi=old)
    rhk = skp.rhk[0]
    assert skp.status == StatusSkp.DIAJUKAN
    skp_services.return_skp(atasan, skp, revisi=skp.revisi, alasan="Perbaiki")
    stale = rhk.revisi
    skp_services.update_rhk(pegawai, rhk, revisi=stale, jenis="utama", uraian="Versi tab A",
                        rhk_atasan_id=rhk.rhk_atasan_id)
    with pytest.raises(StaleForm):
        skp_services.update_rhk(pegawai, rhk, revisi=stale, jenis="utama", uraian="Versi tab B",
                            rhk_atasan_id=rhk.rhk_atasan_id)
    assert rhk.uraian == "Versi tab A"


# --- evaluations through the services -----------------------------------------------------------

def test_evaluation_submit_and_approve_gives_the_predikat(world, year, skp_set):
    ev = make_submitted_evaluasi(world, year, skp_set)
    atasan = world.users["atasan"]
    review = penilaian_services.Review(rating_hasil="di_atas", rating_perilaku="di_atas",
                               umpan_balik_rhk={skp_set.rhk[0].id: "Sangat rapi."},
                               umpan_balik_perilaku={"akuntabel": "Laporan selalu tepat waktu"})
    penilaian_services.approve_evaluasi(atasan, ev, review, revisi=ev.revisi)
    assert ev.status == StatusEvaluasi.DISETUJUI
    assert ev.predikat == Predikat.SANGAT_BAIK
    assert ev.umpan_balik_rhk[0].isi == "Sangat rapi."
    assert ev.umpan_balik_perilaku[0].isi == "Laporan selalu tepat waktu"
    assert [e.action for e in _audit(ev)] == ["dibuat", "diajukan", "disetujui"]
    with pytest.raises(DomainError):  # final and locked
        evaluasi_services.save_draft(world.users["pegawai"], ev, revisi=ev.revisi, realisasi={},
                              penilaian_diri="lagi")
    with pytest.raises(DomainError):
        penilaian_services.return_evaluasi(atasan, ev, penilaian_services.Review(catatan="x"), revisi=ev.revisi)


def test_approval_needs_both_ratings(world, year, skp_set):
    ev = make_submitted_evaluasi(world, year, skp_set)
    with pytest.raises(DomainError) as err:
        penilaian_services.approve_evaluasi(world.users["atasan"], ev,
                                    penilaian_services.Review(rating_hasil="sesuai"), revisi=ev.revisi)
    assert err.value.field == "rating_perilaku"
    assert ev.status == StatusEvaluasi.DIAJUKAN


def test_return_with_item_comments_then_resubmission_shows_changes(world, year, skp_set):
    pegawai, atasan = world.users["pegawai"], world.users["atasan"]
    ev = make_submitted_evaluasi(world, year, skp_set)
    first = ev.realisasi[0]
    with pytest.raises(DomainError):
        penilaian_services.return_evaluasi(atasan, ev, penilaian_services.Review(), revisi=ev.revisi)
    penilaian_services.return_evaluasi(atasan, ev, penilaian_services.Review(
        catatan_item={first.indikator_id: "Lampirkan rekap SIAK."}), revisi=ev.revisi)
    assert ev.status == StatusEvaluasi.DIKEMBALIKAN
    assert first.catatan_perbaikan == "Lampirkan rekap SIAK."
    assert "Lampirkan rekap SIAK." in _audit(ev)[-1].comment
    assert evaluasi_perubahan.changes_since_return(ev) == []
    evaluasi_services.save_draft(pegawai, ev, revisi=ev.revisi,
                          realisasi={first.indikator_id: "325 perekaman (rekap SIAK)"},
                          penilaian_diri=ev.penilaian_diri)
    evaluasi_services.add_bukti_tautan(pegawai, ev, "https://drive.example.org/rekap", "Rekap SIAK",
                                first.indikator_id)
    evaluasi_services.submit_evaluasi(pegawai, ev, revisi=ev.revisi)
    changes = evaluasi_perubahan.changes_since_return(ev)
    assert [(c.kind, c.before, c.after) for c in changes] == [
        ("realisasi", "310 perekaman", "325 perekaman (rekap SIAK)"),
        ("bukti_baru", "", "Rekap SIAK"),
    ]


def test_submit_refused_while_something_is_empty(world, year, skp_set):
    user = world.users["pegawai"]
    from tests.appraisals.factories import periode
    ev = evaluasi_services.start_evaluasi(user, user.pegawai, periode(year))
    with pytest.raises(DomainError) as err:
        evaluasi_services.submit_evaluasi(user, ev, revisi=ev.revisi)
    assert err.value.field.startswith("realisasi_")
    assert ev.status == StatusEvaluasi.DRAF


def test_evaluation_needs_a_set_skp_and_an_open_period(world, year, atasan_skp):
    from tests.appraisals.factories import periode
    user = world.users["pegawai"]
    with pytest.raises(DomainError, match="belum ditetapkan"):
        evaluasi_services.start_evaluasi(user, user.pegawai, periode(year))
    periode_services.close_period(world.users["admin_pemda"], periode(year))
    with pytest.raises(DomainError, match="ditutup"):
        evaluasi_services.start_evaluasi(user, user.pegawai, periode(year))


def test_a_closed_period_accepts_nothing_new_from_the_pegawai(world, year, skp_set):
    from tests.appraisals.factories import periode
    user = world.users["pegawai"]
    ev = evaluasi_services.start_evaluasi(user, user.pegawai, periode(year))
    periode_services.close_period(world.users["admin_pemda"], periode(year))
    with pytest.raises(DomainError, match="ditutup"):
        evaluasi_services.save_draft(user, ev, revisi=ev.revisi, realisasi={}, penilaian_diri="x")
    with pytest.raises(DomainError, match="ditutup"):
        evaluasi_services.add_bukti_tautan(user, ev, "https://example.org/a", None, None)


def test_only_the_direct_supervisor_rates(world, year, skp_set):
    ev = make_submitted_evaluasi(world, year, skp_set)
    review = penilaian_services.Review(rating_hasil="sesuai", rating_perilaku="sesuai")
    for name in ("pegawai", "admin_opd", "admin_pemda"):
        with pytest.raises(DomainError):
            penilaian_services.approve_evaluasi(world.users[name], ev, review, revisi=ev.revisi)
    assert ev.status == StatusEvaluasi.DIAJUKAN


def test_stale_draft_from_another_tab_is_refused(world, year, skp_set):
    from tests.appraisals.factories import periode
    user = world.users["pegawai"]
    ev = evaluasi_services.start_evaluasi(user, user.pegawai, periode(year))
    tab = ev.revisi
    ind = ev.realisasi[0].indikator_id
    evaluasi_services.save_draft(user, ev, revisi=tab, realisasi={ind: "dari tab A"}, penilaian_diri="")
    with pytest.raises(StaleForm):
        evaluasi_services.save_draft(user, ev, revisi=tab, realisasi={ind: "dari tab B"},
                              penilaian_diri="")
    assert ev.realisasi[0].realisasi == "dari tab A"


def test_links_must_be_web_addresses(world, year, skp_set):
    from tests.appraisals.factories import periode
    user = world.users["pegawai"]
    ev = evaluasi_services.start_evaluasi(user, user.pegawai, periode(year))
    for bad in ("javascript:alert(1)", "drive.example.org/x", "ftp://example.org/x"):
        with pytest.raises(DomainError) as err:
            evaluasi_services.add_bukti_tautan(user, ev, bad, None, None)
        assert err.value.field == "tautan"


def test_return_with_a_comment_per_row_shown_until_set(world, year, atasan_skp):
    pegawai, atasan = world.users["pegawai"], world.users["atasan"]
    skp = make_draft_skp(world, year, atasan_skp)
    skp_services.submit_skp(pegawai, skp, revisi=skp.revisi)
    rhk = skp.rhk[0]
    skp_services.return_skp(atasan, skp, revisi=skp.revisi, alasan="Perbaiki target",
                        catatan_rhk={rhk.id: "Naikkan target perekaman", 999: "bukan baris ini"})
    assert rhk.catatan_perbaikan == "Naikkan target perekaman"
    assert "Naikkan target perekaman" in _audit(skp)[-1].comment
    skp_services.submit_skp(pegawai, skp, revisi=skp.revisi)
    skp_services.approve_skp(atasan, skp, revisi=skp.revisi)
    assert rhk.catatan_perbaikan is None
