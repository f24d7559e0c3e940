"""Issue 12: many people writing at once, and a server process killed in the middle; against
gunicorn (2 worker processes × 10 threads, so twenty requests really run at once) on the
embedded SQLite of ``make run`` and, where the suite runs on PostgreSQL (CI's second pass), on
PostgreSQL (``tests/live_server.py``).

- Twenty staff at once: each signs in, starts an evaluation, then, all together, autosaves it
  five times, submits it and files a complaint. No answer is a 5xx, and every accepted write is
  stored exactly once: one evaluation per person, submitted once, holding the last text
  autosaved; one complaint per filing, under the tracking code its receipt gave.
- Fifty citizens file with photos at once, every fifth with a double click, every seventh with
  too short a text: one complaint per form with its file, the same receipt for both clicks, and
  every refusal says why.
- kill -9 of a worker while citizens file complaints with a photo and a PDF: the citizen whose
  send got no answer sends the same form again and gets a receipt; afterwards every complaint
  is stored once with both its files, and ``flask complaints clean-files`` leaves no file that
  no complaint names.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.live_server import (
    BACKENDS,
    CSRF_RE,
    PDF,
    complaint_form,
    live_server,
    photo,
    receipt,
    send_complaint,
)

STAFF = 20
CITIZENS = int(os.environ.get("UJI_SUBMITTERS", "50"))
REVISI_RE = re.compile(r'name="revisi"[^>]*value="(\d+)"')
REALISASI_RE = re.compile(r'name="(realisasi_\d+)"')


@pytest.fixture(scope="module", params=BACKENDS)
def server(request, tmp_path_factory):
    with live_server(request.param, tmp_path_factory.mktemp(request.param),
                     staff=STAFF) as srv:
        yield srv


def _one_person(base: str, seed: dict, i: int, together: threading.Barrier) -> dict:
    """Sign in and start the evaluation; then, once everyone has, autosave five times, submit
    and file a complaint. Returns every status seen, the last text autosaved, the receipt."""
    import requests

    session, seen = requests.Session(), []

    def note(response):
        seen.append(response.status_code)
        return response

    try:
        page = note(session.get(base + "/masuk", timeout=60)).text
        note(session.post(base + "/masuk", allow_redirects=False, timeout=60, data={
            "csrf_token": CSRF_RE.search(page).group(1), "username": f"uji{i}",
            "password": seed["password"]}))
        csrf = CSRF_RE.search(note(session.get(base + "/kinerja", timeout=60)).text).group(1)
        started = note(session.post(f"{base}/kinerja/periode/{seed['periode']}/evaluasi",
                                    data={"csrf_token": csrf}, allow_redirects=False,
                                    timeout=60))
        url = base + started.headers["Location"]
        page = note(session.get(url, timeout=60)).text
        revisi, field = REVISI_RE.search(page).group(1), REALISASI_RE.search(page).group(1)
        form = complaint_form(session, base, seed["opd"], f"Laporan pegawai uji {i}")
    except BaseException:
        together.abort()
        raise
    together.wait()
    text = None
    for step in range(5):
        text = f"{90 + step} persen, langkah {step} dari pegawai {i}"
        saved = note(session.post(url + "/autosave", timeout=60, headers={"HX-Request": "true"},
                                  data={"csrf_token": csrf, "revisi": revisi, field: text,
                                        "penilaian_diri": f"Penilaian diri {i}."}))
        if match := REVISI_RE.search(saved.text):
            revisi = match.group(1)
    submitted = note(session.post(url, allow_redirects=False, timeout=60, data={
        "csrf_token": csrf, "revisi": revisi, field: text, "penilaian_diri": f"Penilaian diri {i}.",
        "aksi": "ajukan"}))
    filed = note(send_complaint(session, base, form))
    return {"seen": seen, "text": text, "submitted": submitted.status_code,
            "code": receipt(filed)}


def test_twenty_staff_writing_at_once(server):
    together = threading.Barrier(STAFF, timeout=120)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=STAFF) as pool:
        results = list(pool.map(lambda i: _one_person(server.base, server.seed, i, together),
                                range(STAFF)))
    elapsed = time.monotonic() - started
    statuses = [code for result in results for code in result["seen"]]
    assert not [code for code in statuses if code >= 500], statuses
    assert all(r["submitted"] == 303 and r["code"] for r in results), results
    with server.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT u.username, e.id, e.status, r.realisasi FROM evaluasi e "
            "JOIN user_account u ON u.pegawai_id = e.pegawai_id "
            "JOIN realisasi_indikator r ON r.evaluasi_id = e.id "
            "WHERE u.username LIKE 'uji%'")).all()
        submissions = dict(conn.execute(sa.text(
            "SELECT object_id, count(*) FROM audit_entry WHERE object_type = 'evaluasi' "
            "AND action = 'diajukan' GROUP BY object_id")).all())
        complaints = conn.execute(sa.text(
            "SELECT judul, kode_lacak FROM pengaduan WHERE judul LIKE 'Laporan pegawai uji %'"
        )).all()
    by_user: dict[str, list] = {}
    for username, evaluasi_id, status, realisasi in rows:
        by_user.setdefault(username, []).append((evaluasi_id, status, realisasi))
    assert len(by_user) == STAFF
    for i, result in enumerate(results):
        [(evaluasi_id, status, realisasi)] = by_user[f"uji{i}"]  # one evaluation, one row
        assert (status, realisasi) == ("diajukan", result["text"])
        assert submissions[evaluasi_id] == 1
    # one complaint per filing, each under the code its receipt showed
    assert sorted(complaints) == sorted((f"Laporan pegawai uji {i}", r["code"])
                                        for i, r in enumerate(results))
    print(f"\n{STAFF} staff, {len(statuses)} requests in {elapsed:.1f} s")


def _citizen(base: str, opd_id: int, n: int) -> list[tuple[int, str, str]]:
    """One citizen: open the form, then send it (twice at once for every fifth: a double
    click; too short a text for every seventh). Returns (status, location or body, token)."""
    import requests

    session = requests.Session()
    data = complaint_form(session, base, opd_id, f"Laporan uji beban nomor {n}",
                          isi="Terlalu pendek." if n % 7 == 3 else None)
    sends = 2 if n % 5 == 0 else 1

    def send(_):
        response = send_complaint(session, base, data, [(f"foto{n}.jpg", photo(), "image/jpeg")])
        return (response.status_code, response.headers.get("Location") or response.text,
                data["form_token"])

    with ThreadPoolExecutor(max_workers=sends) as pool:
        return list(pool.map(send, range(sends)))


def test_fifty_citizens_filing_at_once(server):
    with ThreadPoolExecutor(max_workers=CITIZENS) as pool:
        results = [r for batch in pool.map(lambda n: _citizen(server.base, server.seed["opd"], n),
                                           range(CITIZENS)) for r in batch]
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
    expected = len([n for n in range(CITIZENS) if n % 7 != 3])
    assert len(by_token) == expected

    with server.connect() as conn:
        stored = conn.execute(sa.text(
            "SELECT p.kode_lacak, count(l.id), min(l.kunci_simpan) FROM pengaduan p "
            "LEFT JOIN lampiran_pengaduan l ON l.pengaduan_id = p.id "
            "WHERE p.judul LIKE 'Laporan uji beban nomor %' GROUP BY p.kode_lacak")).all()
    assert len(stored) == expected  # stored exactly once each
    codes = {location.rsplit("/", 1)[-1] for locations in by_token.values()
             for location in locations}
    assert {row[0] for row in stored} == codes
    for _code, files, key in stored:
        assert files == 1 and (server.uploads / key).is_file()


KILL_CITIZENS, KILL_FILINGS = 10, 4


def test_a_worker_killed_mid_filing_leaves_nothing_half_done(server):
    import requests

    big = photo((1200, 900))  # about 1 MB of noise: re-encoding it keeps the workers busy
    files = [("foto.jpg", big, "image/jpeg"), ("surat.pdf", PDF, "application/pdf")]
    receipts: dict[str, str | None] = {}
    statuses: list[int] = []
    lost: list[str] = []
    lock = threading.Lock()

    def citizen(n: int) -> None:
        session = requests.Session()
        for k in range(KILL_FILINGS):
            judul, data = f"Laporan warga {n} ke-{k}", None
            for _attempt in range(5):
                try:
                    data = data or complaint_form(session, server.base, server.seed["opd"],
                                                  judul)
                    response = send_complaint(session, server.base, data, files)
                except requests.RequestException:
                    # the worker died under the request: no receipt, so the citizen sends the
                    # same form again (as the browser's "try again" does)
                    with lock:
                        lost.append(judul)
                    continue
                with lock:
                    statuses.append(response.status_code)
                    receipts[judul] = receipt(response)
                break

    with ThreadPoolExecutor(max_workers=KILL_CITIZENS) as pool:
        futures = [pool.submit(citizen, n) for n in range(KILL_CITIZENS)]
        for _ in range(600):  # filings under way: the first receipts are back
            if len(receipts) >= 3:
                break
            time.sleep(0.02)
        os.kill(server.worker_pids()[0], signal.SIGKILL)
        for future in futures:
            future.result()
    server.wait_for_workers()

    assert lost, "the kill hit no filing in flight"
    assert not [s for s in statuses if s >= 500], statuses
    every = {f"Laporan warga {n} ke-{k}" for n in range(KILL_CITIZENS)
             for k in range(KILL_FILINGS)}
    # every citizen got a receipt in the end, those whose send was lost included
    assert set(receipts) == every and all(receipts.values()), receipts

    with server.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT p.judul, p.kode_lacak, l.kunci_simpan, l.sha256 FROM pengaduan p "
            "LEFT JOIN lampiran_pengaduan l ON l.pengaduan_id = p.id "
            "WHERE p.judul LIKE 'Laporan warga %'")).all()
        every_key = set(conn.scalars(sa.text("SELECT kunci_simpan FROM lampiran_pengaduan")))
    by_judul: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for judul, kode, key, sha in rows:
        by_judul.setdefault((judul, kode), []).append((key, sha))
    # each filing stored once, under the code its receipt showed (a lost send included)
    assert sorted(by_judul) == sorted(receipts.items())
    # no complaint without its files, and each file whole
    for stored in by_judul.values():
        assert len(stored) == 2 and all(key is not None for key, _sha in stored), stored
        for key, sha in stored:
            assert hashlib.sha256((server.uploads / key).read_bytes()).hexdigest() == sha

    # no file without its complaint, once the cleaning command has run: a day on, so the
    # uploads the killed requests had staged are past their age too
    day_ago = time.time() - 25 * 3600
    for path in _files(server.uploads / "staged"):
        os.utime(path, (day_ago, day_ago))
    cleaned = server.flask("complaints", "clean-files", "--older-than", "0")
    assert cleaned.returncode == 0, cleaned.stderr
    assert {path.name for path in _files(server.uploads)} == every_key
    assert not _files(server.uploads / "staged")
    print(f"\n{len(lost)} of {len(every)} filings lost their connection; {cleaned.stdout.strip()}")


def _files(directory: Path) -> list[Path]:
    return [path for path in directory.iterdir() if path.is_file()] if directory.is_dir() else []
