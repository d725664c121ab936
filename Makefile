# coldcase: two commands.
#   make run    set everything up and serve the app at http://127.0.0.1:5000 (SQLite, sample cases)
#   make test   set everything up and run the whole test suite (SQLite, then PostgreSQL when one answers)
#   make lock   refresh the pinned versions in requirements/ (on purpose; see requirements/README.md)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PG_ADMIN_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/postgres
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test install install-test lock system-deps lint bench mutation clean

run: install
	$(BIN)/coldcase db upgrade
	$(BIN)/coldcase users ensure-admin --url http://$(HOST):$(PORT)
	$(BIN)/coldcase demo seed-history --if-needed
	$(BIN)/coldcase run --host $(HOST) --port $(PORT)

test: install-test
	$(BIN)/pytest
	@if $(BIN)/python scripts/pg_available.py "$(PG_ADMIN_URL)"; then \
		echo "== again on PostgreSQL (a throwaway database, dropped afterwards) =="; \
		COLDCASE_TEST_POSTGRES_URL="$(PG_ADMIN_URL)" $(BIN)/pytest; \
	else \
		echo "PostgreSQL does not answer at $(PG_ADMIN_URL): ran on SQLite only."; \
	fi

install: system-deps $(VENV)/.run-installed

install-test: system-deps $(VENV)/.test-installed

system-deps:
	@bash scripts/system-deps.sh

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Exactly the locked versions, checked against their hashes; coldcase itself goes in editable, built with the
# locked setuptools (no build isolation, so nothing unpinned is fetched to build it).
$(VENV)/.run-installed: $(BIN)/python requirements/run.txt setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/run.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.run-installed requirements/test.txt
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/test.txt
	touch $@

# Refresh the lock files on purpose: keeps every pin that setup.cfg still allows; UPGRADE=1 moves them all.
LOCK_FLAGS := --generate-hashes --universal --python-version 3.11 --no-header --quiet $(if $(UPGRADE),--upgrade)
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/lock-tool.txt
	$(BIN)/uv pip compile $(LOCK_FLAGS) setup.cfg requirements/build.in -o requirements/run.txt
	$(BIN)/uv pip compile $(LOCK_FLAGS) setup.cfg requirements/build.in --extra test -o requirements/test.txt
	$(BIN)/uv pip compile $(LOCK_FLAGS) requirements/lock-tool.in -o requirements/lock-tool.txt

lint: install-test
	$(BIN)/ruff check coldcase tests bench

# Mutation testing of the pure modules (the [mutmut] section of setup.cfg names them and the tests that run), then
# the score (scripts/mutation_score.py; equivalent mutants are listed in tests/mutation_equivalent.txt). Starts
# afresh each time: mutmut does not retest a survivor after tests change. Takes some 30-40 minutes on 2 cores.
mutation: install-test
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2
	$(BIN)/python scripts/mutation_score.py

bench: install
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache mutants
