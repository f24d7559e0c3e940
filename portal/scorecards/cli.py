"""``flask rapor``: jobs of the public scorecards."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from portal.scorecards import prerender

rapor_cli = AppGroup("rapor", help="Public scorecards.")


def register(app: Flask) -> None:
    app.cli.add_command(rapor_cli)


@rapor_cli.command("prerender")
def prerender_command() -> None:
    """Render and store every published public page (after a deployment, or for a database
    published before the store existed); publishing does it for its own pemda."""
    hasil = prerender.everything()
    click.echo(f"{hasil.halaman} pages stored in {hasil.detik:.1f} s.")
