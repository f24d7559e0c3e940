"""Numbers, money and dates follow the chosen language (Babel), times are shown in WIB."""

from datetime import date, datetime

import pytest


@pytest.mark.parametrize(("lang", "number", "day", "moment", "money"), [
    ("id", "1.234,5", "23 November 2026", "23 Nov 2026 16.40 WIB", "Rp\u00a01.500.000"),
    ("en", "1,234.5", "November 23, 2026", "Nov 23, 2026 4:40\u202fPM WIB", "IDR\u00a01,500,000"),
])
def test_filters_follow_the_locale(app, lang, number, day, moment, money):
    with app.test_request_context(headers={"Cookie": f"bahasa={lang}"}):
        env = app.jinja_env
        assert env.filters["angka"](1234.5) == number
        assert env.filters["tanggal"](date(2026, 11, 23)) == day
        # stored in UTC (09:40), shown in Asia/Jakarta (16:40)
        assert env.filters["tanggal"](datetime(2026, 11, 23, 9, 40)) in (
            moment, moment.replace("\u202f", " "))
        assert env.filters["rupiah"](1500000) == money
