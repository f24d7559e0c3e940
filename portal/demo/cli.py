"""``flask demo-data``: every domain's demo, built in order on an empty database (the
organisation and its accounts, complaints, appraisals, peer feedback and keberatan, competency development, the survey and
published scorecards), and the demo logins printed and saved."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from portal.demo.appraisals import build_demo_appraisals
from portal.demo.complaints import build_demo_complaints
from portal.demo.org import build_demo_data, demo_is_needed, write_logins
from portal.demo.pembinaan import build_demo_pembinaan
from portal.demo.penghargaan import build_demo_penghargaan
from portal.demo.rencana import build_demo_rencana
from portal.demo.scorecards import (
    build_demo_appraisal_progress,
    build_demo_history,
    build_demo_survey,
    publish_demo_periods,
)
from portal.demo.suara import build_demo_suara
from portal.demo.umpan_balik import build_demo_feedback
from portal.extensions import db

LOGINS_FILE = "demo-logins.json"


def register(app: Flask) -> None:
    app.cli.add_command(demo_data_command)


def logins_path() -> Path:
    return Path(current_app.instance_path) / LOGINS_FILE


@click.command("demo-data")
@click.option("--pegawai", "n_pegawai", type=click.IntRange(min=1), default=600, show_default=True,
              help="How many pegawai to create.")
@click.option("--seed", type=int, default=2026, show_default=True,
              help="Same seed, same data.")
@click.option("--if-empty", is_flag=True,
              help="Only build when the database has no OPD yet; otherwise show the saved logins.")
@with_appcontext
def demo_data_command(n_pegawai: int, seed: int, if_empty: bool) -> None:
    """Fill the database with a realistic demo: OPDs, units, services, pegawai, accounts."""
    if if_empty and not demo_is_needed():
        _show_saved_logins()
        return
    started = time.perf_counter()
    try:
        result = build_demo_data(n_pegawai, seed)
        demo_pegawai = next((row["username"] for row in result.logins
                             if row["role"] == "pegawai"), None)
        result.counts["pengaduan"] = build_demo_complaints(seed, pegawai_nip=demo_pegawai)
        result.counts.update(build_demo_appraisals(seed, result.logins))
        feedback_counts, feedback_logins = build_demo_feedback(seed, result.logins)
        for table, count in feedback_counts.items():
            result.counts[table] = result.counts.get(table, 0) + count
        result.logins.extend(feedback_logins)
        result.counts.update(build_demo_pembinaan(seed, result.logins))
        result.counts.update(build_demo_penghargaan())
        result.counts.update(build_demo_rencana(result.logins))
        result.counts.update(build_demo_survey(seed))
        result.counts["pengaduan_lama"] = build_demo_history(seed)
        result.counts.update(build_demo_suara(result.logins))
        result.counts["evaluasi_pemda_lain"] = build_demo_appraisal_progress(seed)
        result.counts["publikasi_rapor"] = publish_demo_periods()
    except (RuntimeError, ValueError) as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    elapsed = time.perf_counter() - started
    write_logins(logins_path(), result.logins)
    click.echo(_logins_table(result.logins))
    counts = ", ".join(f"{count} {table}" for table, count in result.counts.items())
    click.echo(f"\nCreated {counts}.")
    click.echo(f"Logins saved to {logins_path()}.")
    click.echo(f"Done in {elapsed:.1f} s.")


def _show_saved_logins() -> None:
    path = logins_path()
    if path.exists():
        click.echo("The database already holds data; demo logins saved earlier:")
        click.echo(_logins_table(json.loads(path.read_text(encoding="utf-8"))))
    else:
        click.echo(f"The database already has OPDs; no saved demo logins at {path}.")


def _logins_table(logins: list[dict[str, str]]) -> str:
    header = {"role": "role", "username": "username", "password": "password"}
    rows = [header, *logins]
    widths = {key: max(len(str(row[key])) for row in rows) for key in header}
    return "\n".join("  ".join(str(row[key]).ljust(widths[key]) for key in header).rstrip()
                     for row in rows)
