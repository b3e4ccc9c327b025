"""Slot comparison of one aligned pair of claims: which slot changed, how, and how severely.

Rules (see the README's "Change types"):
- time: a shared part differs ('September 2023' vs '2019') or parts are swapped ('September' -> '2019'):
  contradiction. Precision lost ('on Saturday' dropped): detail. Precision added: detail.
- quantities: same unit, different value: contradiction; a number dropped and another put in its place ('a party
  of six' -> 'of seven') or two numbers trading places: contradiction. A number dropped ('two summits' ->
  'summits'): detail. The same value written differently ('75', 'seventy-five') is no change.
- actors, place: one entity substituted for another while the rest of the claim stays: contradiction. A name
  written as its initials ('VC' / 'Venture Capitalist') is the same name. A name the old version never mentions
  anywhere ('the James Gunn Space Telescope'): entity unsupported, contradiction.
- negation flipped: contradiction, when the negated word is affirmed in the other claim or 'not' was put into a
  near-copy, or the new claim negates a word the old version affirms elsewhere and never negates ('failed to
  capture' against 'Webb has captured'); 'not sufficient' = 'insufficient', and 'never-before-seen' is no negation.
  Denied vs asserted: contradiction.
- certainty: 'allegedly' stated as fact is strengthened, the reverse weakened: distortion.
- attribution: the source dropped (detached) or changed (reattributed): distortion; a source added: detail.
- modality: a pledge or prediction ('says it will not') restated as a past fact ('has not'): distortion.
- action: in a near-copy, the verb or predicate words replaced by their opposite (WordNet antonyms, 'buying' ->
  'selling', or a negative prefix, 'controlled' -> 'uncontrolled'): contradiction; by other words: detail (shown,
  not material by itself); by WordNet synonyms ('permitted' -> 'allowed'): no change.
Everything else is rewording: no change.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from rapidfuzz import fuzz

from ..config import DIFF_DEFAULTS, DiffOptions
from ..lexicon import (
    antonyms,
    broader,
    in_place_only,
    is_verb,
    is_word,
    lemmas,
    misspelt,
    other_step,
    same_meaning,
    synonyms,
)
from ..normalize import (
    ALIASES,
    CERTAINTY_RANK,
    DEMONYMS,
    FUTURE,
    HEDGE,
    LETTER,
    MONTHS,
    NUMBER_WORD_ALT,
    ORG_WORDS,
    QUOTE_SPAN,
    REPORTING_VERBS,
    STOPWORDS,
    TIME_ZONES,
    TITLE_LONG,
    TITLE_SHORT,
    UPPER,
    WEEKDAYS,
    TimeParts,
    abbreviates,
    canonical_unit,
    compare_times,
    content_stems,
    describe_time,
    entity_key,
    find_clock_times,
    find_times,
    fold,
    initialism,
    negated_words,
    singular,
    stem,
    time_parts,
    unit_family,
)
from ..places import (
    PEOPLE_CAPITAL,
    capital_of_people,
    contains,
    expand_code,
    is_place,
    people_of,
    people_word,
    related,
)
from ..schema import Claim, Quantity
from .align import canonical_key, claim_entities, stems_outside
from .report import FieldChange, Slot, SlotChange
from .support import (
    NAME_RUN,
    POSSESSIVE_END,
    Support,
    another_sense,
    bound_of_a_number,
    in_question,
    number_bounds,
    run_tails,
    unsupported_kinds,
    unsupported_names,
    unsupported_opposites,
)


def compare_claims(old: Claim, new: Claim, alias: dict[str, str], lexical: float,
                   types: Mapping[str, str] | None = None, support: Support | None = None,
                   options: DiffOptions = DIFF_DEFAULTS) -> list[FieldChange]:
    """The changed slots of an aligned pair. ``types`` maps canonical entity keys to entity types; ``support`` holds
    the words of the whole old summary, for names the new claim brings that the old version never mentions."""
    if _same_claim(old, new):
        return []  # the same text with the same slots: nothing to compare
    changes: list[FieldChange] = []
    o = options
    compressed = _compressed_edit(old.text, new.text, o)  # a summary's shortened copy
    # a minimal edit: close in words and in order, or one short edit with all else equal, which a claim of three
    # content words cannot make while keeping the lexical score ('The governor vetoed the bill' -> '... signed ...'),
    # nor one that keeps three around a two-word edit ('following a liver transplant' -> 'persistent jaundice')
    # a name written out in one and by its acronym in the other is one word for these tests, so that an edit next
    # to it still reads as the claim's one edit ('The National Health Service will offer it to all children' ->
    # 'The NHS will offer it to all adults')
    ta, tb = _folded(old.text, new.text)
    minimal = (lexical >= o.action_min_lexical and _sequence_ratio(ta, tb) >= o.action_min_sequence) \
        or ((lexical >= o.action_min_lexical or _replaced_one_word(ta, tb)
             or _kept_around_edit(ta, tb) >= o.one_edit_min_kept)
            and _one_short_edit(ta, tb, o.one_edit_max_words))
    near_copy = compressed or minimal
    shared = lexical >= o.substitution_min_context  # enough shared outside a slot for a substitution
    context = compressed or shared
    changes += _year_resolved(_vague_time_replaced(old, new, _time(old, new), minimal), support) + _clock(old, new)
    if minimal and not any(c.field == "time" and c.severity == "contradiction" for c in changes) and \
            (swapped := _calendar_swapped(old.text, new.text)):
        # a month put for another that the claim also names ('in Glasgow in March before ... in June' -> 'in
        # Glasgow in June before ... in June'): the times as sets only lost one, in place one was replaced
        changes = [c for c in changes if c.field != "time"] + swapped
    # numbers: a shortened copy drops and adds them around its one edit, so only a minimal edit or a shared
    # context compares them
    changes += _quantities(old, new, minimal, minimal or shared, support.values if support is not None else None,
                           o.number_rounding)
    if near_copy and not any(c.field == "quantity" and c.change == "conflict" for c in changes):
        changes += _bound_reversed(old.text, new.text)
    texts = (*support.texts, *support.new_texts) if support is not None else ()
    changes += _entities(old, new, alias, context, types or {}, near_copy, o.name_spelling_min_ratio, texts)
    changes += _place(old, new, alias, context, texts)
    if minimal and not any(c.field == "place" for c in changes):
        changes += _place_put_for_place(old, new, alias, types or {}, texts)
    if old.negated != new.negated and not _negative_verb_for_not(old, new) and (
            _polarity_flipped(old, new, near_copy) or
                                       (new.negated and support is not None and _denies_the_old_version(new, support))):
        changes.append(FieldChange(field="negation", change="flipped", severity="contradiction",
                                   old="negated" if old.negated else "affirmed",
                                   new="negated" if new.negated else "affirmed"))
    elif old.negated == new.negated and near_copy and \
            ((missed_new := _missed(new.text, old.text)) or _missed(old.text, new.text)):
        # 'had trained fully' -> 'had missed training': the act said not to have happened
        changes.append(FieldChange(field="negation", change="flipped", severity="contradiction",
                                   old="affirmed" if missed_new else "negated",
                                   new="negated" if missed_new else "affirmed"))
    changes += _voice_reversed(old.text, new.text) or _voice_reversed(new.text, old.text, reverse=True)
    changes += _certainty_and_attribution(old, new, alias)
    # a statement counts when it reports the act done ('NASA will launch the probe, the agency said' -> 'NASA
    # launched the probe, the agency said')
    stated = new.kind in ("event", "background") or new.kind == "statement" and _done(old, new)
    if old.kind == "prediction" and stated and new.negated == old.negated and \
            new.certainty != "speculative" and not _scheduled(new) and _says_what_was_predicted(old, new):
        # 'will close' -> 'might close' is hedged (certainty), not a fact
        changes.append(FieldChange(field="modality", change="weakened", severity="distortion",
                                   old="prediction (will/expected)", new=f"{new.kind} (stated as fact)"))
    if not any(c.severity == "contradiction" for c in changes):
        changes += _action(old, new, alias, near_copy, o, loose=compressed and not minimal)
    # a pair sharing a number shares its context too, however reworded ('fell 2.3 percent' / 'climbed 2.3%')
    same_figure = bool({q.value for q in old.quantities} & {q.value for q in new.quantities} - {None})
    if not any(c.severity == "contradiction" for c in changes) and (context or same_figure):
        changes += _opposites(old, new)
    if support is not None and new.text != old.text and not any(c.severity == "contradiction" for c in changes):
        # a noun for a sister kind: a minimal edit's in-place comparison has seen the word it replaced
        changes += unsupported_names(new, support, alias, old) or unsupported_opposites(new, support) or \
            ([] if minimal else unsupported_kinds(new, old, support))
    if support is not None and not any(c.severity == "contradiction" for c in changes):
        changes += _inserted_clause(old, new, support, o)
    unique: list[FieldChange] = []  # one slot change once, though two rules found it
    for c in changes:
        if c not in unique:
            unique.append(c)
    return unique


_WORD_RUN = re.compile(rf"[{LETTER}0-9]+(?:['\u2019-][{LETTER}0-9]+)*")
_LIGHT_VERBS = frozenset("let lets get gets got make makes made take takes took give gives gave put keep kept "
                         "allow allows allowed help helps helped".split())  # they carry the meaning of other words
_SAYING = frozenset("""said says say saying told tells tell stated states state added adds noted notes explained
    explains remarked remarks commented comments wrote writes replied replies""".split())  # neutral verbs of saying
_SCHEDULED = frozenset("will shall is are was were set due poised scheduled going to".split())  # what will happen
_REPORTED = re.compile(r"\b(?:according to|said|says|told|tells|announced|reported|added|stated)\b", re.I)


def _inserted_clause(old: Claim, new: Claim, support: Support, options: DiffOptions) -> list[FieldChange]:
    """Words put into an aligned claim that state something more, which the old version says nowhere: at least
    ``inserted_min_new_words`` lower-case content words it never uses, one of them a verb ('Jane Faust, once
    convicted of forging signatures, was a plaintiff', 'an unidentified transient who had been using a cardboard
    shelter'), inserted or put in place of ``inserted_min_growth`` fewer words, and at least ``inserted_min_fresh``
    of its content words new (a rewording that carries most of its words over says nothing new). A light verb
    ('let astronomers peer into') carries another word's meaning; a source put in ('according to a police
    statement', 'police say') is the attribution slot's, a name or a number their own slots'."""
    b = _WORD_RUN.findall(new.text)
    fresh_anywhere = {w for w in set(b) - support.words - STOPWORDS if len(w) > 2 and w.islower()}
    if len(fresh_anywhere) < options.inserted_min_new_words or not _has_full_verb(fresh_anywhere, new.text):
        return []  # the common case, checked before any alignment of the two word sequences
    a = _WORD_RUN.findall(old.text)
    ops = SequenceMatcher(a=[w.lower() for w in a], b=[w.lower() for w in b], autojunk=False).get_opcodes()
    min_new = options.inserted_min_new_words
    if sum(i2 - i1 for op, i1, i2, _, _ in ops if op == "equal") < options.inserted_min_kept * len(a):
        min_new = options.inserted_min_new_words_rewritten  # 'In last year's vote the party secured just 16 seats'
    # the old claim's content words the new one no longer carries in any form: a sentence rewritten whole says a
    # few of its old words in new ones ('The death toll stood at' for 'were killed'), so only new words beyond
    # those it dropped (when it dropped at most ``inserted_reworded_max``) say something more; a claim that drops
    # many words and brings as many says something else ('... closed its borders ... amid reports of food shortages' ->
    # 'The pandemic had disrupted international travel and diplomatic engagements ...')
    new_words = {w.lower() for w in b}
    new_stems = {stem(w) for w in new_words}
    reworded = len({w for w in a if w.islower() and len(w) > 2 and w not in STOPWORDS and w not in new_words
                    and stem(w) not in new_stems})
    reworded = reworded if reworded <= options.inserted_reworded_max else 0
    for op, i1, i2, j1, j2 in ops:
        if not (op == "insert" or op == "replace" and (j2 - j1) - (i2 - i1) >= options.inserted_min_growth):
            continue
        span = " ".join(b[j1:j2])
        if _REPORTED.search(span) or _merged_from(span, old.text, support):
            continue
        content = [w for w in b[j1:j2] if w.islower() and len(w) > 2 and w not in STOPWORDS]
        fresh = [w for w in content if w not in support.words and stem(w) not in support.stems
                 and not support.another_form(w)]
        if len(fresh) - reworded >= min_new and len(fresh) >= options.inserted_min_fresh * len(content) \
                and _has_full_verb(fresh, new.text):
            return [FieldChange(field="action", change="added", severity="distortion", old=None, new=span)]
    return []


_PAST = re.compile(r"\b(?:was|were|had|has|have|did|been|won|lost|met|made|held|said|went|took|gave|saw|came|became|"
                   r"left|led|ran|sent|paid|sold|bought|brought|fought|found|kept|began|spoke|wrote|rose|fell|"
                   r"struck|drew|flew|told|broke|chose|drove|grew|knew|shot|stood|threw|\w{3,}ed)\b", re.I)


_PREDICTED = re.compile(FUTURE.pattern + r"\s+(?:(?:be|have|also|now|soon|still|not|then)\s+)*([a-z]{3,})", re.I)


def _says_what_was_predicted(old: Claim, new: Claim) -> bool:
    """The new claim states the act the old one predicted ('will close' -> 'closed', 'is expected to win' ->
    'won', 'will close' -> 'shut'), in a form or another word of the same meaning; one that keeps only another
    clause of the old claim ('... hope the service will ease pressure on the department, which saw 61,000 visits'
    -> 'The department recorded 61,000 visits') dropped the prediction, it did not state it as fact. An old claim
    with no verb after its marker is read as before."""
    m = _PREDICTED.search(old.text)
    if not m:
        return True
    verb = m.group(m.lastindex or 0).lower()
    said = set(lemmas(verb)) | {stem(verb)}
    return any(set(lemmas(w)) & said or stem(w) in said or same_meaning(verb, w)
               for w in re.findall(r"[a-z]{3,}", new.text.lower()))


def _done(old: Claim, new: Claim) -> bool:
    """The new claim writes the act the old one predicted in the past tense ('will launch' -> 'launched'; not
    'planned to launch', 'is launching')."""
    m = _PREDICTED.search(old.text)
    if not m:
        return False
    verb = m.group(m.lastindex or 0).lower()
    said = set(lemmas(verb))
    if "considering" in m.group(0).lower() and any(
            set(lemmas(d.group(1).lower())) & said
            for d in re.finditer(r"\b(?:decided|agreed|voted|chosen|opted)\s+to\s+(\w+)", new.text, re.I)):
        return True  # 'is considering raising' -> 'has decided to raise': the decision made
    # a past verb of a relative clause ('The agency, which was founded in 1958, is launching') states nothing
    main = re.sub(r"\b(?:which|who|that)\s+(?:was|were|had|has|have)\b[^,]*", " ", new.text)
    return any(_PAST.fullmatch(w) and (set(lemmas(w.lower())) & said or same_meaning(verb, w.lower())) and
               not re.search(rf"\b(?:to|will|would)\s+{w}\b", main, re.I)
               for w in re.findall(r"[A-Za-z]{3,}", main))


def _scheduled(claim: Claim) -> bool:
    """A plan put in the present tense with its date ('In Sunday's final Alcaraz meets Rublev', 'The summit opens
    on Monday'): a schedule, as 'will meet' is, not a fact stated of the past."""
    return bool(claim.time_text) and not _PAST.search(claim.text)


def _merged_from(span: str, aligned: str, support: Support) -> bool:
    """The put-in words are another sentence of the old version, merged into this claim ('For a second day,
    schools in Bologna stayed shut, and rail services ... were halted'): most of their content words are in one old
    claim other than the aligned one (half of them at least)."""
    stems = set(content_stems(span))
    if len(stems) < 2:
        return False
    return any(text != aligned and len(stems & set(content_stems(text))) >= len(stems) / 2 for text in support.texts)


def _has_full_verb(words: Iterable[str], text: str) -> bool:
    """One of ``words`` is a verb of ``text`` that carries its own meaning (not a light verb)."""
    return any(_verb_like(text, w) and w not in _LIGHT_VERBS for w in words)


def _same_claim(old: Claim, new: Claim) -> bool:
    return (old.text, old.actors, old.time, old.time_text, old.place, old.quantities, old.attribution, old.certainty,
            old.negated, old.kind) == (new.text, new.actors, new.time, new.time_text, new.place, new.quantities,
                                       new.attribution, new.certainty, new.negated, new.kind)


# verbs that say 'not' in their own meaning; 'did not refuse' against 'refused' is still a flip
_NEGATIVE_VERB = re.compile(r"\b(?:lack(?:s|ed|ing)?|fail(?:s|ed|ing)?\s+to|refus(?:e|es|ed|ing)\s+to|"
                            r"declin(?:e|es|ed|ing)\s+to|stop(?:s|ped|ping)?\s+short\s+of)\b", re.I)


def _voice_reversed(passive: str, active: str, reverse: bool = False) -> list[FieldChange]:
    """The same words with a passive made active in place, which swaps who did what to whom ('Hanbit Mall was
    fined by the commission' -> 'Hanbit Mall fined the commission'). ``reverse``: ``passive`` is the new text."""
    if " by " not in passive:
        return []
    for m in _PASSIVE_AGENT.finditer(passive):
        if m.group(1).lower() in _SAME_IN_BOTH_VOICES or _AMOUNT_START.match(passive, m.end()):
            continue  # 'was passed by the Senate' / 'passed the Senate'; 'were increased by 5%' is an amount
        made_active = passive[:m.start()] + m.group(1) + " " + passive[m.end():]
        if " ".join(made_active.split()) == " ".join(active.split()):
            said = (m.group(0).strip(), m.group(1))
            old, new = said[::-1] if reverse else said
            return [FieldChange(field="action", change="flipped", severity="contradiction", old=old, new=new)]
    return []


_SAME_IN_BOTH_VOICES = frozenset("passed cleared increased decreased raised reduced boosted lowered".split())
_AMOUNT_START = re.compile(r"[$\u00a3\u20ac]?\d|(?:" + NUMBER_WORD_ALT + r")\b", re.I)
_PASSIVE_AGENT = re.compile(r"\b(?:was|were|is|are|has been|have been|had been|will be)\s+([a-z]+ed)\s+by\s+", re.I)


def _missed(text: str, other: str) -> str | None:
    """The act ``text`` says was missed, skipped, avoided or declined ('missed training', 'skipped the vote',
    'declined to sign') where ``other`` says it happened ('trained', 'voted', 'signed') and misses nothing; None
    otherwise."""
    missed = _MISSED.findall(text)
    if not missed or _MISSED.search(other):
        return None
    # the other writes the act as a verb in another form ('training' / 'trained'), not the same word ('crash')
    done = {stem(w) for w in re.findall(r"[a-z]+", other.lower()) if w.endswith(("ed", "ing")) or is_verb(w)}
    said = set(re.findall(r"[a-z]+", other.lower()))
    return next((act for _, act in missed if stem(act) in done and act.lower() not in said), None)


_MISSED = re.compile(r"\b(miss(?:ed|es)?|skip(?:ped|s|ping)?|avoid(?:ed|s|ing)?|declin(?:e|es|ed|ing)\s+to|"
                     r"refus(?:e|es|ed|ing)\s+to)\s+(?:the\s+|a\s+|an\s+)?([a-z]+)", re.I)


def _negative_verb_for_not(old: Claim, new: Claim) -> bool:
    """The claim without 'not' says it with a verb that means 'not' ('lacks a majority' = 'does not have a
    majority', 'stopped short of an apology' = 'did not offer an apology'), and the other does not negate that
    verb ('did not refuse' against 'refused' is a flip)."""
    neg, aff = (old, new) if old.negated else (new, old)
    return bool(_NEGATIVE_VERB.search(aff.text)) and not _NEGATIVE_VERB.search(neg.text) and \
        not any(h.startswith(("lack", "fail", "refus", "declin", "stop")) for h in negated_words(neg.text))


def _polarity_flipped(old: Claim, new: Claim, near_copy: bool) -> bool:
    """One claim negates what the other affirms: the negated word ('did not attend') is affirmed in the other
    claim, or, in a near-copy, 'not' was inserted or removed. A negation elsewhere in a longer sentence is not a
    flip, and neither is the same polarity said with a prefix or an antonym ('not sufficient' = 'insufficient',
    'did not win' = 'lost')."""
    neg, aff = (old, new) if old.negated else (new, old)
    heads = negated_words(neg.text)
    quoted = " ".join(m.group(1) for m in QUOTE_SPAN.finditer(fold(aff.text)))
    if heads and quoted and {stem(h) for h in heads} <= {stem(h) for h in negated_words(quoted)}:
        return False  # the other negates it too, inside a quotation ('"... there is no risk," he said')
    aff_words = re.findall(r"[a-z]+", aff.text.lower())
    if any(antonyms(h, w) for h in heads for w in aff_words):
        return False
    aff_stems = set(content_stems(aff.text))
    if any(stem(h) in aff_stems or h in aff_words for h in heads):
        return True
    if _NEGATIVE_VERB.search(neg.text) and \
            any(set(lemmas(h)) & set(lemmas(w)) for h in heads for w in aff_words if w[:1] == h[:1]):
        return True  # an irregular form ('failed to win' / 'won'); 'did not sink until' / 'sank' is no flip
    return near_copy and not heads  # a negated phrase dropped whole ('who chose not to be named') is no flip


def _denies_the_old_version(new: Claim, support: Support) -> bool:
    """The new claim negates a word ('failed to capture') that the old version affirms somewhere and never negates
    ('captured a new image'), though not in the claim it is aligned with."""
    heads = {stem(h) for h in negated_words(new.text)}
    if not heads:
        return False
    affirmed = denied = False
    for text in support.texts:
        if heads & set(content_stems(text)):
            if heads & {stem(h) for h in negated_words(text)}:
                denied = True
            else:
                affirmed = True
    return affirmed and not denied


def _times(claim: Claim) -> list[tuple[str, TimeParts]]:
    """Every time a claim states: its normalised slot first, then each expression in its text."""
    out: list[tuple[str, TimeParts]] = []
    main = time_parts(claim.time, claim.time_text)
    if main.present():
        out.append((claim.time_text or describe_time(main), main))
    for _, _, written, parts in find_times(claim.text):
        if not any(compare_times(p, parts) == "same" for _, p in out):
            out.append((written, parts))
    return out


def _time(old: Claim, new: Claim) -> list[FieldChange]:
    """A new time compatible with none of the old claim's times (same, or more or less precise) conflicts with the
    closest one; an old time no new time is compatible with is lost; a new time where the old claim had none adds
    detail."""
    a, b = _times(old), _times(new)
    if not a and not b:
        return []
    out: list[FieldChange] = []
    compatible = ("same", "lost", "added")
    # each old time said again: a further new time dates another event of the sentence ('found guilty on Wednesday
    # over the attack in 2013'), a detail; with an old time not said again, it conflicts ('Wednesday' / 'Tuesday')
    restated = bool(a) and all(any(compare_times(pa, pb) in ("same", "added") for _, pb in b) for _, pa in a)
    for wb, pb in b:
        verdicts = [(compare_times(pa, pb), wa, pa) for wa, pa in a]
        if any(v in compatible for v, _, _ in verdicts):
            continue
        if verdicts and restated:
            out.append(FieldChange(field="time", change="added", severity="detail", old=None, new=wb))
        elif verdicts:
            v, wa, _ = verdicts[0]
            out.append(FieldChange(field="time", change="conflict" if v == "conflict" else "substituted",
                                   severity="contradiction", old=wa, new=wb))
        else:
            out.append(FieldChange(field="time", change="added", severity="detail", old=None, new=wb))
    if out:
        return out[:1]
    for wa, pa in a:
        found = [compare_times(pa, pb) for _, pb in b]
        if "same" in found or "added" in found:
            continue
        if pa.relative and pa.relative.endswith(" ago"):
            n, unit = pa.relative.split()[:2]
            if any(q.value == float(n) and singular(q.unit or "") == unit for q in new.quantities):
                continue  # '75 years ago' restated as 'dates back 75 years'
        return [FieldChange(field="time", change="lost", severity="detail", old=wa, new=None)]
    return []


_RELATIVE_YEARS = {"last year": -1, "this year": 0, "next year": 1, "a year ago": -1}


def _year_resolved(changes: list[FieldChange], support: Support | None) -> list[FieldChange]:
    """A relative year put as the year it names, in a version that dates itself ('registered last year' -> 'in
    2023', where the article writes '5 January 2024'), or the other way round: the same time, said more or less
    precisely (a detail)."""
    if support is None or len(changes) != 1 or changes[0].field != "time" or changes[0].change != "substituted":
        return changes
    ch = changes[0]
    gone, came = (ch.old or "").lower(), (ch.new or "").lower()
    if gone in _RELATIVE_YEARS and came.isdigit() and _dated(support.texts, int(came) - _RELATIVE_YEARS[gone]):
        return [FieldChange(field="time", change="added", severity="detail", old=ch.old, new=ch.new)]
    if came in _RELATIVE_YEARS and gone.isdigit() and \
            _dated(support.new_texts, int(gone) - _RELATIVE_YEARS[came]):
        return [FieldChange(field="time", change="lost", severity="detail", old=ch.old, new=ch.new)]
    return changes


def _dated(texts: Iterable[str], year: int) -> bool:
    """The latest date the texts write with its month ('5 January 2024', 'March 2024') is in ``year``: the year a
    version is dated by. A bare year ('passed in 2010', 'by 2030') dates an event, not the article."""
    years = [parts.year for t in texts for *_, parts in find_times(t) if parts.year and parts.month]
    return bool(years) and max(years) == year


_PERIODS: dict[str, frozenset[str]] = {  # periods of the year that name no date, and the days and months inside them
    "weekend": frozenset("saturday sunday".split()),
    "spring": frozenset("march april may".split()), "summer": frozenset("june july august".split()),
    "autumn": frozenset("september october november".split()),
    "winter": frozenset("december january february".split()),
}


def _vague_time_replaced(old: Claim, new: Claim, changes: list[FieldChange], minimal: bool) -> list[FieldChange]:
    """In a minimal edit, a time the new claim adds in place of a period the old one named without a date ('until
    the weekend' -> 'until October', 'in the spring' -> 'next week') replaced that time: a substitution, not a
    detail added. A day or a month inside the period only says it more precisely ('over the weekend' -> 'on
    Saturday', 'in the summer' -> 'in July'); a time of day names no day at all ('in the morning' -> 'on Monday')."""
    if not minimal or len(changes) != 1 or changes[0].change != "added" or _times(old):
        return changes
    added = entity_key(changes[0].new or "").split()
    wa, wb = entity_key(old.text).split(), entity_key(new.text).split()
    for op, i1, i2, j1, j2 in SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes():
        gone, came = wa[i1:i2], wb[j1:j2]
        periods = [w for w in gone if w in _PERIODS]
        if op != "replace" or not periods or not set(came) & set(added):
            continue
        if any(w in _PERIODS[p] or f"{w}s" in _PERIODS[p] for p in periods for w in added):
            return changes  # inside the period
        return [FieldChange(field="time", change="substituted", severity="contradiction", old=" ".join(gone),
                            new=changes[0].new)]
    return changes


def _clock(old: Claim, new: Claim) -> list[FieldChange]:
    """Clock times, compared apart from dates: a new one the old claim does not state conflicts with an old one
    in the same zone ('close at 7 p.m.' -> 'at 11 p.m.'; '7:00' is either 7 a.m. or 7 p.m.), unless every old one
    is said again (a further time of another event, a detail); one only a side states is a time added or lost, a
    detail. Times in two zones ('10 a.m. local time', '1500 GMT') are not compared."""
    a, b = find_clock_times(old.text), find_clock_times(new.text)
    if not a and not b:
        return []
    fresh = [n for n in b if not any(n.same(o) for o in a)]
    gone = [o for o in a if not any(o.same(n) for n in b)]
    for n in fresh:
        rival = next((o for o in gone if o.comparable(n)), None)
        if rival is not None:
            return [FieldChange(field="time", change="conflict", severity="contradiction", old=rival.written,
                                new=n.written)]
    if fresh:
        return [FieldChange(field="time", change="added", severity="detail", old=None, new=fresh[0].written)]
    return [FieldChange(field="time", change="lost", severity="detail", old=gone[0].written, new=None)] if gone \
        else []


def _quantities(old: Claim, new: Claim, near_copy: bool = False, context_ok: bool = True,
                stated: frozenset[float | None] | None = None, rounding: float = 0.05) -> list[FieldChange]:
    """New-driven: a new number conflicts when the old claim counts the same unit (or a unit of the same family)
    with no equal value; an old number no new number repeats is lost; a new number where the old claim counted
    nothing adds detail (reported for near-copies, or when the old claim names the unit: 'summits' -> 'three
    summits'). ``stated``: the values of every number the old version states, when known; a value within
    ``rounding`` (relative) of one of them is that number rounded."""
    out: list[FieldChange] = []
    scores_a = list(dict.fromkeys(q.text for q in old.quantities if q.unit == "score"))
    scores_b = list(dict.fromkeys(q.text for q in new.quantities if q.unit == "score"))
    if scores_a and scores_b and not set(scores_a) & set(scores_b) and context_ok:  # 'won 3-1' -> 'won 3-3'
        return [FieldChange(field="quantity", change="conflict", severity="contradiction", old=", ".join(scores_a),
                            new=", ".join(scores_b))]
    old_by_unit: dict[str, list[Quantity]] = {}
    for q in old.quantities:
        old_by_unit.setdefault(_unit(q.unit), []).append(q)
    new_values = {q.value for q in new.quantities}
    old_values = {q.value for q in old.quantities}
    # a figure rounded and said to be about that ('4.97 million visitors' -> 'nearly 5 million'): the same one
    for o, q in _rounded_pairs(old, new, rounding):
        new_values.add(o.value)
        old_values.add(q.value)
    for q in new.quantities:
        if q.value in old_values:
            continue
        same = old_by_unit.get(_unit(q.unit), []) if q.unit else []
        family = [o for o in old.quantities if unit_family(o.unit) and unit_family(o.unit) == unit_family(q.unit)
                  and o.value not in new_values]
        rivals = same or family
        if rivals and context_ok:
            out.append(FieldChange(field="quantity", change="conflict", severity="contradiction",
                                   old=", ".join(dict.fromkeys(o.text for o in rivals)), new=q.text))
        elif not rivals and (near_copy or (q.unit and _unit(q.unit) in _unit_stems(old.text))):
            out.append(FieldChange(field="quantity", change="added", severity="detail", old=None, new=q.text))
    if any(c.change == "conflict" for c in out):
        return out
    if near_copy and not out:  # 'five breads' -> 'five crackers': the same number counts something else
        for q in new.quantities:
            rivals = [o for o in old.quantities if o.value == q.value and o.unit and q.unit
                      and o.unit not in _NAMELESS_UNITS and q.unit not in _NAMELESS_UNITS  # no word of the text
                      and _unit(o.unit) != _unit(q.unit) and _unit(q.unit) not in _unit_stems(old.text)
                      and not _unit_misspelt(o.unit, q.unit)  # '55 sqaure miles' -> '55 square miles'
                      and _unit(o.unit) not in _unit_stems(new.text)]  # the old thing is gone: swapped in place
            if rivals:  # 'three weeks' -> 'three days' is a changed time; 'five breads' -> 'five crackers' a thing
                kin = unit_family(rivals[0].unit) if unit_family(rivals[0].unit) == unit_family(q.unit) else None
                slot: Slot
                what: SlotChange
                slot, what = ("time" if kin == "time" else "quantity", "conflict") if kin else \
                    ("entity", "substituted")
                return [FieldChange(field=slot, change=what, severity="contradiction", old=rivals[0].text,
                                    new=q.text)]
    lost = [q for q in old.quantities if q.value not in new_values]
    came = [q for q in new.quantities if q.value not in old_values]
    # a claim rewritten whole, its one number for another that the old version states nowhere: 'will hire about
    # 250 new workers' -> 'will take on some three hundred and fifty extra staff'
    fresh = stated is not None and len(lost) == 1 and len(came) == 1 and not _near_any(came[0].value, stated, rounding)
    if lost and came and (context_ok or fresh):  # 'a party of six' -> 'a party of seven': a changed number
        return [FieldChange(field="quantity", change="conflict", severity="contradiction", old=lost[0].text,
                            new=came[0].text)]
    if near_copy and not lost and not came and _swapped([q.value for q in old.quantities],
                                                        [q.value for q in new.quantities]):
        return [FieldChange(field="quantity", change="conflict", severity="contradiction",
                            old=", ".join(dict.fromkeys(q.text for q in old.quantities)),
                            new=", ".join(dict.fromkeys(q.text for q in new.quantities)))]  # '0.505%, cap 0.5%' swapped
    if lost:
        out.append(FieldChange(field="quantity", change="lost", severity="detail", old=lost[0].text, new=None))
    return out


def _bound_reversed(old: str, new: str) -> list[FieldChange]:
    """One number bounded the other way ('fewer than 200' -> 'more than 200', 'children under five' -> 'over
    five'): how many changed."""
    b = number_bounds(new)
    a = number_bounds(old) if b else {}
    for number, ways in b.items():
        if number in a and len(a[number]) == len(ways) == 1 and set(a[number]) != set(ways):
            return [FieldChange(field="quantity", change="conflict", severity="contradiction",
                                old=next(iter(a[number].values())), new=next(iter(ways.values())))]
    return []


_NAMELESS_UNITS = frozenset(("score", "rank"))  # what the extractor calls a match score and a position


def _rounded_pairs(old: Claim, new: Claim, within: float) -> list[tuple[Quantity, Quantity]]:
    """The old and new numbers of one unit, within ``within`` (relative) of each other, where the copy says its
    figure is approximate and it is the old one rounded ('nearly 5 million' for '4.97 million'; not 'about 41' for
    'about 40'). Not the other way: a copy that makes 'about 60' an exact '61' states what the original did not."""
    return [(o, q) for q in new.quantities for o in old.quantities
            if o.value != q.value and o.value is not None and q.value is not None and _unit(o.unit) == _unit(q.unit)
            and abs(o.value - q.value) <= within * max(abs(o.value), abs(q.value))
            and _rounds(o.value, q.value) and _side_allowed(_approximation(new.text, q.text), o.value, q.value)]


def _side_allowed(qualifier: str | None, exact: float, rounded: float) -> bool:
    """The exact figure lies where the qualifier puts it: 'nearly 5 million' is under 5 million, 'just over' over
    it, 'about' either side."""
    return qualifier == "either" or qualifier == "below" and exact < rounded or qualifier == "above" and exact > rounded


def _rounds(exact: float, rounded: float) -> bool:
    """``rounded`` is ``exact`` rounded to its own significant digits (4.97 million to 5 million, 41 to 40; not 40
    to 41)."""
    digits = len(f"{rounded:.15g}".replace(".", "").replace("-", "").strip("0")) or 1
    return float(f"{exact:.{digits}g}") == rounded


def _approximation(text: str, written: str) -> str | None:
    """Which side of the number ``written`` the text says the figure lies: 'below' ('nearly 5 million', 'almost
    200'), 'above' ('just over 200'), 'either' ('about 200', 'some 40'), or None when it is not said to be
    approximate."""
    m = re.search(rf"\b({'|'.join(_APPROXIMATE)})\s+{re.escape(written)}", text, re.I)
    return _APPROXIMATE[m.group(1).lower()] if m else None


_APPROXIMATE = {"nearly": "below", "almost": "below", "just under": "below", "close to": "below", "just over": "above",
                "about": "either", "around": "either", "roughly": "either", "approximately": "either",
                "some": "either", "an estimated": "either", "estimated": "either"}


def _near_any(value: float | None, stated: frozenset[float | None], within: float) -> bool:
    """``value`` is one of ``stated`` or within ``within`` (relative) of one: 8,030 for 'more than 8,000'."""
    return value is None or any(v is not None and abs(v - value) <= within * max(abs(v), abs(value))
                                for v in stated)


def _swapped(a: list[float | None], b: list[float | None]) -> bool:
    """The same numbers in another order: two values traded places."""
    return len(a) == len(b) >= 2 and sorted(map(str, a)) == sorted(map(str, b)) and a != b


@lru_cache(maxsize=16384)
def _unit_stems(text: str) -> frozenset[str]:
    return frozenset(_unit(w.strip(".,;:\"'")) for w in text.lower().split())


@lru_cache(maxsize=16384)
def _unit(unit: str | None) -> str:
    """A unit's key: one spelling ('km' / 'kilometres'), and one key for degrees of any scale ('40 degrees' / '40C' /
    '40 degrees Celsius': a copy that names the scale, or drops it, says the same)."""
    if not unit:
        return ""
    canonical = canonical_unit(unit) or ""
    return "degree" if canonical.startswith("degree") else stem(canonical)


_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
             "herself": "f", "mr": "m", "mrs": "f", "ms": "f"}
