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
* The list of sources is printed by the book's own pybtex styles (``briefing.publish.site.bibstyle``): in id
  order, each entry labelled with its id and opening with its grade.
* Tables reflow to cards on phones, the list of sources gets filters, links to glossary terms
  carry their definitions and charts open enlarged (``briefing.publish.site.pagehtml``).
* Weight: a page loads only the assets it uses. Thebe (live code) is off in this book; sphinx-design,
  the copy button (with its syntax colours) and the toggle button are dropped from pages that have no
  element of theirs. The theme's style sheets and icon font are replaced by slimmed copies made from
  the built pages (``briefing.publish.site.site_assets``; the layout template links them), and its 1.5 MB icon
  script is not loaded at all.
* Sphinx never deletes an output file, so a chart a notebook once drew stayed in the site after it
  was redrawn; images no page shows are removed at the end of the build.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript

from ..print.pdf import browser_path

OWN_SCRIPT_PREFIX = "briefing-"

# Page assets that only matter when the page holds what they serve: file name -> marker in the body.
# A marker of None means "never" (launching live code with Thebe is off in this book).
_ASSET_NEEDS = {
    "sphinx-thebe.js": None,
    "sphinx-thebe.css": None,
    "sphinx-design.min.css": 'class="sd-',
    "design-tabs.js": "sd-tab",
    "clipboard.min.js": 'class="highlight',
    "copybutton.js": 'class="highlight',
    "copybutton.css": 'class="highlight',
    "pygments.css": 'class="highlight',
    "togglebutton.js": "toggle-details",
    "togglebutton.css": "toggle-details",
    "briefing-explorer.js": "data-explorer",
    "briefing-glossary.js": "data-definition",
    "briefing-figures.js": "chart-enlarge",
}
# Inline scripts that configure one of those assets: a word in the script -> the asset's file name.
_INLINE_FOR = {"THEBE": "sphinx-thebe.js", "toggle": "togglebutton.js"}

# Slimmed copies of the theme's style sheets, written at the end of the build (_write_light_assets):
# the link in the page (a pattern) -> (the theme's file, the slimmed copy's file).
LIGHT_CSS = {
    re.compile(r"_static/styles/theme\.css\?digest=[0-9a-f]+"): (
        "_static/basic.css",  # theme.css only imports it: one round trip saved
        "_static/briefing-basic.css",  # beside basic.css: its url()s stay valid
    ),
    re.compile(r"_static/styles/pydata-sphinx-theme\.css\?digest=[0-9a-f]+"): (
        "_static/styles/pydata-sphinx-theme.css",
        "_static/styles/briefing-theme.css",
    ),
    re.compile(r"_static/styles/sphinx-book-theme\.css(\?v=[0-9a-f]+)?"): (
        "_static/styles/sphinx-book-theme.css",
        "_static/styles/briefing-book-theme.css",
    ),
    re.compile(r"_static/mystnb\.[0-9a-f]+\.css(\?v=[0-9a-f]+)?"): (
        "_static/mystnb.*.css",
        "_static/styles/briefing-mystnb.css",
    ),
}
LIGHT_THEME_CSS = "_static/styles/briefing-theme.css"
ICON_FONT = "_static/vendor/fontawesome/webfonts/fa-solid-900.ttf"  # woff2 would need brotli
LIGHT_ICON_FONT = "_static/vendor/fontawesome/webfonts/briefing-icons.woff"
_ICON_SCRIPT = re.compile(r'\s*<script defer src="[^"]*scripts/fontawesome\.js[^"]*"></script>')
# The theme preloads its two scripts, which then compete with the style sheets for the first bytes;
# they run only after the page is parsed, so they need no head start.
_SCRIPT_PRELOAD = re.compile(r'\s*<link rel="preload" as="script" href="[^"]*" />')
# Scripts that may wait for the page to be parsed: all but the one holding the settings that inline
# scripts read at once (DOCUMENTATION_OPTIONS).
_BLOCKING_SCRIPT = re.compile(r'<script src="(?![^"]*documentation_options\.js)')
_SOLID_FONT_SOURCE = re.compile(r"src:[^;}]*fa-solid-900[^;}]*")


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


