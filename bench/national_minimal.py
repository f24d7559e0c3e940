"""The yardstick of bench/national_pages.sh: a minimal Flask app answering from memory with
the portal's own stored bytes (``halaman_terbit``), under the same gunicorn settings.

It loads BENCH_SAMPLE scorecards in each language and the stored OPD lists; a scorecard URL it
does not hold gets one of the held scorecards of its language (the same kind of page, the same
size), and any /instansi?… URL one of the stored lists: the bytes of the portal's answers, with
none of the work of finding them."""

from __future__ import annotations

import os
import zlib

import psycopg
from flask import Flask, Response, request

DSN = os.environ.get("BENCH_DSN", "postgresql://postgres@127.0.0.1/bench_national")
SAMPLE = int(os.environ.get("BENCH_SAMPLE", "1000"))

with psycopg.connect(DSN) as conn:
    rows = conn.execute(
        "(SELECT path, bahasa, body FROM halaman_terbit WHERE path LIKE '/instansi/%%' "
        " ORDER BY kunci LIMIT %s) UNION ALL "
        "(SELECT path, bahasa, body FROM halaman_terbit WHERE path LIKE '/instansi?%%')",
        (SAMPLE * 2,)).fetchall()
BODIES = {(path, bahasa): bytes(body) for path, bahasa, body in rows}
BY_KIND: dict[tuple[bool, str], list[bytes]] = {}
for (path, bahasa), body in sorted(BODIES.items()):
    BY_KIND.setdefault((path.startswith("/instansi?"), bahasa), []).append(body)

app = Flask(__name__)


@app.get("/<path:_path>")
def serve(_path: str) -> Response:
    path = request.full_path.rstrip("?")
    bahasa = request.cookies.get("bahasa", "id")
    body = BODIES.get((path, bahasa))
    if body is None:
        pool = BY_KIND[(path.startswith("/instansi?"), bahasa)]
        body = pool[zlib.crc32(path.encode()) % len(pool)]
    return Response(body, mimetype="text/html")
