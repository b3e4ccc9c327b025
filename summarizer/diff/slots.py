"""Slot comparison of one aligned pair of claims: which slot changed, how, and how severely.

Rules (see the README's "Change types"):
- time: a shared part differs ('September 2023' vs '2019') or parts are swapped ('September' -> '2019'):
  contradiction. Precision lost ('on Saturday' dropped): detail. Precision added: detail.
- quantities: same unit, different value: contradiction. A number dropped ('two summits' -> 'summits'): detail.
  The same value written differently ('75', 'seventy-five') is no change.
- actors, place: one entity substituted for another while the rest of the claim stays: contradiction.
- negation flipped: contradiction. Denied vs asserted: contradiction.
- certainty: 'allegedly' stated as fact is strengthened, the reverse weakened: distortion.
- attribution: the source dropped (detached) or changed (reattributed): distortion; a source added: detail.
- modality: a pledge or prediction ('says it will not') restated as a past fact ('has not'): distortion.
- action: in a near-copy, the verb or predicate words replaced by others: distortion.
Everything else is rewording: no change.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from .. import config
from ..normalize import STOPWORDS, CERTAINTY_RANK, compare_times, find_times, unit_family, describe_time, entity_key, singular, stem, time_parts
from ..schema import Claim
from .align import claim_entities, stems_outside
from .report import FieldChange

ACTION_MIN_LEXICAL = 0.55  # the pair must be a near-copy before a replaced predicate counts as an action change
ACTION_MAX_WORDS = 3  # at most this many content words replaced on each side
ACTION_MIN_SEQUENCE = 0.75  # difflib ratio of the two content-word sequences: a minimal edit, not a paraphrase


def compare_claims(old: Claim, new: Claim, alias: dict[str, str], lexical: float,
                   types: dict[str, str] | None = None) -> list[FieldChange]:
    """The changed slots of an aligned pair. ``types`` maps canonical entity keys to entity types."""
    changes: list[FieldChange] = []
    near_copy = lexical >= ACTION_MIN_LEXICAL and _sequence_ratio(old.text, new.text) >= ACTION_MIN_SEQUENCE
    changes += _time(old, new)
    if near_copy and not changes:
        changes += _other_times(old, new)
    changes += _quantities(old, new, near_copy)
    changes += _entities(old, new, alias, lexical, types or {}, near_copy)
    changes += _place(old, new, alias, lexical)
    if old.negated != new.negated:
        changes.append(FieldChange(field="negation", change="flipped", severity="contradiction",
                                   old="negated" if old.negated else "affirmed",
                                   new="negated" if new.negated else "affirmed"))
    changes += _certainty_and_attribution(old, new, alias)
    if old.kind == "prediction" and new.kind in ("event", "background") and not new.negated == (not old.negated):
        changes.append(FieldChange(field="modality", change="weakened", severity="distortion",
                                   old="prediction (will/expected)", new=f"{new.kind} (stated as fact)"))
    if not any(c.severity == "contradiction" for c in changes):
        changes += _action(old, new, alias, lexical)
    return changes


def _time(old: Claim, new: Claim) -> list[FieldChange]:
    a, b = time_parts(old.time, old.time_text), time_parts(new.time, new.time_text)
    verdict = compare_times(a, b)
    if verdict == "same":
        return []
    old_s, new_s = old.time_text or describe_time(a) or None, new.time_text or describe_time(b) or None
    if verdict == "lost" and a.relative and a.relative.endswith(" ago"):
        n, unit = a.relative.split()[:2]
        if any(q.value == float(n) and singular(q.unit or "") == unit for q in new.quantities):
            return []  # '75 years ago' restated as 'dates back 75 years'
    if verdict in ("conflict", "substituted"):
        return [FieldChange(field="time", change=verdict, severity="contradiction", old=old_s, new=new_s)]
    return [FieldChange(field="time", change=verdict, severity="detail", old=old_s, new=new_s)]


def _other_times(old: Claim, new: Claim) -> list[FieldChange]:
    """In a near-copy, every time expression counts, not only the claim's main one ('May 7 and May 14')."""
    a, b = find_times(old.text), find_times(new.text)
    if len(a) != len(b):
        return []
    for (_, _, wa, pa), (_, _, wb, pb) in zip(a, b):
        verdict = compare_times(pa, pb)
        if verdict in ("conflict", "substituted"):
            return [FieldChange(field="time", change=verdict, severity="contradiction", old=wa, new=wb)]
    return []


