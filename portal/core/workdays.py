"""The portal's working-day calendar: national holidays plus the extra days off an admin
declared (HariLibur). Every time limit is counted with this one."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import g, has_request_context

from portal.core.calendar import WorkCalendar
from portal.core.models import HariLibur
from portal.extensions import db


def portal_calendar() -> WorkCalendar:
    """Built once per request (the days off are one small query)."""
    if has_request_context() and "work_calendar" in g:
        return g.work_calendar
    days_off: list[date] = list(db.session.scalars(sa.select(HariLibur.tanggal)))
    calendar = WorkCalendar(extra_days_off=days_off)
    if has_request_context():
        g.work_calendar = calendar
    return calendar
