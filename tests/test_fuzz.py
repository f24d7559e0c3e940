"""A standing fuzz test (issue 12): every rule of ``app.url_map``, GET and POST, anonymous and each
role let in, sent a fixed table of bad values in every URL parameter, query parameter and form
field: empty, huge, negative, NUL, control characters and newlines, unicode, wrong type,
impossible dates, an oversized body and a malformed multipart body. The portal must answer no
5xx, and every 4xx page must be the site's own page, in the reader's language.

Nobody lists what is fuzzed: the rules come from ``app.url_map`` (through the access matrix's
table, which fails for a rule without an entry), the form fields from the forms the GET pages
draw (their ``action`` tells which POST rule they feed) plus every field of every WTForms class
in the portal, and the query parameters from the GET forms. A route added later is fuzzed the
day it is added. The table of values is fixed (no randomness), so a failure repeats.

The world and the signed-in clients are those of tests/test_access_matrix.py; every request runs
in a SAVEPOINT that is rolled back."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from html.parser import HTMLParser
from itertools import cycle, islice
from urllib.parse import quote, urlencode, urlsplit

import pytest
from flask import Flask
from flask_wtf import FlaskForm

from tests.test_access_matrix import (  # noqa: F401 - ``matrix`` is the fixture used below
    ANONIM,
    PARAM_RE,
    TABLE,
    Entry,
    Matrix,
    matrix,
)

#: the bad values, each tried in every parameter and field of every rule (rotated over roles)
BAD = [
    "", " ", "0", "-1", "-99999999999999999999", "99999999999999999999", "1.5", "1e309",
    "NaN", "abc", "\x00", "a\x00b", "\r\nX-Disisipkan: 1", "baris\npertama", "é🙂𝕏ẞ",
    "a" * 5000, "0001-01-01", "9999-12-31", "2026-02-30", "31/12/2026", "2026-13-01T25:61",
    "%", "%00", "'\"<>&;", "../../etc/passwd", "[]", "{}", "true",
]
#: path parameters that are not ids (``<int:…>`` ids beyond the database's range are
#: tests/core/test_routing.py's; here they stay valid so the view gets to the bad fields)
STRING_PATH_VALUES = ["", "x" * 300, "é🙂", "a\x00b", "..", "A%0D%0AB"]
#: answers that are not pages in the site layout by design
NOT_PAGES = ("/open311/", "/api/", "/data/", "/healthz", "/favicon.ico")
LAYOUT = 'class="site-header"'


class _Forms(HTMLParser):
    """Every form on a page: its method, action and fields with the values the page fills in
    (an input's value, a textarea's text, the selected or first real option of a select)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, str, dict[str, str]]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(((a.get("method") or "get").lower(), a.get("action", ""), {}))
            return
        if not self.forms or not a.get("name"):
            if tag == "option" and self._select and self.forms:
                fields = self.forms[-1][2]
                if "selected" in a or not fields.get(self._select):
                    fields[self._select] = a.get("value", "")
            return
        fields = self.forms[-1][2]
        name = a["name"]
        if tag == "select":
            self._select = name
            fields.setdefault(name, "")
        elif tag == "textarea":
            self._textarea = name
            fields.setdefault(name, "")
        elif tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if name not in fields or "checked" in a:
                    fields[name] = a.get("value", "y")
            elif kind not in ("submit", "file", "image", "reset"):
                fields[name] = a.get("value", "")
        elif tag == "button" and a.get("value"):
            fields.setdefault(name, a["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1][2][self._textarea] += data


def _wtforms_fields() -> set[str]:
    """Every field name of every form class in the portal (the dynamic ones add theirs on the
    pages, which are parsed too)."""
    import portal  # noqa: F401 - the app is built, so every forms module is imported

    names: set[str] = set()
    todo = list(FlaskForm.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        for name, value in vars(cls).items():
            if hasattr(value, "field_class"):  # an UnboundField
                names.add(name)
    return names - {"csrf_token"}


def _plausible(name: str, value: str) -> str:
    """A field the page left empty, filled so the form's other checks pass and the bad value in
    the field under test reaches the view's own rules."""
    if value:
        return value
    if "email" in name:
        return "warga@example.org"
    if "telepon" in name:
        return "081234567890"
    if "tanggal" in name or "batas" in name:
        return "2026-11-02"
    if name in ("tahun",):
        return "2026"
    return "Isian uji yang cukup panjang agar lolos batas panjang minimum formulir ini."


def _values(n: int, offset: int) -> list[str]:
    return list(islice(cycle(BAD), offset, offset + n))


def _is_page(path: str) -> bool:
    return not path.startswith(NOT_PAGES)


def _actors(entry: Entry) -> list[str]:
    """Anonymous, and the roles let in on the first object variant (they reach the view's own
    parsing); a rule nobody signed in may use is fuzzed anonymously."""
    variant = entry.variants()[0]
    let_in = sorted(r for r in entry.actors() if r != ANONIM
                    and entry.expected(variant, r) == "ok")
    return [ANONIM, *let_in[:2]]


def _bad_path(entry: Entry, url: str, value: str) -> str | None:
    """The rule's URL with its first string parameter (not an id, not a fixed choice) replaced
    by ``value``."""
    rule_segments = entry.rule.split("/")
    segments = url.split("/")
    if len(segments) != len(rule_segments):
        return None
    for i, segment in enumerate(rule_segments):
        match = PARAM_RE.fullmatch(segment)
        if match and not segment.startswith(("<int:", "<any(")):
            segments[i] = quote(value, safe="")
            return "/".join(segments)
    return None


class Finding:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def check(self, role: str, method: str, url: str, response, lang: str = "id") -> None:
        code = response.status_code
        where = f"{method} {url[:160]!r} as {role}"
        if code >= 500:
            self.problems.append(f"{where}: {code}")
            return
        path = urlsplit(url).path
        if 400 <= code < 500 and _is_page(path) and response.mimetype == "text/html":
            body = response.get_data(as_text=True)
            if LAYOUT not in body:
                self.problems.append(f"{where}: {code} outside the site layout")
            elif f'<html lang="{lang}"' not in body:
                self.problems.append(f"{where}: {code} not in language {lang}")


def _post(matrix: Matrix, role: str, url: str, data: dict, **kw):
    client = matrix.clients[role]
    with matrix.rolled_back():
        response = client.post(url, data={**data, "csrf_token": matrix.tokens[role]}, **kw)
    with client.session_transaction() as session:
        session.pop("_flashes", None)
    return response


def _get(matrix: Matrix, role: str, url: str, **kw):
    client = matrix.clients[role]
    with matrix.rolled_back():
        response = client.get(url, **kw)
    with client.session_transaction() as session:
        session.pop("_flashes", None)
    return response


def _rule_of(path: str, app: Flask) -> str | None:
    adapter = app.url_map.bind("localhost")
    for method in ("POST", "GET"):
        try:
            rule, _args = adapter.match(path, method=method, return_rule=True)
            return rule.rule
        except Exception:  # noqa: BLE001 - not a route of this method
            continue
    return None


@pytest.fixture(scope="module")
def discovered(app: Flask, matrix: Matrix) -> tuple[dict[str, dict[str, str]], set[str]]:
    """Form fields per POST rule, with the values the page fills in, and query parameter names,
    read from every GET page each role may open."""
    fields: dict[str, dict[str, str]] = defaultdict(dict)
    query_names: set[str] = set()
    for entry in TABLE:
        if entry.method != "GET":
            continue
        for role in _actors(entry):
            url = matrix.url(entry, entry.variants()[0])
            response = _get(matrix, role, url)
            if response.mimetype != "text/html" or response.status_code != 200:
                continue
            parser = _Forms()
            parser.feed(response.get_data(as_text=True))
            for method, action, names in parser.forms:
                target = urlsplit(action).path or urlsplit(url).path
                if method == "get":
                    query_names |= set(names)
                elif (rule := _rule_of(target, app)) is not None:
                    for name, value in names.items():
                        fields[rule].setdefault(name, value)
    query_names |= {"q", "page", "halaman", "status", "jenis", "urut", "opd", "unit", "periode",
                    "pemda", "kabkota", "tabel", "publikasi", "next", "start_date", "end_date",
                    "service_request_id", "service_code", "terlambat", "fmt"}
    return fields, query_names - {"csrf_token"}


def _cases() -> Iterator:
    for entry in TABLE:
        yield pytest.param(entry, id=f"{entry.method} {entry.rule}")


@pytest.mark.parametrize("entry", list(_cases()))
def test_no_server_error_on_bad_input(app: Flask, matrix: Matrix, discovered, entry: Entry):
    fields, query_names = discovered
    finding = Finding()
    variant = entry.variants()[0]
    url = matrix.url(entry, variant)
    base, _, own_query = url.partition("?")
    actors = _actors(entry)
    for n, role in enumerate(actors):
        values = _values(len(BAD) // 2 + 1, offset=n * (len(BAD) // 2))
        if entry.method == "GET":
            for value in values:
                query = urlencode({name: value for name in sorted(query_names)})
                full = f"{base}?{own_query + '&' if own_query else ''}{query}"
                finding.check(role, "GET", full, _get(matrix, role, full))
        else:
            fixed = {k: matrix._fill(v, entry, variant) for k, v in entry.data.items()}
            # every known field at once with each value (names no page shows included) …
            for value in values[:6]:
                data = {name: value for name in sorted(_WTFORMS | set(fields.get(entry.rule, {})))}
                finding.check(role, "POST", url, _post(matrix, role, url, {**data, **fixed}))
            # … and, where a page draws this form, one field at a time beside the page's own
            # values, so the bad one reaches the view's rules past the form's other checks
            if role != ANONIM and (page_values := fields.get(entry.rule)):
                baseline = {k: _plausible(k, v) for k, v in page_values.items()}
                offset = 0
                for name in sorted(baseline):
                    if name == "csrf_token" or name in fixed:
                        continue
                    for value in _values(3, offset):
                        data = {**baseline, name: value, **fixed}
                        finding.check(role, "POST", f"{url} [{name}={value[:20]!r}]",
                                      _post(matrix, role, url, data))
                    offset += 3
        for value in STRING_PATH_VALUES[n::2]:
            bad = _bad_path(entry, base, value)
            if bad is not None:
                send = _get if entry.method == "GET" else _post
                args = () if entry.method == "GET" else ({},)
                finding.check(role, entry.method, bad, send(matrix, role, bad, *args))
        if entry.method == "POST":
            # a multipart body that stops in the middle, and a body over the size limit
            broken = (b"--frontier\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
                      + matrix.tokens[role].encode() + b"\r\n--frontier\r\nContent-Disposition: "
                      b"form-data; name=\"lampiran\"; filename=\"a.jpg\"\r\n\r\n\xff\xd8\xff")
            response = _post_raw(matrix, role, url, broken,
                                 "multipart/form-data; boundary=frontier")
            finding.check(role, "POST", url + " (broken multipart)", response)
            huge = b"x=" + b"a" * (app.config["MAX_CONTENT_LENGTH"] + 1)
            response = _post_raw(matrix, role, url, huge, "application/x-www-form-urlencoded")
            finding.check(role, "POST", url + " (oversized)", response)
    assert not finding.problems, "\n".join(finding.problems)


def _post_raw(matrix: Matrix, role: str, url: str, body: bytes, content_type: str):
    client = matrix.clients[role]
    with matrix.rolled_back():
        response = client.post(url, data=body, content_type=content_type)
    with client.session_transaction() as session:
        session.pop("_flashes", None)
    return response


def test_error_pages_speak_the_readers_language(matrix: Matrix):
    """A bad request in English gets the site's English page."""
    client = matrix.clients[ANONIM]
    client.set_cookie("bahasa", "en")
    try:
        finding = Finding()
        for url in ("/instansi/%00", "/pengaduan/a%0Db", "/kinerja/skp/99999999999999999999",
                    "/data/instansi/x/ikm.xyz"):
            finding.check(ANONIM, "GET", url, _get(matrix, ANONIM, url), lang="en")
        assert not finding.problems, "\n".join(finding.problems)
    finally:
        client.delete_cookie("bahasa")


_WTFORMS: set[str] = set()


@pytest.fixture(scope="module", autouse=True)
def _form_fields(app: Flask):
    _WTFORMS.update(_wtforms_fields())
