"""The shared vocabulary: text folding, content words, entity aliases, number words, dates and their precision,
hedge, negation and reporting words. The diff engine and the offline extractor both use these, so a rule is
written once. Everything here is pure and deterministic.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from .places import is_place

# --- text folding ----------------------------------------------------------------------------------------------
_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)
_WS = re.compile(r"\s+")
_CUE_WORD = re.compile(r"[a-z]+")  # lower-case words, for the cue and time pre-checks


def fold(text: str) -> str:
    """Unicode-normalise, straighten quotes and dashes, collapse whitespace. Case is kept."""
    if not text.isascii():  # ASCII is its own NFKC form and holds no curly quote or dash
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _WS.sub(" ", text).strip()


def fold_lower(text: str) -> str:
    """``fold`` and lower-case: the form used to compare quotes and evidence."""
    return fold(text).lower()


STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    of off on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves s t don now says said
    say told tell reported according quoted saying been being upon amid among via per since whose whether however
    though although despite instead also still yet even ever already""".split()
)

# letters of names in many languages: ASCII and the accented Latin letters ('Kraków', 'Amélie', 'Łukasik'), for
# the patterns that find names and words ('\\w' would also take digits and the underscore)
def _char_class(keep: Callable[[str], bool]) -> str:
    """The Latin letters (ASCII, Latin-1, Latin Extended-A and -B) ``keep`` accepts, as a character-class body of
    ranges (short to compile: every pattern that reads a name uses one)."""
    codes = [c for c in range(0x41, 0x250) if chr(c).isalpha() and (c >= 0xC0 or chr(c).isascii()) and keep(chr(c))]
    runs: list[list[int]] = []
    for c in codes:
        if runs and c == runs[-1][1] + 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in runs)


UPPER = _char_class(str.isupper)
LOWER = _char_class(str.islower)
LETTER = _char_class(str.isalpha)
_WORD = re.compile(rf"[{LETTER}0-9]+(?:'[{LETTER}]+)?")
_stemmer = snowballstemmer.stemmer("english")


_ISE = re.compile(r"(?<=\w\w\w)is(e|es|ed|ing|ation|ations)$")
_OUR = re.compile(r"(?<=\w\w)our(s|ed|ing|hood|able)?$")


_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_SPELLING = {"licence": "license", "licences": "licenses", "defence": "defense", "offence": "offense",
             "programme": "program", "programmes": "programs", "travelled": "traveled", "travelling": "traveling",
             "centre": "center", "centres": "centers", "metre": "meter", "metres": "meters", "theatre": "theater",
             "judgement": "judgment", "grey": "gray", "tyre": "tire", "tyres": "tires", "cheque": "check"}
