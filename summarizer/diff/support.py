"""Support: what the old version says anywhere, for the new claim that shares many words with an old one yet
states something the old version never does.

- a name the old version never mentions, in any form (as written, its stem, its initials, a demonym of it, a state
  code, an alias): 'the James Gunn Space Telescope' against an article about the James Webb Space Telescope;
- a word whose negative-prefix partner the old version uses, while it never uses the word itself: 'an
  uncontrolled burn' against 'a controlled burn'. Only prefix pairs count at this distance: WordNet antonyms
  ('near' / 'far') are common words an article uses elsewhere in other senses, so they count only inside an
  aligned pair (``slots``).
Both are contradictions of the aligned pair they appear in (slot ``entity`` unsupported, slot ``action`` flipped).
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from ..lexicon import (
    forms,
    is_verb,
    is_word,
    lemmas,
    misspelt,
    opposites,
    same_direction,
    sister_kinds,
    synonym_words,
)
from ..normalize import (
    ALIASES,
    BUILDINGS,
    DECADE_WORDS,
    DEMONYMS,
    LETTER,
    MONTHS,
    NUMBER_WORD_ALT,
    NUMBER_WORDS,
    STOPWORDS,
    TIME_ZONES,
    TITLE_LONG,
    TITLE_SHORT,
    TOKEN_ALIASES,
    UPPER,
    WEEKDAYS,
    entity_key,
    initialism,
    is_description,
    negated_words,
    stem,
)
from ..places import (
    PEOPLE_CAPITAL,
    PEOPLE_SUFFIXES,
    capital_of_people,
    capitals_described,
    containers,
    expand_code,
    is_city,
    people_of,
    region_names,
    region_words,
)
from ..schema import Claim
from .align import canonical_key
from .report import FieldChange

NAME_WORD = re.compile(rf"[{LETTER}][{LETTER}'\u2019-]*")
NAME_RUN = re.compile(r"(?:[A-Z][\w'-]*\s+(?:(?:of|and|the|for)\s+)?)+[A-Z][\w'-]*")


def run_tails(key: str) -> list[str]:
    """A run of names (an entity key) and each of its tails of two words or more ('kenya medical research
    institute', 'medical research institute', ..., 'research institute'): what an acronym may stand for."""
    words = key.split()
    return [" ".join(words[i:]) for i in range(len(words) - 1)]
_PRONOUNS = frozenset("he him his himself she her hers herself mr mrs ms i we you they it".split())
_ACRONYM = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z]{2,6}s?\b")  # 'U.S.', 'PM', 'NHS', 'SATs'
_LINKS = frozenset(("of", "and", "the", "for"))
_NOT_CARDINAL = frozenset("first second third fourth fifth single double triple half twice".split())  # 'Second Circuit'


