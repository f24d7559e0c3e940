"""The portal's working-day calendar: extra days off declared by an admin pemda move every
working-day deadline."""

from datetime import date, datetime

from portal.core.models import HariLibur
from portal.core.workdays import portal_calendar


def test_a_day_off_moves_the_deadline(db, world):
    start = datetime(2026, 12, 22, 3)  # Tue 22 Dec 2026, 10:00 WIB
    assert portal_calendar().add_working_days(start, 3) == date(2026, 12, 28)  # 23, 24, 28
    db.session.add(HariLibur(tanggal=date(2026, 12, 24), keterangan="Cuti bersama Natal"))
    db.session.flush()
    assert portal_calendar().add_working_days(start, 3) == date(2026, 12, 29)
