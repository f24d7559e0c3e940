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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import compress, repeat
from operator import attrgetter, contains, eq
from typing import Any

import sqlalchemy as sa
from markupsafe import Markup, escape

from portal.extensions import db
from portal.org.models import JENIS_OPD_LABEL, JenisOpd
from portal.scorecards import cache
from portal.scorecards.models import TRIWULAN_LABEL, PublikasiRapor, RaporOpd
from portal.scorecards.publik.queries import SORTS, Filter


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
    #: position in the database's name order (the tie-break of every other sort)
    rank: int


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


@dataclass
class _Urutan:
    """The list in one sort order, with its search keys alongside and per-pemda slices."""
    rows: list[Baris]
    kunci: list[str] = field(init=False)
    by_pemda: dict[str, tuple[list[Baris], list[str]]] = field(init=False)

    def __post_init__(self) -> None:
        self.kunci = [row.kunci for row in self.rows]
        groups: dict[str, list[Baris]] = {}
        for row in self.rows:
            groups.setdefault(row.pemda_slug, []).append(row)
        self.by_pemda = {slug: (rows, [row.kunci for row in rows]) for slug, rows in groups.items()}


class Indeks:
    """The current published OPD list of one publication stamp."""

    def __init__(self, rows: list[Baris]) -> None:
        self.urutan = {sort: _Urutan(sorted(rows, key=key) if sort != "nama" else rows)
                       for sort, key in SORT_KEYS.items()}
        jenis_present = {row.jenis for row in rows}
        self._pemda = sorted({(r.pemda_slug, r.pemda_nama) for r in rows}, key=lambda x: x[1])
        self._kabkota = sorted({(r.kabkota_kode, r.kabkota_nama) for r in rows
                                if r.kabkota_kode}, key=lambda x: x[0])
        self._jenis = [j for j in JenisOpd if j.value in jenis_present]
        # 548 <option>s drawn by Jinja cost more than the whole rest of the page: written once
        # here, byte for byte as the template's loop wrote them
        self._pemda_html = "".join(f'<option value="{escape(slug)}">{escape(nama)}</option>'
                                   for slug, nama in self._pemda)

    def pemda_options(self, selected: str) -> Markup:
        """The pemda filter's ``<option>`` elements, ``selected`` marked."""
        if not selected:
            return Markup(self._pemda_html)
        plain = f'<option value="{escape(selected)}">'
        return Markup(self._pemda_html.replace(plain, plain[:-1] + " selected>", 1))

    def options(self) -> dict[str, list[tuple[str, str]]]:
        """The same as ``queries.filter_options()`` (jenis labels in the request's language)."""
        return {"pemda": self._pemda, "kabkota": self._kabkota,
                "jenis": [(j.value, str(JENIS_OPD_LABEL[j])) for j in self._jenis]}

    def search(self, f: Filter) -> Sequence[Baris]:
        urutan = self.urutan.get(f.sort, self.urutan["nama"])
        if f.pemda:
            rows, kunci = urutan.by_pemda.get(f.pemda, ([], []))
        else:
            rows, kunci = urutan.rows, urutan.kunci
        if f.q:
            rows = list(compress(rows, map(contains, kunci, repeat(f.q.lower()))))
        if f.kabkota:
            rows = list(compress(rows, map(eq, map(attrgetter("kabkota_kode"), rows),
                                           repeat(f.kabkota))))
        if f.jenis:
            rows = list(compress(rows, map(eq, map(attrgetter("jenis"), rows), repeat(f.jenis))))
        return rows

    def page(self, f: Filter, page: int, per_page: int) -> Halaman:
        rows = self.search(f)
        start = (page - 1) * per_page
        return Halaman(list(rows[start:start + per_page]), page, per_page, len(rows))


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


def current() -> Indeks:
    """This worker's index for the current publication stamp, built on first use."""
    now = cache.stamp()
    held_stamp, held = _current
    if held is not None and held_stamp == now:
        return held
    with _lock:  # one build per worker, the other threads wait for it
        if _current[1] is None or _current[0] != now:
            _current[:] = [now, load()]
        return _current[1]


def clear() -> None:
    with _lock:
        _current[:] = [None, None]


cache.on_invalidate(clear)
