"""The published OPD list held in each worker's memory, for ``/instansi`` searches (issue 13).

A new search or filter combination is a URL no page cache holds; at national scale (~20,000
OPDs) asking the database for it each time, and building ORM objects for the rows, cost far more
than the 3 ms the miss path may take. So each worker keeps one compact copy of the current
list — the columns the list shows, sorts and filters on — built once per *publication stamp*
(``cache.stamp()``: the same stamp that drops the page cache, so a publication anywhere reaches
every worker within PORTAL_PUBLIC_STAMP_SECONDS, at once in the publishing worker), with every
sort order computed at build time. A request then filters an already sorted list in C-speed
passes (``compress``/``map``) and slices one page of it.

It answers exactly what ``queries.current_list`` answers (a property test checks it): the name
order is the database's own (``ORDER BY opd_nama, id``, so collation rules are the database's),
the other sorts use that rank as their tie-break, as the SQL does; ``q`` is a literal,
case-insensitive substring of the name, as the escaped ILIKE is."""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import compress, islice, repeat
from operator import attrgetter, contains, eq
from typing import Any

import sqlalchemy as sa
from flask import get_template_attribute
from flask_babel import get_locale
from markupsafe import Markup, escape

from portal.extensions import db
from portal.org.models import JENIS_OPD_LABEL, JenisOpd
from portal.scorecards import cache
from portal.scorecards.models import TRIWULAN_LABEL, PublikasiRapor, RaporOpd
from portal.scorecards.publik.queries import SORTS, Filter

ROW_TEMPLATE = "scorecards/publik/_list_row.html"


@dataclass(frozen=True, slots=True)
class Periode:
    """What the list shows of an OPD's publication."""
    tahun: int
    triwulan: int

    @property
    def periode_label(self) -> str:
        return f"{TRIWULAN_LABEL[self.triwulan]} {self.tahun}"


@dataclass(frozen=True, slots=True)
class Baris:
    """One OPD of the list, with the attributes the list template reads of a ``RaporOpd``."""
    id: int
    opd_slug: str
    opd_nama: str
    #: the name lower-cased once, for the case-insensitive search
    kunci: str
    jenis: str
    pemda_slug: str
    pemda_nama: str
    kabkota_kode: str | None
    kabkota_nama: str | None
    responden: int
    ikm: Decimal | None
    mutu: str | None
    pengaduan_diterima: int
    persen_pengaduan_tepat_waktu: Decimal | None
    persen_standar_tepat_waktu: Decimal | None
    publikasi: Periode
    #: position in the database's name order (the tie-break of every other sort); not part of
    #: what the row shows, so not of its equality (``Indeks.carry_rows``)
    rank: int = field(compare=False)


@dataclass(frozen=True)
class Halaman:
    """One page of results, with what the pagination macro reads (as Flask-SQLAlchemy's)."""
    items: list[Baris]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return math.ceil(self.total / self.per_page) if self.total and self.per_page else 0

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def prev_num(self) -> int | None:
        return self.page - 1 if self.has_prev else None

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def next_num(self) -> int | None:
        return self.page + 1 if self.has_next else None


def _desc_nulls_last(column: str) -> Callable[[Baris], tuple]:
    getter = attrgetter(column)

    def key(row: Baris) -> tuple:
        value = getter(row)
        return (value is None, -value if value is not None else 0, row.rank)
    return key


def _asc_nulls_last(column: str) -> Callable[[Baris], tuple]:
    getter = attrgetter(column)

    def key(row: Baris) -> tuple:
        value = getter(row)
        return (value is None, value if value is not None else 0, row.rank)
    return key


#: the Python twin of each ``queries.SORTS`` entry
SORT_KEYS: dict[str, Callable[[Baris], Any]] = {
    "nama": attrgetter("rank"),
    "ikm-tertinggi": _desc_nulls_last("ikm"),
    "ikm-terendah": _asc_nulls_last("ikm"),
    "pengaduan-tepat-waktu": _desc_nulls_last("persen_pengaduan_tepat_waktu"),
    "standar-tepat-waktu": _desc_nulls_last("persen_standar_tepat_waktu"),
}
assert SORT_KEYS.keys() == SORTS.keys()


#: a search whose trigrams leave more candidates than this tests every name of its slice instead
CANDIDATE_LIMIT = 1000


#: how many common searches (``Indeks.flags``) a worker remembers: 20 KB each nationally
FLAGS_KEPT = 1024


