"""The predikat matrix of DOMAIN.md (rows hasil, columns perilaku), and that it is a setting."""

import pytest

from portal.appraisals.evaluasi.models import Predikat, Rating
from portal.appraisals.predikat import hitung_predikat, predikat_for, validate_matrix

A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH


@pytest.mark.parametrize(("hasil", "perilaku", "expected"), [
    (A, A, Predikat.SANGAT_BAIK),
    (A, S, Predikat.BAIK),
    (A, B, Predikat.KURANG),
    (S, A, Predikat.BAIK),
    (S, S, Predikat.BAIK),
    (S, B, Predikat.KURANG),
    (B, A, Predikat.BUTUH_PERBAIKAN),
    (B, S, Predikat.BUTUH_PERBAIKAN),
    (B, B, Predikat.SANGAT_KURANG),
])
def test_every_cell_of_the_matrix(hasil, perilaku, expected):
    assert hitung_predikat(hasil, perilaku) == expected
    assert hitung_predikat(hasil.value, perilaku.value) == expected


def test_an_unknown_rating_is_refused():
    with pytest.raises(ValueError):
        hitung_predikat("luar_biasa", "sesuai")


def test_the_matrix_in_force_comes_from_the_settings(app):
    matrix = {h.value: {p.value: "baik" for p in Rating} for h in Rating}
    matrix["di_atas"]["di_atas"] = "sangat_baik"
    matrix["sesuai"]["sesuai"] = "butuh_perbaikan"
    app.config["PORTAL_PREDIKAT_MATRIX"] = matrix
    try:
        assert predikat_for("sesuai", "sesuai") == Predikat.BUTUH_PERBAIKAN
        assert predikat_for("di_atas", "di_atas") == Predikat.SANGAT_BAIK
    finally:
        del app.config["PORTAL_PREDIKAT_MATRIX"]
    assert predikat_for("sesuai", "sesuai") == Predikat.BAIK


def test_no_predikat_until_both_ratings_are_chosen():
    assert predikat_for("di_atas", None) is None
    assert predikat_for(None, "sesuai") is None


def test_a_matrix_with_a_missing_or_mistyped_cell_is_refused():
    matrix = {h.value: {p.value: "baik" for p in Rating} for h in Rating}
    del matrix["di_bawah"]["sesuai"]
    with pytest.raises(KeyError):
        validate_matrix(matrix)
    matrix["di_bawah"]["sesuai"] = "hebat"
    with pytest.raises(ValueError):
        validate_matrix(matrix)
