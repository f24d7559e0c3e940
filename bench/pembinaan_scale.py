"""Competency development at scale (issue 10): 100,000 staff and 1,000,000 training records;
server time of "Pengembangan kompetensi saya" (/pembinaan/kompetensi) for the demo pegawai and
for a pejabat penilai, and of the admin OPD's below-target list (/pembinaan/kelola) for the demo
OPD and for the largest OPD.

    .venv/bin/python bench/pembinaan_scale.py
    .venv/bin/python bench/pembinaan_scale.py --pegawai 100000 --records 1000000 \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench_pembinaan --drop-existing

Without --database-url it uses a SQLite file in a temporary directory (DATABASE_URL in the
environment is used when set). The requests go through the WSGI app in this process (Flask's
test client), so the times are server time: routing, queries, rendering; no network. Target:
each page < 100 ms.

The records: for every pegawai about ``records / pegawai`` of them over this year and the two
before, 60 % participations in a catalogue activity of their pemda (most ``selesai`` with their
JP counted, some still proposed or approved) and 40 % self-reported learning (most verified, some
waiting or rejected), written with Core bulk inserts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import sqlalchemy as sa  # noqa: E402

from bench.appraisal_queue import CPU_MS, QUERIES, SLOW_MS, _count_queries, _slow_queries  # noqa: E402
from bench.demo_data import _create_schema, _drop_everything  # noqa: E402
from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402

CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
CHUNK = 20_000
#: the usernames of each database built, for --reuse (instance/ is not committed)
LOGINS = Path(__file__).resolve().parent.parent / "instance" / "bench-pembinaan-logins.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pegawai", type=int, default=100_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"),
                        help="default: $DATABASE_URL, else SQLite in a temporary directory")
    parser.add_argument("--drop-existing", action="store_true")
    parser.add_argument("--reuse", action="store_true",
                        help="time the pages on the database an earlier run built with the same "
                             "--database-url (no build, no publishing)")
    parser.add_argument("--slow-ms", type=float, help="print every query slower than this")
    parser.add_argument("--profile", action="store_true", help="cProfile the last page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        run(url, Path(tmp), args)


def run(url: str, instance: Path, args) -> None:
    app = create_app({"PORTAL_ENV": "development", "SQLALCHEMY_DATABASE_URI": url,
                      "INSTANCE_PATH": instance, "SECRET_KEY": "bench-only",
                      "RATELIMIT_ENABLED": False, "PORTAL_UPLOAD_DIR": instance / "uploads"})
    with app.app_context():
        print(f"database   {sa.make_url(url).render_as_string(hide_password=True)}")
        if args.reuse:
            logins = json.loads(LOGINS.read_text())[url]
            print(f"reused     {_count_records()} training records")
        else:
            if args.drop_existing:
                _drop_everything()
            _create_schema()
            started = time.perf_counter()
            logins = _build(args.pegawai, args.records)
            print(f"built      {time.perf_counter() - started:8.1f} s ({args.pegawai} pegawai, "
                  f"{_count_records()} training records), "
                  f"{datetime.now().isoformat('T', 'seconds')}")
            saved = json.loads(LOGINS.read_text()) if LOGINS.exists() else {}
            LOGINS.parent.mkdir(exist_ok=True)
            LOGINS.write_text(json.dumps(saved | {url: logins}, indent=1))
        password = app.config["PORTAL_DEMO_PASSWORD"]
        sa.event.listen(db.engine, "before_cursor_execute", _count_queries)
        sa.event.listen(db.engine, "after_cursor_execute", _slow_queries)
    SLOW_MS[0] = args.slow_ms
    print(f"load       {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"(1, 5, 15 min) on {os.cpu_count()} cores")
    for label, username, path in (
            ("kompetensi saya (pegawai)", logins["pegawai"], "/pembinaan/kompetensi"),
            ("kompetensi saya (penilai)", logins["pejabat_penilai"], "/pembinaan/kompetensi"),
            ("below target, demo OPD", logins["admin_opd"], "/pembinaan/kelola"),
            (f"below target, {logins['besar_n']} staff", logins["admin_besar"],
             "/pembinaan/kelola")):
        client = app.test_client()
        page = client.get("/masuk").get_data(as_text=True)
        client.post("/masuk", data={"username": username, "password": password,
                                    "csrf_token": CSRF_RE.search(page).group(1)})
        client.get(path)  # warm: the first request of a client loads the user and the caches
        QUERIES[0] = 0
        _report(label, [_timed(client, path) for _ in range(args.rounds)])
    if not args.reuse:
        with app.app_context():
            _publish_with_pages(app)
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.enable()
        for _ in range(5):
            client.get(path)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


def _publish_with_pages(app) -> None:
    """Publishing with the training records in place (issue 10's speed target: under 60 s): the
    quarter that ended last, for every pemda, each followed by the pre-rendering of its public
    pages as the admin pemda's publish button does."""
    from bench.scorecard_data import _quarters
    from portal.org.models import Pemda
    from portal.scorecards import prerender
    from portal.scorecards.kelola import services

    _start, _end, tahun, triwulan = _quarters(date.today())[0]
    ids = list(db.session.scalars(sa.select(Pemda.id).order_by(Pemda.id)))
    db.session.commit()
    started, slowest, pages = time.perf_counter(), 0.0, 0
    for pemda_id in ids:
        one = time.perf_counter()
        services.publish(None, db.session.get(Pemda, pemda_id), tahun, triwulan)
        db.session.commit()  # no transaction left open here: the pages are stored by another session
        pages += prerender.publication(pemda_id, app, with_global=pemda_id == ids[-1]).halaman
        slowest = max(slowest, time.perf_counter() - one)
    print(f"publish    {tahun}-T{triwulan} for {len(ids)} pemda with {pages} pages rendered: "
          f"{time.perf_counter() - started:.1f} s (slowest pemda {slowest:.1f} s)")


def _timed(client, path: str) -> float:
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    CPU_MS.append((time.process_time() - cpu) * 1000)
    assert response.status_code == 200, (response.status_code,
                                          response.get_data(as_text=True)[:500])
    return elapsed


def _report(label: str, ms: list[float]) -> None:
    queries, QUERIES[0] = QUERIES[0], 0
    cpu = statistics.median(CPU_MS)
    CPU_MS.clear()
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    print(f"{label:34} median {statistics.median(ms):6.1f} ms  p95 {p95:6.1f} ms  "
          f"max {ms[-1]:6.1f} ms  CPU {cpu:5.1f} ms  {queries / len(ms):4.1f} queries  "
          f"(n={len(ms)})")


def _count_records() -> int:
    from portal.pembinaan.kompetensi.models import PembelajaranMandiri, PesertaKegiatan

    return sum(db.session.scalar(sa.select(sa.func.count()).select_from(model))
               for model in (PesertaKegiatan, PembelajaranMandiri))


def _build(n_pegawai: int, n_records: int) -> dict[str, str]:
    """The demo (org, appraisals, pembinaan), the bulk records, and an admin OPD for the
    largest OPD. Returns the usernames to sign in with."""
    from portal.auth.models import RoleAssignment, User
    from portal.core.roles import Role
    from portal.demo.appraisals import build_demo_appraisals
    from portal.demo.org import build_demo_data
    from portal.demo.pembinaan import build_demo_pembinaan
    from portal.org.models import Opd, Pegawai

    result = build_demo_data(n_pegawai, 2026)
    build_demo_appraisals(2026, result.logins)
    build_demo_pembinaan(2026, result.logins)
    db.session.commit()
    _bulk_records(n_records)
    opd_id, size = db.session.execute(
        sa.select(Pegawai.opd_id, sa.func.count()).group_by(Pegawai.opd_id)
        .order_by(sa.func.count().desc()).limit(1)).one()
    admin = db.session.scalar(sa.select(User).where(User.username == "admin.disdukcapil.bdl"))
    besar = User(username="bench.admin.besar", nama="Admin OPD terbesar",
                 password_hash=admin.password_hash)
    db.session.add(besar)
    db.session.flush()
    db.session.add(RoleAssignment(user_id=besar.id, role=Role.ADMIN_OPD, opd_id=opd_id))
    db.session.commit()
    with db.engine.begin() as conn:  # the planner's statistics, as a production database has
        conn.execute(sa.text("ANALYZE"))
    logins = {row["role"]: row["username"] for row in result.logins}
    logins["admin_besar"], logins["besar_n"] = besar.username, str(size)
    print(f"largest    {db.session.get(Opd, opd_id).nama}: {size} staff")
    return logins


def _bulk_records(n_records: int) -> None:
    from portal.org.models import Opd, Pegawai
    from portal.pembinaan.kompetensi.models import (
        AsalKebutuhan,
        BentukKegiatan,
        JenisKompetensi,
        Kegiatan,
        PembelajaranMandiri,
        PesertaKegiatan,
        StatusMandiri,
        StatusPeserta,
        SumberAnggaran,
    )

    rng = random.Random(10)
    today = date.today()
    years = [today.year - 2, today.year - 1, today.year]
    people = db.session.execute(sa.select(Pegawai.id, Opd.pemda_id)
                                .join(Opd, Pegawai.opd_id == Opd.id)).all()
    now = datetime.now()
    # a catalogue of 30 activities a year per pemda, offered to all its OPDs
    kegiatan: dict[int, list[tuple[int, int, date, date, BentukKegiatan]]] = {}
    klasikal = [b for b in BentukKegiatan if b.klasikal]
    for pemda_id in sorted({p for _i, p in people}):
        for year in years:
            for n in range(30):
                start = date(year, 1, 10) + timedelta(days=n * 11)
                end = start + timedelta(days=rng.randint(0, 4))
                bentuk = rng.choice(klasikal)
                item = Kegiatan(pemda_id=pemda_id, opd_id=None, judul=f"Pelatihan {year}-{n}",
                                bentuk=bentuk, penyelenggara="BPSDM Provinsi Lampung",
                                jp=rng.choice((8, 16, 24, 32)), tanggal_mulai=start,
                                tanggal_selesai=end, kompetensi=JenisKompetensi.TEKNIS,
                                sumber_anggaran=SumberAnggaran.APBD,
                                asal_kebutuhan=AsalKebutuhan.PROGRAM_INSTANSI, aktif=True,
                                deskripsi="")
                db.session.add(item)
                kegiatan.setdefault(pemda_id, []).append(item)
    db.session.flush()
    catalogue = {pemda: [(k.id, k.jp, k.tanggal_mulai, k.tanggal_selesai, k.bentuk)
                         for k in items] for pemda, items in kegiatan.items()}
    db.session.commit()

    per_person = max(1, round(n_records / len(people)))
    peserta, mandiri, written = [], [], 0
    started = time.perf_counter()
    for pegawai_id, pemda_id in people:
        for _ in range(per_person):
            if written >= n_records:
                break
            written += 1
            if rng.random() < 0.6:
                kid, jp, start, end, _bentuk = rng.choice(catalogue[pemda_id])
                status = rng.choices((StatusPeserta.SELESAI, StatusPeserta.DISETUJUI,
                                      StatusPeserta.DIUSULKAN, StatusPeserta.DITOLAK),
                                     (85, 5, 5, 5))[0]
                done = status == StatusPeserta.SELESAI
                peserta.append({
                    "kegiatan_id": kid, "pegawai_id": pegawai_id, "status": status,
                    "jp_diakui": jp if done else None, "tahun": end.year if done else None,
                    "nomor_sertifikat": f"800/{kid}/BPSDM" if done else None,
                    "selesai_at": now if done else None, "created_at": now, "updated_at": now})
            else:
                end = date(rng.choice(years), rng.randint(1, 12), rng.randint(1, 28))
                status = rng.choices((StatusMandiri.DIVERIFIKASI, StatusMandiri.DIAJUKAN,
                                      StatusMandiri.DITOLAK), (85, 10, 5))[0]
                jp = rng.choice((2, 4, 6, 10, 12))
                done = status == StatusMandiri.DIVERIFIKASI
                mandiri.append({
                    "pegawai_id": pegawai_id, "judul": "E-learning ASN Unggul",
                    "bentuk": BentukKegiatan.E_LEARNING, "penyelenggara": "LAN RI",
                    "kompetensi": JenisKompetensi.TEKNIS, "tanggal_mulai": end,
                    "tanggal_selesai": end, "jp_tertulis": jp, "status": status,
                    "jp_diakui": jp if done else None, "tahun": end.year if done else None,
                    "created_at": now, "updated_at": now})
        for rows, model in ((peserta, PesertaKegiatan), (mandiri, PembelajaranMandiri)):
            if len(rows) >= CHUNK:
                db.session.execute(sa.insert(model.__table__), rows)
                rows.clear()
    for rows, model in ((peserta, PesertaKegiatan), (mandiri, PembelajaranMandiri)):
        if rows:
            db.session.execute(sa.insert(model.__table__), rows)
    db.session.commit()
    print(f"records    {written} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
