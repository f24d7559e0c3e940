#!/usr/bin/env bash
# Public pages at national scale (issue 13): the portal under gunicorn (2 workers: this
# machine's 2 cores) against the dataset of bench/national_data.py, and in the same run a
# minimal Flask app answering from memory with the portal's own stored bytes
# (bench/national_minimal.py) under the same gunicorn settings. wrk (2 threads, 50
# connections) with bench/national_pages.lua:
#   pages:  every OPD scorecard in rotation, both languages (~40,000 distinct pages, far more
#           than any per-worker cache holds: each is answered from the pages stored at publication)
#   search: /instansi with a random search, pemda, kind, sort, page (a URL no cache has seen:
#           the miss path, answered from the worker's index of the published list)
# Prints req/s, p99 and the ratio portal/minimal for both, and checks ETag/304 on one page.
#
# Usage: [WARM_SECONDS=60] bench/national_pages.sh [seconds] [database-url]
# WARM_SECONDS: run each mode that long first (printed as "-warm"), then measure.
# Run inside flock /tmp/bench.lock. Needs wrk (Debian package; installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN=${1:-30}
DB_URL=${2:-postgresql://postgres@127.0.0.1/bench_national}
WORKERS=2 PORT=5096 MINI_PORT=5095 CONNECTIONS=50
GUNICORN_ARGS=(--workers "$WORKERS" --threads "${BENCH_THREADS:-1}" --log-level warning)
# shellcheck source=bench/_portal_server.sh
source bench/_portal_server.sh
BENCH_DSN="$DB_URL" .venv/bin/gunicorn "${GUNICORN_ARGS[@]}" --bind "127.0.0.1:$MINI_PORT" \
  --chdir bench national_minimal:app &
MINI_PID=$!
for _ in $(seq 150); do curl -sf -o /dev/null "http://127.0.0.1:$MINI_PORT/instansi?q=a" && break; sleep 0.2; done

psql "$DB_URL" -Atc "SELECT '/instansi/' || r.opd_slug FROM rapor_opd r JOIN publikasi_rapor p
  ON p.id = r.publikasi_id WHERE p.terkini ORDER BY md5(r.opd_slug)" > "$TMP/pages"
psql "$DB_URL" -Atc "SELECT r.opd_nama FROM rapor_opd r JOIN publikasi_rapor p
  ON p.id = r.publikasi_id WHERE p.terkini" > "$TMP/names"
psql "$DB_URL" -Atc "SELECT slug FROM pemda" > "$TMP/pemda"
stored=$(psql "$DB_URL" -Atc "SELECT count(*) FROM halaman_terbit")
echo "$(wc -l < "$TMP/pages") OPD scorecards x 2 languages in rotation; $stored pages stored"
# warm both: the portal's index of the list is built once per worker, on its first search
for _ in 1 2 3 4; do curl -sf -o /dev/null "http://127.0.0.1:$PORT/instansi?q=warm"; done

run() {  # mode url → "req/s p99 non-2xx"
  BENCH_MODE=$1 BENCH_PATHS=$([ "$1" = pages ] && echo "$TMP/pages" || echo "$TMP/names") \
  BENCH_PEMDA="$TMP/pemda" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --latency \
    -s bench/national_pages.lua "$2" 2>/dev/null | awk '
    /Requests\/sec/ {rps=$2} / 99%/ {p99=$2} /Non-2xx/ {bad=$NF}
    END {print rps, p99, (bad ? bad : 0)}'
}
printf "%-8s %10s %10s %10s %10s %7s   %s\n" run "portal r/s" "p99" "minimal" "p99" ratio "load average"
for mode in pages search; do
  if [ "${WARM_SECONDS:-0}" != 0 ]; then
    # a server that has been up a while: each worker has built its index, drawn the frames
    # and rows of the searches it met, read its stored pages (the cold run's figures are
    # printed too)
    read -r w_rps w_p99 _w_bad <<<"$(SECONDS_RUN=$WARM_SECONDS run "$mode" "http://127.0.0.1:$PORT")"
    read -r wm_rps wm_p99 _wm_bad <<<"$(SECONDS_RUN=$WARM_SECONDS run "$mode" "http://127.0.0.1:$MINI_PORT")"
    printf "%-8s %10s %10s %10s %10s %7s   %s\n" "$mode-warm" "$w_rps" "$w_p99" "$wm_rps" "$wm_p99" \
      "$(awk -v a="$w_rps" -v b="$wm_rps" 'BEGIN {printf "%.2f", a / b}')" "(first ${WARM_SECONDS} s)"
  fi
  read -r p_rps p_p99 p_bad <<<"$(run "$mode" "http://127.0.0.1:$PORT")"
  read -r m_rps m_p99 _m_bad <<<"$(run "$mode" "http://127.0.0.1:$MINI_PORT")"
  ratio=$(awk -v a="$p_rps" -v b="$m_rps" 'BEGIN {printf "%.2f", a / b}')
  printf "%-8s %10s %10s %10s %10s %7s   %s%s\n" "$mode" "$p_rps" "$p_p99" "$m_rps" "$m_p99" \
    "$ratio" "$(cut -d' ' -f1-3 /proc/loadavg)" "$([ "$p_bad" != 0 ] && echo "  ($p_bad non-2xx)")"
done

# the stored bytes keep their ETag: a conditional request is answered 304
page=$(head -1 "$TMP/pages")
etag=$(curl -sf -D - -o /dev/null -H "Cookie: bahasa=en" "http://127.0.0.1:$PORT$page" \
  | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: bahasa=en" -H "If-None-Match: $etag" \
  "http://127.0.0.1:$PORT$page")
echo "ETag/304 on $page (en): $etag -> $code"
