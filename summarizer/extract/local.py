"""The offline extractor: a structured summary from the text alone, no model, deterministic.

Rules, in order: paragraphs -> sentences (sentencex, robust to abbreviations and quotes) -> datelines stripped ->
clauses (a sentence joining independent facts is split) -> per clause: actors, time, place, quantities, attribution,
certainty, negation. Evidence is always the source sentence, verbatim, so every claim is grounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sentencex import segment as _segment

from ..articles import Article
from ..normalize import (
    ALLEGATION, DEMONYMS, DENIAL, FUTURE, HEDGE, MONTHS, NEGATION, NUMBER_WORDS, REPORTING_VERBS, STOPWORDS,
    WEEKDAYS, TimeParts, build_alias_map, entity_key, find_times, fold, most_specific, parse_iso_date, parse_number,
    resolve_time, singular,
)
from ..schema import ArticleSummary, Claim, Entity, Quantity, Quote, SummaryMeta

EXTRACTOR_VERSION = "local-1"

_TITLES = (
    r"President|Vice President|Prime Minister|Premier|Chancellor|Minister|Foreign Minister|Secretary|Secretary of "
    r"State|Senator|Sen\.|Rep\.|Representative|Governor|Gov\.|Mayor|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Prof\.?|King|Queen|"
    r"Prince|Princess|Pope|General|Gen\.|Colonel|Col\.|Judge|Justice|Chairman|Chairwoman|Leader|Ambassador|Sir|Dame|"
    r"Lord|Lady|Coach|Captain|Capt\.|Officer|Detective|Sheriff|Chief|Director|Commissioner"
)
_TITLE_RE = re.compile(rf"^(?:(?:{_TITLES})\s+)+")
_ORG_WORDS = frozenset(
    """agency party committee council union nations ministry department association organisation organization
    company corp corporation inc ltd group bank university college court army navy police post news times network
    commission congress parliament assembly office institute foundation fund senate house government club league
    federation authority service services bureau board guard forces politburo republicans democrats""".split()
)
_ORG_ACRONYMS = frozenset("xinhua reuters ap afp cnn bbc nato un eu kcna fbi cia who imf opec".split())
_ADJECTIVES = frozenset("""korean european asian african arab western eastern soviet islamic muslim christian jewish
    catholic communist democratic republican global international national federal""".split())
_EVENT_WORDS = frozenset("war olympics games cup championship summit pandemic election festival conference".split())
_PLACES = frozenset(
    """afghanistan albania algeria argentina armenia australia austria azerbaijan bangladesh belarus belgium bolivia
    bosnia brazil bulgaria cambodia canada chile china colombia croatia cuba cyprus czechia denmark egypt england
    estonia ethiopia finland france georgia germany ghana greece haiti hungary iceland india indonesia iran iraq
    ireland israel italy japan jordan kazakhstan kenya kosovo kuwait laos latvia lebanon libya lithuania malaysia
    mexico moldova mongolia morocco myanmar nepal netherlands nigeria norway pakistan palestine panama peru
    philippines poland portugal qatar romania russia rwanda scotland serbia singapore slovakia slovenia somalia spain
    sudan sweden switzerland syria taiwan thailand tunisia turkey uganda ukraine venezuela vietnam wales yemen
    zimbabwe korea europe asia africa america gaza crimea london paris berlin tokyo beijing moscow pyongyang seoul
    washington kyiv sydney canberra connecticut california texas florida york jerusalem tehran delhi simsbury
    united states united kingdom north korea south korea new york hong kong""".split()
) | {"united states", "united kingdom", "north korea", "south korea", "new york", "hong kong", "los angeles",
     "new zealand", "saudi arabia", "south africa", "middle east"}

_NAME_TOKEN = r"(?:[A-Z][a-zA-Z\u2019'\-]*[a-zA-Z](?:-\d+)?|[A-Z]\.(?:[A-Z]\.)+|[A-Z]{2,}(?:-\d+)?|[A-Z][a-z]*-\d+)"
_NAME_SEQ = re.compile(rf"{_NAME_TOKEN}(?:\s+(?:(?:of|for|de|del|van|von|al|bin|la|le)\s+)?{_NAME_TOKEN})*")
_DATELINE = re.compile(r"^\s*(?:\(CNN\)|\([A-Z][A-Za-z .]{1,20}\)\s*|[A-Z][A-Z .,'\u2019-]{2,40}(?:\([^)]{1,30}\))?"
                       r"\s*[-\u2013\u2014:]+\s+)")
_QUOTE_SPAN = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{3,}?)[\"\u201d]")
_REPORT = REPORTING_VERBS
_ATTR_PATTERNS = [
    re.compile(r"\baccording to (?P<src>(?:the )?[^,.;:\"\u201c]{2,60})", re.I),
    re.compile(r"(?P<src>\b[A-Z][\w.\u2019' -]{1,50}?) quoted (?P<spk>[A-Z][\w\u2019'-]+(?: [A-Z][\w\u2019'-]+)*) as saying"),
    re.compile(rf",\s*(?P<src>(?:the |a |an )?[\w.\u2019' -]{{2,70}}?)\s+(?:{_REPORT})\s*(?:on \w+)?(?:\.?\s*[\"\u201d]?$|,)"),
    re.compile(rf"^(?P<src>(?:The |A |An )?[A-Z][\w.\u2019' ,-]{{1,70}}?)\s+(?:has |have |had )?(?:{_REPORT})\b"),
    re.compile(rf"\b(?:{_REPORT})\s+(?P<src>(?:the )?[A-Z][\w.\u2019' -]{{1,50}})\.?\s*$"),
]
_HAS_VERB = re.compile(r"\b(has|have|had|is|was|were|are|will|would|to|that|which|who|been|and has)\b", re.I)
_CLAUSE_SPLIT = re.compile(
    r";\s+|,\s+but\s+|,\s+while\s+|,\s+whereas\s+|,\s+instead\s+|,\s+and\s+(?=(?:in|since|during|after|later|then|also)\s)|\s+but\s+(?=(?:says?|said|has|have|had|is|was|will|made|did)\b)"
    r"|,?\s+and\s+(?=(?:has|have|had|is|was|were|are|will|would|says|said)\s)"
    r"|,\s+and\s+(?=(?:the|a|an|he|she|it|they|we|his|her|its|their|[A-Z])\b)"
)
_LOWER_STARTERS = frozenset("the a an he she it they we i this that these those there his her its their".split())
_OPINION = re.compile(r"\b(should|must|ought to|crucial|vital|essential|important|significant|unacceptable|"
                      r"remarkable|shameful|welcome[sd]?|criticis|criticiz)\w*", re.I)
_BACKGROUND = re.compile(r"\b(since|prior to|before the|history|historic|decades?|centur(?:y|ies)|ago|founded|"
                         r"established|dates? back|has been|have been|had been|in recent years)\b", re.I)
_NUMBER_WORDS_RE = "|".join(sorted(NUMBER_WORDS - {"first", "second", "third", "fourth", "fifth", "half", "single"},
                                    key=len, reverse=True))
_QUANTITY = re.compile(
    r"(?<![\w.\-])(?P<num>[$\u00a3\u20ac]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[$\u00a3\u20ac]?\d+(?:\.\d+)?|(?:(?:"
    + _NUMBER_WORDS_RE + r")(?:[\s-](?:" + _NUMBER_WORDS_RE + r"))*)\b)(?P<scale>\s+(?:million|billion|trillion|thousand|hundred)|bn|m\b)?"
    r"(?P<pct>\s*%|\s+per\s*cent|\s+percent)?(?![:.]\d|\s*[ap]\.?m\b)(?(pct)|(?:[\s-]+(?P<unit>[a-z]+))?)",
    re.I,
)
_DEMONYM_RE = re.compile(r"\b(" + "|".join(sorted(DEMONYMS, key=len, reverse=True)) + r")\b")


@dataclass
class _Mention:
    surface: str
    key: str
    type_hint: str | None


@dataclass
class _Doc:
    descriptions: dict[str, str] = field(default_factory=dict)  # 'the north korean leader' -> canonical key
    entities: dict[str, list[_Mention]] = field(default_factory=dict)
    alias: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    display: dict[str, str] = field(default_factory=dict)


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph (sentencex: abbreviations, initials, decimals, quotes), each a verbatim substring
    of it."""
    return [s.strip() for s in _segment("en", paragraph) if s.strip()]


