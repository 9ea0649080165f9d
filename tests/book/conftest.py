"""Fixtures for tests of the built book: one build per session, and a local server for it."""

from __future__ import annotations

import contextlib
import http.server
import os
import threading
from pathlib import Path

import pytest
from helpers import HTML, ROOT, build_book


@pytest.fixture(scope="session")
def built_book() -> Path:
    if os.environ.get("BRIEFING_REUSE_BUILD") != "1" or not (HTML / "index.html").is_file():
        result = build_book(ROOT)
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return HTML


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest output readable
        pass


@pytest.fixture(scope="session")
def served_book(built_book):
    """Serve _build/html on 127.0.0.1 at a free port for the browser tests."""

    def handler(*args, **kwargs):
        return _QuietHandler(*args, directory=str(built_book), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        with contextlib.suppress(Exception):
            server.shutdown()
