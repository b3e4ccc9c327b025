"""Claim alignment: which claim of one summary says the same thing as which claim of the other.

Score of a pair (0-1), from deterministic evidence only:
    score = 0.7 * lexical + 0.3 * entities      (lexical alone unless both claims name an entity)
  lexical  = cosine of idf-weighted sets of stemmed content words (idf over both summaries' claims)
  entities = Jaccard overlap of the claims' actors after alias folding ('Kim' = 'Kim Jong Un', 'US' = 'U.S.')
Pairs scoring below ``DiffOptions.align_threshold`` are never paired. Above it, an optimal one-to-one assignment
(``assign.max_assignment``, run per connected component of candidate pairs) maximises the total score. Then splits
and merges: a claim left over whose content is mostly covered (``split_threshold``) by an already-paired claim on
the other side is kept with it.

Scores are kept sparse: only pairs that share a content word or an entity are scored at all (an inverted index
finds them), so memory grows with the pairs that could match, not with old x new.

Alignment is computed in a canonical orientation (by content hash of the two claim lists), so that
align(a, b) is exactly the transpose of align(b, a).
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from .. import config
from ..lexicon import same_meaning
from ..normalize import (
    ALLEGATION,
    DENIAL,
    HEDGE,
    NEGATION,
    QUOTE_SPAN,
    STOPWORDS,
    Cue,
    build_alias_map,
    content_stems,
    entity_key,
    fold_lower,
    stem,
    words,
)
from ..schema import Claim
from .assign import max_assignment

Pair = tuple[int, int]


@dataclass(frozen=True)
class Alignment:
    pairs: list[tuple[int, int, float]]  # one-to-one (old index, new index, score)
    splits: list[tuple[int, int, float]]  # (old index, extra new index, coverage)
    merges: list[tuple[int, int, float]]  # (extra old index, new index, coverage)
    lexical: dict[Pair, float]  # (old, new) -> lexical similarity, for pairs scoring half the threshold or more

    def lexical_of(self, i: int, j: int) -> float:
        return self.lexical.get((i, j), 0.0)


def canonical_key(name: str, alias: dict[str, str]) -> str:
    """An entity name's comparison key after alias folding ('Kim' -> 'kim jong un' when unambiguous)."""
    key = entity_key(name)
    return alias.get(key, key)


def claim_entities(claim: Claim, alias: dict[str, str]) -> frozenset[str]:
    return frozenset(k for k in (canonical_key(a, alias) for a in claim.actors) if k)


def alias_map_for(*claim_lists: list[Claim], extra: tuple[str, ...] = ()) -> dict[str, str]:
    names = [a for claims in claim_lists for c in claims for a in c.actors] + list(extra)
    return build_alias_map(names)


def align(old: list[Claim], new: list[Claim], alias: dict[str, str] | None = None,
          threshold: float | None = None, split_threshold: float | None = None,
          options: config.DiffOptions = config.DIFF_DEFAULTS) -> Alignment:
    """Pair the claims of two summaries (thresholds from ``options`` unless given)."""
    if alias is None:
        alias = alias_map_for(old, new)
    if threshold is not None:
        options = replace(options, align_threshold=threshold)
    if split_threshold is not None:
        options = replace(options, split_threshold=split_threshold)
    if _fingerprint(old) > _fingerprint(new):
        t = _align(new, old, alias, options)
        return Alignment(
            pairs=sorted((j, i, s) for i, j, s in t.pairs),
            splits=sorted((j, i, s) for i, j, s in t.merges),
            merges=sorted((j, i, s) for i, j, s in t.splits),
            lexical={(j, i): s for (i, j), s in t.lexical.items()},
        )
    return _align(old, new, alias, options)