_NEUTER_PRONOUNS = frozenset("they them their it its".split())  # stand for a name, but have no gender to swap


def _entities(old: Claim, new: Claim, alias: dict[str, str], context: bool,
              types: Mapping[str, str], near_copy: bool = False, spelling_min: float = 88.0,
              texts: Sequence[str] = ()) -> list[FieldChange]:
    """A name of the old claim put for another (``texts``, both versions' claims, can say one place is in the
    other)."""
    a, b = claim_entities(old, alias), claim_entities(new, alias)
    old_only: set[str] = set(a - b)
    new_only: set[str] = set(b - a)
    if near_copy or context:  # a name replaced by a pronoun; in a minimal edit, 'he' turned into 'she'
        ga = [_PRONOUNS[w] for w in re.findall(r"[a-z]+", old.text.lower()) if w in _PRONOUNS]
        gb = [_PRONOUNS[w] for w in re.findall(r"[a-z]+", new.text.lower()) if w in _PRONOUNS]
        if near_copy and ga and gb and len(ga) == len(gb) and ga != gb:
            return [FieldChange(field="actors", change="substituted", severity="contradiction",
                                old=", ".join(sorted(set(ga))).replace("m", "male").replace("f", "female"),
                                new=", ".join(sorted(set(gb))).replace("m", "male").replace("f", "female"))]
        na = sum(1 for w in re.findall(r"[a-z]+", old.text.lower()) if w in _NEUTER_PRONOUNS)
        nb = sum(1 for w in re.findall(r"[a-z]+", new.text.lower()) if w in _NEUTER_PRONOUNS)
        if old_only and not new_only and len(gb) + nb > len(ga) + na:
            names = sorted(x for x in old.actors if canonical_key(x, alias) in old_only)
            return [FieldChange(field="actors", change="lost", severity="detail", old=", ".join(names),
                                new="a pronoun")]
    if context:
        swap = _names_swapped(old, new, alias)
        if swap:
            return [FieldChange(field="actors", change="substituted", severity="contradiction", old=swap[0],
                                new=swap[1])]
    if not old_only or not new_only or not context:
        return []
    # a name present anywhere in the other claim's text (as written) is a rewording, not a substitution
    old_text, new_text = old.text.lower(), new.text.lower()
    old_only = {k for k in old_only if not _mentioned(k, new_text, alias)}
    new_only = {k for k in new_only if not _mentioned(k, old_text, alias)}
    # one name spelled two ways ('Wikinewsthat' / 'Wikinews', 'Kotunica' / 'Kostunica') is not a substitution
    near = {(a, b) for a in old_only for b in new_only if fuzz.ratio(a, b) >= spelling_min
            or abbreviates(a, b)  # 'VC' = 'Venture Capitalist', 'PM Ann Lee' = 'Prime Minister'
            or misspelt(a, b)  # 'Keyzilberman' / 'Key Zilberman', 'Peskovsaid' / 'Peskov'
            or _same_with_origin(a, b)  # "Kenya's Ruth Chepkoech" / 'Ruth Chepkoech of Kenya'
            or _untitled(a) == _untitled(b)  # 'CEO Karin Vogel' / 'Karin Vogel'
            or people_of(a, b) or people_of(b, a)  # 'the Belgian region of Flanders' / 'Flanders, Belgium'
            or _capital_described([a, "capital"], old.text, b)  # 'the Kenyan capital' / 'Nairobi'
            or _capital_described([b, "capital"], new.text, a)}

    raw_a = {k: {entity_key(x) for x in old.actors if canonical_key(x, alias) == k} | {k} for k in old_only}
    raw_b = {k: {entity_key(x) for x in new.actors if canonical_key(x, alias) == k} | {k} for k in new_only}
    near |= {(a, b) for a in old_only for b in new_only  # 'PA' / 'Pennsylvania', 'London' / 'UK'
             if any(related(x, y) for x in raw_a[a] for y in raw_b[b])}
    old_only -= {a for a, _ in near}
    new_only -= {b for _, b in near}
    # an acronym of a run of names the old claim writes, split by the extractor at 'and' ('National Aeronautics and
    # Space Administration' -> 'NASA'): the same one, and the run's parts are no names lost
    runs = [entity_key(r) for text in (old.text, new.text) for r in NAME_RUN.findall(text)] \
        if old_only or new_only else []
    spelled = {b for b in new_only if " " not in b and any(initialism(b, t) for r in runs for t in run_tails(r))}
    spelled |= {a for a in old_only if " " not in a and any(initialism(a, r) for r in runs)}
    if spelled:
        new_only -= spelled
        old_only -= spelled | {a for a in old_only if any(a in r for r in runs)}
    # a nationality ('a British policeman') is where someone is from, a place written as a name ('in Portugal')
    # where it happened: one does not stand in for the other ('British' -> 'French' still does)
    nat_a = {k for k in old_only if any(_nationality(old, x) for x in raw_a[k])}
    nat_b = {k for k in new_only if any(_nationality(new, x) for x in raw_b[k])}
    if bool(nat_a) != bool(nat_b):
        old_only -= nat_a
        new_only -= nat_b
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
    names_old = sorted(x for x in old.actors if canonical_key(x, alias) in old_only)
    names_new = sorted(x for x in new.actors if canonical_key(x, alias) in new_only)
    # a place put for a name the text writes where a place goes ('on Oxford Road' -> 'on Deansgate')
    placed = "place" in kinds and bool(names_old and names_new) and all(
        _written_as_place(old.text, x) for x in names_old) and all(_written_as_place(new.text, y) for y in names_new)
    field: Slot = "place" if kinds == {"place"} or placed or names_old and names_new and all(
        _place_modifier(old.text, x.split()) for x in names_old) and all(
        _place_modifier(new.text, y.split()) for y in names_new) else "actors"  # 'a Texas-based firm'
    if field == "place" and any(_nested(x, y, texts) for x in names_old for y in names_new):
        return []  # 'Ohio' -> 'East Palestine', where a version writes 'East Palestine, Ohio': the place slot's detail
    return [FieldChange(field=field, change="substituted", severity="contradiction",
                        old=", ".join(names_old), new=", ".join(names_new))]


