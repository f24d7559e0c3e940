"""``flask translate``: keep the Indonesian and English catalogues in step with the code."""

from __future__ import annotations

import subprocess
import sys

from flask import Flask

from portal.config import PROJECT_ROOT

POT = PROJECT_ROOT / "translations" / "messages.pot"


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True,
                   cwd=PROJECT_ROOT)


def register(app: Flask) -> None:
    @app.cli.group()
    def translate() -> None:
        """Translation and localisation commands."""

    @translate.command()
    def update() -> None:
        """Extract every marked string and merge it into both catalogues."""
        _pybabel("extract", "-F", "babel.cfg", "-k", "_l", "--no-location", "--sort-output",
                 "--omit-header", "-o", str(POT), "portal")
        _pybabel("update", "-i", str(POT), "-d", "translations", "--no-fuzzy-matching",
                 "--ignore-obsolete")

    @translate.command()
    def compile() -> None:  # noqa: A001 - the verb people type
        """Compile the catalogues to .mo files."""
        _pybabel("compile", "-d", "translations")
