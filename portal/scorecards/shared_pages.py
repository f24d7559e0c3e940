"""The pages stored at publication (``halaman_terbit``), also kept in Redis when the portal has
one (``PORTAL_REDIS_URL``): every worker of every app server then answers a stored page with one
Redis read instead of a PostgreSQL read of a row from a table of 80,000 pages nationally.

An entry is filled the first time a worker reads the page from the database and is keyed on the
publication stamp, so a new publication anywhere makes every entry unreachable at once (they
expire after ``PORTAL_STORED_PAGES_REDIS_SECONDS``); what a key names is always what the database
held under that stamp. Entries are zlib-compressed (about 4 KB a scorecard). Redis is a help,
never a need: when it does not answer, the worker reads the database and leaves Redis alone for a
few seconds."""

from __future__ import annotations

import json
import time
import zlib
from typing import Any

import redis

Entry = tuple[str, list[tuple[str, str]], bytes, str]
#: how long a worker leaves Redis alone after it failed to answer
PAUSE_SECONDS = 5.0


class SharedPages:
    def __init__(self, client: Any, seconds: int, prefix: str = "portal:halaman") -> None:
        self.client = client
        self.seconds = seconds
        self.prefix = prefix
        self.paused_until = 0.0

    @classmethod
    def from_config(cls, config) -> SharedPages | None:
        url, seconds = config.get("PORTAL_REDIS_URL") or "", config["PORTAL_STORED_PAGES_REDIS_SECONDS"]
        if not url.startswith(("redis://", "rediss://", "unix://")) or seconds <= 0:
            return None
        return cls(redis.Redis.from_url(url, socket_timeout=0.25, socket_connect_timeout=0.25),
                   seconds)

    def key(self, stamp: tuple, page_key: str) -> str:
        last = stamp[2].isoformat() if stamp[2] is not None else "-"
        return f"{self.prefix}:{stamp[0]}:{stamp[1]}:{last}:{page_key}"

    def get(self, key: str) -> Entry | None:
        if time.monotonic() < self.paused_until:
            return None
        try:
            blob = self.client.get(key)
        except redis.RedisError:
            self.paused_until = time.monotonic() + PAUSE_SECONDS
            return None
        if blob is None:
            return None
        head, _, body = zlib.decompress(blob).partition(b"\0")
        status, headers, etag = json.loads(head)
        return status, [(name, value) for name, value in headers], body, etag

    def put(self, key: str, entry: Entry) -> None:
        if time.monotonic() < self.paused_until:
            return
        status, headers, body, etag = entry
        # JSON never holds a raw NUL, so the first one ends the head
        blob = zlib.compress(json.dumps([status, headers, etag]).encode() + b"\0" + body, 6)
        try:
            self.client.set(key, blob, ex=self.seconds)
        except redis.RedisError:
            self.paused_until = time.monotonic() + PAUSE_SECONDS