class _Potongan:
    """Some rows of the list in one sort order (all, or one pemda's, one kind's …), with their
    search keys and name ranks alongside."""

    __slots__ = ("rows", "kunci", "ranks")

    def __init__(self, rows: list[Baris]) -> None:
        self.rows = rows
        self.kunci = [row.kunci for row in rows]
        self.ranks = [row.rank for row in rows]

    def matching(self, flags: bytes) -> Iterator[Baris]:
        """The rows whose name holds the search ``flags`` were computed for, in this order."""
        return compress(self.rows, map(flags.__getitem__, self.ranks))

    def count(self, flags: bytes) -> int:
        return sum(map(flags.__getitem__, self.ranks))

    def search(self, needle: str) -> list[Baris]:
        return list(compress(self.rows, map(contains, self.kunci, repeat(needle))))


_EMPTY = _Potongan([])


class _Trigram:
    """Which names hold each three-letter piece, as a bit mask over the name order: the names
    that may hold a search of three letters or more are the AND of its pieces' masks, and
    only those are tested (a search for a rare word tests dozens of names, not 20,000)."""

    def __init__(self, rows: list[Baris]) -> None:
        self.rows = rows
        bits: dict[str, bytearray] = {}
        size = len(rows) // 8 + 1
        for i, row in enumerate(rows):
            byte, bit = divmod(i, 8)
            key = row.kunci
            for gram in {key[j:j + 3] for j in range(len(key) - 2)}:
                mask = bits.get(gram)
                if mask is None:
                    mask = bits[gram] = bytearray(size)
                mask[byte] |= 1 << bit
        self.masks = {gram: int.from_bytes(mask, "little") for gram, mask in bits.items()}

    def mask(self, needle: str) -> int | None:
        """The AND of the masks of ``needle``'s trigrams; None when it is shorter than three."""
        if len(needle) < 3:
            return None
        mask = -1
        for j in range(len(needle) - 2):
            mask &= self.masks.get(needle[j:j + 3], 0)
            if not mask:
                return 0
        return mask

    def common(self, needle: str) -> bool:
        """Whether the masks leave too many names to test one by one (or none apply)."""
        mask = self.mask(needle)
        return mask is None or mask.bit_count() > CANDIDATE_LIMIT

    def candidates(self, needle: str) -> list[Baris] | None:
        """The rows, in name order, that hold every trigram of ``needle``; None when the
        search is too short, or too common for the masks to save work."""
        mask = self.mask(needle)
        if mask is None or mask.bit_count() > CANDIDATE_LIMIT:
            return None
        if not mask:
            return []
        # bit i of the mask is row i: read the set bits from the binary digits, lowest first
        digits, rows, found = bin(mask)[:1:-1], self.rows, []
        at = digits.find("1")
        while at >= 0:
            if needle in rows[at].kunci:
                found.append(rows[at])
            at = digits.find("1", at + 1)
        return found


#: the filters that pick a slice of the list, and the column each compares
SLICES = {"pemda": "pemda_slug", "kabkota": "kabkota_kode", "jenis": "jenis"}


def _group(rows: list[Baris], attribute: str) -> dict[str, _Potongan]:
    groups: dict[str, list[Baris]] = {}
    getter = attrgetter(attribute)
    for row in rows:
        if getter(row) is not None:
            groups.setdefault(getter(row), []).append(row)
    return {key: _Potongan(members) for key, members in groups.items()}


class _Urutan:
    """The list in one sort order: whole, and sliced by pemda, by kab/kota and by kind."""

    def __init__(self, rows: list[Baris], trigram: _Trigram) -> None:
        self.semua = _Potongan(rows)
        self.by = {name: _group(rows, column) for name, column in SLICES.items()}
        self.trigram = trigram
        #: position in this order of each row, by its name rank
        self.posisi = [0] * len(rows)
        for position, row in enumerate(rows):
            self.posisi[row.rank] = position

    def search(self, f: Filter) -> list[Baris]:
        chosen = [(name, value) for name, value in (("pemda", f.pemda), ("kabkota", f.kabkota),
                                                    ("jenis", f.jenis)) if value]
        needle = f.q.lower()
        rows = self.trigram.candidates(needle) if needle and not f.pemda else None
        if rows is not None:  # a few names hold the search: put them in this order
            posisi = self.posisi
            rows.sort(key=lambda row: posisi[row.rank])
        else:  # start from the narrowest slice a filter picks, test the search on its rows
            potongan = self.by[chosen[0][0]].get(chosen[0][1], _EMPTY) if chosen else self.semua
            rows = potongan.search(needle) if needle else potongan.rows
            chosen = chosen[1:]
        for name, value in chosen:
            rows = list(compress(rows, map(eq, map(attrgetter(SLICES[name]), rows),
                                           repeat(value))))
        return rows


