"""The appraisal rules DOMAIN.md marks *(check)*, kept as settings: each is read from the app
config when set there (or from a ``PORTAL_*`` environment variable), else the default below."""

from __future__ import annotations

import json
import os
from typing import Any

from flask import current_app

#: rows hasil, columns perilaku (DOMAIN.md's figure, PermenPANRB 6/2022 lampiran)
DEFAULT_PREDIKAT_MATRIX: dict[str, dict[str, str]] = {
    "di_atas": {"di_atas": "sangat_baik", "sesuai": "baik", "di_bawah": "kurang"},
    "sesuai": {"di_atas": "baik", "sesuai": "baik", "di_bawah": "kurang"},
    "di_bawah": {"di_atas": "butuh_perbaikan", "sesuai": "butuh_perbaikan",
                 "di_bawah": "sangat_kurang"},
}

DEFAULTS: dict[str, Any] = {
    #: the SKP of a year is due on this day of January of that year (end of January)
    "PORTAL_SKP_DUE_MONTH_DAY": "01-31",
    "PORTAL_PREDIKAT_MATRIX": DEFAULT_PREDIKAT_MATRIX,
    #: bukti dukung files: the largest one may be, and how many one evaluation may hold
    "PORTAL_EVIDENCE_MAX_FILE_MB": 10,
    "PORTAL_EVIDENCE_MAX_FILES": 30,
    #: days after a quarter ends that its evaluation is due, suggested when a year is opened
    "PORTAL_PERIOD_DUE_DAYS": 15,
    #: items per page in the supervisor's review queue
    "PORTAL_REVIEW_PAGE_SIZE": 50,
}


def _from_env(name: str, default: Any) -> Any:
    raw = os.environ.get(name)
    if raw in (None, ""):
        return default
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "ya", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, dict):
        return json.loads(raw)
    return raw


def setting(name: str, defaults: dict[str, Any] = DEFAULTS) -> Any:
    if name in current_app.config:
        return current_app.config[name]
    return _from_env(name, defaults[name])
