"""``flask appraisals remind``, run daily from cron."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from flask_babel import force_locale

from portal.appraisals.pengingat.services import remind
from portal.core.calendar import local_date
from portal.core.models import utcnow
from portal.extensions import db

appraisals_cli = AppGroup("appraisals", help="Performance appraisal jobs.")


@appraisals_cli.command("remind")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Run as if today (WIB) were this day, YYYY-MM-DD.")
def remind_command(today) -> None:
    """Notify pegawai whose SKP or evaluation deadline is near and who have not submitted."""
    day = today.date() if today else local_date(utcnow())
    with current_app.test_request_context(), force_locale(
            current_app.config["BABEL_DEFAULT_LOCALE"]):
        sent = remind(day)
        db.session.commit()
    click.echo(f"{sent.skp} SKP reminders, {sent.evaluasi} evaluation reminders, "
               f"{sent.lainnya} other reminders sent.")


def register(app: Flask) -> None:
    app.cli.add_command(appraisals_cli)
