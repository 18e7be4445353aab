# The README's commands. `make run` and `make test` set up everything they need first.
PYTHON_BIN ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

# The local demo: SQLite, the embedded broker, console email, no second factor for staff.
# Links in emails and calendar files point at the port the demo is served on.
RUN_ENV = DEBUG=true DEMO_MODE=true HTTPS=false REQUIRE_STAFF_SECOND_FACTOR=false \
	SITE_URL=http://127.0.0.1:$(PORT)
# The suite runs production-like settings (DEBUG off) over plain HTTP.
TEST_ENV := SECRET_KEY=test-only-secret-key-not-for-production HTTPS=false DISABLE_RATE_LIMITS=true \
	ALLOWED_HOSTS=localhost,127.0.0.1,testserver
# pytest-xdist: the suite is shared out over this many processes (0: all in this one), each with
# its own test database; the tests that start a real Celery worker all run in one of them, one
# after another (tests/conftest.py). PYTEST_ARGS adds to the command, e.g.
# `make test PYTEST_ARGS='-m "not browser" tests/payments'`.
TEST_PROCESSES ?= 2

.PHONY: install run test load throughput audit lint debian-packages seed clean messages

install: debian-packages $(VENV)/.installed static/build/.built

debian-packages:
	@bash scripts/install-debian-packages.sh

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/.built: node_modules/.installed $(wildcard assets/*.mjs assets/*.json assets/scss/*.scss)
	npm run --silent build
	touch $@

run: install
	$(RUN_ENV) $(PY) manage.py migrate --no-input
	$(RUN_ENV) $(PY) manage.py seed_demo
	$(RUN_ENV) PORT=$(PORT) bash scripts/run-local.sh

seed: install
	$(RUN_ENV) $(PY) manage.py migrate --no-input
	$(RUN_ENV) $(PY) manage.py seed_demo

test: install
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(PY) -m pytest -n $(TEST_PROCESSES) --dist loadgroup $(PYTEST_ARGS)

# The Locust load mix (scripts/locustfile.py, scripts/load.sh): seeds var/load, serves it with
# gunicorn (2 workers, DEBUG off) on 127.0.0.1, 50 users for 3 minutes, prints the figures.
load: install
	bash scripts/load.sh

# Requests a second for the public lists beside the trivial page, on a generate_scale database
# (DATABASE_URL): scripts/throughput.sh.
throughput: install
	bash scripts/throughput.sh

# Known vulnerabilities in the Python and npm packages we use (needs the internet: see README).
audit: install
	test -x $(VENV)/bin/pip-audit || $(PY) -m pip install --quiet -e ".[audit]"
	$(VENV)/bin/pip-audit --skip-editable --strict
	npm audit --audit-level=low

# Our wording for allauth (locale/en_GB/LC_MESSAGES/django.po). The compiled .mo is committed, so
# running the portal needs no gettext; after editing the .po run this and commit both files.
messages:
	msgfmt --check -o locale/en_GB/LC_MESSAGES/django.mo locale/en_GB/LC_MESSAGES/django.po

lint: install
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) node_modules static/build var