_SYNONYM_GROUPS = [
    group.split()
    for group in (
        "say state tell add note remark comment", "find discover", "release issue publish", "start begin commence",
        "end finish conclude", "kill slay", "buy purchase", "help assist aid", "show reveal", "try attempt",
        "big large", "small little", "fast quick rapid", "begin launch", "get obtain receive", "need require",
        "use utilize", "hold host", "call name dub", "also additionally", "near close", "about around approximately",
        "many numerous", "enough sufficient", "lead head", "meet met", "hurt injure", "die perish",
        "jail gaol prison imprison", "revoke retract withdraw rescind", "game match", "quit resign",
        "find found discover",
    )
]
SYNONYMS: dict[str, str] = {_stemmer.stemWord(w): _stemmer.stemWord(g[0]) for g in _SYNONYM_GROUPS for w in g}
"""Small groups of news-writing synonyms folded to one stem (keyed by stem, so 'discovered' = 'found'): a revision
that swaps them rewords, it does not change the action. Deliberately short: a word missing here only makes the
engine more cautious."""


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball stem of a lower-case word: British spellings, ordinals ('11th' = 'eleventh' = '11') and common
    synonyms are folded first."""
    word = _SPELLING.get(word, word)
    m = _ORDINAL_DIGITS.match(word)
    if m:
        return m.group(1)
    if word in _ORDINAL_WORDS:
        return str(_ORDINAL_WORDS[word])
    if word in _UNITS and isinstance(_UNITS[word], int) and " " not in word:
        return str(_UNITS[word])
    if word.rstrip(".") in MONTHS:
        return f"month{MONTHS[word.rstrip('.')]}"
    word = _OUR.sub(r"or\1", _ISE.sub(r"iz\1", word))
    stemmed = _stemmer.stemWord(word)
    return SYNONYMS.get(stemmed, stemmed)


def words(text: str) -> list[str]:
    """Lower-case word tokens of ``text`` (possessive 's dropped)."""
    out = []
    for w in _WORD.findall(fold(text)):
        w = w.lower()
        if w.endswith("'s"):
            w = w[:-2]
        out.append(w)
    return out


@lru_cache(maxsize=65536)
def content_stems(text: str) -> tuple[str, ...]:
    """Stemmed content words: no stop words, no single letters; demonyms folded into their country ('Russian'
    and 'Russia' are one word here)."""
    out: list[str] = []
    for w in words(text):
        if w in STOPWORDS or len(w) < 2:
            continue
        folded = DEMONYMS.get(w) or (ALIASES.get(w) if w not in ("us", "un") else None)
        if folded:
            out.extend(stem(x) for x in folded.split())
        else:
            out.append(stem(w))
    return tuple(out)


# --- entities and aliases ----------------------------------------------------------------------------------------
ALIASES: dict[str, str] = {
    "us": "united states", "usa": "united states", "united states of america": "united states",
    "america": "united states", "washington": "united states",
    "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "un": "united nations", "eu": "european union", "nato": "nato",
    "dprk": "north korea", "democratic people republic of korea": "north korea", "pyongyang": "north korea",
    "rok": "south korea", "republic of korea": "south korea", "seoul": "south korea",
    "prc": "china", "people republic of china": "china", "beijing": "china",
    "moscow": "russia", "russian federation": "russia", "kremlin": "russia", "kyiv": "ukraine", "kiev": "ukraine",
    "covid": "covid 19", "covid19": "covid 19", "coronavirus": "covid 19",
    "kcna": "korean central news agency", "xinhua news agency": "xinhua",
    "fed": "federal reserve", "us federal reserve": "federal reserve", "federal reserve board": "federal reserve",
    "united states federal reserve": "federal reserve",
}
"""Alias folding for comparison. Capitals standing for governments ('Beijing' for China) are folded too: news
writing uses them interchangeably, and a rewrite swapping one for the other is not a change of actor."""

TOKEN_ALIASES = {"us": "united states", "usa": "united states", "uk": "united kingdom",  # not "un": Kim Jong-un
                  "eu": "european union", "fed": "federal reserve",
                  # a title or a place word written short ('CEO Henrik Vaara', 'Co Clare', 'Mt Hood'); not 'St':
                  # 'St Louis' is Saint Louis, 'Main St' Main Street
                  "ceo": "chief executive", "cfo": "chief financial officer", "co": "county", "mt": "mount"}

# Demonyms and adjectives that stand for a country's government or people in news text.
DEMONYMS: dict[str, str] = {
    "chinese": "china", "russian": "russia", "american": "united states", "british": "united kingdom",
    "north korean": "north korea", "south korean": "south korea", "ukrainian": "ukraine", "japanese": "japan",
    "french": "france", "german": "germany", "israeli": "israel", "iranian": "iran", "indian": "india",
    # the irregular ones, which no suffix rule finds ('Canadian' is 'Canada' + 'ian'; 'Danish' is no 'Dan-' place)
    "danish": "denmark", "norwegian": "norway", "dutch": "netherlands", "swiss": "switzerland", "welsh": "wales",
    "irish": "ireland", "spanish": "spain", "greek": "greece", "filipino": "philippines", "peruvian": "peru",
    "argentine": "argentina", "argentinian": "argentina", "icelandic": "iceland", "portuguese": "portugal",
    "cypriot": "cyprus", "finnish": "finland",
}

ORG_WORDS = frozenset(
    """agency party committee council union nations ministry department association organisation organization
    company corp corporation inc ltd group bank university college court army navy police post news times network
    commission congress parliament assembly office institute foundation fund senate house government club league
    federation authority service services bureau board guard forces politburo republicans democrats""".split()
)
"""Words that make a name an organisation's ('Bank of England', 'Harvest Foods Group')."""

_KEY_DROP = re.compile(r"[.'`]")
_KEY_NON = re.compile(r"[^a-z0-9]+")


_DESCRIPTION = re.compile(r"^[A-Z][a-z]*(?:-[a-z]+)+$")  # 'Mother-to-be', 'Father-of-three'
_NUMBERED = re.compile(r"\d|one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred", re.I)


def is_description(word: str) -> bool:
    """A hyphenated description written before a name ('Mother-to-be Ann Lee'), holding no number: one that does
    ('Father-of-three') stays with the name, since its number is what an edit changes."""
    return bool(_DESCRIPTION.match(word)) and not _NUMBERED.search(word)


@lru_cache(maxsize=65536)
def entity_key(name: str) -> str:
    """The comparison key of an entity name: 'Kim Jong-un' = 'Kim Jong Un', 'U.S.' = 'US' = 'United States'."""
    s = unicodedata.normalize("NFKD", fold(name))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"'s\b", "", s)
    s = _KEY_DROP.sub("", s)
    s = _KEY_NON.sub(" ", s).strip()
    s = re.sub(r"^(the|a|an) ", "", s)
    s = re.sub(r"\b([a-z]{2,4})s$", lambda m: m.group(1) if name.strip().rstrip("'").endswith(
        m.group(1).upper() + "s") else m.group(0), s)  # 'MPs' = 'MP'; 'NHS', 'IRS' end in a letter of the name
    if s in ALIASES or s in DEMONYMS:
        return ALIASES.get(s, DEMONYMS.get(s, s))
    if " " in s:  # 'uk prime minister' = 'united kingdom prime minister'
        s = " ".join(TOKEN_ALIASES.get(t, t) for t in s.split())
        s = ALIASES.get(s, s)  # 'US Fed' -> 'united states federal reserve' -> 'federal reserve'
    return s


