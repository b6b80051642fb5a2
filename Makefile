# Two commands do everything: `make run` and `make test`. Each sets itself up first.
# Python packages come only from the lock files in requirements/ (exact versions with hashes);
# `make upgrade` refreshes them on purpose.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
LOCK := requirements/dev.txt
STAMP_PY := $(VENV)/.installed
STAMP_JS := node_modules/.installed
ASSETS := static/build/app.css
# Parallel test workers: one per core (browser and PostgreSQL tests included).
TEST_WORKERS ?= auto

.PHONY: run test check setup demo-code jobs worker bench bench-national lint format lock upgrade clean

run: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: setup
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist worksteal

# Every fast check CI runs before the tests: lint, format, migrations, system checks.
check: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.production \
	  SECRET_KEY=make-check-only-not-a-real-secret-key-0123456789-abcdefghijklmnop \
	  ALLOWED_HOSTS=check.invalid \
	  $(PY) manage.py check --deploy --fail-level WARNING

setup: $(STAMP_PY) $(ASSETS)

$(STAMP_PY): $(LOCK)
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	touch $@

$(STAMP_JS): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(ASSETS): $(STAMP_JS) scripts/build-frontend.mjs $(wildcard static/src/*.scss)
	npm run --silent build

# After adding or changing a dependency in pyproject.toml: lock it, keeping every other pin.
lock: $(STAMP_PY)
	$(VENV)/bin/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes --quiet \
	  -o requirements/prod.txt
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes \
	  --quiet -o requirements/dev.txt

# Refresh both lock files to the newest releases pyproject.toml allows; then run `make check`
# and `make test`, and commit pyproject.toml with requirements/ together.
upgrade: $(STAMP_PY)
	$(VENV)/bin/uv pip compile pyproject.toml --upgrade --python-version 3.11 --generate-hashes \
	  --quiet -o requirements/prod.txt
	$(VENV)/bin/uv pip compile pyproject.toml --upgrade --extra dev --python-version 3.11 \
	  --generate-hashes --quiet -o requirements/dev.txt

# Run the scheduled jobs now (reminders, the contributions check, staff digests). Without
# REDIS_URL they run here and then; with it, `make worker` runs them as beat schedules them.
jobs: setup
	$(PY) manage.py run_scheduled_jobs

# A Celery worker and beat on REDIS_URL (docker-compose.yml runs them as separate services).
worker: setup
	test -n "$$REDIS_URL" || (echo "Set REDIS_URL, for example redis://127.0.0.1:6379/0" && false)
	$(VENV)/bin/celery -A config worker --beat --loglevel=info --schedule=/tmp/celerybeat-schedule

demo-code: setup
	@$(PY) manage.py demo_code

lint: setup
	$(VENV)/bin/ruff check .

format: setup
	$(VENV)/bin/ruff format .

# Benchmarks, never part of `make test` (about 25 minutes; README "Benchmark"): gunicorn as in
# the Dockerfile on PostgreSQL with 10,000 budgets and 2,000,000 entries, wrk at 8 and 32 clients
# per page beside a trivial view and the page's own SQL (pgbench), the batch jobs, the PDF and
# import tests (tests/perf). Needs wrk and pgbench; results in test-artifacts/bench/.
bench: setup
	$(PY) -m tests.perf.bench

# The same at national size: 120,000 budgets at 153 councils, about 25,000,000 entries.
bench-national: setup
	$(PY) -m tests.perf.bench --national

clean:
	rm -rf $(VENV) node_modules static/build staticfiles
