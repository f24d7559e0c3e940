"""The versions of a pegawai's SKP in a year."""

from __future__ import annotations

import sqlalchemy as sa

from portal.appraisals.skp.models import Skp
from portal.extensions import db


def skp_versions(pegawai_id: int, tahun_kinerja_id: int) -> list[Skp]:
    return list(db.session.scalars(sa.select(Skp).where(
        Skp.pegawai_id == pegawai_id, Skp.tahun_kinerja_id == tahun_kinerja_id)
        .order_by(Skp.versi.desc())))
