"""Country mentions: names, capitals, demonyms, aliases and misspellings, found in one pass.

Every gazetteer form (``helpers.gazetteer``) is expanded once into the token sequences a text may
contain: demonyms inflected (إيراني، الإيرانية، الإيرانيين …) and every form with the prepositions and
conjunctions that attach to it (لروسيا، وروسيا، للولايات المتحدة، بالقاهرة). Matching is then one dictionary
lookup per token, whatever the size of the gazetteer; multi-word names are tried longest first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
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
from helpers.lexicon import WORD_CACHE, disk_cached, word_frequencies, zipf
from helpers.normalizing import normalize, surface_offset
from helpers.tokenizing import TOKEN, WORD_KINDS, analyze

MENTION_COLUMNS = ["start", "end", "surface", "country", "kind", "matched", "ambiguous", "candidates"]
VARIANT_MIN_LENGTH = 6
"""Shortest word (and gazetteer form) considered for a misspelling match."""
VARIANT_MAX_ZIPF = 1.5
"""A word more frequent than this is a real word, never a misspelled name (تركيز)."""
CONTEXT = 8
"""Words on each side of a homograph, within its sentence, searched for cue words."""
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


@lru_cache(maxsize=WORD_CACHE)
def _never_a_mention(surface: str) -> bool:
    return normalize(surface, yeh=False) in _not_mentions()


@lru_cache(maxsize=4096)
def _form_key(form: str) -> str:
    """A gazetteer form normalized (cached: the same few hundred forms are looked up again and again)."""
    return normalize(form)


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


@lru_cache(maxsize=WORD_CACHE)
def _variant(norm: str) -> tuple[str, str, str, int] | None:
    """``(iso3, matched key, form, prefix length)`` when ``norm`` is one edit from a single known name.

    A word more frequent than :data:`VARIANT_MAX_ZIPF` is a real word, also when what follows a
    proclitic-like first letter looks like a name (برلمانيا is not ب + a misspelled رومانيا)."""
    if zipf(norm) > VARIANT_MAX_ZIPF:
        return None
    for prefix in ("", "و", "ل", "ب", "ف"):
        if not norm.startswith(prefix):
            continue
        word = norm[len(prefix) :]
        if len(word) < VARIANT_MIN_LENGTH or zipf(word) > VARIANT_MAX_ZIPF:
            continue  # too short, or a real word
        index = _variant_index()
        found = set(index.get(word, ()))
        for i in range(len(word)):
            found |= index.get(word[:i] + word[i + 1 :], set())
        found = {f for f in found if f[1] != word and f[1][0] == word[0] and _one_edit(word, f[1])}
        if not found or _inflects_a_word(word):
            continue
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


def is_candidate(norm: str) -> bool:
    """Whether a normalized token can start a mention: a gazetteer form, or a misspelling of one."""
    if norm in _index():
        return True
    if len(norm) < VARIANT_MIN_LENGTH:  # a misspelling has that many letters after any proclitic
        return False
    if norm in word_frequencies():
        return norm in _lexicon_variants()
    return _variant(norm) is not None


@cache
def _lexicon_variants() -> frozenset[str]:
    """The lexicon's words that :func:`_variant` takes for a misspelled name, found once for all and
    kept on disk with the lexicon (a corpus meets most of the lexicon: each word is then a look-up)."""
    return disk_cached(
        "variants",
        lambda: frozenset(w for w in word_frequencies() if len(w) >= VARIANT_MIN_LENGTH and _variant(w)),
        "normalizing.py", "lexicon.py", "gazetteer.py", "countries.py", "resources/*",
    )  # fmt: skip


def match_tokens(surfaces: list[str], norms: list[str], starts: list[int] | None = None) -> list[dict]:
    """Gazetteer, region and misspelling matches in a token sequence, longest first, before homographs
    are resolved: ``token`` (index), ``tokens`` (how many), ``country``, ``kind``, ``matched`` and
    ``prefix`` (normalized characters of the first token before the mention).

    One dictionary lookup per distinct token decides which positions can start a mention; a caller
    that already knows them (the corpus analysis) passes them as ``starts``, in order.
    """
    index = _index()
    matches: list[dict] = []
    free = 0
    if starts is None:
        candidates = {norm for norm in set(norms) if is_candidate(norm)}
        starts = [i for i, norm in enumerate(norms) if norm in candidates]
    for i in starts:
        if i < free:
            continue
        found = next(
            (
                (t, p)
                for t, p in index.get(norms[i], ())
                if not t.words or tuple(norms[i + 1 : i + 1 + len(t.words)]) == t.words
            ),
            None,
        )
        if found and _never_a_mention(surfaces[i]):
            continue
        if found:
            target, prefix = found
            matches.append(dict(token=i, tokens=len(target.words) + 1, country=target.iso3, kind=target.kind,
                                matched=target.form, prefix=prefix))  # fmt: skip
            free = i + len(target.words) + 1
        elif variant := _variant(norms[i]):
            iso3, _key, form, prefix = variant
            matches.append(dict(token=i, tokens=1, country=iso3, kind="variant", matched=form, prefix=prefix))
    return matches


def _raw_matches(text: str) -> list[dict]:
    """:func:`match_tokens` over ``text``, with character offsets."""
    tokens = [(m.start(), m.end(), m.group(), m.lastgroup) for m in TOKEN.finditer(text)]
    surfaces = [t[2] for t in tokens]
    norms = [analyze(t[2], t[3])[0] if t[3] in WORD_KINDS else "" for t in tokens]
    matches = []
    for match in match_tokens(surfaces, norms):
        first, last = tokens[match["token"]], tokens[match["token"] + match["tokens"] - 1]
        start = first[0] + surface_offset(first[2], match["prefix"])
        i = match["token"]
        context = set(norms[max(0, i - CONTEXT) : i + CONTEXT + 1]) - {norms[i]}
        matches.append(dict(match, start=start, end=last[1], surface=text[start : last[1]], context=context))
    return matches


def plain_countries(matches: list[dict]) -> set[str]:
    """Countries named unambiguously among raw matches: what homographs are resolved against."""
    return {
        m["country"] for m in matches if m["kind"] != "region" and _form_key(m["matched"]) not in homographs()
    }


def needs_context(match: dict) -> bool:
    """Whether :func:`resolve` looks at the context of a match (only homographs need one)."""
    return match["kind"] != "variant" and _form_key(match["matched"]) in homographs()


def resolve(match: dict, article_countries: set[str]) -> dict | None:
    """Apply ``homographs.csv`` to one match: a country, an ambiguous mention, or None (not a country).

    Cue words are looked for in ``match["context"]`` (the normalized words of its sentence within
    :data:`CONTEXT` words); then among the countries the article names unambiguously.
    """
    if not needs_context(match):
        return match
    readings = homographs()[_form_key(match["matched"])]
    cued = [r for r in readings if r["cues"] & match["context"]]
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


def _table(raw: list[dict], want_regions: bool, article_countries: set[str]) -> pd.DataFrame:
    places = [m for m in raw if (m["kind"] == "region") == want_regions]
    if not want_regions:
        places = [r for m in places if (r := resolve(m, article_countries)) is not None]
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


def _mentions(text: str, want_regions: bool) -> pd.DataFrame:
    raw = _raw_matches(text)
    return _table(raw, want_regions, plain_countries(raw))


def _per_sentence(article: pd.DataFrame, roles, want_regions: bool) -> pd.DataFrame:
    from helpers.roles import select_roles
    from helpers.sentences import place_in_article, sentence_table

    text = article.attrs["text"]
    sentences = list(select_roles(sentence_table(article), roles).itertuples(index=False))
    raws = [_raw_matches(text[row.start : row.end]) for row in sentences]
    named = plain_countries([m for raw in raws for m in raw])
    parts = []
    for row, raw in zip(sentences, raws, strict=True):
        parts.append(place_in_article(_table(raw, want_regions, named), row))
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
