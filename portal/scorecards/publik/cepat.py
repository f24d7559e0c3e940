"""/instansi searches answered in the WSGI layer, before Flask runs (issue 13).

A search page is its frame (``bingkai.py``) around its results block, and the results block is
the OPD rows the worker has drawn (``indeks.Indeks.rows_html``) with a count, a CSV link, a
table head and the pagination. Once Flask has answered one search of a frame (language and
filters) in this worker under the current publication stamp, ``PublicPageCache`` answers every
later one here: the worker's index finds the OPDs, and the results block is the template
rendered once per frame and shape of the results (any or none, paged or not, which way it
pages) by a copy of the app's Jinja environment whose ``_``, ``ngettext``, ``url_for`` and
``url_with`` need no request context — the frame's catalogue and the app's URL map, called
directly — with marks for the count, the page numbers, the rows and the links, cut at the marks
and filled in per request. That skips Flask's request context, the session, Flask-Login,
Flask-Babel's context lookups on every ``gettext`` call, the view's wrapper, the response object
and Jinja itself, which together cost more than the search.

An OPD row not yet drawn in the request's language is drawn here, once, inside a request
context (its figures are formatted through Flask-Babel). Whatever this cannot put together — no
frame or no headers learnt yet, an htmx request for another target — returns None, and Flask
answers as it always does. The bytes and the headers are the same either way
(``tests/scorecards/publik/test_cepat.py``)."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

from flask import Flask
from jinja2 import Environment
from jinja2_fragments import render_block
from markupsafe import escape
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Request

from portal.core.forms import page_number
from portal.scorecards import cache
from portal.scorecards.publik import bingkai, indeks
from portal.scorecards.publik.indeks import Halaman
from portal.scorecards.publik.queries import Filter

PATH = "/instansi"
ENDPOINT = "scorecards.instansi_list"
#: the one htmx target whose answer is the results block alone (``bingkai.render``)
TARGET = "daftar-instansi"

#: what the results block is rendered with while it is cut (``Penjawab._block``): numbers no
#: list reaches, and letters no escaping changes
TOTAL_MARK, PAGE_MARK, PAGES_MARK, PREV_MARK, NEXT_MARK = (
    987654301, 987654302, 987654303, 987654304, 987654305)
ROWS_MARK, CSV_MARK, URL_MARK = "cepatBaris7f3d", "cepatCsv7f3d", "cepatUrl7f3d"

_BLOCK_MARKS = re.compile("(" + "|".join(map(re.escape, (
    ROWS_MARK, CSV_MARK, URL_MARK + "prev", URL_MARK + "next",
    *map(str, (TOTAL_MARK, PAGE_MARK, PAGES_MARK))))) + ")")

_local = threading.local()


class Penjawab:
    """What one app needs to answer searches without Flask: its Jinja environment, copied with
    request-free helpers, and its URL map bound once per script root."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.per_page = app.config["PORTAL_PAGE_SIZE"]
        env = _copy_environment(app.jinja_env)
        env.globals.update(url_for=self.url_for, url_with=self.url_with)
        env.install_gettext_callables(  # type: ignore[attr-defined]
            gettext=lambda s: _local.translations.ugettext(s),
            ngettext=lambda s, p, n: _local.translations.ungettext(s, p, n),
            pgettext=lambda c, s: _local.translations.upgettext(c, s),
            npgettext=lambda c, s, p, n: _local.translations.unpgettext(c, s, p, n),
            newstyle=True)
        self.env = env
        self._adapters: dict[str, Any] = {}

    def url_for(self, endpoint: str, **values: Any) -> str:
        """``flask.url_for`` for a path on this site (the app registers no URL defaults)."""
        return _local.adapter.build(endpoint, values)

    def url_with(self, **overrides: Any) -> str:
        """``templating.url_with`` of the list: this URL with some query arguments replaced
        (while a results block is cut: a mark for the previous or next page's link)."""
        if getattr(_local, "cutting", False):
            return URL_MARK + {PREV_MARK: "prev", NEXT_MARK: "next"}[overrides["page"]]
        return self.url_for(ENDPOINT, **{**_local.args.to_dict(), **overrides})

    def _adapter(self, environ: dict) -> Any:
        script = environ.get("SCRIPT_NAME", "")
        adapter = self._adapters.get(script)
        if adapter is None:
            adapter = self._adapters[script] = self.app.url_map.bind(
                environ.get("HTTP_HOST", "localhost"), script_name=script or None)
        return adapter

    def answer(self, environ: dict, stamp: Any, language: str
               ) -> tuple[str, list[tuple[str, str]], bytes, str] | None:
        fragment = _fragment(environ)
        if fragment is None:
            return None
        daftar = indeks.held(stamp)
        if daftar is None:
            return None
        request = Request(environ)
        args: MultiDict = request.args
        f = Filter.from_args(args)
        frame = daftar.frames.get(bingkai.frame_key(language, f))
        if frame is None or not frame.headers:
            return None
        page = daftar.page(f, page_number(args.get("page")), self.per_page)
        if not daftar.all_drawn(language, page.items):
            # rows not shown before in this language: drawn once, through Flask-Babel
            with self.app.request_context(environ):
                daftar.rows_html(page.items)
        _local.translations, _local.args = frame.translations, args
        _local.adapter = self._adapter(environ)
        values = {ROWS_MARK: daftar.rows_html(page.items, language),
                  CSV_MARK: str(escape(bingkai.csv_url(f, self.url_for))),
                  str(TOTAL_MARK): str(page.total), str(PAGE_MARK): str(page.page),
                  str(PAGES_MARK): str(page.pages)}
        if page.has_prev:
            values[URL_MARK + "prev"] = str(escape(self.url_with(page=page.prev_num)))
        if page.has_next:
            values[URL_MARK + "next"] = str(escape(self.url_with(page=page.next_num)))
        block = self._block(frame, page, values)
        if fragment:
            text = block
        else:
            text = bingkai.assemble(frame, request.full_path.rstrip("?"), f,
                                    str(daftar.pemda_options(f.pemda)), block, self.url_for)
        body = text.encode()
        etag = f'"{cache.etag_of(cache.key_of(stamp, environ, language))}"'
        return ("200 OK", [*frame.headers, ("ETag", etag), ("Content-Length", str(len(body)))],
                body, etag)


    def _block(self, frame: bingkai.Bingkai, page: Halaman, values: dict[str, str]) -> str:
        """The results block of ``page``: the template rendered once per frame and shape of
        the results (whether any, whether paged, which way it pages, and the count where the
        language says "1 OPD" differently) with marks for the count, the page numbers, the
        rows and the links, cut at them; each request fills them in."""
        plural = getattr(frame.translations, "plural", None) or (lambda n: int(n != 1))
        count = None if plural(page.total) == plural(TOTAL_MARK) else page.total
        shape = (bool(page.items), page.pages > 1, page.has_prev, page.has_next, count)
        pieces = frame.blocks.get(shape)
        if pieces is None:
            marked = _MarkedPage(page, count)
            _local.cutting = True
            try:
                text = render_block(self.env, bingkai.TEMPLATE, bingkai.BLOCK, page=marked,
                                    csv_url=CSV_MARK, rows_html=lambda rows: ROWS_MARK)
            finally:
                _local.cutting = False
            pieces = frame.blocks[shape] = _BLOCK_MARKS.split(text)
        return "".join([values[piece] if i % 2 else piece for i, piece in enumerate(pieces)])


