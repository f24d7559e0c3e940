"""The scorecard's SVG charts say numbers as the tables beside them do (issue 11): in the
reader's locale with the same decimals, and with labels that fit instead of being clipped."""

import re

import pytest

from portal.scorecards.publik import charts

LONG = "Penanganan pengaduan, saran, dan masukan"


@pytest.mark.parametrize(("lang", "nrr", "ikm"), [("id", "2,79", "78,60"), ("en", "2.79", "78.60")])
def test_chart_numbers_follow_the_locale_and_the_tables_decimals(app, lang, nrr, ikm):
    with app.test_request_context(headers={"Cookie": f"bahasa={lang}"}):
        bars = str(charts.bar_chart([("Persyaratan", 2.79), (LONG, 3.0)], maximum=4, label="NRR"))
        line = str(charts.line_chart([("2026-T2", 71.1), ("2026-T3", 78.6)], y_min=25, y_max=100,
                                     label="IKM", places=2))
    assert f">{nrr}</text>" in bars
    assert (">3,00</text>" if lang == "id" else ">3.00</text>") in bars
    assert f">{ikm}</text>" in line
    assert "71.1<" not in line if lang == "id" else "71,1<" not in line


def test_a_long_label_wraps_instead_of_being_clipped(app):
    with app.test_request_context():
        svg = str(charts.bar_chart([(LONG, 3.1)], maximum=4, label="NRR"))
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert " ".join(lines) == LONG  # every word there, none cut off
    # at 10 px a character is at most about 6 px wide: each line fits left of the bars
    assert all(len(line) * 6 <= 176 for line in lines)
