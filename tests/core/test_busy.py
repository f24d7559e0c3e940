"""Issue 12: when the database really is busy (SQLite locked past its busy timeout, a PostgreSQL
lock conflict), the user gets a 503 page in plain Indonesian with Retry-After, and a form being
sent comes back on that page with what was typed, ready to send again; never a 500."""

import re
import sqlite3

from sqlalchemy.exc import OperationalError

from portal.site import services


def _locked(*_args, **_kwargs):
    raise OperationalError("UPDATE pengaduan …", {}, sqlite3.OperationalError("database is locked"))


def test_a_busy_database_keeps_what_was_typed(client, login_as, monkeypatch):
    login_as("admin_pemda")
    monkeypatch.setattr(services, "add_day_off", _locked)
    response = client.post_form("/kelola/hari-libur", {
        "tanggal": "2026-12-24", "keterangan": "Cuti bersama Natal,\nsesuai SKB tiga menteri"})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    html = response.get_data(as_text=True)
    assert "Server sedang sibuk" in html and 'class="site-header"' in html
    assert re.search(r'<input type="hidden" name="keterangan" value="Cuti bersama Natal,\n'
                     r'sesuai SKB tiga menteri">', html)
    assert '<input type="hidden" name="tanggal" value="2026-12-24">' in html
    assert 'action="/kelola/hari-libur"' in html and "Kirim lagi" in html


def test_a_password_is_not_written_back_into_the_page(client, login_as, monkeypatch):
    from portal.auth import services

    login_as("pegawai")
    monkeypatch.setattr(services, "change_password", _locked)
    response = client.post_form("/akun/sandi", {"current": "rahasia-lama-sekali",
                                                "new": "rahasia-baru-sekali",
                                                "confirm": "rahasia-baru-sekali"})
    assert response.status_code == 503
    assert "rahasia" not in response.get_data(as_text=True)


def test_a_busy_page_in_english(client, login_as, monkeypatch):
    login_as("admin_pemda")
    monkeypatch.setattr(services, "add_day_off", _locked)
    client.set_cookie("bahasa", "en")
    html = client.post_form("/kelola/hari-libur", {"tanggal": "2026-12-24",
                                                   "keterangan": "x"}).get_data(as_text=True)
    assert "The server is busy" in html and "Send again" in html


def test_another_database_error_is_still_a_500(app, client, login_as, monkeypatch):
    def broken(*_a, **_k):
        raise OperationalError("SELECT …", {}, sqlite3.OperationalError("no such table: x"))

    login_as("admin_pemda")
    monkeypatch.setattr(services, "add_day_off", broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    response = client.post_form("/kelola/hari-libur", {"tanggal": "2026-12-24",
                                                       "keterangan": "x"})
    assert response.status_code == 500