def _quantities(old: Claim, new: Claim, near_copy: bool = False) -> list[FieldChange]:
    out = []
    new_by_unit: dict[str, list] = {}
    for q in new.quantities:
        new_by_unit.setdefault(_unit(q.unit), []).append(q)
    old_units = {_unit(q.unit) for q in old.quantities}
    new_values = {q.value for q in new.quantities}
    for q in old.quantities:
        same_unit = new_by_unit.get(_unit(q.unit), [])
        if any(n.value == q.value for n in same_unit):
            continue
        if same_unit and q.unit:
            out.append(FieldChange(field="quantity", change="conflict", severity="contradiction", old=q.text,
                                   new=", ".join(n.text for n in same_unit)))
        elif unit_family(q.unit) and (swapped := [n for n in new.quantities if n.value == q.value and n.unit
                                                  and _unit(n.unit) not in old_units
                                                  and unit_family(n.unit) == unit_family(q.unit)]):
            out.append(FieldChange(field="quantity", change="conflict", severity="contradiction", old=q.text,
                                   new=", ".join(n.text for n in swapped)))  # 'two days' -> 'two weeks'
        elif q.value in new_values:
            continue  # same number, unit written differently or not at all
        else:
            out.append(FieldChange(field="quantity", change="lost", severity="detail", old=q.text, new=None))
    # a number added to something the old claim names without one ('summits' -> 'three summits'), or, in a
    # near-copy (a minimal edit), any number the old claim did not have ('sentenced to life' -> 'to two years')
    old_stems = {_unit(w.strip(".,;:\"'")) for w in old.text.lower().split()}
    reported = {c.new for c in out}
    for unit, qs in sorted(new_by_unit.items()):
        if unit not in old_units and (near_copy or (unit and unit in old_stems)):
            out += [FieldChange(field="quantity", change="added", severity="detail", old=None, new=q.text)
                    for q in qs if q.value not in {o.value for o in old.quantities}
                    and not any(q.text in (r or "") for r in reported)]
    return out


def _unit(unit: str | None) -> str:
    return stem(singular(unit)) if unit else ""


_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
             "herself": "f", "mr": "m", "mrs": "f", "ms": "f"}


def _entities(old: Claim, new: Claim, alias: dict[str, str], lexical: float,
              types: dict[str, str], near_copy: bool = False) -> list[FieldChange]:
    a, b = claim_entities(old, alias), claim_entities(new, alias)
    old_only, new_only = a - b, b - a
    if near_copy:  # a minimal edit: a name replaced by a pronoun, or 'he' turned into 'she', is deliberate
        ga = [_PRONOUNS[w] for w in re.findall(r"[a-z]+", old.text.lower()) if w in _PRONOUNS]
        gb = [_PRONOUNS[w] for w in re.findall(r"[a-z]+", new.text.lower()) if w in _PRONOUNS]
        if ga and gb and len(ga) == len(gb) and ga != gb:
            return [FieldChange(field="actors", change="substituted", severity="contradiction",
                                old=", ".join(sorted(set(ga))).replace("m", "male").replace("f", "female"),
                                new=", ".join(sorted(set(gb))).replace("m", "male").replace("f", "female"))]
        if old_only and not new_only and len(gb) > len(ga):
            names = sorted(x for x in old.actors if alias.get(entity_key(x), entity_key(x)) in old_only)
            return [FieldChange(field="actors", change="lost", severity="detail", old=", ".join(names),
                                new="a pronoun")]
    if not old_only or not new_only or lexical < config.SUBSTITUTION_MIN_CONTEXT:
        return []
    # a name present anywhere in the other claim's text (as written) is a rewording, not a substitution
    old_text, new_text = old.text.lower(), new.text.lower()
    old_only = {k for k in old_only if not _mentioned(k, new_text, alias)}
    new_only = {k for k in new_only if not _mentioned(k, old_text, alias)}
    # one name spelled two ways ('Wikinewsthat' / 'Wikinews', 'Kotunica' / 'Kostunica') is not a substitution
    near = {(a, b) for a in old_only for b in new_only if fuzz.ratio(a, b) >= NAME_SPELLING_MIN_RATIO}
    old_only -= {a for a, _ in near}
    new_only -= {b for _, b in near}
    # only an entity of the same type can stand in for another (a person for a person, a place for a place)
    kinds = {types.get(k, "other") for k in old_only} & {types.get(k, "other") for k in new_only}
    if near_copy and not kinds:  # in a minimal edit, a name swapped in place for another is a substitution
        spans = _replaced_spans(old.text, new.text)
        swapped = {(a, b) for a in old_only for b in new_only
                   if any(set(a.split()) <= so and set(b.split()) <= sn for so, sn in spans)}
        old_only, new_only = {a for a, _ in swapped}, {b for _, b in swapped}
        kinds = {types.get(k, "other") for k in old_only | new_only}
    old_only = {k for k in old_only if types.get(k, "other") in kinds}
    new_only = {k for k in new_only if types.get(k, "other") in kinds}
    if not old_only or not new_only:
        return []
    names_old = sorted(x for x in old.actors if alias.get(entity_key(x), entity_key(x)) in old_only)
    names_new = sorted(x for x in new.actors if alias.get(entity_key(x), entity_key(x)) in new_only)
    field = "place" if kinds == {"place"} else "actors"
    return [FieldChange(field=field, change="substituted", severity="contradiction",
                        old=", ".join(names_old), new=", ".join(names_new))]


