# PDU evaluation study: one command to reproduce every table, figure and report.
# `make help` lists the targets. Everything runs in .venv, built from requirements.lock on first use;
# conda users: activate the environment.yml env and add ENV=conda to any target.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules --no-print-directory

# ---- parameters (override on the command line) -------------------------------------------------
DATA ?=
# a dataset folder: raw/ (the exports), coding/ (the coding sheets and conclusions.md) (pdu_analysis.paths.dataset)
RAW_DIR ?= data/raw
ifneq ($(strip $(DATA)),)
override RAW_DIR := $(DATA)/raw
export PDU_DATA_DIR := $(if $(DATA),$(if $(filter /%,$(DATA)),$(DATA),$(CURDIR)/$(DATA)))
endif
INTERIM_CUTOFF ?=
# empty: the first round's attendance cut-off in data/reference/waves.csv; a date overrides it for the whole build
JOBS ?= 2
# The first of these that runs builds .venv (the lock installs on each); PYTHON_BOOT=... overrides.
PYTHON_BOOT ?= $(shell for p in python3.11 python3.12 python3.13; do $$p -c '' 2>/dev/null && { echo $$p; break; }; done)
KERNEL := pdu-analysis

ifeq ($(ENV),conda)
PY := python
ENV_STAMP := .env-ready-conda
else
VENV := .venv
PY := $(VENV)/bin/python
ENV_STAMP := $(VENV)/.installed
endif

# `make reports` builds into a staging copy of the outputs and promotes them only on success
# (pdu_analysis.report.transaction); O is that copy's prefix for the rules below ('' when make
# pipeline runs directly, as make verify does in its scratch folder).
STAGE := .build/stage
O ?=
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
EXECUTED := $(patsubst notebooks/%,$(O)reports/executed/%,$(NOTEBOOKS))
SRC := $(shell find src/pdu_analysis -name '*.py' -not -name verify.py 2>/dev/null) \
       $(shell find src/pdu_analysis/report/templates -type f 2>/dev/null)
