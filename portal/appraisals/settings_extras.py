"""Settings of peer feedback, keberatan, monitoring and reminders (the rules DOMAIN.md marks
*(check)* among them), read like those of ``settings.py``: app config, else a ``PORTAL_*``
environment variable, else the default below."""

from __future__ import annotations

from typing import Any

from portal.appraisals.settings import setting as base_setting

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


def setting(name: str) -> Any:
    return base_setting(name, DEFAULTS)
