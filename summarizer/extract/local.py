"""The offline extractor: a structured summary from the text alone, no model, deterministic.

Rules, in order: paragraphs -> sentences (sentencex, robust to abbreviations and quotes) -> datelines stripped ->
clauses (a sentence joining independent facts is split) -> per clause: actors, time, place, quantities, attribution,
certainty, negation. Evidence is always the source sentence, verbatim, so every claim is grounded.
"""

from __future__ import annotations

import re
from typing import cast

from sentencex import segment as _segment

from ..articles import Article
from ..errors import InputError
from ..language import detect, not_english_message
from ..lexicon import is_verb
from ..normalize import (
    ALLEGATION,
    DECADE_WORDS,
    DEMONYMS,
    DENIAL,
    FUTURE,
    HEDGE,
    MONTH_RE,
    NEGATION,
    NUMBER_WORDS,
    QUOTE_SPAN,
    REPORTING_VERBS,
    STOPWORDS,
    TIME_ZONES,
    TITLE_SHORT,
    TimeParts,
    canonical_unit,
    entity_key,
    find_times,
    fold,
    most_specific,
    parse_iso_date,
    parse_number,
    resolve_time,
    singular,
)
from ..places import PEOPLE_CAPITAL, capital_of_people, is_place
from ..schema import ArticleSummary, Certainty, Claim, ClaimKind, Entity, EntityType, Quantity, Quote, SummaryMeta
from .entities import NAME_TOKEN, PLACE_PART, PLACES, Doc, canonical, collect_entities, find_actors, nearest_person

EXTRACTOR_VERSION = "local-1"

_DATELINE_DATE = r"(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?|[A-Z][a-z]{2,8}\.?\s+\d{1,2})(?:,?\s+\d{4})?"
_DATELINE = re.compile(
    r"^\s*(?:\(CNN\)|\([A-Z][A-Za-z .]{1,20}\)\s*|"
    # 'PUNTA ARENAS, Chile, 14 May -', 'KITWE, Zambia (Sept. 22) -', 'NEW YORK, March 3 (AP) -': the city in capitals,
    # then its country or state, the filing date and the agency, each optional
    rf"(?P<city>[A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+){{0,3}})(?:,\s*[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+){{0,2}})?"
    rf"(?:,\s*(?P<date>{_DATELINE_DATE})|\s*\((?P<pdate>{_DATELINE_DATE})\))?(?:\s*\([^)]{{1,30}}\))?\s*[-\u2013\u2014:]+\s+|"
    r"[A-Z][A-Z .,'\u2019-]{2,40}(?:\([^)]{1,30}\))?\s*[-\u2013\u2014:]+\s+)")
