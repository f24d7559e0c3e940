"""HTTP caching of the public pages and datasets.

Everything they show comes from published snapshots, which never change once written; the only
thing that changes what a public URL returns is a new publication. So one cheap query (the
"publication stamp": highest id, count and latest time of ``publikasi_rapor``) tells whether a
response is still good, and:

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
from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from typing import Any

from flask import current_app, make_response, request, session
from flask.wrappers import Response
from flask_babel import get_locale
from flask_login import current_user

from portal.extensions import db
from portal.scorecards.models import PublikasiRapor

MAX_ENTRIES = 512
_lock = threading.Lock()
_entries: dict[tuple, tuple[bytes, int, dict[str, str]]] = {}
_entries_stamp: list[Any] = [None]

VARY = ("Cookie", "HX-Request", "HX-Target", "HX-Boosted", "HX-History-Restore-Request")


def stamp() -> tuple[int, int, datetime | None]:
    import sqlalchemy as sa

    row = db.session.execute(sa.select(sa.func.coalesce(sa.func.max(PublikasiRapor.id), 0),
                                       sa.func.count(PublikasiRapor.id),
                                       sa.func.max(PublikasiRapor.diterbitkan_at))).one()
    return int(row[0]), int(row[1]), row[2]


def clear() -> None:
    with _lock:
        _entries.clear()


def _key(current: tuple) -> tuple:
    h = request.headers
    return (current[0], current[1], str(current[2]), request.full_path, str(get_locale()),
            h.get("HX-Request", ""), h.get("HX-Target", ""), h.get("HX-Boosted", ""),
            h.get("HX-History-Restore-Request", ""))


def _finish(response: Response, key: tuple, current: tuple) -> Response:
    response.set_etag(hashlib.sha256(repr(key).encode()).hexdigest()[:32])
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
    return response.make_conditional(request)


def public(view: Callable[..., Response]) -> Callable[..., Response]:
    """Decorate a public GET view whose output depends only on the URL, the language, the
    htmx headers and the published snapshots."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Response:
        current = stamp()
        key = _key(current)
        personal = current_user.is_authenticated or bool(session.get("_flashes"))
        if personal:  # rendered fresh, never stored, never answered with 304
            response = make_response(view(*args, **kwargs))
            response.headers["Cache-Control"] = "private, no-store"
            response.vary.add("Cookie")
            return response
        use_cache = current_app.config.get("PORTAL_PUBLIC_CACHE", True)
        if use_cache:
            with _lock:
                if _entries_stamp[0] != current:
                    _entries.clear()
                    _entries_stamp[0] = current
                hit = _entries.get(key)
            if hit is not None:
                body, status, headers = hit
                response = current_app.response_class(body, status=status, headers=headers)
                return _finish(response, key, current)
        response = make_response(view(*args, **kwargs))
        if use_cache and response.status_code == 200 and not response.direct_passthrough:
            headers = {k: v for k, v in response.headers.items() if k.lower() not in (
                "set-cookie", "content-length")}
            with _lock:
                if len(_entries) >= MAX_ENTRIES:
                    _entries.clear()
                _entries[key] = (response.get_data(), response.status_code, headers)
        return _finish(response, key, current)

    return wrapped
