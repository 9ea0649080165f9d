"""The built book as readers meet it: every page, at desktop (1280 px) and phone (390 px) width, in
headless Chromium with the network watched and axe-core checking accessibility.

One pass over the pages (the ``audit`` fixture) gathers everything; each test then asserts one
promise, so a failure names what broke. Screenshots of every page at both widths are written to
_build/screenshots/ and a one-page report to _build/quality/report.html.
"""

from __future__ import annotations

import json
from urllib.parse import urljoin, urlparse

import pytest
from helpers import ROOT, TABLE_FIT, page_paths
from quality_report import write_report

from briefing.publish.print.pdf import LOAD_EVERY_IMAGE

SHOTS = ROOT / "_build" / "screenshots"
AXE = ROOT / "tests" / "vendor" / "axe-core-4.14.1" / "axe.min.js"
BASELINE = ROOT / "tests" / "a11y_baseline.json"  # moderate/minor findings allowed, per page, per rule
WIDTHS = {"desktop": 1280, "phone": 390}
PAGE_BUDGET = 1_000_000  # bytes a page may load beyond the theme's shared assets
COLD_LOAD_BUDGET = 600 * 1024  # everything a first visit to any page transfers, uncompressed
SHARED_PREFIXES = ("_static/",)  # theme CSS/JS/fonts, cached once for the whole site


def visit(browser, url: str, width: int):
    """Open ``url``; return the page, its context and what the network and console saw."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    seen = {"console": [], "failed": [], "offsite": [], "bytes": {}}
    host = urlparse(url).netloc

    page.on("console", lambda m: m.type == "error" and seen["console"].append(m.text))
    page.on("pageerror", lambda e: seen["console"].append(str(e)))
    page.on("requestfailed", lambda r: seen["failed"].append(f"{r.url} ({r.failure})"))

    def finished(request):
        sizes = request.sizes()
        seen["bytes"][request.url] = sizes["responseBodySize"] + sizes["responseHeadersSize"]

    page.on("requestfinished", finished)

    def route(route):
        target = urlparse(route.request.url)
        if target.scheme in ("http", "https") and target.netloc != host:
            seen["offsite"].append(route.request.url)
            return route.abort()
        return route.continue_()

    page.route("**/*", route)
    response = page.goto(url, wait_until="networkidle")
    seen["status"] = response.status if response else None
    seen["failed"] = [f for f in seen["failed"] if f.split(" (")[0] not in seen["offsite"]]
    return page, context, seen


def summarise_axe(result: dict) -> list[dict]:
    """One entry per violated rule: id, impact, how many nodes, the rule's help and a few targets."""
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": len(v["nodes"]),
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return summarise_axe(result)


FIGURE_CHECK = """() => Array.from(document.querySelectorAll('main img')).map(img => {
  const figure = img.closest('figure');
  const caption = figure ? figure.querySelector('figcaption') : null;
  const link = caption ? caption.querySelector('a[href$=".csv"]') : null;
  const file = (img.getAttribute('src') || '').split('/').pop();
  return {src: img.getAttribute('src'), alt: (img.getAttribute('alt') || '').trim(), file: file,
          decoded: img.naturalWidth > 0, caption: caption ? caption.innerText : null,
          csv: link ? link.href : null};
})"""


def _figure_problems(figure: dict) -> list[str]:
    """What is wrong with one figure as FIGURE_CHECK describes it (the CSV link is fetched apart)."""
    name, alt, problems = figure["src"], figure["alt"], []
    if not figure["decoded"]:
        problems.append(f"{name}: image does not decode")
    if not alt or alt == figure["file"] or alt.lower().endswith((".png", ".svg", ".jpg")):
        problems.append(f"{name}: alt text missing or just the file name ({alt!r})")
    if figure["caption"] is None:
        problems.append(f"{name}: no caption")
    elif "Source:" not in figure["caption"]:
        problems.append(f"{name}: caption has no 'Source:' line")
    if figure["csv"] is None:
        problems.append(f"{name}: caption has no link to the CSV behind it")
    return problems