_REPORT = REPORTING_VERBS
_DESCRIBED = r"(?:(?!(?:in|on|at|a|an|of|to|for|by|with|from|that|this|last)\b)[a-z]+\s+){0,3}?"
"""Up to three lower-case words describing a name after a reporting verb ('said coach Tran Minh Duc')."""
_ATTR_PATTERNS = [
    re.compile(r"\baccording to (?P<src>(?:the )?[^,.;:\"\u201c]{2,60})", re.I),
    re.compile(r"(?P<src>\b[A-Z][\w.\u2019' -]{1,50}?) quoted "
               r"(?P<spk>[A-Z][\w\u2019'-]+(?: [A-Z][\w\u2019'-]+)*) as saying"),
    re.compile(rf",\s*(?P<src>(?:the |a |an )?[\w.\u2019' -]{{2,70}}?)\s+(?:(?:has|have|had)\s+)?"
               # 'said on Friday', 'said Friday', 'said late Tuesday', 'said earlier': when, not who
               rf"(?:{_REPORT})\s*(?:(?:on\s+)?(?:(?:early|late)\s+)?(?:[A-Z][a-z]+day|today|yesterday|tonight|earlier|"
               r"later)\b|on \w+)?"
               r"(?:\.?\s*[\"\u201d]?$|,)"),
    re.compile(rf"^(?P<src>(?:The |A |An )?[A-Z][\w.\u2019' ,-]{{1,70}}?)\s+(?:has |have |had )?(?:{_REPORT})\b"),
    re.compile(rf"\b(?:{_REPORT})\s+(?P<src>(?:the )?{_DESCRIBED}[A-Z][\w.\u2019' -]{{1,50}})\.?\s*$"),
]
_TRAILING_ATTR = (_ATTR_PATTERNS[2], _ATTR_PATTERNS[4])  # ', police said.' / 'said the minister.' at the end
_ACRONYMS = re.compile(r"\b[A-Z]{2,6}\b")  # 'the WHO said': no relative pronoun in the source
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
    + _NUMBER_WORDS_RE + r")(?:[\s-](?:" + _NUMBER_WORDS_RE + r")|(?:(?<=hundred)|(?<=thousand))\s+and\s+(?:"
    + _NUMBER_WORDS_RE + r"))*)\b)"  # 'three hundred and fifty'; not 'two and three'
    r"(?P<scale>\s+(?:million|billion|trillion|thousand|hundred|crore|lakh)|bn|m\b(?!/))?"  # not '20m/s\'
    r"(?P<pct>\s*%|\s+per\s*cent|\s+percent)?(?![:.]\d|\s*[ap]\.?m\b)"
    r"(?(pct)|(?:(?P<attached>\s?\u00b0\s?[CF]\b|(?-i:[CF])\b|(?:km|kg|cm|mm|mph|kph|m(?=/)|(?-i:[kMG]Wh?))\b)|[\s-]+(?P<unit>(?:(?:square|sq|cubic)\.?\s+)?[a-z]+))?"
    r"(?P<per>\s+per\s+(?:hour|second|minute|day|week|month|year)\b|/(?:h|hr|s|sec|min|day|yr)\b)?)"
    # a unit written on the number ('46.3C', '10km'), or the scale after 'degrees' ('degrees Celsius')
    r"(?P<scale_of>(?:(?<=degree)|(?<=degrees))\s+(?:Celsius|centigrade|Fahrenheit|C|F)\b)?",
    re.I,
)


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph (sentencex: abbreviations, initials, decimals, quotes), each a verbatim substring
    of it."""
    out: list[str] = []
    pos = 0
    for seg in (x.strip() for part in _segment("en", paragraph) for x in _rate_split(part)):
        if not seg:
            continue
        start = paragraph.find(seg, pos)
        if out and start >= 0 and (_CLOCK_END.search(out[-1]) and _ZONE_START.match(seg)
                                   or _TITLE_END.search(out[-1]) and seg[:1].isupper()):
            # '3 p.m.' | 'GMT on Friday': a time zone; 'brought forward by Coun.' | 'Daniela Ruiz': a title's name
            begin = paragraph.rfind(out[-1], 0, start)  # no new sentence
            if begin >= 0:
                out[-1] = paragraph[begin:start + len(seg)]
                pos = start + len(seg)
                continue
        out.append(seg)
        pos = start + len(seg) if start >= 0 else pos
    return out


# a rate ends a sentence that sentencex runs on into the next ('up to 150 km/h. Fire crews said')
_RATE_END = re.compile(r"\d\s?[A-Za-z]{1,3}/[A-Za-z]{1,3}\.(?=\s+[A-Z])")


def _rate_split(text: str) -> list[str]:
    """``text`` cut after each rate that ends a sentence ('150 km/h.' | 'Fire crews said')."""
    ends = [m.end() for m in _RATE_END.finditer(text)]
    return [text[i:j] for i, j in zip([0, *ends], [*ends, len(text)], strict=True)]


_CLOCK_END = re.compile(r"\d\s*[ap]\.m\.$", re.I)
_TITLE_END = re.compile(r"\b(?:" + "|".join(sorted(k for k in TITLE_SHORT if k not in ("rev",))) + r")\.$", re.I)
_ZONE_START = re.compile(r"(?:" + "|".join(sorted(TIME_ZONES)) + r"|Eastern|Pacific|Central|Mountain|Greenwich)\b")


def extract_summary(article: Article) -> ArticleSummary:
    """Build an ``ArticleSummary`` from ``article`` with the offline rules. An article that is clearly not English
    raises ``InputError`` (the rules would find nothing, or nonsense, and report it as 'identical')."""
    language = detect(article.text)
    if not language.english:
        raise InputError(not_english_message(article.source, language))
    pub = parse_iso_date(article.publication_date) if article.publication_date else None
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", article.text) if p.strip()]
    sentences: list[tuple[str, str | None]] = []  # (sentence, dateline place)
    flat = [re.sub(r"\s*\n\s*", " ", p) for p in paragraphs]
    dated: tuple[str, str] | None = None  # the dateline's sentence and the date it was filed ('14 May')
    for para in flat:
        for i, sent in enumerate(split_sentences(para)):
            place = None
            if i == 0 and len(sentences) < 3:
                m = _DATELINE.match(sent)
                if m and not m.group(0).startswith("(CNN") and not re.match(
                        r"\s*(FILE|UPDATE|UPDATED|BREAKING|EXCLUSIVE|WATCH|PHOTOS?|VIDEO|LIVE|OPINION|ANALYSIS)\b",
                        sent):
                    city = m.group("city") or m.group(0).strip(" -\u2013\u2014:").split("(")[0]
                    place = city.strip().title() or None
                    filed = m.group("date") or m.group("pdate")
                    if filed and dated is None:
                        dated = (sent, filed)
            sentences.append((sent, place))
    lowercase_vocab = {w.lower() for s, _ in sentences for w in re.findall(r"(?<=\s)[a-z][a-z]+", s)}
    doc = collect_entities([s for s, _ in sentences], lowercase_vocab)

    claims: list[Claim] = []
    quotes: list[Quote] = []
    dateline_place = next((p for _, p in sentences if p), None)
    for sent, _ in sentences:
        body = _DATELINE.sub("", sent, count=1).strip() or sent
        if len(body.split()) < 3:
            continue
        attribution, speaker = _attribution(body, doc)
        if not QUOTE_SPAN.search(body):
            quotes.extend(_paraphrases(body, doc))
        elif attribution is None:  # '"We will rebuild it," the mayor said': who is quoted says so
            attribution = _attribution(QUOTE_SPAN.sub("\u2026,", body), doc)[0] or \
                next((q.speaker for q in _quotes(body, None, doc) if q.speaker), None)  # '... told reporters'
        clauses = [c for c in _clauses(body) if not _verbless(c) or _quantities(c)] or _clauses(body)
        owns: list[str | None] = [_attribution(c, doc)[0] for c in clauses] if len(clauses) > 1 else [None]
        for k, clause in enumerate(clauses):
            claims.append(_claim(len(claims) + 1, clause, sent, owns[k] or _inherited(attribution, owns, k, clauses),
                                 doc, pub, dateline_place, dated[1] if dated and dated[0] == sent else None))
    for para in flat:  # direct quotations may span sentences: find them per paragraph
        for sent in split_sentences(para):
            if QUOTE_SPAN.search(sent):
                quotes.extend(_quotes(sent, _attribution(sent, doc)[1] or _attribution(sent, doc)[0], doc))
        quotes.extend(_quotes(para, None, doc, multi_sentence_only=True))
    if not claims and sentences:  # too short for the clause rules: the text itself is the one claim it makes
        language = detect(article.text, short=True)
        if not language.english:
            raise InputError(not_english_message(article.source, language))
        sent = sentences[0][0]
        claims.append(_claim(1, _DATELINE.sub("", sent, count=1).strip() or sent, sent, None, doc, pub,
                             dateline_place))
    entities = [
        Entity(name=doc.display[k], type=cast(EntityType, doc.types.get(k, "other")),
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


# --- sentences and clauses -----------------------------------------------------------------------------------------
def _clauses(sentence: str) -> list[str]:
    """Split a sentence that joins independent facts; a clause without a subject inherits the first one's."""
    masked = QUOTE_SPAN.sub(lambda m: "\u0000" * len(m.group(0)), sentence)
    lead = re.match(r"^(?:While|Although|Though|Whereas)\s+([^,]{10,}?),\s+(?=(?:it|he|she|they|the|[A-Z])\w*\s)",
                    masked)
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


