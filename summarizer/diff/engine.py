"""The diff engine: two structured summaries in, a ``SummaryDiff`` out. Pure: no I/O, no clock, no randomness."""

from __future__ import annotations

import re
from collections.abc import Mapping
from difflib import SequenceMatcher
from typing import Literal

from rapidfuzz import fuzz

from ..config import DIFF_DEFAULTS, DiffOptions
from ..normalize import NEGATION, STOPWORDS, abbreviates, content_stems, fold_lower, stem
from ..schema import ArticleSummary, Claim, Quote
from .align import Alignment, alias_map_for, align, canonical_key
from .report import (
    SEVERITY_ORDER,
    Change,
    ClaimRef,
    Counts,
    FieldChange,
    KeptPair,
    MultiDiff,
    QuoteChange,
    Scores,
    SideInfo,
    SummaryDiff,
    Verdict,
    VersionRow,
)
from .slots import compare_claims
from .support import Support


def diff(old: ArticleSummary, new: ArticleSummary, options: DiffOptions | None = None) -> SummaryDiff:
    """What ``new`` keeps, changes, adds and drops relative to ``old`` (thresholds from ``options``, by default
    ``config.DIFF_DEFAULTS``)."""
    options = options or DIFF_DEFAULTS
    entity_names = [e.name for s in (old, new) for e in s.entities] + [
        a for s in (old, new) for e in s.entities for a in e.aliases]
    alias = alias_map_for(old.claims, new.claims, extra=tuple(entity_names))
    al = align(old.claims, new.claims, alias, options=options)
    types = {canonical_key(n, alias): e.type
             for s in (new, old) for e in s.entities for n in [e.name, *e.aliases]}
    changes: list[Change] = []
    kept: list[KeptPair] = []
    old_names = [a for c in old.claims for a in c.actors] + [n for e in old.entities for n in [e.name, *e.aliases]]
    support = Support([c.text for c in old.claims] + old_names,
                      frozenset(canonical_key(n, alias) for n in old_names),
                      frozenset(q.value for c in old.claims for q in c.quantities),
                      tuple(c.text for c in new.claims)) \
        if al.pairs or al.splits or al.merges else None
    rivals: dict[int, list[tuple[float, int]]] | None = None  # built at the first contradiction
    for i, j, score in al.pairs:
        fields = compare_claims(old.claims[i], new.claims[j], alias, al.lexical_of(i, j), types, support,
                                options)
        if any(f.severity == "contradiction" for f in fields):
            rivals = rivals if rivals is not None else _rival_index(al, options.align_threshold)
            if _said_elsewhere(old, new, i, j, fields, rivals, alias, al, types, support, options):
                fields = [f for f in fields if f.severity != "contradiction"]
        if fields:
            severity = min((f.severity for f in fields), key=SEVERITY_ORDER.index)
            changes.append(Change(kind="changed", severity=severity, old_claim=_ref(old.claims[i]),
                                  new_claim=_ref(new.claims[j]), fields=fields, score=round(score, 4)))
        else:
            kept.append(KeptPair(old_id=old.claims[i].id, new_id=new.claims[j].id, score=round(score, 4),
                                 via="match"))
    partial: list[tuple[Literal["split", "merge"], list[tuple[int, int, float]]]] = [("split", al.splits),
                                                                                      ("merge", al.merges)]
    contradicted = {c.new_claim.id for c in changes if c.severity == "contradiction" and c.new_claim}
    clean_new = {j: i for i, j, _ in al.pairs if new.claims[j].id not in contradicted}  # new -> its old claim
    for via, parts in partial:
        for i, j, cov in parts:
            # one claim covers part of the other: only what the new claim says against it counts (a conflicting
            # number, a name the old version never mentions, an opposite), not what the other part still carries
            fields = [f for f in compare_claims(old.claims[i], new.claims[j], alias, al.lexical_of(i, j), types,
                                                support, options) if f.severity == "contradiction"
                      and (f.field, f.change) in _PARTIAL_CONTRADICTIONS]
            if via == "merge" and j in clean_new:
                # an extra old sentence merged into a new claim that its own old claim supports: a value the new
                # claim took from that old claim ('on Facebook', against the extra 'the leak on her Hummer') is
                # no contradiction; one neither states ('Jones' -> 'Brown') still is
                own = set(content_stems(old.claims[clean_new[j]].text))
                fields = [f for f in fields if not (f.new and set(content_stems(f.new)) <= own)]
            if fields:
                changes.append(Change(kind="changed", severity="contradiction", old_claim=_ref(old.claims[i]),
                                      new_claim=_ref(new.claims[j]), fields=fields, score=round(cov, 4)))
            else:
                kept.append(KeptPair(old_id=old.claims[i].id, new_id=new.claims[j].id, score=round(cov, 4),
                                     via=via))
    covered_old = {i for i, _, _ in al.pairs} | {i for i, _, _ in al.splits} | {i for i, _, _ in al.merges}
    covered_new = {j for _, j, _ in al.pairs} | {j for _, j, _ in al.splits} | {j for _, j, _ in al.merges}
    for i, c in enumerate(old.claims):
        if i not in covered_old:
            changes.append(Change(kind="removed", severity="omission", old_claim=_ref(c), new_claim=None))
    for j, c in enumerate(new.claims):
        if j not in covered_new:
            changes.append(Change(kind="added", severity="addition", old_claim=None, new_claim=_ref(c)))
    pos_old = {c.id: i for i, c in enumerate(old.claims)}
    pos_new = {c.id: i for i, c in enumerate(new.claims)}
    changes.sort(key=lambda ch: (SEVERITY_ORDER.index(ch.severity),
                                 pos_old[ch.old_claim.id] if ch.old_claim else len(old.claims),
                                 pos_new[ch.new_claim.id] if ch.new_claim else len(new.claims)))
    kept.sort(key=lambda k: (pos_old[k.old_id], pos_new[k.new_id]))

    quote_changes = diff_quotes(old.quotes, new.quotes, alias, options)
    old_ents = {canonical_key(e.name, alias): e.name for e in old.entities}
    new_ents = {canonical_key(e.name, alias): e.name for e in new.entities}
    scores = _scores(old, new, changes, kept, quote_changes)
    return SummaryDiff(
        verdict=_verdict(old, new, changes, quote_changes),
        scores=scores,
        changes=changes,
        kept=kept,
        entities_added=sorted((new_ents[k] for k in set(new_ents) - set(old_ents)), key=str.lower),
        entities_removed=sorted((old_ents[k] for k in set(old_ents) - set(new_ents)), key=str.lower),
        quote_changes=quote_changes,
        old=side_info(old),
        new=side_info(new),
    )


