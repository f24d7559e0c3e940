"""The staff desks and the reporter's follow-up: who sees what, and the whole flow with its
reasons, deadlines and privacy rules."""

import re
from datetime import timedelta

import sqlalchemy as sa

from portal.complaints.models import Identitas, JenisLaporan, StatusPengaduan
from portal.core.models import AuditEntry

S = StatusPengaduan


def _route(client, pengaduan, world, **overrides):
    data = {"tindakan": "teruskan", "opd_id": str(world.opd.id), "pesan": ""}
    data.update(overrides)
    return client.post_form(f"/meja/pengaduan/{pengaduan.id}/verifikasi", data)


def test_koordinator_queue_shows_own_pemda_only_overdue_first(client, login_as, file, world, db):
    mine = file()
    late = file()
    late.batas_verifikasi = late.batas_verifikasi - timedelta(days=30)
    elsewhere = file(opd=world.opd_pemda_lain)
    db.session.flush()
    login_as("koordinator_pengaduan")
    html = client.get("/meja/koordinator").get_data(as_text=True)
    assert mine.kode_lacak in html and late.kode_lacak in html
    assert elsewhere.kode_lacak not in html
    assert html.index(late.kode_lacak) < html.index(mine.kode_lacak)
    assert "Terlambat" in html
    assert client.get(f"/meja/pengaduan/{elsewhere.id}").status_code == 403


def test_verify_and_route_starts_the_opd_clock(client, login_as, file, world, db):
    pengaduan = file()
    login_as("koordinator_pengaduan")
    response = _route(client, pengaduan, world, perlu_tinjauan_lapangan="y")
    assert response.status_code == 303
    db.session.expire_all()
    assert pengaduan.status == S.DIDISPOSISIKAN and pengaduan.perlu_tinjauan_lapangan
    assert pengaduan.batas_selesai > pengaduan.batas_rencana  # 60 vs 5 working days
    audit = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.object_type == "pengaduan",
                                                          AuditEntry.action == "diteruskan"))
    assert audit.actor_id == world.users["koordinator_pengaduan"].id


def test_refusing_needs_a_reason_shown_to_the_reporter(client, login_as, file, world, db):
    pengaduan = file()
    login_as("koordinator_pengaduan")
    html = _route(client, pengaduan, world, tindakan="ditolak", pesan="").get_data(as_text=True)
    assert "Tuliskan alasannya" in html
    db.session.expire_all()
    assert pengaduan.status == S.DITERIMA
    _route(client, pengaduan, world, tindakan="bukan_wewenang",
           pesan="Jalan nasional: wewenang Kementerian PU.")
    html = client.get(f"/pengaduan/{pengaduan.kode_lacak}").get_data(as_text=True)
    assert "Bukan wewenang pemda" in html and "Kementerian PU" in html