def extract_summary(article: Article) -> ArticleSummary:
    """Build an ``ArticleSummary`` from ``article`` with the offline rules."""
    pub = parse_iso_date(article.publication_date) if article.publication_date else None
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", article.text) if p.strip()]
    sentences: list[tuple[str, str | None]] = []  # (sentence, dateline place)
    flat = [re.sub(r"\s*\n\s*", " ", p) for p in paragraphs]
    for para in flat:
        for i, sent in enumerate(split_sentences(para)):
            place = None
            if i == 0 and len(sentences) < 3:
                m = _DATELINE.match(sent)
                if m and not m.group(0).startswith("(CNN") and not re.match(
                        r"\s*(FILE|UPDATE|UPDATED|BREAKING|EXCLUSIVE|WATCH|PHOTOS?|VIDEO|LIVE|OPINION|ANALYSIS)\b", sent):
                    place = m.group(0).strip(" -\u2013\u2014:").split("(")[0].strip().title() or None
            sentences.append((sent, place))
    lowercase_vocab = {w.lower() for s, _ in sentences for w in re.findall(r"(?<=\s)[a-z][a-z]+", s)}
    doc = _collect_entities([s for s, _ in sentences], lowercase_vocab)

    claims: list[Claim] = []
    quotes: list[Quote] = []
    dateline_place = next((p for _, p in sentences if p), None)
    for sent, _ in sentences:
        body = _DATELINE.sub("", sent, count=1).strip() or sent
        if len(body.split()) < 3:
            continue
        attribution, speaker = _attribution(body, doc)
        if not _QUOTE_SPAN.search(body):
            quotes.extend(_paraphrases(body, doc))
        clauses = _clauses(body)
        for clause in clauses:
            own = _attribution(clause, doc)[0] if len(clauses) > 1 else None
            claims.append(_claim(len(claims) + 1, clause, sent, own or attribution, doc, pub, dateline_place))
    for para in flat:  # direct quotations may span sentences: find them per paragraph
        for sent in split_sentences(para):
            if _QUOTE_SPAN.search(sent):
                quotes.extend(_quotes(sent, _attribution(sent, doc)[1] or _attribution(sent, doc)[0], doc))
        quotes.extend(_quotes(para, None, doc, multi_sentence_only=True))
    entities = [
        Entity(name=doc.display[k], type=doc.types.get(k, "other"),  # type: ignore[arg-type]
               aliases=sorted({m.surface for m in ms if m.surface != doc.display[k]}, key=str.lower))
        for k, ms in sorted(doc.entities.items(), key=lambda kv: doc.display[kv[0]].lower())
    ]
    gist = fold(_DATELINE.sub("", sentences[0][0], count=1)) if sentences else ""
    return ArticleSummary(
        title=article.title,
        gist=gist,
        publication_date=article.publication_date,
        claims=claims,
        entities=entities,
        quotes=quotes,
        meta=SummaryMeta(backend="local", mode="offline", extractor_version=EXTRACTOR_VERSION,
                         source=article.source, words=article.words,
                         boilerplate_removed=article.boilerplate_removed),
    )


