# Organogram developer tasks. Everything runs inside a local virtual environment (.venv).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.DEFAULT_GOAL := help

.PHONY: help run test lint clean bench bench-load bench-imports bench-registry bench-web bench-search bench-drafting check-reliability docs docs-shots charts

help: ## List the available targets
	@echo "Targets:"
	@grep -E '^[a-z][a-zA-Z_-]*:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'

run: $(VENV)/.installed ## Validate the IOM dataset, then serve the web application on http://127.0.0.1:8000
	$(BIN)/organogram validate data/iom
	$(BIN)/organogram serve --data data/iom --workers 0

test: $(VENV)/.installed-test node_modules/.installed ## Run the test suite
	$(BIN)/pytest

lint: $(VENV)/.installed-test ## Check the code with ruff, Django's system checks and for missing migrations
	$(BIN)/ruff check .
	$(BIN)/python -m django check --settings=organogram.web.settings
	$(BIN)/python -m django makemigrations --check --dry-run --settings=organogram.web.settings

bench: $(VENV)/.installed-bench ## Benchmark against SQL, networkx, NumPy (SIZE=small|medium|large)
	$(BIN)/python -m bench.run --size $(or $(SIZE),small)

bench-load: $(VENV)/.installed ## Measure loading a large dataset (UNITS=100000)
	$(BIN)/python bench/load.py --units $(or $(UNITS),100000)

bench-imports: $(VENV)/.installed ## Run every importer on the full public files in ../shared/data
	$(BIN)/python bench/imports.py

bench-registry: $(VENV)/.installed-bench ## Measure organogram load into SQLite and PostgreSQL (SIZE=medium, POST_MOVES=with|without)
	$(BIN)/python -m bench.registry_load --size $(or $(SIZE),medium) $(if $(POST_MOVES),--post-moves $(POST_MOVES))

bench-web: $(VENV)/.installed-bench ## Page latency, 20 clients, IOM and a generated dataset (SIZE=medium, WORKERS=cores)
	$(BIN)/python -m bench.web --size $(or $(SIZE),medium) $(if $(WORKERS),--workers $(WORKERS))

bench-search: $(VENV)/.installed-bench ## Search latency against a LIKE scan, SQLite and PostgreSQL (SIZE=medium)
	$(BIN)/python -m bench.search --size $(or $(SIZE),medium)

bench-drafting: $(VENV)/.installed ## Precision and recall of drafting from papers and structure descriptions (SEEDS=../shared/seeds)
	$(BIN)/python bench/drafting.py $(if $(SEEDS),--seeds $(SEEDS))

check-reliability: $(VENV)/.installed-reliability ## Malformed input, kill -9, slow clients, memory per write, API fuzzing (QUICK=1: shorter)
	$(BIN)/python -m bench.reliability.run $(if $(QUICK),--quick)

docs-shots: $(VENV)/.installed-test ## Retake the pictures of the plan, source and search pages in docs/screens (needs Chromium)
	ORGANOGRAM_SHOTS=docs/screens $(BIN)/pytest -q -p no:randomly tests/web/test_browser_plans.py \
		tests/web/test_browser_plan_pairs.py tests/web/test_chart_edit_browser.py \
		tests/web/test_chart_merge_browser.py tests/web/test_browser_source_passages.py \
		tests/web/test_search_browser.py

docs: $(VENV)/.installed ## Regenerate the command line reference (docs/cli.md)
	$(BIN)/python -m organogram.cli.reference > docs/cli.md

# The charts of docs/charts.md: the headquarters after the 2021 review, and before/after,
# each an overview on one page; then every unit, split over pages where it prints legibly.
CHART := $(BIN)/organogram chart data/iom --plan hq-review-2021 --depth 3 --pages one

charts: $(VENV)/.installed ## Draw the IOM charts of the 2021 review into docs/charts/
	mkdir -p docs/charts
	for fmt in svg pdf png; do \
	  $(CHART) --at 2022 --dpi 150 -o docs/charts/iom-hq-2022.$$fmt && \
	  $(CHART) --at 2022 --compare 2021-06 --mode before --dpi 150 -o docs/charts/review-before.$$fmt && \
	  $(CHART) --at 2022 --compare 2021-06 --mode after --dpi 150 -o docs/charts/review-after.$$fmt && \
	  $(CHART) --at 2022 --compare 2021-06 --dpi 150 -o docs/charts/review-overlay.$$fmt || exit 1; \
	done
	$(BIN)/organogram chart data/iom --at 2022 --lines --pages one -o docs/charts/iom-hq-2022-full.svg
	$(BIN)/organogram chart data/iom --at 2022 --plan hq-review-2021 -o docs/charts/iom-hq-2022-pages.pdf
	$(BIN)/organogram chart data/iom --at 2022 --plan hq-review-2021 --dpi 100 -o docs/charts/iom-hq-2022-pages.png

clean: ## Remove the virtual environment, build output and caches
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .hypothesis
	find . -name '*.egg-info' -prune -exec rm -rf {} +
	find . -name '__pycache__' -type d -prune -exec rm -rf {} +

# The virtual environment itself, created only when missing.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The package in editable mode; reinstalled whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[charts]'
	touch $@

# The package with the benchmarks' peers; reinstalled whenever pyproject.toml changes.
$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

# The package with schemathesis and psycopg; reinstalled whenever pyproject.toml changes.
$(VENV)/.installed-reliability: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[reliability]'
	touch $@

# axe-core for the accessibility tests, from npm as the lock file pins it; where npm is
# missing the tests that need it are skipped, saying so.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --no-audit --no-fund && touch $@; \
	else \
	  echo "npm not found: the accessibility tests will be skipped (install npm, then make test)"; \
	fi

# The package with its test tools; reinstalled whenever pyproject.toml changes.
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,charts]'
	touch $@
