#!/usr/bin/env bash
# Filing benchmark (issue 4): gunicorn + PostgreSQL on this machine, Locust as the load.
# Usage: bench/complaint_filing.sh [users] [seconds] [workers]
# Needs: a PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and `.venv/bin/pip install locust`.
set -euo pipefail
cd "$(dirname "$0")/.."
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
out="$(mktemp -d)/filing"
.venv/bin/locust -f bench/locust_filing.py --headless -u "$USERS" -r "$USERS" -t "${SECONDS_RUN}s" \
  --host "http://127.0.0.1:$PORT" --csv "$out" --only-summary >/dev/null 2>&1 || true
python3 - "$out" <<'PY'
import csv, sys
rows = {r["Name"]: r for r in csv.DictReader(open(sys.argv[1] + "_stats.csv"))}
for name in ("buka formulir", "kirim pengaduan"):
    r = rows[name]
    print(f"{name:16} {float(r['Requests/s']):7.1f} req/s  median {r['50%']} ms  "
          f"p99 {r['99%']} ms  failures {r['Failure Count']}/{r['Request Count']}")
PY
psql -h 127.0.0.1 -U postgres -Atc "select count(*) || ' complaints stored' from pengaduan" "$DB"
