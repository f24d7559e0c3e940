"""Issue 12: many people writing at once, and a server process killed in the middle.

- Twenty staff at once, against gunicorn (two worker processes, four threads each) on the
  embedded SQLite of ``make run`` and, where the suite runs on PostgreSQL (CI's second pass), on
  PostgreSQL: each signs in, starts an evaluation, autosaves it five times, submits it and files
  a complaint. No answer is a 5xx, and every accepted write is stored exactly once: one
  evaluation per person, submitted, holding the last text autosaved; one complaint per filing.
- kill -9 of a worker while citizens file complaints with photos: afterwards every complaint
  has its file, ``flask complaints clean-files`` removes the files no complaint names, and a
  citizen whose filing got no receipt files again and gets one.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("PORTAL_TEST_DATABASE_URL", "")
STAFF = 20
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
TOKEN_RE = re.compile(r'name="form_token" type="hidden" value="([^"]+)"')
REVISI_RE = re.compile(r'name="revisi"[^>]*value="(\d+)"')
REALISASI_RE = re.compile(r'name="(realisasi_\d+)"')

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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A fresh database seeded with the test world and twenty staff, served by gunicorn."""

    def __init__(self, database_url: str, instance: Path) -> None:
        self.url, self.instance = database_url, instance
        self.env = {**os.environ, "PORTAL_ENV": "development", "PORTAL_DATABASE_URL": database_url,
                    "PORTAL_SECRET_KEY": "uji-konkurensi", "PORTAL_INSTANCE_PATH": str(instance),
                    "PORTAL_UPLOAD_DIR": str(instance / "uploads"),
                    "PORTAL_COMPLAINT_MIN_SECONDS": "0", "PORTAL_RATELIMIT_ENABLED": "false",
                    "PORTAL_PUBLIC_STAMP_SECONDS": "0"}
        out = subprocess.run([sys.executable, "-c", SEED % {"staff": STAFF}], env=self.env,
                             cwd=ROOT, check=True, capture_output=True, text=True)
        self.seed = json.loads(out.stdout.strip().splitlines()[-1])
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", "2", "--threads", "4",
             "--worker-class", "gthread", "--bind", f"127.0.0.1:{self.port}",
             "--log-level", "warning", "--graceful-timeout", "5", "portal:create_app()"],
            env=self.env, cwd=ROOT)
        import requests

        for _ in range(200):  # the workers take a moment to boot
            try:
                if requests.get(self.base + "/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        self.stop()
        pytest.fail("gunicorn did not start")

    def workers(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True,
                             text=True).stdout
        return [int(pid) for pid in out.split()]

    def engine(self) -> sa.Engine:
        return sa.create_engine(self.url.replace("postgresql://", "postgresql+psycopg://", 1))

    def flask(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "flask", "--app", "portal:create_app",
                               *args], env=self.env, cwd=ROOT, capture_output=True, text=True)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGQUIT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG_URL.startswith("postgres"), reason="needs PostgreSQL (PORTAL_TEST_DATABASE_URL)"))]


