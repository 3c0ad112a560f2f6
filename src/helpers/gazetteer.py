"""The country gazetteer: ISO 3166-1 countries with their Arabic names, capitals, demonyms and aliases.

Names come from CLDR (Babel's Arabic territory names) and iso-codes (pycountry's Arabic translations);
``resources/gazetteer_extra.csv`` adds reviewed capitals, variant spellings, aliases and demonyms;
``resources/homographs.csv`` says how ambiguous forms are resolved; ``resources/regions.csv`` lists
regions and continents, which are never countries; ``resources/cities.csv`` lists cities (from GeoNames),
a kind of their own, and ``resources/cities_extra.csv`` the towns it lacks. The cue lists that :mod:`helpers.mention_rules` decides with are read here too.
"""

from __future__ import annotations

import csv
import gettext
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pandas as pd
import pycountry
from babel import Locale

from helpers.frequencies import zipf
from helpers.normalizing import normalize

KINDS = ("name", "alias", "capital", "demonym")
"""Kinds of gazetteer entry, in order of precedence when one form has several."""
PREPOSITIONS = ("", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل")
DEMONYM_ENDINGS = ("", "ة", "ين", "ون", "ات", "ان", "تان", "تين")
"""Masculine singular, feminine, plural (oblique, nominative), feminine plural, dual (masculine, feminine
nominative and oblique: الشركتين الأستراليتين)."""
INDEFINITE_ENDINGS = ("ا", "ي", "و")
"""Endings written only without the article: accusative tanween (مصريًا → مصريا once diacritics go) and
the sound plural before a complement (إثيوبيي الجنسية، مصريو الخارج)."""
MISSPELLING_MAX_ZIPF = 2.3
"""A generated misspelling more frequent than this is a real word (عراقية → عراقة, سورية → سورة), not kept."""
MISSPELLING_MIN_LENGTH = 5
"""Shortest generated misspelling kept (letters, without the article)."""
LONG_VOWELS = "اوي"
STATE_WORDS = ("جزر", "جزيرة", "جمهورية", "كومنولث", "دولة", "دوقية", "سلطنة", "مملكة", "إمارة", "ولاية")
"""Words that open a country's long name (جزر المالديف، جمهورية الدومينيكان): news often leave them out."""
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
    names = {(iso3, normalize(form)) for iso3, kind, form, _ in rows if kind == "name"}
    shared = {  # كوريا of كوريا الشمالية and كوريا الجنوبية: no short name of one of them
        normalize(form).split()[0] for iso3, kind, form, _ in rows if kind == "name" and " " in form.strip()
    }
    rows += [
        (iso3, "name", short, f"{source}, without {form.split()[0]}")
        for iso3, kind, form, source in list(rows)
        if kind == "name"
        for short in short_names(form)
        if normalize(short) not in shared and (iso3, normalize(short).split()[0]) not in names
    ]  # not ألمانيا الاتحادية either: ألمانيا is the name
    table = pd.DataFrame(rows, columns=["iso3", "kind", "form", "source"])
    table["key"] = table["form"].map(normalize)
    return table.drop_duplicates(["iso3", "kind", "key"]).reset_index(drop=True)


def short_names(form: str) -> list[str]:
    """A long name without the word that opens it (:data:`STATE_WORDS`), as news write it: جزر المالديف
    → المالديف, جمهورية الدومينيكان → الدومينيكان. Left out: what is an adjective (جمهورية الفرنسية) or an
    ordinary word or personal name (``not_mentions.csv``: جزر القمر is not القمر "the moon", جزر سليمان
    not سليمان), and what is a city's name (جزيرة نورفولك: نورفولك is the US city).

    >>> short_names("جزر المالديف"), short_names("جزر القمر"), short_names("الجمهورية اللبنانية")
    (['المالديف'], [], [])
    """
    words = form.split()
    if len(words) < 2 or normalize(words[0]) not in {normalize(w) for w in STATE_WORDS}:
        return []
    rest = " ".join(words[1:])
    first = normalize(words[1])
    if first.startswith("ال") and first.endswith(("ي", "ية", "يه")):
        return []  # an adjective: جمهورية الفرنسية
    if normalize(rest, yeh=False) in _ordinary_words() or normalize(rest) in _city_keys():
        return []
    return [rest]


@cache
def _city_keys() -> frozenset[str]:
    """The normalized forms of :func:`cities`."""
    return frozenset(cities()["key"])


@cache
def _ordinary_words() -> frozenset[str]:
    """The one-word forms of ``not_mentions.csv`` (without diacritics, ى kept)."""
    rows = read_resource_csv("not_mentions.csv")
    return frozenset(normalize(r["form"], yeh=False) for r in rows if "[" not in r["form"])


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

    Generated: the regular endings (:data:`DEMONYM_ENDINGS`), with and without the article; the endings
    written only without it (:data:`INDEFINITE_ENDINGS`: سعوديًا، إثيوبيي); the broken plurals of
    ``resources/demonym_plurals.csv`` (الروس، الأمريكان); and the usual misspellings of the singular
    (:func:`misspellings`: الكولمبي، الفرنسة، المونتنيجري). A tanween form that begins a country name
    (روسيا = روسي + ا, كوريا of كوريا الجنوبية) is left to the name.

    >>> inflect_demonym("إيراني")[:3]
    ['إيراني', 'إيرانية', 'إيرانيين']
    >>> [f for f in inflect_demonym("روسي") if f in ("روسيا", "الروس", "روس", "روسيي")]
    ['روسيي', 'روس', 'الروس']
    """
    words = form.split()
    plain = [" ".join(w + ending for w in words) for ending in DEMONYM_ENDINGS]
    forms = plain + [_definite(p) for p in plain]
    indefinite = [" ".join(w + ending for w in words) for ending in INDEFINITE_ENDINGS]
    forms += [f for f in indefinite if normalize(f).split()[0] not in name_words()]  # كوريا: a name
    for plural in broken_plurals().get(normalize(form), ()):
        forms += [plural, _definite(plural)]
    singular = [" ".join(w + ending for w in words) for ending in ("", "ة")]
    for variant in (v for f in singular for v in misspellings(f)):
        forms += [variant, _definite(variant)]
    return list(dict.fromkeys(forms))


@cache
def name_words() -> frozenset[str]:
    """Normalized words that begin a country name (كوريا of كوريا الجنوبية): never a demonym's tanween."""
    table = gazetteer()
    return frozenset(k.split()[0] for k in table.loc[table["kind"] == "name", "key"])


def _definite(form: str) -> str:
    return " ".join("ال" + w for w in form.split())


def misspellings(form: str) -> list[str]:
    """Spellings of a name or demonym that news writers use and the gazetteer does not list.

    Two rules, each applied once: G written ج instead of غ (Egyptian usage: بنغلاديشي → بنجلاديشي,
    مونتنيغري → مونتنيجري), and a long vowel letter left out inside a word (كولومبي → كولمبي, فرنسية →
    فرنسة; never the first or last letter). A result that is a known word (:data:`MISSPELLING_MAX_ZIPF`:
    غاني → جاني "culprit", سورية → سورة) or shorter than :data:`MISSPELLING_MIN_LENGTH` is left out.

    >>> misspellings("كولومبي")
    ['كلومبي', 'كولمبي']
    >>> misspellings("فرنسية")
    ['فرنسة']
    """
    words = form.split()
    found = []
    for i, word in enumerate(words):
        variants = [word.replace("غ", "ج")] if "غ" in word else []
        variants += [word[:j] + word[j + 1 :] for j in range(1, len(word) - 1) if word[j] in LONG_VOWELS]
        for variant in variants:
            if len(variant) < MISSPELLING_MIN_LENGTH or zipf(normalize(variant)) > MISSPELLING_MAX_ZIPF:
                continue
            found.append(" ".join([*words[:i], variant, *words[i + 1 :]]))
    return list(dict.fromkeys(found))


@cache
def broken_plurals() -> dict[str, tuple[str, ...]]:
    """``normalized singular demonym → its broken plurals`` (``resources/demonym_plurals.csv``)."""
    table: dict[str, tuple[str, ...]] = {}
    for row in read_resource_csv("demonym_plurals.csv"):
        key = normalize(row["singular"])
        table[key] = (*table.get(key, ()), row["plural"])
    return table


def with_proclitics(key: str) -> list[tuple[str, int]]:
    """A normalized form with every preposition/conjunction before it: ``(form, prefix length)``.

    ``ل`` + ``ال`` is written ``لل`` (للصين); the prefix length then counts the whole ``لل``. A name whose
    ال is no article but written أل (ألمانيا، normalized المانيا) keeps it after ل: لألمانيا.

    >>> [f for f, _ in with_proclitics("المانيا") if f.startswith("ل")]
    ['للمانيا', 'لالمانيا']
    """
    out = []
    for prefix in PREPOSITIONS:
        if prefix.endswith("ل") and key.startswith("ال"):
            out.append((prefix + key[1:], len(prefix) + 1))
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


Phrase = tuple[tuple[str, ...], frozenset[tuple[str, ...]], tuple[str, ...]]
"""A phrase with a bracketed mention: normalized words before, the mention's forms, words after."""


def _phrase(text: str) -> Phrase:
    """``"تمر [هندي]"`` → ``(("تمر",), {("هندي",), ("هندية",) …}, ())``: normalized words before the
    brackets, the bracketed words with the inflections of a one-word demonym (same article), words after."""
    before, _, rest = text.partition("[")
    inside, _, after = rest.partition("]")
    words = tuple(normalize(inside).split())
    forms = {words}
    if len(words) == 1 and words[0].endswith("ي"):
        definite = words[0].startswith("ال")
        bare = words[0][2:] if definite else words[0]
        forms |= {(f,) for f in map(normalize, inflect_demonym(bare)) if f.startswith("ال") == definite}
    return tuple(normalize(before).split()), frozenset(forms), tuple(normalize(after).split())


@cache
def not_mention_phrases() -> tuple[Phrase, ...]:
    """The set phrases of ``resources/not_mentions.csv`` (rows with brackets): ``(before, mention forms,
    after)``, the mention being the bracketed words (تمر [هندي] → tamarind, no country)."""
    return tuple(_phrase(r["form"]) for r in read_resource_csv("not_mentions.csv") if "[" in r["form"])


@dataclass(frozen=True)
class Organisation:
    """An organisation named by a country or city word: the normalized words ``before`` and ``after``
    it, the ``mention`` forms (the bracketed words, as in :func:`not_mention_phrases`), its ``type``
    (newspaper, airline, bank …) and whether the bare word in quotation marks is it (``quoted``)."""

    before: tuple[str, ...]
    mention: frozenset[tuple[str, ...]]
    after: tuple[str, ...]
    type: str
    quoted: bool


@cache
def organisation_phrases() -> dict[tuple[str, ...], tuple[Organisation, ...]]:
    """``resources/organisations.csv`` (واشنطن بوست، ريال مدريد، «الرياض» the newspaper), by mention form:
    ``normalized words of the mention → the organisations it may be part of``."""
    by_form: dict[tuple[str, ...], list[Organisation]] = {}
    for row in read_resource_csv("organisations.csv"):
        before, mention, after = _phrase(row["phrase"])
        organisation = Organisation(before, mention, after, row["type"], row["quoted"] == "yes")
        for form in mention:
            by_form.setdefault(form, []).append(organisation)
    return {form: tuple(found) for form, found in by_form.items()}


@cache
def capital_keys() -> dict[str, frozenset[str]]:
    """``iso3 → normalized capital forms`` of the gazetteer."""
    table = gazetteer()
    capitals = table[table["kind"] == "capital"]
    keys: dict[str, set[str]] = {}
    for iso3, key in zip(capitals["iso3"], capitals["key"], strict=True):
        keys.setdefault(iso3, set()).add(key)
    return {iso3: frozenset(found) for iso3, found in keys.items()}


@cache
def mention_cues() -> dict[str, frozenset[str]]:
    """``cue type → normalized words`` from ``resources/mention_cues.csv`` (organisation_before,
    organisation_after, filler, agency_verb, person_title, language, not_a_noun, place_before,
    region_before, given_name, not_a_surname, airline_before, city_before, team_before, player_before,
    sport, first_name)."""
    table: dict[str, set[str]] = {}
    for row in read_resource_csv("mention_cues.csv"):
        table.setdefault(row["cue"], set()).add(normalize(row["word"]))
    return {cue: frozenset(words) for cue, words in table.items()}


@cache
def kingdom_cues() -> tuple[tuple[tuple[str, ...], str], ...]:
    """``(normalized words of a cue phrase, iso3)`` from ``resources/kingdom_cues.csv``: phrases that tell
    which kingdom a bare المملكة is (خادم الحرمين → SAU, العاهل الأردني → JOR)."""
    return tuple(
        (tuple(normalize(r["phrase"]).split()), r["iso3"]) for r in read_resource_csv("kingdom_cues.csv")
    )


@cache
def personal_names() -> frozenset[str]:
    """Normalized forms that are also given names or players' names (تركي، ليما): the readings of
    ``homographs.csv`` that are a person (kind ``name`` or ``person``, no country)."""
    return frozenset(
        form for form, readings in homographs().items()
        if any(r["iso3"] == "-" and r["kind"] in ("name", "person") for r in readings)
    )  # fmt: skip


@cache
def kingdoms() -> frozenset[str]:
    """Countries a bare المملكة may stand for: the readings of المملكة in ``homographs.csv``."""
    return frozenset(r["iso3"] for r in homographs().get(normalize("المملكة"), ()) if r["iso3"] != "-")


@cache
def cities() -> pd.DataFrame:
    """Cities, a kind of their own: ``iso3``, ``form``, ``key`` (normalized), ``population``, ``geonameid``.

    Derived from GeoNames (``resources/cities.csv``, see its header): Arabic names only, filtered for
    forms that are common words or country names. Counted apart from country mentions.
    """
    table = pd.DataFrame(read_resource_csv("cities.csv"))
    table["population"] = table["population"].astype("int64")
    extra = pd.DataFrame(read_resource_csv("cities_extra.csv"))[["iso3", "form"]]
    extra = extra.assign(population=0, geonameid="", name="")
    table = pd.concat([table, extra], ignore_index=True)
    table["key"] = table["form"].map(normalize)
    return table.drop_duplicates(["iso3", "key"], ignore_index=True)


@cache
def context_cities() -> dict[str, tuple[str, tuple[str, ...]]]:
    """``normalized form → (iso3, normalized evidence phrase)`` for the cities of ``cities_extra.csv``
    that are also common words (المدينة "the city"): a city only with evidence in their context
    (:func:`helpers.mention_rules.common_word_city`)."""
    return {
        normalize(r["form"]): (r["iso3"], tuple(normalize(r["evidence"]).split()))
        for r in read_resource_csv("cities_extra.csv")
        if r["evidence"]
    }


@cache
def city_ids() -> dict[str, str]:
    """``normalized form → city id``: the GeoNames id, shared by a city's spellings (جده، جدّة); a form
    of ``cities_extra.csv`` takes the id of its evidence phrase (المدينة → المدينة المنورة) or its own."""
    table = cities()
    ids = {k: g or k for k, g in zip(table["key"], table["geonameid"], strict=True)}
    for key, (_iso3, phrase) in context_cities().items():
        ids[key] = ids.get(" ".join(phrase), key)
    return ids


@cache
def city_words() -> dict[str, frozenset[str]]:
    """``iso3 → normalized one-word city forms`` of that country (for a city's neighbours in a sentence)."""
    table = cities()
    single = table[~table["key"].str.contains(" ")]
    return {iso3: frozenset(keys) for iso3, keys in single.groupby("iso3")["key"]}


@cache
def adjective_names() -> dict[str, str]:
    """``normalized name → iso3`` for names shaped like their country's feminine adjective (السعودية،
    سورية): after a noun they are that adjective (:func:`helpers.mention_rules.adjective`)."""
    table = gazetteer()
    feminine: dict[str, str] = {}
    for row in table[table["kind"] == "demonym"].itertuples(index=False):
        for form in inflect_demonym(row.form):
            if form.endswith("ة") and " " not in form:
                feminine[normalize(form)] = row.iso3
    names = table[table["kind"] == "name"]
    return {k: iso3 for k, iso3 in zip(names["key"], names["iso3"], strict=True) if feminine.get(k) == iso3}


@cache
def place_keys() -> dict[tuple[str, ...], str]:
    """``normalized words of a country name, alias or capital → its kind`` (``name`` before ``alias``
    and ``capital`` when a form is both, as الكويت): what a word next to a mention may be, in a list of
    countries (الكويت وعمان) or of cities (الرياض وعمان)."""
    table = gazetteer()
    found: dict[tuple[str, ...], str] = {}
    for kind in ("name", "alias", "capital"):
        for key in table.loc[table["kind"] == kind, "key"]:
            found.setdefault(tuple(key.split()), kind)
    return found


@cache
def masculine_demonyms() -> frozenset[str]:
    """Normalized definite masculine singular demonyms (الإنجليزي، البولندي، الكويتي): after a place's
    name they tell a club (ليفربول الإنجليزي), since a country or city takes the feminine."""
    table = gazetteer()
    forms = table.loc[(table["kind"] == "demonym") & ~table["key"].str.contains(" "), "key"]
    return frozenset("ال" + key for key in forms if key.endswith("ي") and not key.startswith("ال"))


@cache
def tanween_names() -> dict[str, str]:
    """``normalized one-word name → iso3`` for names written like their demonym's accusative (سوريا =
    سوريًا "a Syrian", روسيا، ليبيا): after a number they are that demonym (مقتل 12 سوريا)."""
    table = gazetteer()
    demonyms = table[table["kind"] == "demonym"]
    accusative = {key + "ا": iso3 for key, iso3 in zip(demonyms["key"], demonyms["iso3"], strict=True)}
    names = table[table["kind"] == "name"]
    return {k: iso3 for k, iso3 in zip(names["key"], names["iso3"], strict=True) if accusative.get(k) == iso3}
