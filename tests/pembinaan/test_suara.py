"""From the public's voice to action (issue 10, deliverable 5): the weakest unsur of a service's
latest publication and its recurring complaint categories, the pemda's mapping to catalogue
activities (list, add, change, delete, validation), and the planned activity for the service's
staff that follows (participants proposed, the need from the public's voice)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa

from portal.complaints.models import KategoriPengaduan, StatusPengaduan
from portal.extensions import db
from portal.pembinaan.kompetensi.models import (
    AsalKebutuhan,
    BentukKegiatan,
    Kegiatan,
    StatusPeserta,
    SumberSuara,
)
from portal.pembinaan.suara import queries
from portal.pembinaan.suara.models import PemetaanSuara
from portal.pembinaan.suara.routes import bulan_lalu
from portal.scorecards import cache
from tests.pembinaan.factories import make_kegiatan
from tests.pembinaan.suara_factories import make_pemetaan, make_pengaduan
from tests.scorecards.conftest import add_answers, publish

#: every unsur 3 except u3 (waktu penyelesaian) 2: the weakest
SKOR_WAKTU_RENDAH = (3, 3, 2, 3, 3, 3, 3, 3, 3)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture()
def layanan(world):
    world.layanan.unit = world.units["bidang"]
    db.session.flush()
    return world.layanan


@pytest.fixture()
def katalog(world):
    """A provincial procedure course for every OPD, a Disdukcapil coaching, one of DPMPTSP."""
    return {
        "prosedur": make_kegiatan(pemda=world.pemda, judul="Pelatihan Tata Kelola Prosedur "
                                  "dan Aplikasi Pelayanan", mulai=date(2026, 4, 6),
                                  selesai=date(2026, 4, 8)),
        "coaching": make_kegiatan(world.opd, judul="Coaching Perilaku Pelayanan Prima",
                                  bentuk=BentukKegiatan.COACHING, jp=8),
        "lain": make_kegiatan(world.opd_lain, judul="Bimtek Perizinan Berusaha"),
    }


# --- the pure rules ------------------------------------------------------------------------------

def test_the_weakest_unsur_ties_and_missing_figures():
    assert queries.unsur_terlemah([3.1, 2.9, 2.5, 3.0, 3.2, 3.3, 3.4, 3.0, 2.8]) == ["waktu"]
    # a tie: both are the weakest
    assert queries.unsur_terlemah([3.1, 2.5, 2.5, 3.0, 3.2, 3.3, 3.4, 3.0, 2.8]) == [
        "prosedur", "waktu"]
    # no survey, or every figure hidden by the privacy rule: nothing to name
    assert queries.unsur_terlemah(None) == []
    assert queries.unsur_terlemah([None] * 9) == []
    assert queries.unsur_terlemah([None, 3.0, None, 2.9, None, None, None, None, None]) == ["biaya"]


def test_months_back():
    assert bulan_lalu(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert bulan_lalu(date(2026, 2, 20), 3) == date(2025, 11, 20)


def test_recurring_categories_count_the_window_and_the_threshold(world, layanan):
    since = datetime(2025, 8, 20)
    for _i in range(3):
        make_pengaduan(layanan, "waktu_penyelesaian")
    for _i in range(2):  # under the threshold of 3
        make_pengaduan(layanan, "perilaku_pelaksana")
    make_pengaduan(layanan, "perilaku_pelaksana", at=datetime(2025, 8, 1))  # before the window
    make_pengaduan(layanan, "perilaku_pelaksana", status=StatusPengaduan.DITOLAK)  # refused
    make_pengaduan(layanan, None)  # not classified yet
    result = queries.kategori_berulang(world.opd.id, since, 3)
    assert result == {layanan.id: [(KategoriPengaduan.WAKTU_PENYELESAIAN, 3)]}
    # at 2 both recur, the most frequent first; a tie keeps the list's order
    make_pengaduan(layanan, "persyaratan")
    make_pengaduan(layanan, "persyaratan")
    assert queries.kategori_berulang(world.opd.id, since, 2)[layanan.id] == [
        (KategoriPengaduan.WAKTU_PENYELESAIAN, 3), (KategoriPengaduan.PERSYARATAN, 2),
        (KategoriPengaduan.PERILAKU_PELAKSANA, 2)]
    assert queries.kategori_berulang(world.opd_lain.id, since, 1) == {}


def test_the_staff_of_a_service_are_its_units_and_those_below(world, layanan):
    names = {p.nama for p in queries.staf_layanan(layanan)}
    assert names == {"Sri Wahyuni, S.E.", "Ahmad Fauzi, S.Kom.", "Dewi Lestari", "Budi Santoso"}
    layanan.unit = None
    db.session.flush()
    assert queries.staf_layanan(layanan) == []


# --- the page ------------------------------------------------------------------------------------

def test_the_page_names_the_weakest_unsur_and_recurring_categories(client, sign_in, world,
                                                                  layanan, katalog, on_day):
    add_answers(layanan, 40, SKOR_WAKTU_RENDAH)
    publish(world)
    make_pemetaan(world.pemda, "unsur", "waktu", katalog["prosedur"], "Antrean karena alur.")
    make_pemetaan(world.pemda, "kategori", "perilaku_pelaksana", katalog["coaching"])
    make_pemetaan(world.pemda, "unsur", "waktu", katalog["lain"])  # not open to Disdukcapil
    for _i in range(3):
        make_pengaduan(layanan, "perilaku_pelaksana", at=datetime(2026, 7, 1))
    make_pengaduan(layanan, "biaya", at=datetime(2026, 7, 1))
    db.session.commit()
    on_day(date(2026, 8, 20))
    sign_in("admin_opd")
    html = client.get("/pembinaan/kelola/suara").get_data(as_text=True)
    assert "Dari suara publik ke tindakan" in html
    assert "Nilai survei dari publikasi Triwulan II 2026." in html
    assert "Waktu penyelesaian" in html and "2,00" in html
    # NRR 2.00 × 25 = 50: mutu D
    assert "<td>D</td>" in html
    assert "Pelatihan Tata Kelola Prosedur dan Aplikasi Pelayanan" in html
    assert "Antrean karena alur." in html
    assert "Bimtek Perizinan Berusaha" not in html
    # the recurring category with its count and mapped coaching; "Biaya" (1) does not recur
    assert "Perilaku pelaksana" in html and "Coaching Perilaku Pelayanan Prima" in html
    assert "Biaya/tarif" not in html
    assert "sejak 20 Februari 2026 (6 bulan terakhir)" in html


def test_the_page_without_a_publication_or_with_a_hidden_survey(client, sign_in, world, layanan,
                                                               katalog):
    sign_in("admin_opd")
    html = client.get("/pembinaan/kelola/suara").get_data(as_text=True)
    assert "Rapor OPD ini belum pernah diterbitkan" in html
    add_answers(layanan, 3)  # fewer than 5 respondents: no NRR is published
    publish(world)
    html = client.get("/pembinaan/kelola/suara").get_data(as_text=True)
    assert "Nilai unsur survei layanan ini tidak diterbitkan" in html
    assert "Tidak ada kategori pengaduan yang berulang pada layanan ini." in html


def test_a_tie_lists_every_weakest_unsur(client, sign_in, world, layanan, katalog):
    add_answers(layanan, 40, (3, 2, 2, 3, 3, 3, 3, 3, 3))
    publish(world)
    sign_in("admin_opd")
    html = client.get("/pembinaan/kelola/suara").get_data(as_text=True)
    assert "Unsur SKM terendah (nilainya sama)" in html
    assert "Sistem, mekanisme, dan prosedur" in html and "Waktu penyelesaian" in html
    assert html.count("Belum ada kegiatan katalog yang dipetakan.") == 2


def test_only_admin_opd_of_the_service_opens_the_pages(client, sign_in, world, layanan):
    url = f"/pembinaan/kelola/suara/layanan/{layanan.id}/rencana?sumber=unsur&kode=waktu"
    sign_in("pegawai")
    assert client.get("/pembinaan/kelola/suara").status_code == 403
    assert client.get(url).status_code == 403
    sign_in("admin_opd_lain")
    assert client.get(url).status_code == 403
    assert client.get(f"/pembinaan/kelola/suara?opd={world.opd.id}").status_code == 403
    sign_in("admin_opd")
    assert client.get(url).status_code == 200
    assert client.get(url.replace("waktu", "antrean")).status_code == 404


# --- the mapping ---------------------------------------------------------------------------------

def test_mapping_list_add_change_delete(client, sign_in, world, katalog):
    sign_in("admin_pemda")
    form = client.get("/pembinaan/kelola/pemetaan/baru").get_data(as_text=True)
    assert "Unsur SKM" in form and "Kategori pengaduan" in form
    assert "Bimtek Perizinan Berusaha" in form  # the admin pemda keeps every activity
    data = {"suara": "unsur:waktu", "kegiatan_id": str(katalog["prosedur"].id),
            "catatan": "Alur dan aplikasi."}
    assert client.post_form("/pembinaan/kelola/pemetaan/baru", data).status_code == 303
    row = db.session.scalars(sa.select(PemetaanSuara)).one()
    assert (row.sumber, row.kode, row.kegiatan_id, row.pemda_id) == (
        SumberSuara.UNSUR, "waktu", katalog["prosedur"].id, world.pemda.id)
    listing = client.get("/pembinaan/kelola/pemetaan").get_data(as_text=True)
    assert "Unsur SKM: Waktu penyelesaian" in listing and "Alur dan aplikasi." in listing
    # the same pair again: refused, the form comes back filled with the reason by the field
    again = client.post_form("/pembinaan/kelola/pemetaan/baru", data)
    assert again.status_code == 422
    page = again.get_data(as_text=True)
    assert "Kegiatan ini sudah dipetakan ke Unsur SKM: Waktu penyelesaian." in page
    assert "Alur dan aplikasi." in page
    # change it to a complaint category
    changed = client.post_form(f"/pembinaan/kelola/pemetaan/{row.id}/ubah",
                               {**data, "suara": "kategori:prosedur"})
    assert changed.status_code == 303
    db.session.refresh(row)
    assert (row.sumber, row.kode) == (SumberSuara.KATEGORI, "prosedur")
    assert client.post_form(f"/pembinaan/kelola/pemetaan/{row.id}/hapus").status_code == 303
    assert db.session.scalars(sa.select(PemetaanSuara)).all() == []


def test_mapping_validation(client, sign_in, world, katalog):
    sign_in("admin_pemda")
    missing = client.post_form("/pembinaan/kelola/pemetaan/baru", {"suara": "", "kegiatan_id": ""})
    assert missing.status_code == 422
    page = missing.get_data(as_text=True)
    assert "Pilih unsur SKM atau kategori pengaduan." in page and "Pilih kegiatan dari katalog." in page
    unknown = client.post_form("/pembinaan/kelola/pemetaan/baru", {
        "suara": "unsur:antrean", "kegiatan_id": str(katalog["prosedur"].id)})
    assert unknown.status_code == 422
    assert db.session.scalars(sa.select(PemetaanSuara)).all() == []


def test_admin_opd_maps_only_activities_it_keeps(client, sign_in, world, katalog):
    mine = make_pemetaan(world.pemda, "kategori", "perilaku_pelaksana", katalog["coaching"])
    theirs = make_pemetaan(world.pemda, "unsur", "persyaratan", katalog["lain"])
    pemda_wide = make_pemetaan(world.pemda, "unsur", "waktu", katalog["prosedur"])
    db.session.commit()
    sign_in("admin_opd")
    form = client.get("/pembinaan/kelola/pemetaan/baru").get_data(as_text=True)
    assert "Coaching Perilaku Pelayanan Prima" in form
    assert "Bimtek Perizinan Berusaha" not in form and "Tata Kelola Prosedur" not in form
    refused = client.post_form("/pembinaan/kelola/pemetaan/baru", {
        "suara": "unsur:waktu", "kegiatan_id": str(katalog["lain"].id)})
    assert refused.status_code == 422  # not among the choices
    assert client.get(f"/pembinaan/kelola/pemetaan/{mine.id}/ubah").status_code == 200
    for row in (theirs, pemda_wide):
        assert client.get(f"/pembinaan/kelola/pemetaan/{row.id}/ubah").status_code == 403
        assert client.post_form(f"/pembinaan/kelola/pemetaan/{row.id}/hapus").status_code == 403
    sign_in("admin_pemda_lain")
    assert client.get(f"/pembinaan/kelola/pemetaan/{mine.id}/ubah").status_code == 403
    sign_in("pegawai")
    assert client.get("/pembinaan/kelola/pemetaan").status_code == 403


# --- turning it into a planned activity -------------------------------------------------------

def _rencana_url(layanan, sumber="unsur", kode="waktu"):
    return f"/pembinaan/kelola/suara/layanan/{layanan.id}/rencana?sumber={sumber}&kode={kode}"


def test_planning_an_activity_for_the_staff_of_the_service(client, sign_in, world, layanan,
                                                          katalog, on_day):
    make_pemetaan(world.pemda, "unsur", "waktu", katalog["prosedur"])
    db.session.commit()
    on_day(date(2026, 5, 4))
    sign_in("admin_opd")
    form = client.get(_rencana_url(layanan) + f"&contoh={katalog['prosedur'].id}")
    html = form.get_data(as_text=True)
    assert "Menjawab Unsur SKM: Waktu penyelesaian." in html
    assert "Pelatihan Tata Kelola Prosedur dan Aplikasi Pelayanan untuk Penerbitan KTP-el" in html
    assert "Dewi Lestari" in html and "Pegawai layanan yang akan diusulkan (4)" in html
    response = client.post_form(f"/pembinaan/kelola/suara/layanan/{layanan.id}/rencana", {
        "sumber": "unsur", "kode": "waktu", "contoh_id": str(katalog["prosedur"].id),
        "judul": "Pelatihan Prosedur KTP-el", "tanggal_mulai": "2026-07-07",
        "tanggal_selesai": "2026-07-09"})
    assert response.status_code == 303
    kegiatan = db.session.scalar(sa.select(Kegiatan).where(Kegiatan.judul == "Pelatihan Prosedur "
                                                                              "KTP-el"))
    assert (kegiatan.opd_id, kegiatan.layanan_id, kegiatan.suara_sumber, kegiatan.suara_kode) == (
        world.opd.id, layanan.id, SumberSuara.UNSUR, "waktu")
    assert kegiatan.asal_kebutuhan == AsalKebutuhan.SURVEI
    assert "Waktu penyelesaian pada layanan Penerbitan KTP-el" in kegiatan.keterangan_kebutuhan
    # form, provider and JP from the catalogue activity it follows
    assert (kegiatan.bentuk, kegiatan.penyelenggara, kegiatan.jp) == (
        katalog["prosedur"].bentuk, "BPSDM Provinsi Lampung", 24)
    peserta = {p.pegawai.nama: p.status for p in kegiatan.peserta}
    assert set(peserta) == {"Sri Wahyuni, S.E.", "Ahmad Fauzi, S.Kom.", "Dewi Lestari",
                            "Budi Santoso"}
    # proposals wait for each one's atasan, as any other proposal
    assert set(peserta.values()) == {StatusPeserta.DIUSULKAN}
    # the atasan sees them; the OPD page lists the planned activity
    sign_in("atasan")
    assert "Pelatihan Prosedur KTP-el" in client.get(
        f"/pembinaan/kompetensi/pegawai/{world.pegawai['staf'].id}").get_data(as_text=True)
    sign_in("admin_opd")
    page = client.get("/pembinaan/kelola/suara").get_data(as_text=True)
    assert "Kegiatan yang sudah direncanakan dari suara publik" in page
    assert "Pelatihan Prosedur KTP-el" in page and "4 peserta" in page


def test_planning_from_a_complaint_category(client, sign_in, world, layanan, katalog, on_day):
    make_pemetaan(world.pemda, "kategori", "perilaku_pelaksana", katalog["coaching"])
    db.session.commit()
    on_day(date(2026, 5, 4))
    sign_in("admin_opd")
    response = client.post_form(f"/pembinaan/kelola/suara/layanan/{layanan.id}/rencana", {
        "sumber": "kategori", "kode": "perilaku_pelaksana",
        "contoh_id": str(katalog["coaching"].id), "judul": "Coaching loket KTP-el",
        "tanggal_mulai": "2026-06-01", "tanggal_selesai": "2026-06-01"})
    assert response.status_code == 303
    kegiatan = db.session.scalar(sa.select(Kegiatan).where(Kegiatan.judul == "Coaching loket KTP-el"))
    assert kegiatan.asal_kebutuhan == AsalKebutuhan.PENGADUAN
    assert kegiatan.suara_sumber == SumberSuara.KATEGORI


def test_planning_refusals_keep_the_form(client, sign_in, world, layanan, katalog, on_day):
    make_pemetaan(world.pemda, "unsur", "waktu", katalog["prosedur"])
    db.session.commit()
    on_day(date(2026, 5, 4))
    sign_in("admin_opd")
    url = f"/pembinaan/kelola/suara/layanan/{layanan.id}/rencana"
    base = {"sumber": "unsur", "kode": "waktu", "contoh_id": str(katalog["prosedur"].id),
            "judul": "Pelatihan Prosedur KTP-el", "tanggal_mulai": "2026-05-01",
            "tanggal_selesai": "2026-05-02"}
    past = client.post_form(url, base)
    assert past.status_code == 422
    page = past.get_data(as_text=True)
    assert "Tanggal mulai tidak boleh sebelum hari ini." in page
    assert 'value="Pelatihan Prosedur KTP-el"' in page
    backwards = client.post_form(url, {**base, "tanggal_mulai": "2026-06-05",
                                       "tanggal_selesai": "2026-06-01"})
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in backwards.get_data(as_text=True)
    # an activity not mapped to this unsur is not among the choices
    unmapped = client.post_form(url, {**base, "contoh_id": str(katalog["coaching"].id),
                                      "tanggal_mulai": "2026-06-01",
                                      "tanggal_selesai": "2026-06-02"})
    assert unmapped.status_code == 422
    layanan.unit = None
    db.session.commit()
    no_staff = client.post_form(url, {**base, "tanggal_mulai": "2026-06-01",
                                      "tanggal_selesai": "2026-06-02"})
    assert no_staff.status_code == 422
    assert "belum punya pegawai di unit pelaksananya" in no_staff.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Kegiatan).where(
        Kegiatan.layanan_id.is_not(None))) == 0


def test_the_pages_filled_pass_the_accessibility_checks(client, sign_in, world, layanan, katalog):
    from tests.core.test_accessibility import _check

    add_answers(layanan, 40, SKOR_WAKTU_RENDAH)
    publish(world)
    row = make_pemetaan(world.pemda, "unsur", "waktu", katalog["prosedur"])
    make_pemetaan(world.pemda, "kategori", "perilaku_pelaksana", katalog["coaching"])
    for _i in range(3):
        make_pengaduan(layanan, "perilaku_pelaksana")
    db.session.commit()
    sign_in("admin_opd")
    coaching = db.session.scalars(sa.select(PemetaanSuara.id).where(
        PemetaanSuara.kegiatan_id == katalog["coaching"].id)).one()
    for url in ("/pembinaan/kelola/suara", "/pembinaan/kelola/pemetaan",
                "/pembinaan/kelola/pemetaan/baru", f"/pembinaan/kelola/pemetaan/{coaching}/ubah",
                _rencana_url(layanan) + f"&contoh={katalog['prosedur'].id}"):
        response = client.get(url)
        assert response.status_code == 200, url
        _check(response.get_data(as_text=True))
    sign_in("admin_pemda")
    _check(client.get(f"/pembinaan/kelola/pemetaan/{row.id}/ubah").get_data(as_text=True))