def _rival_index(al: Alignment, threshold: float) -> dict[int, list[tuple[float, int]]]:
    """New claim index -> (lexical similarity, old claim index) of every old claim close enough to pair with it."""
    rivals: dict[int, list[tuple[float, int]]] = {}
    for (i, j), lex in al.lexical.items():
        if lex >= threshold:
            rivals.setdefault(j, []).append((lex, i))
    return rivals


def _said_elsewhere(old: ArticleSummary, new: ArticleSummary, i: int, j: int, fields: list[FieldChange],
                    rivals: dict[int, list[tuple[float, int]]], alias: dict[str, str], al: Alignment,
                    types: Mapping[str, str], support: Support | None, options: DiffOptions) -> bool:
    """Another old claim, as close to the new one as a pair needs to be, says what the pair's contradiction says
    the new claim changed, and contradicts nothing: the one-to-one alignment took the wrong sentence of the old
    version ('Klopp says his side deserved to lose' for 'Klopp says Guardiola's side deserved win', where the old
    version also says 'Klopp says Bayern deserved the three points, with Guardiola's side ...'). The other claim
    must be at least as close to the new one as the pair's old claim, or name all of the two or more people and
    things the new one names, by a word of each name ('Klopp' for 'Jurgen Klopp'; a summit with Xi 'in 2019' does
    not excuse a Putin summit moved from September to 2019), and state each changed value itself (a name, a
    number, the same polarity): one that merely leaves the slot out ('Tsarnaev was convicted', for 'found guilty
    on Tuesday' against 'on Monday') excuses nothing."""
    contra = [f for f in fields if f.severity == "contradiction"]
    target = new.claims[j]
    paired = al.lexical_of(i, j)
    names = [content_stems(a) for a in target.actors]
    for lex, k in sorted(rivals.get(j, ()), key=lambda t: (-t[0], t[1])):
        if k == i:
            continue
        other = old.claims[k]
        if lex < paired and not (len(names) >= 2 and all(set(n) & set(content_stems(other.text)) for n in names)):
            continue  # a claim less close that does not name who the new one names is about another event
        if not all(_states(other, target, f) for f in contra):
            continue
        if not any(f.severity == "contradiction"
                   for f in compare_claims(other, target, alias, lex, types, support, options)):
            return True
    return False


def _states(other: Claim, new: Claim, f: FieldChange) -> bool:
    """``other`` says the value the field change gave the new claim."""
    if f.field == "negation":
        return other.negated == new.negated
    want = set(content_stems(f.new)) if f.new else set()
    return bool(want) and want <= set(content_stems(other.text))