REFERENCE := $(wildcard data/reference/*.csv)
# The raw files enter as one stamp holding a fingerprint of their contents (every file's relative
# name and hash, pdu_analysis.fingerprint), rewritten only when it changes: make never sees a raw
# file's name (spaces, brackets) or its modification time (an unzipped or `cp -p` copy).
RAW_STAMP := $(O)reports/.raw_fingerprint
PARAMS := $(O)reports/.params
export PDU_RAW_DIR := $(if $(filter /%,$(RAW_DIR)),$(RAW_DIR),$(CURDIR)/$(RAW_DIR))

# Build date and commit printed in every page's footer: the last commit's time (the
# reproducible-builds.org SOURCE_DATE_EPOCH convention) and id, so two builds of one commit give
# the same bytes. In a checkout they come from git; in a release archive made by `git archive`
# (no .git) from .build-id, which git fills in when it writes the archive (.gitattributes,
# export-subst). A value already in the environment wins (`make verify` passes the manifest's to
# the scratch rebuild); with none, the pages say "not recorded".
ARCHIVE_ID := $(shell sed -n 's/^\([0-9][0-9]*\) \([0-9a-f]\{40\}\)$$/\1 \2/p' .build-id 2>/dev/null)
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
SOURCE_DATE_EPOCH := $(or $(word 1,$(ARCHIVE_ID)),$(shell git log -1 --format=%ct 2>/dev/null))
endif
ifeq ($(origin SOURCE_COMMIT),undefined)
SOURCE_COMMIT := $(or $(word 2,$(ARCHIVE_ID)),$(shell git log -1 --format=%H 2>/dev/null))
endif
ifneq ($(strip $(SOURCE_DATE_EPOCH)),)
export SOURCE_DATE_EPOCH
endif
ifneq ($(strip $(SOURCE_COMMIT)),)
export SOURCE_COMMIT
endif
BUILD_ID := $(O)reports/.build-id

.PHONY: help env reports test test-fast lab clean synthetic verify check-python manifest bench lint lock pdf axe coding-sheets new-page FORCE

help: ## List the targets, one line each
	@awk 'BEGIN {FS = ":.*## "}; /^[a-zA-Z_-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo "  Parameters: DATA=$(DATA) RAW_DIR=$(RAW_DIR) INTERIM_CUTOFF=$(INTERIM_CUTOFF) JOBS=$(JOBS) ENV=conda (optional)"

# ---- environment -------------------------------------------------------------------------------
env: $(ENV_STAMP) ## Create or update the environment from requirements.lock and register the kernel

$(VENV)/.installed: requirements.lock pyproject.toml
	@echo ">> setting up $(VENV) from requirements.lock (first run takes about a minute)"
	@test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	@$(PY) -m pip install -qq --disable-pip-version-check --no-deps -r requirements.lock
	@$(PY) -m pip install -qq --disable-pip-version-check --no-deps --no-build-isolation -e .
	@$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) \
	  --display-name "PDU analysis (Python $$($(PY) -c 'import sys; print("%d.%d" % sys.version_info[:2])'))" >/dev/null
	@touch $@
	@echo ">> environment ready: $(VENV), kernel '$(KERNEL)'"

.env-ready-conda: pyproject.toml
	@$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "PDU analysis (conda)" >/dev/null
	@touch $@

# ---- the pipeline ------------------------------------------------------------------------------
# A failed build changes nothing in data/processed or reports/ (the staging copy is kept to inspect).
reports: $(ENV_STAMP) ## Run every notebook (papermill) and render the HTML reports (nbconvert)
	@$(PY) -m pdu_analysis.report.transaction --stage $(STAGE) -- $(MAKE) -j$(JOBS) pipeline O=$(STAGE)/
	@echo ">> reports up to date: open reports/html/index.html"

.PHONY: pipeline
pipeline: $(O)reports/html/index.html

# Parameters are a file whose content changes only when a parameter does, so a new RAW_DIR, DATA
# or INTERIM_CUTOFF re-runs the notebooks and an unchanged one runs nothing.
$(PARAMS): FORCE
	@mkdir -p $(dir $@)
	@printf 'raw_dir=%s\ndata=%s\ninterim_cutoff=%s\n' "$(PDU_RAW_DIR)" "$(DATA)" "$(INTERIM_CUTOFF)" > $@.new
	@if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

# The footers' build date and commit: a new commit re-renders the pages, never re-runs a notebook.
$(BUILD_ID): FORCE
	@mkdir -p $(dir $@)
	@printf 'source_date_epoch=%s\nsource_commit=%s\n' "$(SOURCE_DATE_EPOCH)" "$(SOURCE_COMMIT)" > $@.new
	@if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

# How raw inputs enter the build: one variable, so a change in how they are tracked is one line.
RAW_PREREQ = $(RAW_STAMP)
# The coding folder is asked of Python once, the first time a rule needs it (it then keeps its value).
CODING_DIR = $(eval CODING_DIR := $(shell PDU_DATA_DIR="$(PDU_DATA_DIR)" PDU_RAW_DIR="$(PDU_RAW_DIR)" $(PY) -m pdu_analysis.paths coding))$(CODING_DIR)
CODING_PREREQ = $(wildcard $(CODING_DIR)/*.xlsx $(CODING_DIR)/second_coder/*.xlsx $(CODING_DIR)/*.md)

$(RAW_STAMP): FORCE
	@$(PY) -m pdu_analysis.fingerprint "$(PDU_RAW_DIR)" $@

# One rule runs any numbered notebook. What each waits for (the raw exports, the coding sheets,
# other notebooks' outputs) is declared in the notebook's metadata and written as rules into
# $(NOTEBOOK_RULES) (pdu_analysis.report.rules); a parameter goes only to a notebook that takes it.
NOTEBOOK_RULES := .build/notebooks.mk
RUN_NOTEBOOK = $(PY) -m pdu_analysis.report.execute $< $@ --page-dir $(O)reports/html -p raw_dir "$(RAW_DIR)" \
  $(if $(and $(INTERIM_CUTOFF),$(filter interim_cutoff,$(NOTEBOOK_PARAMETERS))),-p interim_cutoff "$(INTERIM_CUTOFF)")
COMMON := $(ENV_STAMP) $(PARAMS) $(SRC) $(REFERENCE)

$(O)reports/executed/%.ipynb: notebooks/%.ipynb $(COMMON)
	@$(RUN_NOTEBOOK)

$(NOTEBOOK_RULES): $(NOTEBOOKS) src/pdu_analysis/report/rules.py
	@mkdir -p $(dir $@)
	+@$(PY) -m pdu_analysis.report.rules $(NOTEBOOKS) > $@.new && { cmp -s $@.new $@ && rm $@.new || mv $@.new $@; }

ifneq ($(filter pipeline %.ipynb,$(MAKECMDGOALS)),)
include $(NOTEBOOK_RULES)
endif

# The pages of the notebooks that ran are rendered by one process (one exporter, one import of
# nbconvert); every page is, when a page's heading or place changed (each header links to its
# neighbours). Render rewrites .pages (headings and places) only when they change, so the index is
# remade only then, or when a table it reads changed. Pages of notebooks that no longer exist are
# removed (--prune). A new build id (another commit: the footers name it) re-renders every page.
$(O)reports/html/.rendered: $(EXECUTED) $(BUILD_ID)
	@$(PY) -m pdu_analysis.report.render $(EXECUTED) --prune --out $(O)reports/html \
	  $(if $(filter $(BUILD_ID),$?),,--changed $(filter-out $(BUILD_ID),$?))
	@touch $@

$(O)reports/html/.pages: $(O)reports/html/.rendered
	@:

# The index's footer shows the raw folder's fingerprint, so new data remakes it (RAW_STAMP).
INDEX_INPUTS = $(wildcard $(O)reports/tables/headline_figures.csv $(O)reports/tables/main_points.csv $(O)data/processed/*.csv)
$(O)reports/html/index.html: $(O)reports/html/.pages $(INDEX_INPUTS) $(COMMON) $(BUILD_ID) $(RAW_STAMP)
	@$(PY) -m pdu_analysis.report.index --out $@

pdf: export PDU_OUTPUT_ROOT := $(CURDIR)
pdf: reports ## Print the evaluation report (main points, sections, method note) to reports/pdf/board_pack.pdf (Debian's chromium)
	@$(PY) -m pdu_analysis.report.pdf --html reports/html --out reports/pdf/board_pack.pdf

# ---- checks ------------------------------------------------------------------------------------
axe: node_modules/axe-core/axe.min.js ## Install axe-core from package-lock.json for the accessibility test

node_modules/axe-core/axe.min.js: package.json package-lock.json
	@npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

test: $(ENV_STAMP) ## Run the whole test suite (sets up the environment when missing)
	@$(PY) -m pytest

test-fast: $(ENV_STAMP) ## Run the tests that take seconds (skip pipeline and browser tests)
	@$(PY) -m pytest -m "not slow and not browser"

lint: $(ENV_STAMP) ## The pre-commit checks: ruff and ruff format (code and notebooks), mypy (src), notebooks without outputs
	@$(PY) -m ruff check src tests notebooks
	@$(PY) -m ruff format --check src tests notebooks
	@$(PY) -m mypy
	@$(PY) -m pdu_analysis.report.clean_notebooks notebooks

verify: $(ENV_STAMP) ## Rebuild from data/raw in a scratch folder and compare with reports/MANIFEST.sha256
	@$(PY) -m pdu_analysis.verify

check-python: $(ENV_STAMP) ## Set up and build in a scratch copy with another Python (PYTHON_BOOT=python3.12); compare with the manifest
	@$(PY) -m pdu_analysis.verify --python "$(PYTHON_BOOT)"

manifest: $(ENV_STAMP) ## Rebuild in a scratch folder and record its checksums in reports/MANIFEST.sha256 (commit it)
	@$(PY) -m pdu_analysis.verify --update

bench: export PDU_OUTPUT_ROOT := $(CURDIR)
bench: $(ENV_STAMP) ## Measure cold, no-op and incremental builds and the 10x-1000x scale steps
	@$(PY) -m pdu_bench

# ---- working with the notebooks and the data ---------------------------------------------------
# Runs started in JupyterLab write under .scratch/, never over the build's outputs (see paths.py).
PORT ?=
TOKEN ?=
lab: $(ENV_STAMP) ## Open JupyterLab on the project (PORT=..., TOKEN=...); notebooks are saved without outputs
	@env -u PDU_OUTPUT_ROOT $(PY) -m pdu_analysis.lab $(if $(PORT),--port $(PORT)) $(if $(TOKEN),--token "$(TOKEN)")

NAME ?=
new-page: $(ENV_STAMP) ## Start a new page: make new-page NAME=my_question (notebooks/NN_my_question.ipynb)
	@test -n "$(NAME)" || { echo "make new-page: give the page a name, e.g. make new-page NAME=my_question" >&2; exit 2; }
	@$(PY) -m pdu_analysis.report.new_page "$(NAME)"

synthetic: $(ENV_STAMP) ## Regenerate the synthetic reconstruction in data/raw (not part of reports)
	@$(PY) -m pdu_synthetic --out data/raw

coding-sheets: $(ENV_STAMP) ## Write or update the open-text coding sheets (the dataset's coding/: data/coding)
	@$(PY) -m pdu_analysis.qual $(if $(DATA),,--raw "$(RAW_DIR)") --interim-cutoff "$(INTERIM_CUTOFF)"

LEFT_OUT := rfc3987-syntax lark
lock: ## Re-resolve requirements.lock from pyproject.toml (needs the package registry)
	@rm -rf .lock-venv && $(PYTHON_BOOT) -m venv .lock-venv
	@.lock-venv/bin/pip install --quiet --upgrade setuptools wheel
	@.lock-venv/bin/pip install --quiet ".[dev]"
	@# Left out on purpose: an optional URI checker for Jupyter's event schemas that costs 1.8 s
	@# at every process start (each notebook run). The lock is installed with --no-deps.
	@.lock-venv/bin/pip uninstall --quiet -y $(LEFT_OUT)
	@.lock-venv/bin/pip freeze --all --exclude-editable | grep -v -E '^(pip|pdu-analysis)==' > requirements.lock
	@rm -rf .lock-venv
	@echo ">> requirements.lock updated; update environment.yml to the same versions"

clean: ## Remove generated outputs (never touches data/raw)
	@rm -rf $(STAGE) reports/executed reports/html reports/figures reports/tables reports/.params reports/.raw_fingerprint reports/.build-id reports/screenshots reports/bench.json reports/reproduction.csv reports/pdf reports/data-source
	@find data/processed -mindepth 1 -not -name .gitkeep -delete
	@echo ">> removed generated outputs; data/raw untouched"

FORCE:
