"""Issue 12: when the database really is busy (SQLite locked past its busy timeout, a PostgreSQL
lock conflict), the user gets a 503 page in plain Indonesian with Retry-After, and a form being
sent comes back on that page with what was typed, ready to send again; never a 500."""

import re
import sqlite3

from sqlalchemy.exc import OperationalError

from portal.site import services


def _locked(*_args, **_kwargs):
    raise OperationalError("UPDATE pengaduan …", {}, sqlite3.OperationalError("database is locked"))


def test_a_busy_database_keeps_what_was_typed(client, world, monkeypatch):
    """A view outside ``handle_form`` (the public complaint form): the plain busy page carries
    the fields to send again."""
    from portal.complaints import services as complaints
    from tests.complaints.conftest import answers, open_form

    monkeypatch.setitem(client.application.config, "PORTAL_COMPLAINT_MIN_SECONDS", 0)
    monkeypatch.setattr(complaints, "file_pengaduan", _locked)
    csrf, token = open_form(client)
    response = client.post("/pengaduan/baru", data=answers(
        world, csrf_token=csrf, form_token=token,
        isi="Antre dari jam tujuh,\nloket tutup tanpa pemberitahuan."))
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    html = response.get_data(as_text=True)
    assert "Server sedang sibuk" in html and 'class="site-header"' in html
    assert re.search(r'<input type="hidden" name="isi" value="Antre dari jam tujuh,\n'
                     r'loket tutup tanpa pemberitahuan.">', html)
    assert '<input type="hidden" name="tanggal_kejadian" value="2026-11-02">' in html
    assert 'action="/pengaduan/baru"' in html and "Kirim lagi" in html


def _days_off_form(client, **data):
    return client.post_form("/kelola/hari-libur", {
        "tanggal": "2026-12-24", "keterangan": "Cuti bersama Natal, sesuai SKB tiga menteri",
        **data})


def _filled_form(html: str) -> None:
    """The page's own form, not a copy: the fields shown, filled with what was typed."""
    assert re.search(r'<input[^>]*name="tanggal"[^>]*value="2026-12-24"', html)
    assert "Cuti bersama Natal, sesuai SKB tiga menteri</textarea>" in html or re.search(
        r'name="keterangan"[^>]*value="Cuti bersama Natal, sesuai SKB tiga menteri"', html)
    assert 'type="hidden" name="tanggal"' not in html


def test_a_form_sent_while_the_database_is_busy_comes_back_filled_with_a_503(
        client, login_as, monkeypatch):
    login_as("admin_pemda")
    monkeypatch.setattr(services, "add_day_off", _locked)
    response = _days_off_form(client)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    html = response.get_data(as_text=True)
    summary = html[html.index('class="error-summary"'):]
    assert "Server sedang sibuk dan isian Anda belum tersimpan" in summary[:600]
    _filled_form(html)
    assert "Hari libur ditambahkan" not in html


def test_a_commit_refused_as_busy_stores_nothing_and_keeps_the_form(
        client, login_as, monkeypatch):
    from sqlalchemy import func, select

    from portal.core.models import HariLibur
    from portal.extensions import db

    login_as("admin_pemda")
    before = db.session.scalar(select(func.count()).select_from(HariLibur))
    monkeypatch.setattr(type(db.session()), "commit", _locked)
    response = _days_off_form(client)
    monkeypatch.undo()
    assert response.status_code == 503
    _filled_form(response.get_data(as_text=True))
    assert db.session.scalar(select(func.count()).select_from(HariLibur)) == before


def test_a_busy_form_in_english(client, login_as, monkeypatch):
    login_as("admin_pemda")
    monkeypatch.setattr(services, "add_day_off", _locked)
    client.set_cookie("bahasa", "en")
    response = _days_off_form(client)
    assert response.status_code == 503
    html = response.get_data(as_text=True)
    assert "The server is busy and your entry has not been saved" in html
    assert '<html lang="en">' in html
    _filled_form(html)


def test_a_password_is_not_written_back_into_the_page(client, login_as, monkeypatch):
    from portal.auth import services

    login_as("pegawai")
    monkeypatch.setattr(services, "change_password", _locked)
    response = client.post_form("/akun/sandi", {"current": "rahasia-lama-sekali",
                                                "new": "rahasia-baru-sekali",
                                                "confirm": "rahasia-baru-sekali"})
    assert response.status_code == 503
    assert "rahasia" not in response.get_data(as_text=True)


def test_a_busy_page_in_english(client, world, monkeypatch):
    from portal.complaints import services as complaints
    from tests.complaints.conftest import answers, open_form

    monkeypatch.setitem(client.application.config, "PORTAL_COMPLAINT_MIN_SECONDS", 0)
    monkeypatch.setattr(complaints, "file_pengaduan", _locked)
    client.set_cookie("bahasa", "en")
    csrf, token = open_form(client)
    html = client.post("/pengaduan/baru", data=answers(
        world, csrf_token=csrf, form_token=token)).get_data(as_text=True)
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
