"""Offline extractor throughput on one core: articles of about 800 words per second (target: at least 50).

Articles are built from the BUMP source articles in evals/data (real news text), cut to ~800 words each.

    python benchmarks/bench_extract.py [N_ARTICLES]
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.articles import article_from_text  # noqa: E402
from summarizer.extract.local import extract_summary  # noqa: E402


def articles(n: int) -> list[str]:
    texts = sorted({json.loads(line)["source_text"] for line in
                    (ROOT / "evals" / "data" / "bump" / "data.jsonl").read_text().splitlines()})
    words = " ".join(texts).split()
    return [" ".join(words[(i * 800 + k) % len(words)] for k in range(800)) for i in range(n)]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    docs = articles(n)
    extract_summary(article_from_text(docs[0]))  # warm-up: regex compilation, stemmer
    t0 = time.perf_counter()
    claims = 0
    for d in docs:
        claims += len(extract_summary(article_from_text(d)).claims)
    dt = time.perf_counter() - t0
    words = sum(len(d.split()) for d in docs)
    print(f"{n} articles, {words / n:.0f} words each, {claims / n:.1f} claims each: {dt:.2f} s on one core, "
          f"{n / dt:.1f} articles/s ({dt / n * 1000:.1f} ms each)")


if __name__ == "__main__":
    main()
