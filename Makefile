# Two commands do everything: `make run` and `make test`. Each sets itself up first.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP_PY := $(VENV)/.installed
STAMP_JS := node_modules/.installed
ASSETS := static/build/app.css

.PHONY: run test setup migrate demo demo-code bench lint clean

run: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: setup
	$(VENV)/bin/pytest

setup: $(STAMP_PY) $(ASSETS)

$(STAMP_PY): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

$(STAMP_JS): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(ASSETS): $(STAMP_JS) scripts/build-frontend.mjs $(wildcard static/src/*.scss)
	npm run --silent build

demo-code: setup
	@$(PY) manage.py demo_code

lint: setup
	$(VENV)/bin/ruff check .

bench: setup
	$(VENV)/bin/pytest tests/perf -p no:cacheprovider -o addopts=""

clean:
	rm -rf $(VENV) node_modules static/build staticfiles
