# dlcourse: `make lab` opens the course, `make test` runs every test.
# Both create .venv when missing and install what they need into it.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(abspath $(VENV)/bin)
PY     := $(BIN)/python
# nbgrader shells out to `alembic`: the venv's bin must be on PATH.
export PATH := $(BIN):$(PATH)
# Tests and benchmarks use every core; workers themselves stay single-threaded.
JOBS   ?= auto
STAMP  := $(VENV)/.installed

.PHONY: install lab test test-fast test-browser bench demo clean

install: $(STAMP)

# torch==2.13.0 goes in first and alone: a bare `torch` or an open range would
# pull several GB of CUDA wheels; with 2.13.0 present the range in
# pyproject.toml is already satisfied.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade --quiet pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

# Jupyter refuses to run as root unless told (containers, CI machines).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: install
	$(BIN)/jupyter lab --notebook-dir=notebooks $(ROOT_FLAG)

test: install
	$(PY) -m pytest -n $(JOBS) --durations=25 --cov=dlcourse --cov-report=term --cov-fail-under=95 tests

test-fast: install
	$(PY) -m pytest -n $(JOBS) -m "not slow" tests

test-browser: install
	$(PY) -m pytest -m browser tests/browser

demo: install
	$(PY) -m autograder demo

bench: install
	$(PY) benchmarks/conv.py
	$(PY) benchmarks/notebooks.py
	$(PY) benchmarks/grading.py

clean:
	rm -rf $(VENV) .pytest_cache .coverage htmlcov
