"""Shared pieces of the complaint tests: the public form as a citizen fills it in."""

import re

import pytest

TOKEN_RE = re.compile(r'name="form_token" type="hidden" value="([^"]+)"')
CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture()
def no_wait(app):
    """A test fills the form faster than a person may; lift the minimum fill time."""
    old = app.config["PORTAL_COMPLAINT_MIN_SECONDS"]
    app.config["PORTAL_COMPLAINT_MIN_SECONDS"] = 0
    yield
    app.config["PORTAL_COMPLAINT_MIN_SECONDS"] = old


def open_form(client) -> tuple[str, str]:
    """Open /pengaduan/baru; return its CSRF token and its signed form token."""
    html = client.get("/pengaduan/baru").get_data(as_text=True)
    return CSRF_RE.search(html).group(1), TOKEN_RE.search(html).group(1)


def answers(world, **overrides) -> dict[str, str]:
    data = {"jenis": "pengaduan", "opd_id": str(world.opd.id),
            "layanan_id": str(world.layanan.id), "judul": "KTP-el belum jadi tiga minggu",
            "isi": "Saya merekam KTP-el tanggal 2 November dan sampai hari ini belum jadi.",
            "tanggal_kejadian": "2026-11-02", "wilayah_id": "0", "lokasi": "Loket 3",
            "identitas": "biasa", "nama": "Rina Wati", "telepon": "0812 3456 7890",
            "email": "rina@example.org", "persetujuan": "y", "website": ""}
    data.update(overrides)
    return data
