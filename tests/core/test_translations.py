"""Indonesian is the source language; English must be a complete translation, and both
catalogues must hold every string the code marks for translation."""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]


def _catalog(lang: str):
    with open(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po", "rb") as fh:
        return read_po(fh)


def _source_ids(tmp_path) -> set[str]:
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
                    "-k", "_l", "--no-location", "-o", str(pot), "portal"],
                   check=True, cwd=ROOT, capture_output=True)
    with open(pot, "rb") as fh:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}


def _ids(catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def test_both_catalogues_hold_every_marked_string(tmp_path):
    source = _source_ids(tmp_path)
    for lang in ("id", "en"):
        missing = source - _ids(_catalog(lang))
        assert not missing, f"{lang}: run `make translations-update`, then translate: {sorted(missing)[:10]}"


def test_english_translation_is_complete():
    untranslated = [m.id for m in _catalog("en") if m.id and (
        m.fuzzy or not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    assert untranslated == []


def test_placeholders_survive_translation():
    import re

    placeholder = re.compile(r"%\(\w+\)s")
    for message in _catalog("en"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(placeholder.findall(ids[0])) | set(placeholder.findall(ids[-1]))
        for text in strings:
            assert set(placeholder.findall(text)) <= expected | {"%(num)s"}, message.id
