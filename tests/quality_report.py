"""Write the one-page quality report (_build/quality/report.html) from the browser audit."""

from __future__ import annotations

import html
import json
from pathlib import Path

from helpers import ROOT


def write_report(results: dict, built: Path) -> Path:
    out = ROOT / "_build" / "quality"
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for (page, width), r in sorted(results.items()):
        impacts = {}
        for v in r["axe"]:
            impacts[v["impact"]] = impacts.get(v["impact"], 0) + v["nodes"]
        axe = ", ".join(f"{k}: {n}" for k, n in sorted(impacts.items())) or "none"
        ok = not (r["console"] or r["failed"] or r["offsite"] or r["figures"]) and not (
            impacts.get("serious") or impacts.get("critical")
        )
        rows.append(
            f"<tr class={'ok' if ok else 'bad'}><td>{html.escape(page)}</td><td>{width}</td>"
            f"<td>{len(r['console'])}</td><td>{len(r['failed'])}</td><td>{len(r['offsite'])}</td>"
            f"<td>{html.escape(axe)}</td><td>{len(r['figures'])}</td>"
            f"<td>{r['page_bytes'] / 1024:.0f}</td><td>{r['own_bytes'] / 1024:.0f}</td>"
            f"<td><a href='../{html.escape(r['screenshot'])}'>screenshot</a></td></tr>"
        )
    findings = sorted({(v["impact"], v["id"], v["help"]) for r in results.values() for v in r["axe"]})
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Quality report</title>
<style>body{{font-family:sans-serif;margin:2em}}td,th{{padding:2px 8px;border-bottom:1px solid #ddd}}
tr.bad{{background:#fdd}}</style></head><body><main><h1>Quality report of the built book</h1>
<p>{len({p for p, _ in results})} pages × {len({w for _, w in results})} widths. Page weight in KiB
(all bytes loaded / bytes beyond the shared theme assets; budget 977 KiB).</p>
<table><thead><tr><th>Page</th><th>Width</th><th>Console errors</th><th>Failed requests</th>
<th>Off-site requests</th><th>axe findings (nodes by impact)</th><th>Figure problems</th>
<th>KiB loaded</th><th>KiB own</th><th>Screenshot</th></tr></thead><tbody>{"".join(rows)}</tbody></table>
<h2>Accessibility findings (all impacts)</h2><ul>{
        "".join(f"<li>{html.escape(i)}: {html.escape(k)} — {html.escape(h)}</li>" for i, k, h in findings)
        or "<li>none</li>"
    }</ul></main></body></html>"""
    path = out / "report.html"
    path.write_text(page, encoding="utf-8")
    (out / "results.json").write_text(
        json.dumps(
            {f"{p} @ {w}": {k: v for k, v in r.items() if k != "bytes"} for (p, w), r in results.items()},
            indent=1,
            default=str,
        ),
        encoding="utf-8",
    )
    return path