def _replaced_spans(a: str, b: str) -> list[tuple[set[str], set[str]]]:
    """Word sets of each in-place replacement between two texts (entity-key spelling: lower case, no dots)."""
    wa, wb = entity_key(a).split(), entity_key(b).split()
    ops = SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes()
    return [(set(wa[i1:i2]), set(wb[j1:j2])) for op, i1, i2, j1, j2 in ops if op == "replace"]


def _mentioned(key: str, text: str, alias: dict[str, str]) -> bool:
    for k, v in alias.items():
        if v == key and k and f" {k} " in f" {entity_key(text)} ":
            return True
    return False


def _place(old: Claim, new: Claim, alias: dict[str, str], lexical: float) -> list[FieldChange]:
    if old.place and new.place:
        ka, kb = alias.get(entity_key(old.place), entity_key(old.place)), alias.get(entity_key(new.place),
                                                                                  entity_key(new.place))
        if ka != kb and ka not in kb and kb not in ka and lexical >= config.SUBSTITUTION_MIN_CONTEXT:
            return [FieldChange(field="place", change="substituted", severity="contradiction", old=old.place,
                                new=new.place)]
        return []
    if old.place and not new.place and not _mentioned(alias.get(entity_key(old.place), entity_key(old.place)),
                                                      new.text.lower(), alias):
        return [FieldChange(field="place", change="lost", severity="detail", old=old.place, new=None)]
    return []


def _certainty_and_attribution(old: Claim, new: Claim, alias: dict[str, str]) -> list[FieldChange]:
    out: list[FieldChange] = []
    ka = alias.get(entity_key(old.attribution), entity_key(old.attribution)) if old.attribution else None
    kb = alias.get(entity_key(new.attribution), entity_key(new.attribution)) if new.attribution else None
    attribution_changed = False
    if ka and kb and ka != kb and ka not in kb and kb not in ka and fuzz.token_set_ratio(ka, kb) < 80:
        out.append(FieldChange(field="attribution", change="reattributed", severity="distortion",
                               old=old.attribution, new=new.attribution))
        attribution_changed = True
    elif ka and not kb:
        out.append(FieldChange(field="attribution", change="detached", severity="distortion",
                               old=old.attribution, new=None))
        attribution_changed = True
    elif kb and not ka:
        out.append(FieldChange(field="attribution", change="attributed", severity="detail", old=None,
                               new=new.attribution))
        attribution_changed = True
    co, cn = old.certainty, new.certainty
    if co == cn or (attribution_changed and {co, cn} <= {"reported", "asserted"}):
        return out
    if "denied" in (co, cn) and {co, cn} & {"asserted", "reported"}:
        out.append(FieldChange(field="certainty", change="flipped", severity="contradiction", old=co, new=cn))
    elif CERTAINTY_RANK[cn] > CERTAINTY_RANK[co]:
        out.append(FieldChange(field="certainty", change="strengthened", severity="distortion", old=co, new=cn))
    else:
        out.append(FieldChange(field="certainty", change="weakened", severity="distortion", old=co, new=cn))
    return out


