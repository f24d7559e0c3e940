"""``flask complaints tick``: the periodic work of the complaint desk, meant for cron; and
``flask complaints api-key``: the keys of the Open311 partner channels."""

from __future__ import annotations

from datetime import datetime

import click
import sqlalchemy as sa
from flask import Flask
from flask.cli import AppGroup

from portal.complaints import attachments, handling
from portal.complaints.models import LampiranPengaduan
from portal.complaints.open311 import keys
from portal.core.models import DomainError, utcnow
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


@complaints_cli.command("clean-files")
@click.option("--older-than", "minutes", default=60, show_default=True, type=int,
              help="Leave files younger than this many minutes (a filing may be in flight).")
def clean_files(minutes: int) -> None:
    """Remove attachment files no complaint names (left by a server killed mid-filing) and
    staged files of forms never sent; list complaints whose file is missing."""
    known = set(db.session.scalars(sa.select(LampiranPengaduan.kunci_simpan)))
    result = attachments.clean_files(known, older_than_seconds=minutes * 60)
    click.echo(f"{result.orphans} orphaned file(s) and {result.staged} stale staged file(s) "
               "removed.")
    for key in result.missing:
        click.echo(f"missing file for attachment {key}", err=True)
    if result.missing:
        raise SystemExit(1)


api_key_cli = AppGroup("api-key", help="API keys of Open311 partner channels.")
complaints_cli.add_command(api_key_cli)


@api_key_cli.command("create")
@click.argument("name")
def create_api_key(name: str) -> None:
    """Make a key for partner NAME (it becomes the channel of its complaints). The key is
    printed once; only its SHA-256 and first 8 characters are kept."""
    try:
        kunci, key = keys.create_api_key(name)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    db.session.commit()
    click.echo(f"API key for {kunci.nama!r}; store it now, it is not shown again:", err=True)
    click.echo(key)


@api_key_cli.command("list")
def list_api_keys() -> None:
    """Every key: name, first characters, state, creation time (UTC)."""
    every_key = keys.list_api_keys()
    if not every_key:
        click.echo("No API keys.")
    for kunci in every_key:
        state = "active" if kunci.aktif else "revoked"
        click.echo(f"{kunci.nama}\t{kunci.awalan}…\t{state}\t"
                   f"{kunci.created_at:%Y-%m-%d %H:%M}")


@api_key_cli.command("revoke")
@click.argument("name")
def revoke_api_key(name: str) -> None:
    """Switch off the key of partner NAME for good."""
    try:
        kunci = keys.revoke_api_key(name)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    db.session.commit()
    click.echo(f"API key {kunci.nama!r} ({kunci.awalan}…) is revoked.")


def register(app: Flask) -> None:
    app.cli.add_command(complaints_cli)