def build_alias_map(names: Iterable[str]) -> dict[str, str]:
    """Map every name's key to a canonical key, folding surname- or given-name-only mentions ('Kim', 'Putin') into
    the one longer name that starts or ends with it. Ambiguous short names (two candidates) stay as they are."""
    keys = sorted({entity_key(n) for n in names if n and n.strip()})
    multi = [k for k in keys if " " in k]
    ends = [(m, m.split(None, 1)[0], m.rsplit(None, 1)[-1]) for m in multi]  # each longer name's first and last word
    out: dict[str, str] = {}
    for k in keys:
        if " " in k:
            out[k] = k
            continue
        # not a town or a country into a building named after it ('Cardiff' is not 'Cardiff Airport', nor
        # 'Liverpool' the cathedral; 'Heathrow' is 'Heathrow Airport')
        cands = sorted({m for m, first, last in ends if first == k and not (last in BUILDINGS and is_place(k))
                        or last == k})
        if not cands and 2 <= len(k) <= 6:  # an acronym of the one name it spells: 'WHO', 'World Health Organization'
            cands = sorted({m for m in multi if initialism(k, m)})
        out[k] = cands[0] if len(cands) == 1 else k
    return out


BUILDINGS = frozenset("""airport station stadium arena cathedral abbey church chapel hall centre center hospital
    university college school museum gallery palace castle theatre theater prison hotel""".split())


def initialism(short: str, long: str) -> bool:
    """``short`` is the initials of ``long`` (entity keys): 'vc' / 'venture capitalist', 'nhs' / 'national health
    service', 'who' / 'world health organization'."""
    words = [w for w in long.split() if w not in ("of", "and", "the", "for")]
    if " " in short or len(words) < 2:
        return False
    # 'mod' / 'ministry of defence', 'dof' / 'department of finance': the 'of' written as its letter
    return short in ("".join(w[0] for w in words), "".join(w[0] for w in long.split() if w != "the")) or \
        len(short) <= len(words) + 2 and _prefixes(short, words)


def _prefixes(short: str, words: list[str]) -> bool:
    """``short`` is a leading piece of every word in turn ('kemri' / 'kenya medical research institute': 'ke', 'm',
    'r', 'i'); the caller allows at most two letters more than there are words."""
    if not words:
        return not short
    head, rest = words[0], words[1:]
    return any(short.startswith(head[:k]) and _prefixes(short[k:], rest)
               for k in range(1, min(len(head), len(short) - len(rest)) + 1)) if short else False


TITLE_SHORT: dict[str, str] = {
    "gov": "governor", "sen": "senator", "rep": "representative", "dr": "doctor", "prof": "professor",
    "gen": "general", "col": "colonel", "lt": "lieutenant", "capt": "captain", "sgt": "sergeant",
    "cmdr": "commander", "adm": "admiral", "maj": "major", "supt": "superintendent", "insp": "inspector",
    "det": "detective", "pres": "president", "atty": "attorney", "amb": "ambassador", "cpl": "corporal",
    "rev": "reverend", "brig": "brigadier", "lieut": "lieutenant", "cdr": "commander", "coun": "councillor",
    "cllr": "councillor", "sup": "superintendent", "const": "constable",
}
"""Titles written short before a name ('Gov. Kathy Hochul', 'Lt. Col. Ray Smith'): the same title spelled out."""
TITLE_LONG: dict[str, tuple[str, ...]] = {v: tuple(sorted(k for k in TITLE_SHORT if TITLE_SHORT[k] == v))
                                          for v in TITLE_SHORT.values()}  # 'lieutenant': ('lieut', 'lt')


def _titles_spelled(key: str) -> str:
    return " ".join(TITLE_SHORT.get(t, t) for t in key.split())


def abbreviates(a: str, b: str) -> bool:
    """One of two entity keys holds a word that is the initials of the other: 'vc' / 'venture capitalist', and a
    title written short inside a longer name, 'pm ann lee' / 'prime minister'; or the two differ only in titles
    written short ('gov kathy hochul' / 'governor kathy hochul', 'lt col' / 'lieutenant colonel')."""
    return any(initialism(t, b) for t in a.split()) or any(initialism(t, a) for t in b.split()) or \
        (a != b and _titles_spelled(a) == _titles_spelled(b))


# --- numbers -----------------------------------------------------------------------------------------------------
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12, "half": 0.5,
    "single": 1, "twice": 2, "double": 2, "triple": 3, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "m": 1_000_000, "k": 1_000}
NUMBER_WORDS = frozenset(k for k in _UNITS if " " not in k) | frozenset(_SCALES) - {"m", "k", "bn"}
NUMBER_WORD_ALT = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
"""The number words as one regex alternation, longest first ('seventeen' before 'seven')."""
ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth"})


