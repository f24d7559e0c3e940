"""`flask demo-data` shows competency development on a fresh database: the demo pegawai under
20 JP with a proposal and a certificate waiting, the pejabat penilai with that proposal to
decide, the admin OPD with staff below target and certificates to verify, the admin pemda with
the provincial catalogue."""

import sqlalchemy as sa

from portal.demo.org import build_demo_data
from portal.demo.pembinaan import build_demo_pembinaan
from portal.pembinaan.kompetensi.models import (
    PembelajaranMandiri,
    PesertaKegiatan,
    StatusMandiri,
    StatusPeserta,
)


def _login(client, login):
    client.post_form("/keluar")
    response = client.post_form("/masuk", {"username": login["username"],
                                           "password": login["password"]})
    assert response.status_code == 302, login




def test_demo_pages_show_something(db, client):
    result = build_demo_data(300, seed=7)
    counts = build_demo_pembinaan(seed=7, logins=result.logins)
    db.session.commit()
    assert counts["kegiatan_pengembangan"] >= 10
    assert counts["peserta_kegiatan"] > 20 and counts["pembelajaran_mandiri"] > 5
    statuses = set(db.session.scalars(sa.select(PesertaKegiatan.status)))
    assert {StatusPeserta.SELESAI, StatusPeserta.DIUSULKAN, StatusPeserta.DISETUJUI} <= statuses
    assert StatusMandiri.DIAJUKAN in set(db.session.scalars(sa.select(PembelajaranMandiri.status)))
    logins = {login["role"]: login for login in result.logins}

    _login(client, logins["pegawai"])
    page = client.get("/pembinaan/kompetensi").get_data(as_text=True)
    assert "16 dari 20 JP" in page and "Menunggu verifikasi admin OPD" in page
    assert "Menunggu persetujuan atasan" in page

    _login(client, logins["pejabat_penilai"])
    page = client.get("/pembinaan/kompetensi").get_data(as_text=True)
    assert logins["pegawai"]["nama"] in page and "usulan" in page

    _login(client, logins["admin_opd"])
    page = client.get("/pembinaan/kelola").get_data(as_text=True)
    assert "pegawai di bawah target" in page and "Kekurangan JP" in page
    assert "Verifikasi pembelajaran mandiri (0 menunggu)" not in page
    queue = client.get("/pembinaan/kelola/verifikasi").get_data(as_text=True)
    assert "sertifikat.pdf" in queue

    _login(client, logins["admin_pemda"])
    page = client.get("/pembinaan/kelola/kegiatan").get_data(as_text=True)
    assert "Pelatihan Kepemimpinan Administrator Angkatan II" in page


def test_demo_rewards(db, client):
    from portal.demo.appraisals import build_demo_appraisals
    from portal.demo.penghargaan import build_demo_penghargaan
    from portal.pembinaan.penghargaan.models import Penghargaan, StatusPenghargaan

    result = build_demo_data(300, seed=7)
    build_demo_appraisals(seed=7, logins=result.logins)
    assert build_demo_penghargaan() == {"penghargaan": 2}
    db.session.commit()
    items = list(db.session.scalars(sa.select(Penghargaan).order_by(Penghargaan.id)))
    assert [p.status for p in items] == [StatusPenghargaan.DISETUJUI, StatusPenghargaan.DIUSULKAN]
    logins = {login["role"]: login for login in result.logins}
    _login(client, logins["admin_opd"])
    page = client.get(f"/pembinaan/penghargaan?tahun={items[0].tahun}").get_data(as_text=True)
    assert items[0].nomor_sk in page and "Diusulkan, menunggu keputusan" in page
    assert "Usulkan penghargaan" in page  # candidates left
def test_a_fresh_demo_publication_shows_real_jp_figures(db, client):
    from portal.demo.pembinaan import DEMO_OPD_SLUG
    from portal.demo.scorecards import publish_demo_periods
    from portal.scorecards import cache
    from portal.scorecards.models import PublikasiRapor, RaporOpd

    cache.clear()
    build_demo_data(300, seed=3)
    build_demo_pembinaan(seed=3)
    publish_demo_periods()
    db.session.commit()
    current = db.session.scalars(sa.select(RaporOpd).join(RaporOpd.publikasi).where(
        PublikasiRapor.terkini)).all()
    with_figures = [r for r in current
                    if r.data["pembinaan"].get("persen_pns_target_jp") is not None
                    and r.data["pembinaan"]["persen_0_jp"] < 100]
    assert len(with_figures) >= 2
    assert all(r.publikasi.metodologi_versi == "1.3" for r in current)
    html = client.get(f"/instansi/{DEMO_OPD_SLUG}").get_data(as_text=True)
    assert "PNS mencapai target JP (%)" in html and "belum dihitung" not in html
