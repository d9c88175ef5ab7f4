# Two commands do all the set-up: `make run` and `make test`.
# Both create (or reuse) the virtual environment in .venv and install the project into it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PROJECT ?=

.PHONY: run test lint bench scaling screenshots clean wheel wheel-smoke bundle

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

# The wheel researchers install (pipx, uv tool), built into dist/.
wheel: $(STAMP)
	rm -f dist/migration_power_workbench-*.whl
	$(BIN)/python -m pip wheel --quiet --no-deps --wheel-dir dist .

# The wheel installed into a fresh virtual environment outside the checkout, and smoke-tested
# from there: new --samples, info, export-xlsx, chart, desktop-entry, the window offscreen.
wheel-smoke: wheel
	set -e; env=$$(mktemp -d); trap 'rm -rf "$$env"' EXIT; \
	$(PYTHON) -m venv "$$env/venv"; \
	"$$env/venv/bin/python" -m pip install --quiet dist/migration_power_workbench-*.whl; \
	tools/smoke_installed.sh "$$env/venv/bin/workbench" "$$env/venv/bin/python"

# A one-folder bundle (dist/workbench/) made by PyInstaller from packaging/workbench.spec,
# then smoke-tested as the wheel is. PyInstaller is a build tool only (GPL with an exception
# for the bundles it makes); it goes into the development environment for this target.
bundle: $(STAMP)
	$(BIN)/python -m pip install --quiet 'pyinstaller>=6.10,<7'
	rm -rf build/bundle dist/workbench
	$(BIN)/pyinstaller --noconfirm --log-level WARN --workpath build/bundle --distpath dist \
		packaging/workbench.spec
	tools/smoke_installed.sh dist/workbench/workbench

clean:
	rm -rf $(VENV) build dist *.egg-info