def test_whole_flow_with_dispute_and_acceptance(client, app, login_as, file, world, db):
    pengaduan = file()
    code = pengaduan.kode_lacak
    login_as("koordinator_pengaduan")
    _route(client, pengaduan, world)
    client.post_form("/keluar")

    login_as("petugas_pengaduan")
    assert code in client.get("/meja/opd").get_data(as_text=True)
    client.post_form(f"/meja/pengaduan/{pengaduan.id}/tindak-lanjut",
                     {"rencana": "Kami cek jadwal loket minggu ini."})
    client.post_form(f"/meja/pengaduan/{pengaduan.id}/catatan",
                     {"isi": "Petugas loket 3 sering izin; cek absensi."})
    client.post_form(f"/meja/pengaduan/{pengaduan.id}/jawab",
                     {"jawaban": "Loket kini buka 07.30–15.00 dan ada nomor antrean daring."})
    client.post_form("/keluar")

    public = client.get(f"/pengaduan/{code}").get_data(as_text=True)
    assert "Sudah dijawab" in public and "nomor antrean daring" in public
    assert "cek absensi" not in public  # internal notes never reach the reporter
    response = client.post_form(f"/pengaduan/{code}/sanggah",
                                {"alasan": "Hari ini loket tetap tutup jam 11."})
    assert response.status_code == 303
    db.session.expire_all()
    assert pengaduan.status == S.DITINDAKLANJUTI and pengaduan.dibuka_ulang == 1

    login_as("petugas_pengaduan")
    client.post_form(f"/meja/pengaduan/{pengaduan.id}/jawab",
                     {"jawaban": "Kepala seksi sudah menegur petugas; loket dipantau harian."})
    client.post_form("/keluar")
    html = client.post_form(f"/pengaduan/{code}/terima", {}).get_data(as_text=True)
    assert "Pilih nilai 1 sampai 5." in html
    client.post_form(f"/pengaduan/{code}/terima", {"penilaian": "4"})
    db.session.expire_all()
    assert pengaduan.status == S.DITUTUP and pengaduan.penilaian == 4
    steps = [step.ke for step in pengaduan.riwayat]
    assert steps == [S.DITERIMA, S.DIVERIFIKASI, S.DIDISPOSISIKAN, S.DITINDAKLANJUTI, S.SELESAI,
                     S.DITINDAKLANJUTI, S.SELESAI, S.DITUTUP]


def test_rahasia_identity_is_hidden_from_the_opd(client, login_as, file, world, db):
    pengaduan = file(identitas=Identitas.RAHASIA)
    login_as("koordinator_pengaduan")
    assert "Siti Pelapor" in client.get(f"/meja/pengaduan/{pengaduan.id}").get_data(as_text=True)
    _route(client, pengaduan, world)
    client.post_form("/keluar")
    login_as("petugas_pengaduan")
    html = client.get(f"/meja/pengaduan/{pengaduan.id}").get_data(as_text=True)
    assert "Siti Pelapor" not in html and "081234567890" not in html
    assert "Dirahasiakan oleh pelapor" in html


def test_opd_sees_nothing_before_routing_and_nothing_of_other_opds(client, login_as, file,
                                                                   world):
    pengaduan = file()
    login_as("petugas_pengaduan")
    assert client.get(f"/meja/pengaduan/{pengaduan.id}").status_code == 403
    assert pengaduan.kode_lacak not in client.get("/meja/opd").get_data(as_text=True)
    assert client.post_form(f"/meja/pengaduan/{pengaduan.id}/jawab",
                            {"jawaban": "x"}).status_code == 403


def test_reporter_adds_information_and_a_held_complaint_returns_to_the_queue(client, login_as,
                                                                             file, world, db):
    pengaduan = file(identitas=Identitas.ANONIM)
    login_as("koordinator_pengaduan")
    _route(client, pengaduan, world, tindakan="ditunda", pesan="Di loket berapa, jam berapa?")
    client.post_form("/keluar")
    response = client.post_form(f"/pengaduan/{pengaduan.kode_lacak}/keterangan",
                                {"keterangan": "Loket 3, sekitar jam 11 siang."})
    assert response.status_code == 303
    db.session.expire_all()
    assert pengaduan.status == S.DITERIMA
    assert pengaduan.riwayat[-1].dari_pelapor


def test_illegal_moves_are_refused_from_any_url(client, login_as, file, world, db):
    pengaduan = file()
    login_as("petugas_pengaduan")
    # not routed yet: the OPD cannot answer, even by posting directly
    assert client.post_form(f"/meja/pengaduan/{pengaduan.id}/jawab",
                            {"jawaban": "Sudah."}).status_code == 403
    client.post_form("/keluar")
    response = client.post_form(f"/pengaduan/{pengaduan.kode_lacak}/terima", {"penilaian": "5"})
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "tidak dapat diubah" in html
    db.session.expire_all()
    assert pengaduan.status == S.DITERIMA


