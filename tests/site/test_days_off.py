"""The admin pemda's list of extra days off at /kelola/hari-libur."""

import sqlalchemy as sa

from portal.core.models import HariLibur


def test_admin_pemda_adds_and_removes_a_day_off(client, world, login_as, db):
    login_as("admin_pemda")
    response = client.post_form("/kelola/hari-libur", {"tanggal": "2026-12-24",
                                                        "keterangan": "Cuti bersama Natal"})
    assert response.status_code == 303
    html = client.get("/kelola/hari-libur").get_data(as_text=True)
    assert "Cuti bersama Natal" in html and "24 Desember 2026" in html
    html = client.post_form("/kelola/hari-libur", {"tanggal": "2026-12-24",
                                                   "keterangan": "Lagi"}).get_data(as_text=True)
    assert "sudah ada di daftar hari libur" in html and 'value="Lagi"' in html
    day = db.session.scalar(sa.select(HariLibur))
    assert client.post_form(f"/kelola/hari-libur/{day.id}/hapus").status_code == 303
    assert db.session.scalar(sa.select(sa.func.count(HariLibur.id))) == 0


def test_other_roles_may_not_change_days_off(client, world, login_as):
    login_as("admin_opd")
    assert client.get("/kelola/hari-libur").status_code == 403
    assert client.post_form("/kelola/hari-libur", {"tanggal": "2026-12-24",
                                                   "keterangan": "x"}).status_code == 403
