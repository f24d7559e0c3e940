"""Demo data of the transparency side: survey answers for every service over the last three
quarters, monthly service figures, and published periods (the previous quarter, and the current
one twice, so the scorecards show a trend and a list of versions). Deterministic per seed; bulk
inserts, so it stays fast next to the 100,000-staff organisation demo."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from portal.appraisals.evaluasi.models import Evaluasi, Predikat, Rating, StatusEvaluasi
from portal.appraisals.periode import services as periode_services
from portal.appraisals.periode.models import JenisPeriode, Periode, TahunKinerja
from portal.appraisals.skp.models import Skp, StatusSkp
from portal.auth.models import RoleAssignment, User
from portal.complaints.models import Identitas, JenisLaporan, Pengaduan
from portal.complaints.models import StatusPengaduan as S
from portal.complaints.tracking import new_code
from portal.core.calendar import local_date
from portal.core.models import utcnow
from portal.core.roles import Role
from portal.core.workdays import portal_calendar
from portal.extensions import db
from portal.org.models import Layanan, Opd, Pegawai, Pemda
from portal.scorecards.kelola import services
from portal.scorecards.models import UNSUR_COLUMNS, CapaianLayanan, JawabanSkm, periode_bounds

USIA = ("lt20", "20-29", "30-39", "40-49", "50-59", "60+", None)
PENDIDIKAN = ("sd", "smp", "sma", "sma", "diploma", "s1", "s1", "s2", None)
PEKERJAAN = ("asn", "swasta", "wirausaha", "pelajar", "petani", "rumah_tangga", "lainnya", None)
SARAN = (None, None, None, "Mohon ruang tunggu ditambah kursinya.",
         "Petugas ramah, tetapi antrean terlalu panjang.", "Sediakan antrean daring.",
         "Informasi persyaratan di papan pengumuman kurang jelas.")


def _quarters(today: date, count: int) -> list[tuple[int, int]]:
    tahun, triwulan = today.year, (today.month - 1) // 3 + 1
    result = []
    for _i in range(count):
        result.append((tahun, triwulan))
        tahun, triwulan = (tahun, triwulan - 1) if triwulan > 1 else (tahun - 1, 4)
    return list(reversed(result))


def _score(rng: random.Random, mean: float) -> int:
    return min(4, max(1, round(rng.gauss(mean, 0.55))))


def build_demo_survey(seed: int = 2026, today: date | None = None,
                      answers_per_service: int = 45) -> dict[str, int]:
    """Survey answers and service figures for the last three quarters, up to today."""
    rng = random.Random(seed + 5)
    today = today or date.today()
    now = utcnow()
    layanan = list(db.session.execute(sa.select(Layanan.id, Layanan.opd_id,
                                                Layanan.waktu_penyelesaian_hari)
                                      .join(Opd, Layanan.opd_id == Opd.id)
                                      .where(Layanan.aktif, Opd.aktif).order_by(Layanan.id)))
    opd_quality = {}
    answers, figures = [], []
    quarters = _quarters(today, 3)
    for item in layanan:
        base = opd_quality.setdefault(item.opd_id, (rng.uniform(2.3, 3.6), rng.uniform(-.25, .35)))
        # a few services get hardly any answers: the public page shows why there is no grade
        volume = rng.choice((answers_per_service, answers_per_service, answers_per_service // 2,
                             answers_per_service * 2, 3, 12))
        for q, (tahun, triwulan) in enumerate(quarters):
            start, end = periode_bounds(tahun, triwulan)
            end = min(end, today + timedelta(days=1))
            span = max(1, (end - start).days)
            mean = base[0] + base[1] * q
            for _n in range(max(0, int(volume * rng.uniform(.7, 1.3)))):
                at = datetime.combine(start, datetime.min.time()) + timedelta(
                    days=rng.randrange(span), hours=rng.randint(1, 9), minutes=rng.randint(0, 59))
                if at > now:
                    continue
                row = {"layanan_id": item.id, "opd_id": item.opd_id, "dijawab_at": at,
                       "usia": rng.choice(USIA), "jenis_kelamin": rng.choice(("L", "P", None)),
                       "pendidikan": rng.choice(PENDIDIKAN), "pekerjaan": rng.choice(PEKERJAAN),
                       "saran": rng.choice(SARAN)}
                row.update({col: _score(rng, mean + rng.uniform(-.3, .3))
                            for col in UNSUR_COLUMNS})
                answers.append(row)
            for bulan in range(start.month, start.month + 3):
                if (tahun, bulan) > (today.year, today.month):
                    continue
                permohonan = rng.choice((0, 3, rng.randint(20, 120), rng.randint(100, 900)))
                share = min(1.0, max(.3, rng.gauss(.75 + base[1] * q * .3, .12)))
                days = item.waktu_penyelesaian_hari or 1
                figures.append({"layanan_id": item.id, "opd_id": item.opd_id, "tahun": tahun,
                                "bulan": bulan, "permohonan": permohonan,
                                "selesai_tepat_waktu": round(permohonan * share),
                                "rata_hari_proses": round(days * rng.uniform(.6, 1.4), 2),
                                "rata_menit_tunggu": round(rng.uniform(5, 95), 1),
                                "created_at": now, "updated_at": now})
    for start in range(0, len(answers), 5000):
        db.session.execute(sa.insert(JawabanSkm), answers[start:start + 5000])
    if figures:
        db.session.execute(sa.insert(CapaianLayanan), figures)
    db.session.flush()
    return {"jawaban_skm": len(answers), "capaian_layanan": len(figures)}


def publish_demo_periods(today: date | None = None) -> int:
    """The last two quarters that have ended, the older once and the newer twice (a corrected
    re-issue), for every pemda with OPDs; the running quarter is not published before its end."""
    today = today or date.today()
    (prev_year, prev_q), (cur_year, cur_q), _running = _quarters(today, 3)
    count = 0
    pemdas = list(db.session.scalars(sa.select(Pemda).where(
        Pemda.id.in_(sa.select(Opd.pemda_id).where(Opd.aktif))).order_by(Pemda.id)))
    for pemda in pemdas:
        admin = db.session.scalar(sa.select(User).join(RoleAssignment).where(
            RoleAssignment.role == Role.ADMIN_PEMDA, RoleAssignment.pemda_id == pemda.id)
            .limit(1))
        services.publish(admin, pemda, prev_year, prev_q, today=today)
        services.publish(admin, pemda, cur_year, cur_q, today=today)
        services.publish(admin, pemda, cur_year, cur_q, today=today,
                         catatan="Terbit ulang: capaian layanan bulan lalu dilengkapi OPD.")
        count += 3
    return count


# --- earlier complaints, so the complaint block and its trend have figures -------------------

HISTORY_TITLES = (
    "Antrean pelayanan terlalu lama", "Petugas loket tidak ada di tempat",
    "Berkas permohonan hilang", "Informasi persyaratan tidak jelas",
    "Produk layanan belum jadi melewati janji", "Biaya tidak sesuai papan standar pelayanan")


def complaint_rows(rng: random.Random, opd_layanan: list[tuple[int, int | None]], count: int,
                   start: datetime, end: datetime, calendar=None) -> list[dict]:
    """``count`` confidential complaints received in [start, end), most of them answered and
    closed, about a third late, some reopened once, most rated: plain dicts for a bulk insert.
    Confidential (rahasia): they never clutter the public complaint list."""
    calendar, now = calendar or portal_calendar(), utcnow()
    span = max(60, int((min(end, now) - start).total_seconds()))
    rows = []
    for _n in range(count):
        opd_id, layanan_id = rng.choice(opd_layanan)
        received = start + timedelta(seconds=rng.randrange(span))
        row = {"kode_lacak": new_code(), "idempotency_key": f"demo-{rng.getrandbits(96):024x}",
               "jenis": JenisLaporan.PENGADUAN, "judul": rng.choice(HISTORY_TITLES),
               "isi": "Laporan contoh untuk data demo; isi tidak ditampilkan ke publik.",
               "opd_id": opd_id, "layanan_id": layanan_id, "identitas": Identitas.RAHASIA,
               "diterima_at": received, "status": S.DITERIMA, "dibuka_ulang": 0,
               "batas_verifikasi": calendar.add_working_days(local_date(received), 3),
               "created_at": received, "updated_at": received}
        routed = received + timedelta(days=rng.uniform(.2, 3))
        fate = rng.random()
        if fate < .08 or routed > now:
            rows.append(row)
            continue
        if fate < .14:
            row.update(status=S.DITOLAK, ditutup_at=routed)
            rows.append(row)
            continue
        due = calendar.add_working_days(local_date(routed), 14)
        row.update(status=S.DIDISPOSISIKAN, didisposisikan_at=routed, batas_selesai=due,
                   batas_rencana=calendar.add_working_days(local_date(routed), 5))
        answered = routed + timedelta(days=rng.choice((2, 5, 9, 14, 20, 30)) * rng.uniform(.6, 1))
        if answered < now and fate < .9:
            row.update(status=S.DITUTUP, dijawab_at=answered,
                       ditutup_at=answered + timedelta(days=3),
                       dibuka_ulang=1 if rng.random() < .07 else 0,
                       penilaian=rng.choice((2, 3, 4, 4, 5, 5)) if rng.random() < .7 else None)
        rows.append(row)
    return rows


def build_demo_history(seed: int = 2026, today: date | None = None, per_opd: int = 18) -> int:
    """Complaints over the last two quarters for every OPD with services (bulk insert)."""
    rng = random.Random(seed + 11)
    today = today or date.today()
    (y1, q1), (y2, q2) = _quarters(today, 2)
    start = datetime.combine(periode_bounds(y1, q1)[0], datetime.min.time())
    end = datetime.combine(periode_bounds(y2, q2)[1], datetime.min.time())
    opd_layanan: dict[int, list[int]] = {}
    for opd_id, layanan_id in db.session.execute(
            sa.select(Layanan.opd_id, Layanan.id).join(Opd, Layanan.opd_id == Opd.id)
            .where(Opd.aktif, Layanan.aktif).order_by(Layanan.id)):
        opd_layanan.setdefault(opd_id, []).append(layanan_id)
    rows = []
    for opd_id, layanan_ids in opd_layanan.items():
        count = rng.choice((2, per_opd // 2, per_opd, per_opd * 2))
        rows += complaint_rows(rng, [(opd_id, lid) for lid in layanan_ids], count, start, end)
    for first in range(0, len(rows), 5000):
        db.session.execute(sa.insert(Pengaduan), rows[first:first + 5000])
    db.session.flush()
    return len(rows)


# --- appraisal progress, so the ASN block has aggregates ---------------------------------------

PREDIKAT_WEIGHTS = ((Predikat.SANGAT_BAIK, 12), (Predikat.BAIK, 70),
                    (Predikat.BUTUH_PERBAIKAN, 12), (Predikat.KURANG, 4),
                    (Predikat.SANGAT_KURANG, 2))
RATINGS = {Predikat.SANGAT_BAIK: (Rating.DI_ATAS, Rating.DI_ATAS),
           Predikat.BAIK: (Rating.SESUAI, Rating.SESUAI),
           Predikat.BUTUH_PERBAIKAN: (Rating.DI_BAWAH, Rating.SESUAI),
           Predikat.KURANG: (Rating.SESUAI, Rating.DI_BAWAH),
           Predikat.SANGAT_KURANG: (Rating.DI_BAWAH, Rating.DI_BAWAH)}


def build_demo_appraisal_progress(seed: int = 2026, today: date | None = None) -> int:
    """For every pemda without SKPs in the current year (the appraisal demo fills one pemda in
    detail): open the year if needed, set most SKPs, and finish most evaluations of the
    quarters begun, with a realistic predikat spread. Bulk inserts; returns evaluations."""
    rng = random.Random(seed + 17)
    today = today or date.today()
    tahun = today.year
    now = utcnow()
    created = 0
    for pemda in db.session.scalars(sa.select(Pemda).where(Pemda.id.in_(
            sa.select(Opd.pemda_id).where(Opd.aktif))).order_by(Pemda.id)):
        year = db.session.scalar(sa.select(TahunKinerja).where(
            TahunKinerja.pemda_id == pemda.id, TahunKinerja.tahun == tahun))
        if year is not None and db.session.scalar(
                sa.select(Skp.id).where(Skp.tahun_kinerja_id == year.id).limit(1)):
            continue  # the appraisal demo already tells this pemda's story
        if year is None:
            # most demo pemda have no admin account to open the year through the service
            batas = periode_services.default_deadlines(tahun)
            year = TahunKinerja(pemda=pemda, tahun=tahun,
                                batas_skp=periode_services.default_skp_due(tahun))
            for urutan, jenis in enumerate(JenisPeriode, start=1):
                mulai, selesai = periode_services.period_dates(tahun, jenis)
                year.periode.append(Periode(jenis=jenis, urutan=urutan, mulai=mulai,
                                            selesai=selesai, batas=batas[jenis]))
            db.session.add(year)
            db.session.flush()
        staff = [row[0] for row in db.session.execute(
            sa.select(Pegawai.id).join(Opd, Pegawai.opd_id == Opd.id)
            .where(Opd.pemda_id == pemda.id, Pegawai.aktif).order_by(Pegawai.id))]
        set_share = rng.uniform(.8, .97)
        skp_rows = [{"pegawai_id": pid, "tahun_kinerja_id": year.id, "versi": 1,
                     "status": StatusSkp.DISETUJUI if rng.random() < set_share else StatusSkp.DRAF,
                     "revisi": 1, "dukungan_sumber_daya": "", "skema_pertanggungjawaban": "",
                     "konsekuensi": "", "ditetapkan_at": now, "created_at": now,
                     "updated_at": now} for pid in staff]
        for first in range(0, len(skp_rows), 5000):
            db.session.execute(sa.insert(Skp), skp_rows[first:first + 5000])
        skp_ids = dict(db.session.execute(sa.select(Skp.pegawai_id, Skp.id).where(
            Skp.tahun_kinerja_id == year.id, Skp.status == StatusSkp.DISETUJUI)).all())
        predikat, weights = zip(*PREDIKAT_WEIGHTS, strict=True)
        for periode in year.periode:
            if periode.jenis == JenisPeriode.TAHUNAN or periode.mulai > today:
                continue
            done_share = rng.uniform(.6, .95) if periode.selesai < today else rng.uniform(.1, .4)
            rows = []
            for pid, skp_id in skp_ids.items():
                if rng.random() >= done_share:
                    continue
                chosen = rng.choices(predikat, weights)[0]
                hasil, perilaku = RATINGS[chosen]
                rows.append({"pegawai_id": pid, "periode_id": periode.id, "skp_id": skp_id,
                             "status": StatusEvaluasi.DISETUJUI, "revisi": 1,
                             "penilaian_diri": "", "rating_hasil": hasil,
                             "rating_perilaku": perilaku, "predikat": chosen,
                             "disetujui_at": now, "created_at": now, "updated_at": now})
            for first in range(0, len(rows), 5000):
                db.session.execute(sa.insert(Evaluasi), rows[first:first + 5000])
            created += len(rows)
    db.session.flush()
    return created
