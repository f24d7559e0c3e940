"""Demo of "Dari suara publik ke tindakan" (issue 10, deliverable 5): categories on the demo
complaints (as the desks would have classified them), the city's mapping from SKM unsur and
complaint categories to its catalogue, and one loop closed: the demo OPD's KTP-el service scored
low on "Waktu penyelesaian" in the older published quarter, a procedure and application course
for its staff took place early in the newer one, and the answers after it score that unsur
higher — so a fresh ``make run`` shows the before/after on the public scorecard. The Kartu
Keluarga service has "Perilaku pelaksana" as its weakest unsur and recurring complaints about it,
for the admin OPD's page. Runs after the survey and complaint history, before publication."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlalchemy as sa

from portal.complaints.models import INVALID, KategoriPengaduan, Pengaduan, StatusPengaduan
from portal.core.calendar import local_date
from portal.core.models import AuditEntry, utcnow
from portal.demo.org.layanan import LAYANAN
from portal.demo.pembinaan import BPSDM, CATALOGUE, DEMO_OPD_SLUG
from portal.demo.scorecards import HISTORY_TITLES, _quarters
from portal.extensions import db
from portal.org.models import Layanan, Opd, Pegawai
from portal.pembinaan.kompetensi.jp import jp_kegiatan
from portal.pembinaan.kompetensi.models import (
    AsalKebutuhan,
    BentukKegiatan,
    JenisKompetensi,
    Kegiatan,
    PesertaKegiatan,
    StatusPeserta,
    SumberAnggaran,
    SumberSuara,
)
from portal.pembinaan.settings import aturan_jp
from portal.pembinaan.suara.models import PemetaanSuara
from portal.scorecards.models import JawabanSkm, periode_bounds

K = KategoriPengaduan
#: the history complaints' titles (demo/scorecards.py) and the category a desk would give them
HISTORY_KATEGORI = dict(zip(HISTORY_TITLES, (
    K.WAKTU_PENYELESAIAN, K.PERILAKU_PELAKSANA, K.PROSEDUR, K.PERSYARATAN,
    K.WAKTU_PENYELESAIAN, K.BIAYA), strict=True))
#: words of the other demo complaints' titles → category; the rest "lainnya"
KATA_KATEGORI = (("belum jadi", K.WAKTU_PENYELESAIAN), ("tutup", K.PERILAKU_PELAKSANA),
                 ("biaya", K.BIAYA), ("syarat", K.PERSYARATAN), ("antrean", K.SARANA_PRASARANA),
                 ("kabar", K.PENANGANAN_PENGADUAN), ("obat", K.PRODUK))
PROSEDUR_JUDUL = "Pelatihan Tata Kelola Prosedur dan Aplikasi Pelayanan"
KURSUS_JUDUL = "Pelatihan Prosedur dan Aplikasi Pelayanan KTP-el"
#: (source, code, catalogue key or "prosedur", why) of the city's mapping
PEMETAAN = (
    ("unsur", "waktu", "prosedur", "Alur kerja dan aplikasi yang lambat memperpanjang waktu "
                                   "penyelesaian."),
    ("kategori", "waktu_penyelesaian", "prosedur", None),
    ("unsur", "prosedur", "siak", "Prosedur SIAK terpusat yang benar memangkas langkah ulang."),
    ("kategori", "prosedur", "siak", None),
    ("unsur", "perilaku", "prima", "Sikap dan tutur petugas di loket."),
    ("unsur", "perilaku", "coaching", None),
    ("kategori", "perilaku_pelaksana", "coaching", "Pendampingan langsung di loket."),
    ("kategori", "perilaku_pelaksana", "prima", None),
    ("unsur", "pengaduan", "coaching", None),
    ("kategori", "penanganan_pengaduan", "komunitas", "Bedah kasus pengaduan bersama."),
    ("unsur", "kompetensi", "inklusif", None),
    ("unsur", "sarana", "inklusif", "Pelayanan ramah lansia dan penyandang disabilitas."),
    ("unsur", "persyaratan", "kip", "Informasi persyaratan yang jelas dan terbuka."),
    ("kategori", "persyaratan", "kip", None),
)
#: staff of the KTP-el unit who took the course (the demo logins are left out: their pages
#: keep the figures the other demo tests read)
PESERTA_KURSUS = 12


def build_demo_suara(logins: list[dict[str, str]] | None = None,
                     today: date | None = None) -> dict[str, int]:
    """Everything above; flushes, the caller commits. Returns row counts per table."""
    today = today or local_date(utcnow())
    counts = {"pengaduan_berkategori": _categories()}
    opd = db.session.scalar(sa.select(Opd).where(Opd.slug == DEMO_OPD_SLUG))
    if opd is None:
        return counts
    layanan = {spec_key: db.session.scalar(sa.select(Layanan).where(
        Layanan.opd_id == opd.id, Layanan.nama == LAYANAN[spec_key].nama))
        for spec_key in ("ktp_el", "kartu_keluarga")}
    katalog = _catalogue(opd, today)
    counts["pemetaan_suara_publik"] = _mapping(opd, katalog)
    (prev_year, prev_q), (cur_year, cur_q), _running = _quarters(today, 3)
    if layanan["ktp_el"] is not None:
        counts["kegiatan_suara"] = _loop_closed(opd, layanan["ktp_el"], katalog["prosedur"],
                                                (prev_year, prev_q), (cur_year, cur_q), logins)
    if layanan["kartu_keluarga"] is not None:
        _behaviour_weakest(opd, layanan["kartu_keluarga"], (cur_year, cur_q), today)
    db.session.flush()
    return counts


def _categories() -> int:
    """Every complaint a desk has verified gets the category its title speaks of."""
    classified = [S for S in StatusPengaduan if S not in INVALID and S != StatusPengaduan.DITERIMA]
    rows = list(db.session.execute(sa.select(Pengaduan.id, Pengaduan.judul).where(
        Pengaduan.opd_id.is_not(None), Pengaduan.status.in_(classified))))
    by_kategori: dict[KategoriPengaduan, list[int]] = {}
    for pengaduan_id, judul in rows:
        kategori = HISTORY_KATEGORI.get(judul) or next(
            (k for word, k in KATA_KATEGORI if word in judul.lower()), K.LAINNYA)
        by_kategori.setdefault(kategori, []).append(pengaduan_id)
    for kategori, ids in by_kategori.items():
        for start in range(0, len(ids), 900):
            db.session.execute(sa.update(Pengaduan).where(Pengaduan.id.in_(ids[start:start + 900]))
                               .values(kategori=kategori))
    return len(rows)


def _catalogue(opd: Opd, today: date) -> dict[str, Kegiatan]:
    """The demo catalogue by key (demo/pembinaan.py), and a procedure course for every OPD."""
    by_title = {k.judul: k for k in db.session.scalars(sa.select(Kegiatan).where(
        Kegiatan.pemda_id == opd.pemda_id))}
    katalog = {spec.kunci: by_title[spec.judul] for spec in CATALOGUE if spec.judul in by_title}
    prosedur = Kegiatan(
        pemda=opd.pemda, opd=None, judul=PROSEDUR_JUDUL, bentuk=BentukKegiatan.PELATIHAN_TEKNIS,
        penyelenggara=BPSDM, jp=24, tanggal_mulai=today + timedelta(days=35),
        tanggal_selesai=today + timedelta(days=37), kompetensi=JenisKompetensi.TEKNIS,
        sumber_anggaran=SumberAnggaran.APBD, asal_kebutuhan=AsalKebutuhan.SURVEI,
        keterangan_kebutuhan="Unsur Waktu Penyelesaian rendah di beberapa layanan kota.")
    db.session.add(prosedur)
    db.session.flush()
    db.session.add(AuditEntry(object_type=Kegiatan.__tablename__, object_id=prosedur.id,
                              action="dibuat"))
    katalog["prosedur"] = prosedur
    return katalog


def _mapping(opd: Opd, katalog: dict[str, Kegiatan]) -> int:
    count = 0
    for sumber, kode, kunci, catatan in PEMETAAN:
        if kunci in katalog:
            db.session.add(PemetaanSuara(pemda_id=opd.pemda_id, sumber=SumberSuara(sumber),
                                         kode=kode, kegiatan=katalog[kunci], catatan=catatan))
            count += 1
    return count


def _in_quarter(layanan: Layanan, quarter: tuple[int, int], after: date | None = None):
    start, end = periode_bounds(*quarter)
    start = max(start, after) if after else start
    return (JawabanSkm.layanan_id == layanan.id,
            JawabanSkm.dijawab_at >= datetime.combine(start, datetime.min.time()),
            JawabanSkm.dijawab_at < datetime.combine(end, datetime.min.time()))


def _loop_closed(opd: Opd, layanan: Layanan, template: Kegiatan, prev: tuple[int, int],
                 cur: tuple[int, int], logins) -> int:
    """The KTP-el course in the first fortnight of the newer published quarter, its staff
    certified, and the survey's "Waktu penyelesaian" lower before it and higher after it."""
    start, _end = periode_bounds(*cur)
    mulai, selesai = start + timedelta(days=6), start + timedelta(days=8)
    kursus = Kegiatan(
        pemda=opd.pemda, opd=opd, layanan=layanan, suara_sumber=SumberSuara.UNSUR,
        suara_kode="waktu", judul=KURSUS_JUDUL, bentuk=template.bentuk,
        penyelenggara=template.penyelenggara, jp=template.jp, tanggal_mulai=mulai,
        tanggal_selesai=selesai, kompetensi=template.kompetensi,
        sumber_anggaran=template.sumber_anggaran, asal_kebutuhan=AsalKebutuhan.SURVEI,
        keterangan_kebutuhan=f"Unsur SKM: Waktu penyelesaian pada layanan {layanan.nama} "
                             "(dari suara publik).", aktif=False)
    db.session.add(kursus)
    db.session.flush()
    db.session.add(AuditEntry(object_type=Kegiatan.__tablename__, object_id=kursus.id,
                              action="direncanakan_dari_suara"))
    skip = {row["username"] for row in (logins or [])}
    staff = [p for p in db.session.scalars(sa.select(Pegawai).where(
        Pegawai.unit_id == layanan.unit_id, Pegawai.aktif).order_by(Pegawai.id))
        if p.nip not in skip][:PESERTA_KURSUS]
    aturan = aturan_jp()
    for n, pegawai in enumerate(staff):
        db.session.add(PesertaKegiatan(
            kegiatan=kursus, pegawai=pegawai, status=StatusPeserta.SELESAI,
            alasan_usulan=kursus.keterangan_kebutuhan,
            nomor_sertifikat=f"893/{410 + n}/BPSDM/{selesai.year}",
            jp_diakui=jp_kegiatan(kursus.bentuk, kursus.jp, aturan), tahun=selesai.year))
    # before: every other answer one point lower on u3; after the course, one point higher
    half = JawabanSkm.id % 2 == 0
    db.session.execute(sa.update(JawabanSkm).where(*_in_quarter(layanan, prev), half).values(
        u3=sa.case((JawabanSkm.u3 > 1, JawabanSkm.u3 - 1), else_=1)))
    db.session.execute(sa.update(JawabanSkm).where(
        *_in_quarter(layanan, cur, selesai + timedelta(days=1)), half).values(
        u3=sa.case((JawabanSkm.u3 < 4, JawabanSkm.u3 + 1), else_=4)))
    return 1


def _behaviour_weakest(opd: Opd, layanan: Layanan, cur: tuple[int, int], today: date) -> None:
    """Kartu Keluarga: "Perilaku pelaksana" the weakest unsur of the newer quarter, and four
    recent complaints about the staff's behaviour at its counter."""
    db.session.execute(sa.update(JawabanSkm).where(*_in_quarter(layanan, cur)).values(
        u7=sa.case((JawabanSkm.u7 > 2, JawabanSkm.u7 - 2), else_=1)))
    recent = list(db.session.scalars(sa.select(Pengaduan).where(
        Pengaduan.opd_id == opd.id, Pengaduan.kategori.is_not(None),
        Pengaduan.diterima_at >= datetime.combine(today - timedelta(days=150),
                                                  datetime.min.time()))
        .order_by(Pengaduan.diterima_at.desc(), Pengaduan.id).limit(4)))
    for pengaduan in recent:
        pengaduan.layanan, pengaduan.kategori = layanan, K.PERILAKU_PELAKSANA
