import pytest

from portal.scorecards import cache


@pytest.fixture(autouse=True)
def _fresh_public_cache():
    """The demo publishes scorecards; no page of another test's publication may be served."""
    cache.clear()
    yield
    cache.clear()
