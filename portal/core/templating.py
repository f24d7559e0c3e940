"""Template globals, filters and response headers shared by every page."""

from __future__ import annotations

import math
from datetime import date, datetime
from functools import lru_cache
from urllib.parse import urlsplit

from babel.numbers import format_decimal as babel_format_decimal
from flask import Flask, current_app, request, url_for
from flask_babel import format_currency, format_date, format_decimal, format_time, get_locale
from markupsafe import Markup, escape

# Our own pages use no inline script or style; htmx is told not to inject its indicator style.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


#: Indonesia's three time zones by the names people use (also in English)
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA",
              "Asia/Jayapura": "WIT"}


def is_safe_next(target: str | None) -> bool:
    """Only a path on this site, never another host (open-redirect guard), and nothing that
    cannot travel in a Location header (a newline or other control character: issue 12)."""
    if not target or not target.isprintable() or "\\" in target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")


@lru_cache(maxsize=8192)
def _format_number(value: float | int, locale: str, places: int | None = None) -> str:
    """Memoised: a scorecard formats the same few thousand numbers on every render. ``places``
    fixes the decimals (a column reads "2,60 · 3,00 · 78,60", not "2,6 · 3 · 78,6")."""
    if places is None:
        return babel_format_decimal(value, locale=locale)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return babel_format_decimal(value, format=pattern, locale=locale, decimal_quantization=True)


def format_number(value: float | int, places: int | None = None) -> str:
    """A number in the reader's locale (for code outside templates, e.g. the SVG charts)."""
    return _format_number(value, str(get_locale()), places)


def format_rupiah(value: int) -> str:
    """Whole rupiah in the user's locale: "Rp 1.500.000" (id), "IDR 1,500,000" (en)."""
    return format_currency(value, "IDR", format="¤\u00a0#,##0", currency_digits=False)


def url_with(**overrides: object) -> str:
    """This page's URL with some query arguments replaced (paging, sorting)."""
    args = {**(request.view_args or {}), **request.args.to_dict(), **overrides}
    return url_for(request.endpoint, **args)


def scroll_region(label: str | None = None, labelledby: str | None = None) -> Markup:
    """The attributes of a box that scrolls sideways (a wide table on a phone): keyboard users
    reach it with Tab and scroll it with the arrow keys, and a screen reader names it."""
    name = (f'aria-labelledby="{escape(labelledby)}"' if labelledby
            else f'aria-label="{escape(label or "")}"')
    return Markup(f'role="group" tabindex="0" {name}')


def register(app: Flask) -> None:
    app.jinja_env.globals["url_with"] = url_with
    app.jinja_env.globals["scroll_region"] = scroll_region

    @app.context_processor
    def _globals() -> dict:
        return {
            "current_locale": str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]),
            "languages": current_app.config["PORTAL_LANGUAGES"],
        }

    @app.template_filter("tanggal")
    def _tanggal(value: date | datetime | None) -> str:
        """A date as people write it: "23 November 2026" (id), "November 23, 2026" (en); a
        datetime stored in UTC is shown in the configured zone (WIB)."""
        if value is None:
            return "—"
        if isinstance(value, datetime):
            # minutes are enough, and a time means nothing to a reader without its zone
            zone = ZONE_NAMES.get(app.config["BABEL_DEFAULT_TIMEZONE"],
                                  app.config["BABEL_DEFAULT_TIMEZONE"])
            return f"{format_date(value, 'medium')} {format_time(value, 'short')} {zone}"
        return format_date(value, "long")

    @app.template_filter("angka")
    def _angka(value: float | int | None, places: int | None = None) -> str:
        return "—" if value is None else _format_number(value, str(get_locale()), places)

    @app.template_filter("ukuran_berkas")
    def _ukuran_berkas(size: int | None) -> str:
        """A file size as people read it: "120 KB", "1,2 MB" (id) / "1.2 MB" (en)."""
        if size is None:
            return "—"
        if size < 1024 * 1024:
            return format_decimal(max(1, math.ceil(size / 1024))) + "\u00a0KB"
        return format_decimal(round(size / (1024 * 1024), 1)) + "\u00a0MB"

    @app.template_filter("rupiah")
    def _rupiah(value: int | None) -> str:
        if value is None:
            return "—"
        return format_rupiah(value)

    @app.after_request
    def _headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        if hsts := app.config["PORTAL_HSTS_SECONDS"]:
            response.headers.setdefault("Strict-Transport-Security",
                                        f"max-age={hsts}; includeSubDomains")
        if request.path.startswith("/static/"):
            return response
        if "Cache-Control" not in response.headers and request.cookies.get("session"):
            response.headers["Cache-Control"] = "private, no-store"
        return response
