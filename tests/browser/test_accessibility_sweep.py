"""axe-core on every public page and the main pages of every role, in Indonesian and English, at
phone width (360 px) and desktop width (1280 px): any violation fails the test.

The portal is served with the full demo data (the data a newcomer sees on `make run`), so the wide
tables, charts, desks and queues are filled as in real use. axe-core is vendored and pinned
(`make vendor-axe`); it is evaluated by the test driver, so the site's Content-Security-Policy is
never relaxed for it. Each page's <title> is checked on the way: one line of words, no markup."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from portal import create_app
from portal.complaints.models import Pengaduan, StatusPengaduan
from portal.demo.cli import demo_data_command
from portal.extensions import db
from portal.org.models import Opd

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "vendor" / "axe-4.14.1.min.js").read_text(encoding="utf-8")
WIDTHS = (360, 1280)
LANGUAGES = ("id", "en")
SITE = "Portal Kinerja ASN"

#: besides the page each role lands on after signing in: the pages of its daily work
ROLE_PAGES = {
    "admin_pemda": ["/kinerja/pemantauan", "/kelola/rapor", "/kelola/opd"],
    "koordinator_pengaduan": ["/meja/koordinator"],
    "admin_opd": ["/kinerja/pemantauan", "/pembinaan/kelola", "/pembinaan/kelola/kegiatan",
                  "/pembinaan/kelola/rencana", "/pembinaan/kelola/suara",
                  "/pembinaan/kelola/pemetaan", "/kelola/capaian"],
    "petugas_pengaduan": ["/meja/opd"],
    "pegawai": ["/kinerja", "/pembinaan/kompetensi", "/pembinaan/rencana", "/notifikasi"],
    "pejabat_penilai": ["/kinerja/penilaian", "/pembinaan/rencana"],
    "rekan_kerja": ["/kinerja/umpan-balik/masuk"],
    "atasan_pejabat_penilai": ["/kinerja/keberatan"],
}
#: a queue's first item is opened too: the page the work is done on
FOLLOW = {"/meja/koordinator": "main a[href^='/meja/pengaduan/']",
          "/meja/opd": "main a[href^='/meja/pengaduan/']",
          "/kinerja/penilaian": "main a[href^='/kinerja/penilaian/']",
          "/kinerja": "main a[href^='/kinerja/evaluasi/']",
          "/pembinaan/rencana": "main a[href^='/pembinaan/rencana/']",
          "/pembinaan/kelola/suara": "main a[href*='/rencana?sumber=']"}


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory) -> Iterator[dict]:
    instance = tmp_path_factory.mktemp("demo")
    app = create_app({"PORTAL_ENV": "testing", "INSTANCE_PATH": instance,
                      "PORTAL_UPLOAD_DIR": instance / "uploads",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'demo.db'}"})
    with app.app_context():
        flask_migrate.upgrade()
        result = app.test_cli_runner().invoke(demo_data_command, ["--pegawai", "150"])
        assert result.exit_code == 0, result.output
        logins = json.loads((instance / "demo-logins.json").read_text(encoding="utf-8"))
        opd = db.session.scalar(sa.select(Opd.slug).where(Opd.slug.like("disdukcapil-kota-b%")))
        routed = db.session.scalars(sa.select(Pengaduan).where(
            Pengaduan.status == StatusPengaduan.DIDISPOSISIKAN).order_by(Pengaduan.id)).first()
        tracked = {"opd": opd, "kode": routed.kode_lacak}
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"base": f"http://127.0.0.1:{server.server_port}", "logins": logins, **tracked}
    server.shutdown()
    thread.join(timeout=5)


def public_pages(demo: dict) -> list[str]:
    return ["/", "/instansi", f"/instansi/{demo['opd']}", "/instansi?q=dinas", "/data",
            "/metodologi", "/survei", "/pengaduan", "/pengaduan/baru", "/pengaduan/lacak",
            f"/pengaduan/{demo['kode']}", "/privasi", "/masuk", "/halaman-yang-tidak-ada"]


def problems_on(page, url: str, language: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state()
    found = []
    title = page.title()
    name, _, site = title.rpartition(" · ")
    if "<" in title or "\n" in title or not name.strip() or site != SITE:
        found.append(f"title {title!r}")
    if page.get_attribute("html", "lang") != language:
        found.append(f"lang={page.get_attribute('html', 'lang')!r}")
    page.evaluate(AXE)
    violations = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ["violations"]});
        return result.violations.map(v => v.id + " (" + v.impact + "): "
            + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
    }""")
    return found + violations


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_passes_axe(demo_server, browser, width, language):
    demo, base = demo_server, demo_server["base"]
    report = []

    def context():
        ctx = browser.new_context(viewport={"width": width, "height": 800})
        ctx.add_cookies([{"name": "bahasa", "value": language, "url": base}])
        page = ctx.new_page()
        page.set_default_timeout(15_000)
        return ctx, page

    ctx, page = context()
    for path in public_pages(demo):
        report += [f"{path}: {p}" for p in problems_on(page, base + path, language)]
    ctx.close()
    seen = set()
    for login in demo["logins"]:
        ctx, page = context()
        sign_in_as(page, base, login)
        landing = page.url.removeprefix(base)
        todo = [landing, *ROLE_PAGES[login["role"]]]
        while todo:
            path = todo.pop(0)
            if path in seen:
                continue
            seen.add(path)
            report += [f"{path} ({login['role']}): {p}"
                       for p in problems_on(page, base + path, language)]
            if path in FOLLOW and (first := page.locator(FOLLOW[path]).first).count():
                todo.insert(0, first.get_attribute("href"))
        ctx.close()
    assert len(seen) >= len(ROLE_PAGES)
    assert not report, f"{width} px, {language}:\n" + "\n".join(report)


def sign_in_as(page, base: str, login: dict) -> None:
    """The sign-in form's labels are in the reader's language; fill it by field name."""
    page.goto(base + "/masuk")
    page.fill("input[name=username]", login["username"])
    page.fill("input[name=password]", login["password"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/masuk" not in page.url, login["role"]


