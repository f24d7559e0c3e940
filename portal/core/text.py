"""Small text helpers shared by the domains."""

from __future__ import annotations

import re
import unicodedata


def slugify(value: str, max_length: int = 100) -> str:
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "x"


def squash_spaces(value: str | None) -> str:
    return re.sub(r"\s+", " ", value or "").strip()
