#!/usr/bin/env bash
# Serves the portal with a real Celery worker and beat on the embedded broker; Ctrl+C stops all.
set -euo pipefail
PORT="${PORT:-8000}"
trap 'kill 0' EXIT INT TERM
.venv/bin/celery -A coproduction worker --beat --loglevel=INFO --concurrency=2 &
sleep 1
.venv/bin/python manage.py print_demo_accounts --port "$PORT"
.venv/bin/python manage.py runserver "127.0.0.1:$PORT"