# --- entities ----------------------------------------------------------------------------------------------------
def _collect_entities(sentences: list[str], lowercase_vocab: set[str]) -> _Doc:
    doc = _Doc()
    mentions: list[_Mention] = []
    midcaps = {w for sent in sentences for w in re.findall(r"(?<=[a-z,;] )[A-Z][\w\u2019'-]+", sent)}
    for sent in sentences:
        mentions.extend(_scan_names(sent, lowercase_vocab, midcaps))
    doc.alias = build_alias_map(m.key for m in mentions)
    for m in mentions:
        canon = doc.alias.get(m.key, m.key)
        doc.entities.setdefault(canon, []).append(m)
    _collect_descriptions(sentences, doc)
    for canon, ms in doc.entities.items():
        counts: dict[str, int] = {}
        for m in ms:
            counts[m.surface] = counts.get(m.surface, 0) + 1
        # the display name: a surface that spells the canonical key itself, else the most used, then the longest
        doc.display[canon] = sorted(counts, key=lambda s: (_raw_key(s) != canon, -counts[s], -len(s), s))[0]
        doc.types[canon] = _entity_type(canon, [m.type_hint for m in ms])
    return doc


_ROLE = (r"leader|president|premier|prime minister|minister|counterpart|official|spokesman|spokeswoman|"
         r"spokesperson|chief|head|ambassador|envoy|chairman|chairwoman|secretary|commander|ruler|king|queen|"
         r"founder|director|coach|captain|ceo|governor|mayor")
