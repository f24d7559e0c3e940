"""The people concerned are told inside the portal: the pejabat penilai when something is
submitted, the pegawai when it is returned or approved, each with a link to the item."""

import sqlalchemy as sa

from portal.appraisals.penilaian import services as penilaian_services
from portal.appraisals.skp import services as skp_services
from portal.notifications.kinds import message
from portal.notifications.models import Notifikasi
from tests.appraisals.factories import make_draft_skp, make_submitted_evaluasi


def _inbox(db, user):
    return [(n.jenis, n.params, n.url) for n in db.session.scalars(
        sa.select(Notifikasi).where(Notifikasi.user_id == user.id).order_by(Notifikasi.id))]


def test_skp_submitted_returned_and_set(db, world, year, atasan_skp):
    pegawai, atasan = world.users["pegawai"], world.users["atasan"]
    skp = make_draft_skp(world, year, atasan_skp)
    skp_services.submit_skp(pegawai, skp, revisi=skp.revisi)
    assert _inbox(db, atasan) == [("skp_diajukan", {"nama": "Dewi Lestari", "periode": "2026"},
                                   f"/kinerja/penilaian/skp/{skp.id}")]
    skp_services.return_skp(atasan, skp, revisi=skp.revisi, alasan="Perbaiki target")
    skp_services.submit_skp(pegawai, skp, revisi=skp.revisi)
    skp_services.approve_skp(atasan, skp, revisi=skp.revisi)
    assert [kind for kind, _p, _u in _inbox(db, pegawai)] == ["skp_dikembalikan",
                                                               "skp_disetujui"]
    assert _inbox(db, pegawai)[0][2] == f"/kinerja/skp/{skp.id}"


def test_evaluation_submitted_and_approved(db, world, year, skp_set):
    ev = make_submitted_evaluasi(world, year, skp_set)
    atasan = world.users["atasan"]
    said = [message(kind, params) for kind, params, _u in _inbox(db, atasan)]
    assert "Dewi Lestari mengajukan evaluasi kinerja Triwulan I 2026." in said
    penilaian_services.approve_evaluasi(atasan, ev, penilaian_services.Review(rating_hasil="sesuai",
                                                              rating_perilaku="sesuai"),
                                revisi=ev.revisi)
    kind, params, url = _inbox(db, world.users["pegawai"])[-1]
    assert (kind, url) == ("evaluasi_disetujui", f"/kinerja/evaluasi/{ev.id}")
    assert message(kind, params) == "Evaluasi kinerja Triwulan I 2026 Anda telah disetujui."


def test_a_notification_reads_in_the_readers_language(app, db, world, year, skp_set):
    """Issue 11: the period is stored as a value and named when shown, so an English reader of
    a notification caused in Indonesian reads "Quarter I 2026", not "Triwulan I 2026"."""
    make_submitted_evaluasi(world, year, skp_set)
    kind, params, _url = _inbox(db, world.users["atasan"])[-1]
    with app.test_request_context(headers={"Cookie": "bahasa=en"}):
        text = message(kind, params)
    assert "Quarter I 2026" in text and "Triwulan" not in text


def test_no_notification_when_the_supervisor_has_no_account(db, world, year, atasan_skp):
    world.users["atasan"].pegawai_id = None  # the supervisor never signed up
    db.session.flush()
    skp = make_draft_skp(world, year, atasan_skp)
    skp_services.submit_skp(world.users["pegawai"], skp, revisi=skp.revisi)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notifikasi)) == 0