class Support:
    """The old version's words (lower case, with demonyms, aliases and state codes spelled out), and, computed on
    first use, their stems and the initials of its names."""

    def __init__(self, texts: list[str], keys: frozenset[str] = frozenset(),
                 values: frozenset[float | None] = frozenset(), new_texts: tuple[str, ...] = ()) -> None:
        self.texts = texts
        self.new_texts = new_texts  # the new version's claims: what it still says
        self.keys = keys  # canonical entity keys (after alias folding: 'U.S.' = 'United States')
        self.values = values  # the values of the numbers the old version states
        joined = "\n".join(texts)
        words = set(NAME_WORD.findall(joined.lower()))
        # an acronym written with dots is one word ('U.S.' is 'us', which the aliases spell out)
        self.acronyms = frozenset(re.sub(r"[.]|(?<=[A-Z])s$", "", a).lower() for a in _ACRONYM.findall(joined))
        words.update(self.acronyms)
        words.update(p for w in [w for w in words if "-" in w] for p in w.split("-") if p)
        words.update(w[:-2] for w in [w for w in words if w.endswith(("'s", "\u2019s"))])  # "Finland's" names Finland
        for w in list(words):  # 'American' supports 'United States', 'UK' 'United Kingdom', 'PA' 'Pennsylvania'
            spelled = DEMONYMS.get(w) or ALIASES.get(w) or (expand_code(w) if len(w) == 2 else "")
            if spelled:
                words.update(spelled.split())
            if w in TITLE_SHORT:  # 'Gov.' / 'Governor'
                words.add(TITLE_SHORT[w])
            elif w in TITLE_LONG:
                words.update(TITLE_LONG[w])
        self.words = frozenset(words)

    @cached_property
    def new_stems(self) -> frozenset[str]:
        """The stems of the new version's lower-case words."""
        return frozenset(stem(w) for w in NAME_WORD.findall("\n".join(self.new_texts)) if w.islower())

    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(stem(w) for w in self.words)

    @cached_property
    def plain(self) -> frozenset[str]:
        """The words the old version writes in lower case: a word inside a name or title ('Inspector General')
        says nothing of its meaning ('general' / 'local')."""
        return frozenset(w for w in NAME_WORD.findall("\n".join(self.texts)) if w.islower())

    def has_lemma(self, lemma: str) -> bool:
        """The old version writes a form of ``lemma`` in lower case ('fell' for 'fall'). Asked of the few forms the
        lemma has, not of the lemmas of every word the old version writes."""
        return any(lemma in lemmas(f) for f in forms(lemma) if f in self.plain)

    @cached_property
    def plain_or_first(self) -> frozenset[str]:
        """The words the old version writes in lower case, and the first word of each of its claims, lowered
        ('Astronomers at the site said')."""
        firsts = (re.match(r"[a-z]*", _lower_first(t)) for t in self.texts if t[:1].isupper())
        return self.plain | frozenset(m.group(0) for m in firsts if m and m.group(0))

    @cached_property
    def negated(self) -> frozenset[str]:
        """The words the old version negates ('has not been able' -> 'able')."""
        return frozenset(w.lower() for text in self.texts for w in negated_words(text))

    @cached_property
    def initials(self) -> frozenset[str]:
        """The initials of each run of capitalised words and of each stretch of two words or more inside it ('NHS'
        for "Britain's National Health Service", 'AP' for 'The Associated Press', 'DI' for 'Detective Inspector
        Mark Hale')."""
        out: set[str] = set()
        for run in self._runs:
            caps = "".join(w[0].lower() for w in run.split() if w[0].isupper())
            out.add(caps)
            out.update(caps[i:j] for i in range(len(caps)) for j in range(i + 2, len(caps) + 1))
        return frozenset(out)

    @cached_property
    def _runs(self) -> tuple[str, ...]:
        """The runs of capitalised words the old version writes, as written."""
        return tuple(run for text in self.texts for run in NAME_RUN.findall(text))

    def demonym_of(self, word: str) -> bool:
        """The old version names the people of this place ('Canada' / 'Canadian', 'Italy' / 'Italian')."""
        low = word.lower()
        return any(base + suffix in self.words for base in (low, low[:-1]) if len(base) >= 3
                   for suffix in PEOPLE_SUFFIXES) or \
            any(people_of(w, low) for w in self.words if w[:3] == low[:3])  # 'Belgium' / 'Belgian'

    def place_of(self, word: str) -> bool:
        """The old version names the place of this word for its people or things ('Canadian' / 'Canada', 'Finnish' /
        'Finland', 'Japanese' / 'Japan'), or writes the name one letter shorter as its adjective ('Antarctica' /
        'Antarctic')."""
        low = word.lower()
        return any(people_of(low, w) for w in self.words if w[:3] == low[:3]) or \
            len(low) >= 6 and low[:-1] in self.words

    def names_capital_of(self, word: str) -> bool:
        """The old version names the capital of the country of this people ('irish' where it names Dublin)."""
        capital = capital_of_people(word, DEMONYMS)
        return capital is not None and set(capital.split()) <= self.words

    def capital_described(self, word: str) -> bool:
        """The old version calls the city this word names the capital of a people's country ('dublin' where it
        writes 'the Irish capital', 'kuala' and 'lumpur' for 'the Malaysian capital')."""
        return any(word in c.split() for c in self._capitals)

    @cached_property
    def _capitals(self) -> frozenset[str]:
        return frozenset(c for t in self.texts if "capital" in t for c in capitals_described(t, DEMONYMS))

    def mentions(self, word: str) -> bool:
        low = word.lower()
        if low in self.words:
            return True
        if len(low) == 2 and word.isupper() and set(expand_code(low).split()) <= self.words:
            return True
        for table in (ALIASES, TOKEN_ALIASES, DEMONYMS):
            if low in table and set(table[low].split()) <= self.words:
                return True  # 'US' where the old version says 'American' (the United States) or 'United States',
                # 'CEO' where it says 'chief executive', 'Chinese' where it says 'China'
        return stem(low) in self.stems or (word.isupper() and low in self.initials) or \
            any(part in self.words for part in low.split("-") if len(part) > 2) or \
            (word.isupper() and len(low) >= 3 and any(initialism(low, run) for run in self.name_runs))

    @cached_property
    def name_runs(self) -> frozenset[str]:
        """Each run of capitalised words the old version writes, and each run's tails, as entity keys: for
        acronyms made of more than initials ('KEMRI' for the Kenya Medical Research Institute)."""
        return frozenset(tail for run in self._runs for tail in run_tails(entity_key(run)))

    @cached_property
    def _forms(self) -> dict[int, tuple[str, ...]]:
        """The old version's words and stems of four letters or more, by length."""
        by_length: dict[int, list[str]] = {}
        for x in sorted(self.stems | self.words):
            if len(x) >= 4:
                by_length.setdefault(len(x), []).append(x)
        return {n: tuple(xs) for n, xs in by_length.items()}

    def another_form(self, low: str) -> bool:
        """The old version writes this word in another form: a word of at least four letters inside it, or it
        inside one, give or take two letters ('aground' / 'ground', 'fully' / 'full')."""
        n = len(low)
        return any(x in low or low in x for k in range(n - 2, n + 3) for x in self._forms.get(k, ()))

    def misspelt(self, low: str) -> bool:
        """The old version writes this word with a slip ('sqaure' for 'square') or with a function word stuck to it
        ('Peskovsaid' for 'Peskov')."""
        return len(low) >= 4 and any(misspelt(low, w) for w in self.words
                                     if w[:1] == low[:1] and (len(w) >= 6 or w.startswith(low)))

    def spelled_out(self, text: str) -> set[str]:
        """The words of the names in ``text`` whose initials the old version writes as an acronym ('Prime
        Minister' where it says 'PM', 'United States' where it says 'U.S.'): dictionary words, as the words an
        acronym stands for are, not a person's name ('Uma Sharma' is not 'U.S.')."""
        out: set[str] = set()
        if not self.acronyms:
            return out
        for run in NAME_RUN.findall(text):
            words = [w for w in run.split() if w.lower() not in _LINKS]  # 'Prime Minister of NZ': 'PM', 'NZ'
            for i in range(len(words)):
                for j in range(i + 2, min(len(words), i + 6) + 1):  # an acronym has at most six letters
                    if all(is_word(w) for w in words[i:j]) and \
                            "".join(w[0] for w in words[i:j]).lower() in self.acronyms:
                        out.update(w.lower() for w in words[i:j])
        return out