_TITLE_WORDS = frozenset(w for k, v in TITLE_SHORT.items() for w in (k, *v.split())) | \
    frozenset(w for k in TITLE_LONG for w in k.split()) | frozenset("""ceo cfo coo chief executive officer financial
    operating chairman chairwoman chair mayor minister prime mr mrs ms detective inspector sergeant constable
    superintendent di dci ds dc pc""".split())  # police ranks and their initials ('DI Mark Hale')


def _untitled(key: str) -> str:
    """A person's name key without the title words before it ('ceo karin vogel', 'chief executive karin vogel' ->
    'karin vogel'); a key that would keep fewer than two words is kept whole ('president trump')."""
    words = key.split()
    k = 0
    while k < len(words) and words[k] in _TITLE_WORDS:
        k += 1
    return " ".join(words[k:]) if len(words) - k >= 2 else key


def _origin(key: str) -> tuple[str, str]:
    """A person's name key and the place it says they are from, either way round: 'kenya ruth chepkoech' (from
    "Kenya's Ruth Chepkoech") and 'ruth chepkoech of kenya' are ('ruth chepkoech', 'kenya'). A name of two words
    or more with no organisation word: 'Bank of England' and 'Kenya Airways' are names of their own."""
    words = key.split()
    if " of " in key:
        name, _, place = key.rpartition(" of ")
        if len(name.split()) >= 2 and _a_place(place) and not set(name.split()) & ORG_WORDS:
            return name, place
    for n in (1, 2, 3):
        head = " ".join(words[:n])
        if len(words) - n >= 2 and (_a_place(head) or n == 1 and (head in DEMONYMS or people_word(head))) \
                and not set(words[n:]) & ORG_WORDS:
            return " ".join(words[n:]), head  # 'belgian jens vermeulen' too
    return key, ""