def _source_entries(app: Sphinx) -> dict[str, dict[str, str]]:
    """For each entry of the list of sources (by its element id): its source's kind, grade, year,
    date and publisher, read from the source registry."""
    from ...loaders import load_sources

    by_id = load_sources().set_index("source_id")
    entries = {}
    for citation in app.env.get_domain("cite").citations:
        if citation.key not in by_id.index:
            continue
        row = by_id.loc[citation.key]
        published = row["date_published"] if isinstance(row["date_published"], str) else ""
        who = next((w for w in (row["publisher"], row["author"]) if isinstance(w, str)), "")
        entries[citation.citation_id] = {
            "kind": str(row["kind"]),
            "grade": str(row["grade"]),
            "year": published[:4] or "n.d.",
            "date": published,
            "publisher": who,
        }
    return entries


def _glossary(app: Sphinx) -> dict[tuple[str, str], str]:
    """Each glossary entry's definition as plain text, by (document, term anchor); read once a build."""
    cached = getattr(app, "_briefing_glossary", None)
    if cached is not None:
        return cached
    from .pagehtml import definition_text

    terms = app.env.get_domain("std").objects
    documents = sorted({docname for (kind, _), (docname, _) in terms.items() if kind == "term"})
    found = {}
    for docname in documents:
        for term in app.env.get_doctree(docname).findall(nodes.term):
            definition = next((c for c in term.parent.children if isinstance(c, nodes.definition)), None)
            for anchor in term["ids"]:
                if definition is not None and anchor.startswith("term-"):
                    found[(docname, anchor)] = definition_text(definition)
    app._briefing_glossary = found
    return found


def _depend_on_glossary(app: Sphinx, doctree) -> None:
    """A page that links to a glossary term shows the term's definition, so it must be rewritten when
    the glossary changes (Sphinx alone would keep the old definition in it)."""
    from sphinx.addnodes import pending_xref

    if not any(ref.get("reftype") == "term" for ref in doctree.findall(pending_xref)):
        return
    terms = app.env.get_domain("std").objects
    for docname in sorted({docname for (kind, _), (docname, _) in terms.items() if kind == "term"}):
        if docname != app.env.docname:
            app.env.note_dependency(str(app.env.doc2path(docname)))


