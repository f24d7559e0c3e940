"""Issue 12: a date whose year is a slip of the fingers (0001, 9999) gets a message next to its
field, in every form, and the form comes back filled."""

import re


def test_a_year_0001_incident_date_is_refused_next_to_the_field(client, world):
    page = client.get("/pengaduan/baru").get_data(as_text=True)
    token = re.search(r'name="form_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post_form("/pengaduan/baru", {
        "jenis": "pengaduan", "opd_id": str(world.opd.id), "layanan_id": "0",
        "judul": "Loket tutup lebih awal", "tanggal_kejadian": "0001-01-01", "wilayah_id": "0",
        "isi": "Loket tutup pukul sebelas padahal jadwalnya sampai jam tiga sore, setiap hari.",
        "identitas": "anonim", "persetujuan": "y", "form_token": token})
    html = response.get_data(as_text=True)
    assert response.status_code in (200, 422)
    assert "Periksa tahunnya: tanggal harus antara tahun 2000 dan 2100." in html
    assert "Loket tutup lebih awal" in html  # what was typed is still there


def test_a_year_9999_day_off_is_refused(client, login_as):
    login_as("admin_pemda")
    response = client.post_form("/kelola/hari-libur", {"tanggal": "9999-12-31",
                                                       "keterangan": "Cuti bersama"})
    html = response.get_data(as_text=True)
    assert "Periksa tahunnya" in html and "Cuti bersama" in html
