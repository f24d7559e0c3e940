"""The portal served by gunicorn from a database of its own, for the tests that need real
processes and real connections (many people at once, a worker killed): a SQLite file in a temp
directory with the settings of ``make run`` (WAL, busy timeout: ``portal/__init__.py``), or a
PostgreSQL database created for the test next to ``PORTAL_TEST_DATABASE_URL``.

Each person is a ``requests.Session`` of its own, so its own cookies and CSRF token."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("PORTAL_TEST_DATABASE_URL", "")
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
TOKEN_RE = re.compile(r'name="form_token" type="hidden" value="([^"]+)"')
RECEIPT_RE = re.compile(r"^/pengaduan/([^/?]+)\?baru=1$")

#: why gunicorn cannot run here, if it cannot (it forks workers: POSIX only)
GUNICORN_MISSING = (
    "gunicorn runs on POSIX systems only" if os.name != "posix" else
    "gunicorn is not installed" if importlib.util.find_spec("gunicorn") is None else None)
#: the backends the tests run on: always SQLite, PostgreSQL where the suite has one
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG_URL.startswith("postgres"), reason="needs PostgreSQL (PORTAL_TEST_DATABASE_URL)"))]

SEED = """
import json, flask_migrate
from portal import create_app
from portal.extensions import db
from tests.factories import build_world, make_pegawai, make_user
from tests.appraisals.factories import make_set_skp, make_year, periode
app = create_app()
with app.app_context():
    flask_migrate.upgrade()
    world = build_world()
    year = make_year(world)
    kasi = world.pegawai["kasi"]
    for i in range(%(staff)d):
        pegawai = make_pegawai(kasi.unit, f"Pegawai Uji {i}", atasan=kasi)
        make_user(f"uji{i}", f"Pegawai Uji {i}", pegawai=pegawai)
        make_set_skp(pegawai, year)
    db.session.commit()
    print(json.dumps({"periode": periode(year).id, "opd": world.opd.id,
                      "password": world.password}))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid: int) -> list[int]:
    """The processes ``pid`` started (gunicorn's workers), read from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
        if ppid == pid:
            found.append(int(stat.parent.name))
    return found


class LiveServer:
    """gunicorn (``workers`` processes × ``threads`` threads) over a freshly migrated database
    holding the test world and ``staff`` pegawai ``uji0``… with a set SKP each."""

    def __init__(self, database_url: str, instance: Path, *, staff: int, workers: int,
                 threads: int) -> None:
        self.url, self.instance, self.workers = database_url, instance, workers
        self.uploads = instance / "uploads" / "pengaduan"
        self.env = {**os.environ, "PORTAL_ENV": "development", "PORTAL_DATABASE_URL": database_url,
                    "PORTAL_SECRET_KEY": "uji-konkurensi", "PORTAL_INSTANCE_PATH": str(instance),
                    "PORTAL_UPLOAD_DIR": str(instance / "uploads"),
                    "PORTAL_COMPLAINT_MIN_SECONDS": "0", "PORTAL_RATELIMIT_ENABLED": "false",
                    "PORTAL_PUBLIC_STAMP_SECONDS": "0"}
        out = subprocess.run([sys.executable, "-c", SEED % {"staff": staff}], env=self.env,
                             cwd=ROOT, check=True, capture_output=True, text=True)
        self.seed = json.loads(out.stdout.strip().splitlines()[-1])
        self.base = f"http://127.0.0.1:{free_port()}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--threads",
             str(threads), "--worker-class", "gthread", "--bind", self.base[len("http://"):],
             "--log-level", "warning", "--graceful-timeout", "5", "portal:create_app()"],
            env=self.env, cwd=ROOT)
        import requests

        for _ in range(300):  # the workers take a moment to boot
            try:
                if requests.get(self.base + "/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        self.stop()
        pytest.fail("gunicorn did not start")

    def worker_pids(self) -> list[int]:
        return children(self.process.pid)

    def wait_for_workers(self) -> None:
        """After a worker died: until the master has started its replacement and it answers."""
        import requests

        for _ in range(300):
            if len(self.worker_pids()) == self.workers:
                try:
                    if requests.get(self.base + "/healthz", timeout=2).status_code == 200:
                        return
                except requests.RequestException:
                    pass
            time.sleep(0.1)
        pytest.fail("gunicorn did not replace the killed worker")

    @contextmanager
    def connect(self) -> Iterator[sa.Connection]:
        engine = sa.create_engine(self.url.replace("postgresql://", "postgresql+psycopg://", 1))
        try:
            with engine.connect() as conn:
                yield conn
        finally:
            engine.dispose()

    def flask(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "flask", "--app", "portal:create_app",
                               *args], env=self.env, cwd=ROOT, capture_output=True, text=True)

    def stop(self) -> None:
        # SIGQUIT: gunicorn's quick shutdown (SIGTERM waits out the graceful timeout)
        self.process.send_signal(signal.SIGQUIT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@contextmanager
def live_server(backend: str, tmp_path: Path, *, staff: int = 0, workers: int = 2,
                threads: int = 10) -> Iterator[LiveServer]:
    """A LiveServer on ``backend`` ("sqlite" or "postgresql"), removed again afterwards.
    Skips the test where gunicorn cannot run."""
    if GUNICORN_MISSING:
        pytest.skip(GUNICORN_MISSING)
    instance = tmp_path / "instance"
    instance.mkdir()
    if backend == "sqlite":
        server = LiveServer(f"sqlite:///{instance / 'portal.db'}", instance, staff=staff,
                            workers=workers, threads=threads)
        try:
            yield server
        finally:
            server.stop()
        return
    name = f"portal_live_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    server = None
    try:
        server = LiveServer(PG_URL.rsplit("/", 1)[0] + "/" + name, instance, staff=staff,
                            workers=workers, threads=threads)
        yield server
    finally:
        if server is not None:
            server.stop()
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# -- what people send ------------------------------------------------------------------------

def photo(size: tuple[int, int] = (32, 24)) -> bytes:
    """A JPEG; a large one is noise, so it stays large and takes the server a while to
    re-encode."""
    image = (Image.new("RGB", size, (10, 120, 200)) if size[0] * size[1] < 10_000 else
             Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"
       b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def complaint_form(session, base: str, opd_id: int, judul: str, *,
                   isi: str | None = None) -> dict:
    """Open the complaint form and fill it in: the fields to send, with this form's CSRF and
    form token (the token makes a second send of the same form give the same receipt)."""
    page = session.get(base + "/pengaduan/baru", timeout=60).text
    return {"csrf_token": CSRF_RE.search(page).group(1),
            "form_token": TOKEN_RE.search(page).group(1), "jenis": "pengaduan",
            "opd_id": str(opd_id), "layanan_id": "0", "wilayah_id": "0", "judul": judul,
            "identitas": "anonim", "persetujuan": "y",
            "isi": isi or f"{judul}: antrean loket terlalu lama dan tidak tertib setiap pagi."}


def send_complaint(session, base: str, data: dict, files: list[tuple[str, bytes, str]] = ()):
    return session.post(base + "/pengaduan/baru", data=data, allow_redirects=False, timeout=60,
                        files=[("lampiran", f) for f in files] or None)


def receipt(response) -> str | None:
    """The tracking code a filing answered with (its 303 to the receipt page), if any."""
    match = RECEIPT_RE.match(response.headers.get("Location", "")) if (
        response.status_code == 303) else None
    return match.group(1) if match else None
