"""Stored pages kept in Redis too (issue 13): a visitor's plain GET for a stored page is answered
from Redis once a worker has read it from the database; a new publication makes the old entries
unreachable; a Redis that does not answer costs nothing but a fall back to the database."""

import os

import pytest
import redis

from portal.scorecards import cache
from portal.scorecards.shared_pages import SharedPages
from tests.scorecards.test_prerender import _mark, _publish_from_page


class FakeRedis:
    def __init__(self, fail: bool = False) -> None:
        self.data: dict[str, bytes] = {}
        self.fail, self.calls = fail, 0

    def get(self, key):
        self.calls += 1
        if self.fail:
            raise redis.ConnectionError("down")
        return self.data.get(key)

    def set(self, key, value, ex=None):
        self.calls += 1
        if self.fail:
            raise redis.ConnectionError("down")
        assert ex and ex > 0  # every entry expires
        self.data[key] = value


@pytest.fixture()
def middleware(app):
    found = next(m for m in cache._middlewares if m.app is app)
    assert found.shared is None  # tests run without Redis unless they say so
    return found


def test_a_stored_page_read_once_is_answered_from_redis_until_the_next_publication(
        app, client, world, login_as, db, middleware, monkeypatch):
    fake = FakeRedis()
    monkeypatch.setattr(middleware, "shared", SharedPages(fake, 60))
    _publish_from_page(client, world, login_as)
    path = f"/instansi/{world.opd.slug}"
    visitor = app.test_client()
    first = visitor.get(path)
    assert first.status_code == 200 and len(fake.data) == 1
    _mark(db, path, b"<p>diubah di basis data</p>")  # the worker's own cache dropped too
    again = visitor.get(path)
    assert again.get_data() == first.get_data()  # from Redis, not the database
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    assert visitor.get(path, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    # a new publication: the old entry is never read again, the new stored page is
    _publish_from_page(client, world, login_as, catatan="Data diperbaiki")
    _mark(db, path, b"<p>versi baru tersimpan</p>")
    assert visitor.get(path).get_data() == b"<p>versi baru tersimpan</p>"
    assert len(fake.data) == 2


def test_a_redis_that_does_not_answer_falls_back_to_the_database_and_is_left_alone(
        app, client, world, login_as, db, middleware, monkeypatch):
    fake = FakeRedis(fail=True)
    monkeypatch.setattr(middleware, "shared", SharedPages(fake, 60))
    _publish_from_page(client, world, login_as)
    path = f"/instansi/{world.opd.slug}"
    _mark(db, path, b"<p>dari basis data</p>")
    visitor = app.test_client()
    assert visitor.get(path).get_data() == b"<p>dari basis data</p>"
    calls = fake.calls
    cache.clear()
    assert visitor.get(path).get_data() == b"<p>dari basis data</p>"
    assert fake.calls == calls  # paused: no second timeout for the next visitor


def test_no_redis_configured_means_no_shared_store(app):
    assert SharedPages.from_config({"PORTAL_REDIS_URL": "",
                                    "PORTAL_STORED_PAGES_REDIS_SECONDS": 60}) is None
    assert SharedPages.from_config({"PORTAL_REDIS_URL": "redis://127.0.0.1:6379/0",
                                    "PORTAL_STORED_PAGES_REDIS_SECONDS": 0}) is None


@pytest.mark.skipif(not os.environ.get("PORTAL_TEST_REDIS_URL"),
                    reason="set PORTAL_TEST_REDIS_URL to run")
def test_an_entry_survives_a_real_redis_byte_for_byte():
    store = SharedPages.from_config({"PORTAL_REDIS_URL": os.environ["PORTAL_TEST_REDIS_URL"],
                                     "PORTAL_STORED_PAGES_REDIS_SECONDS": 30})
    store.prefix = f"uji:{os.getpid()}"
    entry = ("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("ETag", '"abc"')],
             b"<p>\x00 halaman \xe2\x80\x94 tersimpan</p>", '"abc"')
    key = store.key((1, 1, None), "kunci")
    store.put(key, entry)
    assert store.get(key) == entry
    assert store.client.ttl(key) > 0
