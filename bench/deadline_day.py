"""Deadline day (issue 13): a province's pegawai all fill in and submit their Triwulan evaluation
at once, their supervisors approve; gunicorn on PostgreSQL, Locust as the load.

    flock /tmp/bench.lock .venv/bin/python bench/deadline_day.py --users 100,200,300
    flock /tmp/bench.lock .venv/bin/python bench/deadline_day.py --users 2000 --spawn-rate 20 \\
        --run-time 240 --worker-class gthread --threads 4

Builds a fresh PostgreSQL database (``--database-url``, dropped and created) with the demo data
plus 2,000 pegawai of Lampung's OPDs (``--staff``), each with a set SKP and an open Triwulan III
draft, under 100 supervisors (``--per-supervisor 20``) whose own SKPs are set; every account has
the demo password. Then, for each user count: the drafts are reset to empty, gunicorn starts
(``--workers 2``, ``--worker-class sync|gthread``), Locust (``bench/deadline_locust.py``,
headless, one process) runs that many pegawai plus one supervisor per ten, writes its CSV stats
under ``--out``, and the database is checked against what the server acknowledged: the last
acknowledged text of every field is stored (zero lost drafts), every acknowledged submit is
``diajukan`` or ``disetujui`` with its audit row, every acknowledged approval is ``disetujui``.
Needs ``make install-bench`` (Locust). The load generator and the server share the cores.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import sqlalchemy as sa  # noqa: E402

KINDS = ("sign in form", "sign in", "open", "autosave", "upload", "submit", "sign out",
         "review queue", "review item",
         "approve")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1/bench_deadline")
    parser.add_argument("--pegawai", type=int, default=20_000, help="demo staff in all")
    parser.add_argument("--staff", type=int, default=2000, help="pegawai with a draft to fill")
    parser.add_argument("--per-supervisor", type=int, default=20)
    parser.add_argument("--users", default="100", help="concurrent pegawai, e.g. 50,100,200")
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--run-time", type=int, default=120, help="seconds per step")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=4, help="per gthread worker")
    parser.add_argument("--autosaves", type=int, default=10, help="per evaluation")
    parser.add_argument("--pause", default="2-5", help="seconds between two autosaves")
    parser.add_argument("--reset-stats", action="store_true",
                        help="count only after every user has spawned (signed-in typing)")
    parser.add_argument("--reuse", action="store_true", help="keep the database of a last run")
    parser.add_argument("--out", default=str(PROJECT_ROOT / "instance" / "bench-deadline"))
    parser.add_argument("--port", type=int, default=5097)
    parser.add_argument("--app-cpus", default="",
                        help="pin gunicorn to these cores (taskset list, e.g. 0) and, with "
                             "--other-cpus, PostgreSQL and Locust to others: the app server's "
                             "own share of the machine, as if the database and the load were "
                             "elsewhere")
    parser.add_argument("--other-cpus", default="", help="cores for PostgreSQL and Locust")
    parser.add_argument("--profile", type=int, default=0, metavar="SECONDS",
                        help="sample every gunicorn worker with py-spy for SECONDS in the middle "
                             "of each step and print where their time goes (bench extra)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    url = args.database_url
    identities = out / "identities.json"
    instance = Path(tempfile.mkdtemp(prefix="portal-deadline-"))
    env = {**os.environ, "PORTAL_ENV": "development", "PORTAL_SECRET_KEY": "bench-only",
           "PORTAL_DATABASE_URL": url, "PORTAL_INSTANCE_PATH": str(instance),
           "PORTAL_UPLOAD_DIR": str(instance / "uploads"),
           "PORTAL_REDIS_URL": os.environ.get("PORTAL_REDIS_URL", "redis://127.0.0.1:6379/15")}
    if not args.reuse or not identities.exists():
        started = time.perf_counter()
        _fresh_database(url)
        subprocess.run([str(PROJECT_ROOT / ".venv/bin/flask"), "db", "upgrade"], env=env,
                       check=True, capture_output=True, cwd=PROJECT_ROOT)
        ids = _build(env, args)
        identities.write_text(json.dumps(ids))
        print(f"built      {time.perf_counter() - started:.0f} s: {len(ids['pegawai'])} pegawai "
              f"with a draft under {len(ids['supervisors'])} supervisors")
    ids = json.loads(identities.read_text())
    for users in [int(u) for u in args.users.split(",")]:
        _step(users, args, env, ids, identities, out)


def _fresh_database(url: str) -> None:
    name = sa.make_url(url).database
    admin = sa.create_engine(sa.make_url(_psycopg(url)).set(database="postgres"),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()


def _psycopg(url: str) -> str:
    from portal.config import normalise_database_url
    return normalise_database_url(url)


def _app(env: dict):
    from portal import create_app
    return create_app({"PORTAL_ENV": "development", "SECRET_KEY": "bench-only",
                       "SQLALCHEMY_DATABASE_URI": _psycopg(env["PORTAL_DATABASE_URL"]),
                       "INSTANCE_PATH": Path(env["PORTAL_INSTANCE_PATH"]),
                       "RATELIMIT_ENABLED": False})


def _build(env: dict, args) -> dict:
    """The demo, then ``args.staff`` pelaksana of Lampung's OPDs without an SKP, 20 to each of
    ``staff / 20`` supervisors of the same OPD: SKPs set, a Triwulan III draft each."""
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
    from portal.extensions import db
    from portal.org.models import JenisJabatan, Opd, Pegawai, Pemda, Wilayah

    app = _app(env)
    with app.app_context():
        result = build_demo_data(args.pegawai, 2026)
        build_demo_appraisals(2026, result.logins)
        db.session.commit()
        no_skp = ~sa.exists().where(Skp.pegawai_id == Pegawai.id)
        lampung = (sa.select(Opd.id).join(Pemda, Pemda.id == Opd.pemda_id)
                   .join(Wilayah, Wilayah.id == Pemda.wilayah_id)
                   .where(Wilayah.kode.like("18%")).order_by(Opd.id))
        groups: list[tuple[int, list[int]]] = []
        wanted = math.ceil(args.staff / args.per_supervisor)
        for opd_id in db.session.scalars(lampung):
            rows = db.session.execute(sa.select(Pegawai.id, Pegawai.jenis_jabatan).where(
                Pegawai.opd_id == opd_id, Pegawai.aktif, no_skp).order_by(Pegawai.id)).all()
            heads = [r.id for r in rows if r.jenis_jabatan != JenisJabatan.PELAKSANA]
            staff = [r.id for r in rows if r.jenis_jabatan == JenisJabatan.PELAKSANA]
            while heads and len(staff) >= args.per_supervisor and len(groups) < wanted:
                groups.append((heads.pop(0), staff[:args.per_supervisor]))
                staff = staff[args.per_supervisor:]
            if len(groups) == wanted:
                break
        if len(groups) < wanted:
            raise SystemExit(f"only {len(groups)} supervisor groups in Lampung; raise --pegawai")
        years = open_demo_years()
        builder = _Builder(random.Random(1), None, {}, {}, None)
        periode_ids = set()
        for head, staff in groups:
            db.session.execute(sa.update(Pegawai).where(Pegawai.id.in_(staff))
                               .values(atasan_id=head))
        everyone = [p for head, staff in groups for p in (head, *staff)]
        users = dict(db.session.execute(sa.select(User.pegawai_id, User.id).where(
            User.pegawai_id.in_(everyone))).all())
        rows = {r.id: r for r in db.session.execute(sa.select(
            Pegawai.id, Pegawai.atasan_id, Pegawai.jenis_jabatan, Pegawai.nama, Pegawai.nip,
            Pegawai.opd_id).where(Pegawai.id.in_(everyone)))}
        pemda_of = dict(db.session.execute(sa.select(Opd.id, Opd.pemda_id)).all())
        builder.users = users
        for head, staff in groups:  # each OPD's pemda has its own performance year
            builder.year = years[pemda_of[rows[head].opd_id]]
            builder.periods = {p.jenis: p for p in builder.year.periode}
            periode_ids.add(builder.periods[JenisPeriode.TRIWULAN_3].id)
            builder._skp(rows[head], True, "disetujui")
            for pegawai_id in staff:
                skp_id, indikator = builder._skp(rows[pegawai_id], False, "disetujui")
                builder._evaluasi(rows[pegawai_id], skp_id, indikator, JenisPeriode.TRIWULAN_3,
                                  "draf")
            builder.rows.flush()
        _advance_sequences()
        db.session.commit()
        from portal.appraisals.evaluasi.models import Evaluasi
        evaluasi = dict(db.session.execute(sa.select(Evaluasi.pegawai_id, Evaluasi.id).where(
            Evaluasi.periode_id.in_(periode_ids),
            Evaluasi.pegawai_id.in_([p for _h, staff in groups for p in staff]))).all())
        with db.engine.connect() as conn:
            conn.execute(sa.text("ANALYZE"))
        # round robin over the supervisors, so the first N pegawai spread over all of them
        order = [(rows[staff[i]].nip, evaluasi[staff[i]], n)
                 for i in range(args.per_supervisor) for n, (_h, staff) in enumerate(groups)]
        return {"password": app.config["PORTAL_DEMO_PASSWORD"], "pegawai": order,
                "supervisors": [rows[head].nip for head, _s in groups]}


def _reset(env: dict, ids: dict) -> None:
    """Every draft of the run back to empty, as on the morning of the deadline."""
    from portal.appraisals.evaluasi.models import (
        BuktiDukung,
        Evaluasi,
        RealisasiIndikator,
        StatusEvaluasi,
        UmpanBalikPerilaku,
        UmpanBalikRhk,
    )
    from portal.core.models import AuditEntry
    from portal.extensions import db

    ev_ids = [e for _n, e, _s in ids["pegawai"]]
    with _app(env).app_context():
        for model in (BuktiDukung, UmpanBalikRhk, UmpanBalikPerilaku):
            db.session.execute(sa.delete(model).where(model.evaluasi_id.in_(ev_ids)))
        db.session.execute(sa.delete(AuditEntry).where(
            AuditEntry.object_type == "evaluasi", AuditEntry.object_id.in_(ev_ids),
            AuditEntry.action != "dibuat"))
        db.session.execute(sa.update(RealisasiIndikator).where(
            RealisasiIndikator.evaluasi_id.in_(ev_ids)).values(realisasi=""))
        db.session.execute(sa.update(Evaluasi).where(Evaluasi.id.in_(ev_ids)).values(
            status=StatusEvaluasi.DRAF, revisi=1, penilaian_diri="", diajukan_at=None,
            disetujui_at=None, rating_hasil=None, rating_perilaku=None, predikat=None,
            penilai_id=None))
        db.session.commit()
        with db.engine.connect() as conn:
            conn.execute(sa.text("ANALYZE"))


def _step(users: int, args, env: dict, ids: dict, identities: Path, out: Path) -> None:
    _reset(env, ids)
    supervisors = min(len(ids["supervisors"]), max(1, math.ceil(users / 10)))
    usable = [p for p in ids["pegawai"] if p[2] < supervisors]
    step_ids = out / f"identities-{users}.json"
    step_ids.write_text(json.dumps({**ids, "pegawai": usable}))
    results = out / f"results-{users}.json"
    prefix = out / f"u{users}-{args.worker_class}"
    gunicorn_cmd = [str(PROJECT_ROOT / ".venv/bin/gunicorn"), "--workers", str(args.workers),
                    "--worker-class", args.worker_class, "--bind", f"127.0.0.1:{args.port}",
                    "--log-level", "warning", "--backlog", "4096", "--timeout", "120"]
    if args.worker_class == "gthread":
        # keep a browser's connection open longer than a pause in typing: with gunicorn's 2 s
        # default, an autosave sent just as the server closes the idle connection is reset
        gunicorn_cmd += ["--threads", str(args.threads), "--keep-alive", "10"]
    pin_app = ["taskset", "-c", args.app_cpus] if args.app_cpus else []
    pin_other = ["taskset", "-c", args.other_cpus] if args.other_cpus else []
    server = subprocess.Popen([*pin_app, *gunicorn_cmd, "portal:create_app()"], env=env,
                              cwd=PROJECT_ROOT)
    if args.other_cpus:
        _pin_postgresql(args.other_cpus)
    profiler = None
    try:
        _wait_healthy(args.port)
        if args.profile:
            profiler = _start_profile(server.pid, args, prefix, users + supervisors)
        load_before = os.getloadavg()
        locust_env = {**env, "DEADLINE_IDENTITIES": str(step_ids), "DEADLINE_RESULTS": str(results),
                      "DEADLINE_SUPERVISORS": str(supervisors),
                      "DEADLINE_AUTOSAVES": str(args.autosaves), "DEADLINE_PAUSE": args.pause}
        started = time.perf_counter()
        with open(f"{prefix}-locust.log", "w") as log:
            subprocess.run([*pin_other, str(PROJECT_ROOT / ".venv/bin/locust"), "-f",
                            str(PROJECT_ROOT / "bench/deadline_locust.py"), "--headless",
                            "--users", str(users + supervisors), "--spawn-rate", str(args.spawn_rate),
                            "--run-time", f"{args.run_time}s", "--host",
                            f"http://127.0.0.1:{args.port}", "--csv", str(prefix), "--only-summary",
                            "--loglevel", "WARNING", "--stop-timeout", "0",
                            *(["--reset-stats"] if args.reset_stats else [])],
                           env=locust_env, cwd=PROJECT_ROOT, check=False,
                           stdout=subprocess.DEVNULL, stderr=log)
        elapsed = time.perf_counter() - started
        load_after = os.getloadavg()
    finally:
        if profiler is not None:
            profiler.join()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        if args.other_cpus:
            _pin_postgresql(f"0-{os.cpu_count() - 1}")  # as it was: every core
    print(f"\n== {users} pegawai + {supervisors} supervisors, gunicorn {args.workers} × "
          f"{args.worker_class}{f' ×{args.threads} threads, keep-alive 10 s' if args.worker_class == 'gthread' else ''}"
          f", {elapsed:.0f} s, load {load_before[0]:.1f} → {load_after[0]:.1f} "
          f"(1 min; 5 min {load_after[1]:.1f}) on {os.cpu_count()} cores")
    if args.app_cpus:
        print(f"   gunicorn pinned to core(s) {args.app_cpus}; PostgreSQL and Locust to "
              f"{args.other_cpus or 'any core'}")
    _print_stats(Path(f"{prefix}_stats.csv"))
    if args.profile:
        _print_profile(prefix)
    _check_database(env, json.loads(results.read_text()))


def _pin_postgresql(cpus: str) -> None:
    """Every running PostgreSQL process (and so the backends the postmaster forks from now on)
    to ``cpus``."""
    pids = subprocess.run(["pgrep", "-x", "postgres"], capture_output=True, text=True).stdout
    for pid in pids.split():
        subprocess.run(["taskset", "-a", "-p", "-c", cpus, pid], capture_output=True, check=False)


def _start_profile(master_pid: int, args, prefix: Path, users: int):
    """py-spy on each gunicorn worker, for ``--profile`` seconds once the users have spawned."""
    import threading

    def run() -> None:
        time.sleep(min(args.run_time / 2, max(10.0, users / max(args.spawn_rate, 1))))
        workers = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True,
                                 text=True).stdout.split()
        spies = [subprocess.Popen([str(PROJECT_ROOT / ".venv/bin/py-spy"), "record", "--pid", pid,
                                   "--duration", str(args.profile), "--format", "raw",
                                   "--rate", "200", "--nonblocking", "-o",
                                   f"{prefix}-profile-{pid}.txt"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for pid in workers]
        for spy in spies:
            spy.wait()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _print_profile(prefix: Path, top: int = 25) -> None:
    """Where the workers' sampled time went: by the portal's (or a library's) innermost frame,
    and by the request's view, as shares of all samples."""
    own: dict[str, int] = {}
    total = 0
    for path in sorted(Path(prefix.parent).glob(f"{prefix.name}-profile-*.txt")):
        for line in path.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            if not count.isdigit():
                continue
            frames = stack.split(";")
            n = int(count)
            total += n
            leaf = frames[-1]
            # the innermost frame of our own code says what the time was spent for
            ours = next((f for f in reversed(frames) if " (portal/" in f), None)
            label = f"{_frame(leaf)}  ← {_frame(ours)}" if ours and ours != leaf else _frame(leaf)
            own[label] = own.get(label, 0) + n
    if not total:
        print("   profile: no samples (py-spy needs ptrace; `make install-bench`)")
        return
    kinds: dict[str, int] = {}
    for label, n in own.items():
        leaf = label.split("  ← ")[0].split(" (")[0]
        kind = next((k for k, leaves in WAITING.items() if leaf in leaves), "working")
        kinds[kind] = kinds.get(kind, 0) + n
    print("   profile: " + ", ".join(f"{kind} {100 * n / total:.0f} %"
                                      for kind, n in sorted(kinds.items(), key=lambda x: -x[1])))
    print(f"   ({total:,} samples of the workers' threads; innermost frame ← innermost portal "
          "frame):")
    for label, n in sorted(own.items(), key=lambda item: -item[1])[:top]:
        print(f"   {100 * n / total:5.1f} %  {label}")


#: innermost frames of a thread that is not using the CPU, by what it waits for
WAITING = {
    "waiting for PostgreSQL": {"Connection.wait", "BaseCursor._execute_send", "wait",
                               "wait_conn"},
    "idle (no request for the thread)": {"_worker", "EpollSelector.select", "WorkerTmp.notify",
                                         "PollableMethodQueue.defer", "select"},
}


def _frame(frame: str) -> str:
    """'function (path/to/file.py:12)' → 'function (file.py)'."""
    name, _, where = frame.partition(" (")
    return f"{name} ({Path(where.rstrip(')').rsplit(':', 1)[0]).name})"


def _wait_healthy(port: int) -> None:
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz")


def _print_stats(path: Path) -> None:
    rows = {row["Name"]: row for row in csv.DictReader(path.open())}
    print(f"{'request':14} {'count':>7} {'fail':>5} {'req/s':>6} {'p50':>6} {'p95':>6} "
          f"{'p99':>6} {'max':>6}  (ms)")
    for name in (*KINDS, "Aggregated"):
        row = rows.get(name)
        if row is None:
            continue
        print(f"{name:14} {row['Request Count']:>7} {row['Failure Count']:>5} "
              f"{float(row['Requests/s']):6.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6} "
              f"{float(row['Max Response Time']):6.0f}")


def _check_database(env: dict, results: dict) -> None:
    """What the server acknowledged is what the database holds."""
    from portal.appraisals.evaluasi.models import Evaluasi, RealisasiIndikator, StatusEvaluasi
    from portal.core.models import AuditEntry
    from portal.extensions import db

    records = results["evaluasi"]
    ev_ids = [int(k) for k in records]
    lost = in_flight = kept = 0
    submits_missing = approvals_missing = 0
    with _app(env).app_context():
        stored = {ev.id: ev for ev in db.session.scalars(sa.select(Evaluasi).where(
            Evaluasi.id.in_(ev_ids)))}
        lines: dict[int, dict[str, str]] = {}
        for line in db.session.scalars(sa.select(RealisasiIndikator).where(
                RealisasiIndikator.evaluasi_id.in_(ev_ids))):
            lines.setdefault(line.evaluasi_id, {})[f"realisasi_{line.indikator_id}"] = \
                line.realisasi
        audits = set(db.session.execute(sa.select(AuditEntry.object_id, AuditEntry.action).where(
            AuditEntry.object_type == "evaluasi", AuditEntry.object_id.in_(ev_ids))).all())
        for key, record in records.items():
            ev = stored[int(key)]
            now = {**lines.get(ev.id, {}), "penilaian_diri": ev.penilaian_diri}
            acked = {k: v.strip() for k, v in (record["acked"] or {}).items()}
            sent = {k: v.strip() for k, v in (record["sent"] or {}).items()}
            if not acked or all(now.get(k) == v for k, v in acked.items()):
                kept += 1
            elif all(now.get(k) == v for k, v in sent.items()):
                in_flight += 1  # the last save was cut off by the end of the run, but landed
            else:
                lost += 1
            if record["submitted"] and not (
                    ev.status in (StatusEvaluasi.DIAJUKAN, StatusEvaluasi.DISETUJUI)
                    and (ev.id, "diajukan") in audits):
                submits_missing += 1
        approved = results["approved"]
        for ev_id in approved:
            ev = stored.get(ev_id) or db.session.get(Evaluasi, ev_id)
            if ev.status != StatusEvaluasi.DISETUJUI or (ev_id, "disetujui") not in audits:
                approvals_missing += 1
    submitted = sum(r["submitted"] for r in records.values())
    print(f"database: {len(records)} evaluations typed in; last acknowledged draft stored for "
          f"{kept}, a later unacknowledged save stored for {in_flight}, LOST {lost}; "
          f"{submitted} submits acknowledged, {submits_missing} not recorded; "
          f"{len(approved)} approvals acknowledged, {approvals_missing} not recorded")


if __name__ == "__main__":
    main()
