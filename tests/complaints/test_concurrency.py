"""Integrity under load: 50 citizens file at once against gunicorn and PostgreSQL. Every
accepted submission is stored exactly once with its file, a double click files one complaint,
and every refused one says why. Runs where the suite runs on PostgreSQL (CI's second pass)."""

from __future__ import annotations

import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
BASE_URL = os.environ.get("PORTAL_TEST_DATABASE_URL", "")
pytestmark = pytest.mark.skipif(not BASE_URL.startswith("postgres"),
                                reason="needs PostgreSQL (PORTAL_TEST_DATABASE_URL)")
CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
TOKEN_RE = re.compile(r'name="form_token" type="hidden" value="([^"]+)"')
SUBMITTERS = int(os.environ.get("UJI_SUBMITTERS", "50"))

SEED = """
from portal import create_app
from portal.extensions import db
from tests.factories import build_world
import flask_migrate
app = create_app()
with app.app_context():
    flask_migrate.upgrade()
    world = build_world()
    db.session.commit()
    print(world.opd.id)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A fresh database and a 4-worker gunicorn serving the portal from it."""
    name = f"portal_conc_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(BASE_URL.replace("postgresql://", "postgresql+psycopg://", 1),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = BASE_URL.rsplit("/", 1)[0] + "/" + name
    instance = tmp_path_factory.mktemp("conc")
    env = {**os.environ, "PORTAL_ENV": "development", "PORTAL_DATABASE_URL": url,
           "PORTAL_SECRET_KEY": "uji-konkurensi", "PORTAL_INSTANCE_PATH": str(instance),
           "PORTAL_UPLOAD_DIR": str(instance / "uploads"), "PORTAL_COMPLAINT_MIN_SECONDS": "0",
           "PORTAL_COMPLAINT_LIMIT": "10000 per minute"}
    opd_id = subprocess.run([sys.executable, "-c", SEED], env=env, cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.strip().splitlines()[-1]
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "4", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "portal:create_app()"],
        env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    import requests

    try:
        for _ in range(150):  # the workers take a moment to boot
            try:
                if requests.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start")
        yield base, url, int(opd_id), instance / "uploads"
    finally:
        # SIGQUIT: gunicorn's quick shutdown (SIGTERM waits for its graceful timeout); on a
        # busy machine give it time, then insist
        process.send_signal(signal.SIGQUIT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (10, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def _submit(base: str, opd_id: int, n: int) -> list[tuple[int, str, str]]:
    """One citizen: open the form, then send it (twice at once for every fifth: a double
    click; too short a text for every seventh). Returns (status, location or body, token)."""
    import requests

    session = requests.Session()
    page = session.get(base + "/pengaduan/baru", timeout=30).text
    csrf, token = CSRF_RE.search(page).group(1), TOKEN_RE.search(page).group(1)
    data = {"csrf_token": csrf, "form_token": token, "jenis": "pengaduan",
            "opd_id": str(opd_id), "layanan_id": "0", "wilayah_id": "0",
            "judul": f"Laporan uji beban nomor {n}", "identitas": "anonim", "persetujuan": "y",
            "isi": "Terlalu pendek." if n % 7 == 3 else
            f"Laporan uji beban nomor {n}: antrean loket terlalu lama dan tidak tertib."}
    sends = 2 if n % 5 == 0 else 1

    def send(_):
        response = session.post(base + "/pengaduan/baru", data=data,
                                files={"lampiran": (f"foto{n}.jpg", _photo(), "image/jpeg")},
                                allow_redirects=False, timeout=60)
        return response.status_code, response.headers.get("Location") or response.text, token

    with ThreadPoolExecutor(max_workers=sends) as pool:
        return list(pool.map(send, range(sends)))


def test_fifty_concurrent_submitters(server):
    base, url, opd_id, uploads = server
    with ThreadPoolExecutor(max_workers=SUBMITTERS) as pool:
        results = [r for batch in pool.map(lambda n: _submit(base, opd_id, n),
                                           range(SUBMITTERS)) for r in batch]
    accepted = [(loc, token) for status, loc, token in results if status == 303]
    refused = [body for status, body, _token in results if status != 303]
    # every refusal says why, next to the field
    assert refused and all(status == 200 for status, _b, _t in results if status != 303)
    assert all("Tulisan Anda harus" in body for body in refused)
    # a double click gives the same receipt twice
    by_token: dict[str, set[str]] = {}
    for location, token in accepted:
        by_token.setdefault(token, set()).add(location.split("?")[0])
    assert all(len(locations) == 1 for locations in by_token.values())
    expected = len([n for n in range(SUBMITTERS) if n % 7 != 3])
    assert len(by_token) == expected

    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        stored = conn.execute(sa.text(
            "SELECT p.kode_lacak, count(l.id), min(l.kunci_simpan) FROM pengaduan p "
            "LEFT JOIN lampiran_pengaduan l ON l.pengaduan_id = p.id GROUP BY p.kode_lacak"
        )).all()
    engine.dispose()
    assert len(stored) == expected  # stored exactly once each
    codes = {location.rsplit("/", 1)[-1] for locations in by_token.values()
             for location in locations}
    assert {row[0] for row in stored} == codes
    for _code, files, key in stored:
        assert files == 1 and (uploads / "pengaduan" / key).is_file()
