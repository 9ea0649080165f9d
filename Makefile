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

.PHONY: help book pdf bench bench-web test notebooks serve lab clean lock validate lint chromium

help:
	@echo "make book       build the book into $(HTML) (sets up .venv the first time)"
	@echo "make test       run every test: unit, data, notebooks, strict build, browser"
	@echo "make pdf        print the book to $(HTML)/briefing-book.pdf (make book does it too)"
	@echo "make notebooks  re-execute every notebook in place (outputs are committed)"
	@echo "make serve      serve the built book on http://127.0.0.1:8000"
	@echo "make lab        open the notebooks in JupyterLab with the book's environment"
	@echo "make validate   check every data file and list all problems"
	@echo "make bench      time the build against its floor, then the web pages on a phone (bench-web)"
	@echo "make bench-web  page weight, LCP and table fit of every built page under a phone emulation"
	@echo "make lock       re-resolve requirements.lock after editing pyproject.toml"
	@echo "make clean      remove the build (keeps .venv)"

# --- environment: created from the lock file when missing or older than the lock --------------
$(STAMP): requirements.lock pyproject.toml
	@$(PY) -m uv --version >/dev/null 2>&1 || $(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VER)"
	@test -x $(PYTHON) || $(PY) -m uv venv --quiet --python $(PY) $(VENV)
	$(PY) -m uv pip sync --quiet --python $(PYTHON) --compile-bytecode requirements.lock
	$(PY) -m uv pip install --quiet --python $(PYTHON) --no-deps --no-build-isolation -e .
	@touch $@

lock:
	$(PY) -m uv pip compile pyproject.toml --all-extras --python-version 3.11.7 --upgrade -o requirements.lock

# --- the book ----------------------------------------------------------------------------------
book: $(STAMP) chromium
	$(PYTHON) -m briefing prepare
	@$(MAKE) --no-print-directory $(HTML)/.built
	$(PYTHON) -m briefing pdf
	@echo "Front page: file://$(CURDIR)/$(HTML)/index.html"

# Everything the HTML is made from. `prepare` (above) rewrites a notebook only when it re-executes
# it and the generated pages only when their content changes, so an unchanged book skips Sphinx.
BOOK_SOURCES := $(wildcard _config.yml _toc.yml index.md book/*.md book/*.bib book/*.png notebooks/*.ipynb \
                  _static/* _templates/* data/*.csv src/briefing/sphinxext.py)

$(HTML)/.built: $(BOOK_SOURCES)
	$(BIN)/jupyter-book build . -W -n --keep-going --quiet
	@touch $@

pdf: $(STAMP) chromium
	@test -f $(HTML)/index.html || $(MAKE) book
	$(PYTHON) -m briefing pdf --force

notebooks: $(STAMP)
	$(PYTHON) -m briefing run-notebooks --force

validate: $(STAMP)
	$(PYTHON) -m briefing validate

serve: $(STAMP)
	@test -f $(HTML)/index.html || $(MAKE) book
	@echo "Serving the book at http://127.0.0.1:8000/ (Ctrl-C to stop)"
	$(PYTHON) -m http.server --bind 127.0.0.1 --directory $(HTML) 8000

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

# --- tests ---------------------------------------------------------------------------------------
test: $(STAMP) chromium
	bash tests/run_all.sh

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium (browser tests and the PDF edition)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

bench: $(STAMP) chromium
	$(PYTHON) benchmarks/bench_build.py $(BENCH_ARGS)
	@$(MAKE) --no-print-directory bench-web

# The web edition under a phone emulation (benchmarks/bench_web.py); WEB_ARGS="--runs 1" is quicker.
bench-web: $(STAMP) chromium
	@test -f $(HTML)/index.html || $(MAKE) book
	$(PYTHON) benchmarks/bench_web.py $(WEB_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests

clean:
	rm -rf _build .pytest_cache
