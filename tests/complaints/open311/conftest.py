"""Shared by the Open311 tests: a partner's API key, posting as that partner, and complaints
filed straight through the service (with any column changed afterwards)."""

import uuid

import pytest
import sqlalchemy as sa

from portal.complaints import services
from portal.complaints.models import Identitas, JenisLaporan, Pengaduan
from portal.complaints.open311 import keys

URL = "/open311/v2"
ISI = "KTP-el saya belum jadi. Saya merekam tanggal 2 November dan sampai hari ini belum jadi."


@pytest.fixture()
def api_key(db) -> str:
    _kunci, key = keys.create_api_key("Aplikasi Lapor Warga")
    db.session.flush()
    return key


def post_as(client, key, fmt="json", **fields):
    data = {"api_key": key, "service_code": "disdukcapil-bdl.ktp-el", "description": ISI,
            **fields}
    return client.post(f"{URL}/requests.{fmt}", data={k: v for k, v in data.items()
                                                       if v is not None})


def all_complaints(db) -> list[Pengaduan]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Pengaduan).order_by(Pengaduan.id)))


def file_direct(db, world, *, identitas=Identitas.BIASA, nama="Rina Wati",
          telepon="081234567890", email="rina@example.org", **changes) -> Pengaduan:
    anonim = identitas == Identitas.ANONIM
    data = services.LaporanData(
        jenis=JenisLaporan.PENGADUAN, judul="KTP-el belum jadi tiga minggu", isi=ISI,
        opd_id=world.opd.id, layanan_id=world.layanan.id, tanggal_kejadian=None,
        wilayah_id=None, lokasi="Depan rumah saya di Jl. Mawar 12", identitas=identitas,
        nama=None if anonim else nama, telepon=None if anonim else telepon,
        email=None if anonim else email)
    pengaduan, _created = services.file_pengaduan(data, uuid.uuid4().hex)
    for name, value in changes.items():
        setattr(pengaduan, name, value)
    db.session.flush()
    return pengaduan
