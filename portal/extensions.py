"""Flask extensions, built once here and wired to an app by ``init_app`` in ``create_app``."""

from __future__ import annotations

from flask import request
from flask_babel import Babel
from flask_htmx import HTMX
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Constraint names fixed by convention, so Alembic migrations name them identically on SQLite and
# PostgreSQL and can drop them later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
htmx = HTMX()
limiter = Limiter(key_func=get_remote_address)


def select_locale() -> str:
    """The language chosen with the switch in the header (a cookie); Indonesian otherwise."""
    from flask import current_app, has_request_context

    if not has_request_context():  # CLI commands, background work: the source language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = request.cookies.get("bahasa")
    if chosen in current_app.config["PORTAL_LANGUAGES"]:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]