def parse_number(text: str) -> float | None:
    """'75' -> 75, '1,200' -> 1200, 'seventy-five' -> 75, '2.5 million' -> 2500000, 'three hundred' -> 300."""
    t = fold_lower(text).replace(",", "").replace("-", " ").strip()
    t = re.sub(r"^[$£€]", "", t)
    if not t:
        return None
    total, current, seen = 0.0, 0.0, False
    for tok in t.split():
        if re.fullmatch(r"\d+(?:\.\d+)?", tok):
            current += float(tok)
            seen = True
        elif tok in _UNITS:
            current += _UNITS[tok]
            seen = True
        elif tok in _SCALES and seen:
            current = (current or 1) * _SCALES[tok]
            if _SCALES[tok] >= 1000:
                total, current = total + current, 0.0
        elif tok == "and" and seen:
            continue
        else:
            return None
    return total + current if seen else None


def singular(word: str) -> str:
    """A light singular form for unit nouns: 'summits' -> 'summit', 'countries' -> 'country'."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


UNIT_FAMILIES: dict[str, str] = {
    **{u: "time" for u in "second minute hour day night week fortnight month year decade century".split()},
    **{u: "length" for u in "millimetre millimeter centimetre centimeter metre meter kilometre kilometer km mile "
                               "foot feet inch yard".split()},
    **{u: "mass" for u in "gram kilogram kg pound tonne ton ounce".split()},
    **{u: "money" for u in "dollar euro yen yuan rupee cent penny".split()},
    **{u: "share" for u in "percent percentage".split()},
    **{u: "speed" for u in ("kilometre per hour", "mile per hour", "metre per second", "knot")},
    **{u: "area" for u in ("square kilometre", "square mile", "square metre", "square foot", "hectare", "acre")},
}
"""Units that measure the same thing: 'two days' -> 'two weeks' is a changed quantity, 'two summits' -> 'two
countries' is not a comparison at all."""


UNIT_SPELLINGS: dict[str, str] = {
    **dict.fromkeys(("km", "kilometer", "kms"), "kilometre"), **dict.fromkeys(("cm", "centimeter"), "centimetre"),
    **dict.fromkeys(("mm", "millimeter"), "millimetre"), "meter": "metre", "kg": "kilogram", "kgs": "kilogram",
    **dict.fromkeys(("lb", "lbs"), "pound"), "ft": "foot", "feet": "foot", **dict.fromkeys(("hr", "hrs"), "hour"),
    **dict.fromkeys(("min", "mins"), "minute"), **dict.fromkeys(("yr", "yrs"), "year"),
    **dict.fromkeys(("\u00b0c", "\u00b0 c", "degree c", "celsius", "centigrade"), "degree celsius"),
    **dict.fromkeys(("\u00b0f", "\u00b0 f", "degree f", "fahrenheit"), "degree fahrenheit"),
    "kph": "kilometre per hour", "mph": "mile per hour", "kw": "kilowatt", "mw": "megawatt", "gw": "gigawatt",
    "kwh": "kilowatt hour", "mwh": "megawatt hour", "gwh": "gigawatt hour", "r": "rupee", "inr": "rupee",
    "sq": "square", "cu": "cubic", "mi": "mile", "m per second": "metre per second",
}
"""A unit's short and American spellings, each to one name: '15-km' is '15-kilometre', '46.3C' is '46.3 degrees
Celsius'."""


def canonical_unit(unit: str | None) -> str | None:
    """One spelling of a unit, singular ('kms' / 'kilometres' -> 'kilometre', 'degrees Celsius' / 'C' -> 'degree
    celsius')."""
    if not unit:
        return unit
    low = " ".join(singular(w) for w in unit.lower().replace(".", " ").split())
    head, _, rest = low.partition(" ")
    if head in ("sq", "square", "cu", "cubic") and rest:  # 'sq km' -> 'square kilometre'
        return f"{UNIT_SPELLINGS.get(head, head)} {UNIT_SPELLINGS.get(rest, rest)}"
    return UNIT_SPELLINGS.get(low, low)


def unit_family(unit: str | None) -> str | None:
    if not unit:
        return None
    return UNIT_FAMILIES.get(singular(unit)) or UNIT_FAMILIES.get(canonical_unit(unit) or "")


