"""Helpers of the scorecard tests: survey answers with chosen scores, and publishing."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa

from portal.extensions import db as _db
from portal.org.models import Layanan
from portal.scorecards import cache
from portal.scorecards.kelola import services
from portal.scorecards.models import UNSUR_COLUMNS, JawabanSkm

#: a quarter already over, so every test sees the same period whatever today is
TAHUN, TRIWULAN = 2026, 2
IN_PERIOD = datetime(2026, 5, 12, 3, 0)


def add_answers(layanan: Layanan, n: int, scores=(3,) * 9, at: datetime = IN_PERIOD) -> None:
    _db.session.execute(sa.insert(JawabanSkm), [
        {"layanan_id": layanan.id, "opd_id": layanan.opd_id, "dijawab_at": at,
         **dict(zip(UNSUR_COLUMNS, scores, strict=True))} for _i in range(n)])
    _db.session.flush()


def publish(world, tahun: int = TAHUN, triwulan: int = TRIWULAN, catatan: str | None = None):
    pub = services.publish(world.users["admin_pemda"], world.pemda, tahun, triwulan, catatan,
                           today=date(2026, 11, 23))
    _db.session.commit()
    return pub


@pytest.fixture(autouse=True)
def _fresh_public_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture()
def layanan2(world):
    item = Layanan(opd=world.opd, nama="Penerbitan Kartu Keluarga", slug="kk",
                   waktu_penyelesaian_hari=3, biaya_rupiah=0, produk="KK")
    _db.session.add(item)
    _db.session.flush()
    return item
