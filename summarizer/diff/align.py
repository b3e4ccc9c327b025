"""Claim alignment: which claim of one summary says the same thing as which claim of the other.

Score of a pair (0-1), from deterministic evidence only:
    score = 0.7 * lexical + 0.3 * entities      (lexical alone unless both claims name an entity)
  lexical  = cosine of idf-weighted sets of stemmed content words (idf over both summaries' claims)
  entities = Jaccard overlap of the claims' actors after alias folding ('Kim' = 'Kim Jong Un', 'US' = 'U.S.')
Pairs scoring below ``DiffOptions.align_threshold`` are never paired. Above it, an optimal one-to-one assignment
(``scipy.optimize.linear_sum_assignment``, run per connected component of candidate pairs) maximises the total
score. Then splits and merges: a claim left over whose content is mostly covered (``split_threshold``) by an
already-paired claim on the other side is kept with it.

Alignment is computed in a canonical orientation (by content hash of the two claim lists), so that
align(a, b) is exactly the transpose of align(b, a).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from .. import config
from ..normalize import (
    ALLEGATION,
    DENIAL,
    HEDGE,
    NEGATION,
    build_alias_map,
    content_stems,
    entity_key,
    fold_lower,
)
from ..schema import Claim


@dataclass(frozen=True)
class Alignment:
    pairs: list[tuple[int, int, float]]  # one-to-one (old index, new index, score)
    splits: list[tuple[int, int, float]]  # (old index, extra new index, coverage)
    merges: list[tuple[int, int, float]]  # (extra old index, new index, coverage)
    lexical: np.ndarray  # old x new lexical similarity


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
            lexical=t.lexical.T,
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
        return Alignment([], [], [], np.zeros((n, m)))
    old_stems = [set(content_stems(c.text)) for c in old]
    new_stems = [set(content_stems(c.text)) for c in new]
    vocab = {w: i for i, w in enumerate(sorted(set().union(*old_stems, *new_stems)))}
    df = np.zeros(len(vocab))
    for s in old_stems + new_stems:
        for w in s:
            df[vocab[w]] += 1
    idf = np.log((n + m + 1) / (df + 1)) + 1.0
    A, B = _weighted(old_stems, vocab, idf), _weighted(new_stems, vocab, idf)
    lexical = _cosine(A, B)
    old_ents = [claim_entities(c, alias) for c in old]
    new_ents = [claim_entities(c, alias) for c in new]
    ents = _jaccard(old_ents, new_ents)
    both = np.outer([bool(e) for e in old_ents], [bool(e) for e in new_ents])
    score = np.where(both, options.lexical_weight * lexical + options.entity_weight * ents, lexical)
    # the same text is the same claim, even when it has no content word to compare ('0 0 0')
    by_text: dict[str, list[int]] = {}
    for j, c in enumerate(new):
        by_text.setdefault(fold_lower(c.text), []).append(j)
    for i, c in enumerate(old):
        for j in by_text.get(fold_lower(c.text), ()):
            score[i, j] = lexical[i, j] = 1.0
    score = np.round(score, 6)

    candidate = score >= threshold
    pairs: list[tuple[int, int, float]] = []
    if candidate.any():
        graph = csr_matrix(np.block([[np.zeros((n, n)), candidate], [candidate.T, np.zeros((m, m))]]))
        _, labels = connected_components(graph, directed=False)
        groups: dict[int, tuple[list[int], list[int]]] = {}
        for i in range(n):
            groups.setdefault(int(labels[i]), ([], []))[0].append(i)
        for j in range(m):
            groups.setdefault(int(labels[n + j]), ([], []))[1].append(j)
        for comp in sorted(groups):
            rows, cols = groups[comp]
            if not rows or not cols:
                continue
            sub = np.where(candidate[np.ix_(rows, cols)], score[np.ix_(rows, cols)], 0.0)
            r, c = linear_sum_assignment(sub, maximize=True)
            pairs.extend((rows[a], cols[b], float(sub[a, b])) for a, b in zip(r, c, strict=True)
                         if sub[a, b] >= threshold)
    pairs.sort()
    matched_old = {i for i, _, _ in pairs}
    matched_new = {j for _, j, _ in pairs}
    splits = _covered(new_stems, old_stems, idf, vocab, matched_new, score.T, options, side=1)
    merges = _covered(old_stems, new_stems, idf, vocab, matched_old, score, options, side=0)
    return Alignment(pairs=pairs, splits=splits, merges=merges, lexical=lexical)


def _covered(extra_stems: list[set[str]], other_stems: list[set[str]], idf: np.ndarray, vocab: dict[str, int],
             matched: set[int], score: np.ndarray, options: config.DiffOptions,
             side: int) -> list[tuple[int, int, float]]:
    """Leftover claims (on one side) whose content is covered by one claim, or by the union of two claims, on the
    other side: a split or a merge. Candidates are the few best-scoring claims; ties break on index."""
    out = []
    for k, stems in enumerate(extra_stems):
        if k in matched or not stems:
            continue
        total = sum(idf[vocab[w]] for w in stems)
        order = sorted(range(score.shape[1]), key=lambda o: (-score[k, o], o))
        cands = [o for o in order[:options.merge_candidates] if score[k, o] >= options.align_threshold * 0.5]

        def cov(cover: set[str], stems: set[str] = stems, total: float = total) -> float:
            return sum(idf[vocab[w]] for w in stems & cover) / total

        best: tuple[float, tuple[int, ...]] = (0.0, ())
        for a in cands:
            c = cov(other_stems[a])
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


def _weighted(stem_sets: list[set[str]], vocab: dict[str, int], idf: np.ndarray) -> csr_matrix:
    rows, cols, vals = [], [], []
    for i, s in enumerate(stem_sets):
        for w in sorted(s):
            rows.append(i)
            cols.append(vocab[w])
            vals.append(idf[vocab[w]])
    mat = csr_matrix((vals, (rows, cols)), shape=(len(stem_sets), len(vocab)))
    norms = np.sqrt(np.asarray(mat.multiply(mat).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(mat.multiply(1.0 / norms[:, None]))


def _cosine(A: csr_matrix, B: csr_matrix) -> np.ndarray:
    return np.asarray((A @ B.T).todense(), dtype=float)


def _jaccard(a: list[frozenset[str]], b: list[frozenset[str]]) -> np.ndarray:
    keys = {k: i for i, k in enumerate(sorted(set().union(*a, *b)))}
    if not keys:
        return np.zeros((len(a), len(b)))
    A = _binary(a, keys)
    B = _binary(b, keys)
    inter = np.asarray((A @ B.T).todense(), dtype=float)
    sa = np.asarray(A.sum(axis=1)).ravel()
    sb = np.asarray(B.sum(axis=1)).ravel()
    union = sa[:, None] + sb[None, :] - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(union > 0, inter / np.where(union > 0, union, 1), 0.0)


def _binary(sets: list[frozenset[str]], keys: dict[str, int]) -> csr_matrix:
    cols = [keys[k] for s in sets for k in sorted(s)]
    rows = [i for i, s in enumerate(sets) for _ in s]
    return csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(sets), len(keys)))


def stems_outside(claim: Claim, alias: dict[str, str]) -> set[str]:
    return set(_stems_outside(claim.text, tuple(claim.actors), tuple(q.text for q in claim.quantities),
                              claim.time_text, claim.place, claim.attribution))


@lru_cache(maxsize=16384)
def _stems_outside(text: str, actors: tuple[str, ...], quantities: tuple[str, ...], time_text: str | None,
                   place: str | None, attribution: str | None) -> frozenset[str]:
    """Content stems of a claim that are not part of an entity name, time or number (its 'action' words)."""
    stems = set(content_stems(text))
    for part in (*actors, *quantities, time_text, place, attribution):
        if part:
            stems -= set(content_stems(part))
    for pat in (HEDGE, ALLEGATION, NEGATION, DENIAL):  # certainty and negation have their own slots
        for m in pat.finditer(text):
            stems -= set(content_stems(m.group(0)))
    return frozenset(s for s in stems if not s.isdigit())
