"""Sphinx extension: keeps every built page self-contained and free of console errors.

* Sphinx 7.4 adds some inline scripts twice (once with filename ``None``, once with ``''``); the
  duplicate ``THEBE_JS_URL`` declaration is a JavaScript error on every page. De-duplicate them.
* Drop any script or stylesheet that would load from another site: the book must work offline.
* Links to the PDF editions (a file ending ``.pdf`` at the site root) are removed, with the paragraph
  or list item that holds them, when no browser is there to print them: no broken link.
* Bibliography lists: docutils marks them ``role="list"`` with ``doc-biblioentry`` children, which
  axe reports as a critical ARIA error (a list whose children are not list items) plus a deprecated
  role on every entry. Plain containers are correct: each entry is already a labelled block.
* Cross-page glue (``{glue:text}`timeline.ipynb::day_E030:s```) is resolved when the citing page is
  written, and Sphinx rewrites only pages whose own source changed: a page citing another page's
  numbers is re-read whenever that page is, so it never shows the old value.
* ``{eval}`glued("name", ".1f")``` — the inline expression jupyterlab-myst evaluates in the kernel
  when a chapter is re-run in JupyterLab — is resolved in the book from the stored glue, exactly as
  ``{glue:text}`name:.1f``` would be (myst-nb's own ``eval`` role needs inline execution, which the
  book does not use). Any other expression is a build warning.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .pdf import browser_path


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


def _links_a_pdf_edition(node: nodes.Node) -> bool:
    if isinstance(node, nodes.reference):
        return str(node.get("refuri", "")).endswith(".pdf")
    return isinstance(node, nodes.raw) and '.pdf"' in node.astext() and "href=" in node.astext()


def _drop_pdf_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.config.briefing_pdf_printable:
        return
    for link in list(doctree.findall(_links_a_pdf_edition)):
        holder = link
        while holder.parent is not None and not isinstance(holder, nodes.list_item | nodes.paragraph):
            holder = holder.parent
        if holder.parent is not None:
            holder.parent.remove(holder)


# {glue}`page::name`, {glue:text}`../notebooks/page.ipynb::name:s`, … : the page a glue role cites
_CROSS_PAGE_GLUE = re.compile(r"\{glue(?::\w+)?\}`([^`:]+)::")


def cited_pages(text: str, docname: str) -> set[str]:
    """Docnames of the pages whose glue ``text`` (the source of ``docname``) cites."""
    folder = Path(docname).parent
    cited = set()
    for path in _CROSS_PAGE_GLUE.findall(text):
        parts: list[str] = []
        for part in (folder / Path(path).with_suffix("")).parts:
            if part == "..":
                if parts:
                    parts.pop()
            elif part != ".":
                parts.append(part)
        cited.add("/".join(parts))
    return cited


def _pages_citing_changed_pages(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    renewed = set(added) | set(changed)
    if not renewed:
        return []
    stale = []
    for docname in env.found_docs - renewed:
        try:
            text = Path(env.doc2path(docname)).read_text(encoding="utf-8")
        except OSError:
            continue
        if cited_pages(text, docname) & renewed:
            stale.append(docname)
    return sorted(stale)


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
    app.connect("env-get-outdated", _pages_citing_changed_pages)
    app.connect("html-page-context", _dedupe_assets, priority=900)
    app.connect("html-page-context", _fix_aria, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
