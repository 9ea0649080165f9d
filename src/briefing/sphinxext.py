"""Sphinx extension: keeps every built page self-contained and free of console errors.

* Sphinx 7.4 adds some inline scripts twice (once with filename ``None``, once with ``''``); the
  duplicate ``THEBE_JS_URL`` declaration is a JavaScript error on every page. De-duplicate them.
* Drop any script or stylesheet that would load from another site: the book must work offline.
* Links to the PDF editions (a file ending ``.pdf`` at the site root) are removed, with the paragraph
  or list item that holds them, when no browser is there to print them: no broken link.
* Bibliography lists: docutils marks them ``role="list"`` with ``doc-biblioentry`` children, which
  axe reports as a critical ARIA error (a list whose children are not list items) plus a deprecated
  role on every entry. Plain containers are correct: each entry is already a labelled block.
* Every page links the CSS with its checksum (``briefing.css?v=…``) and carries the navigation, but
  Sphinx re-writes only the pages whose own source changed: after an edit to ``_static/`` alone
  nothing was even copied, and after an edit to ``_toc.yml`` the other pages kept the old sidebar.
  A change to either now marks every page out of date (a clean build's pages, at the cost of a
  full re-read; such edits are rare).
* myst-nb copies its stylesheet only when the build finishes, so a clean build linked it without the
  checksum an incremental build adds, and the two builds' pages differed. It is copied before any
  page is written.
* A page that shows another page's glued values (``{glue:text}`other.ipynb::name```) must be
  rebuilt when that notebook changes; myst-nb does not tell Sphinx so, and the executive summary or
  the In Focus brief kept old numbers. Each such notebook is noted as a dependency of the page.
* ``{eval}`glued("name", ".1f")``` — the inline expression jupyterlab-myst evaluates in the kernel
  when a chapter is re-run in JupyterLab — is resolved in the book from the stored glue, exactly as
  ``{glue:text}`name:.1f``` would be (myst-nb's own ``eval`` role needs inline execution, which the
  book does not use). Any other expression is a build warning.
* The book's own scripts (``_static/briefing-*.js``) load with ``defer``: they enhance a page that is
  already readable, so they must not hold up its first paint.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript

from .pdf import browser_path

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


def _links_a_pdf_edition(node: nodes.Node) -> bool:
    if isinstance(node, nodes.reference):
        return str(node.get("refuri", "")).endswith(".pdf")
    return isinstance(node, nodes.raw) and '.pdf"' in node.astext() and "href=" in node.astext()


def _drop_pdf_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.config.briefing_pdf_printable:
        return
    holders = []
    for link in doctree.findall(_links_a_pdf_edition):
        holder = link
        while holder.parent is not None and not isinstance(holder, nodes.list_item | nodes.paragraph):
            holder = holder.parent
        if holder.parent is not None and all(holder is not seen for seen in holders):
            holders.append(holder)  # a paragraph may hold both editions' links: remove it once
    for holder in holders:
        holder.parent.remove(holder)


def _shared_digest(app: Sphinx) -> str:
    """A hash of what every page depends on beyond its own source: static files and the toc."""
    digest = hashlib.sha256()
    toc = Path(app.confdir, getattr(app.config, "external_toc_path", None) or "_toc.yml")
    files = [(toc.name, toc)]
    for folder in app.config.html_static_path:  # the book's own _static and the extensions' folders
        root = Path(app.confdir, folder)
        files += [(str(p.relative_to(root)), p) for p in sorted(root.rglob("*")) if p.is_file()]
    for name, path in files:
        if path.is_file():
            digest.update(name.encode() + path.read_bytes())
    return digest.hexdigest()


def _outdated_when_shared_files_change(app: Sphinx, env: Any, added, changed, removed) -> list[str]:
    digest = _shared_digest(app)
    if getattr(env, "briefing_shared_digest", None) == digest:
        return []
    env.briefing_shared_digest = digest  # pickled with the environment
    return sorted(env.found_docs - added - changed - removed)


_CROSS_GLUE = re.compile(r"\{glue(?::\w+)?\}`([^`:]+?\.ipynb)::")


def _note_glue_sources(app: Sphinx, docname: str, source: list[str]) -> None:
    folder = Path(app.env.doc2path(docname)).parent
    for notebook in sorted(set(_CROSS_GLUE.findall(source[0]))):
        path = (folder / notebook).resolve()
        if path.is_file():
            app.env.note_dependency(os.path.relpath(path, app.srcdir))


def _copy_mystnb_css_first(app: Sphinx, env: Any) -> None:
    from myst_nb.sphinx_ext import add_global_html_resources

    if app.builder.format == "html":
        Path(app.builder.outdir, "_static").mkdir(parents=True, exist_ok=True)
        add_global_html_resources(app, None)


_GLUED_CALL = re.compile(r"""\s*glued\(\s*(["'])([\w.-]+)\1\s*(?:,\s*(["'])([^"']*)\3\s*)?\)\s*""")


def glued_call(expression: str) -> tuple[str, str] | None:
    """``glued("name", "fmt")`` -> ("name", "fmt"); anything else -> None."""
    match = _GLUED_CALL.fullmatch(expression)
    return (match.group(2), match.group(4) or "s") if match else None


def _eval_role(name, rawtext, text, lineno, inliner, options=None, content=()):
    """The book's ``{eval}``: the stored glue value an expression ``glued(...)`` names."""
    from myst_nb.ext.glue.roles import PasteTextRole

    call = glued_call(text)
    if call is None:
        message = inliner.reporter.warning(
            f"{{eval}} in the book supports only glued(\"name\"[, \"format\"]), not {text!r}",
            line=lineno,
        )
        return [nodes.problematic(rawtext, rawtext)], [message]
    key, fmt = call
    return PasteTextRole()("glue:text", rawtext, f"{key}:{fmt}", lineno, inliner, options or {}, content)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_nb")  # so that the eval role below replaces myst-nb's
    app.add_role("eval", _eval_role, override=True)
    # A config value, so that a browser appearing or going away re-reads every page.
    app.add_config_value("briefing_pdf_printable", browser_path() is not None, "env")
    app.connect("doctree-resolved", _drop_pdf_links)
    app.connect("html-page-context", _dedupe_assets, priority=900)
    app.connect("html-page-context", _fix_aria, priority=900)
    app.connect("env-get-outdated", _outdated_when_shared_files_change)
    app.connect("source-read", _note_glue_sources)
    app.connect("env-updated", _copy_mystnb_css_first)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
