"""`flask demo-data` on an empty database shows this half of issue 3 full: peer feedback with and
without enough answers (one waiting in the demo pegawai's inbox), a keberatan pending and one
decided, organisation predikat for the calibration table, and the logins to see them."""

import sqlalchemy as sa

from portal.appraisals.keberatan.models import Keberatan, StatusKeberatan
from portal.appraisals.pemantauan.models import PredikatOrganisasi
from portal.appraisals.predikat import hitung_predikat
from portal.appraisals.umpan_balik.models import PermintaanUmpanBalik, StatusUmpanBalik
from portal.demo.appraisals import build_demo_appraisals
from portal.demo.org import build_demo_data
from portal.demo.umpan_balik import build_demo_feedback


def _login(client, login):
    client.post_form("/keluar")
    response = client.post_form("/masuk", {"username": login["username"],
                                           "password": login["password"]})
    assert response.status_code == 302, login


def test_demo_feedback_keberatan_and_monitoring(db, client):
    result = build_demo_data(300, seed=7)
    build_demo_appraisals(seed=7, logins=result.logins)
    counts, logins = build_demo_feedback(seed=7, logins=result.logins)
    db.session.commit()
    assert counts["predikat_organisasi"] >= 2 and counts["keberatan"] == 2
    answered: dict[int, int] = {}
    for p in db.session.scalars(sa.select(PermintaanUmpanBalik)):
        answered.setdefault(p.evaluasi_id, 0)
        answered[p.evaluasi_id] += p.status == StatusUmpanBalik.DIJAWAB
    assert sorted(answered.values()) == [1, 3]
    statuses = {k.status: k for k in db.session.scalars(sa.select(Keberatan))}
    assert set(statuses) == {StatusKeberatan.DIAJUKAN, StatusKeberatan.DIPUTUS}
    decided = statuses[StatusKeberatan.DIPUTUS]
    assert decided.evaluasi.predikat == decided.predikat_akhir == hitung_predikat(
        decided.rating_hasil_akhir, decided.rating_perilaku_akhir)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PredikatOrganisasi)) == (
        counts["predikat_organisasi"])

    every = {login["role"]: login for login in result.logins + logins}
    assert {"rekan_kerja", "atasan_pejabat_penilai"} <= set(every)

    _login(client, every["pegawai"])
    inbox = client.get("/kinerja/umpan-balik/masuk").get_data(as_text=True)
    assert "1 permintaan menunggu jawaban Anda." in inbox
    page = client.get(f"/kinerja/evaluasi/{decided.evaluasi_id}").get_data(as_text=True)
    assert "Ringkasan dari 3 rekan kerja" in page and "Rating diubah" in page

    _login(client, every["rekan_kerja"])
    inbox = client.get("/kinerja/umpan-balik/masuk").get_data(as_text=True)
    assert "1 permintaan menunggu jawaban Anda." in inbox

    _login(client, every["atasan_pejabat_penilai"])
    listing = client.get("/kinerja/keberatan").get_data(as_text=True)
    assert statuses[StatusKeberatan.DIAJUKAN].pegawai.nama in listing

    admin_opd = next(login for login in result.logins if login["role"] == "admin_opd")
    _login(client, admin_opd)
    periode = decided.evaluasi.periode_id
    page = client.get(f"/kinerja/pemantauan?periode={periode}").get_data(as_text=True)
    assert "Kalibrasi terhadap predikat organisasi" in page and "Predikat organisasi: Baik" in page

    pemda_admin = next(login for login in logins if login["role"] == "admin_pemda")
    _login(client, pemda_admin)
    page = client.get(f"/kinerja/pemantauan?periode={periode}").get_data(as_text=True)
    assert "Dinas Kependudukan" in page