def test_answer_templates(client, login_as, file, world, db):
    pengaduan = file()
    login_as("koordinator_pengaduan")
    _route(client, pengaduan, world)
    client.post_form("/keluar")
    login_as("petugas_pengaduan")
    html = client.post_form("/meja/templat", {"judul": "", "isi": ""}).get_data(as_text=True)
    assert "Wajib diisi." in html
    response = client.post_form("/meja/templat", {
        "judul": "Blangko KTP-el tersedia",
        "isi": "Blangko KTP-el sudah tersedia; silakan ambil di loket 2."})
    assert response.status_code == 303
    html = client.get(f"/meja/pengaduan/{pengaduan.id}").get_data(as_text=True)
    assert "Blangko KTP-el tersedia" in html
    template_link = re.search(r'href="([^"]*templat=\d+[^"]*)"', html).group(1)
    html = client.get(template_link.replace("&amp;", "&")).get_data(as_text=True)
    assert "silakan ambil di loket 2.</textarea>" in html


def test_the_koordinator_queue_searches_and_filters(client, login_as, file, world, db):
    """Issue 11: a queue of sixty needs search and filters (status, OPD, kind, overdue), as a
    plain GET form that works without JavaScript."""
    loket = file(judul="Loket KTP-el tutup lebih awal")
    info = file(judul="Jadwal perekaman keliling", jenis=JenisLaporan.PERMINTAAN_INFORMASI)
    late = file(judul="Antrean akta kelahiran")
    late.batas_verifikasi = late.batas_verifikasi - timedelta(days=30)
    tanpa_opd = file(judul="Jalan berlubang di depan pasar", opd_id=None)
    db.session.commit()
    login_as("koordinator_pengaduan")

    def listed(query: str) -> set[str]:
        html = client.get(f"/meja/koordinator?{query}").get_data(as_text=True)
        return {p.kode_lacak for p in (loket, info, late, tanpa_opd) if p.kode_lacak in html}

    everything = {loket.kode_lacak, info.kode_lacak, late.kode_lacak, tanpa_opd.kode_lacak}
    assert listed("") == everything
    assert listed("q=loket") == {loket.kode_lacak}
    assert listed(f"q={loket.kode_lacak.lower().replace('-', ' ')}") == {loket.kode_lacak}
    assert listed("jenis=permintaan_informasi") == {info.kode_lacak}
    assert listed("terlambat=1") == {late.kode_lacak}
    assert listed("opd=tanpa") == {tanpa_opd.kode_lacak}
    assert listed(f"opd={world.opd.id}") == everything - {tanpa_opd.kode_lacak}
    html = client.get("/meja/koordinator?q=tidak-ada-yang-begini").get_data(as_text=True)
    assert "Tidak ada laporan yang cocok dengan saringan ini." in html
    assert 'href="/meja/koordinator">Hapus saringan' in html
    # nonsense in a filter is ignored, never an error
    assert client.get("/meja/koordinator?status=palsu&opd=x&jenis=palsu").status_code == 200


def test_the_routing_list_can_be_searched_without_javascript(client, login_as, file, world, db):
    pengaduan = file(opd_id=None)
    db.session.commit()
    login_as("koordinator_pengaduan")
    html = client.get(f"/meja/pengaduan/{pengaduan.id}").get_data(as_text=True)
    select = html[html.index('name="opd_id"'):]
    select = select[:select.index("</select>")]
    assert world.opd.nama in select and world.opd_lain.nama in select
    assert world.opd_pemda_lain.nama not in select  # another pemda's OPDs are not offered
    html = client.get(f"/meja/pengaduan/{pengaduan.id}?cari_opd=penanaman").get_data(as_text=True)
    select = html[html.index('name="opd_id"'):]
    select = select[:select.index("</select>")]
    assert world.opd_lain.nama in select and world.opd.nama not in select
    assert 'value="penanaman"' in html and "Tampilkan semua OPD" in html


