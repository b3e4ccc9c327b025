"""Token counting with tiktoken, chunking on paragraph boundaries, and cost estimates.

When no encoding file can be loaded (no internet and an empty tiktoken cache), counting falls back once, loudly, to
an estimate of ``len(text) / CHARS_PER_TOKEN_ESTIMATE`` tokens (about 33% above the real count for English
news), so budgets err on the safe side. Pre-fill the cache with ``TIKTOKEN_CACHE_DIR`` to get exact counts offline.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import config

_lock = threading.Lock()
_encodings: dict[str, Any] = {}
_failed: set[str] = set()
def _silent(message: str) -> None:
    """The default notice: say nothing (the CLI points ``notice`` at stderr)."""


notice: Callable[[str], None] = _silent


def encoding_name(model: str) -> str:
    import tiktoken.model

    try:
        return tiktoken.model.encoding_name_for_model(model)
    except KeyError:
        return config.FALLBACK_ENCODING


def _encoding(model: str):
    name = encoding_name(model)
    with _lock:
        if name in _encodings:
            return _encodings[name]
        if name in _failed:
            return None
        try:
            import tiktoken

            enc = tiktoken.get_encoding(name)
        except Exception as exc:  # network or file failure: degrade loudly, once
            _failed.add(name)
            notice(f"tiktoken could not load {name} ({type(exc).__name__}); token counts are estimates "
                   f"(1 token per {config.CHARS_PER_TOKEN_ESTIMATE:g} characters). Set TIKTOKEN_CACHE_DIR to a folder "
                   "holding the encoding file for exact counts.")
            return None
        _encodings[name] = enc
        return enc


@dataclass(frozen=True)
class TokenCount:
    tokens: int
    estimated: bool
    encoding: str


def count_tokens(text: str, model: str = config.DEFAULT_MODEL) -> TokenCount:
    enc = _encoding(model)
    if enc is None:
        return TokenCount(math.ceil(len(text) / config.CHARS_PER_TOKEN_ESTIMATE), True, "estimate")
    return TokenCount(len(enc.encode(text, disallowed_special=())), False, encoding_name(model))


def chunk_text(text: str, model: str, budget: int) -> list[str]:
    """Split ``text`` into pieces of at most ``budget`` tokens, on paragraph boundaries, then sentences, then
    characters for a single overlong sentence. Deterministic; a text within budget is one chunk."""
    if count_tokens(text, model).tokens <= budget:
        return [text]
    units: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        if not para.strip():
            continue
        if count_tokens(para, model).tokens <= budget:
            units.append(para.strip())
            continue
        for sent in re.split(r"(?<=[.!?])\s+", para):
            if count_tokens(sent, model).tokens <= budget:
                units.append(sent)
            else:
                width = max(1, int(budget * config.CHARS_PER_TOKEN_ESTIMATE * 0.9))
                units += [sent[i:i + width] for i in range(0, len(sent), width)]
    chunks: list[str] = []
    current: list[str] = []
    used = 0
    for u in units:
        n = count_tokens(u, model).tokens + 2
        if current and used + n > budget:
            chunks.append("\n\n".join(current))
            current, used = [], 0
        current.append(u)
        used += n
    if current:
        chunks.append("\n\n".join(current))
    return chunks


def estimate_cost(model: str, input_tokens: int, output_tokens: int,
                  prices: dict[str, tuple[float, float]] | None = None) -> float | None:
    """USD for the given usage, or None when the model has no price in the table."""
    table = prices or config.PRICES_PER_MTOK
    if model not in table:
        return None
    pin, pout = table[model]
    return round(input_tokens / 1e6 * pin + output_tokens / 1e6 * pout, 6)
