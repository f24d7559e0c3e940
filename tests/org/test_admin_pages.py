"""Admin pages: what an admin types is saved, and bad input comes back next to the field with
everything else still filled in."""

import sqlalchemy as sa

from portal.core.models import AuditEntry
from portal.org.models import Layanan, Opd, Pegawai, UnitKerja
from tests.factories import next_nip


def _pegawai_form(world, **overrides):
    data = {"nip": next_nip("P"), "nama": "Nur Aini, S.Sos.", "jabatan": "Analis Kependudukan",
            "jenis_jabatan": "fungsional", "status_asn": "PNS", "golongan": "III/b",
            "unit_id": str(world.units["seksi"].id), "atasan_id": str(world.pegawai["kasi"].id),
            "email": "", "aktif": "y"}
    data.update(overrides)
    return data


def test_admin_opd_adds_a_pegawai_with_supervisor(client, world, login_as, db):
    login_as("admin_opd")
    data = _pegawai_form(world)
    response = client.post_form(f"/kelola/opd/{world.opd.id}/pegawai/baru", data)
    assert response.status_code == 302
    pegawai = db.session.scalar(sa.select(Pegawai).where(Pegawai.nip == data["nip"]))
    assert pegawai.atasan.nama == "Ahmad Fauzi, S.Kom."
    assert pegawai.opd_id == world.opd.id
    audit = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.object_type == "pegawai",
                                                          AuditEntry.object_id == pegawai.id))
    assert audit.action == "dibuat"
    assert audit.actor_id == world.users["admin_opd"].id
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Pegawai Nur Aini, S.Sos. ditambahkan." in html