def _verbless(clause: str) -> bool:
    """A fragment with no verb ('Gordon Brown in 2004.', a heading run into the text) states no claim, unless it
    counts something ('turnout about 60 percent', kept by the caller): no auxiliary, no past or present participle,
    no irregular past, no word WordNet knows mostly as a verb."""
    masked = QUOTE_SPAN.sub(" ", clause)
    if _HAS_VERB.search(masked) or re.search(rf"\b(?:{_IRREGULAR}|{_REPORT})\b", masked, re.I):
        return False
    words = re.findall(r"[a-z]+", masked)  # lower case: a name is no verb
    return not any(len(w) > 4 and w.endswith(("ed", "ing")) or is_verb(w) or
                   (w.endswith("s") and (is_verb(w[:-1]) or w.endswith("es") and is_verb(w[:-2]))) for w in words)


def _inherited(attribution: str | None, owns: list[str | None], k: int, clauses: list[str]) -> str | None:
    """The sentence's source for clause ``k``, which names none of its own. A source said at the end ('..., police
    said.') covers every clause; one a later clause leads with ('; according to X, ...') covers that clause and
    those after it, not the ones before it."""
    owner = next((i for i, a in enumerate(owns) if a and a == attribution), None)
    if owner is None or k >= owner:
        return attribution
    last = QUOTE_SPAN.sub(lambda m: "\u0000" * len(m.group(0)), clauses[-1])
    trailing = owner == len(clauses) - 1 and any(p.search(last) for p in _TRAILING_ATTR)
    return attribution if trailing else None


