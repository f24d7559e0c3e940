"""Settings, read from the environment (``PORTAL_*``), one class per mode.

Every setting is listed in the README. Nothing secret lives in this file: the secret key comes from
``PORTAL_SECRET_KEY`` or, outside production, from a file generated once into ``instance/``.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE = PROJECT_ROOT / "instance"


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _env_int(name: str, default: int) -> int:
    value = _env(name)
    return int(value) if value is not None else default


def _env_bool(name: str, default: bool) -> bool:
    value = _env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "ya", "on"}


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL whatever spelling the operator gave."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def engine_options(config) -> dict:
    """SQLALCHEMY_ENGINE_OPTIONS from the PORTAL_DB_POOL_* settings; explicit engine options (a
    test's, a bench's) win. SQLite gets only the liveness check: its in-memory database lives in
    one connection, so pool sizes do not apply."""
    options = {"pool_pre_ping": config["PORTAL_DB_POOL_PRE_PING"]}
    if not str(config["SQLALCHEMY_DATABASE_URI"]).startswith("sqlite"):
        options.update(pool_size=config["PORTAL_DB_POOL_SIZE"],
                       max_overflow=config["PORTAL_DB_MAX_OVERFLOW"],
                       pool_timeout=config["PORTAL_DB_POOL_TIMEOUT"],
                       pool_recycle=config["PORTAL_DB_POOL_RECYCLE"])
    return {**options, **config.get("SQLALCHEMY_ENGINE_OPTIONS", {})}


def instance_secret_key(instance_path: Path) -> str:
    """Read the secret key kept in instance/, creating it (readable by the owner only) once."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


