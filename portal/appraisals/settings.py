"""The appraisal rules DOMAIN.md marks *(check)*, with those of peer feedback, keberatan,
monitoring and reminders, kept as settings: each is read from the app config when set there (or
from a ``PORTAL_*`` environment variable), else the default below."""

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

#: Calibration of staff predikat by the OPD's organisation predikat (DOMAIN.md, *(check)*):
#: for each organisation predikat, rows of {"predikat": [staff predikat…], "min": share,
#: "max": share}; a share is of the OPD's approved evaluations in the period. Either bound may be
#: left out. These defaults follow DOMAIN.md's example ("under Baik at most 70% rated Baik and
#: some Butuh Perbaikan or Kurang"); the exact figures must be checked against the PermenPANRB
#: lampiran in force and set through ``PORTAL_CALIBRATION_RULES`` (JSON).
DEFAULT_CALIBRATION_RULES: dict[str, list[dict[str, Any]]] = {
    "istimewa": [
        {"predikat": ["sangat_baik"], "max": 0.20},
        {"predikat": ["baik"], "max": 0.80},
    ],
    "baik": [
        {"predikat": ["sangat_baik"], "max": 0.10},
        {"predikat": ["baik"], "max": 0.70},
        {"predikat": ["butuh_perbaikan", "kurang", "sangat_kurang"], "min": 0.05},
    ],
    "butuh_perbaikan": [
        {"predikat": ["sangat_baik"], "max": 0.05},
        {"predikat": ["baik"], "max": 0.50},
        {"predikat": ["butuh_perbaikan", "kurang", "sangat_kurang"], "min": 0.20},
    ],
    "kurang": [
        {"predikat": ["sangat_baik"], "max": 0.0},
        {"predikat": ["baik"], "max": 0.40},
        {"predikat": ["butuh_perbaikan", "kurang", "sangat_kurang"], "min": 0.40},
    ],
    "sangat_kurang": [
        {"predikat": ["sangat_baik"], "max": 0.0},
        {"predikat": ["baik"], "max": 0.25},
        {"predikat": ["butuh_perbaikan", "kurang", "sangat_kurang"], "min": 0.60},
    ],
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
    #: the pegawai sees peer feedback only once at least this many colleagues have answered
    "PORTAL_PEER_FEEDBACK_MIN_ANSWERS": 3,
    #: at most this many colleagues may be asked for one evaluation
    "PORTAL_PEER_FEEDBACK_MAX_REQUESTS": 10,
    #: calendar days after approval in which the pegawai may file a keberatan
    "PORTAL_KEBERATAN_DAYS": 14,
    #: the "deadline near" reminder goes out this many days before a deadline
    "PORTAL_REMINDER_DAYS_BEFORE": 3,
    "PORTAL_CALIBRATION_RULES": DEFAULT_CALIBRATION_RULES,
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


def setting(name: str) -> Any:
    if name in current_app.config:
        return current_app.config[name]
    return _from_env(name, DEFAULTS[name])
