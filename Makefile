# threatdesk: `make run` to try it, `make test` to check it. Everything else is optional.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The address the demo's printed API example and the links in mail use: the one being served.
SITE_URL ?= http://$(HOST):$(PORT)
PYTEST_ARGS ?=

.PHONY: run serve migrate demo test test-pg lint typecheck bench bench-redaction clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

.env:
	$(PYTHON) threatdesk/lib/envfile.py > .env
	@echo "Wrote .env with fresh development secrets (never commit it)."

migrate: $(STAMP) .env
	$(PY) manage.py migrate --noinput

demo: migrate
	SITE_URL=$(SITE_URL) $(PY) manage.py demo --if-empty

run: demo
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

serve: migrate
	SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	THREATDESK_ENV=test $(VENV)/bin/mypy threatdesk

test: $(STAMP) lint typecheck
	THREATDESK_ENV=test $(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

# The same suite against PostgreSQL; DATABASE_URL must point at a server (see .ci/run).
test-pg: $(STAMP)
	THREATDESK_ENV=test $(VENV)/bin/pytest -n 2 --create-db $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) bench/intake.py

# Our redactor beside Presidio (bench-only packages from requirements-bench.txt).
bench-redaction: $(STAMP)
	$(PY) -m pip install --quiet -r requirements-bench.txt
	$(PY) bench/redaction.py

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache
