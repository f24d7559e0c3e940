"""Portal Kinerja ASN: the application factory."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, has_request_context, request
from jinja2 import StrictUndefined
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from portal.config import CONFIGS, PROJECT_ROOT, Config, engine_options, instance_secret_key
from portal.core import routing
from portal.extensions import babel, csrf, db, htmx, limiter, login_manager, migrate, select_locale


def create_app(config: str | dict[str, Any] | None = None) -> Flask:
    """Build the app. ``config`` is a mode name ("development", "testing", "production"), or a
    dict of overrides applied on top of the mode named by ``PORTAL_ENV``."""
    overrides: dict[str, Any] = {}
    if isinstance(config, dict):
        overrides = config
        config = None
    mode = config or overrides.pop("PORTAL_ENV", None) or os.environ.get("PORTAL_ENV") or "development"
    if mode not in CONFIGS:
        raise RuntimeError(f"PORTAL_ENV must be one of {', '.join(CONFIGS)}, not {mode!r}")
    config_cls: type[Config] = CONFIGS[mode]

    app = Flask(__name__, instance_path=str(overrides.get("INSTANCE_PATH", config_cls.INSTANCE_PATH)))
    app.config.from_object(config_cls)
    app.config.update(overrides)
    _ensure_secret_key(app)

    if app.config["PORTAL_PROXY_COUNT"]:
        count = app.config["PORTAL_PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)  # type: ignore[method-assign]

    app.jinja_env.undefined = StrictUndefined
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(app.config)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    htmx.init_app(app)
    limiter.init_app(app)

    _import_models()
    routing.register(app)
    _register_blueprints(app)

    from portal.core import errors, templating

    errors.register(app)
    templating.register(app)
    _register_cli(app)

    return app


def _ensure_secret_key(app: Flask) -> None:
    if app.config.get("SECRET_KEY"):
        return
    if app.config["ENV_NAME"] == "production":
        raise RuntimeError(
            "PORTAL_SECRET_KEY must be set in production, the same on every app server."
        )
    app.config["SECRET_KEY"] = instance_secret_key(app.config["INSTANCE_PATH"])


def _import_models() -> None:
    # Every model module, so Alembic and relationship strings see all tables.
    from portal.appraisals.evaluasi import models as _evaluasi  # noqa: F401
    from portal.appraisals.keberatan import models as _keberatan  # noqa: F401
    from portal.appraisals.pemantauan import models as _pemantauan  # noqa: F401
    from portal.appraisals.pengingat import models as _pengingat  # noqa: F401
    from portal.appraisals.periode import models as _periode  # noqa: F401
    from portal.appraisals.skp import models as _skp  # noqa: F401
    from portal.appraisals.umpan_balik import models as _umpan_balik  # noqa: F401
    from portal.auth import models as _auth  # noqa: F401
    from portal.complaints import models as _complaints  # noqa: F401
    from portal.core import models as _core  # noqa: F401
    from portal.notifications import models as _notifications  # noqa: F401
    from portal.org import models as _org  # noqa: F401
    from portal.pembinaan.kompetensi import models as _kompetensi  # noqa: F401
    from portal.pembinaan.penghargaan import models as _penghargaan  # noqa: F401
    from portal.pembinaan.rencana import models as _rencana  # noqa: F401
    from portal.pembinaan.suara import models as _suara  # noqa: F401
    from portal.scorecards import models as _scorecards  # noqa: F401


def _register_blueprints(app: Flask) -> None:
    from portal.appraisals.blueprint import bp as appraisals_bp
    from portal.appraisals.evaluasi import routes as _evaluasi  # noqa: F401 - adds its views to bp
    from portal.appraisals.keberatan import routes as keberatan
    from portal.appraisals.pemantauan import routes as pemantauan
    from portal.appraisals.penilaian import routes as _penilaian  # noqa: F401 - adds its views to bp
    from portal.appraisals.periode import routes as _periode  # noqa: F401 - adds its views to bp
    from portal.appraisals.skp import routes as _skp  # noqa: F401 - adds its views to bp
    from portal.appraisals.umpan_balik import routes as umpan_balik
    from portal.auth.routes import bp as auth_bp
    from portal.complaints.meja.routes import bp as desk_bp
    from portal.complaints.open311.routes import bp as open311_bp
    from portal.complaints.routes import bp as complaints_bp
    from portal.notifications import routes as notifications
    from portal.org.routes import bp as org_bp
    from portal.pembinaan.blueprint import bp as pembinaan_bp
    from portal.pembinaan.kompetensi import kelola as _kompetensi_kelola  # noqa: F401 - adds views
    from portal.pembinaan.kompetensi import routes as _kompetensi  # noqa: F401 - adds its views
    from portal.pembinaan.penghargaan import routes as _penghargaan  # noqa: F401 - adds views
    from portal.pembinaan.rencana import receivers as rencana_receivers
    from portal.pembinaan.rencana import routes as _rencana  # noqa: F401 - adds its views
    from portal.pembinaan.siasn import routes as _siasn  # noqa: F401 - adds its views
    from portal.pembinaan.suara import routes as _suara  # noqa: F401 - adds its views
    from portal.scorecards import receivers as scorecards_receivers
    from portal.scorecards.blueprint import bp as scorecards_bp
    from portal.scorecards.kelola import routes as _kelola  # noqa: F401 - adds its views to bp
    from portal.scorecards.publik import routes as _publik  # noqa: F401 - adds its views to bp
    from portal.scorecards.survei import routes as _survei  # noqa: F401 - adds its views to bp
    from portal.site.routes import bp as site_bp

    app.register_blueprint(site_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(org_bp)
    app.register_blueprint(complaints_bp)
    app.register_blueprint(desk_bp)
    app.register_blueprint(open311_bp)
    app.register_blueprint(notifications.bp)
    app.register_blueprint(appraisals_bp)
    app.register_blueprint(scorecards_bp)
    app.register_blueprint(umpan_balik.bp)
    app.register_blueprint(keberatan.bp)
    app.register_blueprint(pemantauan.bp)
    app.register_blueprint(pembinaan_bp)
    rencana_receivers.connect()
    scorecards_receivers.connect()
    notifications.register(app)


def _register_cli(app: Flask) -> None:
    from portal.appraisals.pengingat import cli as pengingat_cli
    from portal.auth import cli as auth_cli
    from portal.complaints import cli as complaints_cli
    from portal.core import i18n_cli
    from portal.demo import cli as demo_cli
    from portal.notifications import cli as notifications_cli
    from portal.org import cli as org_cli
    from portal.scorecards import cli as scorecards_cli

    auth_cli.register(app)
    complaints_cli.register(app)
    org_cli.register(app)
    demo_cli.register(app)
    i18n_cli.register(app)
    notifications_cli.register(app)
    pengingat_cli.register(app)
    scorecards_cli.register(app)


@event.listens_for(Engine, "connect")
def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """SQLite ignores foreign keys unless asked, per connection; and the sqlite3 module's own
    transaction handling breaks SAVEPOINT, so SQLAlchemy emits BEGIN itself (see below).

    The embedded default must take a handful of users writing at once (issue 12): WAL lets
    readers go on while one writes, and a writer waits up to the busy timeout for another to
    finish instead of failing at once."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")  # kept in the file; "memory" for :memory:
        cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a crash loses no commit
        cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(connection: Any) -> None:
    """A request that may write (anything but GET/HEAD) takes SQLite's write lock when its
    transaction starts, waiting for it under the busy timeout. A deferred transaction that reads
    and then writes would instead fail at once with "database is locked" when another request
    wrote meanwhile: SQLite cannot wait there without risking a deadlock."""
    if connection.dialect.name == "sqlite":
        if connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
            return  # no transaction asked for (the store's reads, cache.py): none begun
        writing = has_request_context() and request.method not in ("GET", "HEAD", "OPTIONS")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
