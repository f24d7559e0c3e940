# Sourced by bench/scorecard_pages.sh and bench/national_pages.sh after they set DB_URL, PORT
# and GUNICORN_ARGS: installs wrk when missing, starts the portal under gunicorn on $PORT
# against $DB_URL (production settings, a temporary instance folder $TMP), stops it and any
# $MINI_PID on exit, and waits until /healthz answers.
if ! command -v wrk >/dev/null; then
  echo "wrk is missing: installing Debian's package" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi
TMP=$(mktemp -d)
export PORTAL_ENV=production PORTAL_SECRET_KEY=bench PORTAL_DATABASE_URL="$DB_URL"
export PORTAL_INSTANCE_PATH="$TMP" PORTAL_SECURE_COOKIES=0
.venv/bin/gunicorn "${GUNICORN_ARGS[@]}" --bind "127.0.0.1:$PORT" 'portal:create_app()' &
PORTAL_PID=$!
MINI_PID=""
cleanup() { kill "$PORTAL_PID" ${MINI_PID:+"$MINI_PID"} 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
for _ in $(seq 150); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
