"""Command-line tools of the organisation domain: the reference wilayah and pemda."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from portal.extensions import db

org_cli = AppGroup("org", help="Organisation data: wilayah, pemda, OPD.")


def register(app: Flask) -> None:
    app.cli.add_command(org_cli)


@org_cli.command("load-reference")
def load_reference_command() -> None:
    """Create the missing wilayah (Lampung, Kota Medan) and pemda rows."""
    from portal.org.reference import load_reference

    load_reference()
    db.session.commit()
    click.echo("Reference wilayah and pemda loaded.")
