"""Offline batch throughput with 1 and with 2 extraction workers (issue 14: two workers give at least 1.7x the
articles per second of one).

Items are pairs of ~800-word articles built from the BUMP source articles in evals/data (real news text, as in
bench_extract.py), each article distinct. Each run starts cold (fresh output and cache; the process pool's start-up
is inside the timing).
Prints articles per second for each worker count and the speed-up, and beside it what the machine gives at that
moment: the speed-up of the same number of processes running a pure-Python loop (on a shared machine a busy
neighbour takes a core away from both measurements).

    python benchmarks/bench_batch_workers.py [--pairs 150] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_extract import articles  # noqa: E402

from summarizer.batch import BatchRunner, Item  # noqa: E402
from summarizer.config import resolve_settings  # noqa: E402
from summarizer.pipeline import Summarizer  # noqa: E402


def items(pairs: int) -> list[Item]:
    texts = articles(2 * pairs)
    return [Item(f"p{i}", [{"text": f"Report {2 * i}. {texts[2 * i]}"},
                           {"text": f"Report {2 * i + 1}. {texts[2 * i + 1]}"}]) for i in range(pairs)]


def run(batch: list[Item], workers: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        engine = Summarizer(settings=resolve_settings(env={}, backend="local", cache_dir=Path(tmp) / "cache"))
        runner = BatchRunner(engine=engine, out=Path(tmp) / "out.jsonl", concurrency=8, workers=workers)
        start = time.perf_counter()
        stats = asyncio.run(runner.run(iter(batch)))
        seconds = time.perf_counter() - start
        assert stats.done == len(batch) and stats.failed == 0, stats
    return 2 * len(batch) / seconds


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_parallelism(workers: int, n: int = 4_000_000) -> float:
    """How much faster ``workers`` processes run ``workers`` pure-Python loops than one process runs them."""
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    for _ in range(workers):
        _burn(n)
    serial = time.perf_counter() - start
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_burn, [1] * workers))
        start = time.perf_counter()
        list(pool.map(_burn, [n] * workers))
        parallel = time.perf_counter() - start
    return serial / parallel


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=150)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    batch = items(args.pairs)
    run(batch[:4], 1)  # warm imports and the tokenizer
    before = machine_parallelism(args.workers)
    one = run(batch, 1)
    many = run(batch, args.workers)
    after = machine_parallelism(args.workers)
    print(f"{2 * args.pairs} articles: 1 worker {one:.1f} articles/s, {args.workers} workers {many:.1f} articles/s, "
          f"speed-up {many / one:.2f}x (target >= 1.7x with 2 workers on an idle machine); the machine gave "
          f"{before:.2f}x / {after:.2f}x to {args.workers} pure-Python processes before / after")


if __name__ == "__main__":
    main()
