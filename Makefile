# The two commands a newcomer needs: `make book` and `make test`. Everything else is optional.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PY      ?= python3
UV_VER  := 0.13.8
VENV    := .venv
BIN     := $(VENV)/bin
PYTHON  := $(BIN)/python
STAMP   := $(VENV)/.installed
HTML    := _build/html
# The repository's own src/ wins over any other installed copy (matters for temporary copies in tests).
export PYTHONPATH := $(CURDIR)/src
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help book pdf bench bench-web test notebooks serve lab clean lock validate edition lint fonts browser-for-book browser-for-tests

help:
	@echo "make book       build the book into $(HTML) (sets up .venv the first time)"
	@echo "make test       run every test: unit, data, notebooks, strict build, browser"
	@echo "make pdf        print the book to $(HTML)/briefing-book.pdf (make book does it too)"
	@echo "make notebooks  re-execute every notebook in place (outputs are committed)"
	@echo "make serve      serve the built book on http://127.0.0.1:8000"
	@echo "make lab        open the notebooks in JupyterLab (ARGS=\"--no-browser --ip 127.0.0.1\" passes flags)"
	@echo "make validate   check every data file and list all problems"
	@echo "make edition    stamp a new edition: AS_OF=YYYY-MM-DD [VERSION=X.Y.Z]"
	@echo "make bench      time the build against its floor, then the web pages on a phone (bench-web)"
	@echo "make bench-web  page weight, LCP and table fit of every built page under a phone emulation"
	@echo "make lock       re-resolve requirements.lock after editing pyproject.toml"
	@echo "make fonts      regenerate the CJK subset font in _static/fonts (needs fonts-noto-cjk)"
	@echo "make clean      remove the build (keeps .venv)"

# --- environment --------------------------------------------------------------------------------
# .venv is made with the standard library's venv (never touching the system Python, so PEP 668
# "externally managed" Pythons work) and uv is installed inside it; the lock then fills it. uv and
# pip are in the lock, so syncing keeps them.
SUPPORTED := 3.11–3.13
$(STAMP): requirements.lock pyproject.toml lab/jupyter_server_config.json
	@$(PY) -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null || { \
	  echo "This book needs Python $(SUPPORTED); found $$($(PY) --version 2>&1) at $$(command -v $(PY)). Run: make book PY=python3.12"; \
	  exit 1; }
	@test -x $(PYTHON) || $(PY) -m venv $(VENV) || { \
	  echo "Could not create $(VENV) with $(PY) -m venv. On Debian or Ubuntu: sudo apt-get install python3-venv"; \
	  exit 1; }
	@test -x $(BIN)/uv || { $(PYTHON) -m pip --version >/dev/null 2>&1 || $(PYTHON) -m ensurepip --default-pip >/dev/null; \
	  $(PYTHON) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VER)"; }
	$(BIN)/uv pip sync --quiet --python $(PYTHON) --compile-bytecode requirements.lock
	$(BIN)/uv pip install --quiet --python $(PYTHON) --no-deps --no-build-isolation -e .
	@# Every Jupyter server started from this environment (make lab or a plain `jupyter lab`) reads
	@# <prefix>/etc/jupyter/jupyter_server_config.json: the pre-save hook there saves notebooks as the
	@# book's runner stores them. (The .d folder beside it is read only for enabling extensions.)
	@mkdir -p $(VENV)/etc/jupyter
	@cp lab/jupyter_server_config.json $(VENV)/etc/jupyter/jupyter_server_config.json
	@touch $@

# One lock for every supported Python (3.11.0 and up): universal resolution.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --all-extras --universal --python-version 3.11 -o requirements.lock

# --- the book ----------------------------------------------------------------------------------
book: $(STAMP) browser-for-book
	$(PYTHON) -m briefing prepare
	@$(MAKE) --no-print-directory $(HTML)/.built
	$(PYTHON) -m briefing pdf
	@echo "Front page: file://$(CURDIR)/$(HTML)/index.html"

