"""The calibration rule: the share of each predikat an OPD may give, by its organisation predikat
(a setting, ``PORTAL_CALIBRATION_RULES``); ``check_calibration`` is a pure function."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from portal.appraisals.evaluasi.models import PREDIKAT_LABEL, Predikat
from portal.appraisals.pemantauan.models import PredikatOrganisasiNilai
from portal.appraisals.settings import setting


@dataclass(frozen=True)
class CalibrationRow:
    """One line of the rule against the actual distribution. ``state``: "sesuai", "lebih"
    (above the maximum share) or "kurang" (below the minimum share)."""

    predikat: tuple[Predikat, ...]
    jumlah: int
    share: float | None
    minimum: float | None
    maksimum: float | None
    state: str

    @property
    def label(self) -> str:
        return " + ".join(str(PREDIKAT_LABEL[p]) for p in self.predikat)


def validate_rules(rules: Mapping[str, Sequence[Mapping]]) -> None:
    """Every organisation predikat has a list of rows naming known staff predikat, with shares
    between 0 and 1 (a mistyped setting must not silently pass an OPD)."""
    for key in PredikatOrganisasiNilai:
        for row in rules[key.value]:
            for p in row["predikat"]:
                Predikat(p)
            for bound in ("min", "max"):
                if bound in row and not 0 <= float(row[bound]) <= 1:
                    raise ValueError(f"calibration share out of range: {row}")


def rules_setting() -> Mapping[str, Sequence[Mapping]]:
    rules = setting("PORTAL_CALIBRATION_RULES")
    validate_rules(rules)
    return rules


def check_calibration(counts: Mapping[Predikat, int], rule: Sequence[Mapping]
                      ) -> list[CalibrationRow]:
    """Each row of ``rule`` against ``counts``; with nobody rated yet every share is None and
    nothing is flagged."""
    total = sum(counts.values())
    rows = []
    for item in rule:
        group = tuple(Predikat(p) for p in item["predikat"])
        n = sum(counts.get(p, 0) for p in group)
        share = n / total if total else None
        low, high = item.get("min"), item.get("max")
        state = "sesuai"
        if share is not None and high is not None and share > float(high) + 1e-9:
            state = "lebih"
        elif share is not None and low is not None and share < float(low) - 1e-9:
            state = "kurang"
        rows.append(CalibrationRow(group, n, share, None if low is None else float(low),
                                   None if high is None else float(high), state))
    return rows
