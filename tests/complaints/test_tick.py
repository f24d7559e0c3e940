"""Automatic close after 10 working days without the reporter's reply, with a frozen clock."""

import uuid
from datetime import datetime

import sqlalchemy as sa

from portal.complaints.models import (
    Identitas,
    JenisLaporan,
    Pengaduan,
    RiwayatPengaduan,
    StatusPengaduan,
)
from portal.complaints.tracking import new_code


def _answered(db, world, answered_at: datetime) -> Pengaduan:
    p = Pengaduan(kode_lacak=new_code(), idempotency_key=uuid.uuid4().hex,
                  jenis=JenisLaporan.PENGADUAN, judul="Judul laporan uji", isi="x" * 40,
                  opd=world.opd, identitas=Identitas.ANONIM, status=StatusPengaduan.SELESAI,
                  diterima_at=answered_at, dijawab_at=answered_at,
                  batas_verifikasi=answered_at.date())
    p.riwayat.append(RiwayatPengaduan(dari=None, ke=StatusPengaduan.SELESAI, at=answered_at))
    db.session.add(p)
    db.session.flush()
    return p


def test_tick_closes_only_after_ten_working_days(app, db, world):
    # answered Monday 2 Nov 2026, 10:00 WIB (03:00 UTC); ten working days later is Mon 16 Nov
    p = _answered(db, world, datetime(2026, 11, 2, 3, 0))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["complaints", "tick", "--now", "2026-11-13T03:00:00"])
    assert "0 complaint(s)" in result.output
    db.session.expire_all()
    assert p.status == StatusPengaduan.SELESAI
    result = runner.invoke(args=["complaints", "tick", "--now", "2026-11-16T03:00:00"])
    assert "1 complaint(s)" in result.output
    db.session.expire_all()
    assert p.status == StatusPengaduan.DITUTUP
    assert "Ditutup otomatis" in p.riwayat[-1].pesan
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Pengaduan).where(
        Pengaduan.status == StatusPengaduan.SELESAI)) == 0


def test_tick_skips_holidays_when_counting(app, db, world):
    # answered Thu 17 Dec 2026: with Christmas (Fri 25 Dec) and New Year (Fri 1 Jan) off, the
    # tenth working day is Mon 4 Jan 2027; counting weekends only it would be Thu 31 Dec
    p = _answered(db, world, datetime(2026, 12, 17, 3, 0))
    runner = app.test_cli_runner()
    runner.invoke(args=["complaints", "tick", "--now", "2026-12-31T03:00:00"])
    db.session.expire_all()
    assert p.status == StatusPengaduan.SELESAI
    runner.invoke(args=["complaints", "tick", "--now", "2027-01-04T03:00:00"])
    db.session.expire_all()
    assert p.status == StatusPengaduan.DITUTUP
