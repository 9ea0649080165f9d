"""Sphinx extension: keeps every built page self-contained and free of console errors.

* Sphinx 7.4 adds some inline scripts twice (once with filename ``None``, once with ``''``); the
  duplicate ``THEBE_JS_URL`` declaration is a JavaScript error on every page. De-duplicate them.
* Drop any script or stylesheet that would load from another site: the book must work offline.
* Bibliography lists: docutils marks them ``role="list"`` with ``doc-biblioentry`` children, which
  axe reports as a critical ARIA error (a list whose children are not list items) plus a deprecated
  role on every entry. Plain containers are correct: each entry is already a labelled block.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


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


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _dedupe_assets, priority=900)
    app.connect("html-page-context", _fix_aria, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