def _subject(clause: str) -> str | None:
    clause = re.sub(rf"^.{{0,80}}?\b(?:{_REPORT})\s+that\s+", "", clause)
    m = re.match(rf"^((?:The |A |An )?{NAME_TOKEN}(?:\s+{NAME_TOKEN})*)\s+(?:has|have|had|is|was|were|are|will|"
                 rf"would|says|said|{_IRREGULAR}|\w+ed)\b", clause)
    if m:
        return m.group(1)
    # a noun phrase at the start ('Business groups welcomed the decision'): at most four words before the verb
    m = re.match(rf"^((?:The |A |An )?[A-Z][a-z]+(?:\s+[a-z]+){{0,3}})\s+(?:has|have|had|is|was|were|are|will|"
                 rf"would|{_IRREGULAR}|\w+ed)\b", clause)
    return m.group(1) if m and m.group(1).split()[-1].lower() not in STOPWORDS else None


_LEAD_IN = re.compile(r"^(?:when|while|after|before|although|though|since|once|asked|speaking|in|on|at|during)\b"
                      r"[^,]{0,80},\s*(?=\S)", re.I)


_SUBORDINATE = re.compile(r"^.*\s(?:after|before|when|because|since|until|once|while|although|though|if)\s+(?=\S)")


def _attribution(sentence: str, doc: Doc) -> tuple[str | None, str | None]:
    """(who says so, who is quoted) for a sentence; (None, None) when the article asserts it."""
    masked = QUOTE_SPAN.sub(lambda m: "\u0000" * len(m.group(0)), sentence)
    for pat in _ATTR_PATTERNS:
        m = pat.search(masked)
        if not m:
            continue
        raw = sentence[m.start("src"):m.end("src")]
        if pat is _ATTR_PATTERNS[3] and raw.endswith(",") and raw.count(",") == 1:
            continue  # 'The plan failed, said Ana Lee': the clause before the comma is what is said
        src = raw.strip(" ,")
        if src.endswith(".") and not re.search(r"\b[A-Z]\.$", src):
            src = src[:-1]  # the sentence's full stop ('said coach Tran Minh Duc.'), not an initial ('U.S.')
        src = re.sub(r"^(?:that|which|as)\s+", "", src, flags=re.I)
        src = _LEAD_IN.sub("", src)  # 'When discussing crime in the speech, Mr. Brown' -> 'Mr. Brown'
        src = _SUBORDINATE.sub("", src)  # 'The minister resigned after a newspaper (revealed)' -> 'a newspaper'
        src = re.sub(r"\s+(?:also|too|again|later|then|herself|himself)$", "", src, flags=re.I)
        if not src or src.lower() in STOPWORDS or len(src.split()) > 10 or _HAS_VERB.search(_ACRONYMS.sub("", src)):
            continue
        if re.search(r"\s(?:and|but|or)$", src):
            continue  # 'Business groups criticised the decision and (warned)': a second verb of its subject
        if src.lower() in ("he", "she", "it", "they", "we", "i"):
            src = nearest_person(sentence, doc) or src
        speaker = None
        if "spk" in m.groupdict() and m.group("spk"):
            speaker = m.group("spk")
        return canonical(src, doc), (canonical(speaker, doc) if speaker else None)
    if ALLEGATION.search(masked):
        m = re.match(r"^(?P<src>.{2,80}?)\s+(?:has |have |had )?(?:accuse|accuses|accused|accusing|allege|alleges)\b",
                     masked)
        if m and not _HAS_VERB.search(m.group("src")):
            return canonical(sentence[: m.end("src")], doc), None
    return None, None


