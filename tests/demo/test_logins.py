"""What `make run` promises a newcomer: every printed demo login signs in and lands on a page for
that role, showing that role's data."""

import pytest

from portal.demo.org import build_demo_data

LANDING = {
    "admin_pemda": ("/kelola/opd", "Perangkat daerah yang Anda kelola"),
    "admin_opd": ("/kelola/opd/", "Dinas Kependudukan dan Pencatatan Sipil"),
    "koordinator_pengaduan": ("/meja/koordinator", "Meja koordinator"),
    "petugas_pengaduan": ("/meja/opd", "Meja OPD"),
    "pegawai": ("/dasbor", "Pejabat penilai (atasan langsung)"),
    "pejabat_penilai": ("/dasbor", "Pegawai yang Anda nilai"),
}


@pytest.fixture()
def demo(db, app):
    return build_demo_data(80, seed=7)


def test_every_demo_login_lands_on_its_role_page(client, demo, app):
    roles = {login["role"] for login in demo.logins}
    assert roles == set(LANDING)
    for login in demo.logins:
        response = client.post_form("/masuk", {"username": login["username"],
                                               "password": login["password"]})
        assert response.status_code == 302, login
        path, text = LANDING[login["role"]]
        assert response.headers["Location"].startswith(path), login
        page = client.get(response.headers["Location"])
        assert page.status_code == 200
        assert text in page.get_data(as_text=True), login
        client.post_form("/keluar")
