"""Filing a complaint: one transaction stores it with its first timeline entry and the rows of
its attachments (whose files ``attachments.store_files`` has just written)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from portal.complaints import mail
from portal.complaints.attachments import SavedFile, check_count
from portal.complaints.models import (
    Identitas,
    JenisLaporan,
    LampiranPengaduan,
    Pengaduan,
    RiwayatPengaduan,
    StatusPengaduan,
)
from portal.complaints.tracking import new_code
from portal.core.calendar import local_date
from portal.core.models import DomainError, utcnow
from portal.core.text import squash_spaces
from portal.core.workdays import portal_calendar
from portal.extensions import db
from portal.org.models import Layanan, Opd, Wilayah


@dataclass
class LaporanData:
    jenis: JenisLaporan
    judul: str
    isi: str
    opd_id: int | None
    layanan_id: int | None
    tanggal_kejadian: date | None
    wilayah_id: int | None
    lokasi: str | None
    identitas: Identitas
    nama: str | None
    telepon: str | None
    email: str | None


def find_by_idempotency_key(key: str) -> Pengaduan | None:
    return db.session.scalar(sa.select(Pengaduan).where(Pengaduan.idempotency_key == key))


def find_by_code(code: str) -> Pengaduan | None:
    return db.session.scalar(sa.select(Pengaduan).where(Pengaduan.kode_lacak == code))


def _check(data: LaporanData) -> None:
    if data.opd_id is not None:
        opd = db.session.get(Opd, data.opd_id)
        if opd is None or not opd.aktif:
            raise DomainError(_("OPD yang dipilih tidak ditemukan."), "opd_id")
    if data.layanan_id is not None:
        layanan = db.session.get(Layanan, data.layanan_id)
        if layanan is None or layanan.opd_id != data.opd_id:
            raise DomainError(_("Layanan itu bukan layanan OPD yang dipilih."), "layanan_id")
    if data.wilayah_id is not None and db.session.get(Wilayah, data.wilayah_id) is None:
        raise DomainError(_("Wilayah yang dipilih tidak ditemukan."), "wilayah_id")
    if data.identitas == Identitas.BIASA:
        if not (data.nama or "").strip():
            raise DomainError(_("Tuliskan nama Anda, atau pilih rahasia atau anonim."), "nama")
        if not ((data.telepon or "").strip() or (data.email or "").strip()):
            raise DomainError(_("Isi nomor telepon atau email agar petugas dapat menghubungi "
                                "Anda."), "telepon")


def file_pengaduan(data: LaporanData, idempotency_key: str, *,
                   lampiran: Sequence[SavedFile] = (),
                   saluran: str = "web") -> tuple[Pengaduan, bool]:
    """Store a new complaint with its attachments, or return the one already filed with this
    form token (a double click, a resubmission after a lost connection; ``lampiran`` is then
    not used and the caller removes those files). ``saluran`` is "web" for the portal's form,
    the partner's name for Open311. Returns (complaint, created)."""
    existing = find_by_idempotency_key(idempotency_key)
    if existing is not None:
        return existing, False
    _check(data)
    check_count(len(lampiran))
    anonymous = data.identitas == Identitas.ANONIM
    now = utcnow()
    calendar = portal_calendar()
    pengaduan = Pengaduan(
        kode_lacak=_unused_code(), idempotency_key=idempotency_key, jenis=data.jenis,
        judul=squash_spaces(data.judul), isi=data.isi.strip(),
        tanggal_kejadian=data.tanggal_kejadian, wilayah_id=data.wilayah_id,
        lokasi=squash_spaces(data.lokasi) or None, opd_id=data.opd_id, layanan_id=data.layanan_id,
        identitas=data.identitas, saluran=saluran,
        pelapor_nama=None if anonymous else squash_spaces(data.nama) or None,
        pelapor_telepon=None if anonymous else squash_spaces(data.telepon) or None,
        pelapor_email=None if anonymous else (data.email or "").strip().lower() or None,
        status=StatusPengaduan.DITERIMA, diterima_at=now,
        batas_verifikasi=calendar.add_working_days(
            local_date(now), current_app.config["PORTAL_COMPLAINT_VERIFY_DAYS"]),
    )
    pengaduan.riwayat.append(RiwayatPengaduan(dari=None, ke=StatusPengaduan.DITERIMA, at=now))
    for berkas in lampiran:
        pengaduan.lampiran.append(LampiranPengaduan(
            nama_asli=berkas.nama, jenis_mime=berkas.jenis_mime, ukuran=berkas.ukuran,
            kunci_simpan=berkas.kunci, sha256=berkas.sha256, created_at=now))
    db.session.add(pengaduan)
    db.session.flush()
    mail.send_receipt(pengaduan)
    return pengaduan, True


def _unused_code() -> str:
    while True:  # 75 random bits: a collision is astronomically rare, but never silently reused
        code = new_code()
        if find_by_code(code) is None:
            return code