_APPOSITIVE = re.compile(
    rf"(?<![\w\u2019'])((?:(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+|[A-Z][\w\u2019']+[\u2019']s\s+)"
    rf"(?:[A-Za-z\u2019'-]+\s+){{0,3}}?(?:{_ROLE})|(?:[A-Z][a-z]+\s+){{1,2}}(?:{_ROLE}))"
    rf",?\s+({_NAME_TOKEN}(?:\s+{_NAME_TOKEN})+)")


def _collect_descriptions(sentences: list[str], doc: _Doc) -> None:
    """Appositives name a role: 'the country's leader, Kim Jong-un', 'North Korean leader Kim Jong-un'. A role
    that names one entity only becomes its alias; a role used for two entities is ambiguous and dropped."""
    found: dict[str, set[str]] = {}
    for sent in sentences:
        for m in _APPOSITIVE.finditer(sent):
            desc = re.sub(r"\s+", " ", m.group(1)).strip()
            if len(desc.split()) < 2 and not desc[:1].isupper():
                continue
            canon = doc.alias.get(entity_key(m.group(2)), entity_key(m.group(2)))
            if canon in doc.entities:
                key = fold(desc).lower().replace("’", "'")
                key = re.sub(r"^(his|her|its|their) ", "the ", key)
                found.setdefault(key, set()).add(canon)
                doc.entities[canon].append(_Mention(surface=desc, key=canon, type_hint="person"))
    doc.descriptions = {d: next(iter(c)) for d, c in found.items() if len(c) == 1}


def _raw_key(surface: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(surface).lower().replace(".", "").replace("'", "")).strip()


def _scan_names(sent: str, lowercase_vocab: set[str] | frozenset[str],
                midcaps: set[str] | None = None) -> list[_Mention]:
    out: list[_Mention] = []
    for m in _NAME_SEQ.finditer(sent):
        surface = m.group(0)
        start = m.start()
        hint: str | None = None
        while True:  # leading demonyms and titles: 'Chinese President Xi Jinping' -> 'Xi Jinping'
            first = surface.split()[0].lower() if surface.split() else ""
            title = _TITLE_RE.match(surface)
            if title and title.end() < len(surface):
                hint = "person"
                start += title.end()
                surface = surface[title.end():]
            elif first in DEMONYMS and len(surface.split()) > 1:
                start += len(first) + 1
                surface = surface[len(first) + 1:]
            else:
                break
        toks = surface.split()
        # drop sentence-initial or ordinary words that are only capitalised by position
        while toks and (toks[0].lower() in STOPWORDS or (toks[0].lower() in lowercase_vocab and start == 0)
                        or toks[0].lower().rstrip(".") in MONTHS or toks[0].lower() in WEEKDAYS):
            start += len(toks[0]) + 1
            toks = toks[1:]
        while toks and (toks[-1].lower() in STOPWORDS or toks[-1].lower() in ("of", "for")):
            toks = toks[:-1]
        if not toks:
            continue
        surface = " ".join(toks)
        surface = re.sub(r"[\u2019']s$", "", surface)
        low = surface.lower()
        if low in DEMONYMS or low in _ADJECTIVES:
            continue
        if start == 0 and len(toks) == 1 and midcaps is not None and toks[0] not in midcaps and low not in _PLACES \
                and not toks[0].isupper():
            continue
        if len(toks) == 1 and (low in lowercase_vocab and low not in _PLACES):
            continue
        if low.rstrip(".") in MONTHS or low in WEEKDAYS or len(surface) < 2:
            continue
        prev = sent[max(0, m.start() - 12):m.start()].lower()
        if hint is None and re.search(r"\b(in|at|from|to|near|across|into)\s+(the\s+)?$", prev):
            hint = "place?"
        out.append(_Mention(surface=surface, key=entity_key(surface), type_hint=hint))
    return out


