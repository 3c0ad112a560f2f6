# Two commands do everything on a fresh clone:  make report  and  make test.
# Both create .venv (standard-library venv + pip) when it is missing or older than the dependency files.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
MPL_OLD := 3.10.9
MPL_OLD_DIR := $(VENV)/matplotlib-$(MPL_OLD)
ARTICLE ?=

.DEFAULT_GOAL := help
.PHONY: help env report test test-fast test-mpl310 lint format bench clean

help:  ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	@$(PY) -c "" 2>/dev/null || { echo "creating $(VENV)"; rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,dask]'
	@touch $@

env: $(STAMP)  ## create or refresh .venv (report and test do this themselves)

report: $(STAMP)  ## regenerate figures/, data/ and the rendered notebooks in build/ (ARTICLE=path for another article)
	$(PY) -m helpers report $(if $(ARTICLE),"$(ARTICLE)")

test: $(STAMP)  ## run the whole test suite, then the figure tests again on matplotlib 3.10
	$(PY) -m pytest -n 2
	$(MAKE) --no-print-directory test-mpl310

test-fast: $(STAMP)  ## the tests without the slow end-to-end ones
	$(PY) -m pytest -n 2 -m "not slow"

$(MPL_OLD_DIR)/.installed: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --target $(MPL_OLD_DIR) matplotlib==$(MPL_OLD)
	@touch $@

test-mpl310: $(MPL_OLD_DIR)/.installed  ## the figure tests on matplotlib 3.10 (the reshaper + bidi path)
	PYTHONPATH=$(MPL_OLD_DIR) $(PY) -m pytest -m figures -p no:cacheprovider -q

lint: $(STAMP)  ## ruff check and format check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)  ## apply ruff's fixes and formatting
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

bench: $(STAMP)  ## run the benchmarks (figures for the closing notes)
	$(PY) benchmarks/run.py

clean:  ## remove build outputs and the environment
	rm -rf build $(VENV)