def _a_place(key: str) -> bool:
    return is_place(ALIASES.get(key, key))  # 'britain' is the United Kingdom


def _same_with_origin(a: str, b: str) -> bool:
    """One person, the place they are from written before the name or after it, or once only ("Kenya's Benson
    Kipruto" / 'Benson Kipruto of Kenya' / 'Benson Kipruto'); from another place ('of Ethiopia') is someone else."""
    (na, pa), (nb, pb) = _origin(a), _origin(b)
    return a != b and na == nb and (pa == pb or not pa or not pb or people_of(pa, pb) or people_of(pb, pa))


def _names_swapped(old: Claim, new: Claim, alias: dict[str, str]) -> tuple[str, str] | None:
    """Two names that traded places, everything else in the same order ('Suzuki second and Toyota third' ->
    'Toyota second and Suzuki third', 'Smith beat Jones' -> 'Jones beat Smith'): who did what to whom changed. Not
    when only a conjunction stands between them ('Smith and Jones met' -> 'Jones and Smith met')."""
    sa, sb = [x for _, x in _stem_seq(old.text)], [x for _, x in _stem_seq(new.text)]
    if len(old.actors) + len(new.actors) < 2 or sorted(sa) != sorted(sb):
        return None  # a swap keeps every word, in another order
    passive = _passive(old.text) != _passive(new.text)
    if sa == sb and not passive:
        return None
    keys = {entity_key(x) for x in old.actors + new.actors}
    # a word at a sentence's start read into a name ('Retailer Brightmarket') where the name is also written bare
    # ('Brightmarket'): the bare name, the word one of its own
    starts = {entity_key(c.text).split(" ", 1)[0] for c in (old, new)}
    keys = {k for k in keys if not (" " in k and k.split(" ", 1)[1] in keys and k.split(" ", 1)[0] in starts)}
    names = sorted(keys, key=lambda k: (-len(k), k))

    def tokens(claim: Claim) -> list[str]:
        text = f" {entity_key(claim.text)} "
        for name in names:
            if name:
                key = canonical_key(name, alias).replace(" ", "\u0001")  # one token, however many words
                text = text.replace(f" {name} ", f" \u0000{key}\u0000 ")
        return [t for t in text.split() if t not in STOPWORDS or t in ("and", "or")]
    shown = {canonical_key(n, alias): n for n in sorted(old.actors + new.actors, key=len, reverse=True)
             if entity_key(n) in keys}  # the shortest of the names compared ('Brightmarket', not 'Retailer ...')

    def name(token: str) -> str:
        key = token.strip("\u0000").replace("\u0001", " ")
        return shown.get(key, key)

    ta, tb = tokens(old), tokens(new)
    if passive:
        # one side in the passive: names in another order are the same act ('Ortiz criticised Tanaka' -> 'Tanaka
        # was criticised by Ortiz'), in the same order the other way round ('... -> Ortiz was criticised by Tanaka')
        ta, tb = _without_shared_descriptions(ta, tb)
        order = list(dict.fromkeys(t for t in ta if t.startswith("\u0000")))
        if ta != tb or len(order) != 2:
            return None
        nx, ny = name(order[0]), name(order[1])
        return f"{nx} ... {ny}", f"{ny} ... {nx}"
    swap = _two_swapped(ta, tb)  # names traded, their descriptions left in place ('Tennis player X beat Y')
    if swap is None:
        moved = _description_moved(ta, tb)
        if moved:
            desc = " ".join(name(t) if t.startswith("\u0000") else t for t in moved[0].split())
            return f"{desc} {name(moved[1])}", f"{desc} {name(moved[2])}"
        swap = _two_swapped(*_without_shared_descriptions(ta, tb))  # descriptions moved with their names
    if not swap:
        return None
    nx, ny = name(swap[0]), name(swap[1])
    if _apposition_turned(old.text, new.text, nx, ny):
        return None
    return f"{nx} ... {ny}", f"{ny} ... {nx}"


def _apposition_turned(a: str, b: str, x: str, y: str) -> bool:
    """One relation between two names written both ways round: "Sigma Loop's founder, Jonas Wendt" / 'Jonas Wendt,
    the founder of Sigma Loop'. Not "Smith's lawyer Jones" / "Jones's lawyer Smith": who is whose changed."""
    def possessive(text: str, owner: str, person: str) -> str | None:
        m = re.search(rf"{re.escape(owner)}['\u2019]s\s+([a-z]+),?\s+{re.escape(person)}\b", text)
        return m.group(1) if m else None

    def of_phrase(text: str, owner: str, person: str, role: str) -> bool:
        return bool(re.search(rf"{re.escape(person)},?\s+(?:the\s+|a\s+)?{role}\s+of\s+{re.escape(owner)}\b",
                              text))

    for first, second in ((a, b), (b, a)):
        for owner, person in ((x, y), (y, x)):
            role = possessive(first, owner, person)
            if role and of_phrase(second, owner, person, role):
                return True
    return False


def _two_swapped(ta: list[str], tb: list[str]) -> tuple[str, str] | tuple[()] | None:
    """The two name tokens that traded places, all else equal; ``()`` when they did so around a conjunction or a
    reciprocal verb ('Smith and Jones met', 'Smith met Jones': the same); None when no two names traded places."""
    if ta == tb or len(ta) != len(tb):
        return None
    diff = [k for k in range(len(ta)) if ta[k] != tb[k]]
    if len(diff) != 2:
        return None
    i, j = diff
    x, y = ta[i], ta[j]
    if not (x.startswith("\u0000") and y.startswith("\u0000")) or tb[i] != y or tb[j] != x:
        return None
    if all(t in ("and", "or") for t in ta[i + 1:j]):
        return ()  # a coordination reordered
    if ta[i + 1:j] and stem(ta[j - 1]) in _RECIPROCAL:
        return ()  # 'Smith met Jones', 'held talks with Jones' is 'Jones met Smith'; not 'agreed to buy Jones'
    return x, y


def _descriptions(tokens: list[str]) -> dict[str, list[int]]:
    """Each name token's description: the positions of up to three words right before it, nearest first (words,
    and a one-word name before a word: 'Spanish player')."""
    def plain(t: str) -> bool:  # a describing word: no name, conjunction or verb ('beat Jones')
        return not t.startswith("\u0000") and t not in ("and", "or") and not is_verb(t)

    out: dict[str, list[int]] = {}
    for k, t in enumerate(tokens):
        if t.startswith("\u0000"):
            run: list[int] = []
            while len(run) < 3 and (c := k - len(run) - 1) >= 0 and (plain(tokens[c]) or (
                    run and tokens[c].startswith("\u0000") and "\u0001" not in tokens[c] and plain(tokens[c + 1]))):
                run.append(c)
            out.setdefault(t, run)
    return out


def _without_shared_descriptions(ta: list[str], tb: list[str]) -> tuple[list[str], list[str]]:
    """Both token lists without the words that stand right before the same name on both sides: a description
    moves with its name ('Spanish player Carla Ortiz beat Mei Tanaka' -> 'Mei Tanaka beat Spanish player Carla
    Ortiz' is a swap of two names)."""
    da, db = _descriptions(ta), _descriptions(tb)
    drop_a: set[int] = set()
    drop_b: set[int] = set()
    for name in da.keys() & db.keys():
        for ka, kb in zip(da[name], db[name], strict=False):  # nearest first: the shared end of both runs
            if ta[ka] != tb[kb]:
                break
            drop_a.add(ka)
            drop_b.add(kb)
    if not drop_a:
        return ta, tb
    return [t for k, t in enumerate(ta) if k not in drop_a], [t for k, t in enumerate(tb) if k not in drop_b]


def _description_moved(ta: list[str], tb: list[str]) -> tuple[str, str, str] | None:
    """A description put before another name ('Spanish player Carla Ortiz beat Mei Tanaka' -> 'Carla Ortiz beat
    Spanish player Mei Tanaka'): (the description, its old name, its new name) as tokens."""
    da, db = _descriptions(ta), _descriptions(tb)
    modifiers = {ta[k] for run in da.values() for k in run} | {tb[k] for run in db.values() for k in run}
    da = {n: r for n, r in da.items() if n not in modifiers}  # 'Spanish' of 'Spanish player' describes
    db = {n: r for n, r in db.items() if n not in modifiers}

    def words(tokens: list[str], run: list[int]) -> tuple[str, ...]:
        return tuple(tokens[k] for k in reversed(run))

    for name, run in da.items():
        desc = words(ta, run)
        if not desc or name not in db or words(tb, db[name]) == desc:
            continue
        other = next((n for n, r in db.items() if n != name and words(tb, r) == desc
                      and (n not in da or words(ta, da[n]) != desc)), None)
        if other is not None:
            return " ".join(desc), name, other
    return None


@lru_cache(maxsize=16384)
def _passive(text: str) -> bool:
    """A passive with its agent ('was criticised by')."""
    return " by " in text and bool(_PASSIVE_BY.search(text))


_PASSIVE_BY = re.compile(r"\b(?:is|are|was|were|be|been|being|got|gets|get)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|t)\s+by\b",
                         re.I)
_RECIPROCAL = frozenset(stem(w) for w in """met meet meets meeting married marry marries wed drew draw draws tied tie
    ties spoke speak speaks talked talk talks negotiated negotiate shook embraced hugged kissed partnered clashed
    quarrelled argued agreed divorced dated versus vs v""".split())


def _replaced_spans(a: str, b: str) -> list[tuple[set[str], set[str]]]:
    """Word sets of each in-place replacement between two texts (entity-key spelling: lower case, no dots)."""
    wa, wb = entity_key(a).split(), entity_key(b).split()
    ops = SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes()
    return [(set(wa[i1:i2]), set(wb[j1:j2])) for op, i1, i2, j1, j2 in ops if op == "replace"]


def _mentioned(key: str, text: str, alias: dict[str, str], names: tuple[str, ...] = ()) -> bool:
    """The entity (canonical key) is named in ``text``, under its own key or any alias of it, and not only as a
    part of a longer name among ``names`` ('Munich' is not named in 'Bayern Munich beat Dortmund')."""
    keyed = f" {entity_key(text)} "
    for longer in names:
        k = entity_key(longer)
        if key and f" {key} " in f" {k} " and k != key:
            keyed = keyed.replace(f" {k} ", " \u0000 ")
    if key and f" {key} " in keyed:
        return True
    return any(v == key and k and f" {k} " in keyed for k, v in alias.items())


def _place_key(place: str, alias: dict[str, str]) -> str:
    """A place slot's key: its own, when the gazetteer knows it, never folded into a longer name that holds it (the
    city of 'in Munich' is not the club 'Bayern Munich', nor 'Manchester' the club 'Manchester City'); any other
    place under its canonical key."""
    key = entity_key(place)
    return key if _a_place(key) else canonical_key(place, alias)


def _place(old: Claim, new: Claim, alias: dict[str, str], context: bool,
           texts: Sequence[str] = ()) -> list[FieldChange]:
    """The place slot compared: another place is a substitution; one inside the other (``texts``, both versions'
    claims, may say so) is a detail."""
    if old.place and new.place:
        ka, kb = _place_key(old.place, alias), _place_key(new.place, alias)
        if ka == kb or ka in kb or kb in ka or not context:
            return []
        kept = _mentioned(ka, new.text.lower(), alias, tuple(new.actors))
        # a place put in place of another that the old claim also names ('held at St Andrew's Church, followed by a
        # reception at the Town Hall' -> 'held at the Town Hall, ...') moved; otherwise both claims name both
        # places, and the slot picked another mention
        in_place = not kept and any(set(ka.split()) <= gone and set(kb.split()) <= came
                                    for gone, came in _replaced_spans(old.text, new.text))
        if not in_place and (kept or _mentioned(kb, old.text.lower(), alias, tuple(old.actors))):
            return []
        # 'London' -> 'the U.K.': the same place at another precision, which the gazetteer knows or either version
        # writes ('in East Palestine, Ohio')
        finer = _written_within(new.place, old.place, texts)
        coarser = not finer and _written_within(old.place, new.place, texts)
        if related(ka, kb) or finer or coarser:
            lost = coarser or not finer and contains(kb, ka)
            return [FieldChange(field="place", change="lost" if lost else "added", severity="detail",
                                old=old.place, new=new.place)]
        return [FieldChange(field="place", change="substituted", severity="contradiction", old=old.place,
                            new=new.place)]
    if old.place and not new.place and not _mentioned(canonical_key(old.place, alias), new.text.lower(), alias) \
            and _mentioned(canonical_key(old.place, alias), old.text.lower(), alias, tuple(old.actors)):
        # only a place the old claim says: one it took from the dateline ('LISBON -') was never in it
        return [FieldChange(field="place", change="lost", severity="detail", old=old.place, new=None)]
    return []


def _place_put_for_place(old: Claim, new: Claim, alias: dict[str, str], types: Mapping[str, str],
                         texts: Sequence[str] = ()) -> list[FieldChange]:
    """In a minimal edit, a place replaced in place by another place the old claim names elsewhere ('three men
    arrested in Kumasi over gold stolen from a mine in Obuasi' -> '... from a mine in Kumasi'): the slot and the
    name sets still see both places, but one was put where the other stood, and the other is gone."""
    seq_a, seq_b = _stem_seq(old.text), _stem_seq(new.text)  # content words: the minimal edit's own comparison
    for op, i1, i2, j1, j2 in _stem_ops(old.text, new.text)[1]:
        if op != "replace" or not any(w[:1].isupper() for w, _ in seq_b[j1:j2]):
            continue
        gone = " ".join(w for w in entity_key(" ".join(w for w, _ in seq_a[i1:i2])).split() if w not in _PLACE_KINDS)
        came = " ".join(w for w in entity_key(" ".join(w for w, _ in seq_b[j1:j2])).split() if w not in _PLACE_KINDS)
        if gone and came and _known_place(gone, alias, types) and is_place(came) and \
                not (abbreviates(gone, came) or abbreviates(came, gone) or related(gone, came)
                     or canonical_key(gone, alias) == canonical_key(came, alias)
                     or _nested(gone, came, texts)) and \
                _mentioned(came, old.text.lower(), alias) and not _mentioned(gone, new.text.lower(), alias):
            shown = {entity_key(a): a for a in (*old.actors, *new.actors)}
            return [FieldChange(field="place", change="substituted", severity="contradiction",
                                old=shown.get(gone, gone.title()), new=shown.get(came, came.title()))]
    return []