_GEO_WORDS = frozenset("""lake river mountain mountains street avenue road park city county island islands bay beach
    valley hill hills province state region district square bridge airport harbour harbor coast sea ocean peninsula
    canyon desert forest falls village town port""".split())


def _entity_type(key: str, hints: list[str | None]) -> str:
    toks = key.split()
    if len(toks) > 1 and toks[-1] in _GEO_WORDS:
        return "place"
    if key in _PLACES or (toks and " ".join(toks[-2:]) in _PLACES and len(toks) <= 2):
        return "place"
    if key in _ORG_ACRONYMS or (len(toks) > 1 and toks[-1] in _ORG_WORDS) or key in _ORG_WORDS:
        return "organisation"
    if toks and toks[-1] in _EVENT_WORDS or "covid" in key:
        return "event"
    if "person" in hints:
        return "person"
    if "place?" in hints and len(toks) <= 2:
        return "place"
    if 2 <= len(toks) <= 4 and all(t.isalpha() for t in toks):
        return "person"
    return "other"


def _actors(text: str, doc: _Doc) -> list[str]:
    seen: dict[str, None] = {}
    for m in _scan_names(text, frozenset()):
        canon = doc.alias.get(m.key, m.key)
        if canon in doc.display:
            seen.setdefault(doc.display[canon], None)
    low = fold(text).lower()
    for desc, canon in doc.descriptions.items():
        if desc in low and canon in doc.display:
            seen.setdefault(doc.display[canon], None)
    for dem in _DEMONYM_RE.findall(text.lower()):
        country = DEMONYMS[dem]
        canon = doc.alias.get(country, country)
        if canon in doc.display:
            seen.setdefault(doc.display[canon], None)
    return list(seen)


# --- sentences and clauses -----------------------------------------------------------------------------------------
def _clauses(sentence: str) -> list[str]:
    """Split a sentence that joins independent facts; a clause without a subject inherits the first one's."""
    masked = _QUOTE_SPAN.sub(lambda m: "\u0000" * len(m.group(0)), sentence)
    lead = re.match(r"^(?:While|Although|Though|Whereas)\s+([^,]{10,}?),\s+(?=(?:it|he|she|they|the|[A-Z])\w*\s)", masked)
    if lead:
        first = sentence[lead.start(1):lead.end(1)]
        rest = _clauses(sentence[lead.end():])
        return [first[:1].upper() + first[1:].rstrip(". ") + "."] + rest
    cuts = [(m.start(), m.end()) for m in _CLAUSE_SPLIT.finditer(masked)]
    if not cuts:
        return [sentence.strip()[:1].upper() + sentence.strip()[1:]]
    parts, pos = [], 0
    for s, e in cuts:
        parts.append(sentence[pos:s])
        pos = e
    parts.append(sentence[pos:])
    parts = [p.strip(" ,;") for p in parts]
    merged: list[str] = []
    for p in parts:
        if merged and len(p.split()) < 4:
            merged[-1] = merged[-1] + ", " + p
        else:
            merged.append(p)
    if len(merged) > 1 and len(merged[0].split()) < 4:
        merged[1] = merged[0] + ", " + merged[1]
        merged = merged[1:]
    subject = _subject(merged[0])
    out = [merged[0]]
    for p in merged[1:]:
        first = p.split()[0] if p.split() else ""
        if subject and first[:1].islower() and first.lower() not in _LOWER_STARTERS:
            p = f"{subject} {p}"
        out.append(p[:1].upper() + p[1:])
    return [o[:1].upper() + o[1:].rstrip(". ") + "." for o in out]


_IRREGULAR = ("told|met|made|held|said|went|took|gave|saw|came|became|left|won|lost|led|ran|sent|set|put|hit|"
              "paid|sold|bought|brought|fought|thought|found|kept|began|spoke|wrote|rose|fell|struck|drew|flew")


