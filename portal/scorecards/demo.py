"""Demo data of the transparency side: survey answers for every service over the last three
quarters, monthly service figures, and published periods (the previous quarter, and the current
one twice, so the scorecards show a trend and a list of versions). Deterministic per seed; bulk
inserts, so it stays fast next to the 100,000-staff organisation demo."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from portal.auth.models import Role, RoleAssignment, User
from portal.core.models import utcnow
from portal.extensions import db
from portal.org.models import Layanan, Opd, Pemda
from portal.scorecards import services
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
    """The previous quarter once and the current quarter twice, for every pemda with OPDs."""
    today = today or date.today()
    (prev_year, prev_q), (cur_year, cur_q) = _quarters(today, 2)
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
