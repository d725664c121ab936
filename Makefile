# coldcase: two commands.
#   make run    set everything up and serve the app at http://127.0.0.1:5000 (SQLite, sample cases)
#   make test   set everything up and run the whole test suite (SQLite, then PostgreSQL when one answers)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PG_ADMIN_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/postgres
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test install system-deps lint bench clean

run: install
	$(BIN)/coldcase db upgrade
	$(BIN)/coldcase users ensure-admin
	$(BIN)/coldcase run --host $(HOST) --port $(PORT)

test: install
	$(BIN)/pytest
	@if $(BIN)/python scripts/pg_available.py "$(PG_ADMIN_URL)"; then \
		echo "== again on PostgreSQL (a throwaway database, dropped afterwards) =="; \
		COLDCASE_TEST_POSTGRES_URL="$(PG_ADMIN_URL)" $(BIN)/pytest; \
	else \
		echo "PostgreSQL does not answer at $(PG_ADMIN_URL): ran on SQLite only."; \
	fi

install: system-deps $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

lint: install
	$(BIN)/ruff check coldcase tests bench

bench: install
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
