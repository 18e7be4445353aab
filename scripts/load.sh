#!/usr/bin/env bash
# `make load`: the demo data in a fresh local database (var/load), gunicorn with 2 workers on
# 127.0.0.1 with DEBUG off, and Locust's mix (scripts/locustfile.py) headless against it:
# USERS users (50) for DURATION (3m). Prints Locust's figures (requests per second, p50/p95 per
# page) and the load average, then stops gunicorn. Needs the `load` extra (locust).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${LOAD_PORT:-8765}"
export VAR_DIR="${LOAD_VAR_DIR:-var/load}" SECRET_KEY=load-test-only-secret HTTPS=false \
    DEMO_MODE=true REQUIRE_STAFF_SECOND_FACTOR=false DISABLE_RATE_LIMITS=true \
    ALLOWED_HOSTS=127.0.0.1,localhost SITE_URL="http://127.0.0.1:$PORT" \
    CELERY_TASK_ALWAYS_EAGER=true
test -x .venv/bin/locust || .venv/bin/pip install --quiet -e ".[test,load]"
rm -rf "$VAR_DIR"
.venv/bin/python manage.py migrate --no-input >/dev/null
.venv/bin/python manage.py seed_demo >/dev/null
.venv/bin/python manage.py collectstatic --no-input >/dev/null
.venv/bin/gunicorn coproduction.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 \
    --log-level warning &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/accessibility/" && break; sleep 1; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
.venv/bin/locust -f scripts/locustfile.py --headless -u "${USERS:-50}" -r 5 \
    -t "${DURATION:-3m}" --host "http://127.0.0.1:$PORT" --stop-timeout 10 || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