_PLACE_KINDS = frozenset("town city village region province county district state".split())


def _known_place(key: str, alias: dict[str, str], types: Mapping[str, str]) -> bool:
    return is_place(key) or types.get(canonical_key(key, alias)) == "place"


def _nested(a: str, b: str, texts: Sequence[str]) -> bool:
    """A text writes one of two places inside the other (``_written_within`` either way round)."""
    return _written_within(a, b, texts) or _written_within(b, a, texts)


def _written_within(inner: str, outer: str, texts: Sequence[str]) -> bool:
    """A text writes ``inner`` as a place in ``outer`` ('East Palestine, Ohio', 'Springfield, Illinois'): a region
    or a country after a comma, not the next town of a list ('in Leeds, Bradford and York', 'Leeds, Bradford, York
    and Hull')."""
    pattern = re.compile(rf"(?<!,\s)\b{re.escape(inner)},\s+{re.escape(outer)}\b"
                         rf"(?!\s+(?:and|or)\b|,\s+[A-Z][\w'-]*\s+(?:and|or)\b)", re.I)
    return any(pattern.search(t) for t in texts)


def _nationality(claim: Claim, key: str) -> bool:
    """The claim's place is read off a demonym only ('British' -> the United Kingdom), never written as a place; or
    the name, as the claim writes it, is the word for a place's people ('flies the Liberian flag')."""
    words = re.findall(r"[a-z]+", claim.text.lower())
    if key in words and (key in DEMONYMS or people_word(key)):
        return True
    return not _mentioned(key, claim.text.lower(), {}) and any(DEMONYMS.get(w) == key for w in words)


_PRONOUN_KEYS = {"he", "she", "they", "it", "we", "i"}
_GENERIC_SOURCES = frozenset("""company firm group government ministry agency bank club team court police spokesman
    spokeswoman spokesperson official officials authorities department carmaker airline retailer insurer""".split())
_PRONOUN_SPEAKER = re.compile(r"\b(?:he|she|they|it|we)\s+(?:also\s+)?(?:said|says|told|added|noted|wrote|stated|"
                              r"argued|insisted|explained)\b", re.I)


_OFFICIAL_VOICES = frozenset("""official officials authority authorities spokesman spokeswoman spokesperson
    spokespeople representative representatives source sources statement""".split())
# who speaks for an organisation: any of them for any other is no other source
_ONE_KIND_OF_SOURCE = tuple(frozenset(g.split()) for g in (
    "company firm business corporation group carmaker airline carrier retailer insurer bank lender maker "
    "manufacturer operator owner provider",  # a business, under its trade's name or none
    "people residents locals inhabitants villagers neighbours neighbors public",  # the people of a place
    "police officers officer detectives detective investigators force",
    "government ministry department administration cabinet executive", "club team side",
    "researchers scientists study team authors", "prosecutors prosecution", "union unions"))


_QUANTIFIERS = frozenset("several many some few number numerous dozens handful couple group of a an".split())
_SOURCE_HEAD_END = re.compile(r",|\s(?:by|of|from|in|at|who|which|that|with|published|living|based)\s|\s\w+ing\s")
_POSSESSIVE_START = re.compile(r"^(?:his|her|its|their)\s", re.I)
_DEFINITE_START = re.compile(r"^(?:the|his|her|its|their)\s", re.I)


def _source_head(source: str) -> str:
    """The words of a lower-case source up to its first modifier ('people living in the area' -> 'people', 'a
    number of players' -> 'players')."""
    return " ".join(w for w in _SOURCE_HEAD_END.split(source.lower() + " ", maxsplit=1)[0].split()
                    if w not in _QUANTIFIERS)


def _plain_source(source: str) -> bool:
    """A source written in lower case, or a plural dictionary noun that only starts the sentence ('Residents said',
    'Officials said'): a kind of source, not a name."""
    first, _, rest = source.partition(" ")
    low = first.lower()
    if first[:1].isupper() and (low in _QUANTIFIERS or low in STOPWORDS or low in _GENERIC_SOURCES or
                                any(low in g for g in _ONE_KIND_OF_SOURCE) or is_word(low) and low.endswith("s")):
        first = low
    return not any(c.isupper() for c in first + rest)


def _describes_named_source(named: str, described: str) -> bool:
    """``described`` is a definite description with no name in it ('the Irish budget carrier', 'her resignation
    letter'), which a copy writes for a source it names elsewhere; one that names a kind of source the named one's
    own words do not ('the union' for 'Irish airline Ryanair') is another source."""
    if not _describes(described) or _POSSESSIVE_START.match(named) or not any(c.isupper() for c in named):
        return False
    words = described.split()[1:]
    if _POSSESSIVE_START.match(described):
        return True  # 'her letter', 'his spokesman': the named source's own
    head = words[-1].lower() if words else ""
    kinds = [g for g in _ONE_KIND_OF_SOURCE if head in g]
    return not kinds or any(w.lower() in g for g in kinds for w in named.split())


def _describes(source: str) -> bool:
    """A definite description with no name in it ('the authority', 'the agency', 'the Irish carrier')."""
    return bool(_DEFINITE_START.match(source)) and not any(
        w[:1].isupper() and not _demonym(w) for w in source.split()[1:])


def _heads_another_name(described: str, named_key: str, alias: dict[str, str]) -> bool:
    """The description's words all belong to another name the two versions use, the last ending it ('the
    authority' beside 'the Civil Aviation Authority', for a source named 'SkyHop'): it describes that one, not the
    named source ('the prime minister' is not the Health Minister)."""
    words = [w for w in entity_key(described).split() if w not in _DETERMINERS]
    named = set(named_key.split())
    return bool(words) and any(
        len(k.split()) > 1 and k.split()[-1] == words[-1] and set(words) <= set(k.split())
        and not named <= set(k.split()) for k in set(alias.values()))


def _source_names(source: str) -> frozenset[str]:
    """The name words of a source, without the words that describe it (a nationality, a title, a function word)."""
    return frozenset(w for w in re.findall(rf"[{UPPER}][\w'’-]*", source)
                     if not _demonym(w) and w.lower() not in STOPWORDS and w not in TITLE_LONG
                     and w.lower() not in TITLE_SHORT)


def _same_names(a: str, b: str) -> bool:
    """Two sources that name the same one, described two ways ('Finnish lift maker Nordlift' / 'Nordlift, the
    Finnish elevator manufacturer'); other name words are another source ('the Nordlift union', 'CFO Henrik
    Vaara' for 'Chief Executive Henrik Vaara')."""
    na = _source_names(a)
    return bool(na) and na == _source_names(b)


def _demonym(word: str) -> bool:
    """'Irish', 'Swedish', 'Japanese', 'Canadian': a word for the people of a place, which describes, not names."""
    low = word.lower()
    return low in DEMONYMS or low.endswith(("ish", "ese", "an", "ian", "i", "ch"))


_PERMISSION = re.compile(r"\b(?:allowed|permitted|entitled|authori[sz]ed|free)\s+to\b|\bhas the right to\b", re.I)
_SHOWING = REPORTING_VERBS + "|show|shows|showed|shown|found|finds|indicate|indicates|indicated"
_REPORT_ANYWHERE = re.compile(rf"\b(?:{REPORTING_VERBS}|statement|in the words of)\b", re.I)
_DOCUMENTS = "survey|ranking|report|figures|data|study|index|poll|analysis|statement|letter|list|census|review"


def _source_still_named(source: str, new_text: str) -> bool:
    """The new claim still names the old claim's source, in a passive or a noun phrase ('was reported by the
    manager', 'promised by Prime Minister Ulf Kristersson', 'Police figures show', 'analysis by the team'): the
    source moved, it was not dropped."""
    names = [w for w in re.findall(rf"[{UPPER}][\w'-]+", source) if w.lower() not in STOPWORDS and w not in TITLE_LONG
             and w.lower() not in TITLE_SHORT]
    head = _source_head(source).split()
    if _REPORT_ANYWHERE.search(new_text) and any(re.search(rf"\b{re.escape(n)}\b", new_text) for n in names):
        return True  # 'said Martin Greer, who chairs the commission'; 'In a statement, Harvest Foods apologised'
    for word in names + [w for w in head if w not in STOPWORDS]:  # 'Ministry data show' for 'ministry figures'
        # as the agent of a passive or a noun ('promised by ...', 'analysis by the team'), or as the subject of a
        # verb of saying or showing, up to three words before it ('Police figures show', 'the judges of the court
        # said'); not as the subject of what is reported ('China says it will not provide ...' -> 'China has not
        # provided ...'). Each place the word stands is tested against patterns compiled once: one pattern per
        # word, with the long verb lists inside, cost a compile per name.
        for at in re.finditer(rf"(?=({re.escape(word)}))", new_text, re.I):
            start, end = at.start(), at.end(1)
            if _WORD_EDGE.match(new_text, end) and _BY_BEFORE.search(new_text, 0, start):
                return True
            if _WORD_EDGE.match(new_text, start) and _SHOWN_AFTER.match(new_text, end):
                return True
    return False


_WORD_EDGE = re.compile(r"\b")
_BY_BEFORE = re.compile(r"\bby\s+(?:[\w'-]+\s+){0,4}\Z", re.I)
_SHOWN_AFTER = re.compile(rf"(?:\s+[\w'-]+){{0,3}}\s+(?:{_SHOWING})\b|['\u2019]s\s+(?:[\w-]+\s+)?(?:{_DOCUMENTS})\b",
                          re.I)


def _other_kind_of_source(ka: str, kb: str) -> bool:
    """Two sources written in lower case ('police', 'the company', 'a spokesman') that share no word, neither only
    an organisation's voice, of no one kind, and neither a synonym nor a broader word of the other: another source
    ('the union' for 'the company'), not the same one put another way ('officials' / 'authorities', 'the firm' /
    'the company', 'researchers' / 'scientists')."""
    wa = [w for w in _source_head(ka).split() if w not in STOPWORDS]
    wb = [w for w in _source_head(kb).split() if w not in STOPWORDS]
    sa, sb = {stem(w) for w in wa}, {stem(w) for w in wb}
    if not wa or not wb or sa <= sb or sb <= sa:
        return False  # the same words, or one says less ('police' / 'local police')
    if sa & sb:
        return True  # one kind, told apart ('the health ministry' / 'the foreign ministry')
    if set(wa) <= _OFFICIAL_VOICES or set(wb) <= _OFFICIAL_VOICES:
        return False  # 'a spokesman' names no one: it may speak for the other
    x, y = wa[-1], wb[-1]  # the head nouns
    if x in _PRONOUN_KEYS or y in _PRONOUN_KEYS or any(x in g and y in g for g in _ONE_KIND_OF_SOURCE):
        return False
    return not (synonyms(x, y) or broader(x, y) or broader(y, x))


def _certainty_and_attribution(old: Claim, new: Claim, alias: dict[str, str]) -> list[FieldChange]:
    out: list[FieldChange] = []
    ka = canonical_key(old.attribution, alias) if old.attribution else None
    kb = canonical_key(new.attribution, alias) if new.attribution else None
    attribution_changed = False
    source_moved = False  # the old source is still named in the new claim, outside its attribution slot
    common = _plain_source(old.attribution or "") and _plain_source(new.attribution or "")
    if ka and kb and common and ka not in _PRONOUN_KEYS and kb not in _PRONOUN_KEYS:
        # two sources in lower case, neither a name: 'the company said' -> 'the union said' is another source,
        # 'officials said' -> 'authorities said' the same one
        if _other_kind_of_source(ka, kb):
            out.append(FieldChange(field="attribution", change="reattributed", severity="distortion",
                                   old=old.attribution, new=new.attribution))
            attribution_changed = True
        ka = kb = None
    if ka and kb and ka != kb and ka not in _PRONOUN_KEYS and kb not in _PRONOUN_KEYS and (
            _describes(new.attribution or "") and _heads_another_name(new.attribution or "", ka, alias) or
            _describes(old.attribution or "") and _heads_another_name(old.attribution or "", kb, alias)):
        # 'SkyHop said' -> 'the authority said', where the text names the Civil Aviation Authority: that one
        out.append(FieldChange(field="attribution", change="reattributed", severity="distortion",
                               old=old.attribution, new=new.attribution))
        attribution_changed = True
        ka = kb = None
    if ka in _PRONOUN_KEYS or kb in _PRONOUN_KEYS or ka in _GENERIC_SOURCES or kb in _GENERIC_SOURCES:
        ka = kb = None  # 'she said', 'the company said' name no one: compatible with any speaker
    if ka and kb and (_describes_named_source(old.attribution or "", new.attribution or "") or
                      _describes_named_source(new.attribution or "", old.attribution or "") or
                      _same_names(old.attribution or "", new.attribution or "")):
        ka = kb = None  # 'Ryanair said' -> 'the Irish budget carrier said'
    if ka and kb:  # 'PA law' = 'Pennsylvania law'
        ka, kb = (" ".join(expand_code(t) if len(t) == 2 else t for t in k.split()) for k in (ka, kb))
    if ka and kb and ka != kb and ka not in kb and kb not in ka and fuzz.token_set_ratio(ka, kb) < 80 and \
            not abbreviates(ka, kb):  # 'the PM said' / 'the Prime Minister said'
        out.append(FieldChange(field="attribution", change="reattributed", severity="distortion",
                               old=old.attribution, new=new.attribution))
        attribution_changed = True
    elif ka and not kb and not _PRONOUN_SPEAKER.search(new.text) and \
            not (source_moved := _source_still_named(old.attribution or "", new.text)):
        out.append(FieldChange(field="attribution", change="detached", severity="distortion",
                               old=old.attribution, new=None))
        attribution_changed = True
    elif kb and not ka:
        out.append(FieldChange(field="attribution", change="attributed", severity="detail", old=None,
                               new=new.attribution))
        attribution_changed = True
    co, cn = old.certainty, new.certainty
    pronoun_source = any(_PRONOUN_SPEAKER.search(c.text) for c in (old, new))  # 'She said ...' still reports
    if co == cn or ((attribution_changed or pronoun_source or source_moved) and {co, cn} <= {"reported", "asserted"}):
        return out
    if "speculative" in (co, cn) and _PERMISSION.search((new if co == "speculative" else old).text) and \
            re.search(r"\bmay\b", (old if co == "speculative" else new).text):
        return out  # 'may withdraw' grants what 'is allowed to withdraw' does: no hedge dropped
    if "speculative" in (co, cn) and not _hedge_on_shared_words(old if co == "speculative" else new,
                                                                new if co == "speculative" else old):
        return out  # the hedged clause itself was dropped ('... due to fears it might explode'): not a hedge removed
    if "denied" in (co, cn) and {co, cn} & {"asserted", "reported"}:
        out.append(FieldChange(field="certainty", change="flipped", severity="contradiction", old=co, new=cn))
    elif CERTAINTY_RANK[cn] > CERTAINTY_RANK[co]:
        out.append(FieldChange(field="certainty", change="strengthened", severity="distortion", old=co, new=cn))
    else:
        out.append(FieldChange(field="certainty", change="weakened", severity="distortion", old=co, new=cn))
    return out


