"""Benchmark of the book's build (issue 10): prints figures, asserts nothing. Run with `make bench`.

Everything runs in a throwaway clone of the repository (committed state) that shares this
checkout's .venv, so the environment is already installed and nothing here is touched. Each timing
is the median of RUNS runs unless noted. Results go to stdout and to benchmarks/results.md, which
the README's performance section quotes.

Measured:
  floor      executing each notebook bare with nbclient (no fingerprints) + building an empty book
  cold       `make book` steps on a fresh clone (no _build, notebooks already current)
  cold+exec  the same with every notebook re-executed (what a data-wide change costs)
  warm       `make book` again with nothing changed
  notebook   after editing one notebook's code (re-executes that notebook only)
  data       after editing one data file (re-executes only the notebooks that load it)
  data load  importing briefing and loading + validating every dataset (benchmarks/bench_data.py)
  sizes      _build/html in total and per page
  test       `make test` and each stage (one run; pass --with-test, it takes several minutes)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
PY = ROOT / ".venv" / "bin" / "python"
JB = ROOT / ".venv" / "bin" / "jupyter-book"


def sh(cmd: list[str], cwd: Path, env: dict | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(map(str, cmd))} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
        )
    return time.perf_counter() - started


def clone() -> Path:
    where = Path(tempfile.mkdtemp(prefix="bench-")) / "book"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(where)], check=True)
    (where / ".venv").symlink_to(ROOT / ".venv")
    return where


def env_for(repo: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(repo / "src")}


def make_book(repo: Path) -> float:
    """`make book` in ``repo``, the environment already installed (its stamp is refreshed first, so
    the fresh checkout's lock file does not look newer than the shared environment)."""
    (repo / ".venv" / ".installed").touch()
    return sh(["make", "--no-print-directory", "book"], repo)


def floor(repo: Path) -> dict[str, float]:
    """Bare nbclient execution of each notebook, and an empty Jupyter Book build."""
    code = (
        "import sys, nbformat, time; from nbclient import NotebookClient\n"
        "nb = nbformat.read(sys.argv[1], as_version=4); t = time.perf_counter()\n"
        "NotebookClient(nb, kernel_name='python3', resources={'metadata': {'path': sys.argv[2]}}).execute()\n"
        "print(time.perf_counter() - t)"
    )
    env = env_for(repo)
    result = {}
    for notebook in sorted((repo / "notebooks").glob("*.ipynb")):
        runs = []
        for _ in range(RUNS):
            out = subprocess.run(
                [str(PY), "-c", code, str(notebook), str(notebook.parent)],
                cwd=repo,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            runs.append(float(out.stdout.strip().splitlines()[-1]))
        result[notebook.name] = statistics.median(runs)
    empty = Path(tempfile.mkdtemp(prefix="bench-empty-"))
    (empty / "_config.yml").write_text("title: empty\nexecute:\n  execute_notebooks: 'off'\n")
    (empty / "_toc.yml").write_text("format: jb-book\nroot: index\n")
    (empty / "index.md").write_text("# Empty\n")
    result["empty book build"] = statistics.median(
        sh([str(JB), "build", str(empty), "--quiet"], empty) for _ in range(RUNS)
    )
    return result


def timed(label: str, runs: list[float], results: dict) -> None:
    results[label] = statistics.median(runs)
    print(f"  {label:<44} {results[label]:7.1f} s   (runs: {', '.join(f'{r:.1f}' for r in runs)})")


def main() -> None:
    with_test = "--with-test" in sys.argv
    results: dict[str, float] = {}
    print(f"Benchmark of the build, median of {RUNS} runs, {os.cpu_count()} cores")

    repo = clone()
    bare = floor(repo)
    for name, seconds in bare.items():
        print(f"  floor: {name:<37} {seconds:7.1f} s")
    results["floor"] = sum(bare.values())
    print(f"  {'floor (all notebooks + empty book)':<44} {results['floor']:7.1f} s")

    cold = []
    for _ in range(RUNS):
        fresh = clone()
        cold.append(make_book(fresh))
    timed("cold make book (fresh clone, env installed)", cold, results)

    cold_exec = []
    for _ in range(RUNS):
        fresh = clone()
        sh([str(PY), "-m", "briefing", "run-notebooks", "--force"], fresh, env_for(fresh))
        sh(["git", "checkout", "-q", "--", "notebooks"], fresh)  # back to committed (identical) outputs
        (fresh / "notebooks" / "freshness.json").unlink()  # every notebook counts as stale
        cold_exec.append(make_book(fresh))
    timed("cold make book, every notebook executed", cold_exec, results)

    timed("warm make book, nothing changed", [make_book(repo) for _ in range(RUNS)], results)

    edits = []
    notebook = repo / "notebooks" / "01_mou_text.ipynb"
    for index in range(RUNS):
        data = json.loads(notebook.read_text())
        cell = next(c for c in data["cells"] if c["cell_type"] == "code")
        cell["source"] = [*cell["source"], f"\n# benchmark edit {index}"]
        notebook.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        edits.append(make_book(repo))
    timed("make book after editing one notebook", edits, results)

    edits = []
    trade = repo / "data" / "trade.csv"
    for index in range(RUNS):
        lines = trade.read_text().splitlines()
        lines[1] = lines[1].rsplit(",", 1)[0] + f",benchmark edit {index}"
        trade.write_text("\n".join(lines) + "\n")
        edits.append(make_book(repo))
    timed("make book after editing one data file", edits, results)

    data_load = subprocess.run(
        [str(PY), str(ROOT / "benchmarks" / "bench_data.py")],
        cwd=ROOT,
        env=env_for(ROOT),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    print("  data:", data_load.strip().replace("\n", "\n        "))

    html = repo / "_build" / "html"
    pages = {
        str(p.relative_to(html)): p.stat().st_size for p in html.rglob("*.html") if "_static" not in p.parts
    }
    total = sum(p.stat().st_size for p in html.rglob("*") if p.is_file())
    print(f"  _build/html: {total / 1e6:.1f} MB in all; pages (HTML only):")
    for name, size in sorted(pages.items()):
        print(f"    {name:<44} {size / 1024:7.0f} KiB")

    if with_test:
        started = time.perf_counter()
        out = subprocess.run(["make", "test"], cwd=repo, capture_output=True, text=True)
        results["make test"] = time.perf_counter() - started
        stages = [line for line in out.stdout.splitlines() if line.startswith("--- ")]
        print(f"  make test: {results['make test']:.0f} s (exit {out.returncode})")
        for line in stages:
            print(f"    {line[4:]}")

    ratios = {k: v / results["floor"] for k, v in results.items() if k != "floor"}
    print("Ratios to the floor:")
    for label, ratio in ratios.items():
        print(f"  {label:<44} {ratio:5.2f} ×")
    warm_ratio = (
        results["warm make book, nothing changed"] / results["cold make book, every notebook executed"]
    )
    print(f"  warm / cold (executing)                       {warm_ratio:5.2f}")

    lines = [
        "# Build benchmark",
        "",
        f"Median of {RUNS} runs on {os.cpu_count()} cores "
        "(`make bench`; written by benchmarks/bench_build.py).",
        "",
        "| measure | seconds | × floor |",
        "|---|---:|---:|",
    ]
    lines.append(f"| floor (bare nbclient, every notebook, + empty book) | {results['floor']:.1f} | 1.00 |")
    for label, seconds in results.items():
        if label != "floor":
            lines.append(f"| {label} | {seconds:.1f} | {ratios[label]:.2f} |")
    lines += [
        "",
        f"_build/html: {total / 1e6:.1f} MB; largest page {max(pages.values()) / 1024:.0f} KiB (HTML only).",
        "",
    ]
    (ROOT / "benchmarks" / "results.md").write_text("\n".join(lines))
    print("wrote benchmarks/results.md")


if __name__ == "__main__":
    main()
