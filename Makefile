# Every target installs what it needs: `make test` and `make demo` work on a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
# Every published extra: the suites test each one.
EXTRAS := aiohttp,async,otel,ratelimit,redis,testing
# Stoplight Prism for the contract tests: pinned (5.14.2 is the last release that runs on node 20), project-local.
PRISM_VERSION := 5.14.2
PRISM := .tools/node_modules/.bin/prism

.PHONY: install tools redis-server generate check-generated lint test test-fourth-vendor fuzz demo docs bench profile update-specs spec-report api-snapshot release-check clean

install: $(STAMP)

# pip installs PEP 735 dependency groups (`--group`) from 25.1 on; a venv starts with the interpreter's own pip.
PIP_MIN_VERSION := 25.1

# Reinstall when the dependency pins change; the project itself is installed editable, with its extras and the
# maintainer tools (the `dev` dependency group of pyproject.toml, never published).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -c "import sys, pip; sys.exit(tuple(map(int, pip.__version__.split('.')[:2])) < tuple(map(int, '$(PIP_MIN_VERSION)'.split('.'))))" \
		|| $(PY) -m pip install --quiet --upgrade "pip>=$(PIP_MIN_VERSION)"
	$(PY) -m pip install --quiet -e ".[$(EXTRAS)]" --group dev
	touch $(STAMP)

tools: $(PRISM)

$(PRISM):
	@command -v npm >/dev/null || { echo "The contract tests need node >= 18 and npm (Debian: apt-get install nodejs npm)."; exit 1; }
	npm install --prefix .tools --no-audit --no-fund --loglevel=error @stoplight/prism-cli@$(PRISM_VERSION)

# The bulk and rate-limit tests (tests/bulk/) and the limiter benchmark start their own redis-server on 127.0.0.1
# (a free port, no persistence): Debian's package, installed here when missing (CI runs as root on a fresh machine).
redis-server:
	@command -v redis-server >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server)

generate: $(STAMP)
	$(PY) -m generator

check-generated: $(STAMP)
	$(PY) -m generator --check

lint: $(STAMP)
	$(BIN)/ruff check generator wrappers tests examples
	$(BIN)/ruff format --check generator wrappers tests examples
	$(BIN)/ruff format --check --isolated --line-length 120 generated
	$(BIN)/mypy

# pytest-xdist workers: two per CPU core (0 runs every test in one process). Many tests spend part of their time
# waiting (on a socket, a child process, Prism, a redis-server), and a second worker per core fills those waits with
# another module's CPU work; more than two per core only adds start-up. `--dist loadfile` keeps each test module on
# one worker, so a module's expensive fixture (Prism, a generation, built artifacts) is made once;
# `--no-loadscope-reorder` hands modules out in collection order, which tests/conftest.py starts with the longest.
TEST_WORKERS ?= $(shell echo $$((2 * $$(nproc))))

# The linters and the generated-tree check run in the background while pytest runs (their output, kept in
# build/checks.log, is shown after pytest's): they are a few seconds of CPU that would otherwise hold pytest back.
# Either failing fails the target.
CHECKS_LOG := build/checks.log
test: $(STAMP) $(PRISM) redis-server
	@mkdir -p $(dir $(CHECKS_LOG))
	@$(MAKE) --no-print-directory -j2 --output-sync=target lint check-generated > $(CHECKS_LOG) 2>&1 & checks=$$!; \
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder; tests=$$?; \
	wait $$checks; checked=$$?; \
	echo "--- lint and generated-tree check ($(CHECKS_LOG))"; cat $(CHECKS_LOG); \
	if [ $$checked -ne 0 ]; then echo "lint or check-generated failed"; fi; \
	[ $$tests -eq 0 ] && [ $$checked -eq 0 ]

# Every suite with the throwaway fourth vendor tinywoo registered for the session (tests/fourth_vendor/session.py):
# every test must pass or skip naming tinywoo, every test parametrised over the real vendors must take it in too, and
# the checks it cannot pass by construction (session.py's INHERENT) skip saying why. The proof that adding a vendor
# breaks no test; .ci/run runs it after `make test`.
test-fourth-vendor: $(STAMP) $(PRISM) redis-server
	$(PY) -m pytest -p tests.fourth_vendor.session --fourth-vendor-everywhere -n $(TEST_WORKERS) --dist loadfile \
		--no-loadscope-reorder -p no:cacheprovider

# The hostile-server property with thousands of responses (make test runs a few hundred); its one line reads
# "hostile: N responses, N typed, 0 raw, worst call X s, peak RSS +Y MiB".
FUZZ_EXAMPLES ?= 3000

fuzz: $(STAMP)
	STOREFRONTS_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q -s -p no:cacheprovider tests/reliability/test_hostile.py

# The main job: the three sandbox vendors, one order updated on each, the normalised orders side by side.
demo: $(STAMP)
	$(PY) examples/demo.py

# Rewrite the generated tables in README.md from the adapters' own data.
docs: $(STAMP)
	$(PY) -m storefronts._docs --write README.md

bench: $(STAMP) redis-server
	$(PY) -m tests.benchmarks.run $(if $(BENCH_ONLY),--only $(BENCH_ONLY))

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

# Record the public API (api/storefronts.json) at the version in wrappers/storefronts/_version.py, after a change
# to it; `make test` fails until the version bump fits the change (tests/test_public_api.py).
api-snapshot: $(STAMP)
	$(PY) -m tests.release.api_snapshot --write

# Build the sdist and wheel into dist/, twine check them, install them into clean venvs outside the repository
# (the wheel with each extra, the sdist with all) and run the README quickstart against the sandbox in each.
release-check: $(STAMP)
	$(PY) -m tests.release.release_check --dist dist

# Refresh the specs from the vendors' pages; a changed spec bumps the version and adds its CHANGELOG.md entry.
update-specs: $(STAMP)
	$(PY) -m generator.update_specs --release $(UPDATE_SPECS_ARGS)

# Preview the change report for a spec file given locally (a vendor's announced change): nothing fetched or written.
#   make spec-report VENDOR=bitbybit NEW=/path/new.yaml [OLD=specs/bitbybit.yaml] [SPEC_REPORT_ARGS=--no-typecheck]
spec-report: $(STAMP)
	@test -n "$(VENDOR)" -a -n "$(NEW)" || { echo "usage: make spec-report VENDOR=<vendor> NEW=<spec file> [OLD=<spec file>]"; exit 2; }
	$(PY) -m generator.update_specs --dry-run --spec "$(VENDOR)=$(NEW)" $(if $(OLD),--old "$(OLD)") $(SPEC_REPORT_ARGS)

clean:
	rm -rf $(VENV) build dist .tools .mypy_cache .pytest_cache .ruff_cache
