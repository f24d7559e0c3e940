"""Per-OPD complaint figures against hand-worked examples."""

from datetime import date, datetime

from portal.complaints.models import StatusPengaduan as S
from portal.complaints.stats import ComplaintRow, summarise
from portal.core.calendar import WorkCalendar


def row(status, *, opd=1, received=datetime(2026, 11, 2, 2), routed=None, answered=None,
        due=None, reopened=0, rating=None):
    return ComplaintRow(opd, status, received, routed, answered, due, reopened, rating)


def test_figures_per_opd():
    rows = [
        # answered Mon 9 Nov (5 working days after Mon 2 Nov), on time, rated 4
        row(S.DITUTUP, routed=datetime(2026, 11, 3, 2), answered=datetime(2026, 11, 9, 2),
            due=date(2026, 11, 20), rating=4),
        # answered Fri 27 Nov (19 working days), after its due date, reopened once, rated 2
        row(S.SELESAI, routed=datetime(2026, 11, 3, 2), answered=datetime(2026, 11, 27, 2),
            due=date(2026, 11, 20), reopened=1, rating=2),
        # valid but still being handled
        row(S.DITINDAKLANJUTI, routed=datetime(2026, 11, 3, 2), due=date(2026, 11, 20)),
        # reopened after an answer: not counted as resolved
        row(S.DITINDAKLANJUTI, routed=datetime(2026, 11, 3, 2), answered=None, reopened=1),
        row(S.DITOLAK),
        row(S.DITERIMA),
        row(S.DITERIMA, opd=2),
    ]
    stats = summarise(rows, WorkCalendar())
    one = stats[1]
    assert (one.diterima, one.sah, one.selesai, one.selesai_tepat_waktu) == (6, 4, 2, 1)
    assert one.persen_tepat_waktu == 50.0
    assert one.median_hari_kerja == 12  # median of 5 and 19
    assert one.persen_dibuka_ulang == 50.0
    assert one.rata_rata_kepuasan == 3.0
    assert one.by_status == {"ditutup": 1, "selesai": 1, "ditindaklanjuti": 2, "ditolak": 1,
                             "diterima": 1}
    two = stats[2]
    assert (two.diterima, two.selesai) == (1, 0)
    assert two.persen_tepat_waktu is None and two.median_hari_kerja is None
    assert two.rata_rata_kepuasan is None


def test_working_days_skip_holidays_in_the_median():
    # received Thu 24 Dec 2026, answered Mon 4 Jan 2027: 25 Dec and 1 Jan are holidays
    stats = summarise([row(S.SELESAI, received=datetime(2026, 12, 24, 2),
                           routed=datetime(2026, 12, 24, 3), answered=datetime(2027, 1, 4, 2))],
                      WorkCalendar())
    # 28, 29, 30, 31 Dec and 4 Jan: five working days (seven if holidays were counted)
    assert stats[1].median_hari_kerja == 5


def test_extra_days_off_count_too():
    # an admin declared Mon 28 Dec 2026 a day off (cuti bersama): one working day fewer
    stats = summarise([row(S.SELESAI, received=datetime(2026, 12, 24, 2),
                           routed=datetime(2026, 12, 24, 3), answered=datetime(2027, 1, 4, 2))],
                      WorkCalendar(extra_days_off=[date(2026, 12, 28)]))
    assert stats[1].median_hari_kerja == 4