def _routing_select(html: str) -> str:
    select = html[html.index('name="opd_id"'):]
    return select[:select.index("</select>")]


def test_the_routing_list_is_grouped_by_pemda_the_complaints_own_first(client, file, world, db):
    """Issue 11: sixteen pemda each have a "Dinas Kependudukan …": a koordinator of two pemda
    sees their OPDs under one heading per pemda, each named with its pemda, the complaint's
    own pemda first."""
    from portal.core.roles import Role
    from tests.factories import make_user

    make_user("koordinator.dua", "Koordinator Dua Pemda", roles=(
        (Role.KOORDINATOR_PENGADUAN, world.pemda), (Role.KOORDINATOR_PENGADUAN, world.pemda_lain)))
    metro = file(opd=world.opd_pemda_lain)
    kota = file()
    db.session.commit()
    client.post_form("/masuk", {"username": "koordinator.dua", "password": world.password})
    kota_name, metro_name = world.pemda.nama, world.pemda_lain.nama
    select = _routing_select(client.get(f"/meja/pengaduan/{metro.id}").get_data(as_text=True))
    assert select.index(f'<optgroup label="{metro_name}">') < select.index(
        f'<optgroup label="{kota_name}">')
    assert f"{world.opd_pemda_lain.nama} — {metro_name}</option>" in select
    assert f"{world.opd.nama} — {kota_name}</option>" in select
    select = _routing_select(client.get(f"/meja/pengaduan/{kota.id}").get_data(as_text=True))
    assert select.index(f'<optgroup label="{kota_name}">') < select.index(
        f'<optgroup label="{metro_name}">')
    # the "choose" line stands outside the groups
    assert select.index("— Pilih OPD —") < select.index("<optgroup")


def test_a_decision_coming_back_with_an_error_keeps_the_search_and_the_text(client, login_as,
                                                                              file, world, db):
    pengaduan = file(opd_id=None)
    db.session.commit()
    login_as("koordinator_pengaduan")
    response = client.post_form(f"/meja/pengaduan/{pengaduan.id}/verifikasi", {
        "tindakan": "teruskan", "opd_id": "", "pesan": "Kami teruskan ke dinas terkait.",
        "cari_opd": "penanaman"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Kami teruskan ke dinas terkait." in html
    select = _routing_select(html)
    assert world.opd_lain.nama in select and world.opd.nama not in select
    assert 'name="cari_opd" type="search" value="penanaman"' in html
    db.session.expire_all()
    assert pengaduan.status == S.DITERIMA


def test_a_huge_opd_number_is_a_field_error_not_a_500(client, login_as, file, db):
    pengaduan = file(opd_id=None)
    db.session.commit()
    login_as("koordinator_pengaduan")
    response = client.post_form(f"/meja/pengaduan/{pengaduan.id}/verifikasi", {
        "tindakan": "teruskan", "opd_id": "9" * 30, "pesan": "", "cari_opd": "dinas"})
    assert response.status_code == 200
    db.session.expire_all()
    assert pengaduan.status == S.DITERIMA


def test_the_koordinator_may_give_the_category_when_routing(client, login_as, file, world, db):
    from portal.complaints.models import KategoriPengaduan

    pengaduan = file(opd_id=None)
    db.session.commit()
    login_as("koordinator_pengaduan")
    page = client.get(f"/meja/pengaduan/{pengaduan.id}").get_data(as_text=True)
    assert "Kategori (opsional)" in page
    response = client.post_form(f"/meja/pengaduan/{pengaduan.id}/verifikasi", {
        "tindakan": "teruskan", "opd_id": str(world.opd.id), "kategori": "perilaku_pelaksana",
        "pesan": ""})
    assert response.status_code == 303
    db.session.expire_all()
    assert (pengaduan.status, pengaduan.kategori) == (S.DIDISPOSISIKAN,
                                                      KategoriPengaduan.PERILAKU_PELAKSANA)