def _quotes(text: str, speaker: str | None, doc: Doc, multi_sentence_only: bool = False) -> list[Quote]:
    """Direct quotations in ``text`` with their speaker (given, or the name next to a reporting verb nearby).
    ``multi_sentence_only`` keeps quotations spanning two or more sentences (the per-sentence pass has the rest)."""
    out = []
    for m in QUOTE_SPAN.finditer(text):
        body = m.group(1).strip(" ,.")
        if len(body.split()) < 2:
            continue
        if multi_sentence_only and len(split_sentences(body)) < 2:
            continue
        spk = speaker
        if spk is None:
            after = text[m.end():m.end() + 60]
            before = text[max(0, m.start() - 60):m.start()]
            near = re.search(rf"(?:{_REPORT})\s+{_DESCRIBED}([A-Z][\w\u2019'-]+(?:\s+[A-Z][\w\u2019'-]+)*)",
                             after) or re.search(
                rf"([A-Z][\w\u2019'-]+(?:\s+[A-Z][\w\u2019'-]+)*)\s+(?:{_REPORT})", after + " " + before)
            spk = canonical(near.group(1), doc) if near else None
        out.append(Quote(speaker=spk, text=fold(body), verbatim=True))
    return out


def _paraphrases(sentence: str, doc: Doc) -> list[Quote]:
    """Reported speech ('Zhao told Kim that ...') as a paraphrased quote of its speaker."""
    m = re.search(r"^(?P<spk>.{2,60}?)\s+(?:said|says|told [\w\s]{1,30}?|stated|added)\s+that\s+(?P<txt>.+)$",
                  sentence)
    if m and find_actors(m.group("spk"), doc):
        return [Quote(speaker=canonical(find_actors(m.group("spk"), doc)[-1], doc),
                      text=fold(m.group("txt")).rstrip("."), verbatim=False)]
    return []


def _claim(n: int, clause: str, sentence: str, attribution: str | None, doc: Doc, pub: TimeParts | None,
           dateline_place: str | None, filed: str | None = None) -> Claim:
    """One claim of ``clause``; ``filed``: the date of the dateline heading its sentence ('PARIS, 14 May -'), the
    claim's time when the clause names no day of its own ('ran aground on Wednesday')."""
    text = fold(clause)
    times = find_times(text)
    time_text, time_iso = None, None
    best = most_specific(times)
    if filed and (best is None or best[3].day is None):
        best = next(iter(find_times(filed)), best)
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
    actors = find_actors(text, doc)
    place = _place(text, doc) or dateline_place
    certainty = _certainty(text, attribution)
    negated = bool(NEGATION.search(QUOTE_SPAN.sub("", text)))
    return Claim(
        id=f"c{n}", text=text, kind=_kind(text, attribution), actors=actors, time_text=time_text, time=time_iso,
        place=place, quantities=quantities, attribution=attribution, certainty=certainty, negated=negated,
        evidence=sentence.strip(), grounded=True,
    )


