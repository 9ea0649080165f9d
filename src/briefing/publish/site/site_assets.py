"""Lighter theme assets for the web edition, made from the built pages at the end of each build.

The theme's style sheet (pydata-sphinx-theme 0.17) bundles all of Bootstrap and the class rules of
every Font Awesome icon: about 390 KB that every page must load before it can paint. Most of it
styles classes no page of this book contains. ``slim_css`` keeps a rule only when every class and
id its selector names occurs somewhere in the built pages or in the scripts that run on them (the
scripts add state classes such as ``show``); the rest cannot match anything, so dropping it changes
nothing a reader sees.

The theme draws its icons (☰, search, the colour-mode switch, admonition marks) with the Font
Awesome icon font, 150 KB for some two thousand glyphs. ``subset_icon_font`` keeps the glyphs the
slimmed style sheet can still show.

Both outputs are deterministic: the same pages give byte-identical files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2

_NAME = re.compile(r"[A-Za-z_][\w-]*")
# Icon code points sit in Unicode's private use area: escapes ("\f0c9") in the theme's CSS, plain
# characters once the CSS has been parsed and written again.
_ICON_ESCAPE = re.compile(r"\\([ef][0-9a-f]{3})\b", re.IGNORECASE)
_ICON_CHARACTER = re.compile("[\ue000-\uf8ff]")


def names_in(texts: Iterable[str]) -> set[str]:
    """Every word that could be a class or id in ``texts`` (HTML pages and scripts)."""
    found: set[str] = set()
    for text in texts:
        found.update(_NAME.findall(text))
    return found


def _split_selectors(prelude: list) -> list[list]:
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    selectors.append(current)
    return selectors


def _selector_can_match(tokens: list, names: set[str]) -> bool:
    """False when the selector names a class or id that no page has. Arguments of functional
    pseudo-classes (``:not(.x)``, ``:is(.a, .b)``) are not checked: they may match without them."""
    previous = None
    for token in tokens:
        after_dot = previous is not None and previous.type == "literal" and previous.value == "."
        if token.type == "ident" and after_dot and token.value not in names:
            return False
        if token.type == "hash" and token.is_identifier and token.value not in names:
            return False
        previous = token
    return True


def _strip(tokens: list) -> list:
    while tokens and tokens[0].type == "whitespace":
        tokens = tokens[1:]
    while tokens and tokens[-1].type == "whitespace":
        tokens = tokens[:-1]
    return tokens


def _slim_rules(rules: list, names: set[str]) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [_strip(s) for s in _split_selectors(rule.prelude) if _selector_can_match(s, names)]
            if kept:
                prelude = ",".join(tinycss2.serialize(s) for s in kept)
                out.append(f"{prelude}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule":
            nested = rule.lower_at_keyword in ("media", "supports", "layer", "container")
            if nested and rule.content is not None:
                inner = _slim_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True), names)
                if inner:
                    out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
            else:
                out.append(rule.serialize())
    return "".join(out)


def slim_css(css: str, names: set[str]) -> str:
    """``css`` without the rules whose selectors name a class or id missing from ``names``."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return _slim_rules(rules, names)


def icon_code_points(css: str) -> list[int]:
    """The icon-font code points a style sheet can still show, in order."""
    escaped = {int(code, 16) for code in _ICON_ESCAPE.findall(css)}
    return sorted(escaped | {ord(character) for character in _ICON_CHARACTER.findall(css)})


def subset_icon_font(source: Path, target: Path, code_points: list[int]) -> None:
    """Write ``source`` cut down to ``code_points`` as WOFF (zlib: no extra compressor needed)."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.recalc_timestamp = False  # the same glyphs give the same bytes
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=code_points)
    subsetter.subset(font)
    subset.save_font(font, str(target), options)
