"""Grounding: is each claim's evidence quote really in the article, facts and all?

A quote is grounded when, after folding both texts the same way (Unicode, case, quote marks, dashes, whitespace,
punctuation and hyphenation: "co-operation" = "cooperation" = "co operation"), it appears in the article as a run of
whole words, or when it differs from such a run only in minor function words ("the", "of", "and"...). Every number,
negation, name and content word must be the article's own: a quote with an altered number, a dropped "not", a
swapped name or verb is not grounded. A quote with fewer than ``GROUNDING_MIN_CONTENT_WORDS`` content words supports
nothing and is not grounded either. An elided quote ("... ") is grounded when every part is, in order. Ungrounded
claims are kept and flagged (``grounded: false``), never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import config
from .normalize import STOPWORDS, fold_lower
from .schema import Claim, ClaimDraft

_TOKEN = re.compile(r"[a-z0-9]+")
_ELLIPSIS = re.compile(r"\.\.\.|\u2026|\[\s*\.\.\.\s*\]")
# Words whose change does not change a fact (articles, most prepositions, conjunctions): the only ones forgiven.
_MINOR = frozenset("a an the of to in on at for and or that which with by as from its it this".split())
_NEGATIONS = frozenset("not no never none nobody nothing neither nor without t nt cannot".split())


def _tokens(text: str) -> list[str]:
    folded = fold_lower(text).replace("n't", " not").replace("n\u2019t", " not")
    return _TOKEN.findall(re.sub(r"(?<=[a-z0-9])[-\u2010\u2011](?=[a-z0-9])", "", folded))


@dataclass(frozen=True)
class _Article:
    tokens: tuple[str, ...]
    compact: str  # tokens joined with no separator
    starts: frozenset[int]  # offsets in ``compact`` where a token starts
    ends: frozenset[int]
    major: tuple[str, ...]  # tokens without the minor words


@lru_cache(maxsize=64)
def _article(text: str) -> _Article:
    tokens = _tokens(text)
    starts, ends, pos = set(), set(), 0
    for t in tokens:
        starts.add(pos)
        pos += len(t)
        ends.add(pos)
    return _Article(tuple(tokens), "".join(tokens), frozenset(starts), frozenset(ends),
                    tuple(t for t in tokens if t not in _MINOR))


def _contains_words(article: _Article, tokens: list[str], start_at: int = 0) -> int:
    """Offset just past the first whole-word occurrence of ``tokens`` (joined) at or after ``start_at``, or -1."""
    needle = "".join(tokens)
    i = article.compact.find(needle, start_at)
    while i != -1:
        if i in article.starts and i + len(needle) in article.ends:
            return i + len(needle)
        i = article.compact.find(needle, i + 1)
    return -1


def _contains_major(article: _Article, tokens: list[str]) -> bool:
    major = [t for t in tokens if t not in _MINOR]
    n = len(major)
    if n == 0:
        return False
    seq = article.major
    first = major[0]
    for i in range(len(seq) - n + 1):
        if seq[i] == first and list(seq[i:i + n]) == major:
            return True
    return False


def content_words(tokens: list[str]) -> list[str]:
    return [t for t in tokens if (t not in STOPWORDS or t in _NEGATIONS) and t not in _MINOR]


def is_grounded(evidence: str, article_text: str,
                min_content_words: int = config.GROUNDING_MIN_CONTENT_WORDS) -> bool:
    """Whether ``evidence`` is the article's own words (see the module docstring)."""
    art = _article(article_text)
    parts = [p for p in (_tokens(x) for x in _ELLIPSIS.split(evidence)) if p]
    if not parts or len([w for p in parts for w in content_words(p) if w not in _NEGATIONS]) < min_content_words:
        return False
    pos = 0
    for part in parts:
        end = _contains_words(art, part, pos)
        if end == -1:
            if not _contains_major(art, part):
                return False
        else:
            pos = end
    return True


def ground(claims: list[ClaimDraft], article_text: str) -> list[Claim]:
    return [Claim(**c.model_dump(exclude={"grounded"}), grounded=is_grounded(c.evidence, article_text))
            for c in claims]