# CSS px per image px of each chart as shown: with the charts' DPI this gives CSS px per point of type.

# CSS px per image px of each chart as shown: with the charts' DPI this gives CSS px per point of type.
CHART_SCALE = """() => Array.from(document.querySelectorAll('main figure img')).map(img => ({
  src: img.getAttribute('src'), scale: img.getBoundingClientRect().width / img.naturalWidth}))"""


CONCURRENT_PAGES = 3  # pages audited at once: Chromium overlaps network, layout and axe on 2 cores


async def _audit_one(browser, url: str, path: str, label: str, width: int) -> dict:
    """The async twin of ``visit`` + checks, for one page at one width."""
    context = await browser.new_context(viewport={"width": width, "height": 900})
    page = await context.new_page()
    seen = {"console": [], "failed": [], "offsite": [], "bytes": {}}
    host = urlparse(url).netloc
    page.on("console", lambda m: m.type == "error" and seen["console"].append(m.text))
    page.on("pageerror", lambda e: seen["console"].append(str(e)))
    page.on("requestfailed", lambda r: seen["failed"].append(f"{r.url} ({r.failure})"))

    async def finished(request):
        sizes = await request.sizes()
        seen["bytes"][request.url] = sizes["responseBodySize"] + sizes["responseHeadersSize"]

    page.on("requestfinished", finished)

    async def route(route):
        target = urlparse(route.request.url)
        if target.scheme in ("http", "https") and target.netloc != host:
            seen["offsite"].append(route.request.url)
            await route.abort()
        else:
            await route.continue_()

    await page.route("**/*", route)
    response = await page.goto(f"{url}/{path}", wait_until="networkidle")
    seen["status"] = response.status if response else None
    seen["failed"] = [f for f in seen["failed"] if f.split(" (")[0] not in seen["offsite"]]
    cold_load = sum(seen["bytes"].values())  # a first visit: charts further down load when scrolled to
    await page.evaluate(LOAD_EVERY_IMAGE)  # the checks below need every chart
    shot = SHOTS / f"{path.replace('/', '__')}.{label}.jpg"
    await page.screenshot(
        path=str(shot), full_page=True, type="jpeg", quality=80
    )  # PNG of a 20,000 px page is slow
    await page.add_script_tag(path=str(AXE))
    result = await page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    axe = summarise_axe(result)
    wide_tables = (await page.evaluate(TABLE_FIT))["wide"] if label == "phone" else []
    chart_scale = await page.evaluate(CHART_SCALE)
    figures = []
    if label == "desktop":
        for figure in await page.evaluate(FIGURE_CHECK):
            figures.extend(_figure_problems(figure))
            if figure["csv"] is not None:
                reply = await page.request.get(figure["csv"])
                if not reply.ok:
                    figures.append(f"{figure['src']}: CSV link {figure['csv']} gives HTTP {reply.status}")
    await context.close()
    own = {
        u: b for u, b in seen["bytes"].items() if not urlparse(u).path.lstrip("/").startswith(SHARED_PREFIXES)
    }
    return {
        **seen,
        "axe": axe,
        "figures": figures,
        "wide_tables": wide_tables,
        "chart_scale": chart_scale,
        "page_bytes": cold_load,
        "all_bytes": sum(seen["bytes"].values()),
        "own_bytes": sum(own.values()),
        "screenshot": str(shot.relative_to(ROOT / "_build")),
    }


async def _audit_all(url: str, paths: list[str]) -> dict:
    import asyncio

    from helpers import CHROMIUM, LAUNCH_ARGS
    from playwright.async_api import async_playwright

    limit = asyncio.Semaphore(CONCURRENT_PAGES)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)

        async def one(path, label, width):
            async with limit:
                return (path, label), await _audit_one(browser, url, path, label, width)

        jobs = [one(p, label, w) for p in paths for label, w in WIDTHS.items()]
        results = dict(await asyncio.gather(*jobs))
        await browser.close()
    return results


