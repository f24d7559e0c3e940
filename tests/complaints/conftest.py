"""Shared pieces of the complaint tests: the public form as a citizen fills it in."""

import re
import uuid

import pytest

from portal.complaints.models import Identitas, JenisLaporan, Pengaduan
from portal.complaints.services import LaporanData, file_pengaduan

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


@pytest.fixture()
def file(db, world):
    """``file(identitas=…, opd=…, **fields)`` stores a complaint as the public form would."""
    def _file(identitas=Identitas.BIASA, opd=None, key=None, **extra) -> Pengaduan:
        data = LaporanData(
            jenis=JenisLaporan.PENGADUAN, judul="Antrean KTP-el terlalu lama",
            isi="Saya antre dari jam tujuh pagi sampai siang dan loket tutup tanpa pemberitahuan.",
            opd_id=(opd or world.opd).id, layanan_id=None, tanggal_kejadian=None,
            wilayah_id=None, lokasi=None, identitas=identitas,
            nama=None if identitas == Identitas.ANONIM else "Siti Pelapor",
            telepon=None if identitas == Identitas.ANONIM else "081234567890", email=None)
        data.__dict__.update(extra)
        pengaduan, _created = file_pengaduan(data, key or uuid.uuid4().hex)
        db.session.flush()
        return pengaduan
    return _file
