"""Factories of "Dari suara publik ke tindakan": classified complaints and mapping rows."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from portal.complaints.models import (
    Identitas,
    JenisLaporan,
    KategoriPengaduan,
    Pengaduan,
    StatusPengaduan,
)
from portal.extensions import db
from portal.pembinaan.kompetensi.models import SumberSuara
from portal.pembinaan.suara.models import PemetaanSuara


def make_pengaduan(layanan, kategori: KategoriPengaduan | str | None, *,
                   at: datetime = datetime(2026, 2, 10, 3, 0),
                   status: StatusPengaduan = StatusPengaduan.DIDISPOSISIKAN) -> Pengaduan:
    pengaduan = Pengaduan(
        kode_lacak=uuid.uuid4().hex[:17], idempotency_key=uuid.uuid4().hex,
        jenis=JenisLaporan.PENGADUAN, judul="Antrean terlalu lama", isi="Menunggu seharian.",
        opd_id=layanan.opd_id, layanan_id=layanan.id, identitas=Identitas.ANONIM, status=status,
        diterima_at=at, batas_verifikasi=date(2026, 2, 13),
        kategori=KategoriPengaduan(kategori) if kategori else None)
    db.session.add(pengaduan)
    db.session.flush()
    return pengaduan


def make_pemetaan(pemda, sumber: str, kode: str, kegiatan, catatan=None) -> PemetaanSuara:
    row = PemetaanSuara(pemda=pemda, sumber=SumberSuara(sumber), kode=kode, kegiatan=kegiatan,
                        catatan=catatan)
    db.session.add(row)
    db.session.flush()
    return row
