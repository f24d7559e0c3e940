"""Time the demo data builder on a fresh, empty database.

    .venv/bin/python bench/demo_data.py --pegawai 100000
    .venv/bin/python bench/demo_data.py --pegawai 100000 \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench --drop-existing

Without --database-url it uses a SQLite file in a temporary directory, removed afterwards. A given
database must be empty, or --drop-existing drops every table in it first.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import sqlalchemy as sa  # noqa: E402

from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pegawai", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database-url", help="default: SQLite in a temporary directory")
    parser.add_argument("--drop-existing", action="store_true",
                        help="drop every table of the given database first")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        run(url, Path(tmp), args.pegawai, args.seed, args.drop_existing)


def run(url: str, instance: Path, n_pegawai: int, seed: int, drop_existing: bool) -> None:
    app = create_app({"PORTAL_ENV": "development", "SQLALCHEMY_DATABASE_URI": url,
                      "INSTANCE_PATH": instance, "SECRET_KEY": "bench-only"})
    with app.app_context():
        if drop_existing:
            _drop_everything()
        _create_schema()
        from portal.demo.org import build_demo_data

        started = time.perf_counter()
        result = build_demo_data(n_pegawai, seed)
        built = time.perf_counter()
        db.session.commit()
        done = time.perf_counter()

    elapsed = done - started
    print(f"database   {sa.make_url(url).render_as_string(hide_password=True)}")
    print("created    " + ", ".join(f"{n} {table}" for table, n in result.counts.items()))
    print(f"build      {built - started:8.1f} s")
    print(f"commit     {done - built:8.1f} s")
    print(f"elapsed    {elapsed:8.1f} s")
    print(f"rate       {n_pegawai / elapsed:8.0f} pegawai/s")
    print(f"peak RSS   {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:8.0f} MiB")


def _create_schema() -> None:
    """Through the migrations when there are any, so the benchmark sees the real schema."""
    if sa.inspect(db.engine).get_table_names():
        raise SystemExit("The database is not empty; use a fresh one or --drop-existing.")
    if any((PROJECT_ROOT / "migrations" / "versions").glob("*.py")):
        from flask_migrate import upgrade

        upgrade()
    else:
        db.create_all()


def _drop_everything() -> None:
    """Every table, including ones the current models no longer know and alembic_version."""
    existing = sa.MetaData()
    existing.reflect(db.engine)
    existing.drop_all(db.engine)


if __name__ == "__main__":
    main()