class Config:
    ENV_NAME = "development"
    TESTING = False
    DEBUG = False

    INSTANCE_PATH = Path(_env("PORTAL_INSTANCE_PATH", str(DEFAULT_INSTANCE)))
    SECRET_KEY = _env("PORTAL_SECRET_KEY")

    SQLALCHEMY_DATABASE_URI = normalise_database_url(
        _env("PORTAL_DATABASE_URL", f"sqlite:///{DEFAULT_INSTANCE / 'portal.db'}")
    )
    #: the connection pool of each worker process (PostgreSQL): connections kept open, extra ones
    #: opened under a burst, seconds to wait for one before the request fails, seconds after which
    #: a connection is replaced, and a liveness check of each connection taken from the pool
    #: (survives a database restart; one round trip). SQLite keeps its own pool.
    #: ``create_app`` turns these into SQLALCHEMY_ENGINE_OPTIONS; README "Production" sizes them.
    PORTAL_DB_POOL_SIZE = _env_int("PORTAL_DB_POOL_SIZE", 5)
    PORTAL_DB_MAX_OVERFLOW = _env_int("PORTAL_DB_MAX_OVERFLOW", 5)
    PORTAL_DB_POOL_TIMEOUT = _env_int("PORTAL_DB_POOL_TIMEOUT", 10)
    PORTAL_DB_POOL_RECYCLE = _env_int("PORTAL_DB_POOL_RECYCLE", 1800)
    PORTAL_DB_POOL_PRE_PING = _env_bool("PORTAL_DB_POOL_PRE_PING", True)
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    SQLALCHEMY_RECORD_QUERIES = False

    # Sign-in throttling and other limits (Flask-Limiter). Redis when several servers run.
    PORTAL_REDIS_URL = _env("PORTAL_REDIS_URL", "")
    RATELIMIT_STORAGE_URI = PORTAL_REDIS_URL or "memory://"
    #: pages stored at publication are also kept in Redis (when there is one) this long
    PORTAL_STORED_PAGES_REDIS_SECONDS = _env_int("PORTAL_STORED_PAGES_REDIS_SECONDS", 3600)
    RATELIMIT_ENABLED = _env_bool("PORTAL_RATELIMIT_ENABLED", True)
    RATELIMIT_HEADERS_ENABLED = True
    #: while Redis cannot be reached each process counts the limits in memory (sign-in stays
    #: open and throttled, only per process) and goes back to Redis once it answers again
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = _env_bool("PORTAL_RATELIMIT_MEMORY_FALLBACK", True)
    PORTAL_LOGIN_LIMIT_ACCOUNT = _env("PORTAL_LOGIN_LIMIT_ACCOUNT", "5 per 15 minutes")
    PORTAL_LOGIN_LIMIT_ADDRESS = _env("PORTAL_LOGIN_LIMIT_ADDRESS", "30 per 15 minutes")

    # Sessions: a signed cookie, so any app server can serve any request.
    PERMANENT_SESSION_LIFETIME = timedelta(minutes=_env_int("PORTAL_SESSION_MINUTES", 120))
    SESSION_REFRESH_EACH_REQUEST = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("PORTAL_SECURE_COOKIES", False)
    REMEMBER_COOKIE_DURATION = timedelta(0)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    #: Strict-Transport-Security max-age; 0 sends none (development serves plain HTTP)
    PORTAL_HSTS_SECONDS = _env_int("PORTAL_HSTS_SECONDS", 0)

    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    MAX_CONTENT_LENGTH = _env_int("PORTAL_MAX_REQUEST_MB", 32) * 1024 * 1024
    PORTAL_UPLOAD_DIR = Path(_env("PORTAL_UPLOAD_DIR", str(DEFAULT_INSTANCE / "uploads")))
    PORTAL_PROXY_COUNT = _env_int("PORTAL_PROXY_COUNT", 0)

    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = _env("PORTAL_TIMEZONE", "Asia/Jakarta")
    BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "translations")
    PORTAL_LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}

    PORTAL_PAGE_SIZE = _env_int("PORTAL_PAGE_SIZE", 25)
    #: the Kemendagri code of the province the portal serves first (18 = Lampung): its
    #: kabupaten/kota head the public forms' region lists
    PORTAL_HOME_REGION = _env("PORTAL_HOME_REGION", "18")
    #: how long each server process keeps the OPD and kecamatan lists of the public forms
    PORTAL_CHOICES_CACHE_SECONDS = _env_int("PORTAL_CHOICES_CACHE_SECONDS", 60)
    PORTAL_IMPORT_MAX_ROWS = _env_int("PORTAL_IMPORT_MAX_ROWS", 20000)
    PORTAL_DEMO_PASSWORD = _env("PORTAL_DEMO_PASSWORD", "demo-portal-2026")

    # Complaints (DOMAIN.md: limits in Indonesian working days; marked "check", so settings)
    PORTAL_COMPLAINT_VERIFY_DAYS = _env_int("PORTAL_COMPLAINT_VERIFY_DAYS", 3)
    PORTAL_COMPLAINT_PLAN_DAYS = _env_int("PORTAL_COMPLAINT_PLAN_DAYS", 5)
    PORTAL_COMPLAINT_RESOLVE_DAYS = _env_int("PORTAL_COMPLAINT_RESOLVE_DAYS", 14)
    PORTAL_COMPLAINT_RESOLVE_FIELD_DAYS = _env_int("PORTAL_COMPLAINT_RESOLVE_FIELD_DAYS", 60)
    PORTAL_COMPLAINT_AUTOCLOSE_DAYS = _env_int("PORTAL_COMPLAINT_AUTOCLOSE_DAYS", 10)
    #: a complaint form sent back faster than this is treated as a robot
    PORTAL_COMPLAINT_MIN_SECONDS = _env_int("PORTAL_COMPLAINT_MIN_SECONDS", 5)
    PORTAL_COMPLAINT_LIMIT = _env("PORTAL_COMPLAINT_LIMIT", "10 per hour")
    PORTAL_TRACKING_LIMIT = _env("PORTAL_TRACKING_LIMIT", "30 per minute")
    #: complaints one Open311 partner may file from one address (its key and address together)
    PORTAL_OPEN311_LIMIT = _env("PORTAL_OPEN311_LIMIT", "60 per minute")
    #: who partners write to for an API key (Open311 discovery); empty: the portal's address
    PORTAL_OPEN311_CONTACT = _env("PORTAL_OPEN311_CONTACT", "")
    #: photos and PDFs a reporter may attach to one complaint, and the largest each may be
    PORTAL_COMPLAINT_MAX_FILES = _env_int("PORTAL_COMPLAINT_MAX_FILES", 3)
    PORTAL_COMPLAINT_MAX_FILE_MB = _env_int("PORTAL_COMPLAINT_MAX_FILE_MB", 5)

    # E-mail (notifications, complaint receipts): queued in the database, sent by
    # `flask mail send` from cron. No host, no e-mail.
    PORTAL_SMTP_HOST = _env("PORTAL_SMTP_HOST")
    PORTAL_SMTP_PORT = _env_int("PORTAL_SMTP_PORT", 587)
    PORTAL_SMTP_USER = _env("PORTAL_SMTP_USER")
    PORTAL_SMTP_PASSWORD = _env("PORTAL_SMTP_PASSWORD")
    PORTAL_SMTP_STARTTLS = _env_bool("PORTAL_SMTP_STARTTLS", True)
    PORTAL_SMTP_SSL = _env_bool("PORTAL_SMTP_SSL", False)
    PORTAL_SMTP_TIMEOUT = _env_int("PORTAL_SMTP_TIMEOUT", 20)
    PORTAL_MAIL_SENDER = _env("PORTAL_MAIL_SENDER", "Portal Kinerja ASN <noreply@localhost>")
    PORTAL_MAIL_MAX_ATTEMPTS = _env_int("PORTAL_MAIL_MAX_ATTEMPTS", 5)
    #: the portal's public address, for links in e-mails (which are read outside the portal)
    PORTAL_BASE_URL = _env("PORTAL_BASE_URL", "http://127.0.0.1:5000")
    # Public scorecards (issue 5; DOMAIN.md "Satisfaction survey", "The public scorecard")
    #: any figure drawn from fewer people than this is published as "—"
    PORTAL_SCORECARD_MIN_PEOPLE = _env_int("PORTAL_SCORECARD_MIN_PEOPLE", 5)
    #: a quarter is published once it has ended; True lets an admin pemda publish the running
    #: quarter early, after a warning on the confirmation page (figures still move)
    PORTAL_PUBLISH_BEFORE_QUARTER_END = _env_bool("PORTAL_PUBLISH_BEFORE_QUARTER_END", False)
    #: below this many respondents a service shows "sampel belum memadai" instead of a mutu
    PORTAL_IKM_MIN_RESPONDEN = _env_int("PORTAL_IKM_MIN_RESPONDEN", 30)
    PORTAL_SURVEY_LIMIT = _env("PORTAL_SURVEY_LIMIT", "20 per hour")
    #: seconds browsers and proxies may reuse a public page without asking; 0: always revalidate
    #: (cheap, thanks to the ETag)
    PORTAL_PUBLIC_MAX_AGE = _env_int("PORTAL_PUBLIC_MAX_AGE", 0)
    #: how often each worker checks for a new publication (public pages are cached meanwhile)
    PORTAL_PUBLIC_STAMP_SECONDS = _env_int("PORTAL_PUBLIC_STAMP_SECONDS", 2)
    #: keep rendered public pages in memory per worker (keyed on the publication stamp)
    PORTAL_PUBLIC_CACHE = _env_bool("PORTAL_PUBLIC_CACHE", True)


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    DEBUG = False


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SQLALCHEMY_DATABASE_URI = normalise_database_url(
        _env("PORTAL_TEST_DATABASE_URL", "sqlite://")
    )
    RATELIMIT_STORAGE_URI = "memory://"
    PORTAL_REDIS_URL = ""  # a test that wants Redis says so
    SECRET_KEY = "testing-only-not-secret"
    PORTAL_PUBLIC_STAMP_SECONDS = 0  # tests publish and read back at once
    PORTAL_CHOICES_CACHE_SECONDS = 0  # each test builds its own OPDs


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = _env_bool("PORTAL_SECURE_COOKIES", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    #: a year, as browsers' preload lists ask; production is served over HTTPS only
    PORTAL_HSTS_SECONDS = _env_int("PORTAL_HSTS_SECONDS", 365 * 24 * 3600)


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