# --- time ----------------------------------------------------------------------------------------------------------
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR_RE = r"(?:1[6-9]\d\d|20\d\d)"
TIME_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("mdy", re.compile(rf"\b(?P<m>{MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR_RE})\b")),
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MONTH_RE}),?\s+(?P<y>{_YEAR_RE})\b")),
    ("iso", re.compile(rf"\b(?P<y>{_YEAR_RE})-(?P<mn>\d\d)-(?P<d>\d\d)\b")),
    ("my", re.compile(rf"\b(?P<m>{MONTH_RE})\s+(?:of\s+)?(?P<y>{_YEAR_RE})\b")),
    ("md", re.compile(rf"\b(?P<m>{MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d)")),
    ("dm", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MONTH_RE})(?![\w-])(?!\s*,?\s*\d)")),
    ("yrange", re.compile(rf"\b(?P<y>{_YEAR_RE})\s*[-\u2013/]\s*(?P<y2>{_YEAR_RE}|\d\d)\b")),
    ("wd", re.compile(rf"\b(?:(?:last|next|this|on|by|until)\s+)?(?P<wd>{_WEEKDAY_RE})\b(?!\s+[A-Z])")),
    ("m", re.compile(rf"\b(?:(?:in|since|by|until|from|last|next|this|early|late|mid-?)\s+)(?P<m>{MONTH_RE})"
                     r"(?![\w-])")),
    ("y", re.compile(rf"(?<![\w$£€.,-])(?P<y>{_YEAR_RE})(?![\w%-])")),
    ("ago", re.compile(r"\b(?P<n>\d+|[a-z]+(?:-[a-z]+)?)\s+(?P<u>years?|months?|days?|weeks?)\s+ago\b", re.I)),
    ("rel", re.compile(r"\b(?P<rel>today|yesterday|tomorrow|tonight|last year|this year|next year|last month|"
                       r"this month|next month|last week|this week|next week|earlier this year|later this year|"
                       r"(?:last|this|next) (?:spring|summer|autumn|fall|winter|season|weekend))\b",
                       re.I)),
]
_RELATIVE_YEAR = {"last year": -1, "this year": 0, "next year": 1, "earlier this year": 0, "later this year": 0}
_RELATIVE_DAY = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


