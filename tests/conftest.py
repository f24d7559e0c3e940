"""Shared fixtures: one migrated database per run, each test inside a transaction that is rolled
back, a test client that carries CSRF tokens like a browser, and ``login_as(role)``."""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Iterator
from email import message_from_bytes, policy

import flask_migrate
import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from flask import Flask
from flask.testing import FlaskClient

from portal import create_app
from portal.extensions import db as _db
from portal.extensions import limiter
from tests.factories import World, build_world

CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("PORTAL_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


def _reset_database(url: str) -> None:
    """Start every run from an empty database, whatever an earlier run left."""
    if url.startswith("postgres"):
        engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    url = _database_url(tmp_path_factory)
    _reset_database(url)
    instance = tmp_path_factory.mktemp("instance")
    app = create_app({
        "PORTAL_ENV": "testing",
        "SQLALCHEMY_DATABASE_URI": url,
        "INSTANCE_PATH": instance,
        "PORTAL_UPLOAD_DIR": instance / "uploads",
        "SERVER_NAME": "localhost",
    })
    with app.app_context():
        flask_migrate.upgrade()
        yield app
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture(autouse=True)
def app_context(app: Flask) -> Iterator[None]:
    """A fresh application context per test, so nothing on ``g`` (the cached locale, the user)
    leaks from one test into the next."""
    with app.app_context():
        yield


@pytest.fixture()
def db(app: Flask, app_context: None) -> Iterator:
    """The database session for one test; everything it wrote is rolled back afterwards, even
    what the views committed (they commit to a SAVEPOINT inside the test's transaction)."""
    engines = _db._app_engines[app]
    real_engine = engines[None]
    connection = real_engine.connect()
    transaction = connection.begin()
    engines[None] = connection
    original_session = _db.session
    _db.session = _db._make_scoped_session({"join_transaction_mode": "create_savepoint"})
    limiter.reset()
    try:
        yield _db
    finally:
        _db.session.remove()
        transaction.rollback()
        connection.close()
        _db.session = original_session
        engines[None] = real_engine


class PortalClient(FlaskClient):
    """A test client that fills in the CSRF token the way a browser submits a rendered form.

    Each request runs in an application context of its own, as in production: nothing cached
    on ``g`` (the locale, the signed-in user) leaks from the test or an earlier request, and the
    view's database session is its own (it sees the test's rows through the shared connection).
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)

    def csrf_token(self) -> str:
        page = self.get("/masuk", follow_redirects=True).get_data(as_text=True)
        match = CSRF_RE.search(page)
        assert match, "no CSRF token on the sign-in page"
        return match.group(1)

    def post_form(self, url: str, data: dict | None = None, **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf_token())
        return self.post(url, data=data, **kwargs)


@pytest.fixture()
def client(app: Flask, db) -> PortalClient:
    app.test_client_class = PortalClient
    return app.test_client()  # type: ignore[return-value]


@pytest.fixture()
def world(db) -> World:
    return build_world()


@pytest.fixture()
def login_as(client: PortalClient, world: World):
    """``login_as("admin_pemda")`` signs the client in as that user of the test world."""

    def _login(name: str):
        user = world.users[name]
        response = client.post_form("/masuk", {"username": user.username,
                                               "password": world.password})
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return _login


class _Inbox:
    """What a real SMTP server (aiosmtpd) received: (recipients, message) pairs."""

    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def smtp(app, monkeypatch):
    inbox = _Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setitem(app.config, "PORTAL_SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "PORTAL_SMTP_PORT", port)
    monkeypatch.setitem(app.config, "PORTAL_SMTP_STARTTLS", False)
    monkeypatch.setitem(app.config, "PORTAL_MAIL_SENDER", "Portal <portal@lampung.example>")
    yield inbox
    controller.stop()
