# Two commands do all the set-up: `make run` and `make test`.
# Both create (or reuse) the virtual environment in .venv and install the project into it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PROJECT ?=

.PHONY: run test lint bench scaling screenshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/workbench gui $(PROJECT)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check workbench ui tests tools benchmarks
	$(BIN)/ruff format --check workbench ui tests tools benchmarks
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python benchmarks/run_benchmarks.py

# Fails when an operation grows more than 6x on a project 4x larger (under a minute).
scaling: $(STAMP)
	$(BIN)/python benchmarks/scaling_check.py

clean:
	rm -rf $(VENV) build *.egg-info
