"""Entity recognition for the offline extractor: names from capitalisation patterns, titles and context; their
types (person, organisation, place, event); aliases (surnames, 'Beijing' for China, appositive roles such as 'the
country's leader'); and the actors a piece of text names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..normalize import (
    BUILDINGS,
    DEMONYMS,
    LETTER,
    LOWER,
    MONTHS,
    ORG_WORDS,
    STOPWORDS,
    TIME_ZONES,
    UPPER,
    WEEKDAYS,
    build_alias_map,
    entity_key,
    fold,
    is_description,
)

_TITLES = (  # a longer title before the shorter one it starts with ('Chief Executive' before 'Chief')
    r"Chief Executive Officer|Chief Executive|"
    r"President|Vice President|Prime Minister|Premier|Chancellor|Minister|Foreign Minister|Secretary|Secretary of "
    r"State|Senator|Sen\.|Rep\.|Representative|Governor|Gov\.|Mayor|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Doctor|Prof\.?|"
    r"Professor|King|Queen|Prince|Princess|Pope|General|Gen\.|Colonel|Col\.|Judge|Justice|Chairman|Chairwoman|Leader|Ambassador|Sir|Dame|"
    r"Lord|Lady|Coach|Captain|Capt\.|Officer|Detective|Sheriff|Chief|Director|Commissioner"
)
_TITLE_RE = re.compile(rf"^(?:(?:{_TITLES})\s+)+")
_ORG_ACRONYMS = frozenset("xinhua reuters ap afp cnn bbc nato un eu kcna fbi cia who imf opec".split())
_ADJECTIVES = frozenset("""korean european asian african arab western eastern soviet islamic muslim christian jewish
    catholic communist democratic republican global international national federal""".split())
_EVENT_WORDS = frozenset("war olympics games cup championship summit pandemic election festival conference".split())
PLACES = frozenset(
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

NAME_TOKEN = (rf"(?:[{UPPER}][{LETTER}\u2019'\-]*[{LETTER}](?:-\d+)?|[A-Z]\.(?:[A-Z]\.)+|[A-Z]{{2,}}(?:-\d+)?"
              rf"|[{UPPER}][{LOWER}]*-\d+)")
_NAME_SEQ = re.compile(rf"{NAME_TOKEN}(?:\s+(?:(?:of|for|de|del|van|von|al|bin|la|le)\s+)?{NAME_TOKEN})*")

_DEMONYM_RE = re.compile(r"\b(" + "|".join(sorted(DEMONYMS, key=len, reverse=True)) + r")\b")


@dataclass
class Mention:
    surface: str
    key: str
    type_hint: str | None


@dataclass
class Doc:
    descriptions: dict[str, str] = field(default_factory=dict)  # 'the north korean leader' -> canonical key
    entities: dict[str, list[Mention]] = field(default_factory=dict)
    alias: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    display: dict[str, str] = field(default_factory=dict)


def collect_entities(sentences: list[str], lowercase_vocab: set[str]) -> Doc:
    doc = Doc()
    mentions: list[Mention] = []
    midcaps = {w for sent in sentences for w in re.findall(rf"(?<=[{LOWER},;] )[{UPPER}][\w\u2019'-]+", sent)}
    for sent in sentences:
        mentions.extend(scan_names(sent, lowercase_vocab, midcaps))
    doc.alias = build_alias_map(m.key for m in mentions)
    for m in mentions:
        canon = doc.alias.get(m.key, m.key)
        doc.entities.setdefault(canon, []).append(m)
    collect_descriptions(sentences, doc)
    for canon, ms in doc.entities.items():
        counts: dict[str, int] = {}
        for m in ms:
            counts[m.surface] = counts.get(m.surface, 0) + 1
        # the display name: a surface that spells the canonical key itself, else the most used, then the longest
        doc.display[canon] = sorted(counts, key=lambda s: (raw_key(s) != canon, -counts[s], -len(s), s))[0]
        doc.types[canon] = entity_type(canon, [m.type_hint for m in ms])
    return doc


_ROLE = (r"leader|president|premier|prime minister|minister|counterpart|official|spokesman|spokeswoman|"
         r"spokesperson|chief|head|ambassador|envoy|chairman|chairwoman|secretary|commander|ruler|king|queen|"
         r"founder|director|coach|captain|ceo|governor|mayor")
_APPOSITIVE = re.compile(
    rf"(?<![\w\u2019'])((?:(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+|[A-Z][\w\u2019']+[\u2019']s\s+)"
    rf"(?:[A-Za-z\u2019'-]+\s+){{0,3}}?(?:{_ROLE})|(?:[A-Z][a-z]+\s+){{1,2}}(?:{_ROLE}))"
    rf",?\s+({NAME_TOKEN}(?:\s+{NAME_TOKEN})+)")


def collect_descriptions(sentences: list[str], doc: Doc) -> None:
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
                doc.entities[canon].append(Mention(surface=desc, key=canon, type_hint="person"))
    doc.descriptions = {d: next(iter(c)) for d, c in found.items() if len(c) == 1}


def raw_key(surface: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(surface).lower().replace(".", "").replace("'", "")).strip()


# an acronym is a name even where its letters spell a word ('the WHO', 'the US', 'IT staff'), unless the whole
# sentence is in capitals (a shouted headline, where 'WHO' may be the word)
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,4})$")


def _shouting(sent: str) -> bool:
    words = re.findall(r"[A-Za-z]{2,}", sent)
    return bool(words) and sum(w.isupper() for w in words) * 2 > len(words)


# who a person is to others, written before the name at a sentence's start ('Mother Akon Guode was released')
_RELATIONS = frozenset("""mother father mum mom dad wife husband widow widower son daughter brother sister grandmother
    grandfather grandson granddaughter uncle aunt nephew niece cousin boyfriend girlfriend fiancee fiance partner
    teenager pensioner victim suspect""".split())


def scan_names(sent: str, lowercase_vocab: set[str] | frozenset[str],
                midcaps: set[str] | None = None) -> list[Mention]:
    out: list[Mention] = []
    caps = _shouting(sent)
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
        while toks and not (_ACRONYM.match(toks[0]) and not caps) and (
                toks[0].lower() in STOPWORDS or (toks[0].lower() in lowercase_vocab and start == 0)
                or toks[0].lower().rstrip(".") in MONTHS and not _given_name(sent, start, toks)
                or toks[0].lower() in WEEKDAYS):
            start += len(toks[0]) + 1
            toks = toks[1:]
        # a word before a name that says who the person is to others: 'Mother Akon Guode was released' (at a
        # sentence's start, before two or more name words), 'Grandmother-to-be Ann Lee' (a hyphenated description;
        # one holding a number, 'Father-of-three', stays: the number is what an edit changes)
        while len(toks) >= 2 and (is_description(toks[0]) or start == 0 and len(toks) >= 3
                                  and toks[0].lower() in _RELATIONS and all(t[:1].isupper() for t in toks[1:])):
            start += len(toks[0]) + 1
            toks = toks[1:]
        while toks and not (_ACRONYM.match(toks[-1]) and not caps) and (
                toks[-1].lower() in STOPWORDS or toks[-1].lower() in ("of", "for")):
            toks = toks[:-1]
        if not toks:
            continue
        surface = " ".join(toks)
        surface = re.sub(r"[\u2019']s$", "", surface)
        low = surface.lower()
        if low in DEMONYMS or low in _ADJECTIVES:
            continue
        if start == 0 and len(toks) == 1 and midcaps is not None and toks[0] not in midcaps and low not in PLACES \
                and not toks[0].isupper():
            continue
        if len(toks) == 1 and (low in lowercase_vocab and low not in PLACES) and (caps or not _ACRONYM.match(toks[0])):
            continue
        if low.rstrip(".") in MONTHS or low in WEEKDAYS or surface in TIME_ZONES or len(surface) < 2:
            continue  # a time ('in February', 'on Friday', '3 p.m. GMT'), no name
        prev = sent[max(0, m.start() - 30):m.start()].lower()
        if hint is None and (_PLACE_BEFORE.search(prev)
                             or _PLACE_OF.search(sent[max(0, m.start() - 20):m.start()])
                             or _AFTER_A_PLACE.search(sent[max(0, m.start() - 40):m.start()])
                             and _APPOSITION_END.match(sent, m.end())):
            # 'in Chota', 'the nearby town of Chota'; the region or country after a place ('in Magaluf, Majorca')
            hint = "place?"
        out.append(Mention(surface=surface, key=entity_key(surface), type_hint=hint))
    return out


_MONTH_NAMES = frozenset("april may june august".split())  # months that are also given names
_TIME_BEFORE = re.compile(r"\b(?:in|on|by|since|until|till|from|last|next|this|early|late|mid|of|to|through|"
                          r"during|before|after)\s+$", re.I)


def _given_name(sent: str, start: int, toks: list[str]) -> bool:
    """A month that begins a person's name ('April Ryan', 'June Sarpong'), not a time ('in May Johnson said'):
    a month used as a given name, a capitalised word after it, and no word of time before it."""
    return len(toks) >= 2 and toks[0].lower() in _MONTH_NAMES and toks[1][:1].isupper() and \
        toks[1].lower() not in MONTHS and not _TIME_BEFORE.search(sent[max(0, start - 12):start])


# a part of a place written before its name ('central Zagreb', 'north-western Syria', 'downtown Chicago')
PLACE_PART = (r"(?:central|downtown|greater|inner|outer|rural|coastal|(?:north|south)(?:-?(?:east|west))?(?:ern)?|"
              r"(?:east|west)(?:ern)?)")
# 'in Chota', 'at the Town Hall', 'in central Zagreb', 'across north-western Syria'
_PLACE_BEFORE = re.compile(rf"\b(?:in|at|from|to|near|across|into)\s+(?:the\s+)?(?:{PLACE_PART}\s+)?$")
# ... and the apposition ends there ('in Magaluf, Majorca, in the early hours', 'in Springfield, Illinois.'); a name
# a verb follows is the sentence's subject ('Speaking in Brussels, Macron said')
_APPOSITION_END = re.compile(r"\s*(?:,(?!\s+(?:the|a|an|\d|who|whose|which)\b)|[.;:)]|$|"
                             r"(?:in|on|at|last|this|after|before|when|where|during)\b)")
_AFTER_A_PLACE = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,2},\s+$")
_PLACE_OF = re.compile(r"\b(?:town|city|village|province|county|region|district|municipality|island|port)\s+of\s+$")
_GEO_WORDS = frozenset("""lake river mountain mountains street avenue road park city county island islands bay beach
    valley hill hills province state region district square bridge airport harbour harbor coast sea ocean peninsula
    canyon desert forest falls village town port arena stadium racecourse ground""".split())
# buildings a thing takes place at, after 'at' or 'in' ('at St George's Hall'): normalize.BUILDINGS less those
# _GEO_WORDS types anyway and 'station', with places of worship and courts. Not in _GEO_WORDS, since a name that
# ends so without the preposition may be a person's ('Jerry Hall', 'Charlotte Church')
_VENUE_WORDS = BUILDINGS - _GEO_WORDS - {"station"} | {"mosque", "temple", "synagogue", "court"}
_STREET_ENDINGS = ("strasse", "stra\u00dfe", "platz", "gasse", "damm")  # 'Friedrichstrasse', 'Alexanderplatz'
# (not 'Lane' or 'Terrace': surnames too, 'Sarah Lane')


def entity_type(key: str, hints: list[str | None]) -> str:
    toks = key.split()
    if len(toks) > 1 and toks[-1] in _GEO_WORDS or len(toks) == 1 and key.endswith(_STREET_ENDINGS):
        return "place"
    if key in PLACES or (toks and " ".join(toks[-2:]) in PLACES and len(toks) <= 2):
        return "place"
    if key in _ORG_ACRONYMS or (len(toks) > 1 and toks[-1] in ORG_WORDS) or key in ORG_WORDS:
        return "organisation"
    if toks and toks[-1] in _EVENT_WORDS or "covid" in key:
        return "event"
    if "person" in hints:
        return "person"
    if "place?" in hints and (len(toks) <= 2 or toks[-1] in _VENUE_WORDS):
        return "place"  # 'in Chota', 'at St George's Hall'
    if 2 <= len(toks) <= 4 and all(t.isalpha() for t in toks):
        return "person"
    return "other"


def find_actors(text: str, doc: Doc) -> list[str]:
    seen: dict[str, None] = {}
    for m in scan_names(text, frozenset()):
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


def nearest_person(sentence: str, doc: Doc) -> str | None:
    for name in find_actors(sentence, doc):
        if doc.types.get(doc.alias.get(entity_key(name), entity_key(name))) == "person":
            return name
    return None


def canonical(name: str, doc: Doc) -> str:
    key = entity_key(name)
    canon = doc.alias.get(key, key)
    if canon in doc.display:
        return doc.display[canon]
    return re.sub(r"^(?:the|The)\s+", "the ", name.strip())