# what a claim covering only part of another can contradict: a name, a place, a thing or an opposite it states
# (a place the other claim names too is no substitution). Times, numbers and negations are left out: a part of a
# sentence holds only part of its times and numbers, and a negation the other part answers
_PARTIAL_CONTRADICTIONS = frozenset({("entity", "unsupported"), ("actors", "substituted"), ("action", "flipped"),
                                     ("entity", "flipped"), ("place", "flipped"), ("place", "substituted")})


def diff_many(base: ArticleSummary, others: list[ArticleSummary], options: DiffOptions | None = None) -> MultiDiff:
    """One base against several versions: N summaries, N-1 diffs, and each base claim's fate in every version."""
    diffs = [diff(base, other, options) for other in others]
    rows = []
    for claim in base.claims:
        status = []
        for d in diffs:
            st = "removed"
            if any(k.old_id == claim.id for k in d.kept):
                st = "kept"
            for ch in d.changes:
                if ch.kind == "changed" and ch.old_claim and ch.old_claim.id == claim.id:
                    st = ch.severity
            status.append(st)
        rows.append(VersionRow(claim_id=claim.id, text=claim.text, status=status))
    return MultiDiff(base=side_info(base), diffs=diffs, matrix=rows)


def _same_speaker(a: str, b: str) -> bool:
    """One speaker, with or without a title ('kofi asante' / 'transport minister kofi asante') or as initials."""
    short, long = sorted((a, b), key=len)
    return a == b or f" {long} ".endswith(f" {short} ") or abbreviates(a, b)


def diff_quotes(old: list[Quote], new: list[Quote], alias: dict[str, str],
                options: DiffOptions = DIFF_DEFAULTS) -> list[QuoteChange]:
    """Pair quotations by text similarity (greedy on a sorted score list: deterministic), then compare."""
    # each quotation's readings, once: as written, spelled out with "'d" as 'would', and with it as 'had'
    bare_old = [(_bare(q.text, spelled=False), _bare(q.text), _bare(q.text, had=True)) for q in old]
    bare_new = [(_bare(r.text, spelled=False), _bare(r.text), _bare(r.text, had=True)) for r in new]
    cands = []
    for i, bq in enumerate(bare_old):
        for j, br in enumerate(bare_new):
            s = max(fuzz.partial_ratio(bq[0], br[0]), fuzz.partial_ratio(bq[1], br[1]))
            if s >= options.quote_match_min:
                cands.append((-s, i, j))
    cands.sort()
    used_o: set[int] = set()
    used_n: set[int] = set()
    out: list[QuoteChange] = []
    for _neg, i, j in cands:
        if i in used_o or j in used_n:
            continue
        used_o.add(i)
        used_n.add(j)
        q, r = old[i], new[j]
        ko = canonical_key(q.speaker, alias) if q.speaker else None
        kn = canonical_key(r.speaker, alias) if r.speaker else None
        if ko and kn and not _same_speaker(ko, kn):
            out.append(_qc("reattributed", "distortion", q, r))
        elif q.verbatim and not r.verbatim:
            out.append(_qc("paraphrased", "detail", q, r))
        elif q.verbatim and r.verbatim and not any(
                b in a or fuzz.ratio(a, b) >= options.quote_same_min
                for a, b in ((bare_old[i][1], bare_new[j][1]), (bare_old[i][2], bare_new[j][2]))) \
                and not _copy_edited(q.text, r.text, options.spelling_min_ratio):
            out.append(_qc("altered", "distortion", q, r))
    out += [_qc("removed", "omission", q, None) for i, q in enumerate(old) if i not in used_o and q.verbatim]
    out += [_qc("added", "addition", None, r) for j, r in enumerate(new) if j not in used_n and r.verbatim]
    return out


def _copy_edited(old: str, new: str, spelling_min_ratio: float) -> bool:
    """The quotation only copy-edited: words elided or function words put in, words respelled or inflected
    ('supports' -> 'support', 'attorenys' -> 'attorneys'), nothing else; no negation and no number touched."""
    a, b = _bare(old).split(), _bare(new).split()
    for op, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        gone, came = a[i1:i2], b[j1:j2]
        if op == "equal":
            continue
        if any(NEGATION.search(w) or any(ch.isdigit() for ch in w) for w in gone + came):
            return False
        if op == "insert" and any(w not in STOPWORDS for w in came):
            return False
        if op == "replace" and (len(gone) != len(came) or not all(
                stem(x) == stem(y) or fuzz.ratio(x, y) >= spelling_min_ratio
                for x, y in zip(gone, came, strict=False))):
            return False
    return True


