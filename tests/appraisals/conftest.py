import pytest

from tests.appraisals.factories import make_approved_skp, make_set_skp, make_year


@pytest.fixture()
def year(world):
    return make_year(world)


@pytest.fixture()
def atasan_skp(world, year):
    return make_set_skp(world.pegawai["kasi"], year)


@pytest.fixture()
def skp_set(world, year, atasan_skp):
    return make_approved_skp(world, year, atasan_skp)
