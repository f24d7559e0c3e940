"""Tying a complaint to the staff member it concerns: internal input for their supervisor,
never public."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.complaints import handling, queries
from portal.complaints.models import KaitanPegawai, KategoriPengaduan
from portal.core.calendar import local_date
from portal.core.models import AuditEntry, DomainError


def _routed(world, file):
    pengaduan = file()
    handling.verify_and_route(world.users["koordinator_pengaduan"], pengaduan, world.opd,
                              perlu_tinjauan_lapangan=False, pesan=None)
    return pengaduan


def test_petugas_finds_and_links_a_staff_member_then_unlinks(client, login_as, file, world, db):
    pengaduan = _routed(world, file)
    db.session.flush()
    login_as("petugas_pengaduan")
    url = f"/meja/pengaduan/{pengaduan.id}"
    page = client.get(url, query_string={"cari_pegawai": "Dewi"}).get_data(as_text=True)
    assert "Kaitkan dengan pegawai ini" in page and "Dewi Lestari" in page
    response = client.post_form(f"{url}/kaitkan-pegawai", {
        "pegawai_id": str(world.pegawai["staf"].id),
        "catatan": "Petugas loket 3 yang disebut pelapor.", "cari_pegawai": "Dewi"})
    assert response.status_code == 303
    (kaitan,) = pengaduan.kaitan_pegawai
    assert kaitan.pegawai_id == world.pegawai["staf"].id
    assert db.session.query(AuditEntry).filter_by(action="dikaitkan_pegawai").count() == 1
    page = client.get(url).get_data(as_text=True)
    assert "Petugas loket 3 yang disebut pelapor." in page

    client.post_form(f"{url}/kaitan/{kaitan.id}/lepas", {})
    db.session.expire_all()
    assert db.session.query(KaitanPegawai).count() == 0


def test_staff_of_another_opd_cannot_be_linked_and_the_reason_is_kept(client, login_as, file,
                                                                       world, db):
    pengaduan = _routed(world, file)
    db.session.flush()
    login_as("petugas_pengaduan")
    response = client.post_form(f"/meja/pengaduan/{pengaduan.id}/kaitkan-pegawai", {
        "pegawai_id": str(world.pegawai["lain"].id), "catatan": "Alasan yang saya tulis.",
        "cari_pegawai": "Rahmat"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Hanya pegawai OPD yang menangani laporan ini" in html
    assert "Alasan yang saya tulis." in html
    with pytest.raises(DomainError):
        handling.link_pegawai(world.users["petugas_pengaduan"], pengaduan,
                              world.pegawai["metro"], "x")


@pytest.mark.parametrize("role", ["koordinator_pengaduan", "admin_opd", "pegawai", "atasan"])
def test_only_the_opds_petugas_links(client, login_as, file, world, db, role):
    pengaduan = _routed(world, file)
    db.session.flush()
    login_as(role)
    response = client.post_form(f"/meja/pengaduan/{pengaduan.id}/kaitkan-pegawai", {
        "pegawai_id": str(world.pegawai["staf"].id), "catatan": "Coba."})
    assert response.status_code == 403
    assert db.session.query(KaitanPegawai).count() == 0


def test_the_link_is_never_public(client, file, world, db):
    pengaduan = _routed(world, file)
    handling.link_pegawai(world.users["petugas_pengaduan"], pengaduan, world.pegawai["staf"],
                          "Petugas loket 3.")
    db.session.flush()
    for url in (f"/pengaduan/{pengaduan.kode_lacak}", "/pengaduan",
                f"/open311/v2/requests/{pengaduan.id}.json", "/open311/v2/requests.json"):
        body = client.get(url).get_data(as_text=True)
        assert "Dewi Lestari" not in body and "Petugas loket 3." not in body, url


def test_supervisor_input_covers_the_period_it_happened_in(file, world, db):
    pengaduan = _routed(world, file)
    handling.link_pegawai(world.users["petugas_pengaduan"], pengaduan, world.pegawai["staf"],
                          "Petugas loket 3.")
    db.session.flush()
    day = local_date(pengaduan.diterima_at)
    staf = world.pegawai["staf"].id
    assert [k.pengaduan_id for k in queries.complaints_about(staf, day, day)] == [pengaduan.id]
    assert queries.complaints_about(staf, day + timedelta(days=1), day + timedelta(days=90)) == []
    assert queries.complaints_about(world.pegawai["staf2"].id, day, day) == []


def test_petugas_sets_the_unit_and_service_of_the_complaint(client, login_as, file, world, db):
    pengaduan = _routed(world, file)
    db.session.flush()
    login_as("petugas_pengaduan")
    url = f"/meja/pengaduan/{pengaduan.id}"
    response = client.post_form(f"{url}/klasifikasi", {
        "unit_id": str(world.units["seksi"].id), "layanan_id": str(world.layanan.id)})
    assert response.status_code == 303
    db.session.refresh(pengaduan)
    assert (pengaduan.unit_id, pengaduan.layanan_id) == (world.units["seksi"].id, world.layanan.id)
    assert "Seksi Identitas Penduduk" in client.get(url).get_data(as_text=True)
    # another OPD's unit is not a choice; the form says so and keeps the service chosen
    response = client.post_form(f"{url}/klasifikasi", {
        "unit_id": str(world.units["lain"].id), "layanan_id": str(world.layanan.id)})
    assert response.status_code == 200
    assert "Pilihan tidak sah" in response.get_data(as_text=True)
    db.session.refresh(pengaduan)
    assert pengaduan.unit_id == world.units["seksi"].id


def test_petugas_sets_the_category_shown_on_the_desk(client, login_as, file, world, db):
    pengaduan = _routed(world, file)
    db.session.flush()
    login_as("petugas_pengaduan")
    url = f"/meja/pengaduan/{pengaduan.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Kategori" in page and "Belum ditentukan" in page
    for label in ("Persyaratan", "Prosedur", "Waktu penyelesaian", "Biaya/tarif",
                  "Produk layanan", "Kompetensi pelaksana", "Perilaku pelaksana",
                  "Sarana dan prasarana", "Penanganan pengaduan", "Lainnya"):
        assert f">{label}</option>" in page
    response = client.post_form(f"{url}/klasifikasi", {
        "unit_id": "0", "layanan_id": str(world.layanan.id), "kategori": "waktu_penyelesaian"})
    assert response.status_code == 303
    db.session.refresh(pengaduan)
    assert pengaduan.kategori == KategoriPengaduan.WAKTU_PENYELESAIAN
    page = client.get(url).get_data(as_text=True)
    assert "<dd>Waktu penyelesaian</dd>" in page
    assert "· Waktu penyelesaian</span>" in client.get("/meja/opd").get_data(as_text=True)
    assert '<option selected value="waktu_penyelesaian">' in page or (
        'value="waktu_penyelesaian" selected' in page)
    # an unknown category is not a choice: refused, nothing changes
    response = client.post_form(f"{url}/klasifikasi", {
        "unit_id": "0", "layanan_id": str(world.layanan.id), "kategori": "antrean"})
    assert "Pilihan tidak sah" in response.get_data(as_text=True)
    db.session.refresh(pengaduan)
    assert pengaduan.kategori == KategoriPengaduan.WAKTU_PENYELESAIAN
    # clearing it is allowed
    client.post_form(f"{url}/klasifikasi", {"unit_id": "0", "layanan_id": "0", "kategori": ""})
    db.session.refresh(pengaduan)
    assert pengaduan.kategori is None
    with pytest.raises(DomainError):
        handling.classify(world.users["petugas_pengaduan"], pengaduan, None, None, "antrean")


def test_classify_refuses_another_opds_unit_in_the_service(file, world, db):
    pengaduan = _routed(world, file)
    with pytest.raises(DomainError):
        handling.classify(world.users["petugas_pengaduan"], pengaduan, world.units["lain"], None)


def test_the_supervisor_reads_it_when_rating_that_period(client, login_as, file, world, db):
    from portal.appraisals.periode.models import JenisPeriode
    from tests.appraisals.factories import (
        make_approved_skp,
        make_set_skp,
        make_submitted_evaluasi,
        make_year,
    )

    year = make_year(world)
    skp = make_approved_skp(world, year, make_set_skp(world.pegawai["kasi"], year))
    tw4 = make_submitted_evaluasi(world, year, skp, jenis=JenisPeriode.TRIWULAN_4)
    tw1 = make_submitted_evaluasi(world, year, skp, jenis=JenisPeriode.TRIWULAN_1)
    pengaduan = _routed(world, file)  # received today, 23 November 2026: Triwulan IV
    handling.link_pegawai(world.users["petugas_pengaduan"], pengaduan, world.pegawai["staf"],
                          "Petugas loket 3 yang disebut pelapor.")
    db.session.flush()
    login_as("atasan")
    page = client.get(f"/kinerja/penilaian/evaluasi/{tw4.id}").get_data(as_text=True)
    assert "1 pengaduan masyarakat terkait pegawai ini" in page
    assert "Petugas loket 3 yang disebut pelapor." in page
    assert "Siti Pelapor" not in page  # never the reporter
    page = client.get(f"/kinerja/penilaian/evaluasi/{tw1.id}").get_data(as_text=True)
    assert "pengaduan masyarakat terkait" not in page


@pytest.mark.parametrize("step", [
    lambda actor, p, world: handling.plan_follow_up(actor, p, "Rencana."),
    lambda actor, p, world: handling.answer(actor, p, "Jawaban."),
    lambda actor, p, world: handling.classify(actor, p, None, None),
    lambda actor, p, world: handling.link_pegawai(actor, p, world.pegawai["staf"], "Alasan."),
])
def test_only_the_routed_opds_petugas_takes_its_steps_in_any_view(file, world, db, step):
    pengaduan = _routed(world, file)
    with pytest.raises(DomainError, match="Hanya petugas pengaduan OPD"):
        step(world.users["koordinator_pengaduan"], pengaduan, world)
