"""Charts for the page comparing the 2025–26 US critical-minerals and trade deals (notebooks/deals_compared),
drawn from the frames :mod:`briefing.analysis.deals` computes (the clause matrix and its three
states — present, absent, not known — are defined and tested there). Marker shapes and colours are
the house style's; labels come from the descriptor.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .. import style
from ..analysis import deals as analysis
from . import finish, new_figure

FORM_MARKERS = {
    "mou": "o",
    "framework": "s",
    "trade_agreement": "D",
    "treaty": "h",
    "fund_agreement": "^",
    "company_deal": "p",
    "strategic_partnership": "*",
}
MALAYSIA_BAND = "#FBE6D9"  # a light tint of the accent colour behind Malaysia's rows


def matrix_chart(agreements: pd.DataFrame, provisions: pd.DataFrame) -> Figure:
    """Deals (rows, date order) by clauses (columns): filled dot present, crossed ring absent (a
    source says so), small grey dot not known; a first column gives binding force. Malaysia's rows
    sit on a tinted band."""
    table = analysis.deals(agreements)
    states = analysis.matrix(agreements, provisions)
    clauses = list(states.columns)
    clause_labels = analysis.clause_labels()
    columns = ["binding", *clauses]
    fig, ax = new_figure(height=4.6 + 0.4 * len(table))
    for y, deal in enumerate(table.itertuples()):
        malaysian = str(deal.partner) == analysis.MALAYSIA
        if malaysian:
            ax.axhspan(y - 0.5, y + 0.5, color=MALAYSIA_BAND, zorder=0)
        ink = style.ACCENT if malaysian else style.INK
        binding = str(deal.binding)
        if binding == "binding":
            ax.scatter(0, y, marker="s", s=70, color=ink, zorder=3)
        elif binding == "non_binding":
            ax.scatter(0, y, marker="s", s=70, facecolor="white", edgecolor=ink, linewidth=1.4, zorder=3)
        else:
            ax.text(0, y, "?", ha="center", va="center", fontsize=12, color=style.MUTED, fontweight="bold")
        for x, provision in enumerate(clauses, start=1):
            state = states.loc[deal.label, provision]
            if state == "present":
                ax.scatter(x, y, s=95, color=ink, zorder=3)
            elif state == "absent":
                ax.scatter(x, y, s=95, facecolor="white", edgecolor=ink, linewidth=1.2, zorder=3)
                ax.scatter(x, y, s=38, marker="x", color=ink, linewidth=1.2, zorder=4)
            else:
                ax.scatter(x, y, s=9, color="#BDBDBD", zorder=2)
    ax.axvline(0.5, color="#CFCFCF", linewidth=1)
    labels = ["Binding?", *(clause_labels[p] for p in clauses)]
    ax.set_xticks(range(len(columns)), labels, rotation=90)
    ax.xaxis.tick_top()
    ax.tick_params(axis="both", length=0)
    ax.set_yticks(range(len(table)), list(table["short"]))
    for tick, partner in zip(ax.get_yticklabels(), table["partner"].astype(str), strict=True):
        tick.set_color(style.ACCENT if partner == analysis.MALAYSIA else style.INK)
        if partner == analysis.MALAYSIA:
            tick.set_fontweight("bold")
    ax.set_xlim(-0.6, len(columns) - 0.4)
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.grid(True, color="#EBEBEB")
    ax.spines[["left", "bottom", "top", "right"]].set_visible(False)
    handles = [
        Line2D([], [], marker="o", ls="", ms=9, color=style.INK, label="present"),
        Line2D([], [], marker="$\u2297$", ls="", ms=10, color=style.INK, label="absent (sourced)"),
        Line2D([], [], marker="o", ls="", ms=3.5, color="#BDBDBD", label="not known"),
        Line2D([], [], marker="s", ls="", ms=8, color=style.INK, label="binding"),
        Line2D([], [], marker="s", ls="", ms=8, mfc="white", mec=style.INK, label="non-binding"),
        Line2D([], [], marker="$?$", ls="", ms=8, color=style.MUTED, label="unclear"),
        Patch(facecolor=MALAYSIA_BAND, edgecolor="none", label="Malaysia"),
    ]
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.42, 0),
        ncols=2,  # three keys a row are wider than a phone-sized chart
        columnspacing=1.0,
        handletextpad=0.3,
        borderaxespad=0.4,
    )
    used = provisions["source_id"].astype(str)
    return finish(
        fig,
        ax,
        analysis.matrix_title(agreements, provisions),
        "Clauses reported in each deal, in date order; Malaysia's MoU and trade agreement (ART) shaded",
        [*agreements["source_id"].astype(str), *used],
        "agreement_provisions",
    )


# ---------------------------------------------------------------------------------------------
# The timeline chart


def _short_date(date: pd.Timestamp, precision: str) -> str:
    return f"{date:%b %Y}" if precision == "month" else f"{date.day} {date:%b}"


def timeline_chart(agreements: pd.DataFrame) -> Figure:
    """One row per deal in date order: marker shape = legal form, fill = binding force (filled
    binding, hollow non-binding, grey unclear); a deal dated only to the month is drawn as a bar
    across that month."""
    table = analysis.deals(agreements)
    form_labels = analysis.form_labels()
    fig, ax = new_figure(height=3.4 + 0.4 * len(table))
    start = table["date"].min().to_period("M").to_timestamp()
    end = (table["date"].max().to_period("M") + 1).to_timestamp()
    notes = []
    for y, deal in enumerate(table.itertuples()):
        colour = style.ACCENT if str(deal.partner) == analysis.MALAYSIA else style.INK
        marker = FORM_MARKERS.get(str(deal.legal_form), "X")
        binding = str(deal.binding)
        face = colour if binding == "binding" else ("white" if binding == "non_binding" else "#D5D5D5")
        date = first = last = deal.date
        if str(deal.date_precision) == "month":
            last = (date.to_period("M") + 1).to_timestamp()
            ax.plot([first, last], [y, y], color=colour, linewidth=5, alpha=0.35, solid_capstyle="butt")
            date = first + (last - first) / 2
        ax.scatter(
            [date], [y], marker=marker, s=110, facecolor=face, edgecolor=colour, linewidth=1.6, zorder=3
        )
        # A label goes where its row has room, the earlier side after the middle: at 11 pt on a
        # phone-sized chart, a label right of a late marker would run off the chart.
        late = date > start + (end - start) / 2
        note = ax.annotate(  # beside the marker, or beside a month's bar
            f"{deal.label} · {_short_date(deal.date, str(deal.date_precision))}",
            (first if late else last, y),
            xytext=(-9 if late else 9, 0),
            textcoords="offset points",
            ha="right" if late else "left",
            va="center",
            color=style.ACCENT if str(deal.partner) == analysis.MALAYSIA else style.INK,
            fontweight="bold" if str(deal.partner) == analysis.MALAYSIA else "normal",
        )
        note.set_in_layout(False)  # the axes keep the chart's width; _fit_notes keeps the labels in it
        notes.append(note)
    months = pd.date_range(start, end, freq="MS")
    ticks = months[::2]
    ax.set_xticks(
        ticks,
        [
            f"{m:%b}\n{m:%Y}" if i == 0 or m.year != ticks[i - 1].year else f"{m:%b}"
            for i, m in enumerate(ticks)
        ],
    )
    ax.set_xlim(start - pd.Timedelta(days=10), end + pd.Timedelta(days=10))
    ax.set_ylim(len(table) - 0.4, -0.6)
    ax.set_yticks([])
    ax.spines[["left"]].set_visible(False)
    ax.grid(axis="y", visible=False)
    present = [f for f in form_labels if f in set(table["legal_form"].astype(str))]
    handles = [
        Line2D([], [], marker=FORM_MARKERS[f], ls="", ms=8, mfc="white", mec=style.INK, label=form_labels[f])
        for f in present
    ]
    if table["legal_form"].isna().any():
        handles.append(
            Line2D([], [], marker="X", ls="", ms=8, mfc="white", mec=style.INK, label=analysis.UNKNOWN_FORM)
        )
    handles += [
        Line2D([], [], marker="o", ls="", ms=8, color=style.INK, label="binding"),
        Line2D([], [], marker="o", ls="", ms=8, mfc="white", mec=style.INK, label="non-binding"),
        Line2D([], [], marker="o", ls="", ms=8, mfc="#D5D5D5", mec=style.INK, label="unclear"),
        Line2D([], [], marker="o", ls="", ms=8, color=style.ACCENT, label="Malaysia's deals"),
    ]
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08),
        ncols=2,  # three keys a row are wider than a phone-sized chart
        columnspacing=0.8,
    )
    finish(
        fig,
        ax,
        analysis.timeline_title(agreements),
        "Date signed or announced; shape = legal form, fill = binding force, Malaysia's deals in "
        "orange (a bar spans a month where only the month is known)",
        agreements["source_id"].astype(str),
        "agreements",
    )
    return _fit_notes(fig, notes)


def _fit_notes(fig: Figure, notes: list) -> Figure:
    """Put the date of a label that would run off the figure on a line of its own: at 11 pt a
    long name left of a deal in the autumn is wider than the room a phone-sized chart leaves it.
    Measured on the laid-out figure, so only the labels that need it break."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    bounds = fig.bbox
    for note in notes:
        box = note.get_window_extent(canvas.get_renderer())
        if box.x0 < bounds.x0 or box.x1 > bounds.x1:
            note.set_text(note.get_text().replace(" · ", "\n"))
    return fig