_PLACE_NAMED = re.compile(r"\b(?:in|at|near|from|to|outside|inside|across)\s+(?:the\s+)?"
                          rf"([{UPPER}][\w'-]*(?:\s+[{UPPER}][\w'-]*){{0,2}})")
_NOT_GREAT_BRITAIN = frozenset({"northern ireland"})  # in the United Kingdom, not in Britain


@lru_cache(maxsize=16384)
def _places_named(text: str) -> frozenset[str]:
    """The place names a text puts after a place preposition ('in Manchester'), each with its shorter heads ('in
    Greater Manchester' names 'greater manchester', 'greater'): a name elsewhere may be a person ('Paris Hilton')."""
    out: set[str] = set()
    for m in _PLACE_NAMED.finditer(text):
        words = m.group(1).lower().split()
        out.update(" ".join(words[:k]) for k in range(1, len(words) + 1))
    return frozenset(out)


def region_of_old_place(word: str, new_text: str, old_text: str) -> bool:
    """``word`` is part of the name of a region (country, US state, UK nation) that holds a place the aligned old
    claim puts something in, and the new claim names that region whole in the place's stead ('in England' for 'in
    Manchester') or beside it ('Manchester, England'): the copy says less, or the same. Not a region added beside
    the place as something new ('Sri Lanka government jets bombed ... in Jaffna'), a word of a region's name in
    another name ('United Airlines'), or a region that is also a city ('Washington' for 'Seattle')."""
    w = word.lower()
    if w not in region_words() and ALIASES.get(w) not in region_names():
        return False  # no region's name: the old places need not be read
    low = new_text.lower()
    for place in _places_named(old_text):
        for region in containers(place):
            if is_city(region):
                continue
            if ALIASES.get(w) == region and not is_city(w):  # 'Britain'; not 'Washington' for the US
                if w in ("britain", "great britain") and containers(place) & _NOT_GREAT_BRITAIN:
                    continue
                written = w
            elif w in region.split():
                written = region
            else:
                continue
            if not re.search(rf"\b{re.escape(written)}\b", low):
                continue
            if not re.search(rf"\b{re.escape(place)}\b", low) or \
                    re.search(rf"\b{re.escape(place)},\s+(?:the\s+)?{re.escape(written)}\b", low):
                return True
    # the region put beside a place the old claim names after any word ('The storm hit Lyon' -> 'hit Lyon, France')
    for m in re.finditer(rf"([{UPPER}][\w'-]+(?:\s+[{UPPER}][\w'-]+)?),\s+(?:the\s+)?[^,.;]*?\b(?i:{re.escape(w)})\b",
                         new_text):
        place = m.group(1).lower()
        if place not in old_text.lower() and " " in place:
            place = place.split(" ", 1)[1]  # 'Monday Lyon' is no place; 'Lyon' is
        if place in old_text.lower() and any(w in region.split() or ALIASES.get(w) == region
                                             for region in containers(place) if not is_city(region)):
            return True
    return False


