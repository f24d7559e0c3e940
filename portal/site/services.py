"""Site-wide settings an admin pemda changes: the extra days off of the working-day calendar."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from portal.core.models import DomainError, HariLibur, record_audit
from portal.core.text import squash_spaces
from portal.extensions import db


def add_day_off(actor, tanggal: date, keterangan: str) -> HariLibur:
    if db.session.scalar(sa.select(HariLibur.id).where(HariLibur.tanggal == tanggal)):
        raise DomainError(_("Tanggal ini sudah ada di daftar hari libur."), "tanggal")
    day = HariLibur(tanggal=tanggal, keterangan=squash_spaces(keterangan))
    db.session.add(day)
    record_audit(actor, day, "dibuat", comment=f"{tanggal.isoformat()} {day.keterangan}")
    return day


def remove_day_off(actor, day: HariLibur) -> None:
    record_audit(actor, day, "dihapus", comment=f"{day.tanggal.isoformat()} {day.keterangan}")
    db.session.delete(day)
    db.session.flush()