def _subject(clause: str) -> str | None:
    clause = re.sub(rf"^.{{0,80}}?\b(?:{_REPORT})\s+that\s+", "", clause)
    m = re.match(rf"^((?:The |A |An )?{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})*)\s+(?:has|have|had|is|was|were|are|will|"
                 rf"would|says|said|{_IRREGULAR}|\w+ed)\b", clause)
    return m.group(1) if m else None


def _attribution(sentence: str, doc: _Doc) -> tuple[str | None, str | None]:
    """(who says so, who is quoted) for a sentence; (None, None) when the article asserts it."""
    masked = _QUOTE_SPAN.sub(lambda m: "\u0000" * len(m.group(0)), sentence)
    for pat in _ATTR_PATTERNS:
        m = pat.search(masked)
        if not m:
            continue
        src = sentence[m.start("src"):m.end("src")].strip(" ,")
        src = re.sub(r"^(?:that|which|as)\s+", "", src, flags=re.I)
        if not src or src.lower() in STOPWORDS or len(src.split()) > 10 or _HAS_VERB.search(src):
            continue
        if src.lower() in ("he", "she", "it", "they", "we", "i"):
            src = _nearest_person(sentence, doc) or src
        speaker = None
        if "spk" in m.groupdict() and m.group("spk"):
            speaker = m.group("spk")
        return _canonical(src, doc), (_canonical(speaker, doc) if speaker else None)
    if ALLEGATION.search(masked):
        m = re.match(r"^(?P<src>.{2,80}?)\s+(?:has |have |had )?(?:accuse|accuses|accused|accusing|allege|alleges)\b", masked)
        if m and not _HAS_VERB.search(m.group("src")):
            return _canonical(sentence[: m.end("src")], doc), None
    return None, None


def _nearest_person(sentence: str, doc: _Doc) -> str | None:
    for name in _actors(sentence, doc):
        if doc.types.get(doc.alias.get(entity_key(name), entity_key(name))) == "person":
            return name
    return None


def _canonical(name: str, doc: _Doc) -> str:
    key = entity_key(name)
    canon = doc.alias.get(key, key)
    if canon in doc.display:
        return doc.display[canon]
    return re.sub(r"^(?:the|The)\s+", "the ", name.strip())


def _quotes(text: str, speaker: str | None, doc: _Doc, multi_sentence_only: bool = False) -> list[Quote]:
    """Direct quotations in ``text`` with their speaker (given, or the name next to a reporting verb nearby).
    ``multi_sentence_only`` keeps quotations spanning two or more sentences (the per-sentence pass has the rest)."""
    out = []
    for m in _QUOTE_SPAN.finditer(text):
        body = m.group(1).strip(" ,.")
        if len(body.split()) < 2:
            continue
        if multi_sentence_only and len(split_sentences(body)) < 2:
            continue
        spk = speaker
        if spk is None:
            after = text[m.end():m.end() + 60]
            before = text[max(0, m.start() - 60):m.start()]
            near = re.search(rf"(?:{_REPORT})\s+([A-Z][\w\u2019'-]+(?:\s+[A-Z][\w\u2019'-]+)*)", after) or re.search(
                rf"([A-Z][\w\u2019'-]+(?:\s+[A-Z][\w\u2019'-]+)*)\s+(?:{_REPORT})", after + " " + before)
            spk = _canonical(near.group(1), doc) if near else None
        out.append(Quote(speaker=spk, text=fold(body), verbatim=True))
    return out


def _paraphrases(sentence: str, doc: _Doc) -> list[Quote]:
    """Reported speech ('Zhao told Kim that ...') as a paraphrased quote of its speaker."""
    m = re.search(r"^(?P<spk>.{2,60}?)\s+(?:said|says|told [\w\s]{1,30}?|stated|added)\s+that\s+(?P<txt>.+)$",
                  sentence)
    if m and _actors(m.group("spk"), doc):
        return [Quote(speaker=_canonical(_actors(m.group("spk"), doc)[-1], doc),
                      text=fold(m.group("txt")).rstrip("."), verbatim=False)]
    return []


