"""Execute the notebooks that need it, in place, deterministically.

jupyter-cache re-executes a notebook only when its code changes, not when the data it reads or the
``briefing`` code it calls change, so the book could show stale numbers. This runner keeps, in one
manifest (``notebooks/freshness.json``), a fingerprint per notebook of everything its outputs
depend on:

* the notebook's code cells and kernel,
* the data files its loaders actually read (recorded from the kernel after each run),
* the modules of ``src/briefing`` it imported (also recorded from the kernel), and the lock file
  (package versions change output).

A notebook whose fingerprint no longer matches is re-executed with nbclient (no per-cell timing, no
widget state), so committed outputs are exactly what a fresh run produces and nbval can check them.
The notebook file is rewritten only when its outputs changed: a package edit that changes no output
touches the manifest alone, so the notebooks (and the book built from them) stay as they were.
The book is then built from these outputs with execution off.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path

import nbformat

from ...paths import PACKAGE_DIR, repo_root, write_if_changed
from .notebook_format import normalise

KERNEL = "python3"
# A kernel on a busy 2-core machine can take well over nbclient's default 60 s to answer; wait
# longer, and try once more before giving up with a message that says what to do.
KERNEL_STARTUP_SECONDS = 240
KERNEL_START_TRIES = 2
# Run in the kernel after the notebook: which data files and briefing modules did it use?
_PROBE = """import json as _json, sys as _sys, briefing as _b
print(_json.dumps({"data": _b.files_read(), "modules": sorted(
    m.__file__ for n, m in list(_sys.modules.items())
    if (n == "briefing" or n.startswith("briefing.")) and getattr(m, "__file__", None))}))"""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _code_fingerprint(nb: nbformat.NotebookNode) -> str:
    code = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    return _sha(json.dumps([nb.metadata.get("kernelspec", {}).get("name"), code]).encode())


def fingerprint(nb: nbformat.NotebookNode, inputs: list[str], root: Path) -> str:
    """Hash of everything the notebook's outputs depend on: its code, the lock file, and the files
    in ``inputs`` (data files and briefing modules, relative to ``root``)."""
    parts = [_code_fingerprint(nb)]
    for name in sorted({*inputs, "requirements.lock"}):
        path = root / name
        parts.append(f"{name}:{_sha(path.read_bytes()) if path.is_file() else 'missing'}")
    return _sha("\n".join(parts).encode())


MANIFEST = Path("notebooks") / "freshness.json"


def read_manifest(root: Path) -> dict[str, dict]:
    """Each notebook's record: ``{"fingerprint": ..., "inputs": [...]}``, keyed by its path."""
    path = root / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _write_manifest(root: Path, records: dict[str, dict]) -> None:
    text = json.dumps(dict(sorted(records.items())), indent=1, sort_keys=True) + "\n"
    path = root / MANIFEST
    write_if_changed(path, text)


