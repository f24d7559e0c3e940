#!/usr/bin/env bash
# Filing benchmark (issue 4): gunicorn + PostgreSQL on this machine, wrk (bench/filing.lua) as
# the load: each connection is a citizen who opens the form and files, again and again.
# Usage: bench/complaint_filing.sh [citizens] [seconds] [workers]
# Needs: a PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and wrk (Debian's package; this
# script installs it when run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y wrk >/dev/null; } || {
  echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
USERS=${1:-50}; SECONDS_RUN=${2:-30}; WORKERS=${3:-4}; PORT=5099
DB=bench_filing
export PORTAL_ENV=development PORTAL_SECRET_KEY=bench PORTAL_DATABASE_URL="postgresql://postgres@127.0.0.1/$DB"
export PORTAL_INSTANCE_PATH="$(mktemp -d)" PORTAL_COMPLAINT_MIN_SECONDS=0
export PORTAL_COMPLAINT_LIMIT="1000000 per minute" PORTAL_TRACKING_LIMIT="1000000 per minute"
dropdb -h 127.0.0.1 -U postgres --if-exists --force "$DB"; createdb -h 127.0.0.1 -U postgres "$DB"
.venv/bin/flask db upgrade >/dev/null 2>&1
.venv/bin/flask demo-data --pegawai 600 >/dev/null
.venv/bin/gunicorn --workers "$WORKERS" --bind "127.0.0.1:$PORT" --log-level warning 'portal:create_app()' &
GUNICORN=$!
trap 'kill $GUNICORN; wait $GUNICORN 2>/dev/null; dropdb -h 127.0.0.1 -U postgres --if-exists --force "$DB"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
wrk -t "$USERS" -c "$USERS" -d "${SECONDS_RUN}s" --latency -s bench/filing.lua \
  "http://127.0.0.1:$PORT" | sed -n '/^filings/,$p'
psql -h 127.0.0.1 -U postgres -Atc "select count(*) || ' complaints stored' from pengaduan" "$DB"
