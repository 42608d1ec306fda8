# Set-up on a fresh machine: `make run` (extract the bundled corpus) and `make test` (lint + tests).
# Both create and fill .venv themselves.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CLI := $(BIN)/beihu-extract
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: run test lint format eval eval-update eval-public schema bench test-browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Runtime install; rerun when the build file or the lock file changes.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP_INSTALL) -e .
	touch $@

# Runtime plus dev extras (pytest, ruff, hypothesis, jsonschema).
$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP_INSTALL) -e '.[dev]'
	touch $(VENV)/.installed $@

# Extract the corpus (resumable: a rerun only does new or changed articles), then load it into DuckDB.
# The export runs even when some articles failed (batch exit 3); make still reports the failure.
run: $(VENV)/.installed
	status=0; $(CLI) batch corpus --out out || status=$$?; \
	if [ $$status -ne 0 ] && [ $$status -ne 3 ]; then exit $$status; fi; \
	$(CLI) export out/records.jsonl --to duckdb --out out/records.duckdb && exit $$status

test: $(VENV)/.installed-dev lint
	$(BIN)/pytest -m "not browser"

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

EVAL := $(CLI) eval --corpus corpus --gold gold --json out/eval.json --html out/eval.html \
	--baseline eval/baseline.json --splits eval/splits.json

# Scores per SPEC section 4; fails when a layer falls more than 0.01 below eval/baseline.json.
eval: $(VENV)/.installed
	$(EVAL)

# Rewrite the baseline deliberately (after an improvement, or a corpus change).
eval-update: $(VENV)/.installed
	$(EVAL) --update-baseline

# Public datasets, read in place from ../shared/datasets, each beside its baseline.
DATASETS ?= ../shared/datasets
eval-public: $(VENV)/.installed
	$(CLI) eval-public --datasets $(DATASETS) --json out/eval-public.json

# Rebuild the packaged Chinese NER (src/beihu_extract/models/zh_uner_ner/) from UNER Chinese-GSDSimp train/dev,
# read in place; fixed seed, CPU. The LICENSE and ATTRIBUTION.md beside the model are kept.
.PHONY: train-zh
train-zh: $(VENV)/.installed
	$(BIN)/python train/train_zh_ner.py --datasets $(DATASETS) --out src/beihu_extract/models/zh_uner_ner

test-browser: $(VENV)/.installed-dev
	$(BIN)/pytest -m browser

schema: $(VENV)/.installed
	$(CLI) schema --out schemas

bench: $(VENV)/.installed
	$(BIN)/python bench/bench.py --corpus corpus --out out/bench.json

clean:
	rm -rf out .pytest_cache .ruff_cache
