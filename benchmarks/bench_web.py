"""Benchmark of the web edition as a phone reader meets it: prints a per-page table, asserts nothing.
Run with `make bench-web` (or as part of `make bench`); it measures the book already built in
_build/html (run `make book` first).

Every page is loaded cold (browser cache off) in Debian's Chromium under a phone emulation:
390×844 CSS px at device pixel ratio 3, touch, a 150 ms round trip, 1.6 Mbit/s down and 750 kbit/s
up, and the CPU slowed four times. The local server does not compress, so the bytes counted are the
uncompressed bytes a reader's browser receives (headers included).

Per page:
  KiB        everything transferred until the network is quiet after the load event
  requests   how many requests that took
  LCP        Largest Contentful Paint (ms), median of RUNS loads; good is at most 2,500 ms
  tables     tables in the article, and how many are wider than the space they are shown in at
             390 px (a reader must scroll sideways, or a column is cut off)
  heaviest   the largest single resource

Options: --runs N (default 3), --pages a.html,b.html (a subset), --top N (also list the N heaviest
resources of the first page). A run over every page writes its table to benchmarks/web-results.md,
which the README's performance section quotes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]
from helpers import TABLE_FIT, page_paths, serve  # noqa: E402 (the browser tests' local server and page list)

from briefing.publish.print.pdf import LAUNCH_ARGS, browser_path  # noqa: E402 (one definition of the browser launch)

PHONE = {"width": 390, "height": 844}
NETWORK = {  # Chrome DevTools units: ms and bytes per second
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}
CPU_SLOWDOWN = 4
LCP_GOOD_MS = 2500
BYTE_BUDGET = 600 * 1024

LCP_OBSERVER = """
window.__lcp = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) window.__lcp = entry.startTime;
}).observe({type: 'largest-contentful-paint', buffered: true});
"""


QUIET_MS = 1000  # the network counts as quiet after this long with no request open or started


def wait_until_quiet(page, started: dict, finished: dict, limit_ms: int = 60_000) -> None:
    """Wait until every request the page started has finished and none has started for QUIET_MS.
    (Playwright's "networkidle" also counts requests no page asked for, such as the favicon, and
    on this machine it sometimes never came.)"""
    quiet, waited, seen = 0, 0, -1
    while quiet < QUIET_MS and waited < limit_ms:
        page.wait_for_timeout(100)  # also lets the CDP events above be delivered
        waited += 100
        open_now = set(started) - set(finished)
        quiet = 0 if open_now or len(started) != seen else quiet + 100
        seen = len(started)


def load_once(browser, url: str) -> dict:
    """One cold load of ``url`` under the phone emulation."""
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True, service_workers="block"
    )
    page = context.new_page()
    page.add_init_script(LCP_OBSERVER)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    cdp.on("Network.loadingFailed", lambda e: sizes.__setitem__(e["requestId"], 0))
    page.goto(url, wait_until="load", timeout=120_000)
    wait_until_quiet(page, urls, sizes)
    page.wait_for_timeout(300)  # let the last paint be reported
    lcp = page.evaluate("() => window.__lcp")
    fit = page.evaluate(TABLE_FIT)
    fit = {"tables": fit["tables"], "wide": len(fit["wide"])}
    context.close()
    resources = {urls.get(rid, rid): size for rid, size in sizes.items()}
    return {"lcp": lcp, "resources": resources, **fit}


def load_with_retry(browser, url: str, attempts: int = 3) -> dict:
    """One cold load; on a shared machine a load can stall (the network never goes quiet), so a
    timed-out load is tried again, up to ``attempts`` times in all."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(1, attempts + 1):
        try:
            return load_once(browser, url)
        except PlaywrightTimeout:
            if attempt == attempts:
                raise
            print(f"  (timed out, loading {url} again)", flush=True)
    raise AssertionError("unreachable")


