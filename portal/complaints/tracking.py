"""Tracking codes: hard to guess (75 random bits), easy to read aloud and type.

Crockford's base-32 alphabet leaves out I, L, O and U, so nothing looks like 1, 0 or V; what a
reporter types is normalised (O→0, I/L→1, lower case, spaces, dashes) before it is looked up."""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 3
GROUP_LENGTH = 5
CODE_LENGTH = GROUPS * GROUP_LENGTH  # 15 symbols × 5 bits = 75 bits
_TYPED = str.maketrans({"O": "0", "I": "1", "L": "1"})
_VALID = re.compile(rf"^[{ALPHABET}]{{{CODE_LENGTH}}}$")


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return format_code(raw)


def format_code(raw: str) -> str:
    return "-".join(raw[i:i + GROUP_LENGTH] for i in range(0, CODE_LENGTH, GROUP_LENGTH))


def normalise_code(typed: str) -> str | None:
    """The canonical ``XXXXX-XXXXX-XXXXX`` form of what someone typed, or None if it cannot be
    a code at all."""
    compact = re.sub(r"[\s\-_.]", "", (typed or "").upper()).translate(_TYPED)
    if not _VALID.match(compact):
        return None
    return format_code(compact)