def _bare(text: str, spelled: bool = True, had: bool = False) -> str:
    """A quotation's words for comparison: lower case, no punctuation, contractions written out ("didn't" is
    'did not', "we're" 'we are', 'cannot' 'can not'), so a copy-editor's contraction alters no quote. Quotations
    are paired on the better of both readings (``spelled=False`` keeps the words as written): with 'not' written
    out, a short quotation can fall below the pairing score against its contracted self ('We are ready' / "We
    aren't ready"), and without it one contraction can ("We do not" / "We don't"). "'d" is 'would', or with
    ``had`` 'had' ("We'd lost"): a quotation is altered only if it is under both readings."""
    low = fold_lower(text)
    if spelled:
        low = _CONTRACTION.sub(_expand, low.replace("cannot", "can not"))
        low = re.sub(r"\b([a-z]+)'d\b", rf"\1 {'had' if had else 'would'}", low)
    return "".join(ch for ch in low if ch.isalnum() or ch == " ")


_CONTRACTION = re.compile(r"\b([a-z]+)n't\b|\b([a-z]+)'(re|ve|ll|m)\b")  # "'d" below; not "'s" (possessive)
_SPELLED = {"re": "are", "ve": "have", "ll": "will", "m": "am"}
_NOT_STEMS = {"wo": "will", "ca": "can", "sha": "shall"}  # "won't", "can't", "shan't"


def _expand(m: re.Match[str]) -> str:
    if m.group(1):
        return f"{_NOT_STEMS.get(m.group(1), m.group(1))} not"
    return f"{m.group(2)} {_SPELLED[m.group(3)]}"


def _qc(change: str, severity: str, q: Quote | None, r: Quote | None) -> QuoteChange:
    return QuoteChange.model_validate({  # change and severity are checked against their Literals here
        "change": change, "severity": severity, "speaker_old": q.speaker if q else None,
        "speaker_new": r.speaker if r else None, "old": q.text if q else None, "new": r.text if r else None})


def _ref(c: Claim) -> ClaimRef:
    return ClaimRef(id=c.id, text=c.text, evidence=c.evidence, grounded=c.grounded)


def _scores(old: ArticleSummary, new: ArticleSummary, changes: list[Change], kept: list[KeptPair],
            quotes: list[QuoteChange]) -> Scores:
    counts = {k: 0 for k in ("old_claims", "new_claims", "kept", "changed", "added", "removed", "contradiction",
                             "distortion", "detail", "ungrounded_new", "quote_changes")}
    counts["old_claims"], counts["new_claims"] = len(old.claims), len(new.claims)
    counts["kept"] = len(kept)
    for ch in changes:
        counts[ch.kind] += 1
        if ch.kind == "changed":
            counts[ch.severity] += 1
        if ch.new_claim is not None and not ch.new_claim.grounded:
            counts["ungrounded_new"] += 1
    counts["quote_changes"] = len(quotes)
    removed = {ch.old_claim.id for ch in changes if ch.kind == "removed" and ch.old_claim}
    contradicted_new = {ch.new_claim.id for ch in changes if ch.severity == "contradiction" and ch.new_claim}
    added = {ch.new_claim.id for ch in changes if ch.kind == "added" and ch.new_claim}
    coverage = 1.0 if not old.claims else (len(old.claims) - len(removed)) / len(old.claims)
    support = 1.0 if not new.claims else (len(new.claims) - len(added) - len(contradicted_new)) / len(new.claims)
    return Scores(coverage=round(coverage, 4), support=round(support, 4), counts=Counts(**counts))


def _verdict(old: ArticleSummary, new: ArticleSummary, changes: list[Change],
             quotes: list[QuoteChange]) -> Verdict:
    severities = {ch.severity for ch in changes} | {f.severity for ch in changes for f in ch.fields}
    severities |= {q.severity for q in quotes if q.severity in ("distortion",)}
    if "contradiction" in severities:
        return "contradictions"
    if "distortion" in severities:
        return "distortions"
    if "addition" in severities:
        return "additions"
    if "omission" in severities:
        return "omissions"
    if _same_claims(old, new):
        return "identical"
    return "consistent"


def _same_claims(old: ArticleSummary, new: ArticleSummary) -> bool:
    return [fold_lower(c.text) for c in old.claims] == [fold_lower(c.text) for c in new.claims]


def side_info(s: ArticleSummary) -> SideInfo:
    m = s.meta
    prompt = f"{m.prompt_id}.{m.prompt_version}" if m.prompt_id and m.prompt_version else None
    return SideInfo(source=m.source, title=s.title, words=m.words, tokens=m.tokens, claims=len(s.claims),
                    backend=m.backend, model=m.model, prompt_version=prompt, mode=m.mode,
                    boilerplate_removed=m.boilerplate_removed,
                    ungrounded=sum(1 for c in s.claims if not c.grounded), fetched_at=m.fetched_at)


