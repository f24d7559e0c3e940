"""Domain settings with defaults: a rule DOMAIN.md marks *(check)* is read from the app config
when set there, else from a ``PORTAL_*`` environment variable, else the domain's default. Each
domain keeps its own table of defaults and asks ``read_setting(name, defaults)``."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from flask import current_app


def from_env(name: str, default: Any) -> Any:
    """The environment's value, parsed like the default: a number, a flag, or JSON."""
    raw = os.environ.get(name)
    if raw in (None, ""):
        return default
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "ya", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, dict | list):
        return json.loads(raw)
    return raw


def read_setting(name: str, defaults: Mapping[str, Any]) -> Any:
    if name in current_app.config:
        return current_app.config[name]
    return from_env(name, defaults[name])