def _opposites(old: Claim, new: Claim) -> list[FieldChange]:
    """A word of the new claim whose opposite the old claim says (and which the old claim does not say itself),
    in a pair that shares its context: 'unaffected by the fallout' against 'grappling with the fallout ... affected',
    'an uncontrolled burn' against 'a controlled burn', however much else was reworded."""
    a = {w.lower() for w, _ in _stem_seq(old.text) if w.islower()}
    b = {w.lower() for w, _ in _stem_seq(new.text) if w.islower()}
    ways_a, ways_b = (_DIRECTIONS & set(re.findall(r"[a-z]+", c.text.lower())) for c in (old, new))
    for x in sorted(ways_b - ways_a):
        for y in sorted(ways_a - ways_b):
            if _same_movement(old.text, new.text, y, x):
                return [FieldChange(field="action", change="flipped", severity="contradiction", old=y, new=x)]
    for x in sorted(b - a):
        if another_sense(new.text, x) or _said_by_the_other(x, a - b):
            continue  # 'go on rising'; 'an increase in protests' where the old claim says 'a rise in protests'
        for y in sorted(a - b):
            # an in-place-only pair is no reversal where the old claim already says both sides ('resume flights
            # after suspending them' -> 'restart ... after halting them')
            both = in_place_only(y, x) and any(in_place_only(y, z) for z in a if z != y)
            if antonyms(y, x) and not both and not _negation_cancels(old, new, y, x) and \
                    not another_sense(old.text, y) and not in_question(old.text, y) and not in_question(new.text, x):
                field, what = _opposite_slot(old.text, new.text, y, x)
                return [FieldChange(field=field, change=what, severity="contradiction", old=y, new=x)]
    return []


_DIRECTIONS = frozenset(("up", "down"))  # the particles that say which way a thing moved


def _same_movement(old: str, new: str, gone: str, came: str) -> bool:
    """The two particles follow one verb, in any form, or 'go' and 'come' (a movement told from the other end):
    'prices will go up' / 'will go down' / 'came down', 'stepped down' / 'stepped up'. The way it went reversed,
    though a particle on its own carries no meaning to compare."""
    def verbs(text: str, particle: str) -> set[str]:
        return {x for m in re.finditer(rf"\b([a-z]+)\s+{particle}\b", text.lower()) for x in lemmas(m.group(1))}

    va, vb = verbs(old, gone), verbs(new, came)
    return bool(va & vb or va & {"go", "come"} and vb & {"go", "come"})


def _said_by_the_other(word: str, others: Iterable[str]) -> bool:
    """Another word of the other side means ``word`` ('a rise ... lowered' / 'an increase ... pulled down': 'rise'
    says 'increase', so 'increase' reverses nothing)."""
    low = word.lower()
    return any(same_meaning(low, o.lower()) for o in others if o.lower() != low)


def _negation_cancels(old: Claim, new: Claim, gone: str, came: str) -> bool:
    """An opposite under a negation on one side only says the same thing: 'has not been able to' / 'has been unable
    to'. Negated on both sides, it is still the opposite ('did not accept' / 'did not refuse')."""
    return (gone.lower() in {w.lower() for w in negated_words(old.text)}) != \
        (came.lower() in {w.lower() for w in negated_words(new.text)})


def _hedge_on_shared_words(hedged: Claim, other: Claim) -> bool:
    """A hedge of one claim bears on what the other claim also says: a word it applies to is in the other claim."""
    heads = negated_words(hedged.text, HEDGE)
    if not heads:
        return True  # hedged without a cue word in the text (the slot says so): trust the slot
    stems = set(content_stems(other.text))
    return any(stem(h) in stems for h in heads)


def _action(old: Claim, new: Claim, alias: dict[str, str], near_copy: bool,
            options: DiffOptions = DIFF_DEFAULTS, loose: bool = False) -> list[FieldChange]:
    """In a near-copy, a predicate replaced in place: the content-word sequences match around a short 'replace'
    edit. Reordered paraphrases ('test-fired missiles' -> 'conducted missile tests') are delete+insert edits and do
    not count."""
    if not near_copy:
        return []
    names_a = {st for a in old.actors for st in content_stems(a)}
    names_b = {st for a in new.actors for st in content_stems(a)}
    keep_a, keep_b = stems_outside(old, alias) | names_a, stems_outside(new, alias) | names_b
    ta, tb = _folded(old.text, new.text)  # a name and its acronym are one word here too
    seq_a, seq_b = _stem_seq(ta), _stem_seq(tb)
    stems_a, stems_b = {x for _, x in seq_a}, {x for _, x in seq_b}
    count_a, count_b = Counter(x for _, x in seq_a), Counter(x for _, x in seq_b)
    gone_words, came_words = [], []
    edits: list[tuple[list[str], list[str]]] = []  # each replacement's words: an opposite is one edit's own
    zones_a = {w for c in find_clock_times(old.text) if c.zone for w in c.written.split()}
    zones_b = {w for c in find_clock_times(new.text) if c.zone for w in c.written.split()}
    for op, i1, i2, j1, j2 in _stem_ops(ta, tb)[1]:
        if op != "replace":
            continue
        if _hyphen_dropped(old.text, new.text, list(seq_a[i1:i2]), list(seq_b[j1:j2])):
            continue
        if abbreviates(entity_key(" ".join(w for w, _ in seq_a[i1:i2])),
                       entity_key(" ".join(w for w, _ in seq_b[j1:j2]))):
            continue  # the stretch is one name written two ways ('National Health Service' -> 'NHS', where
            # 'health' is also in 'Department of Health' and would be left out of the words compared)
        # a nationality for a nationality ('a British policeman' -> 'a French policeman') is compared too
        nations = any(w.lower() in DEMONYMS for w, _ in seq_a[i1:i2]) and \
            any(w.lower() in DEMONYMS for w, _ in seq_b[j1:j2])
        a_all = [(w, s) for w, s in seq_a[i1:i2] if s in keep_a or w.lower() in _TIME_WORDS or w.lower() in _ORDER
                 or nations and w.lower() in DEMONYMS]
        b_all = [(w, s) for w, s in seq_b[j1:j2] if s in keep_b or w.lower() in _TIME_WORDS or w.lower() in _ORDER
                 or nations and w.lower() in DEMONYMS]
        # a time zone ('3 p.m. GMT' -> '4 p.m. BST', 'Eastern time' -> 'Pacific time') is the clock's to compare
        a_all = [(w, s) for w, s in a_all if w not in TIME_ZONES and w not in zones_a]
        b_all = [(w, s) for w, s in b_all if w not in TIME_ZONES and w not in zones_b]
        # a word the other side writes too was moved, not replaced; but an opposite the other side writes once
        # more is put in place ('close 40 stores and open 12' -> 'open 40 stores and open 12')
        a_part = [w for w, s in a_all if s not in stems_b]
        b_part = [w for w, s in b_all if s not in stems_a]
        again = [(x, y) for x, sx in a_all if count_b[sx] < count_a[sx] for y, sy in b_all
                 if count_a[sy] < count_b[sy] and antonyms(x.lower(), y.lower())]
        if again and not any(antonyms(x.lower(), y.lower()) for x in a_part for y in b_part):
            a_part, b_part = [again[0][0]], [again[0][1]]
        opposite = any(antonyms(x.lower(), y.lower()) for x in a_part for y in b_part)
        if not opposite:
            a_part, b_part = _unmatched(a_part, b_part)
        if not opposite and (not a_part or not b_part or _spelling_only(a_part, b_part, options.spelling_min_ratio)):
            continue  # 'attorenys' -> 'attorneys', 'permitted' -> 'allowed', 'broken' -> 'broke ... local time'

        if a_part and b_part and len(a_part) <= options.action_max_words and len(b_part) <= options.action_max_words:
            gone_words += a_part
            came_words += b_part
            edits.append((a_part, b_part))
    if not gone_words and not came_words:
        gone, came = _function_word_swap(old.text, new.text, options.action_max_words)
        gone_words, came_words = list(gone), list(came)
        if came_words and all(_is_pronoun(w) for w in came_words) and \
                not all(w.lower() in STOPWORDS for w in gone_words):  # 'Young girls were sent' -> 'They were sent'
            return [FieldChange(field="actors", change="lost", severity="detail", old=" ".join(gone_words),
                                new="a pronoun")]
    if not gone_words or not came_words:
        return []
    if all(w.lower() in _SAYING for w in gone_words + came_words):
        return []  # 'said' -> 'stated', 'noted': one report, said another way
    if all(w.lower() in _SCHEDULED for w in gone_words + came_words):
        return []  # 'will visit' -> 'is set to visit', 'is due to visit': one plan
    key_a, key_b = entity_key(" ".join(gone_words)), entity_key(" ".join(came_words))
    ka, kb = alias.get(key_a, key_a), alias.get(key_b, key_b)
    if ka == kb or abbreviates(ka, kb) or related(ka, kb) or related(key_a, key_b):
        return []  # one name written two ways ('United States' / 'US', 'Venture Capitalist' / 'VC', 'PM Ann Lee' /
        # 'Prime Minister')
    owner_a, owner_b = _owner(gone_words, old, alias), _owner(came_words, new, alias)
    if owner_a is not None and owner_a == owner_b:
        return []  # words of one name, written two ways ('U.S. Federal Reserve' / 'US Fed')
    gone_name = any(_name_like(w, old.text, names_a) for w in gone_words)
    came_name = any(_name_like(w, new.text, names_b) for w in came_words)
    came_capital = any(w[:1].isupper() and w.lower() not in STOPWORDS for w in came_words)
    if gone_name and came_capital and misspelt(key_a, key_b):
        return []  # a name corrected ('Peskovsaid' -> 'Peskov said', 'Keyzilberman' -> 'Key Zilberman')
    if gone_name and all(_name_like(w, old.text, names_a) for w in gone_words) and len(came_words) <= 2 \
            and all(w.islower() and is_word(w) for w in came_words) \
            and re.search(rf"\b(?:the|this|that)\s+{re.escape(came_words[0])}\b", new.text, re.I):
        # a name put as a description of it ('Pfeiffer Biotech now plans' -> 'The company now plans'): the name is
        # not repeated, nobody else is named
        return [FieldChange(field="actors", change="lost", severity="detail", old=" ".join(gone_words),
                            new="the " + " ".join(came_words))]
    demonyms_a = {DEMONYMS.get(w.lower()) for w in gone_words}
    demonyms_b = {DEMONYMS.get(w.lower()) for w in came_words}
    if None not in demonyms_a | demonyms_b and not demonyms_a & demonyms_b:  # 'a British policeman' -> 'a French'
        return [FieldChange(field="entity", change="substituted", severity="contradiction", old=" ".join(gone_words),
                            new=" ".join(came_words))]
    if _capital_described(gone_words, old.text, key_b) or _capital_described(came_words, new.text, key_a):
        return []  # 'Dublin' -> 'the Irish capital'
    if _acronym_of_described(gone_words, came_words, alias) or _acronym_of_described(came_words, gone_words, alias):
        return []  # 'the regulator' -> 'the CER', where the text names the Canada Energy Regulator
    if not gone_name and came_name and is_place(key_b) and \
            re.search(rf"\b(?:in|at|near|from|to)\s+(?:the\s+)?{re.escape(came_words[0])}\b", new.text):
        # a place put where a common word was ('on holiday with his family' -> 'on holiday in Portugal'): where it
        # happened was added, nobody was put in anybody's place
        return [FieldChange(field="place", change="added", severity="detail", old=None, new=" ".join(came_words))]
    if not gone_name and came_name and len(gone_words) == 1 and gone_words[0].lower() in _VAGUE_PLACES and \
            re.search(rf"\b(?:in|at|near|from)\s+(?:the\s+)?{re.escape(gone_words[0])}\b", old.text) and \
            re.search(rf"\b(?:in|at|near|from)\s+(?:the\s+)?{re.escape(came_words[0])}\b", new.text):
        # a place named where the old version wrote 'the area' ('who lived in the area' -> 'who lived in Bedok
        # North'): the copy says where, more precisely
        return [FieldChange(field="place", change="added", severity="detail", old="the " + gone_words[0],
                            new=" ".join(came_words))]
    if all(_calendar_word(old.text, w) for w in gone_words) and all(_calendar_word(new.text, w) for w in came_words):
        return [FieldChange(field="time", change="conflict", severity="contradiction", old=" ".join(gone_words),
                            new=" ".join(came_words))]  # 'the middle of March' -> 'the middle of April'
    if came_name and (gone_name or not loose) or came_capital and gone_name:
        # a name put in place of another name or word ('Police' -> 'FBI', 'St Louis' -> 'Pittsburgh'); a name
        # put as a common word ('Eagles' -> 'scored', 'Obama' -> 'the president') is no substitution. A place
        # written before what it locates ('a Chicago restaurant' -> 'a Boston restaurant', 'Texas-based') is where
        where = _place_modifier(old.text, gone_words) and _place_modifier(new.text, came_words)
        return [FieldChange(field="place" if where else "actors", change="substituted", severity="contradiction",
                            old=" ".join(gone_words), new=" ".join(came_words))]
    if _same_rank(gone_words, came_words):
        return []  # 'first in the table' -> 'top of the table', 'finished last' -> 'finished bottom'
    if all(w.isdigit() for w in (stem(x.lower()) for x in gone_words + came_words)) or \
            _other_factor(gone_words, came_words) or _other_position(gone_words, came_words):
        return [FieldChange(field="quantity", change="conflict", severity="contradiction", old=" ".join(gone_words),
                            new=" ".join(came_words))]  # 'first' -> 'third', 'doubled' -> 'halved'
    if all(w.lower() in _PLACE_WORDS for w in gone_words + came_words):  # 'outside' -> 'inside' the church
        flipped = any(antonyms(a.lower(), b.lower()) for a in gone_words for b in came_words)
        return [FieldChange(field="place", change="flipped" if flipped else "substituted",
                            severity="contradiction" if flipped else "detail", old=" ".join(gone_words),
                            new=" ".join(came_words))]
    if any(antonyms(a.lower(), b.lower()) and not _negation_cancels(old, new, a, b)
           and not _said_by_the_other(b, gone_words) and not _said_by_the_other(a, came_words)
           and not in_question(old.text, a) and not in_question(new.text, b)
           for gone, came in (edits or [(gone_words, came_words)]) for a in gone for b in came):
        # an opposite put in place ('buying' -> 'selling', 'controlled' -> 'uncontrolled'): the slot it changes is
        # _opposite_slot's
        if len(came_words) == 1:
            field, what = _opposite_slot(old.text, new.text, gone_words[-1], came_words[0])
        else:
            field, what = "action", "flipped"
        return [FieldChange(field=field, change=what, severity="contradiction", old=" ".join(gone_words),
                            new=" ".join(came_words))]
    if all(unit_family(w) == "time" or w.lower() in _TIME_WORDS for w in gone_words + came_words):
        return [FieldChange(field="time", change="conflict", severity="contradiction", old=" ".join(gone_words),
                            new=" ".join(came_words))]  # 'days' -> 'weeks', 'late' -> 'early'
    head_a = next((w for w in gone_words if w.lower() not in STOPWORDS), gone_words[0])  # the verb, not 'has'
    head_b = next((w for w in came_words if w.lower() not in STOPWORDS), came_words[0])
    # a noun put for a noun is no predicate, though WordNet lets the new one be a verb ('breaking his neck' -> 'his
    # back'); a word that can be a verb put for one stays a predicate reworded ('in a move to' -> 'in a bid to')
    if _verb_like(old.text, head_a) or _verb_like(new.text, head_b) and not _after_determiner(new.text, head_b):
        # another verb, neither a synonym nor an opposite: shown, but no change of meaning by itself (revisions and
        # paraphrases swap predicates for near-synonyms WordNet does not list: 'managed to get' -> 'placed'); a
        # verb's noun in the phrase that dates the claim ('during boxing training' -> 'during boxing try outs') is
        # when it happened, shown as a detail alike
        when = _in_event_time(old.text, gone_words[0], verb=True) and \
            _in_event_time(new.text, came_words[0], verb=True)
        # ... but another step of one news process is another fact ('arrested' -> 'questioned', 'won' -> 'drew')
        step = not when and not loose and other_step(_outcome(old.text, head_a), _outcome(new.text, head_b)) and \
            not _attracts(old.text, head_a) and not _attracts(new.text, head_b)
        return [FieldChange(field="time" if when else "action", change="substituted",
                            severity="contradiction" if step else "detail", old=" ".join(gone_words),
                            new=" ".join(came_words))]
    # a noun swapped in place ('a telephone operator' -> 'a computer operator'): the thing or role changed; in a
    # shortened copy, where a summary also paraphrases ('52 counts' -> '52 charges'), it is shown as a detail; the
    # event another one is dated by ('recovering following a liver transplant' -> 'following persistent jaundice')
    # is when it happened
    # a plea is what the defendant did ('pleaded guilty' -> 'pleaded no contest'): the predicate, not a thing
    # a noun after a preposition of place ('found in the kitchen' -> 'in the garage', 'on the beach' -> 'on the
    # pier') is where it happened
    when = _in_event_time(old.text, gone_words[0]) and _in_event_time(new.text, came_words[0])
    plea = _pleaded(old.text, gone_words[0]) and _pleaded(new.text, came_words[0])
    where = _where_noun(old.text, gone_words[-1]) and _where_noun(new.text, came_words[-1])
    return [FieldChange(field="time" if when else "action" if plea else "place" if where else "entity",
                        change="substituted",
                        severity="detail" if loose else "contradiction", old=" ".join(gone_words),
                        new=" ".join(came_words))]


