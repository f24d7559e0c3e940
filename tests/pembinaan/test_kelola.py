"""The admin's pages: the catalogue form (bad input kept, rules on counted JP), the list of
staff below target per unit, and its CSV and XLSX downloads."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import sqlalchemy as sa

from portal.extensions import db
from portal.pembinaan.kompetensi.models import Kegiatan, StatusMandiri, StatusPeserta
from tests.pembinaan.factories import make_kegiatan, make_mandiri, make_peserta

FORM = {"judul": "Pelatihan Teknis Pelayanan Adminduk", "bentuk": "pelatihan_teknis",
        "penyelenggara": "BPSDM Provinsi Lampung", "jp": "32", "tanggal_mulai": "2026-04-06",
        "tanggal_selesai": "2026-04-09", "kompetensi": "teknis", "sumber_anggaran": "apbd",
        "asal_kebutuhan": "pengaduan", "keterangan_kebutuhan": "Keluhan antrean perekaman.",
        "aktif": "y"}

HEADER = ["Unit kerja", "NIP", "Nama", "Jabatan", "Status ASN", "JP tercatat", "JP dihitung",
          "Target JP", "Kekurangan JP", "Mencapai target"]


def test_admin_opd_adds_an_activity_and_bad_input_is_kept(client, sign_in, world):
    sign_in("admin_opd")
    form = client.get("/pembinaan/kelola/kegiatan/baru").get_data(as_text=True)
    assert "Klasikal" in form and "Komunitas belajar" in form
    data = {**FORM, "lingkup": f"opd:{world.opd.id}", "tanggal_selesai": "2026-04-01"}
    bad = client.post_form("/pembinaan/kelola/kegiatan/baru", data)
    assert bad.status_code == 422
    page = bad.get_data(as_text=True)
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in page
    assert "Pelatihan Teknis Pelayanan Adminduk" in page and "Keluhan antrean perekaman." in page
    foreign = client.post_form("/pembinaan/kelola/kegiatan/baru",
                               {**FORM, "lingkup": f"opd:{world.opd_lain.id}"})
    assert foreign.status_code == 422  # not one of the choices
    ok = client.post_form("/pembinaan/kelola/kegiatan/baru",
                          {**FORM, "lingkup": f"opd:{world.opd.id}"})
    assert ok.status_code == 303
    kegiatan = db.session.scalars(sa.select(Kegiatan)).one()
    assert (kegiatan.opd_id, kegiatan.jp, kegiatan.asal_kebutuhan.value) == (
        world.opd.id, 32, "pengaduan")
    assert "Pelatihan Teknis Pelayanan Adminduk" in client.get(
        "/pembinaan/kelola/kegiatan").get_data(as_text=True)


def test_admin_pemda_offers_an_activity_to_every_opd(client, sign_in, world):
    sign_in("admin_pemda")
    response = client.post_form("/pembinaan/kelola/kegiatan/baru",
                                {**FORM, "lingkup": f"pemda:{world.pemda.id}"})
    assert response.status_code == 303
    kegiatan = db.session.scalars(sa.select(Kegiatan)).one()
    assert kegiatan.opd_id is None and kegiatan.pemda_id == world.pemda.id
    sign_in("pegawai")
    assert FORM["judul"] in client.get("/pembinaan/kompetensi").get_data(as_text=True)


def test_counted_jp_fix_the_activity(client, sign_in, world):
    kegiatan = make_kegiatan(world.opd)
    make_peserta(kegiatan, world.pegawai["staf"], StatusPeserta.SELESAI)
    db.session.commit()
    sign_in("admin_opd")
    data = {**FORM, "lingkup": f"opd:{world.opd.id}", "tanggal_mulai": "2026-03-02",
            "tanggal_selesai": "2026-03-05", "jp": "40"}
    response = client.post_form(f"/pembinaan/kelola/kegiatan/{kegiatan.id}/ubah", data)
    assert response.status_code == 422
    assert "tidak dapat diubah lagi" in response.get_data(as_text=True)
    data["jp"] = "24"
    assert client.post_form(f"/pembinaan/kelola/kegiatan/{kegiatan.id}/ubah",
                            data).status_code == 303
    db.session.expire_all()
    assert db.session.get(Kegiatan, kegiatan.id).judul == FORM["judul"]


def _filled(world):
    """Dewi 24 JP (a course), Budi 10 JP (e-learning), everyone else nothing; one 2025 record."""
    kegiatan = make_kegiatan(world.opd)
    make_peserta(kegiatan, world.pegawai["staf"], StatusPeserta.SELESAI)
    make_mandiri(world.pegawai["staf2"], StatusMandiri.DIVERIFIKASI, jp=10)
    make_mandiri(world.pegawai["staf2"], StatusMandiri.DIVERIFIKASI, jp=30,
                 selesai=date(2025, 12, 30))
    make_mandiri(world.pegawai["staf2"], StatusMandiri.DIAJUKAN, jp=30)  # not verified yet
    db.session.commit()


def test_below_target_per_unit(client, sign_in, world):
    _filled(world)
    sign_in("admin_opd")
    page = client.get("/pembinaan/kelola?tahun=2026").get_data(as_text=True)
    assert "Seksi Identitas Penduduk" in page and "2 dari 3 pegawai di bawah target." in page
    assert "Budi Santoso" in page and "Dewi Lestari" not in page
    everyone = client.get("/pembinaan/kelola?tahun=2026&semua=1").get_data(as_text=True)
    assert "Dewi Lestari" in everyone
    assert "Verifikasi pembelajaran mandiri (1 menunggu)" in page


def test_below_target_list_is_paged(client, sign_in, world, monkeypatch):
    """A large OPD's list comes a page at a time; the unit summary and the downloads hold all."""
    from portal.pembinaan.kompetensi import kelola

    _filled(world)
    monkeypatch.setattr(kelola, "PER_PAGE", 2)
    sign_in("admin_opd")
    first = client.get("/pembinaan/kelola?tahun=2026&semua=1").get_data(as_text=True)
    second = client.get("/pembinaan/kelola?tahun=2026&semua=1&page=2").get_data(as_text=True)
    names = ["Drs. Hendra Saputra, M.Si.", "Sri Wahyuni, S.E.", "Ahmad Fauzi, S.Kom.",
             "Budi Santoso", "Dewi Lestari"]
    on_first = {n for n in names if f">{n}</a>" in first}
    on_second = {n for n in names if f">{n}</a>" in second}
    assert len(on_first) == 2 and len(on_second) == 2 and not on_first & on_second
    assert "Halaman 1 dari 3" in first and 'rel="next"' in first
    assert "Ringkasan per unit kerja" in second
    far = client.get("/pembinaan/kelola?tahun=2026&semua=1&page=99").get_data(as_text=True)
    assert "Halaman 3 dari 3" in far
    csv = client.get("/pembinaan/kelola/rekap.csv?tahun=2026&semua=1").get_data(as_text=True)
    assert all(n in csv for n in names)


