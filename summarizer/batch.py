"""Batch runs: many pairs (or groups) of articles, each article summarised once, every pair diffed.

Input: a JSONL file, one item a line: ``{"id": "x", "articles": [A, B, ...]}`` or ``{"id": "x", "old": A, "new":
B}``, where each article is a path (relative to the input file) or ``{"text": "...", "title": "..."}``; or a folder
whose sub-folders each hold one group (files in name order, the first is the base).

- Each distinct article (by content hash) is summarised once however many items name it; concurrent requests for
  the same article wait for the one in flight.
- Summaries run on a thread pool bounded by ``concurrency`` (an asyncio semaphore); items are read lazily and at
  most ``4 x concurrency`` are in flight, so memory stays bounded for long inputs.
- Results stream to the output JSONL as items complete (one ``write`` per line, flushed). A re-run skips items
  already ``ok`` in the output and re-does failed ones; a partial last line left by a killed run is dropped.
- A failure is recorded on its item, with its reason, and does not stop the batch.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from .articles import Article, article_from_text, load_article
from .diff import diff, diff_many
from .errors import ConfigError, InputError, ModelError, SummarizerError
from .files import atomic_write_text
from .llm.tokens import estimate_cost
from .pipeline import Summarizer
from .schema import ArticleSummary

SUMMARY_MEMORY = 2048  # summaries kept in memory for reuse by later items (the disk cache holds the rest)


@dataclass
class Item:
    id: str
    sources: list[Any]


@dataclass
class BatchStats:
    items: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    articles: int = 0
    calls: int = 0
    cache_hits: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    seconds: float = 0.0
    unpriced: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {k: (round(v, 6) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def read_items(path: Path) -> Iterator[Item]:
    """Items from a JSONL file or a folder of groups, lazily, in input order."""
    if path.is_dir():
        for sub in sorted(p for p in path.iterdir() if p.is_dir()):
            files = sorted(f for f in sub.iterdir() if f.is_file() and not f.name.startswith("."))
            if len(files) >= 2:
                yield Item(id=sub.name, sources=[str(f) for f in files])
        return
    try:
        fh = path.open(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: batch input not found: give a JSONL file or a folder of groups") from None
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}: not valid JSON ({exc.msg}): each line must be an object like "
                                 '{"id": "x", "old": "a.txt", "new": "b.txt"}') from None
            if not isinstance(row, dict):
                raise InputError(f"{path}:{n}: expected a JSON object per line, found {type(row).__name__}")
            sources = row.get("articles") or [row[k] for k in ("old", "new") if k in row]
            if not isinstance(sources, list) or len(sources) < 2:
                raise InputError(f"{path}:{n}: an item needs 'articles' (two or more) or 'old' and 'new'")
            base = path.parent
            resolved = [s if isinstance(s, dict) else str((base / s) if not os.path.isabs(s) else s)
                        for s in sources]
            yield Item(id=str(row.get("id", n)), sources=resolved)


def load_source(source: Any) -> Article:
    if isinstance(source, dict):
        if not isinstance(source.get("text"), str):
            raise InputError("an inline article needs a 'text' string")
        art = article_from_text(source["text"], source=str(source.get("id") or "<inline>"))
        return art.model_copy(update={"title": source.get("title") or art.title})
    return load_article(source)


def content_hash(article: Article) -> str:
    return hashlib.sha256(f"{article.title}\x00{article.text}".encode("utf-8")).hexdigest()


def completed_ids(out: Path) -> set[str]:
    """Ids already 'ok' in an output file; a partial last line (a killed run) is dropped from the file."""
    if not out.is_file():
        return set()
    text = out.read_text(encoding="utf-8")
    lines = text.split("\n")
    done: set[str] = set()
    good: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue  # the torn tail of an interrupted write
        good.append(line)
        if row.get("status") == "ok":
            done.add(str(row.get("id")))
    cleaned = "".join(g + "\n" for g in good)
    if cleaned != text:
        atomic_write_text(out, cleaned)
    return done


@dataclass
class BatchRunner:
    engine: Summarizer
    out: Path
    concurrency: int = 8
    on_progress: Callable[[BatchStats], None] = lambda stats: None
    stats: BatchStats = field(default_factory=BatchStats)

    def __post_init__(self) -> None:
        self._inflight: dict[str, asyncio.Future[ArticleSummary]] = {}
        self._memory: OrderedDict[str, ArticleSummary] = OrderedDict()

    async def run(self, items: Iterator[Item]) -> BatchStats:
        start = time.perf_counter()
        done_ids = completed_ids(self.out)
        loop = asyncio.get_running_loop()
        pool = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="summarize")
        sem = asyncio.Semaphore(self.concurrency)
        window = asyncio.Semaphore(self.concurrency * 4)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        with self.out.open("a", encoding="utf-8") as fh:
            tasks: set[asyncio.Task[None]] = set()
            try:
                for item in items:
                    self.stats.items += 1
                    if item.id in done_ids:
                        self.stats.skipped += 1
                        continue
                    await window.acquire()
                    task = asyncio.create_task(self._item(item, loop, pool, sem, fh))
                    task.add_done_callback(lambda t: window.release())
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
            finally:  # a bad input line or an interrupt: items already under way are finished and written first
                if tasks:
                    await asyncio.gather(*list(tasks), return_exceptions=True)
                pool.shutdown(wait=True)
        self.stats.seconds = time.perf_counter() - start
        self.on_progress(self.stats)
        return self.stats

    async def _summary(self, article: Article, loop: asyncio.AbstractEventLoop, pool: ThreadPoolExecutor,
                       sem: asyncio.Semaphore) -> ArticleSummary:
        key = content_hash(article)
        if key in self._memory:
            self._memory.move_to_end(key)
            return self._memory[key]
        if key in self._inflight:
            return await asyncio.shield(self._inflight[key])
        fut: asyncio.Future[ArticleSummary] = loop.create_future()
        self._inflight[key] = fut
        try:
            async with sem:
                summary = await loop.run_in_executor(pool, self.engine.summarize, article)
            self._account(summary)
            self._memory[key] = summary
            if len(self._memory) > SUMMARY_MEMORY:
                self._memory.popitem(last=False)
            fut.set_result(summary)
            return summary
        except BaseException as exc:
            fut.set_exception(exc)
            fut.exception()  # mark retrieved: waiters re-raise it themselves
            raise
        finally:
            del self._inflight[key]

    def _account(self, summary: ArticleSummary) -> None:
        self.stats.articles += 1
        m = summary.meta
        if m.mode == "cache":
            self.stats.cache_hits += 1
        elif m.backend == "openai" and m.mode in ("live", "record"):
            self.stats.calls += m.usage.calls
            self.stats.input_tokens += m.usage.input_tokens
            self.stats.output_tokens += m.usage.output_tokens
            cost = estimate_cost(m.model or "", m.usage.input_tokens, m.usage.output_tokens,
                                 self.engine.settings.prices)
            if cost is None:
                self.stats.unpriced = True
            else:
                self.stats.cost_usd += cost
        self.on_progress(self.stats)

    async def _item(self, item: Item, loop: asyncio.AbstractEventLoop, pool: ThreadPoolExecutor,
                    sem: asyncio.Semaphore, fh) -> None:
        row: dict[str, Any] = {"id": item.id}
        try:
            articles = [load_source(s) for s in item.sources]
            summaries = await asyncio.gather(*(self._summary(a, loop, pool, sem) for a in articles))
            report = diff(summaries[0], summaries[1]) if len(summaries) == 2 else diff_many(summaries[0],
                                                                                           summaries[1:])
            verdict = getattr(report, "verdict", None) or max(
                (d.verdict for d in report.diffs), key=lambda v: ["identical", "consistent", "omissions", "additions",
                                                                  "distortions", "contradictions"].index(v))
            row.update(status="ok", verdict=verdict, report=report.model_dump(mode="json"))
            self.stats.done += 1
        except SummarizerError as exc:
            detail = exc.details() if isinstance(exc, ModelError) else {"error": type(exc).__name__,
                                                                          "message": str(exc)}
            row.update(status="failed", error=detail)
            self.stats.failed += 1
        except Exception as exc:  # an unexpected bug on one item must not stop the batch
            row.update(status="failed", error={"error": type(exc).__name__, "message": str(exc)})
            self.stats.failed += 1
        fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        fh.flush()
        self.on_progress(self.stats)


def count_items(path: Path) -> int:
    """How many items INPUT holds (for a progress total), without parsing them."""
    if path.is_dir():
        return sum(1 for p in path.iterdir() if p.is_dir())
    with path.open(encoding="utf-8", errors="replace") as fh:
        return sum(1 for line in fh if line.strip())


def run_batch(input_path: Path, out: Path, engine: Summarizer, *, concurrency: int = 8, via: str = "direct",
              batch_id: str | None = None, poll_interval: float = 30.0,
              on_progress: Callable[[BatchStats], None] = lambda stats: None,
              notice: Callable[[str], None] = lambda message: None) -> BatchStats:
    """A whole batch run: the provider batch first when ``via == 'openai-batch'``, then every item diffed, with
    each model exchange and the run's totals in the SQLite run log beside the cache."""
    from .runlog import RunLog

    s = engine.settings
    if via == "openai-batch":
        from .providerbatch import BatchResultsTransport, ProviderBatch

        if s.effective_backend != "openai":
            raise ConfigError("--via openai-batch needs the model backend: set OPENAI_API_KEY (or OPENAI_BASE_URL) "
                              "or pass --backend openai")
        pb = ProviderBatch(engine=engine, state_path=out.with_name(out.name + ".openai-batch.json"),
                           poll_interval=poll_interval, notice=notice)
        state = pb.load_state(batch_id) or pb.submit(read_items(input_path))
        if state.get("batch_id"):
            pb.collect(pb.wait(state["batch_id"]), state, read_items(input_path))
        engine.transport = BatchResultsTransport(pb.failures, state.get("batch_id"))
    model_run = s.effective_backend == "openai"
    log = RunLog((s.cache_dir or Path(".")) / "runs.sqlite")
    engine.observer = log.exchange
    log.start(command="batch", input=str(input_path), backend=s.effective_backend,
              model=s.model if model_run else None, prompt=f"summarize.{s.prompt_version}" if model_run else None)
    runner = BatchRunner(engine=engine, out=out, concurrency=concurrency, on_progress=on_progress)
    status = "interrupted"
    try:
        stats = asyncio.run(runner.run(read_items(input_path)))
        status = "done"
    finally:
        st = runner.stats
        log.finish(status, items=st.items, failures=st.failed, calls=st.calls, cache_hits=st.cache_hits,
                   input_tokens=st.input_tokens, output_tokens=st.output_tokens,
                   cost_usd=None if st.unpriced else round(st.cost_usd, 6), seconds=round(st.seconds, 3))
        log.close()
    return stats


