"""Word meaning from a small WordNet-derived file: synonyms, antonyms, morphological negation, lemmas.

The data (``data/lexicon.json.gz``, about 360 KB, built by ``scripts/build_lexicon.py``; license in ``data/NOTICE``)
is read on first use, never at import time. Words are compared by lemma: WordNet's irregular forms ('fell' ->
'fall'), then plain English suffix rules ('raised' -> 'raise', 'stopping' -> 'stop'), keeping the first form the
lexicon knows.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "lexicon.json.gz"
NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "non", "dis")


@dataclass(frozen=True)
class Lexicon:
    antonyms: frozenset[str]  # 'a|b' with a < b
    synsets: dict[str, list[int]]  # word -> the synsets it belongs to
    lemmas: dict[str, str]
    verbs: frozenset[str] = frozenset()  # words used mostly as verbs

    def known(self, word: str) -> bool:
        return word in self.synsets or word in self.lemmas


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = json.loads(gzip.decompress(DATA.read_bytes()))
    synsets: dict[str, list[int]] = {}
    for k, group in enumerate(data["synsets"]):
        for w in group:
            if w in synsets:
                synsets[w].append(k)
            else:
                synsets[w] = [k]
    antonyms = frozenset(f"{a}|{b}" for a, b in data["antonyms"])
    for a, b in data["antonyms"]:
        synsets.setdefault(a, [])
        synsets.setdefault(b, [])
    return Lexicon(antonyms=antonyms, synsets=synsets, lemmas=data["lemmas"], verbs=frozenset(data["verbs"]))


@lru_cache(maxsize=65536)
def lemmas(word: str) -> tuple[str, ...]:
    """The dictionary forms the lexicon knows for one word ('buying': 'buying' the noun, 'buy' the verb); the word
    itself when it knows none."""
    lex = lexicon()
    w = word.lower()
    if w in lex.lemmas:
        return (lex.lemmas[w],)
    cands = [w]
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""),
                         ("ing", "e"), ("er", ""), ("est", ""), ("ly", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            base = w[: -len(suffix)] + repl
            cands.append(base)
            if len(base) > 2 and base[-1] == base[-2] and suffix in ("ed", "ing", "er", "est"):
                cands.append(base[:-1])  # 'stopped' -> 'stop'
    known = tuple(dict.fromkeys(c for c in cands if c in lex.synsets))
    return known or (w,)


def synonyms(a: str, b: str) -> bool:
    """Same lemma, or two lemmas that share a WordNet synset among their common senses."""
    la, lb = lemmas(a), lemmas(b)
    if set(la) & set(lb):
        return True
    syn = lexicon().synsets
    return any(set(syn.get(x, ())) & set(syn.get(y, ())) for x in la for y in lb)


def synonym_words(word: str) -> frozenset[str]:
    """Every lemma that is a synonym of ``word`` by :func:`synonyms` (its own lemmas and those sharing a synset)."""
    own = lemmas(word)
    syn, members = lexicon().synsets, _synset_members()
    return frozenset(own).union(*(members[k] for x in own for k in syn.get(x, ())))


@lru_cache(maxsize=1)
def _synset_members() -> dict[int, frozenset[str]]:
    out: dict[int, set[str]] = {}
    for w, ks in lexicon().synsets.items():
        for k in ks:
            out.setdefault(k, set()).add(w)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=65536)
def antonyms(a: str, b: str) -> bool:
    """WordNet antonyms ('buy' / 'sell', 'rise' / 'fall'), or one word the negative-prefixed form of the other
    ('controlled' / 'uncontrolled', 'sufficient' / 'insufficient')."""
    pairs = lexicon().antonyms
    if any((f"{x}|{y}" if x < y else f"{y}|{x}") in pairs for x in lemmas(a) for y in lemmas(b)):
        return True
    return negative_form(a, b) or negative_form(b, a)


def negative_form(neg: str, pos: str) -> bool:
    """``neg`` is ``pos`` with a negative prefix ('unaffected' / 'affected', 'non-binding' / 'binding')."""
    n, p = neg.lower().replace("-", ""), pos.lower().replace("-", "")
    return len(p) >= 4 and any(n == pre + p for pre in NEGATIVE_PREFIXES)


def is_verb(word: str) -> bool:
    """The word is mostly a verb in WordNet ('sings', 'hummed'; not 'kids', 'goal'). An agent noun WordNet knows as a
    word of its own is judged by itself, not by the verb inside it: 'seller', 'singer', 'defender' are not verbs."""
    low, lex = word.lower(), lexicon()
    if low.endswith(("er", "or")) and low in lex.synsets and low not in lex.verbs:
        return False
    return any(x in lex.verbs for x in lemmas(word))


@lru_cache(maxsize=1)
def _opposite_map() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for pair in lexicon().antonyms:
        a, b = pair.split("|")
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=65536)
def opposites(word: str, prefix_only: bool = False) -> frozenset[str]:
    """Lemmas that mean the opposite of ``word`` ('buying' -> 'sell'), with its negative-prefix partner
    ('controlled' -> 'uncontrolled', 'unaffected' -> 'affected'); ``prefix_only``: the prefix partners alone."""
    low = word.lower()
    out = set() if prefix_only else {o for x in lemmas(low) for o in _opposite_map().get(x, ())}
    out.update(pre + low for pre in NEGATIVE_PREFIXES if len(low) >= 4)
    out.update(low[len(pre):] for pre in NEGATIVE_PREFIXES if low.startswith(pre) and len(low) - len(pre) >= 4)
    return frozenset(out)
