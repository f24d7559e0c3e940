import time

import pytest

from portal.extensions import db as _db


def test_sign_in_page_is_indonesian_with_labelled_fields(client):
    html = client.get("/masuk").get_data(as_text=True)
    assert "Masuk ke Portal Kinerja ASN" in html
    assert '<label for="username">NIP atau nama pengguna</label>' in html
    assert '<label for="password">Kata sandi</label>' in html


@pytest.mark.parametrize(("user", "landing"), [
    ("admin_pemda", "/kelola/opd"),
    ("admin_opd", "/kelola/opd/{opd}"),
    ("petugas_pengaduan", "/meja/opd"),
    ("koordinator_pengaduan", "/meja/koordinator"),
    ("pegawai", "/dasbor"),
    ("atasan", "/dasbor"),
])
def test_right_password_lands_on_the_page_for_the_role(client, world, user, landing):
    response = client.post_form("/masuk", {"username": world.users[user].username,
                                           "password": world.password})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(landing.format(opd=world.opd.id))
    page = client.get(response.headers["Location"])
    assert page.status_code == 200


def test_nip_typed_with_spaces_signs_in(client, world):
    nip = world.users["pegawai"].username
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    response = client.post_form("/masuk", {"username": spaced, "password": world.password})
    assert response.status_code == 302
    html = client.get("/dasbor").get_data(as_text=True)
    assert "Dewi Lestari" in html
    assert "Ahmad Fauzi" in html  # the pejabat penilai, derived from the atasan


def test_supervisor_sees_the_staff_they_rate(client, login_as):
    login_as("atasan")
    html = client.get("/dasbor").get_data(as_text=True)
    assert "Dewi Lestari" in html and "Budi Santoso" in html


def test_wrong_password_shows_a_message_and_keeps_the_username(client, world):
    response = client.post_form("/masuk", {"username": "admin.bdl", "password": "salah-sekali"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "NIP/nama pengguna atau kata sandi salah." in html
    assert 'value="admin.bdl"' in html
    assert client.get("/dasbor").status_code == 302  # still signed out


def test_unknown_account_gets_the_same_message(client, world):
    html = client.post_form("/masuk", {"username": "tidak.ada", "password": "x" * 12}).get_data(
        as_text=True)
    assert "NIP/nama pengguna atau kata sandi salah." in html


def test_empty_fields_are_reported_next_to_the_field(client, world):
    html = client.post_form("/masuk", {"username": "", "password": ""}).get_data(as_text=True)
    assert 'id="username-error"' in html and "Isi NIP atau nama pengguna." in html
    assert 'href="#password"' in html  # error summary links to the field


def test_failed_sign_ins_are_throttled_per_account(client, world):
    for _ in range(5):
        client.post_form("/masuk", {"username": "admin.bdl", "password": "salah-sekali"})
    response = client.post_form("/masuk", {"username": "admin.bdl", "password": world.password})
    html = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk" in html
    assert 'value="admin.bdl"' in html
    assert int(response.headers["Retry-After"]) > 0
    # another account from the same address is not locked out by these five
    other = client.post_form("/masuk", {"username": "admin.metro", "password": world.password})
    assert other.status_code == 302


def test_failed_sign_ins_are_throttled_per_address(client, world, app):
    old = app.config["PORTAL_LOGIN_LIMIT_ADDRESS"]
    app.config["PORTAL_LOGIN_LIMIT_ADDRESS"] = "3 per 15 minutes"
    try:
        for n in range(3):
            client.post_form("/masuk", {"username": f"tebak{n}", "password": "salah-sekali"})
        response = client.post_form("/masuk", {"username": "admin.bdl",
                                               "password": world.password})
    finally:
        app.config["PORTAL_LOGIN_LIMIT_ADDRESS"] = old
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk" in response.get_data(as_text=True)


def test_successful_sign_ins_do_not_count_towards_the_limit(client, world):
    for _ in range(7):
        assert client.post_form("/masuk", {"username": "admin.bdl",
                                           "password": world.password}).status_code == 302
        client.post_form("/keluar")


def test_next_parameter_only_redirects_within_the_site(client, world):
    token = client.csrf_token()
    data = {"username": "admin.bdl", "password": world.password, "csrf_token": token}
    response = client.post("/masuk?next=https://jahat.example/", data=data)
    assert response.headers["Location"] == "/kelola/opd"
    client.post_form("/keluar")
    response = client.post("/masuk?next=/dasbor", data={**data, "csrf_token": client.csrf_token()})
    assert response.headers["Location"] == "/dasbor"


def test_sign_out_ends_the_session(client, login_as):
    login_as("admin_pemda")
    assert client.get("/kelola/opd").status_code == 200
    response = client.post_form("/keluar")
    assert response.status_code == 302
    assert "Anda sudah keluar" in client.get("/").get_data(as_text=True)
    assert client.get("/kelola/opd").status_code == 302


def test_sign_out_without_csrf_token_is_refused(client, login_as):
    login_as("admin_pemda")
    assert client.post("/keluar").status_code == 400
    assert client.get("/kelola/opd").status_code == 200


def test_session_expires(client, login_as, app, monkeypatch):
    login_as("admin_pemda")
    lifetime = app.permanent_session_lifetime.total_seconds()
    real_time = time.time
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: real_time() + lifetime + 60)
    response = client.get("/kelola/opd")
    assert response.status_code == 302
    assert "/masuk" in response.headers["Location"]


def test_change_password_ends_other_sessions(app, client, world, login_as):
    login_as("admin_pemda")
    other_device = app.test_client()
    other_device.post_form("/masuk", {"username": "admin.bdl", "password": world.password})
    assert other_device.get("/kelola/opd").status_code == 200

    response = client.post_form("/akun/sandi", {"current": world.password,
                                                "new": "kalimat sandi baru saya",
                                                "confirm": "kalimat sandi baru saya"})
    assert response.status_code == 302
    assert client.get("/kelola/opd").status_code == 200  # this device stays signed in
    assert other_device.get("/kelola/opd").status_code == 302  # the other one is signed out
    with app.app_context():
        user = _db.session.get(type(world.users["admin_pemda"]), world.users["admin_pemda"].id)
        assert user.check_password("kalimat sandi baru saya")


def test_change_password_errors_keep_the_user_on_the_form(client, world, login_as):
    login_as("pegawai")
    html = client.post_form("/akun/sandi", {"current": "salah", "new": "pendek",
                                            "confirm": "beda"}).get_data(as_text=True)
    assert "paling sedikit 10 karakter" in html
    assert "Kedua kata sandi baru tidak sama." in html
    html = client.post_form("/akun/sandi", {"current": "salah-salah", "new": "kalimat baru saya",
                                            "confirm": "kalimat baru saya"}).get_data(as_text=True)
    assert "Kata sandi saat ini salah." in html
