"""Country mentions: names, capitals, demonyms, aliases and misspellings, found in one pass.

Every gazetteer form (``helpers.gazetteer``) is expanded once into the token sequences a text may
contain: demonyms inflected (إيراني، الإيرانية، الإيرانيين …) and every form with the prepositions and
conjunctions that attach to it (لروسيا، وروسيا، للولايات المتحدة، بالقاهرة). Matching is then one dictionary
lookup per token, whatever the size of the gazetteer; multi-word names are tried longest first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import combinations

import pandas as pd

from helpers.gazetteer import (
    KINDS,
    display_names,
    gazetteer,
    homographs,
    inflect_demonym,
    read_resource_csv,
    regions,
    with_proclitics,
)
from helpers.lexicon import zipf
from helpers.normalizing import normalize
from helpers.tokenizing import TOKEN, WORD_KINDS, analyze

MENTION_COLUMNS = ["start", "end", "surface", "country", "kind", "matched", "ambiguous", "candidates"]
VARIANT_MIN_LENGTH = 6
"""Shortest word (and gazetteer form) considered for a misspelling match."""
VARIANT_MAX_ZIPF = 1.5
"""A word more frequent than this is a real word, never a misspelled name (تركيز)."""
STEM_KNOWN = 2.5
"""Zipf frequency above which a word minus an ending (غليانا → غليان) is a known word, so no name."""


@dataclass(frozen=True)
class Target:
    """What a matched form stands for."""

    iso3: str  # a country, "-" for a non-country reading, or a region id
    kind: str  # name, alias, capital, demonym, region, or a homograph's reading
    form: str  # the gazetteer form, as written there
    words: tuple[str, ...]  # normalized tokens after the first


@cache
def _index() -> dict[str, list[tuple[Target, int]]]:
    """``first token (normalized, with proclitics) → [(target, characters before the mention)]``.

    The mention leaves out a preposition or conjunction but keeps the article; where ل + ال is written
    لل (للصين) the ل stays with the mention. Longest forms come first.
    """
    entries: list[tuple[str, str, str, str]] = []
    for row in gazetteer().itertuples(index=False):
        forms = inflect_demonym(row.form) if row.kind == "demonym" else [row.form]
        entries += [(row.iso3, row.kind, row.form, f) for f in forms]
    entries += [(r.region, "region", r.form, r.form) for r in regions().itertuples(index=False)]
    best: dict[tuple[str, ...], tuple[str, str, str]] = {}
    precedence = {kind: i for i, kind in enumerate((*KINDS, "region"))}
    for iso3, kind, form, surface in entries:
        key = tuple(normalize(surface).split())
        if key not in best or precedence[kind] < precedence[best[key][1]]:
            best[key] = (iso3, kind, form)
    excluded = {tuple(normalize(form).split()) for form in _not_mentions() if "ى" not in form}
    index: dict[str, list[tuple[Target, int]]] = defaultdict(list)
    for key, (iso3, kind, form) in best.items():
        if key in excluded:
            continue
        target = Target(iso3, kind, form, key[1:])
        for first, prefix in with_proclitics(key[0]):
            shared_lam = key[0].startswith("ال") and not first[prefix:].startswith("ال")
            index[first].append((target, prefix - 2 if prefix and shared_lam else prefix))
    for targets in index.values():
        targets.sort(key=lambda tp: (-len(tp[0].words), tp[1]))
    return dict(index)


@cache
def _not_mentions() -> frozenset[str]:
    """Forms never taken as mentions (``resources/not_mentions.csv``), without diacritics; a form
    written with final ى (اليمنى "right") is compared before ى and ي are unified."""
    return frozenset(normalize(r["form"], yeh=False) for r in read_resource_csv("not_mentions.csv"))


@cache
def _variant_index() -> dict[str, set[tuple[str, str, str]]]:
    """Deletion neighbourhood of one-word names and capitals: ``string with one letter deleted → forms``."""
    index: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    table = gazetteer()
    for row in table[table["kind"].isin(["name", "capital"])].itertuples(index=False):
        if " " in row.key or len(row.key) < VARIANT_MIN_LENGTH or row.key.startswith("ال"):
            continue
        for i in range(len(row.key) + 1):
            index[row.key[:i] + row.key[i + 1 :]].add((row.iso3, row.key, row.form))
    return dict(index)


@cache
def _variant(norm: str) -> tuple[str, str, str, int] | None:
    """``(iso3, matched key, form, prefix length)`` when ``norm`` is one edit from a single known name."""
    for prefix in ("", "و", "ل", "ب", "ف"):
        if not norm.startswith(prefix):
            continue
        word = norm[len(prefix) :]
        if len(word) < VARIANT_MIN_LENGTH or zipf(word) > VARIANT_MAX_ZIPF or _inflects_a_word(word):
            continue
        index = _variant_index()
        found = set(index.get(word, ()))
        for i in range(len(word)):
            found |= index.get(word[:i] + word[i + 1 :], set())
        found = {f for f in found if f[1] != word and f[1][0] == word[0] and _one_edit(word, f[1])}
        if len({f[0] for f in found}) == 1:
            iso3, key, form = sorted(found)[0]
            return iso3, key, form, len(prefix)
    return None


def _inflects_a_word(word: str) -> bool:
    """Whether ``word`` is a known word plus an ending (غليانا = غليان + tanween alef), not a name."""
    endings = ("ا", "ة", "ه", "ها", "ي", "ين", "ات")
    return any(word.endswith(e) and zipf(word[: -len(e)]) >= STEM_KNOWN for e in endings)


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one substitution, insertion or deletion."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _offset(surface: str, norm_prefix: int) -> int:
    """Characters of ``surface`` taken by the first ``norm_prefix`` normalized characters."""
    if norm_prefix == 0:
        return 0
    for i in range(1, len(surface) + 1):
        if len(normalize(surface[:i])) == norm_prefix and normalize(surface[i : i + 1]) != "":
            return i
    return 0


def _raw_matches(text: str) -> list[dict]:
    """All gazetteer and region matches in ``text``, longest first, before homographs are resolved."""
    tokens = [(m.start(), m.end(), m.group(), m.lastgroup) for m in TOKEN.finditer(text)]
    norms = [analyze(t[2], t[3])[0] if t[3] in WORD_KINDS else "" for t in tokens]
    index = _index()
    matches, i = [], 0
    while i < len(tokens):
        found = None
        for target, prefix in index.get(norms[i], ()):
            n = len(target.words)
            if tuple(norms[i + 1 : i + 1 + n]) == target.words:
                found = (target, prefix, n)
                break
        if found and normalize(tokens[i][2], yeh=False) in _not_mentions():
            found = None
        if found:
            target, prefix, n = found
            start = tokens[i][0] + _offset(tokens[i][2], prefix)
            end = tokens[i + n][1]
            matches.append(
                dict(start=start, end=end, surface=text[start:end], country=target.iso3, kind=target.kind,
                     matched=target.form, token=i)
            )  # fmt: skip
            i += n + 1
            continue
        if tokens[i][3] == "arabic" and (variant := _variant(norms[i])):
            iso3, _key, form, prefix = variant
            start = tokens[i][0] + _offset(tokens[i][2], prefix)
            matches.append(
                dict(start=start, end=tokens[i][1], surface=text[start : tokens[i][1]], country=iso3,
                     kind="variant", matched=form, token=i)
            )  # fmt: skip
        i += 1
    return [dict(m, norms=norms, tokens=tokens) for m in matches]


def _resolve(match: dict, article_countries: set[str]) -> dict | None:
    """Apply ``homographs.csv`` to one match: a country, an ambiguous mention, or None (not a country)."""
    readings = homographs().get(normalize(match["matched"]))
    if not readings or match["kind"] == "variant":
        return match
    i = match["token"]
    norms = match["norms"]
    context = set(norms[max(0, i - 8) : i + 9]) - {norms[i]}
    cued = [r for r in readings if r["cues"] & context]
    if len({r["iso3"] for r in cued}) != 1:
        places = [r for r in readings if r["iso3"] in article_countries]
        cued = places if len(places) == 1 else [r for r in readings if r["default"] == "yes"]
    if len(cued) == 1:
        reading = cued[0]
        if reading["iso3"] == "-":
            return None
        return dict(match, country=reading["iso3"], kind=reading["kind"])
    candidates = sorted(r["iso3"] for r in readings if r["iso3"] != "-")
    return dict(match, country="", ambiguous=True, candidates="|".join(candidates))


def _mentions(text: str, want_regions: bool) -> pd.DataFrame:
    raw = _raw_matches(text)
    places = [m for m in raw if (m["kind"] == "region") == want_regions]
    if not want_regions:
        plain = {m["country"] for m in places if normalize(m["matched"]) not in homographs()}
        places = [r for m in places if (r := _resolve(m, plain)) is not None]
    rows = [
        {**{k: m[k] for k in ("start", "end", "surface", "country", "kind", "matched")},
         "ambiguous": m.get("ambiguous", False), "candidates": m.get("candidates", "")}
        for m in places
    ]  # fmt: skip
    table = pd.DataFrame(rows, columns=MENTION_COLUMNS).astype(
        {"start": "int64", "end": "int64", "ambiguous": bool}
    )
    if want_regions:
        table = table.rename(columns={"country": "region"}).drop(columns=["kind", "ambiguous", "candidates"])
    return table


def _per_sentence(article: pd.DataFrame, roles, want_regions: bool) -> pd.DataFrame:
    from helpers.roles import select_roles
    from helpers.sentences import sentence_table

    text = article.attrs["text"]
    parts = []
    for row in select_roles(sentence_table(article), roles).itertuples(index=False):
        found = _mentions(text[row.start : row.end], want_regions)
        found[["start", "end"]] += row.start
        found.insert(0, "role", row.role)
        found.insert(0, "sentence", row.sentence)
        found.insert(0, "paragraph", row.paragraph)
        found.insert(0, "article", row.article)
        parts.append(found)
    table = pd.concat(parts, ignore_index=True) if parts else _mentions("", want_regions)
    table["position"] = table["start"] / max(len(text), 1)
    return table


def find_country_mentions(source: str | pd.DataFrame, roles=None) -> pd.DataFrame:
    """Every mention of a country in a text or an article table, one row each, in reading order.

    Columns: ``start``, ``end`` (offsets into the text; a preposition or conjunction before the name is
    left out), ``surface``, ``country`` (ISO 3166-1 alpha-3; empty when ``ambiguous``), ``kind`` (name,
    capital, demonym, alias, variant), ``matched`` (the gazetteer form: for a variant, the name it was
    taken for), ``ambiguous`` and ``candidates`` (the possible countries of an ambiguous mention).
    Called with an article table (:func:`helpers.read_article`), the mentions are found sentence by
    sentence in the given roles (default: headline, body, subheadings) and ``article``, ``paragraph``,
    ``sentence``, ``role`` and ``position`` (start / article length, 0–1) are added.

    Homographs are resolved by context (``resources/homographs.csv``): عمان is Amman near الأردن and Oman
    near سلطنة; مالي and سيول are common words unless the context names the country; a mention that stays
    open is marked ambiguous. Regions (أوروبا، الخليج) are not countries: see :func:`find_regions`.

    >>> find_country_mentions("التقى وزير خارجية روسيا نظيره الإيراني في طهران")[["surface", "country", "kind"]].values.tolist()
    [['روسيا', 'RUS', 'name'], ['الإيراني', 'IRN', 'demonym'], ['طهران', 'IRN', 'capital']]
    """
    if isinstance(source, pd.DataFrame):
        return _per_sentence(source, roles, want_regions=False)
    return _mentions(source, want_regions=False)


def find_regions(source: str | pd.DataFrame, roles=None) -> pd.DataFrame:
    """Mentions of regions and continents (أوروبا، آسيا الوسطى، الشرق الأوسط، الخليج، الغرب).

    Columns: ``start``, ``end``, ``surface``, ``region`` (an id such as ``central_asia``), ``matched``;
    with an article table also ``article``, ``paragraph``, ``sentence``, ``role`` and ``position``.
    """
    if isinstance(source, pd.DataFrame):
        return _per_sentence(source, roles, want_regions=True)
    return _mentions(source, want_regions=True)


def country_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions per country: ``country``, ``country_name`` (Arabic), ``mentions`` and one column per kind.

    Ambiguous mentions are not counted (they have no country); most mentioned first.
    """
    resolved = mentions[mentions["country"] != ""]
    kinds = [*KINDS, "variant"]
    table = pd.crosstab(resolved["country"], resolved["kind"]).reindex(columns=kinds, fill_value=0)
    table.insert(0, "mentions", table.sum(axis=1))
    table = table.reset_index().rename_axis(columns=None)
    table.insert(1, "country_name", table["country"].map(display_names()))
    return table.sort_values(["mentions", "country"], ascending=[False, True], ignore_index=True)


def co_mentions(mentions: pd.DataFrame, level: str = "sentence") -> pd.DataFrame:
    """Pairs of countries named in the same sentence (or paragraph): ``first``, ``second``, ``count``.

    ``count`` is the number of sentences (paragraphs) that name both; pairs are in alphabetical order.
    """
    if level not in ("sentence", "paragraph"):
        raise ValueError('level must be "sentence" or "paragraph"')
    resolved = mentions[mentions["country"] != ""]
    pairs: Counter[tuple[str, str]] = Counter()
    for _, group in resolved.groupby(["article", level] if "article" in resolved else [level]):
        pairs.update(combinations(sorted(set(group["country"])), 2))
    rows = sorted(((a, b, n) for (a, b), n in pairs.items()), key=lambda r: (-r[2], r[0], r[1]))
    return pd.DataFrame(rows, columns=["first", "second", "count"]).astype({"count": "int64"})
