"""Fixtures for the pembinaan pages: the test world plus another supervisor with her own
subordinate, and a calendar the views read (``on_day``)."""

from __future__ import annotations

from datetime import date

import pytest

from portal.extensions import db
from portal.pembinaan import blueprint
from portal.pembinaan.kompetensi import kelola, routes
from portal.pembinaan.penghargaan import routes as penghargaan_routes
from portal.pembinaan.siasn import routes as siasn_routes
from portal.pembinaan.suara import routes as suara_routes
from tests.factories import make_pegawai, make_user
from tests.pembinaan.factories import make_kegiatan


@pytest.fixture(autouse=True)
def on_day(monkeypatch):
    """``on_day(date)``: the views' "today" (WIB) is that day; 20 February 2026 unless told."""

    def _set(day: date) -> None:
        for module in (blueprint, routes, kelola, penghargaan_routes, siasn_routes, suara_routes):
            monkeypatch.setattr(module, "today", lambda: day)

    _set(date(2026, 2, 20))
    return _set


@pytest.fixture()
def team(world):
    """Rudi, another supervisor in the same OPD, with his subordinate Nina; both sign in."""
    p, u = world.pegawai, world.users
    p["atasan_lain"] = make_pegawai(world.units["bidang"], "Rudi Hartono",
                                    jabatan="Kepala Seksi Pendaftaran", atasan=p["kabid"])
    p["bawahan_lain"] = make_pegawai(world.units["bidang"], "Nina Marlina",
                                     atasan=p["atasan_lain"])
    u["atasan_lain"] = make_user(p["atasan_lain"].nip, "Rudi Hartono", pegawai=p["atasan_lain"])
    u["staf2"] = make_user(p["staf2"].nip, p["staf2"].nama, pegawai=p["staf2"])
    db.session.flush()
    return world


@pytest.fixture()
def pelatihan(world):
    """A BPSDM course for Disdukcapil in early March 2026 (24 JP)."""
    kegiatan = make_kegiatan(world.opd, judul="Pelatihan Pelayanan Prima Adminduk")
    db.session.commit()
    return kegiatan


@pytest.fixture()
def sign_in(client, login_as):
    """Like ``login_as``, signing out whoever was signed in first."""

    def _sign_in(name: str):
        client.post_form("/keluar")
        return login_as(name)

    return _sign_in
