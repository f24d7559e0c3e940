"""Every admin URL × every role: who gets the page, who is refused, and who is sent to sign in.

Scope is checked on the object: an admin of another pemda or another OPD is refused even though
they hold the same role."""

from __future__ import annotations

import pytest

ROLES = ["anon", "pegawai", "atasan", "petugas_pengaduan", "koordinator_pengaduan", "admin_opd",
         "admin_opd_lain", "admin_pemda", "admin_pemda_lain"]

# (url template, roles that may open it); everyone else signed in gets 403, anonymous → /masuk
URLS = [
    ("/kelola/opd", {"admin_opd", "admin_opd_lain", "admin_pemda", "admin_pemda_lain"}),
    ("/kelola/opd/baru", {"admin_pemda", "admin_pemda_lain"}),
    ("/kelola/opd/{opd}", {"admin_opd", "admin_pemda"}),
    ("/kelola/opd/{opd}/ubah", {"admin_pemda"}),
    ("/kelola/opd/{opd}/unit/baru", {"admin_opd", "admin_pemda"}),
    ("/kelola/unit/{unit}/ubah", {"admin_opd", "admin_pemda"}),
    ("/kelola/opd/{opd}/layanan/baru", {"admin_opd", "admin_pemda"}),
    ("/kelola/layanan/{layanan}/ubah", {"admin_opd", "admin_pemda"}),
    ("/kelola/opd/{opd}/pegawai", {"admin_opd", "admin_pemda"}),
    ("/kelola/opd/{opd}/pegawai/baru", {"admin_opd", "admin_pemda"}),
    ("/kelola/pegawai/{pegawai}/ubah", {"admin_opd", "admin_pemda"}),
    ("/kelola/opd/{opd}/pegawai/impor", {"admin_opd", "admin_pemda"}),
    ("/kelola/pegawai/templat.csv", {"admin_opd", "admin_opd_lain", "admin_pemda",
                                     "admin_pemda_lain"}),
    ("/dasbor", set(ROLES) - {"anon"}),
    ("/meja/koordinator", {"koordinator_pengaduan"}),
    ("/meja/templat", {"petugas_pengaduan"}),
    ("/kelola/hari-libur", {"admin_pemda", "admin_pemda_lain"}),
    ("/meja/opd", {"petugas_pengaduan"}),
    ("/akun/sandi", set(ROLES) - {"anon"}),
]


def _fill(url: str, world) -> str:
    return url.format(opd=world.opd.id, unit=world.units["seksi"].id,
                      layanan=world.layanan.id, pegawai=world.pegawai["staf"].id)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url", "allowed"), URLS, ids=[u for u, _ in URLS])
def test_admin_url_by_role(client, world, login_as, role, url, allowed):
    if role != "anon":
        login_as(role)
    response = client.get(_fill(url, world))
    if role in allowed:
        assert response.status_code == 200
    elif role == "anon":
        assert response.status_code == 302
        assert "/masuk?next=" in response.headers["Location"]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("url", ["/kelola/opd/{opd}", "/kelola/opd/{opd}/pegawai",
                                 "/kelola/pegawai/{pegawai}/ubah"])
def test_missing_objects_are_404(client, login_as, world, url):
    login_as("admin_pemda")
    assert client.get(url.format(opd=999999, pegawai=999999)).status_code == 404


def test_posting_to_another_opd_is_refused_and_changes_nothing(client, world, login_as, db):
    login_as("admin_opd_lain")
    response = client.post_form(f"/kelola/pegawai/{world.pegawai['staf'].id}/ubah", {
        "nip": world.pegawai["staf"].nip, "nama": "Diubah Orang Lain", "jabatan": "x",
        "jenis_jabatan": "pelaksana", "status_asn": "PNS",
        "unit_id": str(world.units["seksi"].id), "atasan_id": "0"})
    assert response.status_code == 403
    db.session.expire_all()
    assert world.pegawai["staf"].nama == "Dewi Lestari"
