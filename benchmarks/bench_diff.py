"""Diff engine speed: summaries of 20, 200 and 2,000 claims a side, and pairs per second.

Claims are built from real sentences (the BUMP articles in evals/data), shuffled with a fixed seed, and the 'new'
side is the old side with every fifth claim edited, every seventh dropped and some claims added, so alignment does
real work. Prints a table; target: a 200 x 200 diff under 50 ms and growth no worse than about n^2 log n. Then the
peak memory of a fresh process that diffs 1,600 x 1,600 claims (its maximum resident set, imports included).

    python benchmarks/bench_diff.py [--no-memory]
"""

from __future__ import annotations

import json
import math
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.diff import diff  # noqa: E402
from summarizer.extract.local import split_sentences  # noqa: E402
from summarizer.schema import ArticleSummary, Claim, SummaryMeta  # noqa: E402


def sentences() -> list[str]:
    out: list[str] = []
    for line in (ROOT / "evals" / "data" / "bump" / "data.jsonl").read_text().splitlines():
        out += [s for s in split_sentences(json.loads(line)["source_text"]) if 6 <= len(s.split()) <= 40]
    return sorted(set(out))


def make(texts: list[str]) -> ArticleSummary:
    claims = [Claim(id=f"c{i + 1}", text=t, kind="event", actors=[w for w in t.split() if w[:1].isupper()][:3],
                    time_text=None, time=None, place=None, quantities=[], attribution=None, certainty="asserted",
                    negated=False, evidence=t) for i, t in enumerate(texts)]
    return ArticleSummary(title=None, gist="bench", publication_date=None, claims=claims, entities=[], quotes=[],
                          meta=SummaryMeta(backend="local", mode="offline"))


def pair(pool: list[str], n: int, rng: random.Random) -> tuple[ArticleSummary, ArticleSummary]:
    old = rng.sample(pool, n)
    new = []
    for i, t in enumerate(old):
        if i % 7 == 3:
            continue
        new.append(t.replace(" the ", " a ", 1) + (" not" if i % 5 == 0 else ""))
    new += rng.sample(pool, max(1, n // 10))
    return make(old), make(new)


def main() -> None:
    rng = random.Random(42)
    pool = sentences()
    print(f"{'claims/side':>12} {'median ms':>10} {'min ms':>8} {'pairs/s':>8} {'vs n^2 log n':>13}")
    base = None
    diff(*pair(pool, 50, rng))  # warm-up: regex compilation, the word stemmer
    for n, reps in ((20, 30), (200, 10), (2000, 2)):
        times = []
        for _ in range(reps):  # a fresh pair each time: per-text memoisation never sees a repeat
            old, new = pair(pool, n, rng)
            t0 = time.perf_counter()
            diff(old, new)
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        model = n * n * math.log(n)
        ratio = "" if base is None else f"{(med / base[0]) / (model / base[1]):.2f}x"
        base = base or (med, model)
        print(f"{n:>12} {med * 1000:>10.1f} {min(times) * 1000:>8.1f} {1 / med:>8.1f} {ratio:>13}")
    if "--no-memory" not in sys.argv:
        out = subprocess.run([sys.executable, __file__, "--peak", "1600"], capture_output=True, text=True, check=True)
        print(f"peak memory of a 1,600 x 1,600 diff: {out.stdout.strip()} MB (the process, imports included)")


def peak(n: int) -> None:
    old, new = pair(sentences(), n, random.Random(7))
    diff(old, new)
    print(f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


if __name__ == "__main__":
    if "--peak" in sys.argv:
        peak(int(sys.argv[sys.argv.index("--peak") + 1]))
    else:
        main()