def short(url: str, base: str) -> str:
    path = urlparse(url).path
    return path.replace(urlparse(base).path, "", 1).lstrip("/") or "/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", default="")
    parser.add_argument("--top", type=int, default=0)
    args = parser.parse_args()
    if not (HTML / "index.html").is_file():
        sys.exit("No built book in _build/html: run `make book` first.")
    paths = args.pages.split(",") if args.pages else page_paths(HTML)

    from playwright.sync_api import sync_playwright

    rows = []
    with serve(HTML) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path(), args=LAUNCH_ARGS)
        for path in paths:
            runs = [load_with_retry(browser, f"{base}/{path}") for _ in range(args.runs)]
            first = runs[0]
            total = sum(first["resources"].values())
            heaviest = max(first["resources"].items(), key=lambda item: item[1])
            rows.append(
                {
                    "page": path,
                    "bytes": total,
                    "requests": len(first["resources"]),
                    "lcp": statistics.median(r["lcp"] for r in runs),
                    "lcp_runs": [r["lcp"] for r in runs],
                    "tables": first["tables"],
                    "wide": first["wide"],
                    "heaviest": (short(heaviest[0], base), heaviest[1]),
                }
            )
            row = rows[-1]
            print(
                f"{path:<40} {total / 1024:6.0f} KiB {row['requests']:4d} req "
                f"LCP {row['lcp']:6.0f} ms ({', '.join(f'{v:.0f}' for v in row['lcp_runs'])}) "
                f"tables {row['wide']}/{row['tables']} wide   heaviest {row['heaviest'][0]} "
                f"{row['heaviest'][1] / 1024:.0f} KiB",
                flush=True,
            )
            if args.top and path == paths[0]:
                for url, size in sorted(first["resources"].items(), key=lambda i: -i[1])[: args.top]:
                    print(f"    {size / 1024:7.1f} KiB  {short(url, base)}")
        browser.close()

    over_bytes = [r["page"] for r in rows if r["bytes"] > BYTE_BUDGET]
    over_lcp = [r["page"] for r in rows if r["lcp"] > LCP_GOOD_MS]
    tables = sum(r["tables"] for r in rows)
    wide = sum(r["wide"] for r in rows)
    print()
    print(
        f"Phone emulation: {PHONE['width']}×{PHONE['height']}, {NETWORK['latency']} ms RTT, "
        f"{NETWORK['downloadThroughput'] * 8 / 1e6:.1f} Mbit/s down, CPU ×{CPU_SLOWDOWN}; "
        f"median of {args.runs} cold loads"
    )
    print(
        f"Pages over {BYTE_BUDGET // 1024} KiB: {len(over_bytes)} of {len(rows)}"
        + (f" ({', '.join(over_bytes)})" if over_bytes else "")
    )
    print(
        f"Pages with LCP over {LCP_GOOD_MS} ms: {len(over_lcp)} of {len(rows)}"
        + (f" ({', '.join(over_lcp)})" if over_lcp else "")
    )
    print(f"Tables wider than their space at 390 px: {wide} of {tables}")
    print(
        f"Largest page {max(r['bytes'] for r in rows) / 1024:.0f} KiB; "
        f"slowest LCP {max(r['lcp'] for r in rows):.0f} ms"
    )
    if not args.pages:
        write_results(rows, args.runs, wide, tables)


def write_results(rows: list[dict], runs: int, wide: int, tables: int) -> None:
    lines = [
        "# Web benchmark",
        "",
        f"Every page loaded cold in Chromium under a phone emulation: {PHONE['width']}×{PHONE['height']}"
        f" CSS px, {NETWORK['latency']} ms round trip, {NETWORK['downloadThroughput'] * 8 / 1e6:.1f} Mbit/s"
        f" down, CPU slowed {CPU_SLOWDOWN}×; LCP is the median of {runs} loads (`make bench-web`;"
        " written by benchmarks/bench_web.py). Bytes are uncompressed, as the local server sends them.",
        "",
        "| page | KiB | requests | LCP (ms) | tables too wide at 390 px |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['page']} | {row['bytes'] / 1024:.0f} | {row['requests']} | {row['lcp']:.0f} "
            f"| {row['wide']} of {row['tables']} |"
        )
    lines += [
        "",
        f"Budget: {BYTE_BUDGET // 1024} KiB and {LCP_GOOD_MS} ms per page. Largest page "
        f"{max(r['bytes'] for r in rows) / 1024:.0f} KiB; slowest LCP {max(r['lcp'] for r in rows):.0f} ms;"
        f" tables too wide at 390 px: {wide} of {tables}.",
        "",
    ]
    (ROOT / "benchmarks" / "web-results.md").write_text("\n".join(lines), encoding="utf-8")
    print("wrote benchmarks/web-results.md")


if __name__ == "__main__":
    main()
