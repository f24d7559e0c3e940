"""Server time of the /instansi miss path at national scale (issue 13: under 3 ms).

    .venv/bin/python bench/national_search.py [--database-url …] [--requests 2000]

Against the dataset of bench/national_data.py: random searches (a piece of a real OPD name,
often with a pemda, a kind or a sort) that no page cache holds, each answered by the app in
process (the page cache is bypassed: every request is a new URL). Prints the median, p95 and
p99 of (a) the search on the worker's index alone and (b) the whole request as the WSGI app
answers it (from the call into the app to the last byte of the page), for a worker that has
answered nothing yet and then for other new URLs, with how many the WSGI layer answered before
Flask (``cepat.py``); and the one-off cost of building the index after a publication. Wall-clock and CPU time are both printed: on a
shared machine the wall clock also counts the turns of other processes.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from portal import create_app  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_national"


def random_searches(rows, rng: random.Random, n: int) -> list[dict[str, str]]:
    """Query strings like visitors type them: a word or a piece of a name, sometimes narrowed."""
    from portal.scorecards.publik.queries import SORTS

    pemda = sorted({r.pemda_slug for r in rows})
    jenis = sorted({r.jenis for r in rows})
    out = []
    for _ in range(n):
        name = rng.choice(rows).opd_nama
        start = rng.randrange(len(name))
        args = {"q": name[start:start + rng.randint(3, 12)].strip() or name}
        if rng.random() < .3:
            args["pemda"] = rng.choice(pemda)
        if rng.random() < .2:
            args["jenis"] = rng.choice(jenis)
        if rng.random() < .3:
            args["urut"] = rng.choice(list(SORTS))
        if rng.random() < .1:
            args["page"] = str(rng.randint(2, 5))
        out.append(args)
    return out


def percentiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    return (f"median {statistics.median(ms):.2f} ms, p95 {ms[int(len(ms) * .95)]:.2f} ms, "
            f"p99 {ms[int(len(ms) * .99)]:.2f} ms, max {ms[-1]:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    app = create_app({"PORTAL_ENV": "production", "SQLALCHEMY_DATABASE_URI": args.database_url,
                      "INSTANCE_PATH": Path("/tmp/portal-bench-instance"),
                      "SECRET_KEY": "bench-only", "PORTAL_SECURE_COOKIES": False})
    from portal.scorecards.publik import indeks
    from portal.scorecards.publik.queries import Filter

    with app.app_context():
        started = time.perf_counter()
        daftar = indeks.load()
        built = time.perf_counter() - started
        rows = daftar.urutan["nama"].semua.rows
        print(f"index of {len(rows):,} OPDs built in {built * 1000:.0f} ms (once per worker "
              "and publication)")
    searches = random_searches(rows, random.Random(args.seed), args.requests)
    search_times = []
    for s in searches:
        f = Filter(q=s["q"], pemda=s.get("pemda", ""), jenis=s.get("jenis", ""),
                   sort=s.get("urut", "nama"))
        one = time.perf_counter()
        daftar.page(f, int(s.get("page", 1)), 20)
        search_times.append(time.perf_counter() - one)
    print(f"search on the index ({len(searches):,} searches): {percentiles(search_times)}")
    server_times: list[float] = []
    cpu_times: list[float] = []
    inner = app.wsgi_app

    def timed(environ, start_response):  # the server's time: from the WSGI call to the body
        one, cpu = time.perf_counter(), time.thread_time()
        body = b"".join(inner(environ, start_response))
        server_times.append(time.perf_counter() - one)
        cpu_times.append(time.thread_time() - cpu)
        return [body]

    app.wsgi_app = timed
    from portal.scorecards.publik import cepat

    layer = [0]
    answer = cepat.Penjawab.answer

    def counted(self, *call_args):  # how many searches the WSGI layer answered itself
        hit = answer(self, *call_args)
        layer[0] += hit is not None
        return hit

    cepat.Penjawab.answer = counted
    client = app.test_client()
    other = random_searches(rows, random.Random(args.seed + 1), args.requests)
    for language in ("id", "en"):
        client.set_cookie("bahasa", language)
        client.get("/instansi?q=warm-up")  # the index, templates and formatters, once
        # first a worker that has answered nothing yet in this language, then other new URLs
        for label, batch in (("cold worker", searches), ("warm worker", other)):
            server_times.clear()
            cpu_times.clear()
            layer[0] = 0
            for s in batch:
                url = "/instansi?" + urlencode(s)
                response = client.get(url)
                assert response.status_code == 200, url
            print(f"whole request, {language}, {label} ({len(batch):,} new URLs, "
                  f"{layer[0]:,} answered before Flask), server time: "
                  f"{percentiles(server_times)}")
            # on a shared machine the wall clock counts the other processes' turns too
            print(f"   the same, CPU time of the request: {percentiles(cpu_times)}")
    with app.app_context():
        held = indeks.current()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process (one worker's share): {peak:.0f} MB, with "
          f"{len(held._baris_html):,} rows drawn and {len(held._flags):,} common searches "
          "remembered")

if __name__ == "__main__":
    main()
