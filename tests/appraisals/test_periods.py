"""Performance years and periods: opened by admin pemda with Triwulan I–IV and the annual
period, each with a deadline; closed periods accept nothing new."""

from datetime import date

import pytest

from portal.appraisals.periode import services as periode_services
from portal.appraisals.periode.models import JenisPeriode
from portal.core.models import DomainError
from tests.appraisals.factories import make_year


def test_opening_a_year_makes_five_periods_with_deadlines(world):
    year = make_year(world, 2027)
    assert [p.jenis for p in year.periode] == list(JenisPeriode)
    assert [p.label for p in year.periode] == [
        "Triwulan I 2027", "Triwulan II 2027", "Triwulan III 2027", "Triwulan IV 2027",
        "Tahunan 2027"]
    tw1 = year.periode[0]
    assert (tw1.mulai, tw1.selesai) == (date(2027, 1, 1), date(2027, 3, 31))
    assert tw1.batas == date(2027, 4, 15)
    assert year.batas_skp == date(2027, 1, 31)
    assert year.periode[-1].selesai == date(2027, 12, 31)


def test_a_year_opens_once_per_pemda(world):
    make_year(world, 2027)
    with pytest.raises(DomainError) as err:
        make_year(world, 2027)
    assert err.value.field == "tahun"
    other = periode_services.open_year(world.users["admin_pemda_lain"], world.pemda_lain, 2027,
                               periode_services.default_deadlines(2027))
    assert other.pemda_id == world.pemda_lain.id


@pytest.mark.parametrize("name", ["admin_pemda_lain", "admin_opd", "pegawai", "atasan"])
def test_only_the_pemdas_admin_opens_a_year(world, name):
    with pytest.raises(DomainError):
        periode_services.open_year(world.users[name], world.pemda, 2027, periode_services.default_deadlines(2027))


def test_deadlines_before_the_period_are_refused(world):
    batas = periode_services.default_deadlines(2027)
    batas[JenisPeriode.TRIWULAN_2] = date(2027, 3, 1)
    with pytest.raises(DomainError) as err:
        periode_services.open_year(world.users["admin_pemda"], world.pemda, 2027, batas)
    assert err.value.field == "batas_triwulan_2"


def test_closing_and_reopening_a_period(world, year):
    admin = world.users["admin_pemda"]
    tw1 = year.periode[0]
    periode_services.close_period(admin, tw1)
    assert tw1.ditutup
    with pytest.raises(DomainError):
        periode_services.close_period(admin, tw1)
    with pytest.raises(DomainError):
        periode_services.set_deadline(admin, tw1, date(2026, 5, 1))
    with pytest.raises(DomainError):
        periode_services.close_period(world.users["admin_pemda_lain"], year.periode[1])
    periode_services.reopen_period(admin, tw1)
    assert not tw1.ditutup
