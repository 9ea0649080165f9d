"""Helpers shared by the tests (plain functions; fixtures live in conftest.py files)."""

from __future__ import annotations

import contextlib
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from briefing.publish.print.pdf import LAUNCH_ARGS, browser_path  # noqa: F401 (re-exported: shared with the PDF)

# The browser tests need a real Chromium; without one they fail loudly (tests/book/conftest.py).
CHROMIUM = browser_path()

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
HTML = ROOT / "_build" / "html"
JB = Path(sys.executable).parent / "jupyter-book"


def rewrite(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a CSV copy; fail loudly if the text to replace is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path.name}: the fixture is out of date"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def build_book(root: Path, *extra: str, pdf: bool = False) -> subprocess.CompletedProcess:
    """What `make book` does: prepare (bib, stale notebooks), a strict Sphinx build and, with
    ``pdf``, the PDF edition."""
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    env.pop("BRIEFING_DATA_DIR", None)
    steps = [
        [sys.executable, "-m", "briefing", "prepare"],
        [str(JB), "build", ".", "-W", "-n", "--keep-going", *extra],
    ]
    if pdf:
        steps.append([sys.executable, "-m", "briefing", "pdf"])
    stdout = ""
    for step in steps:
        result = subprocess.run(step, cwd=root, env=env, capture_output=True, text=True)
        stdout += result.stdout
        if result.returncode != 0:
            break
    result.stdout = stdout
    return result


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest output readable
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Serve ``folder`` on 127.0.0.1 at a free port; yields the base URL."""

    def handler(*args, **kwargs):
        return _QuietHandler(*args, directory=str(folder), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# The tables in the article and the first header of each one wider than the space it is shown in
# (its scroller, or the article): a reader would scroll sideways or lose a column. Shared by the
# browser tests and the web benchmark.
TABLE_FIT = """() => {
  const article = document.querySelector('main article, main') || document.body;
  const room = article.getBoundingClientRect().width;
  const tables = Array.from(article.querySelectorAll('table')).filter(t => t.offsetParent !== null);
  const wide = tables.filter(t => {
    let holder = t.parentElement;
    while (holder && holder !== article && getComputedStyle(holder).overflowX === 'visible') {
      holder = holder.parentElement;
    }
    const limit = holder ? Math.min(holder.clientWidth, room) : room;
    const box = t.getBoundingClientRect();
    return box.width > limit + 1 || box.right > window.innerWidth + 1;
  });
  const title = t => (t.querySelector('th') || t).textContent.trim().slice(0, 40);
  return {tables: tables.length, wide: wide.map(title)};
}"""


ROLE = r"\{[a-z:]+\}`[^`]*`"


def notebook_markdown(path: Path) -> str:
    """All markdown cells of a notebook, joined: the prose a reader of the book sees (a cell tagged
    remove-cell, such as the "Re-running this chapter" box for JupyterLab, is not in the book)."""
    import json

    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join(
        "".join(c["source"])
        for c in cells
        if c["cell_type"] == "markdown" and "remove-cell" not in c.get("metadata", {}).get("tags", [])
    )


def without_roles(text: str) -> str:
    """Text with MyST roles ({glue:text}`…`, {cite:p}`…`, …) and inline code removed."""
    import re

    return re.sub(ROLE + r"|(?<!`)`[^`\n]+`(?!`)", "", text)  # not the ``` of a fence


def glued_names(path: Path) -> set[str]:
    """The names a committed notebook glues (myst-nb's scrapbook records in its stored outputs):
    what its own prose and other pages can cite."""
    import json

    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return {
        output["metadata"]["scrapbook"]["name"]
        for cell in cells
        for output in cell.get("outputs", [])
        if "scrapbook" in output.get("metadata", {})
    }


def page_paths(html: Path) -> list[str]:
    """Every page of the book, plus the search and index pages Sphinx adds."""
    extra = ("genindex.html", "search.html")
    chapters = sorted(
        str(p.relative_to(html))
        for p in html.rglob("*.html")
        if "_static" not in p.parts and p.name not in extra and not p.name.startswith("_")
    )
    return [*chapters, *extra]


def tracked_copy(target: Path) -> Path:
    """A copy of the repository's tracked files as they are in the working tree, at ``target``: the
    one way every stage (book, JupyterLab, set-up) makes the repository copy it works on. Untracked
    files (a local .venv, _build, caches) never travel, so a copy behaves like a fresh clone."""
    tracked = subprocess.run(
        ["git", "-c", f"safe.directory={ROOT}", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, tracked.split("\0")):
        source = ROOT / name
        if source.is_file() or source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name, follow_symlinks=False)
    return target
