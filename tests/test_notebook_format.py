"""The stored notebook form (runner and Lab's save agree) and the notebook tools, on copies."""

from __future__ import annotations

import json

import nbformat
from helpers import ROOT

from briefing.publish.run import notebook_format, notebook_tools
from briefing.publish.site.sphinxext import glued_call
from briefing.text import Pasted


def _lab_like(nb: dict) -> dict:
    """What JupyterLab hands the server after Run All: widget views, timing, session metadata."""
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    for count, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = 40 + count
        cell["metadata"]["execution"] = {"iopub.status.busy": "2026-12-01T05:00:00Z"}
        cell["metadata"]["scrolled"] = True
        for output in cell.get("outputs", []):
            if notebook_format.WIDGET_TEXT in "".join(output.get("data", {}).get("text/plain", "")):
                output["data"] = {
                    notebook_format.WIDGET_VIEW: {"model_id": "1cb4", "version_major": 2},
                    "text/plain": "VBox(children=(…))",
                }
            if output["output_type"] == "execute_result":
                output["execution_count"] = cell["execution_count"]
    return nb


def test_a_lab_save_of_a_committed_notebook_writes_the_committed_bytes():
    path = ROOT / "notebooks" / "timeline.ipynb"
    committed = path.read_text(encoding="utf-8")
    model = {"type": "notebook", "content": _lab_like(json.loads(committed))}
    notebook_format.pre_save_hook(model, path="timeline.ipynb", contents_manager=None)
    nb = nbformat.from_dict(model["content"])
    assert nbformat.writes(nb) + "\n" == committed


def test_the_hook_leaves_other_files_alone():
    model = {"type": "file", "content": "x"}
    notebook_format.pre_save_hook(model)
    assert model == {"type": "file", "content": "x"}


def test_eval_expressions_the_book_resolves():
    assert glued_call('glued("n_events")') == ("n_events", "s")
    assert glued_call("glued('share', '.1f')") == ("share", ".1f")
    assert glued_call("__import__('os')") is None
    assert repr(Pasted("1 December 2026")) == "1 December 2026"  # no quotes in Lab


def test_lab_prose_and_rerun_box_on_a_copy_are_idempotent(tmp_path):
    """On a chapter in the book's form (glue roles, no re-running box) each script changes it once."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    copy = tmp_path / "chapter.ipynb"
    source = new_notebook(
        cells=[
            new_markdown_cell("# A chapter\n\n*Edition of {glue:text}`edition_date`.*"),
            new_code_cell(
                "from briefing.chapter import Data, publish_numbers\nnumbers = publish_numbers(page, Data())"
            ),
            new_markdown_cell("There were {glue:text}`n_events` events and {glue:text}`share:.1f`%."),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    nbformat.write(source, copy)
    assert notebook_tools.lab_prose(copy) is True
    assert notebook_tools.rerun_box(copy) is True
    once = copy.read_text(encoding="utf-8")
    assert notebook_tools.lab_prose(copy) is False and notebook_tools.rerun_box(copy) is False
    assert copy.read_text(encoding="utf-8") == once
    nb = nbformat.reads(once, as_version=4)
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "{glue:text}`n_events`" not in prose and '{eval}`glued("n_events")`' in prose
    assert '{eval}`glued("share", ".1f")`' in prose
    box = nb.cells[1]
    assert "Re-running this chapter" in box.source and "remove-cell" in box.metadata["tags"]
    assert any("import glued" in c.source for c in nb.cells if c.cell_type == "code")
    assert len(nb.cells) == len(source.cells) + 1


def test_every_chapter_has_its_re_running_box_and_timeline_reads_in_lab():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        boxes = [c for c in nb.cells if "Re-running this chapter" in c.source]
        assert len(boxes) == 1 and "remove-cell" in boxes[0].metadata.get("tags", []), path.name
    timeline = nbformat.read(ROOT / "notebooks" / "timeline.ipynb", as_version=4)
    assert not any("{glue:text}`n_events`" in c.source for c in timeline.cells)


def test_cross_page_glue_is_left_alone():
    text = "{glue:text}`timeline.ipynb::day_E030:s` and {glue:text}`share:.1f` and {glue:text}`n`"
    assert notebook_tools.to_eval_roles(text) == (
        '{glue:text}`timeline.ipynb::day_E030:s` and {eval}`glued("share", ".1f")` and {eval}`glued("n")`'
    )
