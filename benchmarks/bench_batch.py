"""Batch throughput against the local stand-in server (tests/fakeserver.py) with 200 ms latency per model call.

1,000 distinct articles in 500 pairs at concurrency 32: the ideal is 1000 x 0.2 s / 32 = 6.25 s; target within 1.25x.
Then a warm re-run (fresh output file, same cache): zero model calls, target under 5 s. Prints wall times, model
calls, and peak memory (max RSS).

    python benchmarks/bench_batch.py [--articles 1000] [--concurrency 32] [--latency 0.2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.batch import BatchRunner, Item  # noqa: E402
from summarizer.config import resolve_settings  # noqa: E402
from summarizer.pipeline import Summarizer  # noqa: E402
from tests.fakeserver import FakeOpenAI  # noqa: E402


def responder(latency: float):
    def answer(body: dict) -> dict:
        text = body["messages"][1]["content"].split("<article>\n")[1].split("\n</article>")[0]
        first = text.split(". ")[0].rstrip(".") + "."
        claim = dict(id="c1", text=first, kind="event", actors=[], time_text=None, time=None, place=None,
                     quantities=[], attribution=None, certainty="asserted", negated=False, evidence=first)
        return {"delay": latency, "content": json.dumps(dict(title=None, gist=first, publication_date=None,
                                                             claims=[claim], entities=[], quotes=[]))}
    return answer


def items(n_articles: int) -> list[Item]:
    return [Item(f"p{i}", [{"text": f"Story {i}: the port handled {i} ships on Monday. Officials praised the crews."},
                           {"text": f"Story {i}: the port handled {i + 7} ships on Monday. Officials praised them."}])
            for i in range(n_articles // 2)]


def serve(latency: float, conn) -> None:
    """The stand-in server in its own process, as a real server would be (no shared GIL with the client)."""
    server = FakeOpenAI(default=responder(latency)).start()
    conn.send(server.base_url)
    conn.recv()  # until told to stop; then report how many requests it answered
    conn.send(len(server.requests))
    server.stop()


def main() -> None:
    import multiprocessing as mp

    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--latency", type=float, default=0.2)
    args = ap.parse_args()
    parent, child = mp.Pipe()
    proc = mp.get_context("fork").Process(target=serve, args=(args.latency, child), daemon=True)
    proc.start()
    base_url = parent.recv()
    tmp = Path(tempfile.mkdtemp())
    settings = resolve_settings(env={}, backend="openai", base_url=base_url, api_key="sk-bench-local",
                                llm_mode="live", cache_dir=tmp / "cache", recordings_dir=tmp / "rec")
    work = items(args.articles)
    ideal = args.articles * args.latency / args.concurrency
    try:
        for label, out in (("cold", tmp / "cold.jsonl"), ("warm", tmp / "warm.jsonl")):
            runner = BatchRunner(engine=Summarizer(settings=settings), out=out, concurrency=args.concurrency)
            t0 = time.perf_counter()
            stats = asyncio.run(runner.run(iter(work)))
            wall = time.perf_counter() - t0
            calls = stats.calls
            extra = f", {wall / ideal:.2f}x the ideal {ideal:.2f} s" if label == "cold" else ""
            print(f"{label}: {stats.done} pairs, {stats.articles} articles, {calls} model calls, "
                  f"{stats.cache_hits} cache hits, {stats.failed} failed, {wall:.2f} s{extra}")
    finally:
        parent.send("stop")
        print(f"the stand-in server answered {parent.recv()} requests in all")
        proc.join(timeout=10)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()
