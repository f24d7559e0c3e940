"""`make run` shows full desks: demo complaints in every state, some past their deadline."""

import sqlalchemy as sa

from portal.complaints.models import KaitanPegawai, Pengaduan, StatusPengaduan
from portal.demo.complaints import build_demo_complaints
from portal.demo.org import build_demo_data


def test_demo_complaints_cover_every_state_and_fill_the_desks(db, client):
    result = build_demo_data(80, seed=7)
    logins = {login["role"]: login for login in result.logins}
    assert build_demo_complaints(seed=7, pegawai_nip=logins["pegawai"]["username"]) == 36
    states = set(db.session.scalars(sa.select(Pengaduan.status).distinct()))
    # "diverifikasi" is momentary here: the koordinator verifies and routes in one decision
    assert states == set(StatusPengaduan) - {StatusPengaduan.DIVERIFIKASI}
    for role, path in (("koordinator_pengaduan", "/meja/koordinator"),
                       ("petugas_pengaduan", "/meja/opd")):
        client.post_form("/masuk", {"username": logins[role]["username"],
                                    "password": logins[role]["password"]})
        html = client.get(path).get_data(as_text=True)
        assert "Terlambat" in html, role
        assert html.count('<tr class="late">') >= 1
        client.post_form("/keluar")
    closed = db.session.scalar(sa.select(Pengaduan).where(
        Pengaduan.status == StatusPengaduan.DITUTUP, Pengaduan.dibuka_ulang == 1))
    html = client.get(f"/pengaduan/{closed.kode_lacak}").get_data(as_text=True)
    assert "Ditutup" in html and "belum menyelesaikan masalah" in html
    # two routed complaints are tied to the demo pegawai, for their supervisor to read
    linked = db.session.scalars(sa.select(KaitanPegawai)).all()
    assert len(linked) == 2
    assert {k.pegawai.nip for k in linked} == {logins["pegawai"]["username"]}