def test_csv_and_xlsx_columns(client, sign_in, world):
    _filled(world)
    sign_in("admin_opd")
    response = client.get(f"/pembinaan/kelola/rekap.csv?opd={world.opd.id}&tahun=2026&semua=1")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "jp-disdukcapil-bdl-2026.csv" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == HEADER
    budi = next(r for r in rows if r[2] == "Budi Santoso")
    dewi = next(r for r in rows if r[2] == "Dewi Lestari")
    assert budi[:2] == ["Seksi Identitas Penduduk", world.pegawai["staf2"].nip]
    assert budi[4:] == ["PPPK", "10", "10", "20", "10", "Tidak"]
    assert dewi[4:] == ["PNS", "24", "24", "20", "0", "Ya"]
    below = client.get(f"/pembinaan/kelola/rekap.csv?opd={world.opd.id}&tahun=2026")
    assert "Dewi Lestari" not in below.get_data(as_text=True)

    xlsx = client.get(f"/pembinaan/kelola/rekap.xlsx?opd={world.opd.id}&tahun=2026&semua=1")
    assert xlsx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(xlsx.data)) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
    for text in [*HEADER, "Budi Santoso", world.pegawai["staf2"].nip]:
        assert text in strings  # the NIP as text, not 1.98E+17


def test_english_pages(client, sign_in, world):
    _filled(world)
    sign_in("pegawai")
    client.get("/bahasa/en")
    page = client.get("/pembinaan/kompetensi?tahun=2026").get_data(as_text=True)
    assert "My competency development" in page and "24 of 20 JP" in page
