"""Browser tests: the portal served from a thread on a free local port, with its own migrated
SQLite database and the test world committed, driven by Debian's Chromium through Playwright
(never a downloaded browser)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator

import flask_migrate
import pytest
from werkzeug.serving import make_server

from portal import create_app
from portal.extensions import db
from tests.factories import World, build_world

CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package, or run "
                    "`sudo apt-get install -y chromium`.")
    return path


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[tuple[str, World]]:
    instance = tmp_path_factory.mktemp("live")
    app = create_app({"PORTAL_ENV": "testing", "INSTANCE_PATH": instance,
                      "PORTAL_UPLOAD_DIR": instance / "uploads",
                      # a person takes longer than this; the test browser does not
                      "PORTAL_COMPLAINT_MIN_SECONDS": 0,
                      # the journeys publish what they entered today, in the running quarter
                      "PORTAL_PUBLISH_BEFORE_QUARTER_END": True,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'live.db'}"})
    with app.app_context():
        flask_migrate.upgrade()
        world = build_world()
        db.session.commit()
        # keep ids and names usable after the session closes
        for obj in [*world.users.values(), world.opd]:
            db.session.refresh(obj)
        db.session.expunge_all()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", world
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture()
def new_page(browser):
    """Another person on another phone: a separate browser context (own cookies)."""
    contexts = []

    def _new():
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield _new
    for context in contexts:
        context.close()


def sign_in(page, base: str, username: str, password: str) -> None:
    page.goto(base + "/masuk")
    page.get_by_label("NIP atau nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