class Indeks:
    """The current published OPD list of one publication stamp."""

    def __init__(self, rows: list[Baris]) -> None:
        #: the frames of the list page around its results (``bingkai.py``), of this stamp
        self.frames: dict[tuple, Any] = {}
        self._baris_html: dict[tuple[str, int], Markup] = {}
        trigram = _Trigram(rows)
        self.urutan = {sort: _Urutan(sorted(rows, key=key) if sort != "nama" else rows, trigram)
                       for sort, key in SORT_KEYS.items()}
        jenis_present = {row.jenis for row in rows}
        self._pemda = sorted({(r.pemda_slug, r.pemda_nama) for r in rows}, key=lambda x: x[1])
        self._kabkota = sorted({(r.kabkota_kode, r.kabkota_nama) for r in rows
                                if r.kabkota_kode}, key=lambda x: x[0])
        self._jenis = [j for j in JenisOpd if j.value in jenis_present]
        # 548 <option>s drawn by Jinja cost more than the whole rest of the page: written once
        # here, byte for byte as the template's loop wrote them
        self._pemda_html = options_html(self._pemda)
        self.trigram = trigram
        self._flags: OrderedDict[str, tuple[bytes, int]] = OrderedDict()
        self._flags_lock = threading.Lock()

    def carry_rows(self, older: Indeks) -> None:
        """Keep the table rows ``older`` drew for OPDs this list shows unchanged: a published
        row never changes, so after a publication elsewhere a worker redraws only the rows of
        the new publication, not 20,000 of them."""
        before = {row.id: row for row in older.urutan["nama"].semua.rows}
        same = {row.id for row in self.urutan["nama"].semua.rows if before.get(row.id) == row}
        self._baris_html = {key: html for key, html in older._baris_html.items()
                            if key[1] in same}

    def baris_html(self, row: Baris, language: str | None = None) -> Markup:
        """The list's table row of ``row`` in ``language`` (the request's by default), drawn
        the first time it is shown under this stamp (about 20,000 small strings per language
        nationally): a search page puts together rows already drawn instead of running the
        template for each. Drawing needs a request context (Flask-Babel formats the figures)."""
        key = (language or str(get_locale()), row.id)
        html = self._baris_html.get(key)
        if html is None:
            html = self._baris_html[key] = Markup(
                get_template_attribute(ROW_TEMPLATE, "row")(row))
        return html

    def rows_html(self, rows: Sequence[Baris], language: str | None = None) -> Markup:
        """The table rows of ``rows``, one string (the template makes one call, not one a row)."""
        return Markup("\n        ".join([self.baris_html(row, language) for row in rows]))

    def all_drawn(self, language: str, rows: Sequence[Baris]) -> bool:
        """Whether every row of ``rows`` is already drawn in ``language``."""
        memo = self._baris_html
        return all((language, row.id) in memo for row in rows)

    def pemda_options(self, selected: str) -> Markup:
        """The pemda filter's ``<option>`` elements, ``selected`` marked."""
        return mark_selected(self._pemda_html, selected)

    def options(self) -> dict[str, list[tuple[str, str]]]:
        """The same as ``queries.filter_options()`` (jenis labels in the request's language)."""
        return {"pemda": self._pemda, "kabkota": self._kabkota,
                "jenis": [(j.value, str(JENIS_OPD_LABEL[j])) for j in self._jenis]}

    def search(self, f: Filter) -> Sequence[Baris]:
        return self.urutan.get(f.sort, self.urutan["nama"]).search(f)

    def flags(self, needle: str) -> tuple[bytes, int]:
        """For a common search (a word most names hold, or one or two letters): one byte per
        name rank, 1 where the name holds ``needle``, and how many do. Worked out in one C-speed
        pass over every name the first time, then remembered (the ``FLAGS_KEPT`` most recent):
        people search for the same few common words, and testing 20,000 names was most of
        such a request."""
        with self._flags_lock:
            hit = self._flags.get(needle)
            if hit is not None:
                self._flags.move_to_end(needle)
                return hit
        flags = bytes(map(contains, self.urutan["nama"].semua.kunci, repeat(needle)))
        hit = (flags, flags.count(1))
        with self._flags_lock:
            self._flags[needle] = hit
            if len(self._flags) > FLAGS_KEPT:
                self._flags.popitem(last=False)
        return hit

    def page(self, f: Filter, page: int, per_page: int) -> Halaman:
        start = (page - 1) * per_page
        needle = f.q.lower()
        # a common search over the whole list, or one slice of it: one page of its matches in
        # the chosen order, read off the remembered flags, and their count
        if needle and not f.pemda and not (f.kabkota and f.jenis) and self.trigram.common(needle):
            urutan = self.urutan.get(f.sort, self.urutan["nama"])
            flags, total = self.flags(needle)
            potongan = urutan.semua
            if f.kabkota or f.jenis:
                name, value = ("kabkota", f.kabkota) if f.kabkota else ("jenis", f.jenis)
                potongan = urutan.by[name].get(value, _EMPTY)
                total = potongan.count(flags)
            items = list(islice(potongan.matching(flags), start, start + per_page))
            return Halaman(items, page, per_page, total)
        rows = self.search(f)
        return Halaman(list(rows[start:start + per_page]), page, per_page, len(rows))


