"""Sizing the demo: how many pegawai each OPD gets, how many schools or puskesmas that needs,
which positions are filled first, and how staff spread over the leaf units. Pure functions."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from portal.demo.org.catalog import OpdSpec, UnitSpec
from portal.org.models import JenisJabatan, JenisUnit

#: staff a school or puskesmas holds at large sizes (the bulk of regional ASN work there)
STAFF_PER_GROWTH_UNIT = 50
#: a growth unit carries this many times the staff of an office seksi
GROWTH_BOBOT = 6.0
MIN_GROWTH_UNITS = 3
#: beyond this many staff per unit of leaf weight an OPD without growth units is full
CAPACITY_PER_BOBOT = 30
#: at small sizes at most this share of an OPD's people are heads, so some staff remain
HEAD_SHARE = 0.2

_KEPALA_JENIS = {
    JenisUnit.SEKRETARIAT: JenisJabatan.ADMINISTRATOR,
    JenisUnit.BIDANG: JenisJabatan.ADMINISTRATOR,
    JenisUnit.SUBBAGIAN: JenisJabatan.PENGAWAS,
    JenisUnit.SEKSI: JenisJabatan.PENGAWAS,
    JenisUnit.UPTD: JenisJabatan.PENGAWAS,
    JenisUnit.KELURAHAN: JenisJabatan.PENGAWAS,
    JenisUnit.SATUAN_PENDIDIKAN: JenisJabatan.FUNGSIONAL,
}


@dataclass(eq=False)
class Unit:
    id: int
    nama: str
    jenis: JenisUnit
    parent: Unit | None
    kepala: str
    kepala_jenis: JenisJabatan
    profil: str
    bobot: float
    children: list[Unit] = field(default_factory=list)
    #: the pegawai heading it, once filled
    head_id: int | None = None

    def ancestors(self) -> Iterator[Unit]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def nearest_head(self, include_self: bool = True) -> int | None:
        if include_self and self.head_id is not None:
            return self.head_id
        return next((u.head_id for u in self.ancestors() if u.head_id is not None), None)


# --- the tree ----------------------------------------------------------------------------------

def growth_units(spec: OpdSpec, k: int) -> int:
    """How many schools/puskesmas an OPD with ``k`` pegawai has (0 when it has none)."""
    if not spec.growth:
        return 0
    return max(MIN_GROWTH_UNITS, math.ceil(k / STAFF_PER_GROWTH_UNIT))


def build_tree(spec: OpdSpec, k: int, next_id: Callable[[], int]) -> list[Unit]:
    """The OPD's units, parents before children, with ids from ``next_id``."""
    units: list[Unit] = []

    def add(s: UnitSpec, parent: Unit | None) -> Unit:
        unit = Unit(next_id(), s.nama, s.jenis, parent, s.kepala or _kepala(s.nama),
                    s.kepala_jenis or _KEPALA_JENIS[s.jenis], s.profil or spec.profil, s.bobot)
        units.append(unit)
        if parent is not None:
            parent.children.append(unit)
        for child in s.children:
            add(child, unit)
        return unit

    for s in spec.units:
        add(s, None)
    by_name = {u.nama: u for u in units}
    total = growth_units(spec, k)
    for stream in spec.growth:
        parent = by_name.get(stream.induk) if stream.induk else None
        count = max(1, round(total * stream.porsi))
        for nama in _growth_names(stream.pola, spec.tempat, count):
            unit = Unit(next_id(), nama, stream.jenis, parent, _kepala(nama), stream.kepala_jenis,
                        stream.profil, GROWTH_BOBOT)
            units.append(unit)
            if parent is not None:
                parent.children.append(unit)
    return units


def _kepala(nama: str) -> str:
    return f"Kepala {nama}"


def _growth_names(pola: str, tempat: tuple[str, ...], count: int) -> Iterator[str]:
    """"SD Negeri 1 Kedaton", "SD Negeri 1 Rajabasa", …, then "SD Negeri 2 Kedaton": numbered
    per place, as schools are. A pattern without "{n}" gets a number only from the second round."""
    for i in range(count):
        n, place = divmod(i, len(tempat))
        nama = pola.format(n=n + 1, tempat=tempat[place])
        if "{n}" not in pola and n:
            nama = f"{nama} {n + 1}"
        yield nama


def fixed_capacity(spec: OpdSpec) -> int | None:
    """The most pegawai an OPD without growth units holds; None when it can grow."""
    if spec.growth:
        return None
    heads, bobot = 1, 0.0
    stack = list(spec.units)
    while stack:
        s = stack.pop()
        heads += 1
        if s.children:
            stack.extend(s.children)
        else:
            bobot += s.bobot
    return heads + int(bobot * CAPACITY_PER_BOBOT)


# --- who is filled -----------------------------------------------------------------------------

def head_order(units: list[Unit]) -> list[Unit]:
    """Units in the order their heads are appointed: level by level from the top, and within a
    level taking one child of each parent in turn, so every bidang gets a kepala seksi before
    any bidang gets its second one."""
    order: list[Unit] = []
    level = [u for u in units if u.parent is None]
    while level:
        order.extend(level)
        groups = [u.children for u in level if u.children]
        level = []
        for i in range(max((len(g) for g in groups), default=0)):
            level.extend(g[i] for g in groups if i < len(g))
    return order


def heads_to_fill(k: int, total_heads: int) -> int:
    """Unit heads filled (besides the OPD head) in an OPD of ``k`` pegawai."""
    return max(0, min(total_heads, math.ceil(k * HEAD_SHARE) - 1, k - 1))


def spread(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    """``total`` split by ``weights`` (jittered ±20% for a natural look), summing exactly."""
    jittered = [w * rng.uniform(0.8, 1.2) for w in weights]
    return largest_remainder(total, jittered)


def largest_remainder(total: int, weights: list[float]) -> list[int]:
    wsum = sum(weights)
    if total <= 0 or wsum <= 0:
        return [0] * len(weights)
    exact = [total * w / wsum for w in weights]
    counts = [math.floor(x) for x in exact]
    rest = total - sum(counts)
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in order[:rest]:
        counts[i] += 1
    return counts


# --- pegawai per OPD ---------------------------------------------------------------------------

def allocate(total: int, weights: list[float], caps: list[int | None],
             minimums: list[int]) -> list[int]:
    """Split ``total`` pegawai over OPDs by weight, each at least its minimum and at most its
    cap; what a full OPD cannot hold goes to the ones that can grow (water-filling)."""
    floor = sum(minimums)
    if total < floor:
        raise ValueError(f"the demo needs at least {floor} pegawai")
    counts = list(minimums)
    open_ = [i for i in range(len(weights)) if weights[i] > 0]
    pool = total - floor
    while True:
        wsum = sum(weights[i] for i in open_)
        full = [i for i in open_ if caps[i] is not None
                and minimums[i] + pool * weights[i] / wsum > caps[i]]
        if not full:
            break
        for i in full:
            extra = max(0, caps[i] - minimums[i])
            counts[i] += extra
            pool -= extra
            open_.remove(i)
        if not open_:
            raise ValueError("no OPD can hold the remaining pegawai")
    shares = largest_remainder(pool, [weights[i] for i in open_])
    for i, extra in zip(open_, shares, strict=True):
        counts[i] += extra
    return counts
