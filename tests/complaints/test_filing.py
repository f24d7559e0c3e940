"""Filing a complaint from the public form, and following it with the tracking code."""

import re

import sqlalchemy as sa

from portal.complaints.models import Identitas, Pengaduan, StatusPengaduan
from tests.complaints.conftest import answers, open_form


def _send(client, world, **overrides):
    csrf, token = open_form(client)
    return client.post("/pengaduan/baru", data={**answers(world, **overrides),
                                                "csrf_token": csrf, "form_token": token})


def _complaints(db):
    return list(db.session.scalars(sa.select(Pengaduan)))


def test_form_is_public_plain_and_labelled(client, world):
    response = client.get("/pengaduan/baru")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Ceritakan apa yang terjadi" in html
    assert '<label for="isi">' in html and '<label for="judul">' in html
    assert "Tidak tahu — petugas yang meneruskan" in html
    assert "Kecamatan" in html or "Kota Bandar Lampung" in html


def test_filing_gives_a_receipt_with_a_tracking_code(client, world, db, no_wait):
    response = _send(client, world)
    assert response.status_code == 303
    (complaint,) = _complaints(db)
    assert complaint.status == StatusPengaduan.DITERIMA
    assert complaint.pelapor_nama == "Rina Wati"
    assert response.headers["Location"].endswith(f"/pengaduan/{complaint.kode_lacak}?baru=1")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Laporan Anda sudah kami terima" in html
    assert complaint.kode_lacak in html
    assert "Rina Wati" not in html and "rina@example.org" not in html  # identity never shown
    assert complaint.batas_verifikasi > complaint.diterima_at.date()


def test_double_click_files_one_complaint(client, world, db, no_wait):
    csrf, token = open_form(client)
    data = {**answers(world), "csrf_token": csrf, "form_token": token}
    first = client.post("/pengaduan/baru", data=data)
    second = client.post("/pengaduan/baru", data=data)
    assert first.headers["Location"] == second.headers["Location"]
    assert len(_complaints(db)) == 1


def test_anonymous_complaint_keeps_no_identity(client, world, db, no_wait):
    response = _send(client, world, identitas="anonim", nama="Tidak Disimpan",
                     telepon="081234567890", email="x@example.org")
    assert response.status_code == 303
    (complaint,) = _complaints(db)
    assert complaint.identitas == Identitas.ANONIM
    assert (complaint.pelapor_nama, complaint.pelapor_telepon, complaint.pelapor_email) == (
        None, None, None)


def test_normal_identity_needs_a_name_and_a_contact(client, world, db, no_wait):
    html = _send(client, world, nama="", telepon="", email="").get_data(as_text=True)
    assert "Tuliskan nama Anda" in html
    html = _send(client, world, telepon="", email="").get_data(as_text=True)
    assert "Isi nomor telepon atau email" in html
    assert _complaints(db) == []


def test_bad_input_is_explained_and_nothing_typed_is_lost(client, world, db, no_wait):
    response = _send(client, world, isi="Terlalu pendek", judul="Judul yang cukup panjang",
                     tanggal_kejadian="2099-01-01", persetujuan="")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="isi-error"' in html and "30 sampai 4000 karakter" in html
    assert "tidak boleh di masa depan" in html
    assert "Centang pernyataan ini" in html
    assert 'value="Judul yang cukup panjang"' in html and "Terlalu pendek</textarea>" in html
    assert 'value="Rina Wati"' in html
    assert _complaints(db) == []


def test_service_must_belong_to_the_chosen_opd(client, world, db, no_wait):
    html = _send(client, world, opd_id=str(world.opd_lain.id)).get_data(as_text=True)
    assert "bukan layanan OPD yang dipilih" in html
    assert _complaints(db) == []


