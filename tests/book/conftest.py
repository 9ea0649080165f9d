"""Fixtures for tests of the built book: one build per session, a local server for it, and a
temporary copy of the repository for tests that edit data or code."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import CHROMIUM, HTML, ROOT, build_book, serve, tracked_copy


def pytest_sessionstart(session):
    """The book's tests open pages in Chromium and print the PDF: never skip them silently."""
    if CHROMIUM is None:
        pytest.exit(
            "The book tests need Chromium, and none was found (set CHROMIUM=/path or put chromium on "
            "PATH). Install Debian's: sudo apt-get install chromium",
            returncode=1,
        )


@pytest.fixture(scope="session")
def built_book() -> Path:
    if os.environ.get("BRIEFING_REUSE_BUILD") != "1" or not (HTML / "index.html").is_file():
        result = build_book(ROOT, pdf=True)
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return HTML


@pytest.fixture(scope="session")
def served_book(built_book):
    with serve(built_book) as url:
        yield url


@pytest.fixture(scope="session")
def repo_copy(tmp_path_factory, built_book) -> Path:
    """A copy of the repository, built from clean in its own place.

    Its first build doubles as the "second, clean build" that must match the main one byte for
    byte; tests that edit data or code then edit it cumulatively (each must hold whatever the
    others did before it), and their builds are incremental."""
    copy = tracked_copy(tmp_path_factory.mktemp("repo") / "book")
    result = build_book(copy)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return copy


@pytest.fixture(scope="session")
def browser():
    from helpers import CHROMIUM, LAUNCH_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()
