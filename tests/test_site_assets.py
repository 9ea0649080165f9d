"""The slimmed theme assets: rules that cannot match are dropped, everything else is kept as is."""

from __future__ import annotations

from briefing.publish.site.site_assets import icon_code_points, names_in, slim_css


def test_names_come_from_pages_and_scripts():
    names = names_in(['<div class="bd-main note">', 'el.classList.add("show")'])
    assert {"bd-main", "note", "show", "div"} <= names


def test_a_rule_naming_a_class_no_page_has_is_dropped():
    css = ".used{color:red}.unused{color:blue}.used .unused{margin:0}#here{padding:0}#gone{padding:1px}"
    assert slim_css(css, {"used", "here"}) == ".used{color:red}#here{padding:0}"


def test_only_the_selectors_that_can_match_are_kept_in_a_list():
    assert slim_css(".a,.b > .c,p{x:y}", {"a"}) == ".a,p{x:y}"


def test_functional_pseudo_classes_and_attributes_do_not_drop_a_rule():
    css = "html[data-theme=dark] .a:not(.absent){x:y}.a:is(.absent,.b){z:w}"
    assert slim_css(css, {"a"}) == css


def test_media_blocks_keep_their_live_rules_and_vanish_when_empty():
    css = "@media (min-width:960px){.a{x:y}.gone{x:z}}@media print{.gone{x:y}}"
    assert slim_css(css, {"a"}) == "@media (min-width:960px){.a{x:y}}"


def test_font_faces_and_charset_are_kept():
    css = '@charset "UTF-8";@font-face{font-family:X;src:url(x.woff)}'
    assert slim_css(css, set()) == css


def test_icon_code_points_read_escapes_and_characters():
    css = '.fa-bars:before{content:"\\f0c9"}.x:before{content:"\uf002"}'
    assert icon_code_points(css) == [0xF002, 0xF0C9]