@dataclass(frozen=True)
class _MarkedPage:
    """A page of results as the results block reads it, with marks for its numbers."""
    shape: Halaman
    count: int | None

    @property
    def items(self) -> list:
        return [None] if self.shape.items else []

    @property
    def total(self) -> int:
        return TOTAL_MARK if self.count is None else self.count

    page = property(lambda self: PAGE_MARK)
    pages = property(lambda self: PAGES_MARK if self.shape.pages > 1 else self.shape.pages)
    has_prev = property(lambda self: self.shape.has_prev)
    has_next = property(lambda self: self.shape.has_next)
    prev_num = property(lambda self: PREV_MARK)
    next_num = property(lambda self: NEXT_MARK)


#: what makes an Environment render a template the way another does
_OPTIONS = ("block_start_string", "block_end_string", "variable_start_string",
            "variable_end_string", "comment_start_string", "comment_end_string",
            "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
            "newline_sequence", "keep_trailing_newline", "undefined", "finalize", "autoescape",
            "optimized", "auto_reload")


def _copy_environment(source: Environment) -> Environment:
    """A new Environment rendering as ``source`` does, from the same templates, filters and
    globals, with templates compiled of its own (so they see its globals, not the app's). Not
    an ``overlay()``: that shares the globals dict, and the i18n extension's install methods
    stay bound to the original."""
    env = Environment(loader=source.loader, extensions=list(source.extensions),
                      **{name: getattr(source, name) for name in _OPTIONS})
    env.filters.update(source.filters)
    env.tests.update(source.tests)
    env.globals.update(source.globals)
    env.policies.update(source.policies)
    return env


def _fragment(environ: dict) -> bool | None:
    """False for a whole page, True for the results block alone (htmx targeting the list),
    None for any other htmx request (Flask decides what it gets)."""
    if not any(environ.get(h) for h in cache.HTMX_ENVIRON):
        return False
    if (environ.get("HTTP_HX_REQUEST") == "true" and environ.get("HTTP_HX_TARGET") == TARGET
            and environ.get("HTTP_HX_BOOSTED") != "true"
            and environ.get("HTTP_HX_HISTORY_RESTORE_REQUEST") != "true"):
        return True
    return None


def answer(app: Flask, environ: dict, stamp: Any, language: str
           ) -> tuple[str, list[tuple[str, str]], bytes, str] | None:
    penjawab = app.extensions.get("portal.cepat")
    if penjawab is None:
        penjawab = app.extensions["portal.cepat"] = Penjawab(app)
    return penjawab.answer(environ, stamp, language)
