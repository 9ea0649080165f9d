"""A plain `jupyter lab` started from the book's environment (not `make lab`) saves notebooks as the
book's runner stores them: the set-up installs the pre-save hook into the environment's own Jupyter
configuration. The server's contents manager is the one a Lab save goes through."""

from __future__ import annotations

import asyncio
import inspect
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_plain_server_from_the_environment_saves_canonically(tmp_path, monkeypatch):
    installed = Path(sys.prefix, "etc", "jupyter", "jupyter_server_config.json")
    assert installed.is_file(), "make's set-up installs the pre-save hook into the environment"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "user-config"))  # no user config helps
    from jupyter_server.serverapp import ServerApp

    app = ServerApp()
    app.initialize(argv=["--no-browser", "--port=0", "--allow-root", f"--ServerApp.root_dir={tmp_path}"])
    try:
        notebook = ROOT / "notebooks" / "timeline.ipynb"
        shutil.copy(notebook, tmp_path / "chapter.ipynb")
        manager = app.contents_manager
        model = _wait(manager.get("chapter.ipynb"))
        content = model["content"]
        content["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
        for cell in content["cells"]:
            if cell["cell_type"] == "code":
                cell["execution_count"] = 41
                cell["metadata"]["execution"] = {"iopub.status.busy": "2026-12-06T00:00:00Z"}
        _wait(manager.save(model, "chapter.ipynb"))
        saved = json.loads((tmp_path / "chapter.ipynb").read_text(encoding="utf-8"))
        assert "widgets" not in saved["metadata"]
        counts = [c["execution_count"] for c in saved["cells"] if c["cell_type"] == "code"]
        assert counts == list(range(1, len(counts) + 1))
        assert all("execution" not in c["metadata"] for c in saved["cells"])
        assert (tmp_path / "chapter.ipynb").read_bytes() == notebook.read_bytes()
    finally:
        app.clear_instance()


def _wait(result):
    """The server's contents manager is asynchronous; a save from Lab awaits it the same way."""
    return asyncio.run(result) if inspect.isawaitable(result) else result
