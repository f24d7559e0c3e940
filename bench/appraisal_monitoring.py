"""Time the appraisal monitoring page on a demo database of many pegawai (server time, through
the test client): one OPD with its units, the pemda overview (one row per OPD), and the XLSX
download.

    .venv/bin/python bench/appraisal_monitoring.py --pegawai 100000

Builds the demo (organisation, appraisals, peer feedback and keberatan) in a temporary SQLite
file, or in --database-url (must be empty, or --drop-existing)."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import sqlalchemy as sa  # noqa: E402

from bench.demo_data import _create_schema, _drop_everything  # noqa: E402
from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402


def _time(client, url: str, runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pegawai", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--database-url", help="default: SQLite in a temporary directory")
    parser.add_argument("--drop-existing", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        app = create_app({"PORTAL_ENV": "development", "SQLALCHEMY_DATABASE_URI": url,
                          "INSTANCE_PATH": Path(tmp), "SECRET_KEY": "bench-only",
                          "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
        with app.app_context():
            if args.drop_existing:
                _drop_everything()
            _create_schema()
            from portal.demo.org import build_demo_data
            from portal.demo.umpan_balik import build_demo_feedback

            result = build_demo_data(args.pegawai, 2026)
            try:
                from portal.demo.appraisals import build_demo_appraisals
            except ImportError:
                build_demo_appraisals = None
            if build_demo_appraisals is not None:
                build_demo_appraisals(2026, result.logins)
            build_demo_feedback(2026, result.logins)
            db.session.commit()
            from portal.auth.models import RoleAssignment, User
            from portal.core.roles import Role
            from portal.org.models import Opd

            admin_opd = db.session.scalar(
                sa.select(User).join(RoleAssignment).where(RoleAssignment.role == Role.ADMIN_OPD)
                .order_by(User.id).limit(1))
            # the demo city's admin pemda (from demo_feedback) when there, else the first one
            admin_pemda = db.session.scalar(
                sa.select(User).join(RoleAssignment)
                .where(RoleAssignment.role == Role.ADMIN_PEMDA)
                .order_by((User.username == "admin.bandarlampung").desc(), User.id).limit(1))
            opd_id = admin_opd.roles[0].opd_id
            from portal.appraisals.evaluasi.models import Evaluasi
            from portal.org.models import Pegawai

            opd = db.session.get(Opd, opd_id)
            in_opd = db.session.scalar(sa.select(sa.func.count()).where(Pegawai.opd_id == opd_id))
            pemda_id = admin_pemda.roles[0].pemda_id
            in_pemda = db.session.scalar(sa.select(sa.func.count()).select_from(Pegawai).join(Opd)
                                         .where(Opd.pemda_id == pemda_id))
            n_eval = db.session.scalar(sa.select(sa.func.count()).select_from(Evaluasi))
            password = app.config["PORTAL_DEMO_PASSWORD"]
            logins = (admin_opd.username, admin_pemda.username)
        print(f"database   {sa.make_url(url).render_as_string(hide_password=True)}")
        print(f"pegawai    {args.pegawai}; {in_opd} in {opd.nama}, {in_pemda} in the admin "
              f"pemda's pemda; {n_eval} evaluations")
        for username, label, page in (
                (logins[0], "admin OPD page", f"/kinerja/pemantauan?opd={opd_id}"),
                (logins[0], "admin OPD XLSX", f"/kinerja/pemantauan/unduh.xlsx?opd={opd_id}"),
                (logins[1], "pemda overview", "/kinerja/pemantauan")):
            client = app.test_client()
            client.post("/masuk", data={"username": username, "password": password})
            median, worst = _time(client, page, args.runs)
            print(f"{label:16} median {median:7.1f} ms   max {worst:7.1f} ms")


if __name__ == "__main__":
    main()
