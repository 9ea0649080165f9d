"""A chapter re-run in a real JupyterLab: Run All, read it, use the explorer, save — git stays clean.

On a temporary copy of the repository (committed into a fresh git repository there), this starts
`jupyter lab` with the repository's own configuration (lab/jupyter_server_config.py, as `make lab`
does) on 127.0.0.1 with a token, opens one chapter in headless Chromium, runs every cell, checks
what a re-runner sees, changes an explorer control, saves, and asserts `git status` is clean.
The server is stopped by its process id.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from helpers import tracked_copy

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = os.environ.get("BRIEFING_LAB_CHAPTER", "timeline.ipynb")
CHROMIUM = os.environ.get("BRIEFING_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = os.environ.get("BRIEFING_LAB_SHOTS")  # a folder to keep screenshots in (optional)
RUN_SECONDS = 240  # kernel start-up alone can take a minute on a busy 2-core machine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=lab-test", "-c", "user.email=lab-test@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """The tracked files as they are in the working tree, committed in a fresh repository."""
    copy = tracked_copy(tmp_path_factory.mktemp("lab") / "repo")
    # The chapter as the runner stores it, whatever state the working tree's copy is in (the
    # committed notebooks' freshness is checked by the book stage); this is what Lab must reproduce.
    env = {**os.environ, "PYTHONPATH": str(copy / "src")}
    if os.environ.get("BRIEFING_LAB_TOOLS"):  # try the notebook tools before they are applied
        for tool in ("lab-prose", "rerun-box"):
            subprocess.run(
                [sys.executable, "-m", "briefing", tool, f"notebooks/{CHAPTER}"],
                cwd=copy,
                env=env,
                check=True,
                capture_output=True,
            )
    run = subprocess.run(
        [sys.executable, "-m", "briefing", "run-notebooks", "--force", f"notebooks/{CHAPTER}"],
        cwd=copy,
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.returncode == 0, f"the runner failed on {CHAPTER}:\n{run.stdout}{run.stderr}"
    _git(copy, "init", "-q")
    _git(copy, "add", "-A")
    _git(copy, "commit", "-q", "-m", "copy")
    return copy


@pytest.fixture(scope="module")
def lab(repo):
    """A running JupyterLab on the copy: (base url, token). Stopped by its process id."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: install Debian's chromium or set BRIEFING_CHROMIUM")
    port, token = _free_port(), secrets.token_hex(16)
    settings = repo.parent / "lab-settings"
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True, exist_ok=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))  # every cell in the page, for the checks
    news = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True, exist_ok=True)
    news.write_text(json.dumps({"fetchNews": "false"}))  # no "get notified about news?" pop-up
    env = {
        **os.environ,
        "PYTHONPATH": str(repo / "src"),
        "JUPYTER_CONFIG_DIR": str(repo.parent / "jupyter"),
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(repo.parent / "ws"),
    }
    args = [
        str(Path(sys.executable).with_name("jupyter")),
        "lab",
        "--no-browser",
        "--ip",
        "127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={repo / 'notebooks'}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if os.environ.get("BRIEFING_LAB_CONFIG", "repo") == "repo":  # "none": measure Lab without it
        args.append(f"--config={repo / 'lab' / 'jupyter_server_config.py'}")
    if os.geteuid() == 0:
        args.append("--allow-root")
    log = (repo.parent / "lab.log").open("w")
    server = subprocess.Popen(
        args, cwd=repo, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start:\n" + (repo.parent / "lab.log").read_text())
                time.sleep(0.5)
        yield base, token
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and the kernels it started
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


# What an unrendered role leaves in the text: the role itself, or the glue name jupyterlab-myst prints.
RAW = r"\{glue[^}]*\}|\{eval\}|\b(?:n|day|phrase|first|last|latest)_\w+"
IDLE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session
    && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  return [...document.querySelectorAll('.jp-InputArea-prompt')].every(p => !p.textContent.includes('*'));
}"""


def _shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name))


def test_run_all_reads_like_the_book_and_saving_leaves_git_clean(repo, lab):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    base, token = lab
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{base}/lab/tree/{CHAPTER}?token={token}&reset")
            page.wait_for_function(
                "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                " && window.jupyterapp.shell.currentWidget.context",
                timeout=60_000,
            )
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
            page.wait_for_function(IDLE, timeout=RUN_SECONDS * 1000, polling=500)
            # Opening a committed notebook must not mark it modified (autosave would rewrite it).
            page.wait_for_timeout(1500)
            dirty = page.evaluate("() => window.jupyterapp.shell.currentWidget.context.model.dirty")
            problems = [] if not dirty else ["opening the notebook marked it modified"]

            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_timeout(1000)
            page.wait_for_function(IDLE, timeout=RUN_SECONDS * 1000, polling=500)

            errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
            texts = [t for t in errors.all_inner_texts() if "Error" in t or "Traceback" in t]
            if texts:
                problems.append(f"error output after Run All: {texts[:1]}")
            _shot(page, "lab-top.png")

            charts = page.locator(".jp-RenderedImage img")
            if not charts.count():
                problems.append("no chart image after Run All")
            else:
                charts.first.scroll_into_view_if_needed()
                size = charts.first.evaluate("img => [img.naturalWidth, img.naturalHeight]")
                if not charts.first.is_visible() or min(size) < 100:
                    problems.append(f"the chart is not visible ({size})")
                _shot(page, "lab-chart.png")
                after_chart = page.locator(".jp-Cell:has(.jp-RenderedImage) + .jp-MarkdownCell").first
                if after_chart.count():  # the {glue:figure} directive with the caption
                    after_chart.scroll_into_view_if_needed()
                    _shot(page, "lab-figure-caption.png")

            findings = page.locator(".jp-MarkdownCell", has_text="Key findings").first
            findings.scroll_into_view_if_needed(timeout=10_000)
            findings_text = findings.inner_text()
            admonition = findings.locator("aside, .admonition")
            if not admonition.count():
                problems.append("the key findings are not rendered as a box")
            raw = re.findall(RAW, findings_text)
            if raw:
                problems.append(
                    f"the key findings show raw roles or glue names ({raw[:3]}): " + findings_text[:200]
                )
            elif not re.search(r"\b\d+\b", findings_text):
                problems.append("no number in the key findings")
            _shot(page, "lab-findings.png")

            # The explorer: change a control, see the shown rows change.
            explorer = page.locator(".jupyter-widgets.widget-vbox").first
            explorer.scroll_into_view_if_needed()
            html = explorer.locator(".widget-html-content").first
            before = html.inner_text()
            select = explorer.locator(".widget-dropdown select").nth(1)  # Country
            options = select.locator("option").all_inner_texts()
            select.select_option(label=options[-1])
            try:
                page.wait_for_function(
                    "([el, old]) => el.innerText !== old", arg=[html.element_handle(), before], timeout=30_000
                )
            except PlaywrightTimeout:
                problems.append("changing the explorer's Country did not change its rows")
            select.scroll_into_view_if_needed()
            _shot(page, "lab-explorer.png")

            page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
            page.wait_for_function(
                "() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000
            )
            page.wait_for_timeout(1000)
        finally:
            browser.close()

    saved = json.loads((repo / "notebooks" / CHAPTER).read_text(encoding="utf-8"))
    errors = [o for c in saved["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    if errors:
        problems.append(f"the saved notebook holds an error: {errors[:1]}")
    status = _git(repo, "status", "--porcelain", "--", "notebooks")
    if status:
        diff = _git(repo, "diff", "--stat", "--", "notebooks")
        problems.append(f"saving after Run All changed the notebooks:\n{status}{diff}")
        if SHOTS:
            (Path(SHOTS) / "lab-save.diff").write_text(_git(repo, "diff", "--", "notebooks")[:200_000])
    assert not problems, "\n".join(problems)
