"""HTTP caching of the public pages and datasets.

Everything they show comes from published snapshots, which never change once written; the only
thing that changes what a public URL returns is a new publication. So one cheap query (the
"publication stamp": highest id, count and latest time of ``publikasi_rapor``) tells whether a
response is still good, and:

* the stamp is re-read at most every few seconds per worker (PORTAL_PUBLIC_STAMP_SECONDS), so
  a public request usually costs no query at all;
* every anonymous response carries an ``ETag`` (the stamp plus what else selects the bytes: the URL, the
  language, the htmx target) and ``Last-Modified`` (the latest publication), and a conditional
  request that matches gets ``304 Not Modified`` without rendering anything;
* an anonymous request is rendered once per worker and kept in a small in-process cache keyed
  the same way, dropped as a whole when the stamp changes. Signed-in users (their header differs)
  and pages carrying a flash message are always rendered fresh, marked private, no-store.
* ``Cache-Control: public, no-cache`` (or ``max-age`` when PORTAL_PUBLIC_MAX_AGE is set): any
  cache may keep a copy but must revalidate it, which the ETag makes cheap.
"""

from __future__ import annotations

import hashlib
import threading
import time
import weakref
from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from typing import Any

import sqlalchemy as sa
from flask import current_app, make_response, request, session
from flask.wrappers import Response
from flask_babel import get_locale
from flask_login import current_user

from portal.extensions import db
from portal.scorecards.models import PublikasiRapor
from portal.scorecards.shared_pages import SharedPages

MAX_ENTRIES = 512
#: set on the app's own rendering requests at publication (``prerender.py``): never from a cache
PRERENDER_FLAG = "portal.prerender"
#: set by PublicPageCache once it has looked in the store: the view's wrapper does not ask again
STORE_ASKED = "portal.store_asked"
_lock = threading.Lock()
_entries: dict[tuple, tuple[bytes, int, dict[str, str]]] = {}
_entries_stamp: list[Any] = [None]
_stamp_cache: list[Any] = [None, 0.0]
_middlewares: weakref.WeakSet = weakref.WeakSet()
#: what else a worker keeps per publication stamp (``publik/indeks.py``), dropped with the pages
_also_clear: list[Callable[[], None]] = []
#: set by a view on a public response the WSGI layer may learn from: called with its headers
AFTER_ANSWER = "portal.after_answer"
#: answers PublicPageCache may give itself, by path, before Flask runs (``publik/cepat.py``)
_answers: dict[str, Callable[..., Any]] = {}

VARY = ("Cookie", "HX-Request", "HX-Target", "HX-Boosted", "HX-History-Restore-Request")
#: the same headers as the WSGI environ names them: a request with any is an htmx fragment
HTMX_ENVIRON = ("HTTP_HX_REQUEST", "HTTP_HX_TARGET", "HTTP_HX_BOOSTED",
                "HTTP_HX_HISTORY_RESTORE_REQUEST")


def _read_stamp() -> tuple[int, int, datetime | None]:
    row = db.session.execute(sa.select(sa.func.coalesce(sa.func.max(PublikasiRapor.id), 0),
                                       sa.func.count(PublikasiRapor.id),
                                       sa.func.max(PublikasiRapor.diterbitkan_at))).one()
    return int(row[0]), int(row[1]), row[2]


def stamp() -> tuple[int, int, datetime | None]:
    """The publication stamp, read from the database at most every PORTAL_PUBLIC_STAMP_SECONDS
    per worker: a public request then needs no query at all. A publication made in this worker
    shows at once (``invalidate``), in the others within those seconds."""
    ttl = current_app.config["PORTAL_PUBLIC_STAMP_SECONDS"]
    now = time.monotonic()
    with _lock:
        cached, read_at = _stamp_cache
    if cached is not None and ttl > 0 and now - read_at < ttl:
        return cached
    current = _read_stamp()
    with _lock:
        _stamp_cache[:] = [current, now]
    return current


def invalidate() -> None:
    """Forget the stamp (after a publication is committed) and every cached page."""
    with _lock:
        _stamp_cache[:] = [None, 0.0]
        _entries.clear()
        for middleware in _middlewares:
            middleware.entries.clear()
    for clear_other in _also_clear:
        clear_other()