_RANGE = re.compile(r"(?<![\w.])(?:[Bb]etween\s+)?(\d[\d,]*(?:\.\d+)?)\s*(?:-|\u2013|to|and)\s*(\d[\d,]*(?:\.\d+)?)"
                    r"(?:(\s*%|\s+per\s*cent|\s+percent)|\s+([a-z]+))")


_SCORE = re.compile(r"(?<![\w.,\-\u2013])(\d{1,3})\s?[-\u2013]\s?(\d{1,3})(?![\w.,\-\u2013%])"
                    r"(?!\s+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|per\s*cent|percent)\b)")
_SCORE_BEFORE = re.compile(r"\b(?:beat|beats|beaten|won|wins|win|lost|lose|loses|drew|draw|drawn|defeated|defeat|"
                           r"thrashed|edged|trailed|trailing|led|leading|scored|score|result|vote|voted|votes|ruled)"
                           r"\b[^.;]*$", re.I)
_SCORE_AFTER = re.compile(r"\s+(?:win|wins|victory|defeat|loss|draw|lead|scoreline|triumph|vote|majority|decision|"
                          r"ruling)\b", re.I)  # and a vote's tally ('a 5-4 ruling')
_CLOCK = re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\b\.?)|\b\d{1,2}:\d{2}\b", re.I)


_NEXT_TO_MONTH = re.compile(MONTH_RE + r"\s+\d{1,2}(?:st|nd|rd|th)\b|\d{1,2}(?:st|nd|rd|th)\s+(?:of\s+)?" + MONTH_RE
                            + r"\b", re.I)
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")  # the ending of '14th'
# a decade, in digits or in words ('the 1990s', "the '90s", 'the Nineties'): one quantity of unit 'decade', so
# that one written another way is the same
_DECADE = re.compile(r"(?<![\w'\u2019])(?:(1[0-9]|20)(\d)0s|['\u2019](\d)0s|(?<=\bthe\s)(" + "|".join(DECADE_WORDS) +
                     r"))\b", re.I)

_PER_UNITS = {"h": "hour", "hr": "hour", "s": "second", "sec": "second", "min": "minute", "yr": "year"}