def _key(path: Path, root: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()


def is_stale(path: Path, root: Path | None = None, manifest: dict | None = None) -> bool:
    root = root or repo_root()
    record = (manifest if manifest is not None else read_manifest(root)).get(_key(path, root))
    if not record:
        return True
    nb = nbformat.read(path, as_version=4)
    return record.get("fingerprint") != fingerprint(nb, record.get("inputs", []), root)


def execute(path: Path, root: Path | None = None) -> tuple[dict, bool]:
    """Run ``path`` top to bottom in a fresh kernel; write it back only if its content changed.
    Returns its manifest record and whether the file was rewritten."""
    from nbclient import NotebookClient

    root = root or repo_root()
    before = path.read_text(encoding="utf-8")
    nb = nbformat.reads(before, as_version=4)
    normalise(nb)  # the stored form JupyterLab's save also writes (briefing.publish.run.notebook_format)
    for attempt in range(1, KERNEL_START_TRIES + 1):
        client = NotebookClient(
            nb,
            timeout=600,
            startup_timeout=KERNEL_STARTUP_SECONDS,
            kernel_name=KERNEL,
            record_timing=False,
            store_widget_state=False,
            resources={"metadata": {"path": str(path.parent)}},
        )
        try:
            probe = _run_cells(client, nb)
            break
        except RuntimeError as exc:  # nbclient: "Kernel didn't respond in N seconds"
            if "didn't respond" not in str(exc):
                raise
            if attempt == KERNEL_START_TRIES:
                raise RuntimeError(
                    f"{path.name}: the Python kernel did not start within {KERNEL_STARTUP_SECONDS} s, "
                    f"{KERNEL_START_TRIES} times. The machine is probably overloaded: close other heavy "
                    "work and run the command again."
                ) from exc
            print(f"{path.name}: kernel did not start in {KERNEL_STARTUP_SECONDS} s; trying once more")
    used = json.loads(probe.outputs[0]["text"])
    inputs = sorted({_relative(p, root) for p in used["data"] + used["modules"]})
    normalise(nb)
    record = {"fingerprint": fingerprint(nb, inputs, root), "inputs": inputs}
    after = nbformat.writes(nb) + "\n"
    if after != before:
        path.write_text(after, encoding="utf-8")
    return record, after != before


def _run_cells(client, nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Execute every cell in a fresh kernel, then the probe cell; return the executed probe."""
    with client.setup_kernel():
        _record_kernel(client, nb)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
            client.execute_cell(cell, index)
        for cell in nb.cells:  # the prose's {eval} values, once every number is published
            if cell.cell_type == "markdown":
                _evaluate_expressions(client, cell)
        probe = nbformat.v4.new_code_cell(_PROBE)
        nb.cells.append(probe)
        try:
            client.execute_cell(probe, len(nb.cells) - 1, store_history=False)
        finally:
            nb.cells.pop()
    return probe


EVAL_ROLE = re.compile(r"\{eval\}`([^`]+)`")


def _evaluate_expressions(client, cell) -> None:
    """Store a markdown cell's ``{eval}`…``` results as jupyterlab-myst does when the cell is run
    in Lab (``user_expressions`` in the cell's metadata, one entry per expression in order), so the
    committed notebook shows the values when opened and a Lab save reproduces it."""
    expressions = EVAL_ROLE.findall(cell.source)
    cell.metadata.pop("user_expressions", None)
    if not expressions:
        return
    msg_id = client.kc.execute(
        "",
        silent=True,
        store_history=False,
        user_expressions={str(i): expression for i, expression in enumerate(expressions)},
    )
    results = client.wait_for_reply(msg_id)["content"]["user_expressions"]
    cell.metadata["user_expressions"] = [
        {"expression": expression, "result": results[str(i)]} for i, expression in enumerate(expressions)
    ]


def _record_kernel(client, nb: nbformat.NotebookNode) -> None:
    """Name the kernel and language as JupyterLab does when it opens the notebook (from the kernel
    spec and the kernel's info reply), so opening a committed notebook does not mark it modified."""
    reply = client.wait_for_reply(client.kc.kernel_info())
    if reply and "language_info" in reply["content"]:
        nb.metadata["language_info"] = reply["content"]["language_info"]
    spec = client.km.kernel_spec
    if spec is not None:
        nb.metadata["kernelspec"] = {
            "display_name": spec.display_name,
            "language": spec.language,
            "name": client.km.kernel_name,
        }


def _relative(path: str, root: Path) -> str:
    """A recorded path relative to the repository (modules may load from another checkout's src)."""
    resolved = Path(path).resolve()
    try:
        return str(resolved.relative_to(root.resolve()))
    except ValueError:
        return str(Path("src", "briefing", resolved.relative_to(PACKAGE_DIR)))


def notebooks(root: Path) -> list[Path]:
    return sorted((root / "notebooks").glob("*.ipynb"))


def _execute_timed(path: Path, root: Path) -> tuple[dict, bool, float]:
    started = time.perf_counter()
    record, rewritten = execute(path, root)
    return record, rewritten, time.perf_counter() - started


def run(paths: list[Path] | None = None, force: bool = False, jobs: int | None = None) -> list[Path]:
    """Execute every stale notebook (all of them with ``force``); return the ones executed.

    Stale notebooks run ``jobs`` at a time (default: one per CPU core, at most 4): each runs in its
    own kernel process, so on the 2-core reference machine two run side by side."""
    from concurrent.futures import ProcessPoolExecutor

    root = repo_root()
    manifest = read_manifest(root)
    stale = []
    for path in paths or notebooks(root):
        if force or is_stale(path, root, manifest):
            stale.append(path)
        else:
            print(f"up to date {path.relative_to(root)}")
    jobs = jobs or min(4, os.cpu_count() or 1)
    if len(stale) <= 1 or jobs == 1:
        results = [_execute_timed(path, root) for path in stale]
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(stale))) as pool:
            results = list(pool.map(_execute_timed, stale, [root] * len(stale)))
    known = {key: manifest[key] for key in manifest if (root / key).is_file()}  # forget deleted pages
    for path, (record, rewritten, took) in zip(stale, results, strict=True):
        known[_key(path, root)] = record
        change = "" if rewritten else " (outputs unchanged; notebook not rewritten)"
        print(f"executed {path.relative_to(root)} in {took:.1f} s{change}")
    _write_manifest(root, known)
    return stale


if __name__ == "__main__":  # pragma: no cover
    run([Path(p).resolve() for p in sys.argv[1:]] or None)