POSSESSIVE_END = re.compile(r"['\u2019]s$")
_CAPITAL_WORD = re.compile(rf"(?<![{LETTER}])(?<![{LETTER}]['\u2019-])[{UPPER}][{LETTER}'\u2019-]*")
_ANY_LETTER = re.compile(rf"[{LETTER}]")


_SCALES = frozenset(("celsius", "fahrenheit", "centigrade", "kelvin"))


def _building_of(text: str, start: int, end: int, support: Support) -> bool:
    """The capitalised word at ``start:end`` belongs to a building's name that begins with a place the old version
    names ('Cardiff Airport', 'Glasgow International Airport', 'Cardiff City Stadium' where it says 'Cardiff')."""
    at = min(start, 60)
    run = next((r for r in _NAME_AROUND.finditer(text[max(0, start - 60):end + 60]) if r.start() <= at < r.end()),
               None)
    if run is None:
        return False
    words = run.group(0).split()
    return len(words) >= 2 and words[-1].lower() in BUILDINGS and support.mentions(words[0]) and \
        all(w.lower() in BUILDINGS or w.lower() in _BUILDING_WORDS for w in words[1:-1])


_BUILDING_WORDS = frozenset("international city regional central national memorial municipal royal general county "
                            "district new old main".split())  # 'Glasgow International Airport', 'Cardiff City Stadium'


_NAME_AROUND = re.compile(r"(?:[A-Z][\w'\u2019-]*\s+)*[A-Z][\w'\u2019-]*")


