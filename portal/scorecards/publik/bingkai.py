"""The /instansi page for a new search: the frame rendered once, the results block each time.

Around the results, the page of a search is the same for every search with the same filters
and language: the layout, the navigation, the form with its options. Rendering that with Jinja
took longer than finding the OPDs. So, per worker and publication (the frames live on the
``indeks.Indeks`` of the publication stamp), the full page is rendered once per (language,
filter panel open or not, kab/kota) with placeholders for the search and the pemda, kind and
sort options, cut around its results block and at each placeholder and language link; a
request renders only the results block (the small template) and fills in its search, its
options with the chosen one marked and the language links' return address. The bytes are
those of a full render (a test compares them). ``cepat.py`` uses the same frames in the WSGI
layer.

Only a full page for an anonymous visitor without a flash message takes this path; an htmx
request already gets the results block alone."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from flask import current_app, make_response, render_template, request, session, url_for
from flask.wrappers import Response
from flask_babel import get_locale, get_translations
from flask_login import current_user
from jinja2_fragments.flask import render_block
from markupsafe import Markup, escape

from portal.core.rendering import render_page
from portal.extensions import htmx
from portal.scorecards import cache
from portal.scorecards.publik.indeks import Halaman, Indeks, mark_selected, options_html
from portal.scorecards.publik.queries import Filter

TEMPLATE = "scorecards/publik/list.html"
BLOCK = "results"
#: stand-ins while the frame is rendered (letters and digits: no escaping changes them)
SEARCH_MARK = "bingkaiCari7f3d"
PEMDA_MARK = "bingkaiPemda7f3d"
JENIS_MARK = "bingkaiJenis7f3d"
SORT_MARK = "bingkaiUrut7f3d"
MAX_FRAMES = 256


@dataclass(frozen=True)
class Bingkai:
    #: the page before and after the results block, cut at every place a request fills in
    #: (``_cut``): the text between them at even indices, what is filled in at odd ones
    before: list[str]
    after: list[str]
    #: the language links as rendered in the frame, by language code
    links: dict[str, str]
    #: the kind and sort ``<option>``s in the frame's language, none selected
    jenis_html: str = ""
    sort_html: str = ""
    #: the catalogue of the frame's language (``cepat.py`` renders the results block with it)
    translations: Any = None
    #: the headers of the first whole page Flask answered with this frame, but the ETag and
    #: the length: what ``cepat.py`` answers with (filled once by PublicPageCache)
    headers: list[tuple[str, str]] = field(default_factory=list)
    #: the results block cut by ``cepat.py``, by the shape of the results
    blocks: dict[tuple, list[str]] = field(default_factory=dict)

    def learn_headers(self, headers: list[tuple[str, str]]) -> None:
        if not self.headers:
            self.headers[:] = [(k, v) for k, v in headers
                               if k.lower() not in ("etag", "content-length", "set-cookie")]


def frame_key(language: str, f: Filter) -> tuple:
    """Which frame a search takes: its language, whether the filter panel is open, and the
    kab/kota (a hidden field). The chosen pemda, kind and sort only mark one option each, and
    are filled in like the search: a handful of frames serve every filter."""
    return (language, _panel_open(f), f.kabkota)


def _panel_open(f: Filter) -> bool:
    return bool(f.pemda or f.kabkota or f.jenis or f.sort != "nama")


def choices_html(context: dict, f: Filter) -> dict[str, Markup]:
    """The kind and sort ``<option>``s of the form, the chosen ones marked."""
    return {"jenis_options": mark_selected(options_html(context["jenis_choices"]), f.jenis),
            "sort_options": mark_selected(options_html(context["sort_choices"]), f.sort)}


def csv_url(f: Filter, build: Callable[..., str] = url_for) -> str:
    """The download of the list as filtered (the search, pemda, kab/kota and kind; not the
    sort or the page)."""
    return build("scorecards.list_download", fmt="csv", q=f.q or None, pemda=f.pemda or None,
                 kabkota=f.kabkota or None, jenis=f.jenis or None)


def language_links(full_path: str, codes: Iterable[str],
                   build: Callable[..., str] = url_for) -> dict[str, str]:
    """The href of each language link, as base.html writes it for this request."""
    return {code: str(escape(build("site.switch_language", kode=code, next=full_path)))
            for code in codes}


def assemble(frame: Bingkai, full_path: str, f: Filter, pemda_options: str, block: str,
             build: Callable[..., str] = url_for) -> str:
    """The whole page: the frame filled in for this request around its results block."""
    values = {JENIS_MARK: mark_selected(frame.jenis_html, f.jenis),
              SORT_MARK: mark_selected(frame.sort_html, f.sort), PEMDA_MARK: pemda_options,
              SEARCH_MARK: str(escape(f.q))}
    for code, href in language_links(full_path, frame.links, build).items():
        values[f'href="{frame.links[code]}"'] = f'href="{href}"'
    return _fill(frame.before, values) + block + _fill(frame.after, values)


def _cut(text: str, links: dict[str, str]) -> list[str]:
    """``text`` split around the marks and the language links' hrefs, in one pass: what a
    visitor types is filled in afterwards, so it can never be taken for a mark."""
    places = [JENIS_MARK, SORT_MARK, PEMDA_MARK, SEARCH_MARK,
              *(f'href="{href}"' for href in links.values())]
    return re.split("(" + "|".join(map(re.escape, places)) + ")", text)


def _fill(pieces: list[str], values: dict[str, str]) -> str:
    return "".join([values[piece] if i % 2 else piece for i, piece in enumerate(pieces)])


def _build(context: dict, f: Filter) -> Bingkai | None:
    marked = {**context, "f": replace(f, q=SEARCH_MARK), "pemda_options": PEMDA_MARK,
              "jenis_options": JENIS_MARK, "sort_options": SORT_MARK,
              "page": Halaman([], 1, context["page"].per_page, 0)}
    full = render_template(TEMPLATE, **marked)
    block = render_block(TEMPLATE, BLOCK, **marked)
    parts = full.split(block)
    if len(parts) != 2:
        return None  # the block is not where a frame can be cut: render whole pages
    links = language_links(request.full_path.rstrip("?"), current_app.config["PORTAL_LANGUAGES"])
    return Bingkai(_cut(parts[0], links), _cut(parts[1], links), links,
                   options_html(context["jenis_choices"]), options_html(context["sort_choices"]),
                   get_translations())


def render(daftar: Indeks, f: Filter, **context) -> Response:
    """``render_page`` of the list, with the frame of ``daftar`` where it may be used."""
    context["f"] = f
    context["csv_url"] = csv_url(f)
    context.update(choices_html(context, f))
    if htmx or current_user.is_authenticated or session.get("_flashes"):
        return render_page(TEMPLATE, fragments={"daftar-instansi": BLOCK}, **context)
    key = frame_key(str(get_locale()), f)
    frame = daftar.frames.get(key)
    if frame is None and key not in daftar.frames:
        frame = _build(context, f)
        if len(daftar.frames) >= MAX_FRAMES:
            daftar.frames.clear()
        daftar.frames[key] = frame
    if frame is None:
        return render_page(TEMPLATE, fragments={"daftar-instansi": BLOCK}, **context)
    body = assemble(frame, request.full_path.rstrip("?"), f, str(context["pemda_options"]),
                    render_block(TEMPLATE, BLOCK, **context))
    # PublicPageCache hands the headers it answered with to the frame, for cepat.py
    request.environ[cache.AFTER_ANSWER] = frame.learn_headers
    response = make_response(body)
    response.vary.add("HX-Request")
    response.vary.add("HX-Target")
    return response
