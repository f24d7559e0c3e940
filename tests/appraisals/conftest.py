import pytest

from portal.extensions import db
from tests.appraisals.factories import (
    approve,
    make_approved_skp,
    make_set_skp,
    make_submitted_evaluasi,
    make_year,
)
from tests.factories import make_pegawai, make_user


@pytest.fixture()
def year(world):
    return make_year(world)


@pytest.fixture()
def atasan_skp(world, year):
    return make_set_skp(world.pegawai["kasi"], year)


@pytest.fixture()
def skp_set(world, year, atasan_skp):
    return make_approved_skp(world, year, atasan_skp)


@pytest.fixture()
def extra_people(world):
    """Accounts for the kepala bidang (decides keberatan) and for another supervisor in the same
    OPD with a subordinate of her own; added to ``world.users`` for ``login_as``."""
    kabid = world.pegawai["kabid"]
    world.users["kabid"] = make_user(kabid.nip, kabid.nama, pegawai=kabid)
    lain = make_pegawai(world.units["bidang"], "Rudi Hartono", jabatan="Kepala Seksi Pendaftaran",
                        atasan=kabid)
    bawahan_lain = make_pegawai(world.units["bidang"], "Nina Marlina", atasan=lain)
    world.pegawai["atasan_lain"], world.pegawai["bawahan_lain"] = lain, bawahan_lain
    world.users["atasan_lain"] = make_user("rudi", lain.nama, pegawai=lain)
    world.users["bawahan_lain"] = make_user("nina", bawahan_lain.nama, pegawai=bawahan_lain)
    db.session.flush()
    return world


@pytest.fixture()
def colleagues(world, extra_people):
    """Four colleagues of the pegawai's seksi with accounts (``rekan1`` … ``rekan4``)."""
    names = ["Rina Kusuma", "Joko Susilo", "Sari Wulandari", "Agus Salim"]
    out = []
    for i, nama in enumerate(names, start=1):
        p = make_pegawai(world.units["seksi"], nama, atasan=world.pegawai["kasi"])
        world.users[f"rekan{i}"] = make_user(f"rekan{i}", nama, pegawai=p)
        out.append(p)
    db.session.flush()
    return out


@pytest.fixture()
def evaluasi_submitted(world, year, skp_set):
    return make_submitted_evaluasi(world, year, skp_set)


@pytest.fixture()
def evaluasi_approved(world, evaluasi_submitted, extra_people):
    return approve(world, evaluasi_submitted)
