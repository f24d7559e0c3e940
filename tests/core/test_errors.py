"""Error pages come in the site layout and the visitor's language."""

import io

from flask import abort

from portal import create_app


def _layout(html: str) -> None:
    assert 'href="#konten-utama"' in html  # the skip link of the base layout
    assert '<main id="konten-utama"' in html


def test_404_in_indonesian_and_english(client):
    response = client.get("/tidak-ada")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in html
    _layout(html)
    client.set_cookie("bahasa", "en")
    html = client.get("/tidak-ada").get_data(as_text=True)
    assert "Page not found" in html
    assert '<html lang="en">' in html


def test_403_for_a_signed_in_user_without_the_role(client, login_as):
    login_as("pegawai")
    response = client.get("/kelola/opd")
    assert response.status_code == 403
    assert "Akses ditolak" in response.get_data(as_text=True)


def test_post_without_csrf_token_is_refused_with_400(client, world):
    response = client.post("/masuk", data={"username": "admin.bdl", "password": world.password})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "token keamanan" in html
    _layout(html)


def test_413_when_the_upload_is_too_large(client, app, login_as, world):
    login_as("admin_opd")
    old = app.config["MAX_CONTENT_LENGTH"]
    app.config["MAX_CONTENT_LENGTH"] = 1024
    try:
        response = client.post(f"/kelola/opd/{world.opd.id}/pegawai/impor",
                               data={"berkas": (io.BytesIO(b"x" * 4096), "a.csv")},
                               content_type="multipart/form-data")
    finally:
        app.config["MAX_CONTENT_LENGTH"] = old
    assert response.status_code == 413
    assert "Berkas terlalu besar" in response.get_data(as_text=True)


def test_429_and_500_pages(tmp_path):
    app = create_app({"PORTAL_ENV": "testing", "INSTANCE_PATH": tmp_path,
                      "PROPAGATE_EXCEPTIONS": False,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    app.add_url_rule("/_uji/boom", "boom", lambda: 1 / 0)
    app.add_url_rule("/_uji/sibuk", "sibuk", lambda: abort(429))
    client = app.test_client()
    response = client.get("/_uji/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "gangguan pada server" in html
    _layout(html)
    response = client.get("/_uji/sibuk")
    assert response.status_code == 429
    assert "Terlalu banyak permintaan" in response.get_data(as_text=True)
