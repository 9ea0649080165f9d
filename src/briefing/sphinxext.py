"""Sphinx extension: keeps every built page self-contained and free of console errors.

* Sphinx 7.4 adds some inline scripts twice (once with filename ``None``, once with ``''``); the
  duplicate ``THEBE_JS_URL`` declaration is a JavaScript error on every page. De-duplicate them.
* Drop any script or stylesheet that would load from another site: the book must work offline.
* Bibliography lists: docutils marks them ``role="list"`` with ``doc-biblioentry`` children, which
  axe reports as a critical ARIA error (a list whose children are not list items) plus a deprecated
  role on every entry. Plain containers are correct: each entry is already a labelled block.
* The book's own scripts (``_static/briefing-*.js``) load with ``defer``: they enhance a page that is
  already readable, so they must not hold up its first paint.
* Every page is rewritten when a file shared by all pages changes (the book's CSS, scripts and
  templates, or this extension): Sphinx alone would rewrite only the pages whose source changed, so
  the others would keep stale asset checksums and an incremental build would differ from a clean one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript

OWN_SCRIPT_PREFIX = "briefing-"


def _is_remote(url: str) -> bool:
    return url.startswith(("http://", "https://", "//"))


def _dedupe_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    scripts = context.get("script_files")
    if scripts is not None:
        seen: set[tuple] = set()
        kept = []
        for script in scripts:
            filename = getattr(script, "filename", script) or ""
            attributes = getattr(script, "attributes", {})
            key = (filename, attributes.get("body", ""), attributes.get("id", ""))
            if key in seen or _is_remote(str(filename)):
                continue
            seen.add(key)
            if Path(str(filename)).name.startswith(OWN_SCRIPT_PREFIX) and "defer" not in attributes:
                script = _JavaScript(filename, priority=script.priority, **attributes, defer="defer")
            kept.append(script)
        scripts[:] = kept
    styles = context.get("css_files")
    if styles is not None:
        styles[:] = [s for s in styles if not _is_remote(str(getattr(s, "filename", s) or ""))]


_ARIA_FIXES = (
    ('<div role="list" class="citation-list">', '<div class="citation-list">'),
    (' role="doc-biblioentry"', ""),
)


def _fix_aria(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    body = context.get("body")
    if body and "citation-list" in body:
        for old, new in _ARIA_FIXES:
            body = body.replace(old, new)
        context["body"] = body


def _shared_files(app: Sphinx) -> list[Path]:
    """Files whose content reaches every page: static assets, templates and this extension."""
    confdir = Path(app.confdir)
    found = [Path(__file__)]
    for folder in ("_static", "_templates"):
        found += sorted(p for p in (confdir / folder).rglob("*") if p.is_file())
    return found


def _rewrite_all_when_shared_files_change(app: Sphinx, env, added, changed, removed) -> list[str]:
    digest = hashlib.sha256()
    for path in _shared_files(app):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    fingerprint = digest.hexdigest()
    if getattr(env, "briefing_shared_files", None) == fingerprint:
        return []
    env.briefing_shared_files = fingerprint
    return sorted(env.found_docs - set(added) - set(changed) - set(removed))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-get-outdated", _rewrite_all_when_shared_files_change)
    app.connect("html-page-context", _dedupe_assets, priority=900)
    app.connect("html-page-context", _fix_aria, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
