#!/usr/bin/env bash
# `make throughput`: requests a second that gunicorn (2 workers, DEBUG off) serves for the public
# project list, beside the trivial accessibility page, on a database filled by
# `manage.py generate_scale` (DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/scale_county).
# Each page is asked for by USERS (10) visitors with no pause for DURATION (30s); run once with the
# public page cache on (as production) and once with it off (PUBLIC_PAGE_CACHE_SECONDS=0), so
# the cost of building the page shows too. The target: the project list at least half the
# trivial page's throughput.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to a database filled by manage.py generate_scale}"
PORT="${THROUGHPUT_PORT:-8766}"
export VAR_DIR="${THROUGHPUT_VAR_DIR:-var/throughput}" SECRET_KEY=throughput-only-secret \
    HTTPS=false ALLOWED_HOSTS=127.0.0.1,localhost DISABLE_RATE_LIMITS=true
test -x .venv/bin/locust || .venv/bin/pip install --quiet -e ".[test,load]"
.venv/bin/python manage.py collectstatic --no-input >/dev/null
rate() {  # page -> requests a second
    THROUGHPUT_PAGE="$1" .venv/bin/locust -f scripts/locust_throughput.py --headless \
        -u "${USERS:-10}" -r 10 -t "${DURATION:-30s}" --host "http://127.0.0.1:$PORT" \
        --only-summary --csv "$VAR_DIR/locust" >/dev/null 2>&1 || true
    awk -F, '$2=="Aggregated" {printf "%.1f %s %s", $10, $3, $4}' "$VAR_DIR/locust_stats.csv"
}
for cache in 300 0; do
    PUBLIC_PAGE_CACHE_SECONDS=$cache .venv/bin/gunicorn coproduction.wsgi:application \
        --bind "127.0.0.1:$PORT" --workers 2 --log-level warning &
    server=$!
    for _ in $(seq 60); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/accessibility/" && break; sleep 1; done
    echo "public page cache ${cache}s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    DURATION=5s rate /accessibility/ >/dev/null  # warm up: the first requests load the code
    read -r trivial _ _ <<<"$(rate /accessibility/)"
    for page in /projects/ "/projects/?page=2" /events/ /you-said-we-did/; do
        read -r got requests failures <<<"$(rate "$page")"
        echo "  $page: $got requests a second ($requests requests, $failures failures); trivial page $trivial; $(awk -v a="$got" -v b="$trivial" 'BEGIN {printf "%.0f%%", 100*a/b}') of it"
    done
    kill "$server"; wait "$server" 2>/dev/null || true
done
