"""The one stored form of a chapter notebook, shared by the runner and JupyterLab's save.

``briefing.publish.run.execute`` writes notebooks in this form, and JupyterLab (through the pre-save hook that
``lab/jupyter_server_config.py`` installs, which ``make lab`` passes) saves them in it too, so
Run All + save in Lab reproduces the committed bytes and ``git status`` stays clean:

* no widget state in the notebook's metadata (it would make the book load widget code from a CDN,
  and its model ids are random on every run);
* a live widget's output keeps only a fixed line of text (its model id is random; without saved
  state it cannot be shown anyway — re-running the cell brings the live widget back);
* no per-cell execution timing, and no Lab-only view state (``scrolled``, ``collapsed``);
* execution counts numbered 1, 2, 3 … in cell order, as a fresh kernel running top to bottom gives;
* the kernel and language metadata left as the kernel reports them: the runner records them from
  the same kernel-info reply Lab uses, so opening a notebook does not mark it modified.
"""

from __future__ import annotations

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_TEXT = "Live explorer: re-run this cell in JupyterLab to use it."
# Cell metadata that records a reader's session, not the chapter.
SESSION_CELL_METADATA = ("execution", "scrolled", "collapsed", "trusted")


def drop_widget_views(cell) -> None:
    """Replace a live-widget output by a fixed line of text."""
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if WIDGET_VIEW in data:
            data.pop(WIDGET_VIEW)
            data["text/plain"] = WIDGET_TEXT


def normalise(nb) -> None:
    """Bring a notebook (an ``nbformat.NotebookNode`` or the plain dict Jupyter's contents API
    hands over) into the stored form, in place."""
    metadata = nb.setdefault("metadata", {})
    metadata.pop("widgets", None)
    metadata.pop("briefing", None)  # fingerprints live in notebooks/freshness.json
    count = 0
    for cell in nb.get("cells", []):
        for key in SESSION_CELL_METADATA:
            cell.get("metadata", {}).pop(key, None)
        if cell.get("cell_type") != "code":
            continue
        drop_widget_views(cell)
        if cell.get("execution_count") is not None:
            count += 1
            cell["execution_count"] = count
            for output in cell.get("outputs", []):
                if output.get("output_type") == "execute_result":
                    output["execution_count"] = count


def pre_save_hook(model, **kwargs) -> None:
    """jupyter_server's ``FileContentsManager.pre_save_hook``: store notebooks in the book's form."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        normalise(model["content"])