def _claim(n: int, clause: str, sentence: str, attribution: str | None, doc: _Doc, pub: TimeParts | None,
           dateline_place: str | None) -> Claim:
    text = fold(clause)
    times = find_times(text)
    time_text, time_iso = None, None
    best = most_specific(times)
    if best:
        _, _, written, parts = best
        time_text = written
        time_iso = resolve_time(parts, pub).iso()
    masked_time = text
    for s, e, _, parts in reversed(times):
        if parts.relative and parts.relative.endswith(" ago"):
            continue  # '75 years ago' is a time and a quantity: keep the number
        masked_time = masked_time[:s] + " " * (e - s) + masked_time[e:]
    quantities = _quantities(masked_time)
    actors = _actors(text, doc)
    place = _place(text, doc) or dateline_place
    certainty = _certainty(text, attribution)
    negated = bool(NEGATION.search(_QUOTE_SPAN.sub("", text)))
    return Claim(
        id=f"c{n}", text=text, kind=_kind(text, attribution), actors=actors, time_text=time_text, time=time_iso,
        place=place, quantities=quantities, attribution=attribution, certainty=certainty, negated=negated,
        evidence=sentence.strip(), grounded=True,
    )


_RANGE = re.compile(r"(?<![\w.])(?:[Bb]etween\s+)?(\d[\d,]*(?:\.\d+)?)\s*(?:-|\u2013|to|and)\s*(\d[\d,]*(?:\.\d+)?)"
                    r"(?:(\s*%|\s+per\s*cent|\s+percent)|\s+([a-z]+))")


def _quantities(text: str) -> list[Quantity]:
    """Numbers with their unit; a range ('10-20 people', 'between 10 and 20 people') gives both bounds."""
    out = []
    for m in _RANGE.finditer(text):
        lo, hi = parse_number(m.group(1)), parse_number(m.group(2))
        if lo is None or hi is None or hi <= lo or (" and " in m.group(0)
                                                     and not m.group(0).lower().startswith("between")):
            continue
        unit = "percent" if m.group(3) else singular(m.group(4))
        out += [Quantity(value=lo, unit=unit, text=m.group(0)), Quantity(value=hi, unit=unit, text=m.group(0))]
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    for m in _QUANTITY.finditer(text):
        num = m.group("num")
        if not num or not num.strip():
            continue
        value = parse_number(num)
        if value is None:
            continue
        if m.group("scale"):
            value *= {"million": 1e6, "billion": 1e9, "trillion": 1e12, "thousand": 1e3, "hundred": 1e2,
                      "bn": 1e9, "m": 1e6}[m.group("scale").strip().lower()]
        value = round(value, 6)
        unit = m.group("unit")
        written = m.group(0).strip()
        if m.group("pct"):
            unit = "percent"
        elif unit and unit.lower() in STOPWORDS:
            written = written[: m.start("unit") - m.start()].strip(" -")
            unit = None
        if unit:
            unit = singular(unit)
        if num.isalpha() and num.lower() in ("one",) and not unit:
            continue
        out.append(Quantity(value=value, unit=unit, text=written))
    return out


def _place(text: str, doc: _Doc) -> str | None:
    for m in re.finditer(rf"\b(?:in|at|from|to|near|inside|across)\s+(?:the\s+)?({_NAME_TOKEN}(?:\s+{_NAME_TOKEN})*)",
                         text):
        key = entity_key(re.sub(r"[\u2019']s$", "", m.group(1)))
        canon = doc.alias.get(key, key)
        if doc.types.get(canon) == "place" or canon in _PLACES:
            return re.sub(r"[\u2019']s$", "", m.group(1))
    return None


def _certainty(text: str, attribution: str | None) -> str:
    masked = _QUOTE_SPAN.sub("", text)
    if DENIAL.search(masked):
        return "denied"
    if ALLEGATION.search(masked):
        return "alleged"
    if HEDGE.search(masked) and not re.search(r"\bwould\b", masked, re.I):
        return "speculative"
    if attribution:
        return "reported"
    return "asserted"


def _kind(text: str, attribution: str | None) -> str:
    if FUTURE.search(text):
        return "prediction"
    if _QUOTE_SPAN.search(text) or (attribution and re.search(r"\b(said|says|told|stated)\b", text)):
        return "statement"
    if _OPINION.search(text):
        return "opinion"
    if _BACKGROUND.search(text):
        return "background"
    return "event"