def on_invalidate(action: Callable[[], None]) -> None:
    _also_clear.append(action)


def clear() -> None:
    invalidate()


def answer_before_flask(path: str, answer: Callable[..., Any]) -> None:
    """Let ``answer(app, environ, stamp, language)`` answer anonymous GETs of ``path`` in the
    WSGI layer (``language``: the one the app would choose): it returns (status, headers, body,
    etag), or None and Flask answers."""
    _answers[path] = answer


def key_of(current: tuple, environ: dict, locale: str) -> tuple:
    """What selects a public response's bytes: the stamp, the URL, the language, the htmx
    headers. Its hash is the ETag (``etag_of``), the same in the WSGI layer as in the view."""
    return (current[0], current[1], str(current[2]), environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""), locale,
            environ.get("HTTP_HX_REQUEST", ""), environ.get("HTTP_HX_TARGET", ""),
            environ.get("HTTP_HX_BOOSTED", ""),
            environ.get("HTTP_HX_HISTORY_RESTORE_REQUEST", ""))


def etag_of(key: tuple) -> str:
    return hashlib.sha256(repr(key).encode()).hexdigest()[:32]


def _key(current: tuple) -> tuple:
    return key_of(current, request.environ, str(get_locale()))


def _finish(response: Response, key: tuple, current: tuple) -> Response:
    response.set_etag(etag_of(key))
    if current[2] is not None:
        response.last_modified = current[2].replace(tzinfo=UTC)
    max_age = current_app.config["PORTAL_PUBLIC_MAX_AGE"]
    # no-cache by default: browsers and proxies keep the page but ask again each time (a 304
    # costs almost nothing), so a language switch or a sign-out message is never hidden by a
    # stale copy
    response.headers["Cache-Control"] = (f"public, max-age={max_age}" if max_age > 0
                                         else "public, no-cache")
    for header in VARY:
        response.vary.add(header)
    return response


def _not_modified(headers: list[tuple[str, str]], etag: str, last_modified: datetime | None
                  ) -> Response | None:
    """A 304 when the client's copy is current (If-None-Match wins over If-Modified-Since)."""
    if request.if_none_match:
        if request.if_none_match.contains_weak(etag):
            return current_app.response_class(status=304, headers=[
                h for h in headers if h[0] not in ("Content-Type", "Content-Length",
                                                   "Content-Disposition")])
        return None
    since = request.if_modified_since
    if since is not None and last_modified is not None and \
            last_modified.replace(tzinfo=UTC, microsecond=0) <= since:
        return current_app.response_class(status=304, headers=[
            h for h in headers if h[0] not in ("Content-Type", "Content-Length",
                                               "Content-Disposition")])
    return None


