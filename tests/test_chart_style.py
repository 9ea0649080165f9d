"""The house rules that keep every chart legible on a phone (briefing.style), and the PNG they are
published as: a chart that breaks a rule is refused; the published image keeps its flat colours."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image

from briefing import style
from briefing.figures import finish, new_figure
from briefing.text import chart_problems, flat_colours, png


def _chart(at: float = 0.5, **text_options):
    fig, ax = new_figure()
    ax.plot([0, 1], [0, 1], color=style.ACCENT)
    ax.text(at, 0.5, "a label", **text_options)
    return finish(fig, ax, "A title", "A subtitle", ["S1"], "events")


def test_a_house_chart_has_no_problem():
    assert chart_problems(_chart()) == []


def test_small_text_is_refused():
    problems = chart_problems(_chart(fontsize=style.MIN_FONT_PT - 1))
    assert any("'a label'" in p and "pt text" in p for p in problems)
    with pytest.raises(ValueError, match="not legible at phone width"):
        png(_chart(fontsize=9))


def test_text_outside_the_figure_is_refused():
    assert any("outside the figure" in p for p in chart_problems(_chart(at=1.5, clip_on=False)))


def test_overlapping_texts_are_refused():
    fig = _chart()
    fig.axes[0].text(0.5, 0.5, "a label")
    assert any(p.startswith("texts overlap") for p in chart_problems(fig))


def test_every_chart_has_the_house_width():
    fig, ax = new_figure(width=style.CHART_WIDTH + 1)
    finish(fig, ax, "A title", "A subtitle", ["S1"], "events")
    assert any(p.startswith("width") for p in chart_problems(fig))


def test_house_type_is_legible_at_phone_width():
    """On a 390 px phone the chart spans PHONE_CHART_PX CSS px: the smallest type is >= 11 px."""
    assert style.MIN_FONT_PT * style.PHONE_CHART_PX / (style.CHART_WIDTH * 72) >= 11
    assert style.DPI * style.CHART_WIDTH >= 2 * style.PHONE_CHART_PX  # a 2x image on that phone


def test_published_png_keeps_flat_colours_and_is_the_same_every_time():
    first, second = png(_chart()).data, png(_chart()).data
    assert first == second
    image = Image.open(BytesIO(first))
    assert image.mode == "P" and image.width == round(style.CHART_WIDTH * style.DPI)
    colours = {colour for _, colour in image.convert("RGB").getcolors(1 << 16)}
    accent = tuple(int(style.ACCENT[i : i + 2], 16) for i in (1, 3, 5))
    assert {accent, (255, 255, 255)} <= colours


def test_flat_colours_keep_a_small_dot_exact():
    picture = Image.new("RGB", (200, 200), "white")
    for x in range(60):  # 60 light-grey pixels and 25 green ones among 40,000 white
        picture.putpixel((x, 10), (244, 244, 244))
    for x in range(25):
        picture.putpixel((x, 50), (0, 158, 115))
    kept = {colour for _, colour in flat_colours(picture).convert("RGB").getcolors()}
    assert kept == {(255, 255, 255), (244, 244, 244), (0, 158, 115)}
