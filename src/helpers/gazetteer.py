"""The country gazetteer: ISO 3166-1 countries with their Arabic names, capitals, demonyms and aliases.

Names come from CLDR (Babel's Arabic territory names) and iso-codes (pycountry's Arabic translations);
``resources/gazetteer_extra.csv`` adds reviewed capitals, variant spellings, aliases and demonyms;
``resources/homographs.csv`` says how ambiguous forms are resolved; ``resources/regions.csv`` lists
regions and continents, which are never countries.
"""

from __future__ import annotations

import csv
import gettext
import re
from functools import cache
from importlib import resources

import pandas as pd
import pycountry
from babel import Locale

from helpers.normalizing import normalize

KINDS = ("name", "alias", "capital", "demonym")
"""Kinds of gazetteer entry, in order of precedence when one form has several."""
PREPOSITIONS = ("", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل")
DEMONYM_ENDINGS = ("", "ة", "ين", "ون", "ات", "ان")
"""Masculine singular, feminine, plural (oblique, nominative), feminine plural, dual."""
_BRACKETS = re.compile(r"\s*\(([^)]*)\)")


def read_resource_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("helpers").joinpath(f"resources/{name}").read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


def _usable_names(name: str) -> list[str]:
    """Split a CLDR/iso-codes name into the forms a text would use."""
    forms = []
    for part in [_BRACKETS.sub("", name), *_BRACKETS.findall(name)]:
        if "،" in part:  # iso-codes' inverted "كوريا، جمهورية كوريا": keep the full name only
            part = part.split("،", 1)[1]
        part = part.strip()
        if part and " - " not in part:
            forms.append(part)
    return forms


@cache
def gazetteer() -> pd.DataFrame:
    """Every entry: ``iso3``, ``kind`` (name, alias, capital, demonym), ``form`` and ``source``.

    Demonyms are given as their masculine singular; :func:`surface_forms` inflects them.
    """
    territories = Locale("ar").territories
    iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    rows = []
    for country in pycountry.countries:
        cldr = territories.get(country.alpha_2)
        if cldr:
            rows += [(country.alpha_3, "name", f, "CLDR (Babel)") for f in _usable_names(cldr)]
        for field in ("name", "official_name"):
            if hasattr(country, field):
                for form in _usable_names(iso.gettext(getattr(country, field))):
                    rows.append((country.alpha_3, "name", form, "iso-codes (pycountry)"))
    rows += [(r["iso3"], r["kind"], r["form"], r["source"]) for r in read_resource_csv("gazetteer_extra.csv")]
    table = pd.DataFrame(rows, columns=["iso3", "kind", "form", "source"])
    table["key"] = table["form"].map(normalize)
    return table.drop_duplicates(["iso3", "kind", "key"]).reset_index(drop=True)


@cache
def display_names() -> dict[str, str]:
    """``iso3 → Arabic short name`` (CLDR) for tables and charts."""
    territories = Locale("ar").territories
    names = {}
    for country in pycountry.countries:
        cldr = territories.get(country.alpha_2, country.name)
        names[country.alpha_3] = (_usable_names(cldr) or [cldr])[0]
    return names


def inflect_demonym(form: str) -> list[str]:
    """The forms of a demonym given in the masculine singular, word by word, with and without ال.

    >>> inflect_demonym("إيراني")[:3]
    ['إيراني', 'إيرانية', 'إيرانيين']
    """
    words = form.split()
    plain = [" ".join(w + ending for w in words) for ending in DEMONYM_ENDINGS]
    return plain + [" ".join("ال" + w for w in p.split()) for p in plain]


def with_proclitics(key: str) -> list[tuple[str, int]]:
    """A normalized form with every preposition/conjunction before it: ``(form, prefix length)``.

    ``ل`` + ``ال`` is written ``لل`` (للصين); the prefix length then counts the whole ``لل``.
    """
    out = []
    for prefix in PREPOSITIONS:
        if prefix.endswith("ل") and key.startswith("ال"):
            out.append((prefix + key[1:], len(prefix) + 1))
        else:
            out.append((prefix + key, len(prefix)))
    return out


@cache
def regions() -> pd.DataFrame:
    """``region``, ``form``, ``key`` of every region or continent form."""
    table = pd.DataFrame(read_resource_csv("regions.csv"))
    table["key"] = table["form"].map(normalize)
    return table


@cache
def homographs() -> dict[str, list[dict[str, str]]]:
    """``normalized form → readings`` (iso3, kind, default, cue set) from ``homographs.csv``."""
    table: dict[str, list[dict]] = {}
    for row in read_resource_csv("homographs.csv"):
        row = {**row, "cues": frozenset(normalize(c) for c in row["cues"].split())}
        table.setdefault(normalize(row["form"]), []).append(row)
    return table


@cache
def single_word_names() -> frozenset[str]:
    """Normalized one-word names and capitals, without their article: never cut by ``base``.

    (الكويت is cut to كويت by removing the article; كويت itself is never cut to ويت.)
    """
    table = gazetteer()
    keys = table.loc[table["kind"].isin(["name", "capital"]), "key"]
    return frozenset(k[2:] if k.startswith("ال") else k for k in keys if " " not in k and len(k) > 2)
