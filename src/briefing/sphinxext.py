"""Sphinx extension: keeps every built page self-contained and free of console errors.

* Sphinx 7.4 adds some inline scripts twice (once with filename ``None``, once with ``''``); the
  duplicate ``THEBE_JS_URL`` declaration is a JavaScript error on every page. De-duplicate them.
* Drop any script or stylesheet that would load from another site: the book must work offline.
* Bibliography lists: docutils marks them ``role="list"`` with ``doc-biblioentry`` children, which
  axe reports as a critical ARIA error (a list whose children are not list items) plus a deprecated
  role on every entry. Plain containers are correct: each entry is already a labelled block.
* The book's own scripts (``_static/briefing-*.js``) load with ``defer``: they enhance a page that is
  already readable, so they must not hold up its first paint.
* Tables reflow to cards on phones, the list of sources gets filters, links to glossary terms
  carry their definitions and charts open enlarged (``briefing.pagehtml``).
* Weight: a page loads only the assets it uses. Thebe (live code) is off in this book; sphinx-design,
  the copy button (with its syntax colours) and the toggle button are dropped from pages that have no
  element of theirs. The theme's style sheet and icon font are replaced by slimmed copies made from
  the built pages (``briefing.site_assets``; the layout template links them), and its 1.5 MB icon
  script is not loaded at all.
* Every page is rewritten when a file shared by all pages changes (the book's CSS, scripts and
  templates, or this extension): Sphinx alone would rewrite only the pages whose source changed, so
  the others would keep stale asset checksums and an incremental build would differ from a clean one.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript

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
    """For each entry of the list of sources (by its element id): its source's kind, year, date and
    publisher, read from the source registry."""
    from .loaders import load_sources

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
    from docutils import nodes

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
    (see briefing.pagehtml)."""
    from .bib import KIND_LABEL
    from .pagehtml import define_terms, explore_sources, label_table_cells, link_charts

    body = context.get("body")
    if not body:
        return
    if "<table" in body:
        body = label_table_cells(body)
    if 'class="citation-list"' in body:
        body = explore_sources(body, _source_entries(app), KIND_LABEL)
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
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


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
    app.connect("builder-inited", _register_filters)
    app.connect("doctree-read", _depend_on_glossary)
    app.connect("build-finished", _write_light_assets)
    app.connect("build-finished", _drop_stale_images)
    app.connect("html-page-context", _enhance_body, priority=950)  # after the ARIA fixes
    app.connect("html-page-context", _dedupe_assets, priority=900)
    app.connect("html-page-context", _prune_assets, priority=960)  # sees the enhanced body
    app.connect("html-page-context", _fix_aria, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
