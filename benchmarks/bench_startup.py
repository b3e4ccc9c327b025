"""Start-up: an offline ``summarizer diff`` of the example pair, against the floor of importing rich, pydantic and
click. Prints both medians and their ratio; target: at most 3x the floor.

The floor is generous: pydantic's package import is lazy, so ``import pydantic`` loads neither ``BaseModel`` nor its
schema machinery, and ``import rich`` loads no console. A second line times what any CLI on this stack pays before
its own code (one pydantic model, one rich console); the difference to it is this package's share (its imports,
compiled patterns, data loads, extraction, diff and rendering).

    python benchmarks/bench_startup.py [--runs 11]

Each run is a fresh process (the way a person or a CI job runs it), alternating the commands so that machine
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
# what any CLI on this stack pays before its own code: pydantic's package import is lazy (BaseModel and the schema
# machinery load on first use) and rich's console is a module of its own; one model and one console load them
STACK = [sys.executable, "-c", "import click, pydantic, rich.console\nclass M(pydantic.BaseModel):\n    x: int\n"
         "rich.console.Console()"]
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
    timed(FLOOR), timed(STACK), timed(DIFF)  # warm the file cache
    floor, stack, diff = [], [], []
    for _ in range(args.runs):
        floor.append(timed(FLOOR))
        stack.append(timed(STACK))
        diff.append(timed(DIFF))
    f, s, d = statistics.median(floor), statistics.median(stack), statistics.median(diff)
    print(f"import floor (rich, pydantic, click):  median {f * 1000:.0f} ms (min {min(floor) * 1000:.0f})")
    print(f"the stack in use (a model, a console): median {s * 1000:.0f} ms (min {min(stack) * 1000:.0f}), "
          f"{s / f:.1f}x the floor")
    print(f"offline diff of the example pair:      median {d * 1000:.0f} ms (min {min(diff) * 1000:.0f}), "
          f"{(d - s) * 1000:.0f} ms beyond the stack")
    print(f"ratio: {d / f:.1f}x the floor (target: at most 3x)")


if __name__ == "__main__":
    main()
