# Two commands set up everything on a fresh machine with only Python >= 3.11 and pip:
#   make demo   - create .venv, install brief, brief a sample article
#   make test   - install the test extras, run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE ?= sample_inputs/wire_lavrov.txt

.PHONY: demo test lint format bench models golden clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/brief summarize $(SAMPLE)

test: $(VENV)/.installed
	$(BIN)/ruff check cli tests benchmarks training
	$(BIN)/ruff format --check cli tests benchmarks training
	$(BIN)/mypy  # --strict on the public API and the records (files in pyproject.toml)
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed
	$(BIN)/ruff check cli tests benchmarks training

format: $(VENV)/.installed
	$(BIN)/ruff format cli tests benchmarks training
	$(BIN)/ruff check --fix cli tests benchmarks training

golden: $(VENV)/.installed
	$(BIN)/python tests/regen_golden.py

clean:
	rm -rf $(VENV) build *.egg-info cli/*.egg-info .pytest_cache .ruff_cache
