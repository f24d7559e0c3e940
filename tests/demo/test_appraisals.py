"""`make run` shows full appraisal pages: SKPs and evaluations in every state, the demo pejabat
penilai's queue with waiting items (one a resubmission), the demo pegawai with a draft to finish,
and consistent data (every approved evaluation's predikat follows from its ratings)."""

import re

import sqlalchemy as sa

from portal.appraisals.evaluasi.models import Evaluasi, StatusEvaluasi
from portal.appraisals.predikat import hitung_predikat
from portal.appraisals.skp.models import Skp, StatusSkp
from portal.core.models import AuditEntry
from portal.demo.appraisals import build_demo_appraisals
from portal.demo.org import build_demo_data


def test_demo_appraisals_cover_every_state_and_fill_the_queue(db, client):
    result = build_demo_data(300, seed=7)
    counts = build_demo_appraisals(seed=7, logins=result.logins)
    assert counts["skp"] > 20 and counts["evaluasi"] > 40
    assert set(db.session.scalars(sa.select(Skp.status).distinct())) == set(StatusSkp) - {
        StatusSkp.DIGANTI}  # a revision waits: the set version is not replaced yet
    assert set(db.session.scalars(sa.select(Evaluasi.status).distinct())) == set(
        StatusEvaluasi)
    for ev in db.session.scalars(sa.select(Evaluasi).where(
            Evaluasi.status == StatusEvaluasi.DISETUJUI)):
        assert ev.predikat == hitung_predikat(ev.rating_hasil, ev.rating_perilaku)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry).where(
        AuditEntry.object_type == "evaluasi")) > counts["evaluasi"]

    logins = {login["role"]: login for login in result.logins}
    client.post_form("/masuk", {"username": logins["pejabat_penilai"]["username"],
                                "password": logins["pejabat_penilai"]["password"]})
    html = client.get("/kinerja/penilaian").get_data(as_text=True)
    assert "Menunggu penilaian" in html
    assert len(re.findall(r'<a href="/kinerja/penilaian/(?:skp|evaluasi)/\d+" hx-get', html)) >= 3
    assert "diajukan ulang" in html
    client.post_form("/keluar")
    client.post_form("/masuk", {"username": logins["pegawai"]["username"],
                                "password": logins["pegawai"]["password"]})
    html = client.get("/kinerja").get_data(as_text=True)
    assert "Ditetapkan" in html and "Draf" in html and "Disetujui" in html

