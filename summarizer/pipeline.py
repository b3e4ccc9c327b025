"""Article -> structured summary, through the cache, the chosen backend and grounding.

Backends: ``local`` (the offline extractor) and ``openai`` (a model through the prompt layer, with recordings).
``auto`` picks ``openai`` when an API key or base URL is configured (or in replay mode), else ``local``.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .articles import Article, article_from_text
from .cache import SummaryCache, summary_key
from .config import Settings, resolve_settings
from .errors import ConfigError
from .extract.local import EXTRACTOR_VERSION, extract_summary
from .grounding import ground
from .llm.client import OpenAITransport, RecordingTransport, Transport, structured_summary
from .llm.prompts import Prompt, load_prompt
from .llm.recordings import RecordingStore
from .llm.tokens import chunk_text, count_tokens
from .normalize import entity_key
from .schema import SCHEMA_VERSION, ArticleSummary, Entity, SummaryDraft, SummaryMeta, Usage


@dataclass
class Summarizer:
    """Holds settings and the model seam for many ``summarize`` calls. ``transport`` replaces the live model (tests
    pass an in-process fake); ``observer`` sees every model exchange."""

    settings: Settings = field(default_factory=resolve_settings)
    transport: Transport | None = None
    observer: Callable[[dict], None] | None = None  # called with every model exchange (the batch run log)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def summarize(self, article: Article | str) -> ArticleSummary:
        if isinstance(article, str):
            article = article_from_text(article)
        backend = self.settings.effective_backend
        if backend == "local":
            summary = _with_tokens(extract_summary(article), article, self.settings.model)
        else:
            summary = self._summarize_model(article)
        if summary.meta.fetched_at != article.fetched_at:  # a URL's fetch time, never taken from the cache
            summary = summary.model_copy(update={"meta": summary.meta.model_copy(
                update={"fetched_at": article.fetched_at})})
        return summary

    def assemble(self, article: Article, prompt: Prompt, drafts: list[SummaryDraft], usage: Usage, chunks: int,
                 key: str, mode: str) -> ArticleSummary:
        """Chunk drafts -> one grounded ArticleSummary with its provenance (used by live runs and provider batches)."""
        s = self.settings
        merged = merge_drafts(drafts)
        claims = ground(merged.claims, article.text)
        tc = count_tokens(article.text, s.model)
        return ArticleSummary(
            title=merged.title or article.title, gist=merged.gist,
            publication_date=merged.publication_date or article.publication_date, claims=claims,
            entities=merged.entities, quotes=merged.quotes,
            meta=SummaryMeta(backend="openai", model=s.model, mode=mode, prompt_id=prompt.id,
                             prompt_version=prompt.version, prompt_hash=prompt.hash, cache_key=key,
                             source=article.source, words=article.words, tokens=tc.tokens,
                             tokens_estimated=tc.estimated, chunks=chunks,
                             boilerplate_removed=article.boilerplate_removed,
                             ungrounded=sum(1 for c in claims if not c.grounded), usage=usage),
        )

    def cache_key(self, article: Article, prompt: Prompt) -> str:
        """The key of an article's summary in the cache: prompt (id, version, hash), model and parameters, text."""
        s = self.settings
        return summary_key({
            "schema": SCHEMA_VERSION, "prompt": prompt.ref, "prompt_hash": prompt.hash, "model": s.model,
            "temperature": s.temperature, "seed": s.seed, "max_output_tokens": s.max_output_tokens,
            "chunk_tokens": s.chunk_tokens, "title": article.title, "date": article.publication_date,
            "text": article.text,
        })

    def _summarize_model(self, article: Article) -> ArticleSummary:
        s = self.settings
        prompt = load_prompt("summarize", s.prompt_version)
        chunks = chunk_text(article.text, s.model, s.chunk_tokens)
        key = self.cache_key(article, prompt)
        cache = SummaryCache(s.cache_dir) if (s.use_cache and s.cache_dir) else None
        if cache is not None and s.llm_mode != "record":  # record mode always calls the model, then caches
            hit = cache.get(key)
            if hit is not None:
                meta = hit.meta.model_copy(update={"mode": "cache", "source": article.source})
                return hit.model_copy(update={"meta": meta})
        with self._lock:  # one live transport per Summarizer, shared by worker threads
            if self.transport is None and s.llm_mode != "replay":
                self.transport = OpenAITransport(s)
        live = self.transport
        store = RecordingStore(s.recordings_dir or Path("recordings"), secrets=(s.api_key or "",))
        rec = RecordingTransport(live, store, s.llm_mode, model=s.model,
                                 meta={"source": article.source, "prompt": prompt.ref, "prompt_hash": prompt.hash},
                                 observer=self.observer)
        drafts: list[SummaryDraft] = []
        usage = Usage()
        for chunk in chunks:
            result = structured_summary(render_messages(prompt, article, chunk), rec, s)
            drafts.append(result.draft)
            usage.input_tokens += result.usage.input_tokens
            usage.output_tokens += result.usage.output_tokens
            usage.calls += result.usage.calls
        mode = "replay" if rec.used == {"replay"} else ("record" if s.llm_mode == "record" else "live")
        summary = self.assemble(article, prompt, drafts, usage, len(chunks), key, mode)
        if cache is not None:
            cache.put(key, summary)
        return summary


def render_messages(prompt: Prompt, article: Article, chunk: str) -> list[dict[str, str]]:
    """The chat messages for one chunk of an article: the one place a prompt meets article text."""
    return prompt.render(article=chunk, title=article.title or "(none)",
                         publication_date=article.publication_date or "(not stated)")


def merge_drafts(drafts: list[SummaryDraft]) -> SummaryDraft:
    """Chunk summaries into one: claims concatenated and renumbered c1..cN, entities merged by normalised name
    (aliases unioned, first type wins), quotes concatenated. Deterministic."""
    if len(drafts) == 1:
        return drafts[0]
    claims = []
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


def _with_tokens(summary: ArticleSummary, article: Article, model: str) -> ArticleSummary:
    tc = count_tokens(article.text, model)
    meta = summary.meta.model_copy(update={"tokens": tc.tokens, "tokens_estimated": tc.estimated,
                                           "extractor_version": EXTRACTOR_VERSION})
    return summary.model_copy(update={"meta": meta})


def summarize(text: str | Article, settings: Settings | None = None, *, transport: Transport | None = None,
              **overrides) -> ArticleSummary:
    """Summarise one article (text or ``Article``) into an ``ArticleSummary``."""
    s = settings or resolve_settings(**overrides)
    return Summarizer(settings=s, transport=transport).summarize(text)


async def asummarize_many(texts: Iterable[str | Article], settings: Settings | None = None, *,
                          concurrency: int = 8, transport: Transport | None = None) -> list[ArticleSummary]:
    """Summarise many articles concurrently (bounded by a semaphore), results in input order."""
    if concurrency < 1:
        raise ConfigError(f"concurrency must be at least 1 (not {concurrency})")
    s = settings or resolve_settings()
    engine = Summarizer(settings=s, transport=transport)
    sem = asyncio.Semaphore(concurrency)

    async def one(t: str | Article) -> ArticleSummary:
        async with sem:
            return await asyncio.to_thread(engine.summarize, t)

    return list(await asyncio.gather(*(one(t) for t in texts)))
