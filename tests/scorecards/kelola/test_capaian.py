"""Monthly service-standard figures: entered by the OPD's admin, or imported from CSV all or
nothing with every bad row reported; they reach the public only through a publication."""

import io

import sqlalchemy as sa

from portal.scorecards.models import CapaianLayanan
from tests.scorecards.conftest import publish


def _form(world, **extra):
    data = {"layanan_id": world.layanan.id, "tahun": "2026", "bulan": "5", "permohonan": "120",
            "selesai_tepat_waktu": "96", "rata_hari_proses": "1.4", "rata_menit_tunggu": "22.5"}
    data.update(extra)
    return data


def _rows(db):
    return db.session.scalars(sa.select(CapaianLayanan).order_by(CapaianLayanan.bulan)).all()


def test_admin_opd_enters_and_corrects_a_month(client, db, world, login_as):
    login_as("admin_opd")
    assert client.get("/kelola/capaian").headers["Location"].endswith(
        f"/kelola/opd/{world.opd.id}/capaian")
    response = client.post_form(f"/kelola/opd/{world.opd.id}/capaian", _form(world),
                                follow_redirects=True)
    assert "Capaian Penerbitan KTP-el tersimpan." in response.get_data(as_text=True)
    client.post_form(f"/kelola/opd/{world.opd.id}/capaian", _form(world, permohonan="130"))
    (row,) = _rows(db)
    assert (row.permohonan, row.selesai_tepat_waktu, float(row.rata_hari_proses)) == (130, 96, 1.4)


def test_bad_figures_come_back_next_to_the_field(client, db, world, login_as):
    login_as("admin_opd")
    html = client.post_form(f"/kelola/opd/{world.opd.id}/capaian",
                            _form(world, selesai_tepat_waktu="200")).get_data(as_text=True)
    assert "Yang selesai tepat waktu harus antara 0 dan jumlah permohonan." in html
    assert 'value="200"' in html and _rows(db) == []
    html = client.post_form(f"/kelola/opd/{world.opd.id}/capaian",
                            _form(world, tahun="2099")).get_data(as_text=True)
    assert "Bulan itu belum berjalan" in html


def test_other_opd_admin_is_refused(client, db, world, login_as):
    login_as("admin_opd_lain")
    assert client.get(f"/kelola/opd/{world.opd.id}/capaian").status_code == 403
    assert client.post_form(f"/kelola/opd/{world.opd.id}/capaian/impor",
                            {}).status_code == 403
    client.post_form("/keluar")
    login_as("pegawai")
    assert client.get(f"/kelola/opd/{world.opd.id}/capaian").status_code == 403


def _upload(client, world, text):
    return client.post_form(f"/kelola/opd/{world.opd.id}/capaian/impor", {
        "berkas": (io.BytesIO(text.encode()), "capaian.csv")},
        content_type="multipart/form-data", follow_redirects=True)


def test_import_is_all_or_nothing_and_names_every_bad_row(client, db, world, login_as):
    login_as("admin_opd")
    template = client.get(f"/kelola/opd/{world.opd.id}/capaian/templat.csv").get_data(
        as_text=True)
    assert template.startswith("layanan,tahun,bulan,permohonan,selesai_tepat_waktu")
    bad = ("layanan,tahun,bulan,permohonan,selesai_tepat_waktu,rata_hari_proses,"
           "rata_menit_tunggu\n"
           "ktp-el,2026,4,100,90,1.2,15\n"
           "paspor,2026,4,10,5,1,5\n"
           "ktp-el,2026,13,10,5,1,5\n"
           "ktp-el,2026,5,10,50,1,5\n"
           "ktp-el,2026,4,100,90,1.2,15\n"
           "ktp-el,2026,6,sepuluh,5,1,5\n")
    html = _upload(client, world, bad).get_data(as_text=True)
    assert "Tidak ada yang disimpan: 5 masalah ditemukan" in html
    for row, text in ((3, "tidak ada di OPD ini"), (4, "Bulan harus 1 sampai 12."),
                      (5, "Yang selesai tepat waktu harus antara"),
                      (6, "sudah ada di baris 2"), (7, "kolom permohonan harus berupa angka")):
        assert f'<td class="num">{row}</td><td>' in html and text in html
    assert _rows(db) == []
    good = (bad.splitlines()[0] + "\nktp-el,2026,4,100,90,\"1,2\",15\n"
            "Penerbitan KTP-el,2026,5,50,40,2,30\n")
    html = _upload(client, world, good).get_data(as_text=True)
    assert "Impor selesai: 2 bulan baru, 0 diperbarui." in html
    assert [(r.bulan, r.permohonan, float(r.rata_hari_proses)) for r in _rows(db)] == [
        (4, 100, 1.2), (5, 50, 2.0)]


def test_figures_reach_the_scorecard_weighted_by_applications(client, db, world):
    for bulan, permohonan, tepat, hari, menit in ((4, 100, 90, 1, 10), (5, 300, 210, 3, 30)):
        db.session.add(CapaianLayanan(layanan_id=world.layanan.id, opd_id=world.opd.id,
                                      tahun=2026, bulan=bulan, permohonan=permohonan,
                                      selesai_tepat_waktu=tepat, rata_hari_proses=hari,
                                      rata_menit_tunggu=menit))
    db.session.flush()
    publish(world)
    rows = client.get(f"/data/instansi/{world.opd.slug}/standar-pelayanan.json").get_json()
    ktp = rows["baris"][0]
    assert ktp["layanan"] == "Penerbitan KTP-el"
    assert (ktp["permohonan"], ktp["selesai_tepat_waktu"], ktp["persen_tepat_waktu"]) == (
        400, 300, 75.0)
    assert (ktp["rata_hari_proses"], ktp["rata_menit_tunggu"]) == (2.5, 25.0)