@dataclass(frozen=True)
class TimeParts:
    """A time at the precision it was given: any of year, month, day, weekday; or an unresolved relative phrase."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    year_end: int | None = None
    relative: str | None = None

    def present(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if v is not None}

    def iso(self) -> str | None:
        if self.year is None:
            return None
        if self.year_end is not None:
            return f"{self.year:04d}/{self.year_end:04d}"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def parse_iso_date(value: str | None) -> TimeParts:
    """'2023-09' -> TimeParts(year=2023, month=9); '1950/1953' -> a year range; anything else -> empty."""
    if not value:
        return TimeParts()
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:/(\d{4}))?", value.strip()[:21].split("T")[0])
    if not m:
        return TimeParts()
    y, mo, d, y2 = (int(g) if g else None for g in m.groups())
    wd = dt.date(y, mo, d).weekday() if (y and mo and d and _valid(y, mo, d)) else None
    return TimeParts(year=y, month=mo, day=d, weekday=wd, year_end=y2)


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def find_times(text: str) -> list[tuple[int, int, str, TimeParts]]:
    """Every time expression in ``text`` (see ``_find_times``); memoised, so callers get a fresh list."""
    return list(_find_times(text))


QUOTE_SPAN = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{3,}?)[\"\u201d]")
"""A direct quotation, straight or curly quotes; group 1 is what it says."""
_DIGIT = re.compile(r"\d")
_CLOCK_WORD = re.compile(r"(?i)noon|midday|midnight")
_TIME_HINT_WORDS = frozenset("today tonight yesterday tomorrow last this next ago".split()) | frozenset(MONTHS) \
    | frozenset(WEEKDAYS) | {"sept"}


def _time_hint(text: str) -> bool:
    """A word or a digit any time pattern needs: a text with none holds no time (checked before the patterns run)."""
    return bool(_DIGIT.search(text)) or not _TIME_HINT_WORDS.isdisjoint(_CUE_WORD.findall(text.lower()))


@lru_cache(maxsize=16384)
def _find_times(text: str) -> tuple[tuple[int, int, str, TimeParts], ...]:
    """Every time expression in ``text``: (start, end, as written, parts), earliest first, no overlaps, most
    specific pattern winning where two overlap. Relative parts are left unresolved (see ``resolve_time``)."""
    found: list[tuple[int, int, str, TimeParts]] = []
    taken: list[tuple[int, int]] = []
    if not _time_hint(text):
        return ()
    for kind, pat in TIME_PATTERNS:
        for m in pat.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            parts = _parts_from_match(kind, m)
            if parts is None:
                continue
            taken.append((s, e))
            found.append((s, e, m.group(0), parts))
    found.sort(key=lambda x: x[0])
    return tuple(found)


def _parts_from_match(kind: str, m: re.Match[str]) -> TimeParts | None:
    g = m.groupdict()
    month = MONTHS.get(g["m"].lower().rstrip(".")) if g.get("m") else None
    if kind in ("mdy", "dmy"):
        y, d = int(g["y"]), int(g["d"])
        if not month or not _valid(y, month, d):
            return None
        return TimeParts(year=y, month=month, day=d, weekday=dt.date(y, month, d).weekday())
    if kind == "iso":
        return parse_iso_date(m.group(0))
    if kind == "my":
        return TimeParts(year=int(g["y"]), month=month)
    if kind in ("md", "dm"):
        d = int(g["d"])
        return TimeParts(month=month, day=d) if month and 1 <= d <= 31 else None
    if kind == "yrange":
        y1, y2s = int(g["y"]), g["y2"]
        y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
        return TimeParts(year=y1, year_end=y2) if y2 > y1 else None
    if kind == "wd":
        return TimeParts(weekday=WEEKDAYS[g["wd"].lower()])
    if kind == "m":
        if g["m"].lower().rstrip(".") == "may" and not re.match(r"(?i)(in|since|by|until|from|early|late|mid)",
                                                                m.group(0)):
            return None
        return TimeParts(month=month)
    if kind == "y":
        return TimeParts(year=int(g["y"]))
    if kind == "ago":
        n = parse_number(g["n"])
        if n is None:
            return None
        return TimeParts(relative=f"{int(n)} {singular(g['u'])} ago")
    if kind == "rel":
        return TimeParts(relative=g["rel"].lower())
    return None


# the time zones news writes after a clock time: no names of their own ('1500 GMT')
TIME_ZONES = frozenset("GMT UTC BST CET CEST EET EEST IST JST AEST AEDT ET EST EDT CT CST CDT MT MST MDT PT PST "
                       "PDT".split())
_CLOCK = re.compile(
    r"(?<![\w$\u00a3\u20ac.,:])(?:"
    r"(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\s*(?:(?P<ap>[ap])\.m\b\.?|(?P<ap2>[ap])\s?m\b)"  # '7 p.m.', '7.30pm'
    r"|(?P<h24>[01]?\d|2[0-3]):?(?P<m24>[0-5]\d)(?=\s*(?:hrs\b|GMT\b|UTC\b))"  # '1900 GMT', '00:26 hrs'
    # '19:00', '7:30' after a word that sets a time: a bare 'H:MM' is as often a race time, a score or a verse
    r"|(?P<pre>\b(?:at|by|from|until|till|to|before|after|around|about|since)\s+)(?P<hc>[01]?\d|2[0-3]):(?P<mc>[0-5]\d)"
    r"(?![\d:])(?!\s*(?:[ap]\.m\b|[ap]\s?m\b))"  # 'at 2:30 a.m.' is the first form's, with its half of the day
    r"|\b(?P<word>noon|midday|midnight)\b)"
    r"(?:\s*hrs\b)?(?:,?\s*\(?(?P<zone>" + "|".join(sorted(TIME_ZONES)) + r"|local time"
    r"|(?:Eastern|Pacific|Central|Mountain|Greenwich Mean)(?: Standard| Daylight)? time)\b)?", re.I)


@dataclass(frozen=True)
class ClockTime:
    """A clock time as written, the minutes after midnight it can mean, and its time zone when one is written."""

    written: str
    minutes: frozenset[int]
    zone: str | None

    def same(self, other: ClockTime) -> bool:
        return bool(self.minutes & other.minutes)

    def comparable(self, other: ClockTime) -> bool:
        """Both in one zone, or neither says: '10 a.m. local time' and '15:00 GMT' may be one moment."""
        return self.zone == other.zone


@lru_cache(maxsize=16384)
def find_clock_times(text: str) -> tuple[ClockTime, ...]:
    """Every clock time in ``text``: '7 p.m.', '7.30pm', '19:00', '1900 GMT', 'noon', 'midnight' one moment each;
    '7:30' with no a.m. or p.m. either half of the day (a clock time is no date: the time slot's dates are compared
    apart from it)."""
    if not _DIGIT.search(text) and not _CLOCK_WORD.search(text):
        return ()
    out = []
    for m in _CLOCK.finditer(text):
        if m.group("word"):
            minutes = {0 if m.group("word").lower() == "midnight" else 12 * 60}
        elif m.group("h24"):
            minutes = {int(m.group("h24")) * 60 + int(m.group("m24"))}
        elif m.group("hc"):
            hour, minute = int(m.group("hc")), int(m.group("mc"))
            minutes = {hour * 60 + minute} | ({(hour + 12) % 24 * 60 + minute} if 1 <= hour <= 12 else set())
        else:
            hour = int(m.group("h"))
            if not 1 <= hour <= 12:
                continue
            pm = (m.group("ap") or m.group("ap2")).lower() == "p"
            minutes = {(hour % 12 + (12 if pm else 0)) * 60 + int(m.group("m") or 0)}
        zone = m.group("zone")
        written = m.group(0)[len(m.group("pre") or ""):].strip()
        out.append(ClockTime(written, frozenset(minutes), zone.lower() if zone else None))
    return tuple(out)


def most_specific(found: list[tuple[int, int, str, TimeParts]]) -> tuple[int, int, str, TimeParts] | None:
    """The time expression that says the most (a full date over a year over a weekday); earliest on ties."""
    if not found:
        return None
    return max(found, key=lambda t: (len(t[3].present()) + (t[3].year is not None), -t[0]))


def resolve_time(parts: TimeParts, publication: TimeParts | None) -> TimeParts:
    """Resolve relative parts against the publication date when its precision allows; else return unchanged.
    News past tense: a bare weekday or month means the latest one on or before the publication date."""
    pub = publication or TimeParts()
    if parts.relative:
        rel = parts.relative
        if rel in _RELATIVE_YEAR and pub.year:
            return TimeParts(year=pub.year + _RELATIVE_YEAR[rel])
        if rel in _RELATIVE_DAY and pub.year and pub.month and pub.day:
            d = dt.date(pub.year, pub.month, pub.day) + dt.timedelta(days=_RELATIVE_DAY[rel])
            return TimeParts(year=d.year, month=d.month, day=d.day, weekday=d.weekday())
        m = re.fullmatch(r"(\d+) year ago", rel)
        if m and pub.year:
            return TimeParts(year=pub.year - int(m.group(1)))
        return parts
    if parts.year is None and parts.weekday is not None and parts.month is None and pub.year and pub.month \
            and pub.day:
        pub_d = dt.date(pub.year, pub.month, pub.day)
        d = pub_d - dt.timedelta(days=(pub_d.weekday() - parts.weekday) % 7)
        return TimeParts(year=d.year, month=d.month, day=d.day, weekday=d.weekday())
    if parts.year is None and parts.month is not None and pub.year and pub.month:
        year = pub.year if parts.month <= pub.month else pub.year - 1
        if parts.day is not None:
            if not _valid(year, parts.month, parts.day):
                return parts
            return TimeParts(year=year, month=parts.month, day=parts.day,
                             weekday=dt.date(year, parts.month, parts.day).weekday())
        return TimeParts(year=year, month=parts.month)
    return parts


def time_parts(iso: str | None, text: str | None) -> TimeParts:
    """The comparable parts of a claim's time: from its ISO value, else re-read from its text as written."""
    parts = parse_iso_date(iso)
    if parts.present():
        return parts
    if text:
        found = find_times(text)
        if found:
            merged = TimeParts()
            for _, _, _, p in found:
                for f in dataclasses.fields(TimeParts):
                    if getattr(merged, f.name) is None and getattr(p, f.name) is not None:
                        merged = dataclasses.replace(merged, **{f.name: getattr(p, f.name)})
            return merged
        return TimeParts(relative=fold_lower(text))
    return TimeParts()


