# Two commands: `make run` and `make test`. Everything else is a step they share.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export FLASK_APP := wsgi

.PHONY: run test install translations prepare clean bench

run: prepare
	$(BIN)/flask run --host 127.0.0.1 --port 5000

test: install translations
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

prepare: install translations
	$(BIN)/flask db upgrade
	$(BIN)/flask content check
	$(BIN)/flask index build

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

translations: install
	$(BIN)/pybabel compile -d registry/translations

clean:
	rm -rf $(VENV) instance *.egg-info

# Benchmarks (not tests): search against raw Whoosh and SQLite FTS5, then page throughput.
bench: install translations
	$(BIN)/python benchmarks/search_bench.py --json benchmarks/last_search_bench.json
	$(BIN)/python benchmarks/page_throughput.py
