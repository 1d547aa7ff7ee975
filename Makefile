# Every target installs what it needs: `make test` and `make demo` work on a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: install generate check-generated lint test clean

install: $(STAMP)

# Reinstall when the dependency pins change; the project itself is installed editable.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

generate: $(STAMP)
	$(PY) -m generator

check-generated: $(STAMP)
	$(PY) -m generator --check

lint: $(STAMP)
	$(BIN)/ruff check generator wrappers tests
	$(BIN)/ruff format --check generator wrappers tests
	$(BIN)/ruff format --check --isolated --line-length 120 generated
	$(BIN)/mypy

test: lint check-generated
	$(PY) -m pytest

clean:
	rm -rf $(VENV) build .tools .mypy_cache .pytest_cache .ruff_cache
