#!/usr/bin/env bash
# Public page benchmark (issue 5): the portal under gunicorn (2 workers: this machine's 2 cores)
# against a minimal Flask app returning the same bytes from memory under the same gunicorn, both
# loaded by wrk with 50 connections, in the same run. Prints req/s, p99 and the ratio per page,
# and the weight of /instansi/<slug> with its CSS and JS.
#
# Usage: bench/scorecard_pages.sh [seconds] [database-url]
#        PORTAL_PUBLIC_CACHE=0 bench/scorecard_pages.sh   # every page rendered (no page cache)
#        BENCH_THREADS=4 bench/scorecard_pages.sh         # gthread workers instead of sync
# Needs: the dataset of bench/scorecard_data.py (PostgreSQL bench_scorecards by default), and
# wrk (Debian package; installed here with apt-get when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN=${1:-20}
DB_URL=${2:-postgresql://postgres@127.0.0.1/bench_scorecards}
WORKERS=2 PORT=5098 MINI_PORT=5097 CONNECTIONS=50
# the same server settings for both apps; sync workers by default, BENCH_THREADS=4 for gthread
THREADS=${BENCH_THREADS:-1}
GUNICORN_ARGS=(--workers "$WORKERS" --threads "$THREADS" --log-level warning)
# shellcheck source=bench/_portal_server.sh
source bench/_portal_server.sh

# the largest scorecard (most services) of the current publications, and the list page
SLUG=$(curl -sf "http://127.0.0.1:$PORT/api/v1/instansi" | .venv/bin/python -c '
import json, sys
rows = json.load(sys.stdin)["instansi"]
print(max(rows, key=lambda r: (r["responden"] or 0))["slug"])')
PAGES=("/instansi" "/instansi/$SLUG")
BODIES="{"
for i in "${!PAGES[@]}"; do
  curl -sf "http://127.0.0.1:$PORT${PAGES[$i]}" -o "$TMP/body$i"
  BODIES+="\"${PAGES[$i]}\": \"$TMP/body$i\","
done
BODIES="${BODIES%,}}"
BENCH_BODIES="$BODIES" .venv/bin/gunicorn "${GUNICORN_ARGS[@]}" --bind "127.0.0.1:$MINI_PORT" \
  --chdir bench scorecard_minimal:app &
MINI_PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$MINI_PORT/instansi" >/dev/null && break; sleep 0.2; done

run() {  # url → "req/s p99"
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --latency "$1" 2>/dev/null | awk '
    /Requests\/sec/ {rps=$2} / 99%/ {p99=$2} /Non-2xx/ {bad=$NF}
    END {print rps, p99, (bad ? bad : 0)}'
}
printf "%-44s %10s %10s %10s %10s %7s\n" page "portal r/s" "p99" "minimal" "p99" ratio
for page in "${PAGES[@]}"; do
  read -r p_rps p_p99 p_bad <<<"$(run "http://127.0.0.1:$PORT$page")"
  read -r m_rps m_p99 _m_bad <<<"$(run "http://127.0.0.1:$MINI_PORT$page")"
  ratio=$(awk -v a="$p_rps" -v b="$m_rps" 'BEGIN {printf "%.2f", a / b}')
  printf "%-44s %10s %10s %10s %10s %7s%s\n" "$page" "$p_rps" "$p_p99" "$m_rps" "$m_p99" "$ratio" \
    "$([ "$p_bad" != 0 ] && echo "  ($p_bad non-2xx)")"
done
html=$(stat -c %s "$TMP/body1")
assets=0
for asset in $(grep -oE '(href|src)="/static/[^"]+"' "$TMP/body1" | cut -d'"' -f2); do
  assets=$((assets + $(curl -sf "http://127.0.0.1:$PORT$asset" | wc -c)))
done
echo "weight of /instansi/$SLUG: HTML $html + CSS/JS $assets = $((html + assets)) bytes"
