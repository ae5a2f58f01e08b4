# Two quick-start commands: `make demo` and `make test`. On a fresh machine with only
# Python 3.11 and pip, both bootstrap uv, install the locked environment, then run.
PYTHON ?= python3
UV = $(PYTHON) -m uv
VENV = .venv
BIN = $(VENV)/bin
# Never let uv download a Python build (no network for that here); use the machine's 3.11.
export UV_PYTHON_DOWNLOADS = never
export UV_PYTHON = $(PYTHON)

.PHONY: setup demo test lint unit bench clean

$(VENV)/.synced: pyproject.toml uv.lock
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check uv
	$(UV) sync --frozen
	@touch $@

setup: $(VENV)/.synced

demo: setup
	$(BIN)/pokerlake demo

lint: setup
	$(BIN)/ruff check .

test: setup lint
	$(BIN)/pytest

unit: setup
	$(BIN)/pytest -m "not slow"

bench: setup
	$(BIN)/python bench/run_all.py

clean:
	rm -rf .pokerlake dbt_project/target dbt_project/logs .pytest_cache
