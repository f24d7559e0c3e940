"""An id in a URL that no database can hold is a page that does not exist (issue 12): a 404 in
the site's layout, never a driver's overflow error. Every ``<int:…>`` rule is walked, so a route
added later is covered without being listed."""

import pytest
from werkzeug.routing import IntegerConverter

from portal.core.routing import MAX_ID

HUGE = (MAX_ID + 1, 99999999999999999999)


def _int_rules(app):
    for rule in app.url_map.iter_rules():
        if any(isinstance(conv, IntegerConverter) for conv in rule._converters.values()):
            yield rule


def _url(rule, value: int) -> str:
    """The rule's path with ``value`` for every int part (built by hand: url_for refuses it)."""
    parts = []
    for is_dynamic, segment in rule._trace:
        if not is_dynamic:
            parts.append(segment)
            continue
        conv = rule._converters[segment]
        if isinstance(conv, IntegerConverter):
            parts.append(str(value))
        elif hasattr(conv, "items"):  # any(a, b): one of its choices
            parts.append(sorted(conv.items)[0])
        else:
            parts.append("x")
    return "".join(parts).split("|", 1)[-1]


def test_every_int_rule_is_covered(app):
    assert len(list(_int_rules(app))) > 40


@pytest.mark.parametrize("value", HUGE)
def test_an_id_out_of_range_is_a_404_page(app, client, login_as, value):
    login_as("admin_pemda")
    for rule in _int_rules(app):
        method = "GET" if "GET" in rule.methods else "POST"
        url = _url(rule, value)
        response = client.open(url, method=method)
        assert response.status_code == 404, (url, response.status_code)
        if not url.startswith("/open311/") and not url.startswith("/api/"):
            assert "Halaman tidak ditemukan" in response.get_data(as_text=True), url


def test_the_largest_id_still_reaches_the_view(client, login_as):
    login_as("admin_pemda")
    assert client.get(f"/kelola/opd/{MAX_ID}").status_code == 404  # the view's own 404
    assert client.get("/kelola/opd/0").status_code == 404


@pytest.mark.parametrize("bound", [0, 9, 10, 99, 100, 305, 1000, MAX_ID])
def test_the_id_pattern_takes_exactly_the_numbers_up_to_its_bound(bound):
    import random
    import re

    from portal.core.routing import at_most

    pattern = re.compile(at_most(bound) + r"\Z")
    rng = random.Random(bound)
    values = [*range(min(bound * 3 + 2, 3000)), *(rng.randrange(bound * 10 + 10) for _ in range(3000))]
    for value in values:
        assert bool(pattern.match(str(value))) == (value <= bound), value