def _fingerprint(claims: list[Claim]) -> str:
    h = hashlib.sha256()
    for c in claims:
        h.update(c.text.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def _align(old: list[Claim], new: list[Claim], alias: dict[str, str], options: config.DiffOptions) -> Alignment:
    threshold = options.align_threshold
    n, m = len(old), len(new)
    if n == 0 or m == 0:
        return Alignment([], [], [], {})
    old_stems = [frozenset(content_stems(c.text)) for c in old]
    new_stems = [frozenset(content_stems(c.text)) for c in new]
    df: dict[str, int] = {}
    for s in old_stems + new_stems:
        for w in s:
            df[w] = df.get(w, 0) + 1
    idf = {w: math.log((n + m + 1) / (k + 1)) + 1.0 for w, k in df.items()}
    old_ents = [claim_entities(c, alias) for c in old]
    new_ents = [claim_entities(c, alias) for c in new]
    # the same text is the same claim, even when it has no content word to compare ('0 0 0')
    by_text: dict[str, list[int]] = {}
    for j, c in enumerate(new):
        by_text.setdefault(fold_lower(c.text), []).append(j)
    same = {(i, j) for i, c in enumerate(old) for j in by_text.get(fold_lower(c.text), ())}
    score, lexical = _scores(_weighted(old_stems, idf), _weighted(new_stems, idf), old_ents, new_ents, same,
                             options)

    pairs: list[tuple[int, int, float]] = []
    candidates = sorted(k for k, v in score.items() if v >= threshold)
    for rows, cols in _components(candidates):
        sub = [[score.get((i, j), 0.0) if score.get((i, j), 0.0) >= threshold else 0.0 for j in cols] for i in rows]
        pairs.extend((rows[a], cols[b], sub[a][b]) for a, b in max_assignment(sub) if sub[a][b] >= threshold)
    pairs += _said_by_another(old, new, {i for i, _, _ in pairs}, {j for _, j, _ in pairs}, score, threshold)
    pairs.sort()
    matched_old = {i for i, _, _ in pairs}
    matched_new = {j for _, j, _ in pairs}
    by_old: dict[int, list[tuple[float, int]]] = {}
    by_new: dict[int, list[tuple[float, int]]] = {}
    for (i, j), v in score.items():
        by_old.setdefault(i, []).append((v, j))
        by_new.setdefault(j, []).append((v, i))
    old_texts, new_texts = [c.text for c in old], [c.text for c in new]
    splits = _covered(new_stems, old_stems, idf, matched_new, by_new, options, side=1, texts=(new_texts, old_texts))
    merges = _covered(old_stems, new_stems, idf, matched_old, by_old, options, side=0, texts=(old_texts, new_texts))
    return Alignment(pairs=pairs, splits=splits, merges=merges, lexical=lexical)


def _said_by_another(old: list[Claim], new: list[Claim], matched_old: set[int], matched_new: set[int],
                     score: dict[Pair, float], threshold: float) -> list[tuple[int, int, float]]:
    """Claims left unpaired that say the same words but for who says them ('Police chief Maria Lopez said the
    suspect fled on foot' / 'Mayor John Reed said the suspect fled on foot'): one claim given to another source, its
    names too unlike for the score. Paired in order, each at most once."""
    def statement(c: Claim) -> str | None:
        """What the claim says, whoever says it (folded), or None: a quotation's words, else the text without its
        source."""
        quoted = " ".join(QUOTE_SPAN.findall(c.text))
        if quoted:
            rest = quoted
        elif c.attribution and c.attribution in c.text:
            rest = c.text.replace(c.attribution, " ", 1)
        else:
            return None
        return fold_lower(" ".join(rest.split())) if len(content_stems(rest)) >= 3 else None

    by_statement: dict[str, list[int]] = {}
    for j, c in enumerate(new):
        said = statement(c) if j not in matched_new else None
        if said:
            by_statement.setdefault(said, []).append(j)
    out = []
    for i, c in enumerate(old):
        said = statement(c) if i not in matched_old else None
        free = by_statement.get(said, []) if said else []
        if free:
            j = free.pop(0)
            out.append((i, j, max(score.get((i, j), 0.0), threshold)))
    return out


def _components(edges: list[Pair]) -> list[tuple[list[int], list[int]]]:
    """Connected components of the bipartite candidate graph (union-find), each as sorted old and new indices."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(x: tuple[int, int]) -> tuple[int, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        a, b = find((0, i)), find((1, j))
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[tuple[int, int], tuple[list[int], list[int]]] = {}
    for node in sorted(parent):
        groups.setdefault(find(node), ([], []))[node[0]].append(node[1])
    return [groups[k] for k in sorted(groups)]


def _covered(extra_stems: list[frozenset[str]], other_stems: list[frozenset[str]], idf: dict[str, float],
             matched: set[int], scores: dict[int, list[tuple[float, int]]], options: config.DiffOptions,
             side: int, texts: tuple[list[str], list[str]] | None = None) -> list[tuple[int, int, float]]:
    """Leftover claims (on one side) whose content is covered by one claim, or by the union of two claims, on the
    other side: a split or a merge. Candidates are the few best-scoring claims; ties break on index. With the
    claims' ``texts`` (this side's, the other side's), a word is also covered by a WordNet synonym of it in the
    one covering claim ('were fighting three major wildfires' / 'were battling three large wildfires'): a
    rewritten sentence split in two keeps its meaning, not its words."""
    out = []
    floor = options.align_threshold * 0.5
    for k, stems in enumerate(extra_stems):
        if k in matched or not stems:
            continue
        total = math.fsum(idf[w] for w in stems)
        order = sorted(scores.get(k, ()), key=lambda vo: (-vo[0], vo[1]))
        cands = [o for v, o in order[:options.merge_candidates] if v >= floor]

        def cov(cover: frozenset[str], stems: frozenset[str] = stems, total: float = total) -> float:
            return math.fsum(idf[w] for w in stems & cover) / total

        best: tuple[float, tuple[int, ...]] = (0.0, ())
        for a in cands:
            c = cov(other_stems[a])
            if texts is not None and options.split_threshold > c >= options.split_threshold / 2:
                c = cov(other_stems[a] | _synonym_cover(texts[0][k], texts[1][a], stems - other_stems[a]))
            if c > best[0] + 1e-12:
                best = (c, (a,))
        if best[0] < options.split_threshold:
            for x in range(len(cands)):
                for y in range(x + 1, len(cands)):
                    a, b = cands[x], cands[y]
                    single = max(cov(other_stems[a]), cov(other_stems[b]))
                    c = cov(other_stems[a] | other_stems[b])
                    if c > best[0] + 1e-12 and c - single >= options.merge_min_gain:
                        best = (c, (a, b))
        if best[0] >= options.split_threshold:
            for o in best[1]:
                out.append((o, k, round(best[0], 6)) if side == 1 else (k, o, round(best[0], 6)))
    return sorted(out)


@lru_cache(maxsize=4096)
def _synonym_cover(text: str, other: str, uncovered: frozenset[str]) -> frozenset[str]:
    """The stems of ``uncovered`` (words of ``text``) that a word of ``other`` says another way: a synonym, or a
    word of the same direction ('battling' for 'fighting', 'large' for 'major', 'rose' for 'increased')."""
    mine = [w for w in words(text) if stem(w) in uncovered]
    theirs = [w for w in words(other) if w not in STOPWORDS and len(w) > 2]
    return frozenset(stem(w) for w in mine if any(same_meaning(w, x) for x in theirs))


def _weighted(stem_sets: list[frozenset[str]], idf: dict[str, float]) -> list[dict[str, float]]:
    """Each claim's stems weighted by idf, scaled to unit length."""
    out = []
    for s in stem_sets:
        norm = math.sqrt(math.fsum(idf[w] * idf[w] for w in s)) or 1.0
        out.append({w: idf[w] / norm for w in sorted(s)})
    return out


def _scores(a: list[dict[str, float]], b: list[dict[str, float]], a_ents: list[frozenset[str]],
            b_ents: list[frozenset[str]], same: set[Pair],
            options: config.DiffOptions) -> tuple[dict[Pair, float], dict[Pair, float]]:
    """The alignment score and the lexical similarity of every pair that could matter: scored at least half the
    alignment threshold (what a split or merge looks at). Only pairs sharing a stem or an entity are visited, through
    inverted indexes of ``b``; a pair sharing neither scores 0."""
    words: dict[str, list[tuple[int, float]]] = {}
    for j, vec in enumerate(b):
        for w, y in vec.items():
            words.setdefault(w, []).append((j, y))
    names: dict[str, list[int]] = {}
    for j, ents in enumerate(b_ents):
        for k in sorted(ents):
            names.setdefault(k, []).append(j)
    floor = options.align_threshold * 0.5  # what a split or merge considers; pairs need the full threshold
    lw, ew = options.lexical_weight, options.entity_weight
    score: dict[Pair, float] = {}
    lexical: dict[Pair, float] = {}
    for i, vec in enumerate(a):
        dot: defaultdict[int, float] = defaultdict(float)
        for w, x in vec.items():  # in stem order, so the sums are the same in every process
            for j, y in words.get(w, ()):
                dot[j] += x * y
        ents = a_ents[i]
        shared: defaultdict[int, int] = defaultdict(int)
        for k in sorted(ents):
            for j in names.get(k, ()):
                shared[j] += 1
        for j in [*dot, *(j for j in shared if j not in dot)]:
            lex = dot.get(j, 0.0)
            if (i, j) in same:
                lex = value = 1.0
            elif ents and b_ents[j]:
                c = shared.get(j, 0)
                value = lw * lex + ew * c / (len(ents) + len(b_ents[j]) - c)
            else:
                value = lex
            if value < floor - 1e-6:  # far below: no need to round it
                continue
            value = round(value, 6)
            if value >= floor and value > 0.0:
                score[(i, j)] = value
                lexical[(i, j)] = lex
    for key in same - score.keys():  # no content word and no entity, yet the same text
        score[key] = lexical[key] = 1.0
    return score, lexical


def stems_outside(claim: Claim, alias: dict[str, str]) -> set[str]:
    return set(_stems_outside(claim.text, tuple(claim.actors), tuple(q.text for q in claim.quantities),
                              claim.time_text, claim.place, claim.attribution))


_CUES = Cue("|".join(f"(?:{p.pattern})" for p in (HEDGE, ALLEGATION, NEGATION, DENIAL)),  # one pass
            " ".join(" ".join(sorted(p.first)) for p in (HEDGE, ALLEGATION, NEGATION, DENIAL)), anywhere=("n't",))


@lru_cache(maxsize=16384)
def _stems_outside(text: str, actors: tuple[str, ...], quantities: tuple[str, ...], time_text: str | None,
                   place: str | None, attribution: str | None) -> frozenset[str]:
    """Content stems of a claim that are not part of an entity name, time or number (its 'action' words)."""
    stems = set(content_stems(text))
    for part in (*actors, *quantities, time_text, place, attribution):
        if part:
            stems -= set(content_stems(part))
    for m in _CUES.finditer(text):  # certainty and negation have their own slots
        stems -= set(content_stems(m.group(0)))
    return frozenset(s for s in stems if not s.isdigit())
