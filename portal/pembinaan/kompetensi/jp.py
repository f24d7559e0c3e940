"""JP (jam pelajaran) arithmetic, pure: no database, no request. The rules (settings.py):

- 1 JP = ``menit_per_jp`` minutes (45); a duration counts whole JP only, rounded down;
- a klasikal activity counts the JP it states; a nonklasikal one at most its form's cap;
- a record counts only once verified (the caller passes verified records only), in the year
  its activity ended;
- a PNS is owed ``target`` JP a year (20); a PPPK is counted apart, against its own target, and
  at most ``batas`` JP of its year count (24).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from portal.org.models import StatusAsn

KLASIKAL = frozenset({
    "pelatihan_struktural", "pelatihan_manajerial", "pelatihan_teknis", "pelatihan_fungsional",
    "pelatihan_sosiokultural", "bimtek", "sosialisasi", "workshop", "seminar",
})


@dataclass(frozen=True)
class AturanJp:
    """The settings the arithmetic needs, read once per request (``settings.aturan_jp``)."""

    menit_per_jp: int = 45
    target: Mapping[StatusAsn, int] = field(default_factory=lambda: {
        StatusAsn.PNS: 20, StatusAsn.PPPK: 20})
    #: the most JP one year counts, per status; None: no cap
    batas: Mapping[StatusAsn, int | None] = field(default_factory=lambda: {
        StatusAsn.PNS: None, StatusAsn.PPPK: 24})
    #: nonklasikal form → the most JP one activity counts (None: what it states)
    nonklasikal: Mapping[str, int | None] = field(default_factory=dict)


def is_klasikal(bentuk: str) -> bool:
    return str(bentuk) in KLASIKAL


def jp_dari_menit(menit: int, aturan: AturanJp) -> int:
    """Whole JP in a duration: 90 minutes are 2 JP, 89 minutes 1 JP (never rounded up)."""
    if menit < 0:
        raise ValueError("a duration is never negative")
    return menit // aturan.menit_per_jp


def jp_kegiatan(bentuk: str, jp_tertulis: int, aturan: AturanJp) -> int:
    """The JP one activity counts: what it states, capped for a nonklasikal form."""
    if jp_tertulis < 0:
        raise ValueError("JP is never negative")
    if is_klasikal(bentuk):
        return jp_tertulis
    cap = aturan.nonklasikal.get(str(bentuk))
    return jp_tertulis if cap is None else min(jp_tertulis, cap)


def tahun_jp(tanggal_selesai: date) -> int:
    """An activity counts in the year it ended, wherever it began."""
    return tanggal_selesai.year


@dataclass(frozen=True)
class RekapJp:
    """One pegawai's year."""

    tahun: int
    status: StatusAsn
    #: the verified JP of the year, before the cap
    jp_tercatat: int
    #: what counts towards the target (after a PPPK's cap)
    jp: int
    target: int
    batas: int | None

    @property
    def kurang(self) -> int:
        return max(0, self.target - self.jp)

    @property
    def tercapai(self) -> bool:
        return self.jp >= self.target

    @property
    def melebihi_batas(self) -> int:
        """JP verified but not counted: above a PPPK's yearly cap."""
        return self.jp_tercatat - self.jp

    @property
    def persen(self) -> int:
        """Share of the target reached, 0–100 (for the progress bar)."""
        if self.target <= 0:
            return 100
        return min(100, self.jp * 100 // self.target)


def rekap_tahun(status: StatusAsn, tahun: int, tercatat: Iterable[tuple[date, int]],
                aturan: AturanJp) -> RekapJp:
    """The year's figure from verified records as (the day the activity ended, its JP)."""
    total = sum(jp for selesai, jp in tercatat if tahun_jp(selesai) == tahun)
    return rekap_dari_total(status, tahun, total, aturan)


def jp_dihitung(status: StatusAsn, total: int, aturan: AturanJp) -> int:
    """What a year's verified total counts towards the target (after a PPPK's cap)."""
    batas = aturan.batas.get(status)
    return total if batas is None else min(total, batas)


def rekap_dari_total(status: StatusAsn, tahun: int, total: int, aturan: AturanJp) -> RekapJp:
    """The same from a year's verified total already summed (by the database)."""
    return RekapJp(tahun=tahun, status=status, jp_tercatat=total,
                   jp=jp_dihitung(status, total, aturan), target=aturan.target.get(status, 0),
                   batas=aturan.batas.get(status))


def median_sebaran(sebaran: Mapping[int, int]) -> float | None:
    """The median of values given as value → how many have it (the mean of the two middle
    ones for an even count); None for nobody."""
    n = sum(sebaran.values())
    if n == 0:
        return None
    middle = ((n - 1) // 2, n // 2)
    found: list[int] = []
    seen = 0
    for value in sorted(sebaran):
        count = sebaran[value]
        found += [value for i in middle if seen <= i < seen + count]
        seen += count
    return (found[0] + found[1]) / 2