def test_service_list_follows_the_opd_with_and_without_javascript(client, world, no_wait):
    fragment = client.get("/pengaduan/baru/layanan", query_string={"opd_id": world.opd.id},
                          headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Penerbitan KTP-el" in fragment and "<html" not in fragment
    other = client.get("/pengaduan/baru/layanan", query_string={"opd_id": world.opd_lain.id})
    assert "Penerbitan KTP-el" not in other.get_data(as_text=True)
    # no JavaScript: the "Tampilkan layanan" button posts the form back, filled, with the list
    csrf, token = open_form(client)
    html = client.post("/pengaduan/baru", data={
        **answers(world, layanan_id="0"), "csrf_token": csrf, "form_token": token,
        "muat_layanan": "1"}).get_data(as_text=True)
    assert "Penerbitan KTP-el" in html and 'value="KTP-el belum jadi tiga minggu"' in html
    assert "error-summary" not in html


def test_honeypot_and_too_fast_are_refused_with_a_reason(client, world, db, app):
    html = _send(client, world).get_data(as_text=True)  # sent at once: faster than a person
    assert "terlalu cepat" in html and 'value="Rina Wati"' in html
    app.config["PORTAL_COMPLAINT_MIN_SECONDS"] = 0
    try:
        html = _send(client, world, website="http://spam.example").get_data(as_text=True)
    finally:
        app.config["PORTAL_COMPLAINT_MIN_SECONDS"] = 5
    assert "kiriman otomatis" in html
    assert _complaints(db) == []


def test_tampered_form_token_keeps_theanswers(client, world, db, no_wait):
    csrf, _token = open_form(client)
    html = client.post("/pengaduan/baru", data={**answers(world), "csrf_token": csrf,
                                                "form_token": "rusak"}).get_data(as_text=True)
    assert "kirim sekali lagi" in html and 'value="Rina Wati"' in html
    assert _complaints(db) == []


def test_filing_is_rate_limited_per_address(client, world, db, no_wait, app):
    old = app.config["PORTAL_COMPLAINT_LIMIT"]
    app.config["PORTAL_COMPLAINT_LIMIT"] = "2 per hour"
    try:
        codes = [_send(client, world).status_code for _ in range(3)]
    finally:
        app.config["PORTAL_COMPLAINT_LIMIT"] = old
    assert codes == [303, 303, 429]
    assert len(_complaints(db)) == 2


def test_tracking_by_code_typed_loosely(client, world, db, no_wait):
    location = _send(client, world).headers["Location"]
    code = _complaints(db)[0].kode_lacak
    typed = code.lower().replace("-", " ")
    response = client.get("/pengaduan/lacak", query_string={"kode": typed})
    assert response.headers["Location"].endswith(f"/pengaduan/{code}")
    html = client.get(f"/pengaduan/{code}").get_data(as_text=True)
    assert "Diterima" in html and "Perkembangan" in html and "Batas waktu pemeriksaan" in html
    assert client.get(location).headers["Cache-Control"] == "private, no-store"


def test_unknown_code_gets_a_friendly_404(client, world):
    response = client.get("/pengaduan/AAAAA-BBBBB-CCCCC")
    assert response.status_code == 404
    assert "Kode lacak tidak ditemukan" in response.get_data(as_text=True)
    html = client.get("/pengaduan/lacak", query_string={"kode": "12"}).get_data(as_text=True)
    assert "15 huruf dan angka" in html


def test_the_region_list_starts_with_the_portals_own_province(client, world, db):
    from portal.org.models import TingkatWilayah
    from tests.factories import make_wilayah

    sumut = make_wilayah("12", "Sumatera Utara", TingkatWilayah.PROVINSI)
    make_wilayah("12.71", "Medan", TingkatWilayah.KOTA, sumut)
    db.session.commit()
    html = client.get("/pengaduan/baru").get_data(as_text=True)
    select = html[html.index('name="wilayah_id"'):]
    groups = re.findall(r'<optgroup label="([^"]+)"', select[:select.index("</select>")])
    assert groups[1:3] == ["Kota Bandar Lampung", "Kota Metro"]  # after "Belum memilih"
    assert groups[-1] == "Kota Medan"
