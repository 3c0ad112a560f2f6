"""Finding country and region mentions in the token table: the gazetteer index and the matching rules.

Every gazetteer form (``helpers.gazetteer``) is expanded once into the token sequences a text may
contain: demonyms inflected (إيراني، الإيرانية، الإيرانيين …) and every form with the prepositions and
conjunctions that attach to it (لروسيا، وروسيا، للولايات المتحدة، بالقاهرة). Which tokens can start a mention is
known per distinct word (:mod:`helpers.words`), so only those few tokens are looked at, one dictionary
lookup each, whatever the size of the gazetteer; multi-word names are tried longest first; homographs
are resolved from cue words in their sentence, then from the countries the article names plainly.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
import polars as pl

from helpers.chars import WORD_KINDS
from helpers.frequencies import disk_cached, word_frequencies, zipf
from helpers.gazetteer import (
    KINDS,
    cities,
    gazetteer,
    homographs,
    inflect_demonym,
    read_resource_csv,
    regions,
    with_proclitics,
)
from helpers.mention_rules import (
    CLOSING_QUOTES,
    KINGDOM,
    OPENING_QUOTES,
    Context,
    decide,
    may_apply,
    needs_article_phrases,
    phrases,
)
from helpers.mention_rules import Match as RuleMatch
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
    entries += [(r.iso3, "city", r.form, r.form) for r in cities().itertuples(index=False)]
    best: dict[tuple[str, ...], tuple[str, str, str]] = {}
    precedence = {kind: i for i, kind in enumerate((*KINDS, "region", "city"))}
    for iso3, kind, form, surface in entries:
        key = tuple(normalize(surface).split())
        if key not in best or precedence[kind] < precedence[best[key][1]]:
            best[key] = (iso3, kind, form)
    excluded = {tuple(normalize(form).split()) for form in _not_mentions() if "ى" not in form}
    index: dict[str, list[tuple[Target, int]]] = defaultdict(list)
    for key, (iso3, kind, form) in best.items():
        if key in excluded:
            continue
        homograph = kind not in ("region", "city") and normalize(form) in homographs() and key != (KINGDOM,)
        target = Target(iso3, kind, form, key[1:], homograph)
        for first, prefix in with_proclitics(key[0]):
            shared_lam = key[0].startswith("ال") and not first[prefix:].startswith("ال")
            index[first].append((target, prefix - 2 if prefix and shared_lam else prefix))
    for targets in index.values():
        targets.sort(key=lambda tp: (-len(tp[0].words), tp[1]))
    return dict(index)


@cache
def _starts() -> frozenset[str]:
    """The words that can start a gazetteer form (the keys of :func:`_index`), kept on disk: a corpus
    worker needs only these, and reads them far faster than the index is built."""
    return disk_cached(
        "index-starts", lambda: frozenset(_index()), "gazetteer.py", "mentions.py", "resources/*"
    )


@cache
def _not_mentions() -> frozenset[str]:
    """Forms never taken as mentions (``resources/not_mentions.csv``), without diacritics; a form
    written with final ى (اليمنى "right") is compared before ى and ي are unified."""
    return frozenset(normalize(r["form"], yeh=False) for r in read_resource_csv("not_mentions.csv"))


@cache
def _not_mention_norms() -> frozenset[str]:
    """:func:`_not_mentions` with ى and ي unified, as a word's ``norm`` is: a word whose norm is not
    among them is no such form, and is not normalized a second time."""
    return frozenset(normalize(form) for form in _not_mentions())


def _never_a_mention(surface: str, norm: str) -> bool:
    return norm in _not_mention_norms() and normalize(surface, yeh=False) in _not_mentions()


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


def word_mentions(norm: str, surface: str) -> tuple[bool, bool, tuple[str, str, int] | None]:
    """What a word can be for the mention finder: whether it starts a gazetteer form (a key of the
    index), whether it is never a mention (``not_mentions.csv``), and, when it is a misspelling of one
    name, ``(iso3, name, prefix length)``.

    >>> word_mentions("لروسيا", "لروسيا")[0], word_mentions("بيلاتوس", "بيلاتوس")[2]
    (True, ('BLR', 'بيلاروس', 0))
    """
    never = _never_a_mention(surface, norm)
    if norm in _starts():
        return True, never, None
    if len(norm) < VARIANT_MIN_LENGTH or (norm in word_frequencies() and norm not in _lexicon_variants()):
        return False, never, None  # too short for a misspelling, or a known word
    variant = _variant(norm)
    return False, never, None if variant is None else (variant[0], variant[2], variant[3])


@cache
def _lexicon_variants() -> frozenset[str]:
    """The lexicon's words that :func:`_variant` takes for a misspelled name, found once for all and
    kept on disk with the lexicon (a corpus meets most of the lexicon: each word is then a look-up)."""
    return disk_cached(
        "variants",
        lambda: frozenset(w for w in word_frequencies() if len(w) >= VARIANT_MIN_LENGTH and _variant(w)),
        "normalizing.py", "lexicon.py", "gazetteer.py", "mentions.py", "resources/*",
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


@cache
def index_table() -> pl.DataFrame:
    """The gazetteer index as a table: ``first`` (normalized first token, with proclitics), ``rank``
    (longest forms first), ``w1`` … (the normalized tokens that must follow, null past the form's
    end), ``tokens``, ``country``, ``kind``, ``matched``, ``prefix``, ``homograph``. Kept on disk: a
    corpus worker reads it in a tenth of the time it takes to build."""
    return disk_cached("index-table", _index_table, "gazetteer.py", "mentions.py", "resources/*")


def _index_table() -> pl.DataFrame:
    longest = max(len(t.words) for targets in _index().values() for t, _ in targets)
    rows = [
        (first, rank, *target.words, *[None] * (longest - len(target.words)), len(target.words) + 1,
         target.iso3, target.kind, target.form, prefix, target.homograph)
        for first, targets in _index().items()
        for rank, (target, prefix) in enumerate(targets)
    ]  # fmt: skip
    following = [f"w{k}" for k in range(1, longest + 1)]
    schema = {"first": pl.String, "rank": pl.Int32, **dict.fromkeys(following, pl.String), "tokens": pl.Int32,
              "country": pl.String, "kind": pl.String, "matched": pl.String, "prefix": pl.Int32,
              "homograph": pl.Boolean}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row")


def _word_columns(tokens: pl.DataFrame) -> pl.DataFrame:
    """What the windows of :func:`_window` read of each token: ``word`` (its normalized form, "" for
    punctuation), ``doc``, ``sentence`` and ``pid``."""
    word = pl.when(pl.col("kind").is_in(WORD_KINDS)).then(pl.col("norm")).otherwise(pl.lit(""))
    return tokens.select(word.alias("word"), "doc", "sentence", "pid")


def _near(words: pl.DataFrame, rows: pl.Series, offsets: range, same: tuple[str, ...]) -> pl.Series:
    """The ``word`` of :func:`_word_columns` at ``row + offset`` for each of ``rows`` and each offset,
    row after row; null where that position is outside the table or where a column of ``same``
    (``pid``, or ``doc`` and ``sentence``) changes. One gather for them all."""
    home = np.repeat(rows.cast(pl.Int64).to_numpy(), len(offsets))
    at = home + np.tile(np.array(offsets, dtype=np.int64), len(rows))
    inside = (at >= 0) & (at < len(words))
    near = words.gather(np.where(inside, at, 0)) if len(at) else words.clear()
    keep = pl.Series(inside, dtype=pl.Boolean)
    for column in same:
        keep = keep & (near[column] == words[column].gather(home))
    return pl.select(pl.when(keep).then(near["word"])).to_series()


def _window(words: pl.DataFrame, rows: pl.Series, offsets: range, same: tuple[str, ...]) -> pl.DataFrame:
    """:func:`_near` as one column per offset (``o0``, ``o1`` … in the order of ``offsets``)."""
    near = _near(words, rows, offsets, same)
    return pl.DataFrame({f"o{n}": near.gather_every(len(offsets), n) for n in range(len(offsets))})


def _window_rows(words: pl.DataFrame, rows: pl.Series, offsets: range, same: tuple[str, ...]) -> list[list]:
    """:func:`_near` as one list of words per row."""
    near, width = _near(words, rows, offsets, same).to_list(), len(offsets)
    return [near[i : i + width] for i in range(0, len(near), width)]


SENTENCE = ("doc", "sentence")
"""The columns that tell one sentence from the next in :func:`_word_columns`."""


def find_matches(tokens: pl.DataFrame) -> pl.DataFrame:
    """Every country and region mention in a token table (:func:`helpers.tokens.token_table`), homographs
    resolved (:data:`MENTION_SCHEMA`; ``token`` is the row of its first token).

    Only the tokens that can start a mention are looked at, all at once: each is joined with the
    gazetteer forms it can start, and the longest form whose following tokens are there wins; the tokens
    a match takes cannot start another one.
    """
    index = index_table()
    following = [c for c in index.columns if c.startswith("w")]
    starts = tokens.with_row_index("token").filter(pl.col("candidate") & ~pl.col("never"))
    rows = starts["token"].cast(pl.Int64)
    words = _word_columns(tokens)
    after = _window(words, rows, range(1, len(following) + 1), ("pid",))
    after.columns = [f"n{c[1:]}" for c in following]
    starts = pl.concat([starts.select("token", "doc", "norm", "variant_country", "variant_form",
                                      "variant_prefix"), after], how="horizontal")  # fmt: skip
    fits = pl.all_horizontal([pl.col(w).is_null() | (pl.col(w) == pl.col(f"n{w[1:]}")) for w in following])
    named_forms = (
        starts.join(index, left_on="norm", right_on="first")
        .filter(fits)
        .sort("token", "rank")
        .group_by("token", maintain_order=True)
        .first()
        .select("token", "doc", "tokens", "country", "kind", "matched", "prefix", "homograph")
    )
    variants = starts.filter(pl.col("variant_country").is_not_null()).select(
        "token", "doc", tokens=pl.lit(1, pl.Int32), country="variant_country", kind=pl.lit("variant"),
        matched="variant_form", prefix="variant_prefix", homograph=pl.lit(False),
    )  # fmt: skip
    found = pl.concat([named_forms, variants]).sort("token")
    kept, free = [], 0  # the tokens of a match cannot start another
    for token, length in found.select("token", "tokens").iter_rows():
        kept.append(token >= free)
        free = max(free, token + length) if token >= free else free
    found = found.filter(pl.Series(kept, dtype=pl.Boolean))
    named = (
        found.filter((pl.col("kind") != "region") & ~pl.col("homograph"))
        .group_by("doc")
        .agg(pl.col("country").unique())
    )
    named_by_doc = {doc: set(countries) for doc, countries in named.iter_rows()}
    homographs_found = found.filter(pl.col("homograph"))
    contexts = _window_rows(words, homographs_found["token"], range(-CONTEXT, CONTEXT + 1), SENTENCE)
    found = found.with_columns(ambiguous=pl.lit(False), candidates=pl.lit(""))
    fields = [f for f in Match.__dataclass_fields__]
    decided = []
    for row, context in zip(homographs_found.iter_rows(named=True), contexts, strict=True):
        match = Match(**{f: row.get(f, False if f == "ambiguous" else "") for f in fields})
        cues = set(context) - {context[CONTEXT], None, ""}
        decided.append((match.token, resolve(match, cues, named_by_doc.get(row["doc"], set()))))
    if decided:
        gone = [token for token, match in decided if match is None]
        changed = pl.DataFrame(
            [(m.token, m.country, m.kind, m.ambiguous, m.candidates) for _, m in decided if m is not None],
            schema={"token": pl.UInt32, "country": pl.String, "kind": pl.String, "ambiguous": pl.Boolean,
                    "candidates": pl.String}, orient="row",
        )  # fmt: skip
        found = found.filter(~pl.col("token").is_in(gone)).update(changed, on="token")
    return _decided(found, tokens, words).select(list(MENTION_SCHEMA)).cast(MENTION_SCHEMA)


DASHES = ("-", "–", "—", ":")


def _words(values: tuple, reverse: bool = False) -> tuple[str, ...]:
    """The words of a window up to the nearest punctuation (or the sentence's edge)."""
    out = []
    for value in reversed(values) if reverse else values:
        if not value:
            break
        out.append(value)
    return tuple(reversed(out)) if reverse else tuple(out)


def _decided(found: pl.DataFrame, tokens: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """Every match put to the context rules of :mod:`helpers.mention_rules` (organisations, people,
    languages, set phrases, bare المملكة, adjectives …): its kind and country as decided.

    Which matches a rule may apply to is found for all of them at once (:func:`may_apply`); only those
    go to :func:`decide` one by one, with their whole context."""
    if found.is_empty():
        return found
    first, last = found["token"].cast(pl.Int64), (found["token"] + found["tokens"] - 1).cast(pl.Int64)
    size = len(tokens)
    surfaces, pids = tokens["surface"], tokens["pid"]
    spans = _window(words, first, range(int(found["tokens"].max())), ())
    near = pl.concat(
        [_window(words, first, range(-2, 0), SENTENCE).rename({"o0": "before2", "o1": "before1"}),
         _window(words, last, range(1, 2), SENTENCE).rename({"o0": "after1"})], how="horizontal",
    )  # fmt: skip
    table = pl.concat([found.with_row_index("row").rename({"prefix": "cut"}), near], how="horizontal").with_columns(
        form=pl.concat_str(
            [spans["o0"].str.slice(found["prefix"])]
            + [pl.when(found["tokens"] > k).then(" " + spans[f"o{k}"]) for k in range(1, spans.width)],
            ignore_nulls=True,
        ),
        surface=surfaces.gather(first).str.slice(found["prefix"]),
        prefix=tokens["norm"].gather(first).str.slice(0, found["prefix"]),
        next_surface=pl.Series(_around(tokens, last, 1), dtype=pl.String),
        starts_paragraph=(first == 0) | (pids.gather(first) != pids.gather((first - 1).clip(0, size - 1))),
    )  # fmt: skip
    asked = table.filter((pl.col("kind") != "region") & (may_apply() | pl.col("ambiguous")))
    if asked.is_empty():
        return found
    counted = table.filter(pl.col("kind").is_in(KINDS) & (pl.col("country") != "") & ~pl.col("ambiguous"))
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for doc, country, n in counted.group_by("doc", "country").len().iter_rows():
        counts[doc][country] = n
    datelines = (
        table.filter(pl.col("starts_paragraph") & pl.col("next_surface").is_in(DASHES) & (pl.col("country") != ""))
        .group_by("doc").agg(pl.col("country").first())
    )  # fmt: skip
    dateline = dict(datelines.iter_rows())
    rows = asked["row"].cast(pl.Int64)
    a_first, a_last = first.gather(rows), last.gather(rows)
    before = _window_rows(words, a_first, range(-CONTEXT, 0), SENTENCE)
    after = _window_rows(words, a_last, range(1, CONTEXT + 1), SENTENCE)
    opening, closing = _around(tokens, a_first, -1), _around(tokens, a_last, 1)
    wanted = [
        doc
        for doc, form in asked.select("doc", "form").iter_rows()
        if needs_article_phrases(tuple(form.split()))
    ]
    article_words = (
        tokens.filter(pl.col("doc").is_in(wanted) & (pl.col("kind") != "punct")).group_by("doc").agg("norm")
    )
    phrases_of = {doc: phrases(words) for doc, words in article_words.iter_rows()}
    decided = []
    columns = ("doc", "form", "surface", "kind", "country", "prefix", "candidates")
    for i, (doc, form, surface, kind, country, prefix, open_) in enumerate(asked.select(columns).iter_rows()):
        candidates = tuple(c for c in open_.split("|") if c)  # a homograph left open (عمان)
        match = RuleMatch(surface, tuple(form.split()), kind, country, prefix, candidates)
        context = Context(
            before=_words(before[i], reverse=True),
            after=_words(after[i]),
            quoted=bool(opening[i])
            and opening[i] in OPENING_QUOTES
            and bool(closing[i])
            and closing[i] in CLOSING_QUOTES,
            article_countries=counts[doc],
            article_phrases=phrases_of.get(doc, frozenset()),
            dateline=dateline.get(doc, ""),
        )
        decision = decide(match, context)
        kind = "province" if decision.kind == "region" else decision.kind  # not a region match
        decided.append((decision.country, kind, decision.ambiguous, "|".join(decision.candidates)))
    changed = pl.DataFrame(
        [(token, *d) for token, d in zip(asked["token"], decided, strict=True)],
        schema={"token": found["token"].dtype, "country": pl.String, "kind": pl.String, "ambiguous": pl.Boolean,
                "candidates": pl.String}, orient="row",
    )  # fmt: skip
    return found.update(changed, on="token")


def _around(tokens: pl.DataFrame, rows: pl.Series, offset: int) -> list[str]:
    """The surface ``offset`` tokens from each of ``rows`` in the same paragraph, else ""."""
    size, surfaces, pids = len(tokens), tokens["surface"], tokens["pid"]
    at = (rows + offset).clip(0, size - 1)
    same = (pids.gather(at) == pids.gather(rows)) & ((rows + offset) >= 0) & ((rows + offset) < size)
    return [s if ok else "" for s, ok in zip(surfaces.gather(at).to_list(), same.to_list(), strict=True)]