def compare_times(old: TimeParts, new: TimeParts) -> str:
    """'same', 'conflict' (a shared part differs), 'substituted' (parts dropped and others added), 'lost' (less
    precise), 'added' (more precise)."""
    a, b = old.present(), new.present()
    # a range holds a single year within it
    if old.year_end is not None and new.year_end is None and new.year is not None and old.year is not None \
            and old.year <= new.year <= old.year_end:
        a = {k: v for k, v in a.items() if k not in ("year", "year_end")} | {"year": b["year"]}
    if new.year_end is not None and old.year_end is None and old.year is not None and new.year is not None \
            and new.year <= old.year <= new.year_end:
        b = {k: v for k, v in b.items() if k not in ("year", "year_end")} | {"year": a["year"]}
    shared = set(a) & set(b)
    if any(a[k] != b[k] for k in shared):
        return "conflict"
    a_only, b_only = set(a) - set(b), set(b) - set(a)
    if a_only and b_only:
        return "substituted"
    if a_only:
        return "lost"
    if b_only:
        return "added"
    return "same"


def describe_time(parts: TimeParts) -> str:
    """A readable rendering of parts for reports: '2023-09', 'September', 'Saturday', '75 year ago'."""
    if parts.year is not None:
        return parts.iso() or ""
    bits = []
    if parts.month is not None:
        bits.append([k for k, v in MONTHS.items() if v == parts.month][0].capitalize())
    if parts.day is not None:
        bits.append(str(parts.day))
    if parts.weekday is not None:
        bits.insert(0, [k for k, v in WEEKDAYS.items() if v == parts.weekday][0].capitalize())
    if parts.relative:
        bits.append(parts.relative)
    return " ".join(bits)


