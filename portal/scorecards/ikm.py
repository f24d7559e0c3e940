"""IKM (Indeks Kepuasan Masyarakat) arithmetic of PermenPANRB 14/2017, as DOMAIN.md defines it.

    NRR per unsur  = mean of the 1–4 scores given for that unsur
    IKM            = Σ NRR × 1/9
    IKM unit       = IKM × 25                       (25.00 … 100.00)
    mutu           A Sangat Baik 88.31–100 · B Baik 76.61–88.30 ·
                   C Kurang Baik 65.00–76.60 · D Tidak Baik 25.00–64.99

Rounding (methodology version below): every step is computed exactly with fractions; only the
published IKM unit is rounded, once, to two decimals, half away from zero (ROUND_HALF_UP), and
the mutu letter is read from that rounded figure. So 76.605 is published as 76.61 and is a B;
76.6049 is 76.60 and a C. The regulation's weight 0.111 (a rounded 1/9) is deliberately not used:
it would turn nine perfect scores into 99.90 instead of 100. NRR per unsur are shown rounded to two
decimals as well, but the IKM is never computed from rounded NRRs.

Pure functions, no database: the publication code feeds them the sums SQL computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

#: bumped whenever a formula, rounding rule or threshold of the published figures changes
METODOLOGI_VERSI = "1.3"

#: every methodology version, newest first: (version, what changed); a publication keeps the
#: version it was made with, the methodology page lists them all
METODOLOGI_RIWAYAT: tuple[tuple[str, str], ...] = (
    ("1.3", "tindak_lanjut_suara"),
    ("1.2", "rencana_pembinaan"),
    ("1.1", "pengembangan_kompetensi"),
    ("1.0", "awal"),
)

UNSUR_COUNT = 9
SKALA_MIN, SKALA_MAX = 1, 4
TWO_PLACES = Decimal("0.01")

#: lower bound (inclusive, on the rounded IKM unit) of each mutu letter, best first
MUTU_BATAS: tuple[tuple[str, Decimal], ...] = (
    ("A", Decimal("88.31")),
    ("B", Decimal("76.61")),
    ("C", Decimal("65.00")),
    ("D", Decimal("25.00")),
)


def round2(value: Fraction | Decimal | int) -> Decimal:
    """Two decimals, half away from zero; exact for a Fraction (no float on the way)."""
    if isinstance(value, Fraction):
        quantised = (abs(value) * 100 + Fraction(1, 2)).__floor__()
        result = Decimal(quantised) / 100
        return (-result if value < 0 else result).quantize(TWO_PLACES)
    return Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def nrr(scores: Sequence[int]) -> Fraction:
    """Nilai rata-rata of one unsur: the exact mean of its 1–4 scores."""
    if not scores:
        raise ValueError("NRR needs at least one score")
    for score in scores:
        if not SKALA_MIN <= score <= SKALA_MAX:
            raise ValueError(f"score {score} is outside 1–4")
    return Fraction(sum(scores), len(scores))


def ikm_from_nrr(nrr_values: Sequence[Fraction]) -> Fraction:
    """IKM unit (25–100), exact: Σ NRR × 1/9 × 25."""
    if len(nrr_values) != UNSUR_COUNT:
        raise ValueError("IKM needs the NRR of all nine unsur")
    return sum(nrr_values, Fraction(0)) / UNSUR_COUNT * 25


def mutu(ikm_unit: Decimal) -> str:
    """The mutu letter of an IKM unit already rounded to two decimals."""
    for letter, lower in MUTU_BATAS:
        if ikm_unit >= lower:
            return letter
    raise ValueError(f"IKM unit {ikm_unit} is below 25")


@dataclass(frozen=True)
class HasilIkm:
    """The IKM of one group of answers (a service, or an OPD over all its services)."""

    responden: int
    #: the nine NRR, exact
    nrr: tuple[Fraction, ...]
    #: the published IKM unit, two decimals
    nilai: Decimal
    mutu: str

    @property
    def nrr_dibulatkan(self) -> tuple[Decimal, ...]:
        return tuple(round2(value) for value in self.nrr)


def ikm_from_totals(responden: int, totals: Sequence[int]) -> HasilIkm | None:
    """From what SQL sums: the number of respondents and, per unsur, the sum of its scores.
    None when nobody answered."""
    if responden <= 0:
        return None
    if len(totals) != UNSUR_COUNT:
        raise ValueError("need the score totals of all nine unsur")
    for total in totals:
        if not SKALA_MIN * responden <= total <= SKALA_MAX * responden:
            raise ValueError("an unsur total does not fit the number of respondents")
    nrr_values = tuple(Fraction(total, responden) for total in totals)
    nilai = round2(ikm_from_nrr(nrr_values))
    return HasilIkm(responden, nrr_values, nilai, mutu(nilai))


def ikm_from_answers(answers: Sequence[Sequence[int]]) -> HasilIkm | None:
    """From raw answers, each the nine scores of one respondent (used by tests and small sets)."""
    if not answers:
        return None
    columns = list(zip(*answers, strict=True))
    if len(columns) != UNSUR_COUNT:
        raise ValueError("each answer needs nine scores")
    for column in columns:
        nrr(column)  # refuses a score outside 1–4
    return ikm_from_totals(len(answers), [sum(column) for column in columns])


# --- what may be shown ------------------------------------------------------------------------

class Tampil:
    """How a figure drawn from people may be shown (stored in snapshots as these strings)."""

    #: nobody answered / nothing to count
    KOSONG = "kosong"
    #: fewer than the privacy minimum: shown as "—" with the reason
    DISEMBUNYIKAN = "disembunyikan"
    #: enough for privacy, too few for a grade: value shown, "sampel belum memadai" for the mutu
    SAMPEL_KURANG = "sampel_kurang"
    LENGKAP = "lengkap"


def tampil_ikm(responden: int, *, minimum_privasi: int, minimum_sampel: int) -> str:
    if responden <= 0:
        return Tampil.KOSONG
    if responden < minimum_privasi:
        return Tampil.DISEMBUNYIKAN
    if responden < minimum_sampel:
        return Tampil.SAMPEL_KURANG
    return Tampil.LENGKAP


def persen(part: int, whole: int, minimum: int) -> Decimal | None:
    """part/whole as a percentage with one decimal, or None when ``whole`` is below the privacy
    minimum (or zero)."""
    if whole <= 0 or whole < minimum:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def json_number(value: Decimal | float | None) -> float | None:
    """A published figure as a JSON number (the snapshot, the open-data JSON and CSV); a hidden
    figure stays None."""
    return None if value is None else float(value)
