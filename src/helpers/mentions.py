"""Finding country and region mentions in the token table: the gazetteer index and the matching rules.

Every gazetteer form (``helpers.gazetteer``) is expanded once into the token sequences a text may
contain: demonyms inflected (إيراني، الإيرانية، الإيرانيين …) and every form with the prepositions and
conjunctions that attach to it (لروسيا، وروسيا، للولايات المتحدة، بالقاهرة). Which tokens can start a mention is
known per distinct word (:mod:`helpers.words`), so only those few tokens are looked at, one dictionary
lookup each, whatever the size of the gazetteer; multi-word names are tried longest first; homographs
are resolved from cue words in their sentence, then from the countries the article names plainly.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache

import polars as pl

from helpers.chars import WORD_KINDS
from helpers.gazetteer import (
    KINDS,
    gazetteer,
    homographs,
    inflect_demonym,
    read_resource_csv,
    regions,
    with_proclitics,
)
from helpers.lexicon import disk_cached, word_frequencies, zipf
from helpers.normalizing import normalize

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
    homograph: bool = False  # whether the reading depends on the context (homographs.csv)


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
        target = Target(iso3, kind, form, key[1:], kind != "region" and normalize(form) in homographs())
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


def _never_a_mention(surface: str) -> bool:
    return normalize(surface, yeh=False) in _not_mentions()


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


@dataclass(frozen=True, slots=True)
class Match:
    """One mention found in the token table (``token`` is its first token's row there)."""

    token: int
    tokens: int  # how many tokens it spans
    country: str  # ISO alpha-3, a region id, or "" when ambiguous
    kind: str  # name, alias, capital, demonym, variant, region
    matched: str  # the gazetteer form (for a variant: the name it was taken for)
    prefix: int  # normalized characters of the first token before the mention (a preposition …)
    homograph: bool = False  # whether the reading depends on the context (:func:`resolve`)
    ambiguous: bool = False
    candidates: str = ""  # the possible countries of an ambiguous mention, "|"-joined


def match_at(token: int, norms: list[str], surface: str) -> Match | None:
    """The longest gazetteer, region or misspelling match starting at ``norms[0]`` (the normalized
    token at row ``token``, then the tokens after it; "" for punctuation, so no name spans it)."""
    found = next(
        (
            (t, p)
            for t, p in _index().get(norms[0], ())
            if not t.words or tuple(norms[1 : 1 + len(t.words)]) == t.words
        ),
        None,
    )
    if found:
        if _never_a_mention(surface):
            return None
        target, prefix = found
        return Match(
            token, len(target.words) + 1, target.iso3, target.kind, target.form, prefix, target.homograph
        )
    if variant := _variant(norms[0]):
        iso3, _key, form, prefix = variant
        return Match(token, 1, iso3, "variant", form, prefix)
    return None


def resolve(match: Match, context: set[str], named: set[str]) -> Match | None:
    """Apply ``homographs.csv`` to a homograph: a country, an ambiguous mention, or None (not a country).

    Cue words are looked for in ``context`` (the normalized words of its sentence within
    :data:`CONTEXT` tokens); then among the countries the article names plainly (``named``).
    """
    if not match.homograph:
        return match
    readings = homographs()[normalize(match.matched)]
    cued = [r for r in readings if r["cues"] & context]
    if len({r["iso3"] for r in cued}) != 1:
        places = [r for r in readings if r["iso3"] in named]
        cued = places if len(places) == 1 else [r for r in readings if r["default"] == "yes"]
    if len(cued) == 1:
        reading = cued[0]
        if reading["iso3"] == "-":
            return None
        return replace(match, country=reading["iso3"], kind=reading["kind"], homograph=False)
    candidates = sorted(r["iso3"] for r in readings if r["iso3"] != "-")
    return replace(match, country="", ambiguous=True, candidates="|".join(candidates))


MENTION_SCHEMA = {
    "token": pl.Int64,
    "tokens": pl.Int32,
    "country": pl.String,
    "kind": pl.String,
    "matched": pl.String,
    "prefix": pl.Int32,
    "ambiguous": pl.Boolean,
    "candidates": pl.String,
}


def _window(tokens: pl.DataFrame, rows: list[int], before: int, after: int, same: str) -> list[list[str]]:
    """The normalized words (punctuation as "") at ``row - before … row + after`` for each of ``rows``,
    cut where ``same`` (pid: paragraph, or sentence key) changes."""
    norm = tokens.select(pl.when(pl.col("kind").is_in(WORD_KINDS)).then(pl.col("norm")).otherwise(pl.lit("")))
    norm = norm.to_series()
    key = tokens[same]
    size = len(tokens)
    centre = pl.Series(rows, dtype=pl.Int64)
    columns = []
    for offset in range(-before, after + 1):
        at = (centre + offset).clip(0, max(size - 1, 0))
        inside = (
            ((centre + offset) >= 0) & ((centre + offset) < size) & (key.gather(at) == key.gather(centre))
        )
        columns.append(pl.select(pl.when(inside).then(norm.gather(at)).otherwise(pl.lit(None))).to_series())
    return [list(values) for values in zip(*(c.to_list() for c in columns), strict=True)] if rows else []


def find_matches(tokens: pl.DataFrame) -> pl.DataFrame:
    """Every country and region mention in a token table (:func:`helpers.tokens.token_table`), homographs
    resolved (:data:`MENTION_SCHEMA`; ``token`` is the row of its first token).

    Only the tokens that can start a mention are looked at: the longest match wins, and the tokens a
    match takes cannot start another one.
    """
    starts = tokens.with_row_index("row").filter(pl.col("candidate"))
    rows = starts["row"].cast(pl.Int64).to_list()
    longest = max(len(t.words) for targets in _index().values() for t, _ in targets)
    following = _window(tokens, rows, 0, longest, "pid")
    matches: list[Match] = []
    free = 0
    for row, norms, surface in zip(rows, following, starts["surface"].to_list(), strict=True):
        if row < free:
            continue
        match = match_at(row, [n or "" for n in norms], surface)
        if match is not None:
            matches.append(match)
            free = row + match.tokens
    docs = tokens["doc"].gather([m.token for m in matches]).to_list() if matches else []
    named: dict[int, set[str]] = defaultdict(set)
    for doc, match in zip(docs, matches, strict=True):
        if match.kind != "region" and not match.homograph:
            named[doc].add(match.country)
    homograph_rows = [m.token for m in matches if m.homograph]
    tokens = tokens.with_columns(key=pl.struct("doc", "sentence"))
    contexts = dict(
        zip(homograph_rows, _window(tokens, homograph_rows, CONTEXT, CONTEXT, "key"), strict=True)
    )
    resolved = []
    for doc, match in zip(docs, matches, strict=True):
        if match.homograph:
            context = set(contexts[match.token]) - {contexts[match.token][CONTEXT], None, ""}
            match = resolve(match, context, named[doc])
        if match is not None:
            resolved.append(match)
    return pl.DataFrame(
        [
            (m.token, m.tokens, m.country, m.kind, m.matched, m.prefix, m.ambiguous, m.candidates)
            for m in resolved
        ],
        schema=MENTION_SCHEMA,
        orient="row",
    )
