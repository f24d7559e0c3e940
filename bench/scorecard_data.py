"""Build the scorecard benchmark dataset and time publication (issue 5).

    .venv/bin/python bench/scorecard_data.py                       # PostgreSQL bench_scorecards
    .venv/bin/python bench/scorecard_data.py --scale 10            # 10× answers and complaints
    .venv/bin/python bench/scorecard_data.py --database-url sqlite:////tmp/sc.db

Builds, from an empty database: the organisation demo with --pegawai staff, --answers survey
answers and --complaints complaints spread over the previous and the current quarter, monthly
service figures, appraisal aggregates; then publishes both quarters for every pemda and prints
how long each publication took. The database is kept for bench/scorecard_pages.sh.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import sqlalchemy as sa  # noqa: E402

from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_scorecards"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--pegawai", type=int, default=100_000)
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--complaints", type=int, default=200_000)
    parser.add_argument("--scale", type=int, default=1,
                        help="multiply answers and complaints (the 'ten times the data' run)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    _ensure_database(args.database_url)
    app = create_app({"PORTAL_ENV": "development", "PORTAL_PUBLISH_BEFORE_QUARTER_END": True,
                      "SQLALCHEMY_DATABASE_URI": args.database_url,
                      "INSTANCE_PATH": Path("/tmp/portal-bench-instance"),
                      "SECRET_KEY": "bench-only"})
    with app.app_context():
        _fresh_schema()
        timed("organisation demo", lambda: _organisation(args.pegawai, args.seed))
        layanan = db.session.execute(sa.text(
            "SELECT l.id, l.opd_id FROM layanan l JOIN opd o ON o.id = l.opd_id "
            "WHERE l.aktif AND o.aktif ORDER BY l.id")).all()
        quarters = _quarters(date.today())
        timed(f"{args.answers * args.scale:,} survey answers",
              lambda: _answers(layanan, args.answers * args.scale, quarters, args.seed))
        timed(f"{args.complaints * args.scale:,} complaints",
              lambda: _complaints(layanan, args.complaints * args.scale, quarters, args.seed))
        timed("service figures, appraisal aggregates", lambda: _figures(args.seed))
        db.session.commit()
        _analyse()
        _publish_all(quarters)


def timed(label: str, action) -> float:
    started = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - started
    print(f"{label:44} {elapsed:7.1f} s" + (f"  ({result})" if result else ""), flush=True)
    return elapsed


def _ensure_database(url: str) -> None:
    """Create the PostgreSQL database when it is not there yet (a fresh machine)."""
    if not url.startswith("postgresql"):
        return
    base, _, name = url.rpartition("/")
    engine = sa.create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1) + "/postgres",
                              isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}) is None:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()


def _fresh_schema() -> None:
    from flask_migrate import upgrade

    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
        else:
            existing = sa.MetaData()
            existing.reflect(bind=conn)
            existing.drop_all(bind=conn)
    upgrade()


def _organisation(n: int, seed: int) -> str:
    from portal.demo.org import build_demo_data

    result = build_demo_data(n, seed)
    db.session.commit()
    return ", ".join(f"{v} {k}" for k, v in result.counts.items() if k in ("opd", "layanan",
                                                                           "pegawai"))


def _quarters(today: date) -> list[tuple[datetime, datetime, int, int]]:
    from portal.scorecards.models import periode_bounds

    tahun, q = today.year, (today.month - 1) // 3 + 1
    prev = (tahun, q - 1) if q > 1 else (tahun - 1, 4)
    out = []
    for y, t in (prev, (tahun, q)):
        start, end = periode_bounds(y, t)
        out.append((datetime.combine(start, datetime.min.time()),
                    min(datetime.combine(end, datetime.min.time()), datetime.utcnow()), y, t))
    return out


def _copy(table: str, columns: list[str], rows) -> None:
    """COPY on PostgreSQL (a million rows in seconds), executemany elsewhere."""
    conn = db.session.connection()
    if conn.dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") \
                as copy:
            for row in rows:
                copy.write_row(row)
    else:
        placeholders = ", ".join("?" for _ in columns)
        batch = []
        raw = conn.connection.driver_connection
        for row in rows:
            batch.append(row)
            if len(batch) == 20000:
                raw.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                                f"({placeholders})", batch)
                batch = []
        if batch:
            raw.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                            f"({placeholders})", batch)


def _answers(layanan, total: int, quarters, seed: int) -> None:
    rng = random.Random(seed)
    quality = {opd_id: rng.uniform(2.3, 3.6) for _lid, opd_id in layanan}
    weights = [rng.choice((1, 1, 2, 5, 20)) for _ in layanan]

    def rows():
        chosen = rng.choices(layanan, weights, k=total)
        for i, (layanan_id, opd_id) in enumerate(chosen):
            start, end, _y, _q = quarters[i % 2]
            at = start + timedelta(seconds=rng.randrange(int((end - start).total_seconds())))
            mean = quality[opd_id]
            scores = [min(4, max(1, round(mean + rng.uniform(-1, 1)))) for _u in range(9)]
            yield (layanan_id, opd_id, at, *scores)

    _copy("jawaban_skm", ["layanan_id", "opd_id", "dijawab_at",
                          *(f"u{i}" for i in range(1, 10))], rows())


def _complaints(layanan, total: int, quarters, seed: int) -> None:
    from portal.core.workdays import portal_calendar
    from portal.demo.scorecards import complaint_rows

    rng = random.Random(seed + 1)
    calendar = portal_calendar()  # read before COPY holds the connection
    pairs = [(opd_id, layanan_id) for layanan_id, opd_id in layanan]
    columns = ["kode_lacak", "idempotency_key", "jenis", "judul", "isi", "opd_id", "layanan_id",
               "identitas", "diterima_at", "status", "dibuka_ulang", "batas_verifikasi",
               "didisposisikan_at", "batas_rencana", "batas_selesai", "dijawab_at", "ditutup_at",
               "penilaian", "perlu_tinjauan_lapangan", "saluran", "ringkasan_publik_disetujui",
               "created_at", "updated_at"]
    defaults = {"didisposisikan_at": None, "batas_rencana": None, "batas_selesai": None,
                "dijawab_at": None, "ditutup_at": None, "penilaian": None,
                "perlu_tinjauan_lapangan": False, "saluran": "web",
                "ringkasan_publik_disetujui": False}

    def rows():
        for start, end, _y, _q in quarters:
            left = total // 2
            while left > 0:
                for row in complaint_rows(rng, pairs, min(left, 10000), start, end, calendar):
                    merged = {**defaults, **row}
                    yield tuple(getattr(merged[c], "value", merged[c]) for c in columns)
                left -= 10000

    _copy("pengaduan", columns, rows())


def _figures(seed: int) -> str:
    from portal.demo.scorecards import build_demo_appraisal_progress, build_demo_survey

    counts = build_demo_survey(seed, answers_per_service=0)
    evaluations = build_demo_appraisal_progress(seed)
    return f"{counts['capaian_layanan']} months of figures, {evaluations} final evaluations"


def _analyse() -> None:
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))


def _publish_all(quarters) -> None:
    from portal.org.models import Pemda
    from portal.scorecards.kelola import services

    pemdas = list(db.session.scalars(sa.select(Pemda).order_by(Pemda.id)))
    for _start, _end, tahun, triwulan in quarters:
        started = time.perf_counter()
        slowest = 0.0
        for pemda in pemdas:
            one = time.perf_counter()
            services.publish(None, pemda, tahun, triwulan)
            db.session.commit()
            slowest = max(slowest, time.perf_counter() - one)
        total = time.perf_counter() - started
        print(f"publish {tahun}-T{triwulan} for {len(pemdas)} pemda          {total:7.1f} s  "
              f"(slowest pemda {slowest:.1f} s)", flush=True)
    counts = db.session.execute(sa.text(
        "SELECT (SELECT count(*) FROM jawaban_skm), (SELECT count(*) FROM pengaduan), "
        "(SELECT count(*) FROM pegawai), (SELECT count(*) FROM rapor_opd)")).one()
    print(f"rows: {counts[0]:,} answers, {counts[1]:,} complaints, {counts[2]:,} staff, "
          f"{counts[3]:,} published scorecards")


if __name__ == "__main__":
    io.DEFAULT_BUFFER_SIZE = 1 << 16
    main()