@pytest.fixture(scope="module")
def audit(served_book, built_book):
    """Visit every page at both widths once; gather everything the tests below assert."""
    import asyncio

    SHOTS.mkdir(parents=True, exist_ok=True)
    results = asyncio.run(_audit_all(served_book, page_paths(built_book)))
    write_report(results, built_book)
    return results


def test_every_page_loads_without_console_errors_or_failed_requests(audit):
    bad = {
        f"{p} @ {w}": (r["status"], r["console"], r["failed"])
        for (p, w), r in audit.items()
        if r["status"] != 200 or r["console"] or r["failed"]
    }
    assert not bad, bad


def test_no_request_leaves_the_site(audit):
    bad = {f"{p} @ {w}": r["offsite"] for (p, w), r in audit.items() if r["offsite"]}
    assert not bad, bad


def test_no_serious_or_critical_accessibility_violations(audit):
    bad = {
        f"{p} @ {w}": [v for v in r["axe"] if v["impact"] in ("serious", "critical")]
        for (p, w), r in audit.items()
    }
    bad = {k: v for k, v in bad.items() if v}
    assert not bad, json.dumps(bad, indent=1)


def test_moderate_and_minor_findings_do_not_grow(audit):
    allowed = json.loads(BASELINE.read_text(encoding="utf-8"))
    grown = {}
    for (path, width), result in audit.items():
        for violation in result["axe"]:
            if violation["impact"] in ("moderate", "minor"):
                limit = allowed.get(violation["id"], 0)
                if violation["nodes"] > limit:
                    grown[f"{path} @ {width}: {violation['id']}"] = (violation["nodes"], limit)
    assert not grown, f"(found, allowed per page) — fix them or justify a new baseline: {grown}"


def test_every_figure_has_alt_text_caption_source_and_data_link(audit):
    bad = {p: r["figures"] for (p, w), r in audit.items() if r["figures"]}
    assert not bad, json.dumps(bad, indent=1)


def test_chapters_have_figures(audit):
    for (path, width), result in audit.items():
        if path.startswith("notebooks/") and width == "desktop":
            assert result["figures"] == [], result["figures"]


def test_page_weight_within_budget(audit):
    heavy = {f"{p} @ {w}": r["own_bytes"] for (p, w), r in audit.items() if r["own_bytes"] > PAGE_BUDGET}
    assert not heavy, f"bytes beyond shared theme assets (budget {PAGE_BUDGET}): {heavy}"


def test_chart_text_is_at_least_11_css_px_on_a_phone(audit):
    """Every chart is drawn with no text under style.MIN_FONT_PT (briefing.text refuses it); shown at
    390 px, one point of type must then be at least 11 / MIN_FONT_PT CSS px."""
    from briefing import style

    small = {}
    for (path, width), result in audit.items():
        if width != "phone":
            continue
        for chart in result["chart_scale"]:
            smallest = chart["scale"] * style.DPI / 72 * style.MIN_FONT_PT
            if smallest < 11:
                small[f"{path}: {chart['src']}"] = round(smallest, 1)
    assert not small, f"smallest chart text in CSS px at 390 px: {small}"


def test_tables_fit_a_phone(audit):
    """At 390 px no table is wider than the space it is shown in: no cut-off column, no sideways
    scrolling (rows become cards below 600 px)."""
    wide = {p: r["wide_tables"] for (p, w), r in audit.items() if w == "phone" and r["wide_tables"]}
    assert not wide, wide


def test_cold_load_of_every_page_within_budget(audit):
    """A first visit (empty cache) to any page transfers at most 600 KiB: the local server does not
    compress, so this counts the bytes uncompressed, headers included."""
    heavy = {
        f"{p} @ {w}": round(r["page_bytes"] / 1024)
        for (p, w), r in audit.items()
        if r["page_bytes"] > COLD_LOAD_BUDGET
    }
    assert not heavy, f"KiB on a cold load (budget {COLD_LOAD_BUDGET // 1024} KiB): {heavy}"


