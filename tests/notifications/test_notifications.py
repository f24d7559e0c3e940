"""In-portal notifications: the header count, the list, opening one marks it read, and nobody
opens another's."""

from __future__ import annotations

from portal.extensions import db
from portal.notifications.models import Notifikasi
from portal.notifications.services import notify


def _notify_pegawai(world, jenis="skp_dikembalikan", url="/dasbor"):
    item = notify(world.users["pegawai"], jenis, url, nama="Budi", periode="2026")
    db.session.commit()
    return item


def test_header_shows_unread_count_and_list_shows_message(client, world, login_as):
    login_as("pegawai")
    assert "Notifikasi (1 baru)" not in client.get("/dasbor").get_data(as_text=True)
    _notify_pegawai(world)
    _notify_pegawai(world, "batas_waktu_dekat")
    page = client.get("/dasbor").get_data(as_text=True)
    assert "Notifikasi (2 baru)" in page
    listing = client.get("/notifikasi").get_data(as_text=True)
    assert "SKP 2026 Anda dikembalikan untuk diperbaiki." in listing
    assert "Batas waktu 2026 sudah dekat." in listing


def test_opening_marks_read_and_follows_the_link(client, world, login_as):
    login_as("pegawai")
    item = _notify_pegawai(world, url="/notifikasi?page=1")
    response = client.post_form(f"/notifikasi/{item.id}/buka", {})
    assert response.status_code == 302
    assert response.headers["Location"] == "/notifikasi?page=1"
    db.session.refresh(item)
    assert item.dibaca_at is not None
    assert "baru)" not in client.get("/notifikasi").get_data(as_text=True)


def test_a_stored_outside_link_is_never_followed(client, world, login_as):
    login_as("pegawai")
    item = _notify_pegawai(world, url="//evil.example/")
    response = client.post_form(f"/notifikasi/{item.id}/buka", {})
    assert response.headers["Location"] == "/notifikasi"


def test_nobody_opens_another_users_notification(client, world, login_as):
    item = _notify_pegawai(world)
    login_as("atasan")
    response = client.post_form(f"/notifikasi/{item.id}/buka", {})
    assert response.status_code == 403
    db.session.refresh(item)
    assert item.dibaca_at is None
    assert "Anda dikembalikan" not in client.get("/notifikasi").get_data(as_text=True)


def test_mark_all_read(client, world, login_as):
    login_as("pegawai")
    _notify_pegawai(world)
    _notify_pegawai(world)
    client.post_form("/notifikasi/baca-semua", {})
    assert db.session.query(Notifikasi).filter(Notifikasi.dibaca_at.is_(None)).count() == 0


def test_list_needs_sign_in(client, db):
    response = client.get("/notifikasi")
    assert response.status_code == 302
    assert "/masuk" in response.headers["Location"]


def test_english_reader_sees_english(client, world, login_as):
    login_as("pegawai")
    _notify_pegawai(world)
    client.get("/bahasa/en")
    assert "Your 2026 SKP was returned for correction." in client.get("/notifikasi").get_data(as_text=True)
