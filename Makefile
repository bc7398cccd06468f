# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432
export DATABASE_URL ?= $(PG_URL)/uep
# `make run PORT=8001` when 8000 is taken.
PORT ?= 8000

.PHONY: run test test-fast test-schema venv db worker

$(VENV)/.installed: requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

# Creates the database if it is missing (PostgreSQL at 127.0.0.1, trust auth).
db: venv
	$(PY) scripts/ensure_database.py

# A developer's .env (DEBUG on, a generated secret key), written once, so that the README's
# `manage.py` commands work as written; an existing .env is kept.
.env: | $(VENV)/.installed
	$(PY) scripts/write_dev_env.py $@

# Brings the app up at http://127.0.0.1:$(PORT) with demo data and a Celery worker (with beat: the periodic sweep).
run: db .env
	DJANGO_DEBUG=true $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=true $(PY) manage.py seed_demo --address http://127.0.0.1:$(PORT)/
	DJANGO_DEBUG=true $(VENV)/bin/celery -A uep worker --beat -s $(VENV)/celerybeat-schedule -l info --concurrency 2 & \
	  trap "kill $$! 2>/dev/null" EXIT; \
	  DJANGO_DEBUG=true $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Each checkout tests in its own database and behind its own Redis key prefix (named after its
# path), so several checkouts on one machine can run their suites at once.
CHECKOUT_ID := $(shell printf %s "$(CURDIR)" | md5sum | cut -c1-8)
# The suite runs on every core (pytest-xdist): each worker has its own database (pytest-django adds
# `_gw0`, `_gw1`, ...) and its own Redis key prefix (uep/settings.py). `make test TEST_WORKERS=0` runs in one process.
TEST_WORKERS ?= auto

# Writes uep/tests/migrated.sql.gz from a real `migrate`: the SQL a parallel test run loads into its
# template database in 2 s instead of migrating (35 s). Run it after adding or changing a migration.
test-schema: db .env
	DJANGO_DEBUG=true $(PY) scripts/write_test_schema.py

# Runs the whole test suite against the real PostgreSQL, Redis and Chromium, after the order of the
# apps (.importlinter): an import from a lower app up to a later stage fails before any test runs.
test: venv
	$(VENV)/bin/lint-imports --no-logo
	DATABASE_TEST_NAME=test_uep_$(CHECKOUT_ID) CELERY_KEY_PREFIX=t$(CHECKOUT_ID): \
	  $(VENV)/bin/pytest --create-db -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The fast core: everything but the slow kinds (browser, worker, crash, backup, slow; see
# pytest.ini), on the database kept from the last run. Under a minute on a quiet machine.
FAST := not browser and not worker and not crash and not backup and not slow
test-fast: venv
	DATABASE_TEST_NAME=test_uep_$(CHECKOUT_ID) CELERY_KEY_PREFIX=t$(CHECKOUT_ID): \
	  $(VENV)/bin/pytest -m "$(FAST)" -n $(TEST_WORKERS) $(PYTEST_ARGS)