@pytest.fixture(params=BACKENDS)
def server(request, tmp_path):
    if request.param == "sqlite":
        instance = tmp_path / "instance"
        instance.mkdir()
        srv = Server(f"sqlite:///{instance / 'portal.db'}", instance)
        yield srv
        srv.stop()
        return
    name = f"portal_conc_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    srv = None
    try:
        srv = Server(PG_URL.rsplit("/", 1)[0] + "/" + name, tmp_path)
        yield srv
    finally:
        if srv is not None:
            srv.stop()
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (10, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def _file_complaint(session, base: str, opd_id: int, judul: str, photo: bool = False):
    page = session.get(base + "/pengaduan/baru", timeout=60).text
    data = {"csrf_token": CSRF_RE.search(page).group(1),
            "form_token": TOKEN_RE.search(page).group(1), "jenis": "pengaduan",
            "opd_id": str(opd_id), "layanan_id": "0", "wilayah_id": "0", "judul": judul,
            "identitas": "anonim", "persetujuan": "y",
            "isi": f"{judul}: antrean loket terlalu lama dan tidak tertib setiap pagi."}
    files = {"lampiran": ("foto.jpg", _photo(), "image/jpeg")} if photo else None
    return session.post(base + "/pengaduan/baru", data=data, files=files,
                        allow_redirects=False, timeout=60)


def _one_person(base: str, seed: dict, i: int) -> tuple[list[int], str | None]:
    """Sign in, start the evaluation, autosave five times, submit, file a complaint. Returns
    every status seen and the last text autosaved."""
    import requests

    session, seen = requests.Session(), []

    def note(response):
        seen.append(response.status_code)
        return response

    page = note(session.get(base + "/masuk", timeout=60)).text
    note(session.post(base + "/masuk", allow_redirects=False, timeout=60, data={
        "csrf_token": CSRF_RE.search(page).group(1), "username": f"uji{i}",
        "password": seed["password"]}))
    csrf = CSRF_RE.search(note(session.get(base + "/kinerja", timeout=60)).text).group(1)
    started = note(session.post(f"{base}/kinerja/periode/{seed['periode']}/evaluasi",
                                data={"csrf_token": csrf}, allow_redirects=False, timeout=60))
    url = base + started.headers["Location"]
    page = note(session.get(url, timeout=60)).text
    revisi, field = REVISI_RE.search(page).group(1), REALISASI_RE.search(page).group(1)
    text = None
    for step in range(5):
        text = f"{90 + step} persen, langkah {step} dari pegawai {i}"
        saved = note(session.post(url + "/autosave", timeout=60, headers={"HX-Request": "true"},
                                  data={"csrf_token": csrf, "revisi": revisi, field: text,
                                        "penilaian_diri": f"Penilaian diri {i}."}))
        if match := REVISI_RE.search(saved.text):
            revisi = match.group(1)
    note(session.post(url, allow_redirects=False, timeout=60, data={
        "csrf_token": csrf, "revisi": revisi, field: text, "penilaian_diri": f"Penilaian diri {i}.",
        "aksi": "ajukan"}))
    note(_file_complaint(session, base, seed["opd"], f"Laporan pegawai uji {i}"))
    return seen, text


def test_twenty_people_writing_at_once(server):
    with ThreadPoolExecutor(max_workers=STAFF) as pool:
        results = list(pool.map(lambda i: _one_person(server.base, server.seed, i), range(STAFF)))
    statuses = [code for seen, _text in results for code in seen]
    assert not [code for code in statuses if code >= 500], statuses
    engine = server.engine()
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT u.username, e.status, r.realisasi, count(*) OVER (PARTITION BY e.pegawai_id) "
            "FROM evaluasi e JOIN user_account u ON u.pegawai_id = e.pegawai_id "
            "JOIN realisasi_indikator r ON r.evaluasi_id = e.id "
            "WHERE u.username LIKE 'uji%'")).all()
        complaints = conn.execute(sa.text(
            "SELECT judul, count(*) FROM pengaduan GROUP BY judul")).all()
    engine.dispose()
    by_user = {username: (status, realisasi, n) for username, status, realisasi, n in rows}
    assert len(by_user) == STAFF
    for i, (_seen, last_text) in enumerate(results):
        status, realisasi, copies = by_user[f"uji{i}"]
        assert (status, realisasi, copies) == ("diajukan", last_text, 1)
    assert sorted(complaints) == sorted((f"Laporan pegawai uji {i}", 1) for i in range(STAFF))


@pytest.mark.parametrize("server", ["sqlite"], indirect=True)
def test_a_worker_killed_mid_filing_leaves_nothing_half_done(server):
    import requests

    results: list[tuple[str, int | None]] = []
    lock = threading.Lock()

    def citizen(n: int) -> None:
        for attempt in range(3):
            judul = f"Laporan warga {n} ke-{attempt}"
            try:
                status = _file_complaint(requests.Session(), server.base, server.seed["opd"],
                                         judul, photo=True).status_code
            except requests.RequestException:
                status = None  # the connection died with the worker: no receipt
            with lock:
                results.append((judul, status))

    with ThreadPoolExecutor(max_workers=10) as pool:
        futures = [pool.submit(citizen, n) for n in range(10)]
        time.sleep(0.3)  # filings in flight
        victim = server.workers()[0]
        os.kill(victim, signal.SIGKILL)
        for future in futures:
            future.result()
    assert not [s for _j, s in results if s is not None and s >= 500], results

    # a citizen whose filing got no receipt files again, and gets one
    for _ in range(100):  # the master starts a new worker
        if len(server.workers()) == 2:
            break
        time.sleep(0.1)
    again = _file_complaint(requests.Session(), server.base, server.seed["opd"],
                            "Laporan ulang warga tanpa tanda terima", photo=True)
    assert again.status_code == 303

    engine = server.engine()
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT p.judul, l.kunci_simpan FROM pengaduan p "
            "LEFT JOIN lampiran_pengaduan l ON l.pengaduan_id = p.id")).all()
    engine.dispose()
    uploads = server.instance / "uploads" / "pengaduan"
    # no complaint without its file
    assert all(key is not None and (uploads / key).is_file() for _judul, key in rows), rows
    accepted = {judul for judul, status in results if status == 303}
    assert accepted <= {judul for judul, _key in rows}
    # no file without its complaint, once the cleaning command has run
    cleaned = server.flask("complaints", "clean-files", "--older-than", "0")
    assert cleaned.returncode == 0, cleaned.stderr
    keys = {key for _judul, key in rows}
    left = {path.name for path in uploads.iterdir() if path.is_file()}
    assert left == keys
