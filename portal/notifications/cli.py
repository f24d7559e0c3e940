"""``flask mail send``: send the queued e-mails (for cron, e.g. every minute)."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from portal.notifications import services

mail_cli = AppGroup("mail", help="Outgoing e-mail.")


@mail_cli.command("send")
@click.option("--limit", default=200, show_default=True, help="At most this many messages per run.")
def send(limit: int) -> None:
    """Send the queued e-mails; a failed one is tried again by the next run."""
    if not current_app.config.get("PORTAL_SMTP_HOST"):
        click.echo("PORTAL_SMTP_HOST is not set: no e-mail is queued or sent.")
        return
    sent, failed = services.send_pending(limit)
    click.echo(f"{sent} sent, {failed} failed.")


def register(app: Flask) -> None:
    app.cli.add_command(mail_cli)
