# Two commands on a fresh machine: `make site` and `make test`.
# The virtual environment is created on first use with exact pins (requirements.lock).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test validate serve fix lint schemas clean

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

serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

lint: $(STAMP)
	$(BIN)/ruff check shora tests scripts
	$(BIN)/ruff format --check shora tests scripts

# The browser tests read the built site/, so the site is built (and validated) first.
test: site
	$(BIN)/ruff check shora tests scripts
	$(BIN)/python -m pytest -q -n 2

clean:
	rm -rf site site.* dist .pytest_cache .hypothesis