def _action(old: Claim, new: Claim, alias: dict[str, str], lexical: float) -> list[FieldChange]:
    """A predicate replaced in place: the content-word sequences match around a short 'replace' edit. Reordered
    paraphrases ('test-fired missiles' -> 'conducted missile tests') are delete+insert edits and do not count."""
    if lexical < ACTION_MIN_LEXICAL:
        return []
    keep_a, keep_b = stems_outside(old, alias), stems_outside(new, alias)
    seq_a = [(w, s) for w, s in _stem_seq(old.text)]
    seq_b = [(w, s) for w, s in _stem_seq(new.text)]
    matcher = SequenceMatcher(a=[s for _, s in seq_a], b=[s for _, s in seq_b], autojunk=False)
    if matcher.ratio() < ACTION_MIN_SEQUENCE:
        return []
    gone_words, came_words = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace":
            continue
        a_part = [w for w, s in seq_a[i1:i2] if (s in keep_a or w.lower() in _TIME_WORDS)
                  and s not in {x for _, x in seq_b}]
        b_part = [w for w, s in seq_b[j1:j2] if (s in keep_b or w.lower() in _TIME_WORDS)
                  and s not in {x for _, x in seq_a}]
        if _spelling_only(a_part, b_part):
            continue  # 'attorenys' -> 'attorneys', 'licence' -> 'license': a typo or spelling fix
        if a_part and b_part and len(a_part) <= ACTION_MAX_WORDS and len(b_part) <= ACTION_MAX_WORDS:
            gone_words += a_part
            came_words += b_part
    if not gone_words or not came_words:
        return []
    if all(w.isdigit() for w in (stem(x.lower()) for x in gone_words + came_words)):
        return [FieldChange(field="quantity", change="conflict", severity="contradiction", old=" ".join(gone_words),
                            new=" ".join(came_words))]  # 'first' -> 'third'
    if all(unit_family(w) == "time" or w.lower() in _TIME_WORDS for w in gone_words + came_words):
        return [FieldChange(field="time", change="conflict", severity="contradiction", old=" ".join(gone_words),
                            new=" ".join(came_words))]  # 'days' -> 'weeks', 'late' -> 'early'
    if _verb_like(old.text, gone_words[0]) or _verb_like(new.text, came_words[0]):
        return [FieldChange(field="action", change="substituted", severity="distortion", old=" ".join(gone_words),
                            new=" ".join(came_words))]
    # a noun swapped in place ('a telephone operator' -> 'a computer operator'): the thing or role changed
    return [FieldChange(field="entity", change="substituted", severity="contradiction", old=" ".join(gone_words),
                        new=" ".join(came_words))]


_TIME_WORDS = frozenset("""early late earlier later morning afternoon evening night overnight dawn dusk midnight noon
    before after ahead prior during until since spring summer autumn fall winter weekend daily weekly monthly yearly
    annual annually""".split())
_AUX = frozenset("has have had will would to was were is are be been being did does do can could may might must "
                 "should shall not never also".split())
_IRREGULAR_VERBS = frozenset("""won lost met made held said went took gave saw came became left led ran sent set put hit
    paid sold bought brought fought thought found kept began spoke wrote rose fell struck drew flew told beat broke
    chose drove ate forgot forgave froze grew hid knew lay rode rang sang sank shot shut slept stole stood swam swore
    threw understood woke wore win lose meet make hold say go take give see come become leave lead run send""".split())


def _verb_like(text: str, word: str) -> bool:
    """A rough part-of-speech guess without a tagger: inflected like a verb, a known irregular verb, or right after
    an auxiliary ('has', 'will', 'to')."""
    low = word.lower()
    if low in _IRREGULAR_VERBS or (len(low) > 4 and low.endswith(("ed", "ing"))):
        return True
    m = re.search(rf"(\w+)\s+{re.escape(word)}\b", text)
    return bool(m and m.group(1).lower() in _AUX)


def _sequence_ratio(a: str, b: str) -> float:
    return SequenceMatcher(a=[s for _, s in _stem_seq(a)], b=[s for _, s in _stem_seq(b)], autojunk=False).ratio()


SPELLING_MIN_RATIO = 80.0  # rapidfuzz ratio at or above which two words are one word spelled two ways
NAME_SPELLING_MIN_RATIO = 88.0  # stricter for names: 'Jones' and 'Jonas' are two people


def _spelling_only(a: list[str], b: list[str]) -> bool:
    return len(a) == len(b) and all(fuzz.ratio(x.lower(), y.lower()) >= SPELLING_MIN_RATIO for x, y in zip(a, b))


def _stem_seq(text: str) -> list[tuple[str, str]]:
    """(word as written, stem) for each content word, in order."""
    out = []
    for w in re.findall(r"[A-Za-z0-9]+(?:['\u2019][a-z]+)?", text):
        low = w.lower()
        if (low in STOPWORDS and low not in _TIME_WORDS) or len(low) < 2:
            continue
        out.append((w, stem(low)))
    return out
