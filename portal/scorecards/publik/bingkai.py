"""The /instansi page for a new search: the frame rendered once, the results block each time.

Around the results, the page of a search is the same for every search with the same filters
and language: the layout, the navigation, the form with its options. Rendering that with Jinja
took longer than finding the OPDs. So, per worker and publication (the frames live on the
``indeks.Indeks`` of the publication stamp), the full page is rendered once per (language,
whether a pemda is chosen, kab/kota, kind, sort) with placeholders for the search and the pemda
options, and cut around its results block; a request renders only the results block (the
small template) and fills in its search, its pemda options and the language links' return
address. The bytes are those of a full render (a test compares them).

Only a full page for an anonymous visitor without a flash message takes this path; an htmx
request already gets the results block alone."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from flask import current_app, make_response, render_template, request, session, url_for
from flask.wrappers import Response
from flask_babel import get_locale, get_translations
from flask_login import current_user
from jinja2_fragments.flask import render_block
from markupsafe import escape

from portal.core.rendering import render_page
from portal.extensions import htmx
from portal.scorecards import cache
from portal.scorecards.publik.indeks import Halaman, Indeks
from portal.scorecards.publik.queries import Filter

TEMPLATE = "scorecards/publik/list.html"
BLOCK = "results"
#: stand-ins while the frame is rendered (letters and digits: no escaping changes them)
SEARCH_MARK = "bingkaiCari7f3d"
PEMDA_MARK = "bingkaiPemda7f3d"
MAX_FRAMES = 256


@dataclass(frozen=True)
class Bingkai:
    before: str
    after: str
    #: the language links as rendered in the frame, by language code
    links: dict[str, str]
    #: the catalogue of the frame's language (``cepat.py`` renders the results block with it)
    translations: Any = None
    #: the headers of the first whole page Flask answered with this frame, but the ETag and
    #: the length: what ``cepat.py`` answers with (filled once by PublicPageCache)
    headers: list[tuple[str, str]] = field(default_factory=list)

    def learn_headers(self, headers: list[tuple[str, str]]) -> None:
        if not self.headers:
            self.headers[:] = [(k, v) for k, v in headers
                               if k.lower() not in ("etag", "content-length", "set-cookie")]


def frame_key(language: str, f: Filter) -> tuple:
    return (language, bool(f.pemda), f.kabkota, f.jenis, f.sort)


def language_links(full_path: str, codes: Iterable[str],
                   build: Callable[..., str] = url_for) -> dict[str, str]:
    """The href of each language link, as base.html writes it for this request."""
    return {code: str(escape(build("site.switch_language", kode=code, next=full_path)))
            for code in codes}


def assemble(frame: Bingkai, full_path: str, q: str, pemda_options: str, block: str,
             build: Callable[..., str] = url_for) -> str:
    """The whole page: the frame filled in for this request around its results block."""
    links = language_links(full_path, frame.links, build)
    return (_fill(frame.before, frame, links, q, pemda_options) + block
            + _fill(frame.after, frame, links, q, pemda_options))


def _build(context: dict, f: Filter) -> Bingkai | None:
    marked = {**context, "f": replace(f, q=SEARCH_MARK), "pemda_options": PEMDA_MARK,
              "page": Halaman([], 1, context["page"].per_page, 0)}
    full = render_template(TEMPLATE, **marked)
    block = render_block(TEMPLATE, BLOCK, **marked)
    parts = full.split(block)
    if len(parts) != 2:
        return None  # the block is not where a frame can be cut: render whole pages
    return Bingkai(parts[0], parts[1], language_links(request.full_path.rstrip("?"),
                                                  current_app.config["PORTAL_LANGUAGES"]),
                   get_translations())


def _fill(text: str, frame: Bingkai, links: dict[str, str], q: str, pemda_options: str) -> str:
    for code, href in frame.links.items():
        text = text.replace(f'href="{href}"', f'href="{links[code]}"')
    return text.replace(SEARCH_MARK, str(escape(q))).replace(PEMDA_MARK, pemda_options, 1)


def render(daftar: Indeks, f: Filter, **context) -> Response:
    """``render_page`` of the list, with the frame of ``daftar`` where it may be used."""
    context["f"] = f
    if htmx or current_user.is_authenticated or session.get("_flashes"):
        return render_page(TEMPLATE, fragments={"daftar-instansi": BLOCK}, **context)
    # the chosen pemda only marks one of the 548 options, filled in like the search: one
    # frame serves every pemda (whether one is chosen still opens the filter panel)
    key = frame_key(str(get_locale()), f)
    frame = daftar.frames.get(key)
    if frame is None and key not in daftar.frames:
        frame = _build(context, f)
        if len(daftar.frames) >= MAX_FRAMES:
            daftar.frames.clear()
        daftar.frames[key] = frame
    if frame is None:
        return render_page(TEMPLATE, fragments={"daftar-instansi": BLOCK}, **context)
    body = assemble(frame, request.full_path.rstrip("?"), f.q, str(context["pemda_options"]),
                    render_block(TEMPLATE, BLOCK, **context))
    # PublicPageCache hands the headers it answered with to the frame, for cepat.py
    request.environ[cache.AFTER_ANSWER] = frame.learn_headers
    response = make_response(body)
    response.vary.add("HX-Request")
    response.vary.add("HX-Target")
    return response