def public(view: Callable[..., Response]) -> Callable[..., Response]:
    """Decorate a public GET view whose output depends only on the URL, the language, the
    htmx headers and the published snapshots."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Response:
        prerendering = request.environ.get(PRERENDER_FLAG)
        if current_user.is_authenticated or session.get("_flashes"):
            # rendered fresh, never stored, never answered with 304
            response = make_response(view(*args, **kwargs))
            response.headers["Cache-Control"] = "private, no-store"
            response.vary.add("Cookie")
            return response
        current = stamp()
        key = _key(current)
        request.environ["portal.cacheable"] = True  # for PublicPageCache in front
        with _lock:
            if _entries_stamp[0] != current:
                _entries.clear()
                _entries_stamp[0] = current
            hit = None if prerendering else _entries.get(key)
        if hit is None and not prerendering and not request.environ.get(STORE_ASKED) and not any(
                request.environ.get(h) for h in HTMX_ENVIRON):
            # a visitor whose browser carries a session cookie (the survey's CSRF token, a
            # sign-out) passes the middleware: the page rendered at publication still answers
            stored = stored_page(request.path, request.query_string.decode(), str(get_locale()))
            if stored is not None:
                hit = (stored[2], stored[1], stored[3])
                with _lock:
                    if _entries_stamp[0] == current:
                        _entries[key] = hit
        if hit is None:
            response = _finish(make_response(view(*args, **kwargs)), key, current)
            if response.status_code != 200 or response.direct_passthrough:
                return response.make_conditional(request)
            headers = [(k, v) for k, v in response.headers.items()
                       if k.lower() not in ("set-cookie", "content-length")]
            hit = (response.get_data(), headers, response.get_etag()[0])
            if current_app.config["PORTAL_PUBLIC_CACHE"] and not prerendering:
                with _lock:
                    if len(_entries) >= MAX_ENTRIES:
                        _entries.clear()
                    _entries[key] = hit
        body, headers, etag = hit
        return _not_modified(headers, etag, current[2]) or current_app.response_class(
            body, headers=headers)

    return wrapped


#: where the public views live; nothing else is even looked at by PublicPageCache
PUBLIC_PREFIXES = ("/instansi", "/metodologi", "/data", "/api/v1/")


class PublicPageCache:
    """WSGI middleware: the same cache, answered before Flask runs at all. Only GET/HEAD
    requests without a session cookie qualify (no sign-in, no flash message possible), and only
    responses the ``public`` decorator marked cacheable are stored, with every header the app
    set (security headers included). A reverse proxy cache inside the worker, in short."""

    def __init__(self, wsgi_app, app) -> None:
        self.wsgi_app = wsgi_app
        self.app = app
        self.ttl = app.config["PORTAL_PUBLIC_STAMP_SECONDS"]
        self.enabled = app.config["PORTAL_PUBLIC_CACHE"]
        self.session_cookie = app.config["SESSION_COOKIE_NAME"] + "="
        self.languages = tuple(app.config["PORTAL_LANGUAGES"])
        self.default_language = app.config["BABEL_DEFAULT_LOCALE"]
        self.entries: dict[tuple, tuple[str, list[tuple[str, str]], bytes, str]] = {}
        self.entries_stamp: Any = None
        self.shared = SharedPages.from_config(app.config)
        _middlewares.add(self)

    def _stamp(self) -> Any:
        with _lock:
            cached, read_at = _stamp_cache
        if cached is not None and self.ttl > 0 and time.monotonic() - read_at < self.ttl:
            return cached
        with self.app.app_context():
            return stamp()

    def __call__(self, environ, start_response):
        cookies = environ.get("HTTP_COOKIE", "")
        path = environ.get("PATH_INFO", "")
        if (not self.enabled or environ.get("REQUEST_METHOD") not in ("GET", "HEAD")
                or environ.get(PRERENDER_FLAG)
                or not (path == "/" or path.startswith(PUBLIC_PREFIXES))
                or self.session_cookie in cookies or "HTTP_IF_MODIFIED_SINCE" in environ):
            return self.wsgi_app(environ, start_response)
        language = ""
        if "bahasa=" in cookies:
            language = cookies.split("bahasa=", 1)[1].split(";", 1)[0].strip()
        # the language the app would choose (``select_locale``): the switch's cookie, if known
        language = language if language in self.languages else self.default_language
        key = (environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""), language,
               environ.get("HTTP_HX_REQUEST", ""), environ.get("HTTP_HX_TARGET", ""),
               environ.get("HTTP_HX_BOOSTED", ""),
               environ.get("HTTP_HX_HISTORY_RESTORE_REQUEST", ""))
        try:
            current = self._stamp()
        except Exception:  # the app answers (and logs) whatever is wrong with the database
            return self.wsgi_app(environ, start_response)
        with _lock:
            if self.entries_stamp != current:
                self.entries.clear()
                self.entries_stamp = current
            hit = self.entries.get(key)
        if hit is None and not any(environ.get(h) for h in HTMX_ENVIRON):
            environ[STORE_ASKED] = True
            hit = self._stored(path, environ.get("QUERY_STRING", ""), language, current)
            if hit is not None:
                with _lock:
                    if len(self.entries) >= MAX_ENTRIES:
                        self.entries.clear()
                    if self.entries_stamp == current:
                        self.entries[key] = hit
        if hit is None and path in _answers:
            try:
                hit = _answers[path](self.app, environ, current, language)
            except Exception:  # Flask answers it the usual way; the log says what went wrong
                self.app.logger.exception("WSGI-layer answer of %s failed", path)
                hit = None
        if hit is not None:
            status, headers, body, etag = hit
            if etag and etag in environ.get("HTTP_IF_NONE_MATCH", ""):
                start_response("304 Not Modified", [h for h in headers if h[0] not in (
                    "Content-Type", "Content-Length", "Content-Disposition")])
                return [b""]
            start_response(status, headers)
            return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [body]
        captured: dict[str, Any] = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return start_response(status, headers, exc_info)

        chunks = self.wsgi_app(environ, capture)
        try:
            body = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        if (environ.get("portal.cacheable") and captured.get("status", "").startswith("200")
                and environ["REQUEST_METHOD"] == "GET"):
            headers = [(k, v) for k, v in captured["headers"] if k.lower() != "set-cookie"]
            etag = next((v for k, v in headers if k.lower() == "etag"), "")
            if environ.get(AFTER_ANSWER):
                environ[AFTER_ANSWER](headers)
            with _lock:
                if len(self.entries) >= MAX_ENTRIES:
                    self.entries.clear()
                if self.entries_stamp == current:
                    self.entries[key] = (captured["status"], headers, body, etag)
        return [body]

    def _stored(self, path: str, query: str, language: str, current: Any
                ) -> tuple[str, list[tuple[str, str]], bytes, str] | None:
        from portal.scorecards.prerender import may_be_stored, page_key

        if not may_be_stored(path, query):
            return None
        shared_key = None
        if self.shared is not None:
            shared_key = self.shared.key(current, page_key(path, query, language))
            hit = self.shared.get(shared_key)
            if hit is not None:
                return hit
        with self.app.app_context():
            hit = stored_page(path, query, language)
        if hit is not None and shared_key is not None:
            self.shared.put(shared_key, hit)
        return hit


def stored_page(path: str, query: str, language: str
                ) -> tuple[str, list[tuple[str, str]], bytes, str] | None:
    """The page as rendered at publication (``prerender.py``), if it is stored: one read by
    primary key. (status, headers, body, etag), like an entry of the worker's own cache."""
    from portal.scorecards.models import HalamanTerbit
    from portal.scorecards.prerender import may_be_stored, page_key

    if not may_be_stored(path, query):
        return None  # a search or another filter: the miss path asks the database nothing
    global _store_select
    if _store_select is None:  # built once: building it per request was a third of the read
        _store_select = sa.select(HalamanTerbit.headers, HalamanTerbit.body,
                                  HalamanTerbit.etag).where(
            HalamanTerbit.kunci == sa.bindparam("kunci"))
    try:
        row = _read_store(_store_select, {"kunci": page_key(path, query, language)})
    except sa.exc.SQLAlchemyError:  # the app itself answers, and says what is wrong
        db.session.rollback()
        return None
    if row is None:
        return None
    body = bytes(row.body)
    headers = [(k, v) for k, v in row.headers] + [("Content-Length", str(len(body)))]
    return "200 OK", headers, body, row.etag


_held = threading.local()
_store_select: sa.Select | None = None


def _read_store(statement: sa.Select, params: dict[str, Any]) -> Any:
    """One row of the store in one round trip. Each worker thread keeps a connection of its
    own in autocommit for these reads: through the request's session a stored page cost a
    pre-ping, a BEGIN, the SELECT and a ROLLBACK, four round trips for a primary-key read. A
    connection that broke (a database restart) is dropped and the read tried once more."""
    engine = db.engine
    if not isinstance(engine, sa.Engine):  # the tests bind the session to one connection
        return db.session.execute(statement, params).first()
    for attempt in (1, 2):
        held = getattr(_held, "connection", None)
        if held is None or held.engine is not engine:
            held = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            _held.connection = held
        try:
            return held.execute(statement, params).first()
        except sa.exc.DBAPIError:
            _held.connection = None
            held.invalidate()
            if attempt == 2:
                raise
    return None
