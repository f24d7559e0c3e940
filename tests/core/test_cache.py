"""The short-lived memo of the public forms' lists: computed once while fresh, again after."""

from portal.core import cache


def test_remembered_computes_once_until_forgotten(app, monkeypatch):
    monkeypatch.setitem(app.config, "PORTAL_CHOICES_CACHE_SECONDS", 60)
    app.extensions.pop("portal_choices_cache", None)
    calls = []

    def compute():
        calls.append(1)
        return ["Dinas Kesehatan"]

    assert cache.remembered("opd", compute) == ["Dinas Kesehatan"]
    assert cache.remembered("opd", compute) == ["Dinas Kesehatan"]
    assert len(calls) == 1
    cache.forget_all()
    cache.remembered("opd", compute)
    assert len(calls) == 2
    app.extensions.pop("portal_choices_cache", None)


def test_switched_off_with_zero_seconds(app):
    assert app.config["PORTAL_CHOICES_CACHE_SECONDS"] == 0  # the tests build their own OPDs
    calls = []
    cache.remembered("opd", lambda: calls.append(1))
    cache.remembered("opd", lambda: calls.append(1))
    assert len(calls) == 2