def _calendar_word(text: str, word: str) -> bool:
    """``word`` is a month or a weekday in ``text``, not a name's word ('Theresa May', 'April Ryan')."""
    if not word[:1].isupper() or not (word.lower().rstrip(".") in MONTHS or word.lower() in WEEKDAYS):
        return False
    before = [m.group(1) for m in re.finditer(rf"([A-Z][\w'\u2019-]*)\s+{re.escape(word)}\b", text)]
    return not any(b.lower() not in STOPWORDS for b in before) and \
        not re.search(rf"\b{re.escape(word)}\s+[A-Z]", text)  # 'In March' is a time, 'Theresa May' a name


def _outcome(text: str, verb: str) -> str:
    """The step a verb names here: 'beaten' or 'defeated' in a passive with its agent ('were beaten by Celtic') is
    a loss."""
    if verb.lower() in ("beaten", "defeated") and re.search(rf"\b{re.escape(verb)}\s+by\b", text):
        return "lost"
    return verb


def _calendar_swapped(old_text: str, new_text: str) -> list[FieldChange]:
    """The one edit of a minimal edit is a month or a weekday put for another ('in March' -> 'in June')."""
    ops = [op for op in _stem_ops(old_text, new_text)[1] if op[0] != "equal"]
    if len(ops) != 1 or ops[0][0] != "replace" or ops[0][2] - ops[0][1] != 1 or ops[0][4] - ops[0][3] != 1:
        return []
    gone, came = _stem_seq(old_text)[ops[0][1]][0], _stem_seq(new_text)[ops[0][3]][0]
    if not (_calendar_word(old_text, gone) and _calendar_word(new_text, came)):
        return []
    return [FieldChange(field="time", change="conflict", severity="contradiction", old=gone, new=came)]


def _attracts(text: str, verb: str) -> bool:
    """``verb`` draws something to its subject here ('drew praise', 'won support', 'drew a penalty'), not a result."""
    return re.search(rf"\b{re.escape(verb)}\s+(?:(?:a|an|the|some|wide|widespread|strong|much|two|\w+ly)\s+)?"
                     rf"(?:{'|'.join(_ATTRACTED)})\b", text, re.I) is not None


_ATTRACTED = ("praise", "criticism", "support", "applause", "crowds?", "viewers", "fans", "attention", "penalty",
              "free kick", r"interest(?!\s+rates?)", "condemnation", "comparisons?", "ire", "backing", "votes",
              "million")


def _written_as_place(text: str, name: str) -> bool:
    """``name`` follows a preposition of place ('on Deansgate', 'at the Emirates')."""
    return re.search(rf"\b(?:in|at|on|near|along|outside|inside|into)\s+(?:the\s+)?{re.escape(name)}\b",
                     text) is not None


def _place_modifier(text: str, words: list[str]) -> bool:
    """``words`` name a place the gazetteer knows, written before what it locates: a common noun ('a Chicago
    restaurant', 'the Dubai skyline'), or joined to '-based' or '-born' ('Texas-based')."""
    name = re.sub(r"-(?:based|born|bound|area)$", "", " ".join(words), flags=re.I)
    if not is_place(entity_key(name)):
        return False
    if name != " ".join(words):
        return True
    m = re.search(rf"\b{re.escape(words[-1])}\s+([a-z]+)\b", text)
    return m is not None and m.group(1) not in STOPWORDS and not _verb_like(text, m.group(1))


def _where_noun(text: str, word: str) -> bool:
    """``word`` is a common noun after a preposition of place, with at most a determiner and two words describing it
    between ('in the kitchen', 'on a crowded beach', 'outside his home', "in the family's garage"); not a way of
    saying or a state ('in a statement', 'on charges', 'in pain')."""
    if not word.islower() or word in _NOT_WHERE:
        return False
    return re.search(rf"\b(?:in|at|on|inside|outside|near|into|onto|behind|beside|beneath|under|off)\s+"
                     rf"(?:(?:the|a|an|his|her|their|its|our|my|your|this|that)\s+)?(?:[a-z'\u2019-]+\s+){{0,2}}"
                     rf"{re.escape(word)}\b", text, re.I) is not None  # 'in the family's garden shed'


_NOT_WHERE = frozenset("""statement interview letter post tweet message video speech report interviews statements
    bid move row response way effort attempt case hope order time pain charge charges issue grounds basis behalf
    plan deal condition suspicion average record trial strike hold board terms talks favour favor support protest
    danger trouble shock tears control charge custody part touch contact fact total phone radio television tv book
    memoir film show programme program newspaper magazine paper article email podcast documentary song album coma
    wheelchair hands mind love debt power office""".split())


def _pleaded(text: str, word: str) -> bool:
    """``word`` is the plea a defendant entered ('pleaded guilty', 'pled no contest', 'pleads not guilty')."""
    return bool(re.search(rf"\b(?:plead(?:s|ed|ing)?|pled)\s+(?:(?:not|no)\s+)?{re.escape(word)}\b", text, re.I))




def _capital_described(described: list[str], text: str, name: str) -> bool:
    """``described`` is '<people> capital' in ``text`` (or 'capital' alone, its people a word the claims share),
    and ``name`` (an entity key) that capital ('Irish capital' / 'dublin')."""
    described = [POSSESSIVE_END.sub("", w) for w in described]
    name = POSSESSIVE_END.sub("", name)
    words = [w for w in described if w.lower() != "capital"]
    if len(words) > 1 or len(words) == len(described):
        return False
    people = [p for p in PEOPLE_CAPITAL.findall(text) if not words or p.lower() == words[0].lower()]
    return any(capital_of_people(p.lower(), DEMONYMS) == name for p in people)


def _acronym_of_described(described: list[str], acronym: list[str], alias: dict[str, str]) -> bool:
    """``acronym`` is the initials of a name the versions use whose last word ``described`` is ('regulator' /
    'CER' beside 'Canada Energy Regulator'): one organisation, described once and named once."""
    if len(described) != 1 or len(acronym) != 1 or not described[0].islower() or not acronym[0].isupper():
        return False
    head, short = described[0].lower(), acronym[0].lower()
    return any(k.split()[-1] == head and initialism(short, k) for k in set(alias) | set(alias.values()))


def _owner(words: list[str], claim: Claim, alias: dict[str, str]) -> str | None:
    """The canonical key of the claim's one name that holds all ``words``, if any."""
    keys = {canonical_key(a, alias) for a in claim.actors if all(w in a.split() for w in words)}
    return next(iter(keys)) if len(keys) == 1 else None


def _name_like(word: str, text: str, names: set[str]) -> bool:
    """A word written as a name: one of the claim's names, or capitalised where a common word would not be (not at
    the start of the claim, unless it is no dictionary word)."""
    if stem(word.lower()) in names:
        return True
    if not word[:1].isupper() or word.lower() in STOPWORDS:
        return False
    return not text.lstrip("\"'\u201c\u2018(").startswith(word) or not is_word(word)


def _modifies_a_noun(text: str, word: str) -> bool:
    """``word`` stands before a noun, after a determiner ('the worst player', 'its last game'), as an adjective or an
    ordinal does; not a predicate ('finished last', 'prices were low')."""
    m = re.search(rf"\b(\w+)\s+{re.escape(word)}\s+([a-z]+)\b", text)
    return bool(m and m.group(1).lower() in _DETERMINERS and m.group(2) not in STOPWORDS)


_DETERMINERS = frozenset("the a an his her its their our my your this that these those".split())
_DEGREES = frozenset("low lower lowest high higher highest small smaller smallest large larger largest".split())
_MEASURES = frozenset("""concentration concentrations level levels rate rates dose doses amount amounts proportion
    percentage share number numbers volume volumes temperature temperatures pressure price prices cost costs speed
    speeds density turnout income incomes salary salaries wage wages score scores""".split())


def _opposite_slot(old_text: str, new_text: str, gone: str, came: str) -> tuple[Slot, SlotChange]:
    """Which slot an opposite put in place changes: a degree before a measure ('low concentration' -> 'high') or a
    bound of a number ('more than 200 people' -> 'fewer than 200') is how much; a side of a place ('north-western
    Nigeria' -> 'south-western') is where; a word describing a thing ('the best player' -> 'the worst') is the
    thing; anything else the predicate, reversed ('buying' -> 'selling')."""
    if _degree_of_a_measure(old_text, gone) and _degree_of_a_measure(new_text, came) or \
            bound_of_a_number(old_text, gone) and bound_of_a_number(new_text, came):
        return "quantity", "conflict"
    if _side_of_a_place(old_text, gone) and _side_of_a_place(new_text, came):
        return "place", "substituted"
    if _a_name(old_text, gone) and _a_name(new_text, came):
        return "actors", "substituted"
    return ("entity" if _modifies_a_noun(new_text, came) else "action"), "flipped"


def _a_name(text: str, word: str) -> bool:
    """``word`` is written as a name, of a party or a side, that acts ('Conservatives will ban', 'the Liberals
    said'): capitalized inside a sentence, or at its start before an auxiliary or a reporting verb. Opposite words as
    names ('Conservatives' / 'Liberals') are two actors, not a predicate reversed."""
    if not word[:1].isupper():
        return False
    if re.search(rf"[\w,;]\s+{re.escape(word)}\b", text):
        return True
    return bool(re.search(rf"(?:^|[.!?]\s+){re.escape(word)}\s+(?:{_NAME_FOLLOWERS})\b", text))


_NAME_FOLLOWERS = "will|would|could|can|may|must|should|have|has|had|are|were|is|was|say|said|says|want|wants|won"


def _side_of_a_place(text: str, word: str) -> bool:
    """``word`` is a side of a place it is written before ('north-western Nigeria', 'southern England', 'east
    London')."""
    if word.lower() not in _COMPASS:
        return False
    # 'north-western Nigeria', '40km west of Kabul'
    after = re.findall(rf"\b{re.escape(word)}(?:-?(?:east|west)(?:ern)?|ern)?\s+(?:of\s+)?(?:the\s+)?([A-Z][\w'-]*)",
                       text)
    return any(w.lower() not in WEEKDAYS and w.lower() not in MONTHS for w in after)  # not 'move north Tuesday'


_COMPASS = frozenset("north south east west northern southern eastern western".split())


def _degree_of_a_measure(text: str, word: str) -> bool:
    """``word`` is a degree ('low', 'high', 'smaller') before a noun that measures something ('low concentration',
    'a higher rate', 'high levels of lead')."""
    if word.lower() not in _DEGREES:
        return False
    m = re.search(rf"\b{re.escape(word)}\s+([a-z]+)\b", text)
    return bool(m and m.group(1) in _MEASURES)


def _in_event_time(text: str, word: str, verb: bool = False) -> bool:
    """``word`` is in a phrase that dates the claim by another event ('following a liver transplant', 'during
    boxing training', 'ahead of the vote'): a few words after a temporal preposition, no punctuation between. A word
    that can be a verb (``verb``) is the event's noun only with no determiner before it ('during boxing training');
    after one it is the predicate of a clause ('after a train derailed near ...')."""
    m = re.search(rf"\b(?:during|following|after|before|until|amid|ahead\s+of)\s+((?:[\w'-]+\s+){{0,3}})"
                  rf"{re.escape(word)}\b", text, re.I)
    # a determiner past the first word opens the object of a clause ('after breaking his neck'), an auxiliary its
    # predicate ('a week after Clarkson was dismissed'): the event is the clause's predicate, the noun one of its
    # arguments, and a verb there that predicate
    gap = [w.lower() for w in m.group(1).split()] if m else []
    return m is not None and not any(w in _DETERMINERS for w in gap[0 if verb else 1:]) and \
        not any(w in _AUX for w in gap)


def _after_determiner(text: str, word: str) -> bool:
    """``word`` follows a determiner or a possessive ('breaking his back', 'the back'): a noun here, or a word
    describing one, not a predicate."""
    m = re.search(rf"\b(\w+)\s+{re.escape(word)}\b", text)
    return bool(m and m.group(1).lower() in _DETERMINERS)


