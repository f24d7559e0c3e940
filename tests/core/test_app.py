import os
import stat

import pytest

from portal import create_app
from portal.config import instance_secret_key, normalise_database_url


def test_testing_mode_uses_its_own_settings(app):
    assert app.config["TESTING"] is True
    assert app.config["BABEL_DEFAULT_LOCALE"] == "id"
    assert app.jinja_env.undefined.__name__ == "StrictUndefined"


def test_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_ENV", "development")
    app = create_app({"INSTANCE_PATH": tmp_path,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    assert app.config["ENV_NAME"] == "development"
    assert app.config["RATELIMIT_STORAGE_URI"].startswith(("memory://", "redis://"))


def test_unknown_mode_is_refused():
    with pytest.raises(RuntimeError, match="PORTAL_ENV"):
        create_app("staging")


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="PORTAL_SECRET_KEY"):
        create_app({"PORTAL_ENV": "production", "SECRET_KEY": None, "INSTANCE_PATH": tmp_path})


def test_secret_key_is_generated_once_into_instance_and_kept_private(tmp_path):
    first = instance_secret_key(tmp_path)
    second = instance_secret_key(tmp_path)
    assert first == second and len(first) >= 40
    mode = stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode)
    assert mode == 0o600


def test_development_app_without_key_gets_the_instance_key(tmp_path):
    app = create_app({"PORTAL_ENV": "development", "SECRET_KEY": None, "INSTANCE_PATH": tmp_path,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})
    assert app.config["SECRET_KEY"] == (tmp_path / "secret_key").read_text()


@pytest.mark.parametrize(("given", "expected"), [
    ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
    ("sqlite:///x.db", "sqlite:///x.db"),
])
def test_database_url_uses_psycopg3(given, expected):
    assert normalise_database_url(given) == expected


def test_pages_carry_security_headers(client):
    response = client.get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_postgresql_pool_is_sized_by_the_settings(tmp_path):
    """The operator sizes each process's connection pool (README "Production"); nothing connects
    until a request needs the database."""
    app = create_app({"PORTAL_ENV": "development", "INSTANCE_PATH": tmp_path,
                      "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/none",
                      "PORTAL_DB_POOL_SIZE": 3, "PORTAL_DB_MAX_OVERFLOW": 2,
                      "PORTAL_DB_POOL_TIMEOUT": 4, "PORTAL_DB_POOL_PRE_PING": False})
    from portal.extensions import db

    with app.app_context():
        pool = db.engine.pool
        assert (pool.size(), pool._max_overflow, pool._timeout, pool._pre_ping) == (3, 2, 4, False)


def test_sqlite_keeps_its_own_pool(tmp_path):
    app = create_app({"PORTAL_ENV": "development", "INSTANCE_PATH": tmp_path,
                      "SQLALCHEMY_DATABASE_URI": "sqlite://", "PORTAL_DB_POOL_SIZE": 3})
    assert "pool_size" not in app.config["SQLALCHEMY_ENGINE_OPTIONS"]
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True