def unsupported_names(new: Claim, support: Support, alias: dict[str, str],
                      old: Claim | None = None) -> list[FieldChange]:
    """Names (capitalised words) of the new claim that the old version never mentions. A capital that only starts
    the sentence or a quotation marks a name when the word is no dictionary word ('Buzzfeed has compiled ...', not
    'Figures come ...'). ``old``, the aligned old claim, lets a region stand for a place it names ('in England' for
    'in Manchester')."""
    known = {w.lower() for a in new.actors if canonical_key(a, alias) in support.keys for w in NAME_WORD.findall(a)}
    found: list[str] = []
    for m in _CAPITAL_WORD.finditer(new.text):  # the words NAME_WORD finds that start with a capital
        w = POSSESSIVE_END.sub("", m.group(0).rstrip("'\u2019-"))  # 'January's' is January
        low = w.lower()
        if all(part in NUMBER_WORDS and part not in _NOT_CARDINAL for part in low.split("-")):
            continue  # a number written out ('Twenty-three people were hurt'): the quantity is compared, no name
        if low in _SCALES or low in DECADE_WORDS or m.start() > 0 and new.text[m.start() - 1].isdigit():
            continue  # 'degrees Celsius' for '46.3C', the 'MW' of '500MW', 'the Nineties': the quantity compares it
        if not w[:1].isupper() or len(w) < 2 or low in STOPWORDS or low in _PRONOUNS or low in MONTHS or \
                low in WEEKDAYS or re.split(r"['\u2019]", low)[0] in _PRONOUNS | STOPWORDS or w in TIME_ZONES:
            continue  # a month, a weekday or a time zone is a time ('in February', '1500 GMT'), "I've" a pronoun
        starts = not _ANY_LETTER.search(new.text, 0, m.start()) or \
            new.text[:m.start()].rstrip().endswith((".", ":", "\"", "\u201c", "\u2018", "'", "?", "!"))
        if starts and (is_word(w) or is_description(w)):
            continue  # a sentence or quotation starts here with a common word, or a description ('Mother-to-be')
        if _building_of(new.text, m.start(), m.end(), support):
            continue  # 'at Cardiff Airport' where the old version says 'at Cardiff': where, said more precisely
        if (PEOPLE_CAPITAL.match(new.text, m.start()) and support.names_capital_of(low)) or \
                support.capital_described(low):
            continue  # 'the Irish capital' where the old version names Dublin, or the other way round
        if not support.mentions(w) and not support.demonym_of(w) and not support.place_of(w) and low not in known \
                and w not in found and not (old is not None and region_of_old_place(w, new.text, old.text)):
            found.append(w)
    if not found:
        return []
    # a name the old version writes as an acronym ('Prime Minister' for 'PM'), with a slip ('Carrer'), or as one
    # word ('Key Zilberman' where it says 'Keyzilberman'): checked last, for the few names left
    spelled = support.spelled_out(new.text)
    found = [w for k, w in enumerate(found) if w.lower() not in spelled and not support.misspelt(w.lower()) and not any(
        "".join(found[i:i + 2]).lower() in support.words for i in (k - 1, k) if 0 <= i < len(found) - 1)]
    if not found:
        return []
    return [FieldChange(field="entity", change="unsupported", severity="contradiction", old=None,
                        new=", ".join(found))]


# verbs an article writes in every other sentence as auxiliaries ('has said', 'had been'): their WordNet opposites
# ('lack' for 'have') have no sense to stand against across a whole article
_AUXILIARIES = frozenset("have be do".split())


def in_question(text: str, word: str) -> bool:
    """``word`` is inside a 'whether' clause, which asserts neither it nor its opposite ('arguments about whether
    the men were aware' / 'arguments about the men being unaware': the defence's case either way)."""
    return bool(re.search(rf"\bwhether\b[^,;:.!?]*\b{re.escape(word)}\b", text, re.I))


def unsupported_opposites(new: Claim, support: Support) -> list[FieldChange]:
    """A lower-case word of the new claim the old version never uses, whose negative-prefix partner it uses; or
    whose WordNet antonym it uses while no word of it means the same ('nearby' against an article that only ever
    says 'distant'). The second needs the meaning absent, not just the word, for each opposite on its own: 'fell' is
    supported by 'dropped' (a synonym), 'faraway' by 'distant' (the same opposite, 'near'); 'small' against an
    article that says 'massive' is not excused by 'new' (the opposite of 'old', another opposite of 'small')."""
    negated_new: set[str] | None = None  # the new claim's negated words, read when an opposite is first found

    def negated(word: str) -> bool:
        nonlocal negated_new
        if negated_new is None:
            negated_new = {x.lower() for x in negated_words(new.text)}
        return word in negated_new

    for m in re.finditer(r"\b[a-z][a-z-]{3,}\b", new.text):
        w = m.group(0)
        if w in STOPWORDS or w in support.words or stem(w) in support.stems:
            continue
        # a prefix partner that is no word ('infully') must be written as it is: a stemmer cuts it to anything
        said = sorted(x for x in opposites(w, prefix_only=True) if (x in support.words or is_word(x) and
                                                                   stem(x) in support.stems)
                      and (x not in support.negated or negated(w)))  # 'unable' for 'not able'
        if not said and not _phrasal_or_modifier(new.text, m) and "re" + w not in support.words:
            own = set(lemmas(w))  # 'opened ... again' for 'reopened' is the same word
            said = [x for x in sorted(opposites(w)) if x not in _AUXILIARIES and support.has_lemma(x)
                    and (x not in support.negated or negated(w))
                    and not any(support.has_lemma(y) for y in
                                (synonym_words(w) | same_direction(w) | opposites(x)) - own - {x})]
        said = [x for x in said if not any(in_question(t, x) for t in support.texts)]
        if said and not in_question(new.text, w):
            if bound_of_a_number(new.text, w) and any(bound_of_a_number(t, said[0]) for t in support.texts):
                # 'more than 200 people' -> 'fewer than 200': how many
                return [FieldChange(field="quantity", change="conflict", severity="contradiction", old=said[0],
                                    new=w)]
            return [FieldChange(field="action", change="flipped", severity="contradiction", old=said[0], new=w)]
    return []


