"""`flask demo-data` shows coaching plans in every state on a fresh database: the demo pegawai
with a running plan (and its catalogue training waiting), the pejabat penilai with a proposed
plan past its day, one from a complaint and one waiting for the pegawai's agreement; the admin
OPD and monitoring with the overdue flag; the published quarter with both plan shares."""

import sqlalchemy as sa

from portal.demo.appraisals import build_demo_appraisals
from portal.demo.complaints import build_demo_complaints
from portal.demo.org import build_demo_data
from portal.demo.pembinaan import DEMO_OPD_SLUG, build_demo_pembinaan
from portal.demo.rencana import build_demo_rencana
from portal.demo.scorecards import publish_demo_periods
from portal.pembinaan.rencana.models import RencanaPembinaan, StatusRencana, SumberRencana
from portal.scorecards import cache
from portal.scorecards.models import PublikasiRapor, RaporOpd
from tests.demo.test_pembinaan import _login


def test_demo_plans_in_every_state(db, client):
    cache.clear()
    result = build_demo_data(300, seed=7)
    pegawai_nip = next(r["username"] for r in result.logins if r["role"] == "pegawai")
    build_demo_complaints(7, pegawai_nip=pegawai_nip)
    build_demo_appraisals(seed=7, logins=result.logins)
    build_demo_pembinaan(seed=7, logins=result.logins)
    made = build_demo_rencana(result.logins)["rencana_pembinaan"]
    publish_demo_periods()
    db.session.commit()
    plans = list(db.session.scalars(sa.select(RencanaPembinaan)))
    assert made == len(plans) >= 12
    assert {p.status for p in plans} == set(StatusRencana)
    assert SumberRencana.PENGADUAN in {p.sumber for p in plans}
    logins = {login["role"]: login for login in result.logins}

    _login(client, logins["pegawai"])
    page = client.get("/pembinaan/rencana").get_data(as_text=True)
    assert "Permintaan pegawai</strong></a>\n  — Berjalan" in page
    _login(client, logins["pejabat_penilai"])
    page = client.get("/pembinaan/rencana").get_data(as_text=True)
    assert "lewat batas" in page and "Pengaduan masyarakat" in page
    _login(client, logins["admin_opd"])
    assert "belum dibuka padahal batasnya sudah lewat" in client.get(
        "/kinerja/pemantauan").get_data(as_text=True)

    latest = db.session.scalar(sa.select(RaporOpd).join(RaporOpd.publikasi).where(
        PublikasiRapor.terkini, RaporOpd.opd_slug == DEMO_OPD_SLUG))
    block = latest.data["pembinaan"]
    assert block["persen_rencana_tepat_waktu"] is not None
    assert block["persen_rencana_berhasil"] == 80.0
