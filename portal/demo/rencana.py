"""Demo coaching plans in the demo OPD, so every page and the public figures show something:

- the demo pegawai: a running plan they asked for, with a catalogue training (joined, so it
  waits on their competency page), a coaching action and a check-in;
- the demo penilai's other subordinates: a plan the portal proposed after a low predikat and
  nobody opened in time (flagged in monitoring), one from a complaint answered with the
  officer at fault, one being written (the penilai agreed, the pegawai not yet);
- earlier in the year: low-predikat evaluations with plans agreed within the days (one late),
  closed berhasil or tidak berhasil, and one cancelled, so the published quarters carry the two
  plan shares.

Built after the appraisal, complaint and pembinaan demos; flushes, the caller commits."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from portal.appraisals.evaluasi.models import Evaluasi, Predikat, Rating, StatusEvaluasi
from portal.auth.models import User
from portal.complaints.models import KaitanPegawai, Pengaduan, StatusPengaduan, Temuan
from portal.core.calendar import local_date
from portal.core.models import AuditEntry, utcnow
from portal.extensions import db
from portal.org.models import Opd, Pegawai
from portal.pembinaan.kompetensi.models import Kegiatan
from portal.pembinaan.rencana import services
from portal.pembinaan.rencana.models import (
    AksiRencana,
    DialogKinerja,
    JenisAksi,
    PemilikAksi,
    RencanaPembinaan,
    StatusRencana,
    SumberRencana,
)

DEMO_OPD_SLUG = "disdukcapil-kota-bandar-lampung"
#: low-predikat evaluations of the year the demo OPD needs for the public share (5 is the
#: privacy minimum), and how many days after the predikat each plan was agreed (None: never)
AGREED_AFTER = (6, 12, 20, 27, 41, None)
#: closed plans of the year: True berhasil
CLOSED = (True, True, True, False, True)


def build_demo_rencana(logins: list[dict[str, str]] | None = None) -> dict[str, int]:
    opd = db.session.scalar(sa.select(Opd).where(Opd.slug == DEMO_OPD_SLUG))
    roles = {login["role"]: login["username"] for login in (logins or [])}
    if opd is None or "pegawai" not in roles:
        return {}
    today = local_date(utcnow())
    pegawai = db.session.scalar(sa.select(Pegawai).where(Pegawai.nip == roles["pegawai"]))
    penilai = pegawai.atasan if pegawai else None
    if penilai is None:
        return {}
    penilai_user = _account(penilai)
    pegawai_user = _account(pegawai)
    subs = list(db.session.scalars(sa.select(Pegawai).where(
        Pegawai.atasan_id == penilai.id, Pegawai.aktif.is_(True), Pegawai.id != pegawai.id)
        .order_by(Pegawai.id)))
    made = 0
    if penilai_user and pegawai_user:
        made += _running_request(pegawai, pegawai_user, penilai_user, opd, today)
    if subs and penilai_user:
        made += _live(subs, penilai_user, opd, today)
    made += _history(opd, today)
    db.session.flush()
    return {"rencana_pembinaan": made}


def _account(pegawai: Pegawai) -> User | None:
    return db.session.scalar(sa.select(User).where(User.pegawai_id == pegawai.id,
                                                   User.aktif.is_(True)))


def _course(opd: Opd, today: date) -> Kegiatan | None:
    """A catalogue course open to the demo OPD that has not started."""
    return db.session.scalar(sa.select(Kegiatan).where(
        Kegiatan.pemda_id == opd.pemda_id, Kegiatan.aktif.is_(True),
        sa.or_(Kegiatan.opd_id == opd.id, Kegiatan.opd_id.is_(None)),
        Kegiatan.tanggal_mulai > today).order_by(Kegiatan.tanggal_mulai))


def _running_request(pegawai, pegawai_user, penilai_user, opd, today) -> int:
    plan = services.minta(pegawai_user, pegawai, "Ingin lebih cepat memproses perubahan data "
                          "KK di SIAK dan mengurangi berkas yang dikembalikan.")
    services.buka(penilai_user, plan)
    services.ubah(penilai_user, plan, services.IsiData(
        fokus="", kesenjangan="Berkas perubahan KK yang dikembalikan karena salah entri masih "
        "sekitar 8 % per bulan.", tujuan="Berkas dikembalikan karena salah entri di bawah 2 % "
        "per bulan selama tiga bulan berturut-turut.", ukuran_keberhasilan="Rekap bulanan "
        "berkas dikembalikan dari SIAK.", selesai_rencana=None), today)
    course = _course(opd, today)
    if course is not None:
        services.tambah_aksi(penilai_user, plan, services.AksiData(
            jenis=JenisAksi.PELATIHAN, uraian="", pemilik=PemilikAksi.PEGAWAI,
            batas=course.tanggal_selesai, kegiatan_id=course.id), today)
    services.tambah_aksi(penilai_user, plan, services.AksiData(
        jenis=JenisAksi.COACHING, uraian="Coaching dua mingguan membahas berkas yang "
        "dikembalikan.", pemilik=PemilikAksi.PENILAI, batas=today + timedelta(days=60)), today)
    services.sepakati(pegawai_user, plan, today)
    services.sepakati(penilai_user, plan, today)
    services.catat_dialog(penilai_user, plan, today, "Sepakat memakai daftar periksa entri "
                          "SIAK; coaching pertama minggu depan.", today)
    return 1


def _low_evaluasi(pegawai: Pegawai) -> Evaluasi | None:
    """A final evaluation of ``pegawai`` rated below Baik; one rated Baik is lowered (its
    approval's audit comment follows) when the random demo year has none."""
    final = (sa.select(Evaluasi).where(Evaluasi.pegawai_id == pegawai.id,
                                       Evaluasi.status == StatusEvaluasi.DISETUJUI)
             .order_by(Evaluasi.disetujui_at))
    low = db.session.scalar(final.where(Evaluasi.predikat.in_(
        (Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG))))
    if low is not None or (ev := db.session.scalar(final)) is None:
        return low
    ev.rating_hasil, ev.rating_perilaku, ev.predikat = (Rating.DI_BAWAH, Rating.SESUAI,
                                                        Predikat.BUTUH_PERBAIKAN)
    db.session.execute(sa.update(AuditEntry).where(
        AuditEntry.object_type == "evaluasi", AuditEntry.object_id == ev.id,
        AuditEntry.action == "disetujui").values(comment=ev.predikat_label))
    return ev


def _live(subs: list[Pegawai], penilai_user: User, opd: Opd, today: date) -> int:
    made = 0
    # proposed after a low predikat; the 30 days have passed and nobody opened it
    ev = _low_evaluasi(subs[0])
    if ev is not None and db.session.scalar(sa.select(RencanaPembinaan.id).where(
            RencanaPembinaan.evaluasi_id == ev.id)) is None:
        plan = services.usulkan_dari_evaluasi(ev)
        plan.batas_susun = today - timedelta(days=4)
        made += 1
    # from a complaint answered with the officer at fault
    if len(subs) > 1:
        pengaduan = db.session.scalar(sa.select(Pengaduan).where(
            Pengaduan.opd_id == opd.id, Pengaduan.status.in_(
                (StatusPengaduan.SELESAI, StatusPengaduan.DITUTUP))).order_by(Pengaduan.id))
        if pengaduan is not None:
            kaitan = KaitanPegawai(pengaduan=pengaduan, pegawai=subs[1],
                                   actor_id=penilai_user.id, at=utcnow(), temuan=Temuan.TERBUKTI,
                                   temuan_at=utcnow(), catatan="Petugas loket yang melayani "
                                   "pelapor; rekaman CCTV loket menunjukkan pelapor dilayani "
                                   "dengan nada tinggi.")
            db.session.add(kaitan)
            db.session.flush()
            if services.usulkan_dari_pengaduan(kaitan) is not None:
                made += 1
    # being written: the penilai agreed, the pegawai has not yet
    if len(subs) > 2:
        plan = services.buka_baru(penilai_user, subs[2])
        services.ubah(penilai_user, plan, services.IsiData(
            fokus="nilai-kompeten", kesenjangan="Belum menguasai verifikasi dokumen akta "
            "kelahiran terlambat.", tujuan="Memverifikasi berkas akta terlambat tanpa koreksi "
            "atasan dalam dua bulan.", ukuran_keberhasilan="Jumlah koreksi atasan per bulan.",
            selesai_rencana=None), today)
        services.tambah_aksi(penilai_user, plan, services.AksiData(
            jenis=JenisAksi.MENTORING, uraian="Mentoring oleh verifikator senior seksi "
            "kelahiran.", pemilik=PemilikAksi.PEGAWAI, batas=today + timedelta(days=45)), today)
        services.sepakati(penilai_user, plan, today)
        made += 1
    return made


def _at(day: date) -> datetime:
    return datetime.combine(day, time(3, 0))


def _history(opd: Opd, today: date) -> int:
    """Earlier this year, with their dates: the published quarters count them."""
    year_start = date(today.year, 1, 1)
    staff = list(db.session.scalars(sa.select(Pegawai).where(
        Pegawai.opd_id == opd.id, Pegawai.aktif.is_(True), Pegawai.atasan_id.is_not(None))
        .order_by(Pegawai.id.desc())))
    used = set(db.session.scalars(sa.select(RencanaPembinaan.pegawai_id)))
    staff = [p for p in staff if p.id not in used]
    made = 0
    for days, pegawai in zip(AGREED_AFTER, staff, strict=False):
        ev = _low_evaluasi(pegawai)
        if ev is None or ev.disetujui_at is None:
            continue
        # the earliest quarter's approval, so the 30 days end inside a published quarter
        ev.disetujui_at = max(_at(year_start + timedelta(days=100)), min(
            ev.disetujui_at, _at(today - timedelta(days=150))))
        approved = local_date(ev.disetujui_at)
        plan = _plan(pegawai, opd, SumberRencana.PREDIKAT, evaluasi_id=ev.id,
                     batas_susun=approved + timedelta(days=30))
        if days is None:
            plan.status = StatusRencana.DIBATALKAN
            plan.catatan_hasil = "Pegawai mutasi ke OPD lain sebelum rencana disusun."
            plan.ditutup_at = _at(approved + timedelta(days=20))
        else:
            _agreed(plan, approved + timedelta(days=days))
        made += 1
    for berhasil, pegawai in zip(CLOSED, staff[len(AGREED_AFTER):], strict=False):
        start = year_start + timedelta(days=40)
        plan = _plan(pegawai, opd, SumberRencana.PENILAI)
        _agreed(plan, start)
        plan.status = StatusRencana.BERHASIL if berhasil else StatusRencana.TIDAK_BERHASIL
        plan.ditutup_at = _at(start + timedelta(days=150))
        plan.catatan_hasil = ("Target tercapai: berkas selesai dalam standar waktu tiga bulan "
                              "berturut-turut." if berhasil else "Standar waktu belum tercapai; "
                              "dilanjutkan dengan penugasan pendampingan.")
        made += 1
    return made


def _plan(pegawai: Pegawai, opd: Opd, sumber: SumberRencana, **fields) -> RencanaPembinaan:
    plan = RencanaPembinaan(
        pegawai=pegawai, opd_id=opd.id, penilai_id=pegawai.atasan_id, sumber=sumber,
        status=StatusRencana.DIUSULKAN, kesenjangan="Penyelesaian berkas sering melewati "
        "standar waktu pelayanan.", tujuan="90 % berkas selesai dalam standar waktu.",
        ukuran_keberhasilan="Laporan standar pelayanan bulanan.", **fields)
    db.session.add(plan)
    db.session.flush()
    return plan


def _agreed(plan: RencanaPembinaan, day: date) -> None:
    plan.status = StatusRencana.BERJALAN
    plan.dibuka_at = plan.setuju_penilai_at = _at(day - timedelta(days=2))
    plan.setuju_pegawai_at = plan.disepakati_at = _at(day)
    plan.mulai, plan.selesai_rencana = day, day + timedelta(days=182)
    plan.aksi.append(AksiRencana(jenis=JenisAksi.COACHING, uraian="Coaching bulanan oleh "
                                 "atasan langsung.", pemilik=PemilikAksi.PENILAI,
                                 batas=day + timedelta(days=90), selesai_at=_at(
                                     day + timedelta(days=85))))
    plan.dialog.append(DialogKinerja(tanggal=day + timedelta(days=30), oleh_id=_account_id(plan),
                                     catatan="Kemajuan dibahas; hambatan utama antrean berkas "
                                     "hari Senin."))


def _account_id(plan: RencanaPembinaan) -> int:
    user = _account(plan.pegawai.atasan) if plan.pegawai.atasan else None
    return user.id if user else db.session.scalar(sa.select(User.id).order_by(User.id))
