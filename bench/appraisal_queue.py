"""The supervisor's review queue at scale (issue 3): 100,000 staff in the database, one pejabat
penilai with 500 items waiting; server time of the queue page, of an item opening beside it, and
of approving one.

    .venv/bin/python bench/appraisal_queue.py
    .venv/bin/python bench/appraisal_queue.py --pegawai 100000 --queue 500 \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench_queue --drop-existing

Without --database-url it uses a SQLite file in a temporary directory. The requests go through
the WSGI app in this process (Flask's test client), so the times are server time: routing,
queries, rendering, the commit; no network. Targets: the queue renders in < 150 ms, approve
answers in < 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import sqlalchemy as sa  # noqa: E402

from bench.demo_data import _create_schema, _drop_everything  # noqa: E402
from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402

CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pegawai", type=int, default=100_000)
    parser.add_argument("--queue", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--database-url", help="default: SQLite in a temporary directory")
    parser.add_argument("--drop-existing", action="store_true")
    parser.add_argument("--slow-ms", type=float, help="print every query slower than this")
    parser.add_argument("--profile", action="store_true", help="cProfile ten queue pages")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        run(url, Path(tmp), args)


def run(url: str, instance: Path, args) -> None:
    app = create_app({"PORTAL_ENV": "development", "SQLALCHEMY_DATABASE_URI": url,
                      "INSTANCE_PATH": instance, "SECRET_KEY": "bench-only",
                      "RATELIMIT_ENABLED": False, "PORTAL_UPLOAD_DIR": instance / "uploads"})
    with app.app_context():
        if args.drop_existing:
            _drop_everything()
        _create_schema()
        started = time.perf_counter()
        username = _build(args.pegawai, args.queue)
        print(f"database   {sa.make_url(url).render_as_string(hide_password=True)}")
        print(f"built      {time.perf_counter() - started:8.1f} s "
              f"({args.pegawai} pegawai, a supervisor with {args.queue} waiting items)")
        password = app.config["PORTAL_DEMO_PASSWORD"]
    print(f"load       {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"(1, 5, 15 min) on {os.cpu_count()} cores")
    client = app.test_client()
    page = client.get("/masuk").get_data(as_text=True)
    client.post("/masuk", data={"username": username, "password": password,
                                "csrf_token": CSRF_RE.search(page).group(1)})

    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", _count_queries)
        sa.event.listen(db.engine, "after_cursor_execute", _slow_queries)
    SLOW_MS[0] = args.slow_ms
    queue_html = client.get("/kinerja/penilaian").get_data(as_text=True)
    assert f"{args.queue} item." in queue_html, "the queue is not the expected size"
    items = re.findall(r'href="/kinerja/penilaian/evaluasi/(\d+)"', queue_html)
    timings = {
        "queue page (full, 50 of N)": lambda i: client.get("/kinerja/penilaian"),
        "queue block (htmx filter)": lambda i: client.get(
            "/kinerja/penilaian?status=diajukan", headers={"HX-Request": "true",
                                                           "HX-Target": "antrean"}),
        "item beside the queue (htmx)": lambda i: client.get(
            f"/kinerja/penilaian/evaluasi/{items[i % len(items)]}",
            headers={"HX-Request": "true", "HX-Target": "panel"}),
    }
    QUERIES[0] = 0
    for label, call in timings.items():
        _report(label, [_timed(call, i) for i in range(args.rounds)])
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.enable()
        for _ in range(10):
            client.get("/kinerja/penilaian")
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
        QUERIES[0] = 0

    token = CSRF_RE.search(queue_html).group(1)
    for label, headers, expect in (
            ("approve (plain POST → 303)", {}, 303),
            ("approve + next item (htmx)", {"HX-Request": "true", "HX-Target": "panel"}, 200)):
        ms = []
        for i in range(args.rounds):
            ev_id, revisi = _next_waiting(app, username)
            QUERIES[0] -= 1  # the benchmark's own lookup
            data = {"csrf_token": token, "aksi": "setujui", "revisi": str(revisi),
                    "rating_hasil": "sesuai", "rating_perilaku": "di_atas"}
            ms.append(_timed(lambda _i, ev_id=ev_id, data=data, headers=headers: client.post(
                f"/kinerja/penilaian/evaluasi/{ev_id}", data=data, headers=headers), i,
                expect=expect))
        _report(label, ms)


QUERIES = [0]
SLOW_MS = [None]


def _count_queries(conn, _cursor, statement, *_args) -> None:
    QUERIES[0] += 1
    conn.info["started"] = time.perf_counter()


def _slow_queries(conn, _cursor, statement, *_args) -> None:
    elapsed = (time.perf_counter() - conn.info.get("started", time.perf_counter())) * 1000
    if SLOW_MS[0] is not None and elapsed > SLOW_MS[0]:
        print(f"  slow query {elapsed:6.1f} ms: {' '.join(statement.split())[:300]}")


CPU_MS: list[float] = []


def _timed(call, i: int, expect: int = 200) -> float:
    started, cpu = time.perf_counter(), time.process_time()
    response = call(i)
    elapsed = (time.perf_counter() - started) * 1000
    CPU_MS.append((time.process_time() - cpu) * 1000)
    assert response.status_code == expect, (response.status_code,
                                            response.get_data(as_text=True)[:500])
    return elapsed


def _report(label: str, ms: list[float]) -> None:
    queries, QUERIES[0] = QUERIES[0], 0
    cpu = statistics.median(CPU_MS)
    CPU_MS.clear()
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    print(f"{label:30} median {statistics.median(ms):6.1f} ms  p95 {p95:6.1f} ms  "
          f"max {ms[-1]:6.1f} ms  CPU {cpu:5.1f} ms  {queries / len(ms):4.1f} queries  "
          f"(n={len(ms)})")


def _next_waiting(app, username: str) -> tuple[int, int]:
    from portal.appraisals.evaluasi.models import Evaluasi, StatusEvaluasi
    from portal.auth.models import User
    from portal.org.models import Pegawai

    with app.app_context():
        penilai = db.session.scalar(sa.select(User.pegawai_id).where(User.username == username))
        row = db.session.execute(
            sa.select(Evaluasi.id, Evaluasi.revisi).join(Pegawai, Pegawai.id == Evaluasi.pegawai_id)
            .where(Pegawai.atasan_id == penilai, Evaluasi.status == StatusEvaluasi.DIAJUKAN)
            .order_by(Evaluasi.diajukan_at, Evaluasi.id).limit(1)).one()
        return row.id, row.revisi


def _build(n_pegawai: int, queue: int) -> str:
    """The demo (org, complaints, appraisals), then a supervisor given ``queue`` staff of a
    large OPD, each with a set SKP and a Triwulan III evaluation waiting for them."""
    from portal.appraisals.periode.models import JenisPeriode
    from portal.appraisals.skp.models import Skp
    from portal.auth.models import User
    from portal.demo.appraisals import (
        _advance_sequences,
        _Builder,
        build_demo_appraisals,
        open_demo_years,
    )
    from portal.demo.org import build_demo_data
    from portal.org.models import JenisJabatan, Opd, Pegawai

    result = build_demo_data(n_pegawai, 2026)
    build_demo_appraisals(2026, result.logins)
    db.session.commit()
    opd_id = db.session.scalar(sa.select(Pegawai.opd_id).group_by(Pegawai.opd_id)
                               .order_by(sa.func.count().desc()).limit(1))
    opd = db.session.get(Opd, opd_id)
    no_skp = ~sa.exists().where(Skp.pegawai_id == Pegawai.id)
    penilai = db.session.scalars(sa.select(Pegawai).where(
        Pegawai.opd_id == opd_id, Pegawai.jenis_jabatan != JenisJabatan.PELAKSANA, no_skp)
        .order_by(Pegawai.id)).first()
    staff_ids = list(db.session.scalars(sa.select(Pegawai.id).where(
        Pegawai.opd_id == opd_id, Pegawai.id != penilai.id, no_skp,
        Pegawai.jenis_jabatan == JenisJabatan.PELAKSANA).order_by(Pegawai.id).limit(queue)))
    if len(staff_ids) < queue:
        raise SystemExit(f"the largest OPD has only {len(staff_ids)} pelaksana; raise --pegawai")
    db.session.execute(sa.update(Pegawai).where(Pegawai.id.in_(staff_ids))
                       .values(atasan_id=penilai.id))
    year = open_demo_years()[opd.pemda_id]
    periods = {p.jenis: p for p in year.periode}
    users = dict(db.session.execute(sa.select(User.pegawai_id, User.id).where(
        User.pegawai_id.in_([penilai.id, *staff_ids]))).all())
    builder = _Builder(random.Random(1), year, periods, users, None)
    rows = db.session.execute(sa.select(
        Pegawai.id, Pegawai.atasan_id, Pegawai.jenis_jabatan, Pegawai.nama, Pegawai.nip)
        .where(Pegawai.id.in_([penilai.id, *staff_ids])).order_by(Pegawai.id)).all()
    for person in sorted(rows, key=lambda r: r.id != penilai.id):
        skp_id, indikator = builder._skp(person, person.id == penilai.id, "disetujui")
        if person.id != penilai.id:
            builder._evaluasi(person, skp_id, indikator, JenisPeriode.TRIWULAN_3, "diajukan")
    builder.rows.flush()
    _advance_sequences()
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect() as conn:
            conn.execute(sa.text("ANALYZE"))
    stamp = datetime.now().isoformat(timespec="seconds")
    print(f"queue of   {penilai.nama} ({opd.nama}), {stamp}")
    return penilai.nip


if __name__ == "__main__":
    main()
