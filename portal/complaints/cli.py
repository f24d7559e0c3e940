"""``flask complaints tick``: the periodic work of the complaint desk, meant for cron."""

from __future__ import annotations

from datetime import datetime

import click
from flask import Flask
from flask.cli import AppGroup

from portal.complaints import handling
from portal.core.models import utcnow
from portal.extensions import db

complaints_cli = AppGroup("complaints", help="Complaint desk jobs.")


@complaints_cli.command("tick")
@click.option("--now", "now_text", default=None,
              help="Pretend it is this UTC time (ISO 8601), for tests and catch-up runs.")
def tick(now_text: str | None) -> None:
    """Close answered complaints the reporter did not reply to in time."""
    now = datetime.fromisoformat(now_text) if now_text else utcnow()
    closed = handling.auto_close(now)
    db.session.commit()
    click.echo(f"{closed} complaint(s) closed automatically.")


def register(app: Flask) -> None:
    app.cli.add_command(complaints_cli)
