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

# Every benchmark on one generated large project (ANALYZE run, as after real use);
# figures are recorded by hand in docs/benchmarks.md. BENCH_PROJECT reuses a project.
BENCH_PROJECT ?= benchmarks/out/large.mpw

$(BENCH_PROJECT): benchmarks/generate.py
	mkdir -p $(dir $(BENCH_PROJECT))
	rm -f $(BENCH_PROJECT)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/generate.py $(BENCH_PROJECT)

bench: $(STAMP) $(BENCH_PROJECT)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run_benchmarks.py --project $(BENCH_PROJECT)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/open_checks.py $(BENCH_PROJECT)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/ui_benchmarks.py --project $(BENCH_PROJECT)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/chart_benchmark.py --project $(BENCH_PROJECT)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/excel_benchmark.py --project $(BENCH_PROJECT)

# Fails when an operation grows more than 6x on a project 4x larger (under a minute).
scaling: $(STAMP)
	$(BIN)/python benchmarks/scaling_check.py

clean:
	rm -rf $(VENV) build *.egg-info
