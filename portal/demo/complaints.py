"""Demo complaints in every state, some overdue, so the desks and the tracking pages have
something to show on a fresh `make run`. Texts are realistic; timestamps are spread over the
past weeks and the deadlines recomputed from them with the working-day calendar."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from portal.auth.models import User
from portal.complaints.models import INVALID as CANNOT_TAKE_DUPLICATES
from portal.complaints.models import (
    Identitas,
    JenisLaporan,
    KaitanPegawai,
    Pengaduan,
    RiwayatPengaduan,
)
from portal.complaints.models import StatusPengaduan as S
from portal.complaints.tracking import new_code
from portal.core.calendar import local_date
from portal.core.models import utcnow
from portal.core.workdays import portal_calendar
from portal.extensions import db
from portal.org.models import Layanan, Opd, Pegawai

#: (kind, title, text) — what citizens actually write about
CASES = [
    (JenisLaporan.PENGADUAN, "KTP-el belum jadi setelah tiga minggu",
     "Saya merekam KTP-el di kantor Disdukcapil tiga minggu lalu. Setiap datang dijawab "
     "blangko habis, tanpa kepastian kapan bisa diambil."),
    (JenisLaporan.PENGADUAN, "Loket akta kelahiran tutup sebelum jam pelayanan",
     "Hari Selasa saya datang pukul 11.00 untuk mengurus akta kelahiran anak, loket sudah "
     "tutup padahal papan jam pelayanan menulis sampai 15.00."),
    (JenisLaporan.PENGADUAN, "Diminta biaya untuk Kartu Keluarga",
     "Petugas meminta uang Rp50.000 agar Kartu Keluarga cepat selesai, padahal di papan "
     "standar pelayanan tertulis gratis."),
    (JenisLaporan.ASPIRASI, "Mohon antrean daring untuk layanan kependudukan",
     "Warga harus datang subuh untuk mengambil nomor antrean. Mohon disediakan antrean daring "
     "lewat WhatsApp atau situs web."),
    (JenisLaporan.PERMINTAAN_INFORMASI, "Syarat pindah domisili antarkabupaten",
     "Saya akan pindah dari Pringsewu ke Bandar Lampung. Dokumen apa saja yang harus dibawa "
     "dan apakah bisa diurus tanpa datang ke daerah asal?"),
    (JenisLaporan.PENGADUAN, "Izin usaha tidak ada kabar",
     "Permohonan NIB dan izin usaha mikro saya sudah lengkap sejak bulan lalu, statusnya di "
     "sistem masih diproses dan tidak ada petugas yang bisa ditanya."),
    (JenisLaporan.PENGADUAN, "Puskesmas kehabisan obat hipertensi",
     "Ibu saya kontrol rutin di puskesmas, dua bulan ini obat amlodipin kosong dan disuruh "
     "membeli sendiri di apotek."),
    (JenisLaporan.ASPIRASI, "Tambah jam layanan Sabtu di kecamatan",
     "Banyak warga bekerja di hari kerja. Mohon kantor kecamatan membuka layanan surat "
     "keterangan pada Sabtu pagi."),
]

#: the path each demo complaint has walked, ending in its current state
PATHS = [
    [], [], [],                                   # diterima (one of them overdue)
    [S.DITUNDA],
    [S.DITOLAK],
    [S.BUKAN_WEWENANG],
    [S.DIVERIFIKASI, S.DIDISPOSISIKAN], [S.DIVERIFIKASI, S.DIDISPOSISIKAN],
    [S.DIVERIFIKASI, S.DIDISPOSISIKAN, S.DITINDAKLANJUTI],
    [S.DIVERIFIKASI, S.DIDISPOSISIKAN, S.DITINDAKLANJUTI, S.SELESAI],
    [S.DIVERIFIKASI, S.DIDISPOSISIKAN, S.DITINDAKLANJUTI, S.SELESAI, S.DITUTUP],
    [S.DIVERIFIKASI, S.DIDISPOSISIKAN, S.SELESAI, S.DITINDAKLANJUTI, S.SELESAI, S.DITUTUP],
    [S.DIGABUNG],                                 # merged into the last complaint still handled
]

MESSAGES = {
    S.DITUNDA: "Mohon sebutkan tanggal dan loket tempat kejadian agar dapat kami periksa.",
    S.DITOLAK: "Laporan tidak memuat kejadian yang dapat diperiksa; silakan kirim ulang dengan "
               "keterangan waktu dan tempat.",
    S.BUKAN_WEWENANG: "Hal ini wewenang instansi vertikal (kantor pertanahan); silakan sampaikan "
                      "melalui SP4N-LAPOR!.",
    S.DIDISPOSISIKAN: "Laporan diteruskan ke OPD terkait.",
    S.DIGABUNG: "Laporan Anda membahas hal yang sama dengan laporan lain yang sudah kami tangani. "
                "Perkembangan dan jawabannya tampil di halaman ini.",
    S.DITINDAKLANJUTI: "Kami memeriksa jadwal dan ketersediaan petugas loket minggu ini.",
    S.SELESAI: "Blangko sudah tersedia kembali; KTP-el Anda dapat diambil di loket 2 dengan "
               "membawa bukti perekaman.",
}


def build_demo_complaints(seed: int = 2026, count: int = 36, pegawai_nip: str | None = None) -> int:
    """Create ``count`` complaints walking the PATHS above, and tie two of those routed to the
    demo OPD to the demo pegawai ``pegawai_nip`` (input for their supervisor). Flushes; the
    caller commits."""
    rng = random.Random(seed)
    koordinator = db.session.scalar(sa.select(User).where(
        User.username == "koordinator.bandarlampung"))
    petugas = db.session.scalar(sa.select(User).where(User.username == "petugas.disdukcapil.bdl"))
    if koordinator is None or petugas is None:
        return 0
    main_opd_id = petugas.roles[0].opd_id
    bdl_opds = list(db.session.scalars(sa.select(Opd).where(
        Opd.pemda_id == db.session.get(Opd, main_opd_id).pemda_id, Opd.aktif).order_by(Opd.id)))
    calendar, now = portal_calendar(), utcnow()
    config = current_app.config
    created: list[Pengaduan] = []
    for n in range(count):
        path = PATHS[n % len(PATHS)]
        jenis, judul, isi = CASES[n % len(CASES)]
        opd = db.session.get(Opd, main_opd_id) if n % 2 == 0 else rng.choice(bdl_opds)
        layanan = db.session.scalars(sa.select(Layanan).where(Layanan.opd_id == opd.id)).first()
        identitas = [Identitas.BIASA, Identitas.RAHASIA, Identitas.ANONIM][n % 3]
        # older complaints have walked further; half are left past their deadline
        age_days = 2 + len(path) * 4 + (14 if n % 4 in (1, 2) else 0) + rng.randint(0, 3)
        received = now - timedelta(days=age_days, hours=rng.randint(0, 8))
        p = Pengaduan(
            kode_lacak=new_code(), idempotency_key=uuid.uuid4().hex, jenis=jenis, judul=judul,
            isi=isi, opd=opd if n % 5 else None, layanan=layanan if n % 5 else None,
            identitas=identitas, diterima_at=received, status=S.DITERIMA, dibuka_ulang=0,
            perlu_tinjauan_lapangan=False,
            pelapor_nama=None if identitas == Identitas.ANONIM else f"Warga Demo {n + 1}",
            pelapor_telepon=None if identitas == Identitas.ANONIM else f"08127{n:06d}",
            batas_verifikasi=calendar.add_working_days(
                local_date(received), config["PORTAL_COMPLAINT_VERIFY_DAYS"]))
        p.riwayat.append(RiwayatPengaduan(dari=None, ke=S.DITERIMA, at=received))
        db.session.add(p)
        if path == [S.DIGABUNG]:
            p.induk = next(c for c in reversed(created) if c.status not in CANNOT_TAKE_DUPLICATES
                           and c.didisposisikan_at is not None)
        _walk(p, path, opd, koordinator, petugas, received, now, calendar, config)
        created.append(p)
    db.session.flush()
    if pegawai_nip:
        _link_demo_pegawai(created, pegawai_nip, main_opd_id, petugas)
    return count


def _link_demo_pegawai(created, nip: str, opd_id: int, petugas: User) -> None:
    pegawai = db.session.scalar(sa.select(Pegawai).where(Pegawai.nip == nip))
    if pegawai is None or pegawai.opd_id != opd_id:
        return
    routed = [p for p in created if p.opd_id == opd_id and p.didisposisikan_at is not None
              and p.status != S.DIGABUNG]
    for pengaduan in routed[:2]:
        db.session.add(KaitanPegawai(
            pengaduan=pengaduan, pegawai=pegawai, actor_id=petugas.id, at=pengaduan.didisposisikan_at,
            catatan="Pelapor menyebut petugas loket yang melayaninya; mohon dibahas saat evaluasi."))
    db.session.flush()


def _walk(p, path, opd, koordinator, petugas, received, now, calendar, config) -> None:
    step_gap = (now - received) / (len(path) + 1)
    at = received
    for new in path:
        at += step_gap
        actor = koordinator if new in (S.DIVERIFIKASI, S.DIDISPOSISIKAN, S.DITOLAK, S.DITUNDA,
                                       S.BUKAN_WEWENANG, S.DIGABUNG) else petugas
        reporter = new == S.DITUTUP or (new == S.DITINDAKLANJUTI and p.status == S.SELESAI)
        message = None if new in (S.DIVERIFIKASI, S.DITUTUP) else MESSAGES.get(new)
        if reporter and new == S.DITINDAKLANJUTI:
            message = "Jawaban belum menyelesaikan masalah: hari ini loket masih tutup."
            p.dibuka_ulang += 1
        p.move_to(new, actor_id=None if reporter else actor.id, pesan=message)
        p.riwayat[-1].at, p.riwayat[-1].dari_pelapor = at, reporter
        if new == S.DIDISPOSISIKAN:
            p.opd = opd
            p.didisposisikan_at = at
            p.batas_rencana = calendar.add_working_days(local_date(at),
                                                        config["PORTAL_COMPLAINT_PLAN_DAYS"])
            p.batas_selesai = calendar.add_working_days(local_date(at),
                                                        config["PORTAL_COMPLAINT_RESOLVE_DAYS"])
        elif new == S.SELESAI:
            p.dijawab_at = at
        elif new in (S.DITUTUP, S.DITOLAK, S.BUKAN_WEWENANG, S.DIGABUNG):
            p.ditutup_at = at
            if new == S.DITUTUP:
                p.penilaian = 2 + (p.dibuka_ulang + len(p.judul)) % 4
