"""Start-up: an offline ``summarizer diff`` of the example pair, against the floor of importing rich, pydantic and
click (what any CLI on this stack pays). Prints both medians and their ratio; target: at most 3x the floor.

    python benchmarks/bench_startup.py [--runs 11]

Each run is a fresh process (the way a person or a CI job runs it), alternating the two commands so that machine
load hits both alike. Quote medians: this machine is noisy.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = [sys.executable, "-c", "import rich, pydantic, click"]
DIFF = [sys.executable, "-m", "summarizer", "diff", str(ROOT / "examples" / "korea-original.txt"),
        str(ROOT / "examples" / "korea-rewrite.txt"), "--backend", "local", "-q"]


def timed(cmd: list[str]) -> float:
    # bytecode is cached, as after any install: with PYTHONDONTWRITEBYTECODE set, every run would compile the package
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NO_COLOR": "1"}
    start = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if r.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.decode()[-400:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    timed(FLOOR), timed(DIFF)  # warm the file cache
    floor, diff = [], []
    for _ in range(args.runs):
        floor.append(timed(FLOOR))
        diff.append(timed(DIFF))
    f, d = statistics.median(floor), statistics.median(diff)
    print(f"import floor (rich, pydantic, click): median {f * 1000:.0f} ms (min {min(floor) * 1000:.0f})")
    print(f"offline diff of the example pair:     median {d * 1000:.0f} ms (min {min(diff) * 1000:.0f})")
    print(f"ratio: {d / f:.1f}x the floor (target: at most 3x)")


if __name__ == "__main__":
    main()
