"""IKM arithmetic against hand-worked examples and every mutu boundary (DOMAIN.md)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from portal.scorecards import ikm
from portal.scorecards.ikm import Tampil


def answers_with_total(respondents: int, total: int) -> list[list[int]]:
    """``respondents`` answers of nine 1–4 scores whose scores add up to ``total``."""
    scores = [1] * (9 * respondents)
    extra = total - len(scores)
    for i in range(len(scores)):
        step = min(3, extra)
        scores[i] += step
        extra -= step
    assert extra == 0
    return [scores[i:i + 9] for i in range(0, len(scores), 9)]


def test_hand_worked_example():
    # Two respondents. Unsur 1: 4 and 3 → NRR 3.5; unsur 2–9: 3 and 3 → NRR 3.
    # IKM = (3.5 + 8 × 3) / 9 = 27.5 / 9 = 3.0556; × 25 = 76.3889 → 76.39, mutu C.
    hasil = ikm.ikm_from_answers([[4, 3, 3, 3, 3, 3, 3, 3, 3], [3] * 9])
    assert hasil.responden == 2
    assert hasil.nrr[0] == Fraction(7, 2)
    assert hasil.nrr_dibulatkan == (Decimal("3.50"),) + (Decimal("3.00"),) * 8
    assert hasil.nilai == Decimal("76.39")
    assert hasil.mutu == "C"


@pytest.mark.parametrize(("scores", "nilai", "mutu"), [
    ([4] * 9, "100.00", "A"),
    ([1] * 9, "25.00", "D"),
    ([3] * 9, "75.00", "C"),
    ([4, 4, 4, 4, 4, 3, 3, 3, 3], "88.89", "A"),   # 32/9 × 25 = 88.888…
])
def test_single_respondent(scores, nilai, mutu):
    hasil = ikm.ikm_from_answers([scores])
    assert (hasil.nilai, hasil.mutu) == (Decimal(nilai), mutu)


@pytest.mark.parametrize(("respondents", "total", "nilai", "mutu"), [
    (38, 889, "64.99", "D"),   # 64.985… rounds up to 64.99, still D
    (5, 117, "65.00", "C"),    # exactly 65
    (26, 717, "76.60", "C"),   # 76.6026
    (19, 524, "76.61", "B"),   # 76.6082
    (19, 604, "88.30", "B"),   # 88.3041
    (24, 763, "88.31", "A"),   # 88.3102
])
def test_mutu_boundaries(respondents, total, nilai, mutu):
    hasil = ikm.ikm_from_answers(answers_with_total(respondents, total))
    assert hasil.nilai == Decimal(nilai)
    assert hasil.mutu == mutu
    assert ikm.ikm_from_totals(respondents, [sum(c) for c in zip(
        *answers_with_total(respondents, total), strict=True)]).nilai == Decimal(nilai)


@pytest.mark.parametrize(("nilai", "mutu"), [
    ("64.99", "D"), ("65.00", "C"), ("76.60", "C"), ("76.61", "B"), ("88.30", "B"),
    ("88.31", "A"), ("25.00", "D"), ("100.00", "A")])
def test_mutu_of_rounded_value(nilai, mutu):
    assert ikm.mutu(Decimal(nilai)) == mutu


def test_rounding_is_exact_half_up_not_float():
    # 76.605 as a float is 76.60499999…; the exact fraction rounds up, to a B.
    assert ikm.round2(Fraction(76605, 1000)) == Decimal("76.61")
    assert ikm.round2(Fraction(766049, 10000)) == Decimal("76.60")


def test_refuses_scores_outside_the_scale():
    with pytest.raises(ValueError):
        ikm.ikm_from_answers([[5, 3, 3, 3, 3, 3, 3, 3, 3]])
    with pytest.raises(ValueError):
        ikm.ikm_from_totals(2, [9] * 9)  # two respondents cannot sum to 9 on the 1–4 scale
    assert ikm.ikm_from_answers([]) is None


@pytest.mark.parametrize(("responden", "tampil"), [
    (0, Tampil.KOSONG), (1, Tampil.DISEMBUNYIKAN), (4, Tampil.DISEMBUNYIKAN),
    (5, Tampil.SAMPEL_KURANG), (29, Tampil.SAMPEL_KURANG), (30, Tampil.LENGKAP)])
def test_what_may_be_shown(responden, tampil):
    assert ikm.tampil_ikm(responden, minimum_privasi=5, minimum_sampel=30) == tampil


def test_sample_threshold_is_a_parameter():
    assert ikm.tampil_ikm(12, minimum_privasi=5, minimum_sampel=10) == Tampil.LENGKAP


def test_percentages_are_suppressed_below_the_minimum():
    assert ikm.persen(3, 4, 5) is None
    assert ikm.persen(4, 5, 5) == Decimal("80.0")
    assert ikm.persen(2, 3, 1) == Decimal("66.7")
    assert ikm.persen(0, 0, 5) is None
