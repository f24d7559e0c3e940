"""The demo dataset: deterministic, valid NIPs, a sound supervisor tree, the reference wilayah,
and working demo logins."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from portal import create_app
from portal.auth.models import RoleAssignment, User
from portal.core.roles import Role
from portal.demo.org import DEMO_OPD_SLUG, DemoResult, build_demo_data, demo_is_needed
from portal.extensions import db as _db
from portal.org.models import JenisJabatan, Opd, Pegawai, Pemda, TingkatWilayah, Wilayah
from portal.org.nip import parse_nip
from portal.org.reference import LAMPUNG, load_reference, pemda_slug

N = 120
SEED = 7

pytestmark = pytest.mark.usefixtures("app", "db")


@pytest.fixture
def demo() -> DemoResult:
    return build_demo_data(N, SEED)


@pytest.fixture
def fresh_app(tmp_path: Path) -> Iterator[Flask]:
    """A second app on its own empty in-memory database, for runs that must commit or that
    must not see the first build."""
    app = create_app({"PORTAL_ENV": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                      "INSTANCE_PATH": tmp_path})
    with app.app_context():
        _db.create_all()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()


def _people() -> list[tuple[str, str, str]]:
    rows = _db.session.execute(
        sa.select(Pegawai.nip, Pegawai.nama, Pegawai.jabatan).order_by(Pegawai.id))
    return [tuple(row) for row in rows]


def test_same_seed_gives_same_people(demo: DemoResult, fresh_app: Flask) -> None:
    first = _people()
    with fresh_app.app_context():
        again = build_demo_data(N, SEED)
        second = _people()
    assert len(first) == N
    assert second == first
    assert [login["username"] for login in again.logins] == [
        login["username"] for login in demo.logins]


def test_every_nip_is_valid_and_unique(demo: DemoResult) -> None:
    nips = list(_db.session.scalars(sa.select(Pegawai.nip)))
    for nip in nips:
        parse_nip(nip)
    assert len(set(nips)) == len(nips) == N


def test_supervisors_form_a_tree_within_each_pemda(demo: DemoResult) -> None:
    rows = _db.session.execute(
        sa.select(Pegawai.id, Pegawai.atasan_id, Pegawai.jabatan, Opd.pemda_id)
        .join(Opd, Pegawai.opd_id == Opd.id)).all()
    by_id = {row.id: row for row in rows}
    for row in rows:
        if row.atasan_id is None:
            # only a Sekda stands at the top of a pemda
            assert row.jabatan == "Sekretaris Daerah"
            continue
        assert by_id[row.atasan_id].pemda_id == row.pemda_id
        seen, node = {row.id}, by_id[row.atasan_id]
        while node.atasan_id is not None:
            assert node.atasan_id not in seen, "supervisor cycle"
            seen.add(node.atasan_id)
            node = by_id[node.atasan_id]


def test_reference_wilayah_and_pemda(demo: DemoResult) -> None:
    slugs = set(_db.session.scalars(sa.select(Pemda.slug)))
    expected = {pemda_slug(kab.tingkat, kab.nama) for kab in LAMPUNG.kabkota}
    assert len(expected) == 15
    assert expected | {"provinsi-lampung", "kota-medan"} <= slugs
    assert {"kabupaten-lampung-selatan", "kota-bandar-lampung", "kota-metro"} <= slugs

    def kecamatan(nama: str) -> Wilayah:
        return _db.session.scalars(sa.select(Wilayah).where(
            Wilayah.nama == nama, Wilayah.tingkat == TingkatWilayah.KECAMATAN)).one()

    assert kecamatan("Salor").parent.nama == "Lampung Selatan"
    assert kecamatan("Medan Marelan").parent.kode == "12.71"
    offices = set(_db.session.scalars(sa.select(Opd.slug).where(Opd.nama.in_(
        ["Kecamatan Salor", "Kecamatan Medan Marelan"]))))
    assert offices == {"kecamatan-salor-kabupaten-lampung-selatan",
                       "kecamatan-medan-marelan-kota-medan"}


def test_load_reference_is_idempotent() -> None:
    load_reference()
    counts = (_db.session.scalar(sa.select(sa.func.count(Wilayah.id))),
              _db.session.scalar(sa.select(sa.func.count(Pemda.id))))
    load_reference()
    assert counts == (_db.session.scalar(sa.select(sa.func.count(Wilayah.id))),
                      _db.session.scalar(sa.select(sa.func.count(Pemda.id))))


def test_staff_logins_have_their_role_and_scope(demo: DemoResult) -> None:
    expected = {Role.ADMIN_PEMDA: "provinsi-lampung",
                Role.KOORDINATOR_PENGADUAN: "kota-bandar-lampung",
                Role.ADMIN_OPD: DEMO_OPD_SLUG, Role.PETUGAS_PENGADUAN: DEMO_OPD_SLUG}
    for role, scope in expected.items():
        login = next(entry for entry in demo.logins if entry["role"] == role.value)
        user = _db.session.scalars(sa.select(User).where(User.username == login["username"])).one()
        assignment = _db.session.scalars(
            sa.select(RoleAssignment).where(RoleAssignment.user_id == user.id)).one()
        assert assignment.role == role
        target = assignment.pemda if assignment.pemda_id else assignment.opd
        assert target.slug == scope, role


def test_pegawai_and_pejabat_penilai_logins(app: Flask, demo: DemoResult) -> None:
    logins = {entry["role"]: entry for entry in demo.logins}
    assert set(logins) == {"admin_pemda", "koordinator_pengaduan", "admin_opd",
                           "petugas_pengaduan", "pegawai", "pejabat_penilai"}

    def account(role: str) -> User:
        return _db.session.scalars(
            sa.select(User).where(User.username == logins[role]["username"])).one()

    pegawai = account("pegawai").pegawai
    penilai = account("pejabat_penilai").pegawai
    assert pegawai.nip == logins["pegawai"]["username"]
    assert pegawai.jenis_jabatan == JenisJabatan.PELAKSANA
    assert pegawai.opd.slug == DEMO_OPD_SLUG
    assert pegawai.atasan_id == penilai.id
    assert _db.session.scalar(
        sa.select(sa.func.count(Pegawai.id)).where(Pegawai.atasan_id == penilai.id)) >= 3
    assert account("pegawai").check_password(app.config["PORTAL_DEMO_PASSWORD"])
    assert all(entry["password"] == app.config["PORTAL_DEMO_PASSWORD"] for entry in demo.logins)


def test_demo_is_needed_only_before_the_build() -> None:
    assert demo_is_needed()
    build_demo_data(N, SEED)
    assert not demo_is_needed()


def test_cli_builds_once_and_saves_the_logins(fresh_app: Flask, tmp_path: Path) -> None:
    runner = fresh_app.test_cli_runner()
    # pushed here, or the command would run in the test app's context that is already active
    with fresh_app.app_context():
        result = runner.invoke(args=["demo-data", "--pegawai", "60", "--if-empty"])
        assert result.exit_code == 0, result.output
        assert "admin.lampung" in result.output
        saved = json.loads((tmp_path / "demo-logins.json").read_text(encoding="utf-8"))
        assert {entry["role"] for entry in saved} >= {"admin_pemda", "pegawai", "pejabat_penilai"}
        assert all({"role", "username", "password"} <= set(entry) for entry in saved)

        again = runner.invoke(args=["demo-data", "--pegawai", "60", "--if-empty"])
        assert again.exit_code == 0, again.output
        assert "already holds data" in again.output
        assert all(entry["username"] in again.output for entry in saved)
        assert _db.session.scalar(sa.select(sa.func.count(Pegawai.id))) == 60
