"""``flask create-admin``: the first admin pemda of a fresh installation."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask import Flask

from portal.auth import services
from portal.core.models import DomainError
from portal.extensions import db
from portal.org.models import Pemda


def register(app: Flask) -> None:
    @app.cli.command("create-admin")
    @click.argument("username")
    @click.option("--pemda", "pemda_slug", required=True,
                  help="Slug of the pemda this admin manages, e.g. provinsi-lampung.")
    @click.option("--nama", default=None, help="Full name shown in the portal.")
    @click.option("--email", default=None)
    @click.password_option(help="Prompted for (twice) when not given.")
    def create_admin(username: str, pemda_slug: str, nama: str | None, email: str | None,
                     password: str) -> None:
        """Create an admin pemda account."""
        pemda = db.session.scalar(sa.select(Pemda).where(Pemda.slug == pemda_slug))
        if pemda is None:
            known = ", ".join(db.session.scalars(sa.select(Pemda.slug).order_by(Pemda.slug)))
            known = known or "none (run `flask org load-reference` first)"
            raise click.ClickException(f"No pemda with slug {pemda_slug!r}. Known: {known}")
        try:
            user = services.create_admin(username, nama or username, password, pemda.id, email)
        except DomainError as error:
            raise click.ClickException(error.message) from None
        db.session.commit()
        click.echo(f"Admin pemda {user.username} created for {pemda.nama}.")