def test_the_offsite_guard_can_fail(browser, served_book, built_book):
    """The watcher is real: a page that asks another site for a script is caught."""
    probe = built_book / "_offsite_probe.html"
    probe.write_text('<html><body><script src="https://cdn.example.invalid/x.js"></script></body></html>')
    try:
        _, context, seen = visit(browser, f"{served_book}/_offsite_probe.html", 1280)
        context.close()
    finally:
        probe.unlink()
    assert seen["offsite"] == ["https://cdn.example.invalid/x.js"]


def test_axe_can_fail(browser, served_book, built_book):
    """axe is really running: an image without alt text is a critical finding."""
    probe = built_book / "_axe_probe.html"
    probe.write_text(
        '<html lang="en"><head><title>t</title></head><body><main><img src="x.png"></main></body></html>'
    )
    try:
        page, context, _ = visit(browser, f"{served_book}/_axe_probe.html", 1280)
        found = {v["id"]: v["impact"] for v in run_axe(page)}
        context.close()
    finally:
        probe.unlink()
    assert found.get("image-alt") == "critical"


SEARCH_TERMS = {
    "notebooks/01_mou_text.html": "quarterly",
    "notebooks/02_trade_deal.html": "reciprocal",
    "notebooks/03_china_response.html": "MOFCOM",
    "notebooks/04_domestic_ree_policy.html": "moratorium",
}


@pytest.mark.parametrize(("chapter", "term"), SEARCH_TERMS.items())
def test_search_finds_a_term_from_each_chapter(browser, served_book, chapter, term):
    page, context, _ = visit(browser, f"{served_book}/search.html?q={term}", 1280)
    page.wait_for_selector("#search-results ul.search li", timeout=15_000)
    links = page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(a => a.href)")
    context.close()
    assert any(urlparse(link).path.endswith(chapter) for link in links), (term, links)


def test_print_layout_hides_navigation_and_keeps_figures(browser, served_book):
    page, context, _ = visit(browser, f"{served_book}/notebooks/01_mou_text.html", 1280)
    page.emulate_media(media="print")
    page.evaluate(LOAD_EVERY_IMAGE)  # as Chromium does before it prints: charts load lazily on screen
    hidden = page.evaluate("""() => ['.bd-sidebar-primary', '.bd-sidebar-secondary', '.bd-header']
        .map(s => document.querySelector(s))
        .filter(e => e && getComputedStyle(e).display !== 'none').length""")
    figures = page.evaluate("""() => Array.from(document.querySelectorAll('main img'))
        .filter(i => getComputedStyle(i).display !== 'none' && i.getBoundingClientRect().width > 0)
        .length""")
    pdf = page.pdf(format="A4")
    context.close()
    assert hidden == 0, "navigation is still shown when printing"
    assert figures >= 1, "figures disappear when printing"
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_internal_links_and_anchors_resolve(built_book):
    """Offline link check of the built HTML: every internal link and #anchor exists."""
    from linkcheck import check_site

    broken, external = check_site(built_book)
    (ROOT / "_build" / "quality").mkdir(parents=True, exist_ok=True)
    (ROOT / "_build" / "quality" / "external-links.txt").write_text("\n".join(sorted(external)) + "\n")
    assert not broken, broken[:20]


def test_download_links_serve_the_csv(served_book, built_book):
    from linkcheck import csv_links

    links = csv_links(built_book)
    assert links, "no CSV download links at all"
    import urllib.request

    for page, href in links:
        url = urljoin(f"{served_book}/{page}", href)
        with urllib.request.urlopen(url) as response:
            assert response.status == 200
            assert response.read(200).count(b",") >= 2, url


