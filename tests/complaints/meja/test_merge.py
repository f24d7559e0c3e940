"""Merging a second report of the same matter into the complaint already being handled."""

from __future__ import annotations

from portal.complaints import handling, stats
from portal.complaints.models import StatusPengaduan


def _route(world, pengaduan):
    handling.verify_and_route(world.users["koordinator_pengaduan"], pengaduan, world.opd,
                              perlu_tinjauan_lapangan=False, pesan=None)


def _merge(client, duplikat, **data):
    body = {"alasan": "Sama dengan laporan lain tentang loket KTP-el.", **data}
    return client.post_form(f"/meja/pengaduan/{duplikat.id}/gabung", body)


def test_koordinator_merges_into_a_listed_similar_complaint(client, login_as, file, world, db):
    utama = file(layanan_id=world.layanan.id)
    _route(world, utama)
    duplikat = file(layanan_id=world.layanan.id, judul="Loket KTP-el tutup siang",
                    isi="Hari Senin loket KTP-el sudah tutup jam sebelas, saya disuruh kembali.")
    db.session.flush()
    login_as("koordinator_pengaduan")
    page = client.get(f"/meja/pengaduan/{duplikat.id}").get_data(as_text=True)
    assert "Gabungkan dengan laporan serupa" in page and utama.kode_lacak in page

    response = _merge(client, duplikat, kode_utama=utama.kode_lacak)
    assert response.status_code == 303
    db.session.refresh(duplikat)
    assert duplikat.status == StatusPengaduan.DIGABUNG
    assert duplikat.induk.id == utama.id
    # the OPD handling the main complaint reads the second reporter's words, not their name
    desk = client.get(f"/meja/pengaduan/{utama.id}").get_data(as_text=True)
    assert "1 laporan serupa digabung ke sini" in desk
    assert "tutup jam sebelas" in desk


def test_second_reporter_follows_the_main_complaint_without_its_reporters_words(
        client, login_as, file, world, db):
    utama = file()
    _route(world, utama)
    handling.add_information(utama, "Nomor antrean saya 57, nama saya Siti di loket 3.")
    duplikat = file()
    handling.merge_into(world.users["koordinator_pengaduan"], duplikat, utama,
                        "Hal yang sama sedang ditangani.")
    handling.answer(world.users["petugas_pengaduan"], utama, "Loket kini buka sampai 15.00.")
    db.session.flush()

    page = client.get(f"/pengaduan/{duplikat.kode_lacak}").get_data(as_text=True)
    assert "Digabung dengan laporan serupa" in page
    assert "Hal yang sama sedang ditangani." in page
    assert "Perkembangan laporan utama" in page
    assert "Loket kini buka sampai 15.00." in page
    assert "Nomor antrean saya 57" not in page  # the other reporter's words stay theirs
    assert utama.kode_lacak not in page  # the other reporter's key is never shown
    assert "Tambah keterangan" not in page  # a merged complaint takes no more input


def test_refusals_say_why_and_keep_the_message(client, login_as, file, world, db):
    duplikat = file()
    ditolak = file()
    handling.refuse(world.users["koordinator_pengaduan"], ditolak, StatusPengaduan.DITOLAK,
                    "Bukan laporan.")
    elsewhere = file(opd=world.opd_pemda_lain)
    db.session.flush()
    login_as("koordinator_pengaduan")
    cases = [(duplikat.kode_lacak, "dengan dirinya sendiri"),
             (ditolak.kode_lacak, "sudah ditolak"),
             (elsewhere.kode_lacak, "Tidak ada laporan dengan kode itu di wilayah Anda"),
             ("ZZZZZ-ZZZZZ-ZZZZZ", "Tidak ada laporan dengan kode itu di wilayah Anda")]
    for kode, message in cases:
        response = _merge(client, duplikat, kode_manual=kode, alasan="Pesan yang saya tulis.")
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert message in html
        assert "Pesan yang saya tulis." in html
    db.session.refresh(duplikat)
    assert duplikat.status == StatusPengaduan.DITERIMA


def test_only_the_koordinator_of_the_area_merges(client, login_as, file, world, db):
    utama, duplikat = file(), file()
    db.session.flush()
    login_as("petugas_pengaduan")
    assert _merge(client, duplikat, kode_utama=utama.kode_lacak).status_code == 403
    client.post_form("/keluar")
    login_as("admin_opd")
    assert _merge(client, duplikat, kode_utama=utama.kode_lacak).status_code == 403
    db.session.refresh(duplikat)
    assert duplikat.status == StatusPengaduan.DITERIMA


def test_a_merged_complaint_is_received_but_not_counted_valid(file, world, db):
    utama, duplikat = file(), file()
    _route(world, utama)
    _route(world, duplikat)
    db.session.flush()
    before = stats.opd_complaint_stats(opd_ids=[world.opd.id])[world.opd.id]
    handling.merge_into(world.users["koordinator_pengaduan"], duplikat, utama, "Sama.")
    db.session.flush()
    after = stats.opd_complaint_stats(opd_ids=[world.opd.id])[world.opd.id]
    assert after.diterima == before.diterima == 2
    assert (before.sah, after.sah) == (2, 1)