def options_html(choices: Iterable[tuple[str, Any]]) -> str:
    """``<option>`` elements of (value, label) pairs, none selected (``mark_selected``)."""
    return "".join(f'<option value="{escape(value)}">{escape(label)}</option>'
                   for value, label in choices)


def mark_selected(options: str, selected: str) -> Markup:
    """``options`` (from ``options_html``) with the option of value ``selected`` marked."""
    if not selected:
        return Markup(options)
    plain = f'<option value="{escape(selected)}">'
    return Markup(options.replace(plain, plain[:-1] + " selected>", 1))


def load() -> Indeks:
    """Read the current list from the database (one query, no ORM objects)."""
    stmt = (sa.select(RaporOpd.id, RaporOpd.opd_slug, RaporOpd.opd_nama, RaporOpd.jenis,
                      RaporOpd.pemda_slug, RaporOpd.pemda_nama, RaporOpd.kabkota_kode,
                      RaporOpd.kabkota_nama, RaporOpd.responden, RaporOpd.ikm, RaporOpd.mutu,
                      RaporOpd.pengaduan_diterima, RaporOpd.persen_pengaduan_tepat_waktu,
                      RaporOpd.persen_standar_tepat_waktu, PublikasiRapor.tahun,
                      PublikasiRapor.triwulan)
            .join(RaporOpd.publikasi).where(PublikasiRapor.terkini)
            .order_by(*SORTS["nama"]))
    periode: dict[tuple[int, int], Periode] = {}
    rows = []
    for rank, r in enumerate(db.session.execute(stmt)):
        pub = periode.setdefault((r.tahun, r.triwulan), Periode(r.tahun, r.triwulan))
        rows.append(Baris(r.id, r.opd_slug, r.opd_nama, r.opd_nama.lower(), r.jenis,
                          r.pemda_slug, r.pemda_nama, r.kabkota_kode, r.kabkota_nama,
                          r.responden, r.ikm, r.mutu, r.pengaduan_diterima,
                          r.persen_pengaduan_tepat_waktu, r.persen_standar_tepat_waktu, pub,
                          rank))
    return Indeks(rows)


_lock = threading.Lock()
_current: list[Any] = [None, None]  # [stamp, Indeks]
#: the last index built, kept through ``clear()``: the next one takes over its drawn rows
_last: list[Indeks | None] = [None]


def current() -> Indeks:
    """This worker's index for the current publication stamp, built on first use."""
    now = cache.stamp()
    held_stamp, held = _current
    if held is not None and held_stamp == now:
        return held
    with _lock:  # one build per worker, the other threads wait for it
        if _current[1] is None or _current[0] != now:
            daftar = load()
            if _last[0] is not None:
                daftar.carry_rows(_last[0])
            _current[:] = [now, daftar]
            _last[0] = daftar
        return _current[1]


def held(stamp: Any) -> Indeks | None:
    """This worker's index if it is built and of ``stamp``; never reads the database."""
    held_stamp, daftar = _current
    return daftar if daftar is not None and held_stamp == stamp else None


def clear() -> None:
    with _lock:
        _current[:] = [None, None]


cache.on_invalidate(clear)
