# Two commands set up everything on a fresh machine with only Python >= 3.11 and pip:
#   make demo   - create .venv, install brief, brief a sample article
#   make test   - install the test extras (and the dask extra, for its tests), run the test suite
# Two more need the shared data (../shared/data, or BRIEF_DATA=DIR):
#   make models - retrain every file in cli/brief/models/ (about 15 min on one core)
#   make bench  - measure the figures the project sets targets for (see README, Development)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE ?= sample_inputs/wire_lavrov.txt

.PHONY: demo test lint format bench models golden clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
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

# In dependency order: sentence splitting first (every later step reads sentences), then the entity
# tagger with its word clusters and usual spellings (~11 min), then the news ranker (~2-4 min).
models: $(VENV)/.installed
	$(BIN)/python -m training.train_punkt
	$(BIN)/python -m training.train_ner --rebuild-clusters
	$(BIN)/python -m training.train_ranker

# Each line prints its figures next to the target it answers to: cold start (ratio <= 1.5), batch
# throughput and memory, growth up to 10 MB and the sentence limits, then NER, date and summary scores.
bench: $(VENV)/.installed
	$(BIN)/python -m benchmarks.bench_cli
	$(BIN)/python -m benchmarks.bench_batch --scheduler local:2
	$(BIN)/python -m benchmarks.bench_growth --limits
	$(BIN)/python -m benchmarks.eval_ner
	$(BIN)/python -m benchmarks.eval_dates
	$(BIN)/python -m benchmarks.eval_summaries --algorithm news,lead

golden: $(VENV)/.installed
	$(BIN)/python -m tests.regen_golden

clean:
	rm -rf $(VENV) build *.egg-info cli/*.egg-info .pytest_cache .ruff_cache