def _is_pronoun(word: str) -> bool:
    return word.lower() in _PRONOUNS or word.lower() in _NEUTER_PRONOUNS


@lru_cache(maxsize=16384)
def _function_word_swap(a: str, b: str, max_words: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A verb or preposition put in place of function words, all else equal ('the storm had the damage' -> 'the
    storm caused the damage', 'the bird just outside' -> 'the bird in'): invisible to the content-word comparison,
    which drops function words."""
    if _stem_seq(a) == _stem_seq(b) and not (_places(a.lower().split()) ^ _places(b.lower().split())):
        return (), ()  # the same content words, the same place words: only function words moved
    wa, wb = re.findall(r"[A-Za-z0-9']+", a), re.findall(r"[A-Za-z0-9']+", b)
    ops = [op for op in SequenceMatcher(a=[w.lower() for w in wa], b=[w.lower() for w in wb],
                                        autojunk=False).get_opcodes() if op[0] != "equal"]
    if len(ops) != 1 or ops[0][0] != "replace":
        return (), ()
    _, i1, i2, j1, j2 = ops[0]
    gone, came = wa[i1:i2], wb[j1:j2]
    if len(gone) > max_words or len(came) > max_words:
        return (), ()
    if _places(gone) and _places(came) and _places(gone) != _places(came):
        return tuple(gone), tuple(came)  # 'outside' -> 'inside'
    stop = [all(w.lower() in STOPWORDS for w in side) for side in (gone, came)]
    content = [w for w in (came if stop[0] else gone) if w.lower() not in STOPWORDS]
    if stop[0] == stop[1] or not content:
        return (), ()
    text = b if stop[0] else a  # the verb must read as one where it stands, and be a word ('aand' is a typo)
    function_side = came if stop[1] else gone
    if all(w.lower() in ("a", "an", "the") for w in function_side) and not all(_is_pronoun(w) for w in came):
        return (), ()  # a modifier dropped or put in beside an article ('an injured man' -> 'a man')
    if all(w.islower() and is_word(w) and _verb_like(text, w) for w in content):
        return tuple(gone), tuple(came)
    if stop[1] and all(_is_pronoun(w) for w in came):
        return tuple(gone), tuple(came)  # a name or noun phrase put as a pronoun
    return (), ()


def _places(words: list[str]) -> set[str]:
    return {w.lower() for w in words} & _PLACE_WORDS


_PLACE_WORDS = frozenset("in inside outside at near behind across".split())  # not above/below: degrees too
_ORDER = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth last next final".split())
_TIME_WORDS = frozenset("""early late earlier later morning afternoon evening night overnight dawn dusk midnight noon
    before after ahead prior during until since spring summer autumn fall winter weekend daily weekly monthly yearly
    annual annually weekends weekday weekdays mondays tuesdays wednesdays thursdays fridays saturdays
    sundays""".split())  # days in the plural are a habit's time ('banned on Sundays'), which no date parser reads
_AUX = frozenset("has have had will would to was were is are be been being did does do can could may might must "
                 "should shall not never also".split())
_IRREGULAR_VERBS = frozenset("""won lost met made held said went took gave saw came became left led ran sent set put hit
    paid sold bought brought fought thought found kept began spoke wrote rose fell struck drew flew told beat broke
    chose drove ate forgot forgave froze grew hid knew lay rode rang sang sank shot shut slept stole stood swam swore
    threw understood woke wore win lose meet make hold say go take give see come become leave lead run send""".split())


def _verb_like(text: str, word: str) -> bool:
    """A rough part-of-speech guess without a tagger: inflected like a verb, a known irregular verb, mostly a verb in
    WordNet, or right after an auxiliary ('has', 'will', 'to')."""
    low = word.lower()
    if low in _IRREGULAR_VERBS or (len(low) > 4 and low.endswith(("ed", "ing"))) or is_verb(low):
        return True
    m = re.search(rf"(\w+)\s+{re.escape(word)}\b", text)
    return bool(m and m.group(1).lower() in _AUX)


_FACTORS = {**dict.fromkeys("double doubled doubles doubling twofold".split(), 2.0),
            **dict.fromkeys("triple tripled triples tripling threefold".split(), 3.0),
            **dict.fromkeys("quadruple quadrupled quadruples quadrupling fourfold".split(), 4.0),
            **dict.fromkeys("halve halved halves halving half".split(), 0.5),
            "third": 1 / 3, "thirds": 2 / 3, "quarter": 0.25, "quarters": 0.75}
"""Words that are a number: a multiple ('doubled') or a fraction ('by a third')."""


def _other_factor(gone: list[str], came: list[str]) -> bool:
    """One word for a multiple or a fraction put in place of another ('doubled' -> 'tripled', 'by a third' -> 'by
    half'): a number changed."""
    if len(gone) != 1 or len(came) != 1:
        return False
    x, y = _FACTORS.get(gone[0].lower()), _FACTORS.get(came[0].lower())
    return x is not None and y is not None and x != y


_POSITION_ENDS = frozenset(("first", "last", "final"))
_TABLE_ENDS = frozenset(("top", "bottom"))  # of a table or a ranking, beside an ordinal only
_RANK_NOUNS = frozenset(("place", "spot", "position"))
_SAME_RANK = ({"last", "final"}, {"first", "top"}, {"last", "bottom"}, {"1", "top"})  # 'first in the table' = 'top'


def _ranks(gone: list[str], came: list[str]) -> tuple[str, str]:
    """The two sides of an edit without the nouns a rank is written with ('third place' -> 'third')."""
    x, y = (" ".join(w.lower() for w in ws if w.lower() not in _RANK_NOUNS) for ws in (gone, came))
    return x, y


def _same_rank(gone: list[str], came: list[str]) -> bool:
    return set(_ranks(gone, came)) in _SAME_RANK


def _other_position(gone: list[str], came: list[str]) -> bool:
    """One place in an order put for another ('made the last of his appearances' -> 'the first', 'the final
    stage' -> 'the second', 'Toyota in third place' -> 'in bottom'): an ordinal number, or the first or last of a
    series, changed. 'Top' and 'bottom' are a rank only put for an ordinal; for each other they are a place."""
    x, y = _ranks(gone, came)
    if " " in x or " " in y or not x or not y or x == y or {x, y} in _SAME_RANK:
        return False

    def ordinal(w: str) -> bool:
        return w in _POSITION_ENDS or stem(w).isdigit() and not w.isdigit()

    return ordinal(x) and (ordinal(y) or y in _TABLE_ENDS) or ordinal(y) and x in _TABLE_ENDS


@lru_cache(maxsize=16384)
def _folded(a: str, b: str) -> tuple[str, str]:
    """Both texts with a preposition of several words put as its one word ('in front of' -> 'before', 'prior to'
    -> 'before', 'in spite of' -> 'despite') and names put as the acronym the other text writes."""
    return _acronyms_folded(_PREPOSITIONS.sub(_one_preposition, a), _PREPOSITIONS.sub(_one_preposition, b))


_PREPOSITION_WORDS = {"in front of": "before", "prior to": "before", "in spite of": "despite", "on board": "aboard"}
_PREPOSITIONS = re.compile(r"\b(?:" + "|".join(_PREPOSITION_WORDS) + r")\b", re.I)


def _one_preposition(m: re.Match[str]) -> str:
    return _PREPOSITION_WORDS[m.group(0).lower()]


def _acronyms_folded(a: str, b: str) -> tuple[str, str]:
    """Both texts with a run of names that the other writes as its acronym put as that acronym ('National Health
    Service' -> 'NHS' where the other text has 'NHS' and this one does not)."""
    acronyms_a, acronyms_b = set(_ACRONYM_WORD.findall(a)), set(_ACRONYM_WORD.findall(b))
    if acronyms_a == acronyms_b:
        return a, b

    def fold(text: str, shorts: list[str]) -> str:  # the acronyms only the other text writes
        if not shorts:
            return text
        pieces, end = [], 0
        for run in NAME_RUN.finditer(text):
            words = run.group(0).split()
            found = next(((i, w) for i in range(len(words) - 1) for w in shorts
                          if initialism(w.lower(), entity_key(" ".join(words[i:])))), None)
            if found is not None:  # the run's tail from word i is the acronym's name
                head = " ".join(words[:found[0]])
                pieces += [text[end:run.start()], f"{head} {found[1]}" if head else found[1]]
                end = run.end()
        return "".join(pieces) + text[end:]
    return fold(a, sorted(acronyms_b - acronyms_a)), fold(b, sorted(acronyms_a - acronyms_b))


_VAGUE_PLACES = frozenset("area region neighbourhood neighborhood locality vicinity district".split())
_ACRONYM_WORD = re.compile(r"\b[A-Z][A-Z0-9]{1,6}\b")  # 'NHS', 'KEMRI', 'G7'


def _unit_misspelt(a: str, b: str) -> bool:
    """Two units that are one unit with a slip of the keyboard, word by word as far as the shorter goes ('sqaure'
    / 'square miles', where the misspelt word was not taken as a unit's first word); 'square miles' / 'square
    acres' are two units."""
    wa, wb = [singular(w) for w in a.split()], [singular(w) for w in b.split()]
    pairs = list(zip(wa, wb, strict=False))  # as far as the shorter goes
    return wa != wb and any(x != y for x, y in pairs) and all(x == y or misspelt(x, y) for x, y in pairs)


def _replaced_one_word(a: str, b: str) -> bool:
    """The content words are the same but for one word put in place of another ('vetoed' -> 'signed')."""
    ops = [op for op in _stem_ops(a, b)[1] if op[0] != "equal"]
    return len(ops) == 1 and ops[0][0] == "replace" and ops[0][2] - ops[0][1] == 1 and ops[0][4] - ops[0][3] == 1


def _one_short_edit(a: str, b: str, max_words: int) -> bool:
    """The content words differ by one replacement, insertion or deletion of at most ``max_words`` words a
    side, all else equal: a minimal edit even in a claim too short for the sequence ratio ('St Louis was hit' ->
    'Pittsburgh was hit', 'Mark-Francis Vandelli is a collector' -> 'He is a collector')."""
    sa = _stem_seq(a)
    ops = [op for op in _stem_ops(a, b)[1] if op[0] != "equal"]
    return len(ops) == 1 and ops[0][2] - ops[0][1] <= max_words and ops[0][4] - ops[0][3] <= max_words \
        and len(sa) >= 3


def _kept_around_edit(a: str, b: str) -> int:
    """How many content words the two claims share, in order, around their edits."""
    return sum(i2 - i1 for op, i1, i2, _, _ in _stem_ops(a, b)[1] if op == "equal")


def _compressed_edit(a: str, b: str, options: DiffOptions = DIFF_DEFAULTS) -> bool:
    """One claim is the other shortened (words dropped, as a summary compresses a sentence) with at most one short
    edit besides: every content word of the shorter is in the longer, in order, but for one replacement or insertion
    of at most ``one_edit_max_words`` words ('Figures come a week after Jeremy Clarkson was relaunched from the BBC'
    against 'The viewing figures come a week after presenter Jeremy Clarkson was dismissed from the BBC for ...')."""
    max_words = options.one_edit_max_words
    na, nb = len(_stem_seq(a)), len(_stem_seq(b))
    short, long = (a, b) if na <= nb else (b, a)
    if min(na, nb) < options.compressed_min_words or na == nb:
        return False
    edits = [op for op in _stem_ops(long, short)[1] if op[0] in ("replace", "insert")]
    short_len = min(na, nb)
    return len(edits) <= 1 and all(j2 - j1 <= max_words and i2 - i1 <= max_words + options.compressed_edit_slack
                                   for _, i1, i2, j1, j2 in edits) \
        and short_len - sum(j2 - j1 for *_, j1, j2 in edits) >= options.compressed_min_kept


def _sequence_ratio(a: str, b: str) -> float:
    return _stem_ops(a, b)[0]


@lru_cache(maxsize=16384)
def _stem_ops(a: str, b: str) -> tuple[float, tuple[tuple[str, int, int, int, int], ...]]:
    """difflib's ratio and edit operations between the content-word stems of two texts (one matcher per pair, for
    the near-copy tests and the predicate comparison alike)."""
    m = SequenceMatcher(a=[s for _, s in _stem_seq(a)], b=[s for _, s in _stem_seq(b)], autojunk=False)
    return m.ratio(), tuple(m.get_opcodes())




def _unmatched(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    """The words of each side (``a`` old, ``b`` new) with no synonym on the other (lower-case words sharing a WordNet
    sense or a lemma: 'permitted' / 'allowed', 'broken' / 'broke'), nor a broader word in the new one for a word of
    the old ('blaze' -> 'fire': the copy says less, not something else); names are never synonyms."""
    def alone(words: list[str], others: list[str], old_side: bool) -> list[str]:
        return [w for w in words if not (w.islower() and any(
            o.islower() and (synonyms(w, o) or (_broader_noun(w, o) if old_side else _broader_noun(o, w)))
            for o in others))]

    return alone(a, b, True), alone(b, a, False)


def _broader_noun(specific: str, general: str) -> bool:
    """A broader noun for a thing ('blaze' -> 'fire'); a verb ('charged' -> 'attacked') is no thing."""
    return not is_verb(specific) and not is_verb(general) and broader(specific, general)


def _spelling_only(a: list[str], b: list[str], min_ratio: float) -> bool:
    """Each word the other spelled another way ('attorenys' / 'attorneys'); two dictionary words are two words, however
    alike ('technical' / 'mechanical')."""
    return len(a) == len(b) and all(fuzz.ratio(x.lower(), y.lower()) >= min_ratio and not (is_word(x) and is_word(y))
                                    for x, y in zip(a, b, strict=False))


_STEM_WORD = re.compile(rf"[{LETTER}0-9]+(?:['\u2019][a-z]+)?")


def _hyphen_dropped(old_text: str, new_text: str, gone: list[tuple[str, str]], came: list[tuple[str, str]]) -> bool:
    """One word written with a hyphen on one side and without on the other ('e-mail' / 'email', 'co-operate' /
    'cooperate'): the words compared hold only its second part on the hyphenated side."""
    if len(gone) != 1 or len(came) != 1:
        return False
    for (x, _), (y, _), text in ((gone[0], came[0], old_text), (came[0], gone[0], new_text)):
        m = re.search(rf"\b([{LETTER}]+)-{re.escape(x)}\b", text)
        if m and (m.group(1) + x).lower() == y.lower():
            return True
    return False


@lru_cache(maxsize=16384)
def _stem_seq(text: str) -> tuple[tuple[str, str], ...]:
    """(word as written, stem) for each content word, in order."""
    out = []
    for w in _STEM_WORD.findall(text):
        low = w.lower()
        if (low in STOPWORDS and low not in _TIME_WORDS) or len(low) < 2 or low.endswith(("n't", "n\u2019t")):
            continue  # "won't", "wouldn't": negation and modality have their own slots
        out.append((w, stem(low)))
    return tuple(out)
