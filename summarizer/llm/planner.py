"""The one request planner: article -> chunks -> prompt messages -> request bodies, with what each request sends
(every token: system prompt, field guide, schema, article) and an estimate of what it returns. Used by the pipeline,
``summarizer tokens``, ``batch --dry-run`` and the provider batch, so all four count the same way.

Output is estimated from the size of schema-shaped summaries per article word
(``config.OUTPUT_TOKENS_PER_ARTICLE_WORD``, measured on the hand-written golden summaries), not from the article's
own length. Chunks after the first carry the title, the lede and the names found so far (by the offline entity
recogniser on the earlier chunks, so that chunks can be summarised concurrently).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from typing import Any

from .. import config
from ..articles import Article
from ..config import Settings
from ..errors import SummarizerError
from ..files import canonical_hash
from ..schema import SCHEMA_VERSION, SummaryDraft
from .prompts import Prompt, load_prompt
from .servers import ServerProfile, is_reasoning_model, request_body, server_id, server_profile
from .strict import schema_hash
from .tokens import chunk_text, count_tokens, estimate_cost

_MESSAGE_OVERHEAD_TOKENS = 4  # per chat message (role and separators), as OpenAI documents for its chat format
_MAX_CONTEXT_NAMES = 30
_LEDE_WORDS = 60


@dataclass(frozen=True)
class ChunkRequest:
    index: int
    text: str
    messages: list[dict[str, str]]  # the prompt's messages, before the server's additions
    body: dict[str, Any]  # the first request for this chunk on this server
    input_tokens: int  # everything the request sends
    output_tokens_estimate: int


@dataclass(frozen=True)
class ArticlePlan:
    article: Article
    prompt: Prompt
    key: str  # the summary's cache key
    chunks: tuple[ChunkRequest, ...]

    @property
    def input_tokens(self) -> int:
        return sum(c.input_tokens for c in self.chunks)

    @property
    def output_tokens_estimate(self) -> int:
        return sum(c.output_tokens_estimate for c in self.chunks)

    def cost(self, settings: Settings) -> float | None:
        return estimate_cost(settings.model, self.input_tokens, self.output_tokens_estimate, settings.prices)


def summary_cache_key(article: Article, settings: Settings, prompt: Prompt) -> str:
    """What a summary depends on: prompt text, schema sent, server, model and parameters, and the article."""
    s = settings
    return canonical_hash({
        "schema": SCHEMA_VERSION, "prompt": prompt.ref, "prompt_hash": prompt.hash,
        "json_schema": schema_hash(SummaryDraft), "server": server_id(s), "model": s.model,
        "reasoning": is_reasoning_model(s), "temperature": s.temperature, "seed": s.seed,
        "max_output_tokens": s.max_output_tokens, "chunk_tokens": s.chunk_tokens, "title": article.title,
        "date": article.publication_date, "text": article.text,
    })


def fence_tag(text: str) -> str:
    """The tag around the article block: derived from the text, so no text can contain its own closing tag."""
    return "article-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _names(text: str) -> list[str]:
    from ..articles import article_from_text
    from ..extract.local import extract_summary

    try:
        return [e.name for e in extract_summary(article_from_text(text)).entities]
    except SummarizerError:  # e.g. a language the offline recogniser does not read: no names, the model still can
        return []


def _lede(article: Article) -> str:
    first = next((p.strip() for p in re.split(r"\n\s*\n", article.text) if p.strip()), "")
    words = first.split()
    return " ".join(words[:_LEDE_WORDS]) + (" ..." if len(words) > _LEDE_WORDS else "")


def render_messages(prompt: Prompt, article: Article, chunk: str, *, index: int = 0, total: int = 1,
                    names: list[str] | None = None) -> list[dict[str, str]]:
    """The chat messages for one chunk of an article: the one place a prompt meets article text."""
    context = ""
    if total > 1:
        context = f"This is part {index + 1} of {total} of the article."
        if index > 0:
            context += f"\nThe article's lede: {_lede(article)}"
            if names:
                context += "\nNames found in the earlier parts: " + "; ".join(names[:_MAX_CONTEXT_NAMES]) + "."
    values = {"article": chunk, "title": article.title or "(none)",
              "publication_date": article.publication_date or "(not stated)", "context": context,
              "fence": fence_tag(chunk)}
    return prompt.render(**{k: v for k, v in values.items() if k in prompt.variables})


def sent_tokens(body: dict[str, Any], model: str) -> int:
    """Tokens a request sends: every message, the overhead per message and the response format's schema."""
    messages = body["messages"]
    n = sum(count_tokens(m["content"], model).tokens + _MESSAGE_OVERHEAD_TOKENS for m in messages)
    if "response_format" in body:
        n += count_tokens(json.dumps(body["response_format"], sort_keys=True), model).tokens
    return n


def chunk_budget(article: Article, settings: Settings) -> int:
    """Article tokens per request: at most ``chunk_tokens``, and few enough that the expected summary of the chunk
    (``OUTPUT_TOKENS_PER_ARTICLE_WORD``) fits in ``max_output_tokens`` with a tenth to spare."""
    tokens = max(1, count_tokens(article.text, settings.model).tokens)
    words_per_token = max(article.words, 1) / tokens
    fits = int(0.9 * settings.max_output_tokens / (config.OUTPUT_TOKENS_PER_ARTICLE_WORD * words_per_token))
    return max(config.MIN_CHUNK_TOKENS, min(settings.chunk_tokens, fits))


def plan_article(article: Article, settings: Settings, *, prompt: Prompt | None = None,
                 profile: ServerProfile | None = None) -> ArticlePlan:
    s = settings
    prompt = prompt or load_prompt(config.PROMPT_ID, s.prompt_version)
    profile = profile or server_profile(s)
    chunks = chunk_text(article.text, s.model, chunk_budget(article, s))
    names: list[str] = []
    planned = []
    for i, chunk in enumerate(chunks):
        messages = render_messages(prompt, article, chunk, index=i, total=len(chunks), names=names)
        body = request_body(messages, s, profile)
        out = min(s.max_output_tokens, math.ceil(len(chunk.split()) * config.OUTPUT_TOKENS_PER_ARTICLE_WORD))
        planned.append(ChunkRequest(i, chunk, messages, body, sent_tokens(body, s.model), out))
        if len(chunks) > 1 and i + 1 < len(chunks):
            names += [n for n in _names(chunk) if n not in names]
    return ArticlePlan(article, prompt, summary_cache_key(article, s, prompt), tuple(planned))
