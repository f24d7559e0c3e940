"""The years and periods of a pemda, newest first."""

from __future__ import annotations

import sqlalchemy as sa

from portal.appraisals.periode.models import Periode, TahunKinerja
from portal.extensions import db


def periods_of_pemda(pemda_id: int) -> list[Periode]:
    return list(db.session.scalars(
        sa.select(Periode).join(TahunKinerja).where(TahunKinerja.pemda_id == pemda_id)
        .order_by(TahunKinerja.tahun.desc(), Periode.urutan)))


def years_of_pemda(pemda_id: int) -> list[TahunKinerja]:
    return list(db.session.scalars(sa.select(TahunKinerja).where(
        TahunKinerja.pemda_id == pemda_id).order_by(TahunKinerja.tahun.desc())))
