# Every target installs what it needs: `make test` and `make demo` work on a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
# Stoplight Prism for the contract tests: pinned (5.14.2 is the last release that runs on node 20), project-local.
PRISM_VERSION := 5.14.2
PRISM := .tools/node_modules/.bin/prism

.PHONY: install tools redis-server generate check-generated lint test demo docs bench profile update-specs clean

install: $(STAMP)

# Reinstall when the dependency pins change; the project itself is installed editable.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

tools: $(PRISM)

$(PRISM):
	@command -v npm >/dev/null || { echo "The contract tests need node >= 18 and npm (Debian: apt-get install nodejs npm)."; exit 1; }
	npm install --prefix .tools --no-audit --no-fund --loglevel=error @stoplight/prism-cli@$(PRISM_VERSION)

# The bulk and rate-limit tests (tests/bulk/) and the limiter benchmark start their own redis-server on 127.0.0.1
# (a free port, no persistence): Debian's package, installed here when missing (CI runs as root on a fresh machine).
redis-server:
	@command -v redis-server >/dev/null || (apt-get update && apt-get install -y redis-server)

generate: $(STAMP)
	$(PY) -m generator

check-generated: $(STAMP)
	$(PY) -m generator --check

lint: $(STAMP)
	$(BIN)/ruff check generator wrappers tests examples
	$(BIN)/ruff format --check generator wrappers tests examples
	$(BIN)/ruff format --check --isolated --line-length 120 generated
	$(BIN)/mypy

test: lint check-generated $(PRISM) redis-server
	$(PY) -m pytest

# The main job: the three sandbox vendors, one order updated on each, the normalised orders side by side.
demo: $(STAMP)
	$(PY) examples/demo.py

# Rewrite the generated tables in README.md from the adapters' own data.
docs: $(STAMP)
	$(PY) -m storefronts._docs --write README.md

bench: $(STAMP) redis-server
	$(PY) -m tests.benchmarks.run

# A sampling profile of update_order (py-spy, 1 kHz: nothing added to the calls); py-spy needs ptrace rights.
PY_SPY_VERSION := 0.4.3
PY_SPY := $(BIN)/py-spy

$(PY_SPY): $(STAMP)
	$(PY) -m pip install --quiet "py-spy==$(PY_SPY_VERSION)"

profile: $(PY_SPY)
	mkdir -p build/bench
	$(PY_SPY) record --rate 1000 --format raw --output build/bench/update_order.raw -- \
		$(PY) -m tests.benchmarks.profile_call --sample --calls 30000
	$(PY) -m tests.benchmarks.profile_call --summarise build/bench/update_order.raw --top 45

update-specs: $(STAMP)
	$(PY) -m generator.update_specs $(UPDATE_SPECS_ARGS)

clean:
	rm -rf $(VENV) build .tools .mypy_cache .pytest_cache .ruff_cache
