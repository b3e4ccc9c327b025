"""Article -> structured summary, through the cache, the chosen backend and grounding.

Backends: ``local`` (the offline extractor) and ``openai`` (a model through the prompt layer, with recordings).
``auto`` picks ``openai`` when an API key or base URL is configured (or in replay mode), else ``local``.

The model layer (``llm/``: prompts, planner, transport, recordings, the re-ask loop) is imported only when a model
is used: an offline run never loads it, nor asyncio, tenacity or the openai SDK.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import config
from .articles import Article, article_from_text
from .config import Settings, resolve_settings
from .errors import ConfigError
from .extract.local import EXTRACTOR_VERSION, extract_summary
from .normalize import entity_key
from .schema import ArticleSummary, ClaimDraft, Entity, Mode, SummaryDraft, SummaryMeta, Usage

if TYPE_CHECKING:
    from .llm.planner import ArticlePlan
    from .llm.prompts import Prompt
    from .llm.structured import DraftResult, ServerState
    from .llm.transport import Transport

__all__ = ["Summarizer", "RunStats", "summarize", "asummarize_many", "merge_drafts"]


@dataclass
class RunStats:
    """What the model path cost over a run: shown on stderr after a model-backed command."""

    calls: int = 0
    replayed: int = 0
    cache_hits: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    planned_requests: int = 0
    done_requests: int = 0

    def line(self, settings: Settings) -> str:
        from .llm.tokens import estimate_cost

        cost = estimate_cost(settings.model, self.input_tokens, self.output_tokens, settings.prices)
        money = f"${cost:.4f}" if cost is not None else "cost unknown (no price for this model)"
        replayed = f", {self.replayed} replayed (free)" if self.replayed else ""
        return (f"model {settings.model}: {self.calls} call(s), {self.cache_hits} cache hit(s){replayed}, "
                f"{self.input_tokens:,} tokens in, {self.output_tokens:,} out, {money}")


@dataclass
class Summarizer:
    """Holds settings and the model seam for many ``summarize`` calls. ``transport`` replaces the live model (tests
    pass an in-process fake); ``observer`` sees every model exchange; ``notice`` gets one-line warnings;
    ``progress`` is called after each model request with (done, planned)."""

    settings: Settings = field(default_factory=resolve_settings)
    transport: Transport | None = None
    observer: Callable[[dict], None] | None = None  # called with every model exchange (the batch run log)
    notice: Callable[[str], None] | None = None
    progress: Callable[[int, int], None] | None = None

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self.stats = RunStats()
        self._server: ServerState | None = None

    def cancel(self) -> None:
        """Stop sending: no new model request leaves after this (Ctrl-C, SIGTERM)."""
        cancel = getattr(self.transport, "cancel", None)
        if cancel is not None:
            cancel()

    def summarize(self, article: Article | str) -> ArticleSummary:
        if isinstance(article, str):
            article = article_from_text(article)
        backend = self.settings.effective_backend
        if backend == "local":
            summary = _offline(extract_summary(article))
        else:
            summary = self._summarize_model(article)
        if summary.meta.fetched_at != article.fetched_at:  # a URL's fetch time, never taken from the cache
            summary = summary.model_copy(update={"meta": summary.meta.model_copy(
                update={"fetched_at": article.fetched_at})})
        return summary

    def plan(self, article: Article) -> ArticlePlan:
        """The requests this article needs on the configured server (nothing is sent)."""
        from .llm.planner import plan_article

        return plan_article(article, self.settings, profile=self._server_state().profile)

    def assemble(self, article: Article, prompt: Prompt, drafts: list[SummaryDraft], usage: Usage, chunks: int,
                 key: str, mode: Mode, warnings: list[str] | None = None) -> ArticleSummary:
        """Chunk drafts -> one grounded ArticleSummary with its provenance (used by live runs and provider batches)."""
        from .grounding import ground
        from .llm.servers import server_id
        from .llm.tokens import count_tokens

        s = self.settings
        merged = merge_drafts(drafts)
        claims = ground(merged.claims, article.text)
        tc = count_tokens(article.text, s.model)
        ungrounded = sum(1 for c in claims if not c.grounded)
        return ArticleSummary(
            title=merged.title or article.title, gist=merged.gist,
            publication_date=merged.publication_date or article.publication_date, claims=claims,
            entities=merged.entities, quotes=merged.quotes,
            meta=SummaryMeta(backend="openai", model=s.model, mode=mode, prompt_id=prompt.id,
                             prompt_version=prompt.version, prompt_hash=prompt.hash, cache_key=key,
                             source=article.source, words=article.words, tokens=tc.tokens,
                             tokens_estimated=tc.estimated, chunks=chunks,
                             boilerplate_removed=article.boilerplate_removed, ungrounded=ungrounded, usage=usage,
                             server=server_id(s), warnings=list(warnings or [])),
        )

    def cache_key(self, article: Article) -> str:
        """The key of an article's summary in the cache, without planning its requests (a cache hit needs no
        chunking, token counting or prompt rendering)."""
        from .llm.planner import summary_cache_key
        from .llm.prompts import load_prompt

        return summary_cache_key(article, self.settings, load_prompt(config.PROMPT_ID, self.settings.prompt_version))

    def _server_state(self) -> ServerState:
        from .llm.servers import server_profile
        from .llm.structured import ServerState

        with self._lock:
            if self._server is None:
                self._server = ServerState(server_profile(self.settings))
            return self._server

    def _notice(self, message: str) -> None:
        if self.notice is not None:
            self.notice(message)

    def _observe(self, exchange: dict) -> None:
        with self._lock:
            if exchange.get("source") == "replay":
                self.stats.replayed += 1
            else:  # what the server was sent and billed: failed exchanges count too
                self.stats.calls += int(exchange.get("attempts") or (1 if exchange.get("status") == "ok" else 0))
                self.stats.input_tokens += int(exchange.get("input_tokens") or 0)
                self.stats.output_tokens += int(exchange.get("output_tokens") or 0)
            self.stats.done_requests += 1
            done, planned = self.stats.done_requests, self.stats.planned_requests
        if self.progress is not None:
            self.progress(done, planned)
        if self.observer is not None:
            self.observer(exchange)

    def _summarize_model(self, article: Article) -> ArticleSummary:
        from concurrent.futures import ThreadPoolExecutor

        from .cache import SummaryCache
        from .llm.recordings import RecordingStore, RecordingTransport
        from .llm.servers import server_id
        from .llm.structured import structured_summary
        from .llm.transport import OpenAITransport

        s = self.settings
        key = self.cache_key(article)
        cache = SummaryCache(s.cache_dir) if (s.use_cache and s.cache_dir) else None
        if cache is not None and s.llm_mode not in ("record", "replay"):  # record always calls; replay reads only
            # recordings, so its output never depends on what a cache holds
            hit = cache.get(key)
            if hit is not None and hit.meta.mode in ("live", "record", "batch"):
                with self._lock:
                    self.stats.cache_hits += 1
                meta = hit.meta.model_copy(update={"mode": "cache", "cached_from": hit.meta.mode,
                                                   "source": article.source})
                return hit.model_copy(update={"meta": meta})
        plan = self.plan(article)
        with self._lock:  # one live transport per Summarizer, shared by worker threads
            if self.transport is None and s.llm_mode != "replay":
                self.transport = OpenAITransport(s)
            self.stats.planned_requests += len(plan.chunks)
        state = self._server_state()
        store = RecordingStore(s.recordings_dir or Path("recordings"), secrets=(s.api_key or "",))
        rec = RecordingTransport(self.transport, store, s.llm_mode, model=s.model,
                                 meta={"source": article.source, "prompt": plan.prompt.ref,
                                       "prompt_hash": plan.prompt.hash, "server": server_id(s)},
                                 observer=self._observe)

        def one(chunk: Any) -> DraftResult:
            return structured_summary(chunk.messages, rec, s, state, notice=self._notice)

        if len(plan.chunks) == 1:
            results = [one(plan.chunks[0])]
        else:  # chunks concurrently; the transport's gate bounds requests in flight in total
            workers = min(len(plan.chunks), s.concurrency)
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="chunk") as pool:
                results = list(pool.map(one, plan.chunks))
        usage = Usage()
        warnings: list[str] = []
        for i, r in enumerate(results):
            usage.input_tokens += r.usage.input_tokens
            usage.output_tokens += r.usage.output_tokens
            usage.calls += r.usage.calls
            prefix = f"part {i + 1}: " if len(results) > 1 else ""
            warnings += [prefix + w for w in r.warnings]
        mode: Mode = "replay" if rec.used == {"replay"} else ("record" if s.llm_mode == "record" else "live")
        summary = self.assemble(article, plan.prompt, [r.draft for r in results], usage, len(plan.chunks), key,
                                mode, warnings)
        if summary.meta.ungrounded:
            self._notice(f"{summary.meta.ungrounded} claim(s) of {article.source} quote evidence that is not in "
                         "the article (marked grounded: false)")
        if cache is not None and mode != "replay":  # replayed fixtures are never cached as a server's answer
            cache.put(key, summary)
        return summary


def merge_drafts(drafts: list[SummaryDraft]) -> SummaryDraft:
    """Chunk summaries into one: claims concatenated and renumbered c1..cN, entities merged by normalised name
    (aliases unioned, first type wins), quotes concatenated. Deterministic."""
    if len(drafts) == 1:
        return drafts[0]
    claims: list[ClaimDraft] = []
    for d in drafts:
        for c in d.claims:
            claims.append(c.model_copy(update={"id": f"c{len(claims) + 1}"}))
    entities: dict[str, Entity] = {}
    for d in drafts:
        for e in d.entities:
            k = entity_key(e.name)
            if k in entities:
                prev = entities[k]
                aliases = sorted(set(prev.aliases) | set(e.aliases) | ({e.name} - {prev.name}))
                entities[k] = prev.model_copy(update={"aliases": aliases})
            else:
                entities[k] = e
    return SummaryDraft(
        title=next((d.title for d in drafts if d.title), None), gist=drafts[0].gist,
        publication_date=next((d.publication_date for d in drafts if d.publication_date), None), claims=claims,
        entities=list(entities.values()), quotes=[q for d in drafts for q in d.quotes],
    )


def _offline(summary: ArticleSummary) -> ArticleSummary:
    """The offline extractor's summary with its version. Tokens are not counted offline (nothing is sent, and loading
    an encoding costs more than extracting and diffing): ``summarizer tokens`` counts them when asked."""
    meta = summary.meta.model_copy(update={"extractor_version": EXTRACTOR_VERSION})
    return summary.model_copy(update={"meta": meta})


def summarize(text: str | Article, settings: Settings | None = None, *, transport: Transport | None = None,
              **overrides) -> ArticleSummary:
    """Summarise one article (text or ``Article``) into an ``ArticleSummary``."""
    s = settings or resolve_settings(**overrides)
    return Summarizer(settings=s, transport=transport).summarize(text)


async def asummarize_many(texts: Iterable[str | Article], settings: Settings | None = None, *,
                          concurrency: int = 8, transport: Transport | None = None) -> list[ArticleSummary]:
    """Summarise many articles concurrently (bounded by a semaphore), results in input order."""
    import asyncio

    if concurrency < 1:
        raise ConfigError(f"concurrency must be at least 1 (not {concurrency})")
    s = settings or resolve_settings()
    engine = Summarizer(settings=s, transport=transport)
    sem = asyncio.Semaphore(concurrency)

    async def one(t: str | Article) -> ArticleSummary:
        async with sem:
            return await asyncio.to_thread(engine.summarize, t)

    return list(await asyncio.gather(*(one(t) for t in texts)))
