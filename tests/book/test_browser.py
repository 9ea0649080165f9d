"""Open every built page in headless Chromium, as a reader would, with the network watched.

For every page: it loads, the console shows no error, no request fails, and no request leaves the
site (the book must work offline). A screenshot of each page is saved under _build/screenshots/.
"""

from __future__ import annotations

import shutil
from urllib.parse import urlparse

import pytest
from helpers import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "_build" / "screenshots"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def page_paths(html):
    """Every page of the book, plus the search and index pages Sphinx adds."""
    extra = ("genindex.html", "search.html")
    chapters = sorted(
        str(p.relative_to(html))
        for p in html.rglob("*.html")
        if "_static" not in p.parts and p.name not in extra
    )
    return [*chapters, *extra]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


def visit(browser, url: str, width: int = 1280):
    """Load a page; return (console errors, failed requests, off-site requests, page)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors, failed, offsite = [], [], []
    host = urlparse(url).netloc

    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))

    def route(route):
        target = urlparse(route.request.url)
        if target.scheme in ("http", "https") and target.netloc != host:
            offsite.append(route.request.url)
            return route.abort()
        return route.continue_()

    page.route("**/*", route)
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    return errors, failed, offsite, page, context


def test_every_page_loads_cleanly_and_offline(browser, served_book, built_book):
    SHOTS.mkdir(parents=True, exist_ok=True)
    report = {}
    for path in page_paths(built_book):
        errors, failed, offsite, page, context = visit(browser, f"{served_book}/{path}")
        page.screenshot(path=str(SHOTS / (path.replace("/", "__") + ".png")), full_page=True)
        context.close()
        failed = [f for f in failed if f.split(" (")[0] not in offsite]
        if errors or failed or offsite:
            report[path] = {"console errors": errors, "failed": failed, "off-site": offsite}
    assert not report, report


def test_the_offsite_guard_can_fail(browser, served_book, built_book, tmp_path):
    """The watcher is real: a page that asks another site for a script is caught."""
    probe = built_book / "_offsite_probe.html"
    probe.write_text('<html><body><script src="https://cdn.example.invalid/x.js"></script></body></html>')
    try:
        _, _, offsite, _, context = visit(browser, f"{served_book}/_offsite_probe.html")
        context.close()
    finally:
        probe.unlink()
    assert offsite == ["https://cdn.example.invalid/x.js"]


def test_figures_show_on_the_first_chapter(browser, served_book):
    _, _, _, page, context = visit(browser, f"{served_book}/notebooks/01_mou_text.html")
    images = page.locator("main img")
    count = images.count()
    assert count >= 1
    for index in range(count):
        natural = images.nth(index).evaluate("img => img.naturalWidth")
        assert natural > 0, "an image failed to decode"
    context.close()
