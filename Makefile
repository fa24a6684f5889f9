# Hotlist: the two commands are `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export HOTLIST_HOME ?= $(CURDIR)/workspace

.PHONY: run test install samples taxonomy bench clean

## Create the virtualenv and install Hotlist with its test tools (re-runs when pyproject.toml changes).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## The main job: ingest sample_resumes/, import sample_jobs/, match, write call lists, print the top 5 of each.
run: $(STAMP)
	$(BIN)/hotlist nightly --inbox sample_resumes --jobs sample_jobs --out $(HOTLIST_HOME)/exports --top 5

## The test suite (PostgreSQL tests skip with a reason if no server; .ci/run makes them mandatory).
test: $(STAMP)
	$(BIN)/python -m pytest -q

## Regenerate the sample resumes (deterministic) and the skills taxonomy (needs PyPI and ../shared).
samples: $(STAMP)
	$(BIN)/python scripts/generate_samples.py

taxonomy: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,taxonomy]"
	$(BIN)/python scripts/build_taxonomy.py

## Benchmarks print figures; they never assert times.
bench: $(STAMP)
	$(BIN)/python scripts/bench_parse.py sample_resumes $(wildcard ../shared/eval/resumes) --repeat 3
	$(BIN)/python scripts/bench_ingest.py --n 1000 --rounds 3
	$(BIN)/python scripts/bench_rank.py
	$(BIN)/python scripts/bench_rank.py 100000 50
	$(BIN)/python scripts/bench_cli.py --runs 5
	$(BIN)/python scripts/bench_hostile.py

clean:
	rm -rf workspace .pytest_cache
