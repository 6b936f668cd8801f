# The two commands a newcomer needs: `make demo` and `make test`.
# Both create a local virtualenv (.venv) with everything storylens needs, then run.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint install browser postgres clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "storylens needs Python 3.11, found " + sys.version' 
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## Analyse the bundled demo corpus: writes out/demo/report.json and out/demo/report.html
demo: $(STAMP)
	$(BIN)/storylens demo --out out/demo

## Lint and run the whole test suite (installs headless Chromium and PostgreSQL when it can, for their tests)
test: $(STAMP) browser postgres
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/python -m pytest -q -p no:cacheprovider

browser:
	@bash scripts/ensure-chromium.sh

postgres:
	@bash scripts/ensure-postgres.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

clean:
	rm -rf $(VENV) out build src/*.egg-info