def dry_run(items: Iterator[Item], engine: Summarizer) -> dict[str, Any]:
    """Count what a run would send, without sending anything: distinct articles, model calls (chunks), cached
    articles, estimated tokens and cost."""
    from .cache import SummaryCache
    from .llm.tokens import count_tokens

    s = engine.settings
    seen: set[str] = set()
    totals: dict[str, Any] = {"items": 0, "articles": 0, "model_calls": 0, "cached": 0, "input_tokens": 0,
                              "output_tokens_estimate": 0, "estimated": False, "unreadable": []}
    cache = SummaryCache(s.cache_dir) if s.use_cache and s.cache_dir else None
    for item in items:
        totals["items"] += 1
        for source in item.sources:
            try:
                art = load_source(source)
            except InputError as exc:
                totals["unreadable"].append({"id": item.id, "message": str(exc)})
                continue
            key = content_hash(art)
            if key in seen:
                continue
            seen.add(key)
            totals["articles"] += 1
            plan = engine.plan(art)
            if cache is not None and cache.get(plan.key) is not None:
                totals["cached"] += 1
                continue
            totals["model_calls"] += len(plan.chunks)
            totals["input_tokens"] += plan.input_tokens
            totals["output_tokens_estimate"] += plan.output_tokens_estimate
            totals["estimated"] = totals["estimated"] or count_tokens(art.text[:100], s.model).estimated
    totals["cost_usd"] = estimate_cost(s.model, totals["input_tokens"], totals["output_tokens_estimate"], s.prices)
    totals["model"] = s.model
    return totals