def _enhance_body(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Cards for tables on phones, filters for the list of sources, definitions on glossary links
    (see briefing.publish.site.pagehtml)."""
    from ..pages.bib import KIND_LABEL, grade_labels
    from .pagehtml import define_terms, explore_sources, label_table_cells, link_charts

    body = context.get("body")
    if not body:
        return
    if "<table" in body:
        body = label_table_cells(body)
    if 'class="citation-list"' in body:
        body = explore_sources(body, _source_entries(app), KIND_LABEL, grade_labels())
    if "#term-" in body:
        definitions = {}
        for (docname, anchor), text in _glossary(app).items():
            target = "" if docname == pagename else app.builder.get_relative_uri(pagename, docname)
            definitions[f"{target}#{anchor}"] = text
        body = define_terms(body, definitions)
    if "<figure" in body:
        body = link_charts(body, lazy=pagename != app.config.root_doc)
    context["body"] = body


def _needed(filename: str, body: str) -> bool:
    marker = _ASSET_NEEDS.get(Path(filename).name, "")
    return marker is not None and marker in body


def _prune_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Drop the assets this page has no use for (see _ASSET_NEEDS)."""
    body = context.get("body") or ""
    scripts = context.get("script_files")
    if scripts is not None:
        kept = []
        for script in scripts:
            filename = str(getattr(script, "filename", "") or "")
            if filename:
                if _needed(filename, body):
                    kept.append(script)
                continue
            inline = getattr(script, "attributes", {}).get("body", "")
            serves = next((name for word, name in _INLINE_FOR.items() if word in inline), None)
            if serves is None or _needed(serves, body):
                kept.append(script)
        scripts[:] = kept
    styles = context.get("css_files")
    if styles is not None:
        styles[:] = [s for s in styles if _needed(str(getattr(s, "filename", "") or ""), body)]


def light_assets(markup: str, pathto) -> Markup:
    """The theme's <head> assets, pointed at the slimmed copies, without the icon script and the
    script preloads (a Jinja filter: ``{{ super() | briefing_light_assets(pathto) }}``)."""
    text = _SCRIPT_PRELOAD.sub("", _ICON_SCRIPT.sub("", str(markup)))
    for link, (_, light) in LIGHT_CSS.items():
        text = link.sub(light, text)
    return Markup(text)


def deferred_scripts(markup: str) -> Markup:
    """Script tags that wait for the page to be parsed (``defer``), so they never hold up its
    first paint; their order is kept (a Jinja filter for the layout's and the search page's scripts)."""
    return Markup(_BLOCKING_SCRIPT.sub('<script defer src="', str(markup)))


def _register_filters(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        templates.environment.filters["briefing_light_assets"] = light_assets
        templates.environment.filters["briefing_deferred_scripts"] = deferred_scripts


def _write_light_assets(app: Sphinx, exception: Exception | None) -> None:
    """Slim the theme's style sheets and icon font to what the built pages can use."""
    if exception is not None or app.builder.format != "html":
        return
    from .site_assets import icon_code_points, names_in, slim_css, subset_icon_font

    out = Path(app.outdir)
    static = out / "_static"
    pages = sorted(p for p in out.rglob("*.html") if "_static" not in p.relative_to(out).parts)
    scripts = sorted(p for p in static.rglob("*.js") if p.name != "fontawesome.js")
    names = names_in(p.read_text(encoding="utf-8", errors="replace") for p in [*pages, *scripts])
    for source, light in LIGHT_CSS.values():
        found = sorted(out.glob(source))
        if not found:
            continue
        css = slim_css(found[0].read_text(encoding="utf-8"), names)
        if light == LIGHT_THEME_CSS:
            light_font = f'url(../vendor/fontawesome/webfonts/{Path(LIGHT_ICON_FONT).name}) format("woff")'
            css = _SOLID_FONT_SOURCE.sub(f"src:{light_font}", css)
            subset_icon_font(out / ICON_FONT, out / LIGHT_ICON_FONT, icon_code_points(css))
        _write_if_changed(out / light, css)


def _drop_stale_images(app: Sphinx, exception: Exception | None) -> None:
    """Remove images no page shows any more. Sphinx never deletes an output file, so every chart a
    notebook once drew would stay in the site (and in what a test counts) after it was redrawn."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    images = out / "_images"
    if not images.is_dir():
        return
    pages = (p for p in out.rglob("*.html") if "_static" not in p.relative_to(out).parts)
    shown = {m for page in pages for m in re.findall(r"_images/([^\"'?#)\s]+)", page.read_text("utf-8"))}
    for image in images.iterdir():
        if image.is_file() and image.name not in shown:
            image.unlink()


def _write_if_changed(path: Path, text: str) -> None:
    from ...paths import write_if_changed

    write_if_changed(path, text)


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
    """A hash of what every page depends on beyond its own source: static files, templates, the toc
    and the code that rewrites every page (this extension and the modules it calls)."""
    digest = hashlib.sha256()
    toc = Path(app.confdir, getattr(app.config, "external_toc_path", None) or "_toc.yml")
    files = [(toc.name, toc)]
    for folder in app.config.html_static_path:  # the book's own _static and the extensions' folders
        root = Path(app.confdir, folder)
        files += [(str(p.relative_to(root)), p) for p in sorted(root.rglob("*")) if p.is_file()]
    here = Path(__file__).parent
    files += [
        (p.name, p)
        for p in (Path(__file__), here / "pagehtml.py", here / "site_assets.py", here / "bibstyle.py")
    ]
    templates = Path(app.confdir, "_templates")
    files += [(str(p.relative_to(templates)), p) for p in sorted(templates.rglob("*")) if p.is_file()]
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
            f'{{eval}} in the book supports only glued("name"[, "format"]), not {text!r}',
            line=lineno,
        )
        return [nodes.problematic(rawtext, rawtext)], [message]
    key, fmt = call
    return PasteTextRole()("glue:text", rawtext, f"{key}:{fmt}", lineno, inliner, options or {}, content)


def setup(app: Sphinx) -> dict[str, Any]:
    from .bibstyle import register

    register()  # the Sources page's pybtex styles (labels, order, entries): briefing.publish.site.bibstyle
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
    app.connect("builder-inited", _register_filters)
    app.connect("doctree-read", _depend_on_glossary)
    app.connect("build-finished", _write_light_assets)
    app.connect("build-finished", _drop_stale_images)
    app.connect("html-page-context", _enhance_body, priority=950)  # after the ARIA fixes
    app.connect("html-page-context", _prune_assets, priority=960)  # sees the enhanced body
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
