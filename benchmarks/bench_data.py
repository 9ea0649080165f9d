"""Benchmark: time to import `briefing` and load + validate every dataset. Prints figures; asserts nothing.

cold  — a fresh Python process each run (imports pandas, reads and validates every CSV);
warm  — the same calls again in a process that has already loaded them (the in-process cache).
Target (issue 3): at most 0.5 s warm for the whole package on the 2-core reference machine.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

RUNS = 7
CHILD = """
import json, time
t0 = time.perf_counter()
import briefing
t1 = time.perf_counter()
for name in briefing.dataset_names():
    briefing.load(name)
t2 = time.perf_counter()
for name in briefing.dataset_names():
    briefing.load(name)
t3 = time.perf_counter()
import pandas  # already imported by the loaders: measure its share separately below
print(json.dumps({"import": t1 - t0, "load_cold": t2 - t1, "load_warm": t3 - t2}))
"""
PANDAS = "import time; t=time.perf_counter(); import pandas; print(time.perf_counter()-t)"


def main() -> dict[str, float]:
    runs = [
        json.loads(
            subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True).stdout
        )
        for _ in range(RUNS)
    ]
    pandas_import = statistics.median(
        float(
            subprocess.run([sys.executable, "-c", PANDAS], capture_output=True, text=True, check=True).stdout
        )
        for _ in range(RUNS)
    )
    result = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    result["cold_total"] = result["import"] + result["load_cold"]
    result["pandas_import"] = pandas_import
    print(f"median of {RUNS} fresh processes")
    print(f"  import briefing                     {result['import']:.3f} s")
    print(
        f"  load + validate all, first time     {result['load_cold']:.3f} s "
        f"(of which importing pandas ≈ {pandas_import:.3f} s)"
    )
    print(f"  cold total (import + first load)    {result['cold_total']:.3f} s")
    print(f"  load all again, warm (cached)       {result['load_warm']:.3f} s   target ≤ 0.5 s")
    return result


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"(benchmark took {time.perf_counter() - started:.1f} s)")
