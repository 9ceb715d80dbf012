# Fresh machine: `make run` starts the app, `make test` runs every check. Both create .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test test-postgres lint bench demo installer smoke-bundle clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/.installed
	$(BIN)/engagement-workbook

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

test-postgres: $(BIN)/.installed
	tools/test_postgres.sh

# dist/EngagementWorkbook/: the app and the workbook command in one folder (see README)
installer: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -e '.[installer]'
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN build_installer.spec

smoke-bundle: $(BIN)/.installed
	tools/smoke_bundle.sh

bench: $(BIN)/.installed
	$(BIN)/python benchmarks/run_all.py

demo: $(BIN)/.installed
	$(BIN)/workbook import resources/demo/demo.engagement.json

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