def _phone(browser, url: str):
    """A phone-sized page one can tap (touch events on), opened at ``url``."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return page, context


def _open_drawer(page, toggle_selector: str, drawer_selector: str):
    """Tap the one visible toggle; assert the drawer it controls opens; return the drawer."""
    toggle = page.locator(toggle_selector).filter(visible=True)
    assert toggle.count() == 1, f"expected exactly one visible {toggle_selector}"
    toggle.tap()
    drawer = page.locator(drawer_selector)
    drawer.wait_for(state="visible", timeout=5_000)
    assert drawer.evaluate("d => d.open"), f"{drawer_selector} did not open"
    return drawer


def test_phone_menu_opens_and_its_links_navigate(browser, served_book):
    """Tapping ☰ at phone width opens the navigation drawer; a chapter link in it opens the chapter."""
    page, context = _phone(browser, f"{served_book}/book/summary.html")
    drawer = _open_drawer(page, ".primary-toggle", "#pst-primary-sidebar-modal")
    link = drawer.get_by_role("link", name="Timeline", exact=True)
    assert link.is_visible()
    link.tap()
    page.wait_for_url("**/notebooks/timeline.html", timeout=10_000)
    context.close()


def test_phone_contents_button_opens_and_its_links_navigate(browser, served_book):
    """Tapping the contents icon at phone width opens the page's table of contents; a heading link in
    it moves the page to that section."""
    page, context = _phone(browser, f"{served_book}/notebooks/02_trade_deal.html")
    drawer = _open_drawer(page, ".secondary-toggle", "#pst-secondary-sidebar-modal")
    link = drawer.locator("a.nav-link[href^='#']").first
    target = link.get_attribute("href")
    link.tap()
    page.wait_for_function("hash => location.hash === hash", arg=target, timeout=5_000)
    context.close()


VISIBLE_ROWS = "t => Array.from(t.tBodies[0].rows).filter(r => !r.hidden && r.offsetParent !== null).length"


def test_a_filter_in_the_page_keeps_the_rows_the_explorer_keeps(browser, served_book):
    """Set filters on the timeline page's table; the rows left are the rows the explorer's pandas
    filter keeps for the same choice."""
    import briefing
    from briefing.widgets.timeline_page import TimelineExplorer

    explorer = TimelineExplorer(briefing.load_events())
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{served_book}/notebooks/timeline.html", wait_until="networkidle")
    table = page.locator("table[data-explorer]")
    total = table.evaluate(VISIBLE_ROWS)
    assert total == len(explorer.selected()) > 0
    for control, value in (("Country", "Malaysia"), ("Theme", "china")):
        page.get_by_label(control, exact=True).select_option(value)
        getattr(explorer, control.lower()).value = value
        expected = len(explorer.selected())
        assert table.evaluate(VISIBLE_ROWS) == expected, control
        assert page.get_by_role("status").inner_text() == f"Showing {expected} of {total} events"
    context.close()


def test_the_page_opens_on_the_explorers_default_view(browser, served_book):
    """The trade chapter's table opens, like its explorer, on the critical-minerals commitments, and
    a party filter then keeps what the explorer keeps."""
    import briefing
    from briefing.widgets.trade import CommitmentExplorer

    explorer = CommitmentExplorer(briefing.load_art_commitments())
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{served_book}/notebooks/02_trade_deal.html", wait_until="networkidle")
    table = page.locator("table[data-explorer]")
    assert table.evaluate(VISIBLE_ROWS) == len(explorer.selected())
    page.get_by_label("Party", exact=True).select_option("Malaysia")
    explorer.party.value = "Malaysia"
    assert table.evaluate(VISIBLE_ROWS) == len(explorer.selected())
    context.close()


def test_sources_filter_by_kind_grade_and_search(browser, served_book):
    import briefing

    sources = briefing.load_sources()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{served_book}/book/references.html", wait_until="networkidle")
    shown = "() => document.querySelectorAll('.citation:not([hidden])').length"
    assert page.evaluate(shown) == len(sources)
    page.get_by_label("Kind of source", exact=True).select_option("official_text")
    assert page.evaluate(shown) == int((sources["kind"] == "official_text").sum())
    page.get_by_label("Kind of source", exact=True).select_option("")
    page.get_by_label("Grade of source", exact=True).select_option("weak")
    assert page.evaluate(shown) == int((sources["grade"] == "weak").sum())
    page.get_by_label("Grade of source", exact=True).select_option("")
    page.get_by_role("searchbox", name="Search the sources").fill("Lynas")
    page.wait_for_timeout(400)  # the search waits for typing to pause
    assert 0 < page.evaluate(shown) < len(sources)
    context.close()


def test_without_javascript_every_row_shows(browser, served_book):
    import briefing

    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_book}/notebooks/03_china_response.html")
    rows = page.locator("table[data-explorer]").evaluate(VISIBLE_ROWS)
    context.close()
    assert rows == len(briefing.load_events())


def test_glossary_terms_show_their_definition_on_hover_and_focus(browser, served_book, built_book):
    glossary = (built_book / "book" / "glossary.html").read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{served_book}/notebooks/02_trade_deal.html", wait_until="networkidle")
    link = page.locator("a[data-definition]").first
    tip = page.locator("#briefing-term-tip")
    link.hover()
    tip.wait_for(state="visible", timeout=3_000)
    definition = tip.inner_text()
    assert len(definition) > 40 and definition.split(".")[0] in glossary
    page.mouse.move(0, 0)
    tip.wait_for(state="hidden", timeout=3_000)
    link.focus()  # keyboard users: the definition shows and is the link's accessible description
    tip.wait_for(state="visible", timeout=3_000)
    assert link.get_attribute("aria-describedby") == "briefing-term-tip"
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden", timeout=3_000)
    context.close()


def test_a_tap_on_a_chart_enlarges_it(browser, served_book):
    page, context = _phone(browser, f"{served_book}/notebooks/02_trade_deal.html")
    chart = page.locator("main figure a.chart-enlarge").first
    chart.scroll_into_view_if_needed()
    shown = chart.locator("img").evaluate("img => img.getBoundingClientRect().width")
    chart.tap()
    dialog = page.locator("dialog.chart-dialog")
    dialog.wait_for(state="visible", timeout=5_000)
    enlarged = dialog.locator("img")
    enlarged.evaluate("img => img.decode()")
    assert enlarged.evaluate("img => img.getBoundingClientRect().width") >= 1.8 * shown
    assert enlarged.get_attribute("alt") == chart.locator("img").get_attribute("alt")
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden", timeout=5_000)
    assert page.evaluate("() => document.activeElement.classList.contains('chart-enlarge')")
    context.close()


ABOVE_THE_FOLD = """() => {
  const edition = Array.from(document.querySelectorAll('main p'))
    .find(p => p.textContent.includes('Information as of'));
  const parts = {
    title: Array.from(document.querySelectorAll('main h1')).find(h => h.offsetParent !== null),
    edition: edition || null,
    numbers: document.querySelector('.front-numbers'),
    headlines: document.querySelector('.front-findings'),
    chart: document.querySelector('.front-chart figure img'),
  };
  return Object.fromEntries(Object.entries(parts).map(([name, el]) =>
    [name, el ? Math.ceil(el.getBoundingClientRect().bottom) : null]));
}"""


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_front_page_shows_findings_numbers_chart_and_edition_above_the_fold(
    browser, served_book, width, height
):
    """The front page's title, edition and sources dates, four key numbers, the headlines and the
    chart all end above the fold on a laptop and on a phone."""
    phone = width < 600
    viewport = {"width": width, "height": height}
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.goto(f"{served_book}/index.html", wait_until="networkidle")
    bottoms = page.evaluate(ABOVE_THE_FOLD)
    headlines = page.locator(".front-findings li").count()
    numbers = page.locator(".front-numbers li").all_inner_texts()
    context.close()
    assert all(bottom is not None for bottom in bottoms.values()), bottoms
    below = {name: bottom for name, bottom in bottoms.items() if bottom > height}
    assert not below, f"below the fold at {width}×{height}: {below}"
    assert headlines >= 4 and len(numbers) == 4
    assert all(any(ch.isdigit() for ch in number) for number in numbers), numbers