def _quantities(text: str) -> list[Quantity]:
    """Numbers with their unit; a range ('10-20 people', 'between 10 and 20 people') gives both bounds. A clock time
    ('3.15pm', '15:15') counts nothing."""
    out = []
    text = _CLOCK.sub(lambda m: " " * len(m.group(0)), text)
    for m in _SCORE.finditer(text):  # a match's score ('beat Japan 4-2', 'a 3-1 win'): both numbers count
        if _SCORE_BEFORE.search(text, max(0, m.start() - 40), m.start()) or _SCORE_AFTER.match(text, m.end()):
            out += [Quantity(value=float(m.group(k)), unit="score", text=m.group(0)) for k in (1, 2)]
            text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    for m in _RANGE.finditer(text):
        lo, hi = parse_number(m.group(1)), parse_number(m.group(2))
        if lo is None or hi is None or hi <= lo or (" and " in m.group(0)
                                                     and not m.group(0).lower().startswith("between")):
            continue
        span_unit = "percent" if m.group(3) else singular(m.group(4))
        out += [Quantity(value=lo, unit=span_unit, text=m.group(0)),
                Quantity(value=hi, unit=span_unit, text=m.group(0))]
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    for m in _DECADE.finditer(text):
        century, tens = (m.group(1), m.group(2) or m.group(3)) if m.group(1) or m.group(3) else \
            ("19", str(DECADE_WORDS.index(m.group(4).lower()) + 2))
        out.append(Quantity(value=float(f"{century or 19}{tens}0"), unit="decade", text=m.group(0)))
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    dates = [(d.start(), d.end()) for d in _NEXT_TO_MONTH.finditer(text)] if _ORDINAL.search(text) else []
    for m in _QUANTITY.finditer(text):
        num = m.group("num")
        if not num or not num.strip():
            continue
        if _ORDINAL.match(text, m.end("num")):
            # a position ('placed 14th', 'the 11th case'), compared as a rank; a day of a date ('March 14th') is
            # the time's
            if num.isdigit() and not any(start <= m.start("num") < end for start, end in dates):
                out.append(Quantity(value=float(num), unit="rank", text=text[m.start("num"):m.end("num") + 2]))
            continue
        value = parse_number(num)
        if value is None:
            continue
        if m.group("scale"):
            value *= {"million": 1e6, "billion": 1e9, "trillion": 1e12, "thousand": 1e3, "hundred": 1e2,
                      "bn": 1e9, "m": 1e6, "crore": 1e7, "lakh": 1e5}[m.group("scale").strip().lower()]
        value = round(value, 6)
        unit: str | None = m.group("unit") or (m.group("attached") or "").strip() or None
        if m.group("attached") and unit in ("C", "F"):
            unit = "\u00b0" + unit  # '46.3C' is in degrees; '5 C students' is no temperature
        if unit and m.group("scale_of"):
            unit += m.group("scale_of")  # 'degrees Celsius'
        written = m.group(0).strip()
        if m.group("pct"):
            unit = "percent"
        elif unit and unit.lower() in STOPWORDS:
            written = written[: m.start("unit") - m.start()].strip(" -")
            unit = None
        if unit:
            unit = canonical_unit(unit)
            if m.group("per"):  # a rate: '150 km/h' is '150 kilometres per hour', as 'kph' is
                per = m.group("per").strip().lstrip("/").removeprefix("per").strip().lower()
                unit = canonical_unit(f"{unit} per {_PER_UNITS.get(per, per)}")
        if num.isalpha() and num.lower() in ("one",) and not unit:
            continue
        out.append(Quantity(value=value, unit=unit, text=written))
    return out


def _place(text: str, doc: Doc) -> str | None:
    """Where the claim happens: the first place after 'in', 'at', 'near' or 'inside', else the first after 'from',
    'to' or 'across' (a team 'lost to Leeds in Manchester': it played in Manchester)."""
    found: list[tuple[bool, str]] = []
    for m in re.finditer(rf"\b(in|at|from|to|near|inside|across)\s+(?:the\s+)?(?:{PLACE_PART}\s+)?"
                         rf"({NAME_TOKEN}(?:\s+{NAME_TOKEN})*)", text):
        name = re.sub(r"[\u2019']s$", "", m.group(2))
        capital = capital_of_people(name.lower(), DEMONYMS) if PEOPLE_CAPITAL.match(text, m.start(2)) else None
        if capital is not None:  # 'in the Irish capital' is in Dublin
            found.append((m.group(1) in ("from", "to", "across"), capital.title()))
            continue
        key = entity_key(name)
        canon = doc.alias.get(key, key)
        # a place the gazetteer knows stays a place though a longer name ends with it ('in Munich' beside 'Bayern
        # Munich', 'in Manchester' beside 'Manchester United')
        if doc.types.get(canon) == "place" or canon in PLACES or (canon != key and is_place(key)):
            found.append((m.group(1) in ("from", "to", "across"), name))
    return min(found, key=lambda f: f[0])[1] if found else None


def _certainty(text: str, attribution: str | None) -> Certainty:
    masked = QUOTE_SPAN.sub("", text)
    if DENIAL.search(masked):
        return "denied"
    if ALLEGATION.search(masked):
        return "alleged"
    if HEDGE.search(masked) and not re.search(r"\bwould\b", masked, re.I):
        return "speculative"
    if attribution:
        return "reported"
    return "asserted"


def _kind(text: str, attribution: str | None) -> ClaimKind:
    if FUTURE.search(text):
        return "prediction"
    if QUOTE_SPAN.search(text) or (attribution and re.search(r"\b(said|says|told|stated)\b", text)):
        return "statement"
    if _OPINION.search(text):
        return "opinion"
    if _BACKGROUND.search(text):
        return "background"
    return "event"
