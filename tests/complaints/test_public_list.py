"""The public list: no rahasia complaint, no name, contact or tracking code, and the text only
as a summary staff approved."""

import uuid

import pytest

from portal.complaints.handling import set_public_summary
from portal.complaints.models import Identitas, JenisLaporan
from portal.complaints.services import LaporanData, file_pengaduan
from portal.core.models import DomainError


def _file(world, identitas, nama, judul):
    pengaduan, _created = file_pengaduan(LaporanData(
        jenis=JenisLaporan.PENGADUAN, judul=judul,
        isi=f"Isi laporan rinci dari {nama} tentang pelayanan yang lambat sekali.",
        opd_id=world.opd.id, layanan_id=world.layanan.id, tanggal_kejadian=None,
        wilayah_id=None, lokasi="Rumah di Jl. Mawar 9", identitas=identitas,
        nama=None if identitas == Identitas.ANONIM else nama,
        telepon=None if identitas == Identitas.ANONIM else "081299887766",
        email=None), uuid.uuid4().hex)
    return pengaduan


def test_public_list_shows_no_identity_no_codes_and_no_rahasia(client, world, db):
    biasa = _file(world, Identitas.BIASA, "Bambang Biasa", "Judul laporan biasa")
    rahasia = _file(world, Identitas.RAHASIA, "Ratna Rahasia", "Judul laporan rahasia")
    anonim = _file(world, Identitas.ANONIM, "Anonim", "Judul laporan anonim")
    set_public_summary(world.users["koordinator_pengaduan"], biasa,
                       "Warga mengeluhkan antrean KTP-el yang lama.", True)
    html = client.get("/pengaduan").get_data(as_text=True)
    assert "2 laporan." in html
    assert "Warga mengeluhkan antrean KTP-el yang lama." in html
    for secret in ("Bambang Biasa", "Ratna Rahasia", "081299887766", "Jl. Mawar 9",
                   biasa.kode_lacak, rahasia.kode_lacak, anonim.kode_lacak,
                   "Judul laporan", "Isi laporan rinci"):
        assert secret not in html, secret
    assert "Penerbitan KTP-el" in html and world.opd.nama in html


def test_unapproved_summary_stays_private_and_rahasia_cannot_have_one(client, world, db):
    biasa = _file(world, Identitas.BIASA, "Bambang Biasa", "Judul laporan biasa")
    set_public_summary(world.users["koordinator_pengaduan"], biasa, "Draf ringkasan.", False)
    assert "Draf ringkasan." not in client.get("/pengaduan").get_data(as_text=True)
    with pytest.raises(DomainError):
        set_public_summary(world.users["koordinator_pengaduan"], biasa, "", True)
    rahasia = _file(world, Identitas.RAHASIA, "Ratna Rahasia", "Judul laporan rahasia")
    with pytest.raises(DomainError):
        set_public_summary(world.users["koordinator_pengaduan"], rahasia, "Teks", True)


def test_filters_and_htmx_fragment(client, world, db):
    _file(world, Identitas.BIASA, "Bambang Biasa", "Judul laporan biasa")
    assert "1 laporan." in client.get("/pengaduan?status=diterima").get_data(as_text=True)
    assert "0 laporan." in client.get("/pengaduan?status=ditutup").get_data(as_text=True)
    assert "0 laporan." in client.get(
        f"/pengaduan?opd={world.opd_lain.id}").get_data(as_text=True)
    fragment = client.get("/pengaduan?jenis=pengaduan", headers={
        "HX-Request": "true", "HX-Target": "daftar-pengaduan"}).get_data(as_text=True)
    assert "1 laporan." in fragment and "<html" not in fragment


def test_staff_approve_a_summary_from_the_desk(client, world, login_as, db):
    biasa = _file(world, Identitas.BIASA, "Bambang Biasa", "Judul laporan biasa")
    login_as("koordinator_pengaduan")
    html = client.post_form(f"/meja/pengaduan/{biasa.id}/ringkasan", {
        "ringkasan_publik": "", "disetujui": "y"}).get_data(as_text=True)
    assert "Tulis ringkasannya dulu" in html
    response = client.post_form(f"/meja/pengaduan/{biasa.id}/ringkasan", {
        "ringkasan_publik": "Antrean panjang di loket KTP-el.", "disetujui": "y"})
    assert response.status_code == 303
    assert "Antrean panjang di loket KTP-el." in client.get("/pengaduan").get_data(as_text=True)
