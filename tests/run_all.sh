#!/usr/bin/env bash
# The whole suite, stage by stage (make test). Any failing stage fails the run; pytest's exit code 5
# ("no tests collected") counts as a failure too, since `set -e` stops on any non-zero code.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export PYTHONPATH="$PWD/src"

stage() { local name=$1; shift; local t0=$SECONDS; echo "=== $name"; "$@"; echo "--- $name: $((SECONDS - t0)) s"; }

stage "lint (ruff)"            $BIN/ruff check src tests benchmarks
# Stages run by marker (tests/conftest.py gives every test the marker of where it lives).
stage "unit and data: loaders, bad input, consistency" $BIN/python -m pytest -q tests -m "unit or data"
stage "notebooks (nbval)"      $BIN/python -m pytest -q --nbval --nbval-sanitize-with tests/sanitize.cfg notebooks -p no:cacheprovider
stage "book: strict build, browser, freshness" $BIN/python -m pytest -q tests -m book
stage "JupyterLab: re-run a chapter, save, git clean" $BIN/python -m pytest -q tests -m lab -p no:cacheprovider
stage "set-up: a newcomer, no root, no browser" $BIN/python -m pytest -q -s tests -m setup
