"""Extra days off declared by an admin pemda move every working-day deadline."""

from datetime import date, datetime

import sqlalchemy as sa

from portal.core.models import HariLibur
from portal.core.workdays import portal_calendar


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


def test_a_day_off_moves_the_deadline(db, world):
    start = datetime(2026, 12, 22, 3)  # Tue 22 Dec 2026, 10:00 WIB
    assert portal_calendar().add_working_days(start, 3) == date(2026, 12, 28)  # 23, 24, 28
    db.session.add(HariLibur(tanggal=date(2026, 12, 24), keterangan="Cuti bersama Natal"))
    db.session.flush()
    assert portal_calendar().add_working_days(start, 3) == date(2026, 12, 29)