# --- certainty, negation, attribution --------------------------------------------------------------------------
class Cue:
    """A cue pattern and words one of which every match holds: a text holding none of them (nor one of the
    ``anywhere`` substrings) is not scanned, since most sentences hold no cue and the patterns are long
    alternations. A test checks on the eval texts that the pre-check never hides a match."""

    def __init__(self, pattern: str, key_words: str, anywhere: tuple[str, ...] = ()) -> None:
        self.re = re.compile(pattern, re.I)
        self.pattern = self.re.pattern
        self.first = frozenset(key_words.split())
        self.anywhere = anywhere

    def possible(self, text: str) -> bool:
        if not text.isascii():  # case folding outside ASCII can make a key word ('\u017fet to', 'M\u0130GHT')
            return True
        low = text.lower()
        return any(a in low for a in self.anywhere) or not self.first.isdisjoint(_CUE_WORD.findall(low))

    def search(self, text: str) -> re.Match[str] | None:
        return self.re.search(text) if self.possible(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.re.finditer(text) if self.possible(text) else iter(())


ALLEGATION = Cue(r"\b(allegedly|alleged|alleging|allege[sd]?|(?<!\bthe )(?<!\ban )accused|"
                 r"accus(?:e|es|ing|ation|ations)|suspected of|purported(?:ly)?|claimed that)\b",
                 "allegedly alleged alleging allege alleges accuse accuses accused accusing accusation accusations "
                 "suspected purported purportedly claimed")
"""An allegation cue; 'the accused' (a noun: the defendants) is none."""
HEDGE = Cue(r"\b(reportedly|potentially|possibly|perhaps|probably|likely|unlikely|(?-i:may)|might|"
            r"could(?!\s+(?:not|never)\b)|would|"
            r"expected to|is seen as|was seen as|are seen as|seen as|believed to|thought to|appears? to|"
            r"apparently|seems? to|plans? to|aims? to|hopes? to|intends? to|suggest(?:s|ed)? that|"
            r"predict(?:s|ed)? that|speculat(?:es|ed) that|(?:unclear|not clear|uncertain|unknown) (?:whether|if)|"
            r"not (?:immediately )?(?:known|clear) (?:whether|if)|(?:did|does|would|could) not say (?:whether|if)|"
            r"wants? to)\b",
            "reportedly potentially possibly perhaps probably likely unlikely may might could would expected "
            "seen believed thought appear appears apparently seem seems plan plans aim aims hope hopes intend intends "
            "suggest suggests suggested predict predicts predicted speculates speculated unclear clear "
            "uncertain unknown known say want wants")
"""A hedge cue; 'could not' and 'could never' say what was impossible ('could not travel' = 'was unable to travel'),
not what is uncertain."""
DENIAL = Cue(r"\b(den(?:y|ies|ied|ying)|rejected (?:the )?(?:claims?|allegations?|reports?)|dismissed (?:the )?"
             r"(?:claims?|allegations?|reports?)|refuted)\b",
             "deny denies denied denying rejected dismissed refuted")
NEGATION = Cue(r"(?<!-)\b(not(?! only\b)|no|never|n't|neither|nor|without|none|nobody|nothing|refused to|"
               r"refuses to|refrained from|refrains from|failed to|fails to|made no|has yet to|have yet to|"
               r"cannot|unable to|(?:prevent|prevents|prevented|preventing|stop|stops|stopped|stopping|keep|"
               r"keeps|kept|bar|bars|barred|ban|bans|banned)\s+(?:\w+\s+){1,3}?from(?=\s+(?-i:[a-z])\w*ing\b))\b(?!-)|"
               r"n't\b",
               "not no never neither nor without none nobody nothing refused refuses refrained refrains failed fails "
               "yet cannot unable prevent prevents prevented preventing stop stops stopped stopping keep "
               "keeps kept bar bars barred ban bans banned", anywhere=("n't",))
"""A negation cue; not inside a hyphenated compound ('never-before-seen', 'no-fly zone'), not 'not only'. A verb
that keeps someone from doing something is one too ('prevented them from observing': 'observing' is negated)."""
_NEGATION_SKIP = frozenset("be been being is are was were have has had do does did yet any a an the ever even so "
                           "longer more at all to been also always".split())


def negated_words(text: str, cue: Cue = NEGATION) -> tuple[str, ...]:
    """The word each negation cue applies to: the first content word after it ('did not attend' -> 'attend',
    'no evidence' -> 'evidence'); a negative pronoun also negates the verb before it ('said nothing' -> 'said').
    With ``cue=HEDGE``, the words each hedge applies to ('might explode' -> 'explode')."""
    out = []
    text = re.sub(r"\[[^\]]{0,40}\]", " ", text)  # a bracketed insertion ('he [the minister] said') is an aside
    for m in cue.finditer(text):
        if m.group(0).lower() in ("nothing", "nobody", "none"):
            before = re.findall(r"[A-Za-z]+", text[max(0, m.start() - 30):m.start()])
            if before:
                out.append(before[-1].lower())
        for w in re.findall(r"[A-Za-z]+", text[m.end():m.end() + 60])[:4]:
            if w.lower() not in _NEGATION_SKIP and w.lower() not in STOPWORDS:
                out.append(w.lower())
                break
    return tuple(out)
REPORTING_VERBS = (
    "said|says|say|told|tells|reported|reports|report|announced|announces|stated|states|added|adds|noted|notes|"
    "warned|warns|insisted|insists|claimed|claims|confirmed|confirms|wrote|writes|quoted|accused|accuses|accuse|"
    "according to|explained|explains|argued|argues|believes|believed|estimated|estimates|revealed|reveals|"
    "acknowledged|acknowledges|suggested|suggests|predicted|predicts|pledged|pledges|promised|promises|vowed|vows|"
    "cautioned|cautions|disclosed|discloses|asserted|asserts|remarked|commented"
)
DECADE_WORDS = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")
"""The decades written as words ('the Nineties'), from the 1920s."""

FUTURE = re.compile(r"\b(will|shall|won't|going to|plans? to|expected to|set to|poised to|intends? to|"
                    r"(?:is|are|was|were) (?:due|scheduled) to|(?:is|are|was|were) due (?:in|at|before|on|by) "
                    r"(?!part\b)|(?:is|are) considering|"
                    r"(?:is|are) (?:forecast|projected|predicted|tipped) to|"
                    r"pledged to|promised to|vowed to|would)\b", re.I)

CERTAINTY_RANK = {"denied": 0, "speculative": 1, "alleged": 2, "reported": 3, "asserted": 4}
"""How strongly a claim is put. Moving up is a strengthening ('allegedly' stated as fact), down a weakening."""
