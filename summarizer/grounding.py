"""Grounding: is each claim backed by the article, facts and all?

A claim is grounded when both hold:
1. Its evidence quote is the article's own words. Both texts are folded the same way (Unicode, case, quote marks,
   dashes, whitespace, punctuation between words, hyphenation: "co-operation" = "cooperation" = "co operation";
   "didn't" = "did not"; "1,200" = "1200"), then the quote must appear as a run of whole words, or differ from such a
   run only in articles ("a", "an", "the"). Numbers keep their decimal point and their grouping ("3.5" is not "35",
   "12,00" is not "1,200"). An elided quote ("... ") is grounded when its parts appear in order, close together, and
   the elided words hold no negation and no number. A quote with fewer than ``GROUNDING_MIN_CONTENT_WORDS`` content
   words supports nothing.
2. The claim's text says no more than its quote: every number in the text is in the quote (digits or number words),
   the text is negated exactly when the quote is, and every name in the text is in the article (a resolved pronoun
   may name someone the quote does not).
Ungrounded claims are kept and flagged (``grounded: false``), never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import config
from .normalize import LETTER, STOPWORDS, UPPER, fold_lower, parse_number
from .schema import Claim, ClaimDraft

_NUMBER = r"\d+(?:[.,]\d+)*"
_TOKEN = re.compile(rf"{_NUMBER}|[a-z]+")
_ELLIPSIS = re.compile(r"\.\.\.|\u2026|\[\s*\.\.\.\s*\]")
_ARTICLES = frozenset({"a", "an", "the"})  # the only words whose difference is forgiven
_NEGATIONS = frozenset("not no never none nobody nothing neither nor without cannot".split())
_MAX_ELIDED_TOKENS = 40
_NAME = re.compile(rf"\b[{UPPER}][{LETTER}\u2019'\-]+(?:\s+[{UPPER}][{LETTER}\u2019'\-]+)*")
_NUMBER_WORD = re.compile(r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                          r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
                          r"seventy|eighty|ninety|hundred|thousand|million|billion)(?:[\s-]+(?:and\s+)?(?:one|two|"
                          r"three|four|five|six|seven|eight|nine|hundred|thousand|million|billion))*\b", re.I)


def _norm_number(tok: str) -> str:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", tok):  # a valid thousands grouping: "1,200" = "1200"
        return tok.replace(",", "")
    return tok


def _tokens(text: str) -> list[str]:
    folded = fold_lower(text).replace("n't", " not").replace("n\u2019t", " not")
    folded = re.sub(r"(?<=[a-z])[-\u2010\u2011](?=[a-z])", " ", folded)  # hyphenation: see _find
    return [_norm_number(t) for t in _TOKEN.findall(folded)]


def _is_number(tok: str) -> bool:
    return tok[0].isdigit()


@dataclass(frozen=True)
class _Text:
    tokens: tuple[str, ...]
    compact: str  # tokens joined with a separator that cannot occur inside a token
    starts: dict[int, int]  # offset in ``compact`` -> token index
    ends: dict[int, int]  # offset just past a token -> index of the next token
    major: tuple[str, ...]  # tokens without articles
    major_index: tuple[int, ...]  # index in ``tokens`` of each major token
    joined: str  # tokens joined with nothing between them ("co operation" -> "cooperation")
    joined_starts: dict[int, int]
    joined_ends: dict[int, int]


_SEP = "\x00"


@lru_cache(maxsize=64)
def _text(text: str) -> _Text:
    tokens = _tokens(text)
    starts, ends, pos = {}, {}, 0
    for i, t in enumerate(tokens):
        starts[pos] = i
        pos += len(t)
        ends[pos] = i + 1
        pos += 1
    major_index = tuple(i for i, t in enumerate(tokens) if t not in _ARTICLES)
    jstarts, jends, pos = {}, {}, 0
    for i, t in enumerate(tokens):
        jstarts[pos] = i
        pos += len(t)
        jends[pos] = i + 1
    return _Text(tuple(tokens), _SEP.join(tokens), starts, ends, tuple(tokens[i] for i in major_index), major_index,
                 "".join(tokens), jstarts, jends)


def _find(article: _Text, part: list[str], from_token: int) -> tuple[int, int] | None:
    """(first, past-last) token indices of the first occurrence of ``part`` at or after ``from_token``: whole words;
    whole words with hyphenation forgiven ("military-support" = "military support", "co-operation" =
    "cooperation"); whole words up to articles."""
    for text, needle, starts, ends in (
            (article.compact, _SEP.join(part), article.starts, article.ends),
            (article.joined, "".join(part), article.joined_starts, article.joined_ends)):
        i = text.find(needle)
        while i != -1:
            if i in starts and starts[i] >= from_token and i + len(needle) in ends:
                return starts[i], ends[i + len(needle)]
            i = text.find(needle, i + 1)
    major = [t for t in part if t not in _ARTICLES]
    n = len(major)
    if n == 0:
        return None
    seq = article.major
    for j in range(len(seq) - n + 1):
        if seq[j] == major[0] and list(seq[j:j + n]) == major and article.major_index[j] >= from_token:
            return article.major_index[j], article.major_index[j + n - 1] + 1
    return None


def content_words(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in STOPWORDS and t not in _ARTICLES and t not in _NEGATIONS]


def is_grounded(evidence: str, article_text: str,
                min_content_words: int = config.GROUNDING_MIN_CONTENT_WORDS) -> bool:
    """Whether ``evidence`` is the article's own words (see the module docstring)."""
    art = _text(article_text)
    parts = [p for p in (_tokens(x) for x in _ELLIPSIS.split(evidence)) if p]
    if not parts or sum(len(content_words(p)) for p in parts) < min_content_words:
        return False
    at = 0
    previous_end: int | None = None
    for part in parts:
        span = _find(art, part, at)
        if span is None:
            return False
        if previous_end is not None:
            gap = art.tokens[previous_end:span[0]]
            if len(gap) > _MAX_ELIDED_TOKENS or any(t in _NEGATIONS or _is_number(t) for t in gap):
                return False
        previous_end = at = span[1]
    return True


def _numbers(text: str) -> set[float]:
    values: set[float] = set()
    for tok in re.findall(_NUMBER, text):
        value = parse_number(_norm_number(tok))
        if value is not None:
            values.add(value)
    for m in _NUMBER_WORD.finditer(text):
        value = parse_number(m.group(0))
        if value is not None:
            values.add(value)
    return values


def _negated(text: str) -> bool:
    return any(t in _NEGATIONS for t in _tokens(text))


def text_supported(text: str, evidence: str, article_text: str) -> bool:
    """Whether the claim's text says no more than its evidence: numbers, negation and names."""
    evidence_numbers = _numbers(evidence)
    if any(n not in evidence_numbers for n in _numbers(text)):
        return False
    if _negated(text) != _negated(evidence):
        return False
    folded_article = _SEP.join(_text(article_text).tokens)
    for name in _NAME.findall(text):
        words = [w for w in _tokens(name) if w not in STOPWORDS]
        if words and _SEP.join(words) not in folded_article:
            return False
    return True


def ground(claims: list[ClaimDraft], article_text: str) -> list[Claim]:
    return [Claim(**c.model_dump(exclude={"grounded"}),
                  grounded=is_grounded(c.evidence, article_text) and text_supported(c.text, c.evidence, article_text))
            for c in claims]
