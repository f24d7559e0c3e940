"""A short-lived, per-process memo for lists every public page needs and that change rarely
(the OPDs and the kecamatan of the complaint form). A change made by an admin shows within
``PORTAL_CHOICES_CACHE_SECONDS``; 0 (the tests) turns it off."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from cachetools import TTLCache
from flask import current_app

T = TypeVar("T")
#: TTLCache is not thread-safe; the development server and threaded workers share it
_lock = threading.Lock()


def _cache() -> TTLCache | None:
    seconds = current_app.config["PORTAL_CHOICES_CACHE_SECONDS"]
    if seconds <= 0:
        return None
    cache = current_app.extensions.get("portal_choices_cache")
    if cache is None:
        cache = current_app.extensions["portal_choices_cache"] = TTLCache(maxsize=64, ttl=seconds)
    return cache


def remembered(key: str, compute: Callable[[], T]) -> T:
    """``compute()``'s value, kept for a while under ``key``. Values must be plain data (no ORM
    objects: they would outlive their session)."""
    cache = _cache()
    if cache is None:
        return compute()
    with _lock:
        if key in cache:
            return cache[key]
    value = compute()  # outside the lock: two requests may both compute, neither waits long
    with _lock:
        cache[key] = value
    return value


def forget_all() -> None:
    """Drop everything remembered, e.g. right after this process changed an OPD."""
    cache = current_app.extensions.get("portal_choices_cache")
    if cache is not None:
        with _lock:
            cache.clear()
