"""Text translated when it is shown, not when it is stored.

A notification is written in the language of whoever caused it, but read later in the reader's
language: its parameters are stored as ``later(msgid, **args)`` (plain JSON) and put into words
by ``say()`` at display time. The msgids must be marked elsewhere (``_l`` or ``N_``) so the
catalogues hold them."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext


def N_(msgid: str) -> str:  # noqa: N802 - the name Babel's extractor knows
    """Mark ``msgid`` for the catalogues without translating it now."""
    return msgid


def later(msgid: str, **args: Any) -> dict[str, Any]:
    """A message to translate when shown; ``args`` may be plain values or ``later`` messages."""
    return {"msgid": msgid, "args": args}


def say(value: Any) -> str:
    """The value in the current language: a ``later`` message translated (with its arguments,
    themselves said), anything else as text."""
    if isinstance(value, dict) and "msgid" in value:
        text = gettext(value["msgid"])
        args = {key: say(arg) for key, arg in value.get("args", {}).items()}
        return text % args if args else text
    return "" if value is None else str(value)
