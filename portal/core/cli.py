"""Wire every domain's CLI commands into ``flask``."""

from __future__ import annotations

from flask import Flask


def register_cli(app: Flask) -> None:
    from portal.appraisals import reminders as appraisals_reminders
    from portal.auth import cli as auth_cli
    from portal.complaints import cli as complaints_cli
    from portal.core import i18n_cli
    from portal.notifications import cli as notifications_cli
    from portal.org import cli as org_cli

    auth_cli.register(app)
    complaints_cli.register(app)
    org_cli.register(app)
    i18n_cli.register(app)
    notifications_cli.register(app)
    appraisals_reminders.register(app)