# Everything the HTML is made from. `prepare` (above) rewrites a notebook only when it re-executes
# it and the generated pages only when their content changes, so an unchanged book skips Sphinx.
# The whole package counts: the publishing wing rewrites every page, and it imports the content
# layers (tables, text, loaders), so an edit to any of them can change the HTML
# (tests/book/test_build.py checks that editing a publishing module rebuilds the pages).
PACKAGE_FILES := $(shell find src/briefing -name '*.py' -o -name '*.html' -o -name '*.css')
BOOK_SOURCES := $(wildcard _config.yml _toc.yml index.md book/*.md book/generated/*.md book/*.bib book/figures/* \
                  notebooks/*.ipynb _static/* _static/fonts/* _templates/* data/*.csv data/*.json \
                  _build/pdf-printer.txt) $(PACKAGE_FILES)

$(HTML)/.built: $(BOOK_SOURCES)
	$(BIN)/jupyter-book build . -W -n --keep-going --quiet
	@touch $@

pdf: $(STAMP) browser-for-book
	$(PYTHON) -m briefing prepare
	@$(MAKE) --no-print-directory $(HTML)/.built
	$(PYTHON) -m briefing pdf --force

# The CJK subset font is committed; regenerate it when a source adds a Chinese character.
fonts: $(STAMP)
	$(PYTHON) -m briefing fonts

notebooks: $(STAMP)
	$(PYTHON) -m briefing run-notebooks --force

validate: $(STAMP)
	$(PYTHON) -m briefing validate

# A new edition: make edition AS_OF=2026-12-01 [VERSION=0.2.0]. Lists the scheduled items the new date
# makes past due and refuses to stamp while any has neither an outcome nor "no_outcome_found".
edition: $(STAMP)
	@test -n "$(AS_OF)" || { echo "Usage: make edition AS_OF=YYYY-MM-DD [VERSION=X.Y.Z]"; exit 2; }
	$(PYTHON) -m briefing edition --as-of $(AS_OF) $(if $(VERSION),--version $(VERSION))

serve: $(STAMP)
	@test -f $(HTML)/index.html || $(MAKE) book
	@echo "Serving the book at http://127.0.0.1:8000/ (Ctrl-C to stop)"
	$(PYTHON) -m http.server --bind 127.0.0.1 --directory $(HTML) 8000

# JupyterLab refuses to run as root unless told; ARGS passes anything else through, e.g.
# make lab ARGS="--no-browser --ip 127.0.0.1". lab/jupyter_server_config.py makes a save store the
# notebook exactly as `python -m briefing prepare` writes it, so Run All + save leaves git clean.
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
lab: $(STAMP)
	$(BIN)/jupyter lab $(LAB_ROOT) --config=$(CURDIR)/lab/jupyter_server_config.py $(ARGS) notebooks/

# --- tests ---------------------------------------------------------------------------------------
test: $(STAMP) browser-for-tests
	bash tests/run_all.sh

# Chromium prints the PDF and runs the browser tests. CHROMIUM=/path picks one (CHROMIUM= means none).
# Root on a machine with apt gets Debian's package installed; anyone else gets one line saying how.
ifneq ($(origin CHROMIUM),undefined)
export BRIEFING_CHROMIUM := $(CHROMIUM)
endif
FIND_BROWSER := test -n "$${BRIEFING_CHROMIUM-$$(command -v chromium)}"
CAN_APT := test "$$(id -u)" = 0 -a -z "$${BRIEFING_CHROMIUM+set}" && command -v apt-get >/dev/null
APT_CHROMIUM := apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

browser-for-book:
	@$(FIND_BROWSER) || ! $(CAN_APT) || { echo "Installing Debian's chromium (prints the PDF edition)"; \
	  $(APT_CHROMIUM) || echo "Could not install chromium; the PDF edition will be skipped."; }

browser-for-tests:
	@$(FIND_BROWSER) || { $(CAN_APT) && echo "Installing Debian's chromium (browser tests)" && $(APT_CHROMIUM); } || { \
	  echo "make test needs Chromium for its browser tests, and none was found."; \
	  echo "Install it (Debian/Ubuntu: sudo apt-get install chromium) or name one: make test CHROMIUM=/path/to/chromium"; \
	  exit 1; }

bench: $(STAMP) browser-for-tests
	$(PYTHON) benchmarks/bench_build.py $(BENCH_ARGS)
	@$(MAKE) --no-print-directory bench-web

# The web edition under a phone emulation (benchmarks/bench_web.py); WEB_ARGS="--runs 1" is quicker.
bench-web: $(STAMP) browser-for-tests
	@test -f $(HTML)/index.html || $(MAKE) book
	$(PYTHON) benchmarks/bench_web.py $(WEB_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests

clean:
	rm -rf _build .pytest_cache
