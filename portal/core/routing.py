"""URL converters. An id in a URL is a positive integer the database can hold: PostgreSQL's
``integer`` (the type of every primary key here) stops at 2³¹ − 1 and SQLite's at 2⁶³ − 1, and a
larger number would reach the driver and fail there. A larger one matches no rule, so it answers
404 like any other row that does not exist. The bound is in the converter's pattern, not only in
its ``to_python``: a rule refused after matching would turn a GET-and-POST path into a 405."""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter

#: the largest value of PostgreSQL's ``integer``, the smaller of the two databases' limits
MAX_ID = 2**31 - 1


def db_int(value: str) -> int:
    """``type=`` for ``request.args.get``/``request.form.get``: a whole number the database can
    hold, else ``ValueError`` (so ``get`` gives its default). ``type=int`` let
    ``?opd=99999999999999999999`` through to the driver: a 500 on SQLite (issue 12)."""
    number = int(value)
    if not -MAX_ID <= number <= MAX_ID:
        raise ValueError(f"{value!r} is out of the database's range")
    return number


def at_most(bound: int) -> str:
    """A pattern for the decimal numbers 0 … ``bound`` (leading zeros allowed, as before)."""
    digits = str(bound)
    n = len(digits)
    shorter = [r"\d"] if n > 1 else []
    if n > 2:
        shorter = [rf"[1-9]\d{{0,{n - 2}}}", "0"]
    alternatives = list(shorter)
    for i, digit in enumerate(digits):
        low = 1 if i == 0 and n > 1 else 0
        if int(digit) > low:
            alternatives.append(digits[:i] + f"[{low}-{int(digit) - 1}]" + rf"\d{{{n - i - 1}}}")
    alternatives.append(digits)
    return "0*(?:" + "|".join(alternatives) + ")"


class IdConverter(IntegerConverter):
    regex = at_most(MAX_ID)

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def has_nul(values) -> bool:
    return any("\x00" in value for value in values)


def _refuse_nul() -> None:
    """A NUL character is in no name, text or number anyone types, and PostgreSQL refuses it in
    any string (a 500 found by the fuzz test on CI's PostgreSQL pass): a request carrying one in
    its path, query or form is a 400, before any view reads it."""
    if "\x00" in request.path or has_nul(request.args.values()):
        abort(400)
    form_post = request.method == "POST" and request.mimetype in (
        "application/x-www-form-urlencoded", "multipart/form-data")
    if form_post and (has_nul(request.form.values())
                      or has_nul(f.filename or "" for f in request.files.values())):
        abort(400)


def register(app: Flask) -> None:
    """Before any blueprint: ``<int:…>`` in every rule then means an id in range; no request
    carries a NUL character past this point."""
    app.url_map.converters["int"] = IdConverter
    app.before_request(_refuse_nul)
