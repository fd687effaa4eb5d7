# Two commands on a fresh machine: `make site` and `make test`.
# The virtual environment is created on first use with exact pins (requirements.lock).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site demo test validate serve fix lint schemas clean offline

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

validate: $(STAMP)
	$(BIN)/shora validate

fix: $(STAMP)
	$(BIN)/shora fix

schemas: $(STAMP)
	$(BIN)/shora schemas

site: $(STAMP)
	$(BIN)/shora build

# The same site with the fictional sample councils of examples/demo/ instead of the
# real data, into site-demo/ (the real content has no invented council).
demo: $(STAMP)
	$(BIN)/shora build --data-root examples/demo --site-dir site-demo

# One zip in dist/ that works unzipped from file://, search included (see README).
offline: site
	$(BIN)/shora offline --site site --dist dist

# `make serve ADDR=0.0.0.0:8000` to listen elsewhere (make would take `-a` as its own).
serve: $(STAMP)
	$(BIN)/shora serve $(if $(ADDR),-a $(ADDR))

lint: $(STAMP)
	$(BIN)/ruff check shora tests scripts
	$(BIN)/ruff format --check shora tests scripts
	$(BIN)/mypy

# The outside checkers the tests run (Nu Html Checker, axe-core, ical.js, pdf.js), with
# exact versions from package-lock.json; the site itself uses no Node package.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# The browser tests read the built site/, so the site is built (and validated) first.
# --dist worksteal: tests/conftest.py deals the modules to the workers by their times.
test: site $(NODE_STAMP)
	$(BIN)/ruff check shora tests scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n 3 --dist worksteal --durations=20

# Everything but the browser tests and the slow ones (marked `slow`): while working.
.PHONY: test-quick
test-quick: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check shora tests scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n 2 --dist worksteal -m "not browser and not slow"

# Synthetic datasets of each size, built and measured (a table; see README, Performance).
SIZES ?= S,M,L
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python scripts/bench --sizes $(SIZES)

clean:
	rm -rf site site.* site-demo dist .pytest_cache .hypothesis .mypy_cache