def test_bad_nip_is_shown_next_to_the_field_and_the_form_stays_filled(client, world, login_as,
                                                                     db):
    login_as("admin_opd")
    data = _pegawai_form(world, nip="198502302010011003")
    response = client.post_form(f"/kelola/opd/{world.opd.id}/pegawai/baru", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="nip-error"' in html
    assert "bukan tanggal yang benar" in html
    assert 'href="#nip"' in html  # the summary links to the field
    assert 'value="Nur Aini, S.Sos."' in html and 'value="Analis Kependudukan"' in html
    assert db.session.scalar(sa.select(Pegawai).where(Pegawai.nama == "Nur Aini, S.Sos.")) is None


def test_duplicate_nip_and_wrong_golongan_are_refused(client, world, login_as):
    login_as("admin_opd")
    html = client.post_form(f"/kelola/opd/{world.opd.id}/pegawai/baru", _pegawai_form(
        world, nip=world.pegawai["staf"].nip)).get_data(as_text=True)
    assert "NIP ini sudah terdaftar." in html
    html = client.post_form(f"/kelola/opd/{world.opd.id}/pegawai/baru", _pegawai_form(
        world, golongan="IX")).get_data(as_text=True)
    assert "Golongan PNS harus salah satu dari I/a sampai IV/e." in html


def test_supervisor_cycle_is_refused(client, world, login_as, db):
    login_as("admin_opd")
    kasi = world.pegawai["kasi"]
    data = _pegawai_form(world, nip=kasi.nip, nama=kasi.nama, jabatan=kasi.jabatan,
                         jenis_jabatan="pengawas", golongan="III/d",
                         atasan_id=str(world.pegawai["kasi"].id))
    # kasi cannot report to themselves; pick one of their own staff as a "supervisor" instead
    world.pegawai["staf"].jenis_jabatan = "pengawas"
    db.session.flush()
    data["atasan_id"] = str(world.pegawai["staf"].id)
    html = client.post_form(f"/kelola/pegawai/{kasi.id}/ubah", data).get_data(as_text=True)
    assert "rantai atasan berputar" in html


def test_unit_from_another_opd_cannot_be_chosen(client, world, login_as):
    login_as("admin_opd")
    html = client.post_form(f"/kelola/opd/{world.opd.id}/pegawai/baru", _pegawai_form(
        world, unit_id=str(world.units["lain"].id))).get_data(as_text=True)
    assert "Not a valid choice" in html or "Unit kerja harus berada di OPD ini." in html \
        or "Pilihan tidak sah" in html


def test_admin_pemda_creates_and_edits_an_opd(client, world, login_as, db):
    login_as("admin_pemda")
    response = client.post_form("/kelola/opd/baru", {
        "pemda_id": str(world.pemda.id), "nama": "Dinas Perhubungan", "singkatan": "Dishub",
        "jenis": "dinas", "alamat": "Jl. Basuki Rahmat No. 1"})
    assert response.status_code == 302
    opd = db.session.scalar(sa.select(Opd).where(Opd.nama == "Dinas Perhubungan"))
    assert opd.slug == "dishub-kota-bandar-lampung"
    html = client.post_form("/kelola/opd/baru", {
        "pemda_id": str(world.pemda.id), "nama": "dinas perhubungan", "jenis": "dinas"}
    ).get_data(as_text=True)
    assert "sudah punya OPD dengan nama tersebut" in html
    response = client.post_form(f"/kelola/opd/{opd.id}/ubah", {
        "pemda_id": str(world.pemda.id), "nama": "Dinas Perhubungan", "singkatan": "Dishub",
        "jenis": "dinas", "alamat": "Jl. Baru", "aktif": ""})
    assert response.status_code == 302
    db.session.expire_all()
    assert opd.alamat == "Jl. Baru" and opd.aktif is False


def test_admin_pemda_cannot_create_an_opd_in_another_pemda(client, world, login_as, db):
    login_as("admin_pemda")
    html = client.post_form("/kelola/opd/baru", {
        "pemda_id": str(world.pemda_lain.id), "nama": "Dinas Siluman", "jenis": "dinas"}
    ).get_data(as_text=True)
    assert db.session.scalar(sa.select(Opd).where(Opd.nama == "Dinas Siluman")) is None
    assert 'id="pemda_id-error"' in html


def test_units_and_services(client, world, login_as, db):
    login_as("admin_opd")
    response = client.post_form(f"/kelola/opd/{world.opd.id}/unit/baru", {
        "nama": "Seksi Pindah Datang", "jenis": "seksi", "parent_id": str(world.units["bidang"].id)})
    assert response.status_code == 302
    unit = db.session.scalar(sa.select(UnitKerja).where(UnitKerja.nama == "Seksi Pindah Datang"))
    assert unit.parent_id == world.units["bidang"].id
    # a unit may not sit under its own child
    html = client.post_form(f"/kelola/unit/{world.units['bidang'].id}/ubah", {
        "nama": "Bidang Pelayanan Pendaftaran Penduduk", "jenis": "bidang",
        "parent_id": str(unit.id), "aktif": "y"}).get_data(as_text=True)
    assert "induk bagi dirinya sendiri" in html

    response = client.post_form(f"/kelola/opd/{world.opd.id}/layanan/baru", {
        "nama": "Penerbitan Kartu Keluarga", "persyaratan": "Surat pengantar RT/RW\nKK lama",
        "prosedur": "", "waktu_penyelesaian_hari": "3", "biaya_rupiah": "0",
        "produk": "Kartu Keluarga", "unit_id": "0", "aktif": "y"})
    assert response.status_code == 302
    layanan = db.session.scalar(sa.select(Layanan).where(Layanan.slug == "penerbitan-kartu-keluarga"))
    assert layanan.waktu_penyelesaian_hari == 3
    html = client.post_form(f"/kelola/opd/{world.opd.id}/layanan/baru", {
        "nama": "Layanan Aneh", "persyaratan": "x", "waktu_penyelesaian_hari": "-2",
        "biaya_rupiah": "abc", "produk": "x", "unit_id": "0"}).get_data(as_text=True)
    assert "Antara 0 dan 365 hari kerja." in html
    assert "Isi dengan angka bulat" in html
    assert 'value="Layanan Aneh"' in html


def test_staff_search_pages_and_htmx_fragment(client, world, login_as):
    login_as("admin_opd")
    url = f"/kelola/opd/{world.opd.id}/pegawai"
    html = client.get(url, query_string={"q": "dewi"}).get_data(as_text=True)
    assert "Dewi Lestari" in html and "Budi Santoso" not in html
    html = client.get(url, query_string={"q": world.pegawai["staf2"].nip[:10]}).get_data(
        as_text=True)
    assert "Budi Santoso" in html
    html = client.get(url, query_string={"status": "PPPK"}).get_data(as_text=True)
    assert "Budi Santoso" in html and "Dewi Lestari" not in html
    # a targeted htmx request gets only the result list; the same URL without htmx is the page
    fragment = client.get(url, query_string={"q": "dewi"},
                          headers={"HX-Request": "true", "HX-Target": "daftar-pegawai"})
    text = fragment.get_data(as_text=True)
    assert "Dewi Lestari" in text and "<html" not in text
    assert "HX-Request" in fragment.headers["Vary"]
    boosted = client.get(url, headers={"HX-Request": "true", "HX-Boosted": "true",
                                       "HX-Target": "daftar-pegawai"})
    assert "<html" in boosted.get_data(as_text=True)


def test_pagination_keeps_the_filters(client, world, login_as, app):
    login_as("admin_opd")
    old = app.config["PORTAL_PAGE_SIZE"]
    app.config["PORTAL_PAGE_SIZE"] = 2
    try:
        html = client.get(f"/kelola/opd/{world.opd.id}/pegawai",
                          query_string={"status": "PNS"}).get_data(as_text=True)
    finally:
        app.config["PORTAL_PAGE_SIZE"] = old
    assert "Halaman 1 dari 2" in html
    assert "status=PNS" in html and "page=2" in html


def test_a_status_no_pegawai_has_is_ignored_not_a_500(client, world, login_as):
    """Issue 12: ?status= went into the query unchecked; a value outside the enum failed there."""
    login_as("admin_opd")
    for status in ("abc", "pns", "-1"):  # a NUL is refused for every request (core/routing)
        response = client.get(f"/kelola/opd/{world.opd.id}/pegawai",
                              query_string={"status": status})
        assert response.status_code == 200, status
        html = response.get_data(as_text=True)
        assert "Dewi Lestari" in html and "Budi Santoso" in html


def test_a_tariff_beyond_the_column_comes_back_next_to_the_field(client, world, login_as, db):
    """Issue 12: a 20-digit tariff passed the form and overflowed the column (a 500)."""
    login_as("admin_opd")
    layanan = world.layanan
    html = client.post_form(f"/kelola/layanan/{layanan.id}/ubah", {
        "nama": "Perekaman KTP-el", "persyaratan": "KK", "waktu_penyelesaian_hari": "3",
        "biaya_rupiah": "99999999999999999999", "produk": "KTP-el", "unit_id": "0",
        "aktif": "y"}).get_data(as_text=True)
    assert "Paling banyak Rp1.000.000.000.000" in html
    assert 'value="99999999999999999999"' in html
    db.session.refresh(layanan)
    assert layanan.biaya_rupiah == 0
