"""Batch runs: many pairs (or groups) of articles, each article summarised once, every pair diffed.

- Each distinct article (by content hash) is summarised once however many items name it; concurrent requests for
  the same article wait for the one in flight.
- Model-backed summaries run on worker threads bounded by ``concurrency`` (an asyncio semaphore). Offline (local
  backend), whole items (load, summarise, diff, the results line) run on a process pool with one worker per core;
  each worker summarises a distinct article once. Items are read lazily and at most ``4 x concurrency`` are in
  flight, so memory stays bounded for long inputs.
- Results stream to the output JSONL as items complete (see ``results.py``: one row per id, resumable).
- A failure is recorded on its item, with its reason, and does not stop the batch.
- Interrupted (SIGINT or SIGTERM): no new request leaves (the model seam refuses any call after the signal), items
  under way are cancelled, requests in flight are abandoned (their connection closes when the process exits), the
  results written so far stay whole, and the run ends within about a second with ``stats.interrupted`` set.
"""

from __future__ import annotations

import asyncio
import signal
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import config
from ..articles import Article
from ..compare import diff_summaries, verdict_of
from ..errors import ConfigError, InputError, ModelError
from ..llm.tokens import estimate_cost
from ..pipeline import Summarizer
from ..schema import ArticleSummary
from .inputs import Item, content_hash, load_source
from .results import ResultsFile, results_line


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
    interrupted: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {k: (round(v, 6) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


class Interrupted(Exception):
    """Raised inside a worker when it asks the model seam for a call after the batch was interrupted."""


class StoppableTransport:
    """The model seam during a batch: refuses every call once ``stop`` is set, so no request leaves after a signal
    (a request in flight finishes or is abandoned; its answer is not used)."""

    def __init__(self, inner: Any, stop: threading.Event) -> None:
        self.inner, self.stop = inner, stop

    def complete(self, body: dict[str, Any]) -> Any:
        if self.stop.is_set():
            raise Interrupted("the batch was interrupted before this request was sent")
        comp = self.inner.complete(body)
        if self.stop.is_set():
            raise Interrupted("the batch was interrupted while this request was in flight")
        return comp

    def cancel_inflight(self) -> None:
        """Close the live transport: no new request or retry leaves, a retry wait ends at once, and requests in
        flight end now (their connections are closed)."""
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def _start_worker(settings: config.Settings) -> None:
    """A process-pool worker leaves Ctrl-C to the parent (which cancels its work: no worker traceback) and loads
    its engine and tokenizer before the first task."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _engine_for(settings)
    from ..llm.tokens import count_tokens

    count_tokens("", settings.model)


_worker_engine: Summarizer | None = None


_worker_memory: OrderedDict[str, ArticleSummary] = OrderedDict()


def local_item(settings: config.Settings, item: Item) -> tuple[dict[str, Any], str, int]:
    """A whole offline item in a process-pool worker: load, summarise (each distinct article once per worker),
    diff. Returns the row's brief (id, status, verdict, error), its results line, and how many articles it
    summarised. Only text crosses the process boundary: no summary or report object is pickled."""
    engine = _engine_for(settings)
    fresh = 0
    try:
        if item.error:
            raise InputError(item.error)
        summaries = []
        for source in item.sources:
            article = load_source(source)
            key = content_hash(article)
            summary = _worker_memory.get(key)
            if summary is None:
                summary = engine.summarize(article)
                fresh += 1
                _worker_memory[key] = summary
                if len(_worker_memory) > config.BATCH_SUMMARY_MEMORY:
                    _worker_memory.popitem(last=False)
            summaries.append(summary)
        verdict, report = diff_item(summaries)
        row = {"id": item.id, "status": "ok", "verdict": verdict, "report": report}
    except Exception as exc:  # noqa: BLE001 - one item's failure is its row, as in the parent
        row = failed_row(item.id, exc)
    brief = {k: v for k, v in row.items() if k != "report"}
    return brief, results_line(row), fresh


def failed_row(item_id: str, exc: Exception) -> dict[str, Any]:
    """The results row of an item that failed: the error's details (a model error's attempts, status, request id)."""
    if isinstance(exc, ModelError):
        detail = exc.details()
    else:  # a SummarizerError says what to do; anything else is a bug on one item, which must not stop the batch
        detail = {"error": type(exc).__name__, "message": str(exc)}
    return {"id": item_id, "status": "failed", "error": detail}


def _engine_for(settings: config.Settings) -> Summarizer:
    global _worker_engine
    if _worker_engine is None or _worker_engine.settings != settings:
        _worker_engine = Summarizer(settings=settings)
    return _worker_engine


def diff_item(summaries: list[ArticleSummary]) -> tuple[str, dict[str, Any]]:
    """An item's verdict and JSON report: a pair's diff, or the N-way diff of a group (its most severe verdict)."""
    report = diff_summaries(summaries)
    return verdict_of(report), report.model_dump(mode="json")


def default_workers() -> int:
    import os

    return config.BATCH_WORKERS or os.cpu_count() or 1


@dataclass
class BatchRunner:
    engine: Summarizer
    out: Path
    concurrency: int = 8
    workers: int | None = None  # processes for offline extraction (local backend); None: every core
    on_progress: Callable[[BatchStats], None] = lambda stats: None
    on_item: Callable[[dict[str, Any]], None] = lambda row: None
    warn: Callable[[str], None] = lambda message: None
    stats: BatchStats = field(default_factory=BatchStats)

    def __post_init__(self) -> None:
        self._inflight: dict[str, asyncio.Future[ArticleSummary]] = {}
        self._memory: OrderedDict[str, ArticleSummary] = OrderedDict()
        self._stop = threading.Event()
        self._threads: set[threading.Thread] = set()
        self._stats_lock = threading.Lock()
        self._pool: Executor | None = None
        self._pool_wanted = False
        self._local_seen = 0

    # --- the run -------------------------------------------------------------------------------------------------
    async def run(self, items: Iterator[Item]) -> BatchStats:
        start = time.perf_counter()
        loop = asyncio.get_running_loop()
        results = ResultsFile(self.out, warn=self.warn).open()
        restore = self._install(loop)
        sem = asyncio.Semaphore(self.concurrency)
        window = asyncio.Semaphore(self.concurrency * 4)
        tasks: set[asyncio.Task[None]] = set()
        try:
            for item in items:
                self.stats.items += 1
                if item.id in results.done:
                    self.stats.skipped += 1
                    continue
                await window.acquire()
                task = asyncio.create_task(self._item(item, loop, sem, results))
                task.add_done_callback(lambda t: window.release())
                tasks.add(task)
                task.add_done_callback(tasks.discard)
            if tasks:
                await asyncio.gather(*list(tasks))
        except asyncio.CancelledError:  # SIGINT/SIGTERM: stop sending, cancel what is under way, keep what is written
            self._stop.set()
            self.stats.interrupted = True
            if isinstance(self.engine.transport, StoppableTransport):
                self.engine.transport.cancel_inflight()
            for t in list(tasks):
                t.cancel()
            await asyncio.gather(*list(tasks), return_exceptions=True)
        finally:
            self._stop.set()
            self._shutdown()
            restore()
            results.close()
            self.stats.seconds = time.perf_counter() - start
        self.on_progress(self.stats)
        return self.stats

    def _install(self, loop: asyncio.AbstractEventLoop) -> Callable[[], None]:
        """The model seam that refuses calls after a signal, this run's accounting of model exchanges, the
        process pool (offline backend) and the signal handlers. Returns what undoes them."""
        engine, s = self.engine, self.engine.settings
        saved_transport, saved_observer = engine.transport, engine.observer
        if s.effective_backend == "openai" and s.llm_mode != "replay":
            if engine.transport is None:
                from ..llm.transport import OpenAITransport

                engine.transport = OpenAITransport(s)
            engine.transport = StoppableTransport(engine.transport, self._stop)

        def observe(exchange: dict[str, Any]) -> None:
            self._exchange(exchange)
            if saved_observer is not None:
                saved_observer(exchange)

        engine.observer = observe
        self._pool_wanted = s.effective_backend == "local" and (self.workers or default_workers()) > 1
        main = asyncio.current_task()
        handled: list[tuple[int, Any]] = []

        def on_signal(signum: int, frame: Any) -> None:
            # Runs in the main thread between two bytecodes, even while the loop is busy: the model seam refuses
            # calls from this moment; the loop cancels the items as soon as it gets to it.
            self._stop.set()
            if isinstance(engine.transport, StoppableTransport):
                engine.transport.cancel_inflight()  # a request being built now fails instead of leaving
            if main is not None:
                loop.call_soon_threadsafe(main.cancel)

        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                handled.append((sig, signal.signal(sig, on_signal)))

        def restore() -> None:
            for sig, previous in handled:
                signal.signal(sig, previous)
            engine.transport, engine.observer = saved_transport, saved_observer

        return restore

    def _shutdown(self) -> None:
        """Let worker threads that are finishing do so (briefly); abandon requests still in flight."""
        deadline = time.monotonic() + config.BATCH_INTERRUPT_GRACE_S
        for t in list(self._threads):
            t.join(max(0.0, deadline - time.monotonic()))
        if self._pool is not None:  # offline tasks are short: let the running ones end, so workers exit quietly
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    # --- summaries ----------------------------------------------------------------------------------------------
    def _local_pool(self, item: Item) -> Executor | None:
        """The process pool for offline items, started once a run has more than a handful of articles (a small run
        is done before the workers would have started)."""
        self._local_seen += len(item.sources)
        if self._pool is None and self._pool_wanted and self._local_seen > config.BATCH_POOL_AFTER_ARTICLES:
            import multiprocessing

            from ..llm.tokens import count_tokens

            count_tokens("", self.engine.settings.model)  # load the encoding here, so a missing one is said once
            context = multiprocessing.get_context(config.BATCH_START_METHOD)
            if config.BATCH_START_METHOD == "forkserver":  # workers fork from a server that has imported summarizer
                context.set_forkserver_preload([__name__])
            self._pool = ProcessPoolExecutor(max_workers=self.workers or default_workers(),
                                             initializer=_start_worker, initargs=(self.engine.settings,),
                                             mp_context=context)
        return self._pool

    def _in_thread(self, loop: asyncio.AbstractEventLoop, fn: Callable[..., Any], *args: Any) -> asyncio.Future[Any]:
        """Run ``fn`` on a daemon thread (one a call; the semaphore bounds how many): a request still in flight
        when the batch is interrupted never holds the process open."""
        fut: asyncio.Future[Any] = loop.create_future()

        def deliver(ok: bool, value: Any) -> None:
            if not fut.done():
                fut.set_result(value) if ok else fut.set_exception(value)

        def work() -> None:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})  # signals go to the main thread
            try:
                result: tuple[bool, Any] = (True, fn(*args))
            except BaseException as exc:  # noqa: BLE001 - handed to the awaiting task
                result = (False, exc)
            try:
                loop.call_soon_threadsafe(deliver, *result)
            except RuntimeError:  # the loop is closed: the batch ended without waiting for this answer
                pass
            finally:
                self._threads.discard(threading.current_thread())

        t = threading.Thread(target=work, name="summarize", daemon=True)
        self._threads.add(t)
        t.start()
        return fut

    async def _summary(self, article: Article, loop: asyncio.AbstractEventLoop,
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
                if self._stop.is_set():
                    raise asyncio.CancelledError
                summary = await self._in_thread(loop, self.engine.summarize, article)
            self._account(summary)
            self._memory[key] = summary
            if len(self._memory) > config.BATCH_SUMMARY_MEMORY:
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
        with self._stats_lock:
            self.stats.articles += 1
            if summary.meta.mode == "cache":
                self.stats.cache_hits += 1
        self.on_progress(self.stats)

    def _exchange(self, e: dict[str, Any]) -> None:
        """Every model exchange counts, the failed ones too: requests sent (attempts), tokens and cost."""
        if e.get("source") == "replay":
            return
        tin, tout = int(e.get("input_tokens") or 0), int(e.get("output_tokens") or 0)
        cost = estimate_cost(e.get("model") or "", tin, tout, self.engine.settings.prices)
        with self._stats_lock:
            self.stats.calls += int(e.get("attempts") or 0)
            self.stats.input_tokens += tin
            self.stats.output_tokens += tout
            if cost is None:
                self.stats.unpriced = self.stats.unpriced or bool(tin or tout)
            else:
                self.stats.cost_usd += cost

    # --- items ---------------------------------------------------------------------------------------------------
    async def _item(self, item: Item, loop: asyncio.AbstractEventLoop, sem: asyncio.Semaphore,
                    results: ResultsFile) -> None:
        pool = self._local_pool(item) if self._pool_wanted else None
        if pool is not None:  # offline: the whole item runs on a worker; its results line comes back as text
            async with sem:
                if self._stop.is_set():
                    raise asyncio.CancelledError
                try:
                    row, line, fresh = await asyncio.wrap_future(pool.submit(local_item, self.engine.settings, item))
                except Exception as exc:  # noqa: BLE001 - a worker that died (BrokenProcessPool) fails its item
                    row = failed_row(item.id, exc)
                    line, fresh = results_line(row), 0
            self.stats.articles += fresh
            results.write_line(row["id"], line)
        else:
            try:
                if item.error:
                    raise InputError(item.error)
                articles = [load_source(s) for s in item.sources]
                summaries = await asyncio.gather(*(self._summary(a, loop, sem) for a in articles))
                verdict, report = diff_item(summaries)
                row = {"id": item.id, "status": "ok", "verdict": verdict, "report": report}
            except Interrupted:
                raise asyncio.CancelledError from None  # not a failure of the item: the run is ending
            except Exception as exc:  # noqa: BLE001 - a failure is recorded on its item and the batch goes on
                row = failed_row(item.id, exc)
            results.write(row)
        if row["status"] == "ok":
            self.stats.done += 1
        else:
            self.stats.failed += 1
        self.on_item(row)
        self.on_progress(self.stats)


def run_batch(input_path: Path, out: Path, engine: Summarizer, *, concurrency: int = 8, via: str = "direct",
              batch_id: str | None = None, poll_interval: float = 30.0, workers: int | None = None,
              on_progress: Callable[[BatchStats], None] = lambda stats: None,
              notice: Callable[[str], None] = lambda message: None) -> BatchStats:
    """A whole batch run: the provider batch first when ``via == 'openai-batch'``, then every item diffed, with
    each model exchange, each item and the run's totals in the SQLite run log beside the cache. Raises
    ``KeyboardInterrupt`` (with a line saying how to resume) when interrupted."""
    from .inputs import read_items
    from .runlog import RunLog

    started = time.monotonic()
    s = engine.settings
    if via == "openai-batch":
        from .provider import BatchResultsTransport, ProviderBatch

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

    def item_logged(row: dict[str, Any]) -> None:
        err = row.get("error") or {}
        log.item(row["id"], row["status"], row.get("verdict"), err.get("message"))

    runner = BatchRunner(engine=engine, out=out, concurrency=concurrency, workers=workers, on_progress=on_progress,
                         on_item=item_logged, warn=notice)
    status = "interrupted"
    try:
        stats = asyncio.run(runner.run(read_items(input_path)))
        if not stats.interrupted:
            status = "done"
    finally:
        st = runner.stats
        log.finish(status, items=st.items, failures=st.failed, calls=st.calls, cache_hits=st.cache_hits,
                   input_tokens=st.input_tokens, output_tokens=st.output_tokens,
                   cost_usd=None if st.unpriced else round(st.cost_usd, 6),
                   seconds=round(time.monotonic() - started, 3))
        log.close()
    if stats.interrupted:
        raise KeyboardInterrupt(f"{stats.done + stats.failed} items written to {out} before the signal; run the same "
                                "command again to resume (items already ok are skipped)")
    return stats


def dry_run(items: Iterator[Item], engine: Summarizer) -> dict[str, Any]:
    """Count what a run would send, without sending anything: distinct articles, model calls (chunks), cached
    articles, estimated tokens and cost."""
    from ..cache import SummaryCache
    from ..llm.tokens import count_tokens

    s = engine.settings
    seen: set[str] = set()
    totals: dict[str, Any] = {"items": 0, "articles": 0, "model_calls": 0, "cached": 0, "input_tokens": 0,
                              "output_tokens_estimate": 0, "estimated": False, "unreadable": []}
    cache = SummaryCache(s.cache_dir) if s.use_cache and s.cache_dir else None
    for item in items:
        totals["items"] += 1
        if item.error:
            totals["unreadable"].append({"id": item.id, "message": item.error})
            continue
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
            if cache is not None and cache.get(engine.cache_key(art)) is not None:
                totals["cached"] += 1
                continue
            plan = engine.plan(art)  # the same planner a run uses: everything each request sends
            totals["model_calls"] += len(plan.chunks)
            totals["input_tokens"] += plan.input_tokens
            totals["output_tokens_estimate"] += plan.output_tokens_estimate
            totals["estimated"] = totals["estimated"] or count_tokens(art.text[:100], s.model).estimated
    totals["cost_usd"] = estimate_cost(s.model, totals["input_tokens"], totals["output_tokens_estimate"], s.prices)
    totals["model"] = s.model
    return totals