def bound_of_a_number(text: str, word: str) -> bool:
    """``word`` bounds the number after it ('more than 200', 'fewer than 200', 'over 40', 'at least 40')."""
    low = word.lower()
    return low in _BOUND_WORDS and any(low in m.group(1).lower().split() for m in _BOUNDED.finditer(text))


def number_bounds(text: str) -> dict[str, dict[bool, str]]:
    """Each number the text bounds -> the way it is bounded (True: from below, 'more than', 'at least') -> the bound
    as written ('more than 200')."""
    out: dict[str, dict[bool, str]] = {}
    for m in _BOUNDED.finditer(text):
        out.setdefault(m.group(2).lower(), {})[m.group(1).lower() in _BOUNDS_UP] = m.group(0)
    return out


_BOUNDED = re.compile(r"\b(more than|fewer than|less than|over|under|above|below|at least|at most|up to)\s+"
                      r"([$\u00a3\u20ac]?\d[\d,.]*\d|\d|(?:" + NUMBER_WORD_ALT + r")\b)", re.I)
_BOUNDS_UP = frozenset(("more than", "over", "above", "at least"))
_BOUND_WORDS = frozenset("more fewer less over under above below most least".split())


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def unsupported_kinds(new: Claim, old: Claim, support: Support) -> list[FieldChange]:
    """A noun of the new claim the old version never writes, in any form or any word of its meaning, where the old
    version writes a sister kind of it: 'allowed biologists to peer' against an article that only ever says
    'astronomers', 'vinyl cyanide' for 'vinyl chloride'. The sister is looked for in the aligned claim first, then
    anywhere in the old version, and must be a word the new version no longer writes: one that still says
    'teacher' and adds a 'headmaster' names one more person. A word used mostly as a verb on either side ('trains')
    is left alone."""
    pool: list[str] | None = None
    for m in re.finditer(r"\b[a-z]{4,}\b", new.text):
        w = m.group(0)
        if w in STOPWORDS or w in support.words or stem(w) in support.stems or is_verb(w):
            continue
        if any(x in support.plain for x in synonym_words(w) - {w}):
            continue
        if pool is None:
            near = [x for x in dict.fromkeys(re.findall(r"\b[a-z]{4,}\b", _lower_first(old.text)))
                    if x not in STOPWORDS]
            pool = near + sorted(x for x in support.plain_or_first - set(near) if len(x) >= 4 and x not in STOPWORDS)
        sister = next((x for x in pool if sister_kinds(w, x) and not is_verb(x) and stem(x) not in support.new_stems),
                      None)
        if sister:
            return [FieldChange(field="entity", change="substituted", severity="contradiction", old=sister, new=w)]
    return []


_PARTICLES = frozenset("away on back off out up down over ahead".split())
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|these|those)\s+$", re.I)


def another_sense(text: str, word: str) -> bool:
    """Every use of ``word`` in ``text`` is a phrasal verb, its particle or a modifier (see
    :func:`_phrasal_or_modifier`)."""
    uses = list(re.finditer(rf"\b{re.escape(word)}\b", text))
    return bool(uses) and all(_phrasal_or_modifier(text, m) for m in uses)


def _phrasal_or_modifier(text: str, m: re.Match[str]) -> bool:
    """The word at ``m`` does not carry its dictionary opposite here: a verb of a phrasal verb ('stay away', 'go on
    rising', 'pulled down'), the particle of one ('win back'), or a verb form describing a noun ('the coming
    months'). Its WordNet antonym ('change', 'come', 'oppose') is another sense."""
    after = re.match(r"\s+([a-z]+)", text[m.end():])
    if after and after.group(1) in _PARTICLES and is_verb(m.group(0)):
        return True
    before = re.findall(r"[a-z]+", text[max(0, m.start() - 20):m.start()].lower())
    if m.group(0) in _PARTICLES and before and is_verb(before[-1]):
        return True
    return m.group(0).endswith("ing") and bool(_DETERMINER_BEFORE.search(text[:m.start()]))
