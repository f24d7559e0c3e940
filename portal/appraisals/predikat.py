"""Predikat kinerja from the two ratings of the pejabat penilai (DOMAIN.md, PermenPANRB 6/2022):
rows hasil kerja, columns perilaku kerja. The figure is marked *(check)*, so the matrix is a
setting (``PORTAL_PREDIKAT_MATRIX``); this function is pure and takes the matrix as an argument."""

from __future__ import annotations

from collections.abc import Mapping

from portal.appraisals.evaluasi.models import Predikat, Rating
from portal.appraisals.settings import DEFAULT_PREDIKAT_MATRIX

Matrix = Mapping[str, Mapping[str, str]]


def hitung_predikat(hasil: Rating | str, perilaku: Rating | str,
                    matrix: Matrix = DEFAULT_PREDIKAT_MATRIX) -> Predikat:
    """The predikat for hasil × perilaku; raises ValueError for a rating or a matrix cell that
    is not known (a mistyped setting must not silently rate someone)."""
    return Predikat(matrix[Rating(hasil).value][Rating(perilaku).value])


def validate_matrix(matrix: Matrix) -> None:
    """Every one of the nine cells present and naming a known predikat."""
    for hasil in Rating:
        for perilaku in Rating:
            Predikat(matrix[hasil.value][perilaku.value])


def predikat_setting() -> Matrix:
    from portal.appraisals.settings import setting

    matrix = setting("PORTAL_PREDIKAT_MATRIX")
    validate_matrix(matrix)
    return matrix


def predikat_for(hasil: Rating | str | None, perilaku: Rating | str | None) -> Predikat | None:
    """With the matrix in force; None until both ratings are chosen."""
    if not hasil or not perilaku:
        return None
    return hitung_predikat(hasil, perilaku, predikat_setting())
