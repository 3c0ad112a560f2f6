"""What the analysis knows of each distinct token: one table, with one owner, one bound and one ``clear()``.

Every token of a text is looked up here, in bulk (a join on the token's written form); a form that is not
known yet is analysed once, in Python, by the word-level rules of :mod:`helpers.lexicon` (normalizing,
clitics, stopwords) and :mod:`helpers.countries` (can it start a country mention?). No other module keeps
state about words.
"""

from __future__ import annotations

from functools import cache

import polars as pl

from helpers import lexicon
from helpers.chars import KINDS
from helpers.frequencies import disk_cached
from helpers.mentions import word_mentions
from helpers.normalizing import normalize
from helpers.sentences import MARKS

KIND = pl.Enum(list(KINDS))
"""Token kinds, in the order :data:`helpers.chars.KINDS` tries them."""
SCHEMA = {
    "surface": pl.String,
    "kind": KIND,
    "length": pl.Int64,
    "norm": pl.String,
    "base": pl.String,
    "is_stop": pl.Boolean,
    "spaced": pl.Boolean,
    "mark": pl.Int8,
    "single": pl.Boolean,
    "candidate": pl.Boolean,
    "never": pl.Boolean,
    "variant_country": pl.String,
    "variant_form": pl.String,
    "variant_prefix": pl.Int32,
}
"""``surface`` (as written) → ``kind`` (arabic, number, latin, other, gap, punct), ``length``, ``norm``
(:func:`helpers.normalize`; Latin casefolded), ``base`` (norm without proclitics), ``is_stop`` and
``spaced`` (a gap that holds a space or a line end), ``mark`` (:data:`helpers.sentences.MARKS`: what the
token is to the sentence rule), ``single`` (a one-letter word), ``candidate`` (starts a gazetteer form),
``never`` (never a mention) and ``variant_*`` (the name a misspelling stands for:
:func:`helpers.mentions.word_mentions`)."""
LIMIT = 300_000
"""Distinct written forms kept (about 15 MB of table): past that, only the forms of the text at hand are
kept. A corpus worker reaches it after some 25,000 generated articles."""
BULK = 20_000
"""New forms in one lookup above which the lexicon's precomputed bases are loaded (about 0.5 s)."""


def _kinds(surfaces: pl.Series) -> pl.Series:
    """The kind of each distinct token, by the same patterns that cut the text into tokens."""
    expression = pl.lit("punct")
    for kind, pattern in reversed(list(KINDS.items())[:-1]):
        expression = (
            pl.when(pl.col("surface").str.contains(f"^(?:{pattern})$"))
            .then(pl.lit(kind))
            .otherwise(expression)
        )
    return pl.DataFrame({"surface": surfaces}).select(expression.alias("kind")).to_series()


@cache
def known_bases_table() -> pl.DataFrame:
    """The lexicon's precomputed bases (:func:`helpers.lexicon.known_bases`) as a table, ``norm`` →
    ``base``, kept on disk so that a process loads it in a fraction of a second."""
    return disk_cached(
        "bases-table",
        lambda: pl.DataFrame(
            {"norm": list(lexicon.known_bases()), "base": list(lexicon.known_bases().values())},
            schema={"norm": pl.String, "base": pl.String},
        ),
        "normalizing.py", "lexicon.py", "gazetteer.py", "resources/*",
    )  # fmt: skip


def _known_bases(norms: list[str]) -> dict[str, str]:
    """The precomputed bases of those ``norms`` the lexicon has, joined in bulk."""
    table = known_bases_table()
    found = pl.DataFrame({"norm": norms}, schema={"norm": pl.String}).join(table, on="norm", how="inner")
    return dict(found.iter_rows())


def analyse(surfaces: list[str]) -> pl.DataFrame:
    """The :data:`SCHEMA` rows of some distinct written forms (the word-level rules, applied once each).

    >>> analyse(["وللدبلوماسيّة", "Iran", "٢٠١٩", "،"]).select("surface", "norm", "base", "is_stop").rows()
    [('وللدبلوماسيّة', 'وللدبلوماسية', 'دبلوماسية', False), ('Iran', 'iran', 'iran', False), ('٢٠١٩', '2019', '2019', False), ('،', '،', '،', True)]
    """
    kinds = _kinds(pl.Series(surfaces, dtype=pl.String)).to_list()
    plain = [s for s, k in zip(surfaces, kinds, strict=True) if k not in ("latin", "gap")]
    norms = normalize("\n".join(plain)).split("\n") if plain else []  # one pass over all forms
    arabic = [n for n, s in zip(norms, plain, strict=True) if not lexicon.HAMZA_ARTICLE.search(s)]
    # the lexicon's precomputed bases, joined in bulk, once loaded or worth loading
    loaded = known_bases_table.cache_info().currsize > 0
    known = _known_bases(arabic) if arabic and (loaded or len(arabic) > BULK) else {}
    norms = iter(norms)
    stop = lexicon.stopwords()
    rows = []
    for surface, kind in zip(surfaces, kinds, strict=True):
        if kind == "gap":
            spaced = any(c.isspace() for c in surface)
            rows.append(
                (surface, kind, len(surface), "", "", True, spaced, 0, False, False, False, None, None, None)
            )
            continue
        norm = surface.casefold() if kind == "latin" else next(norms)
        if kind == "arabic":
            if lexicon.HAMZA_ARTICLE.search(surface):  # the base depends on how the alef is written
                _, word_base, is_stop = lexicon.analyse_word(surface)
            else:
                word_base = known.get(norm) or lexicon.base(norm)
                is_stop = norm in stop or word_base in stop
        else:
            word_base, is_stop = norm, kind == "punct"
        candidate, never, variant = word_mentions(norm, surface) if kind != "punct" else (False, False, None)
        single = kind in ("arabic", "latin") and len(surface) == 1
        rows.append((surface, kind, len(surface), norm, word_base, is_stop, False, MARKS.get(surface, 0), single,
                     candidate or variant is not None, never, *(variant or (None, None, None))))  # fmt: skip
    columns = zip(*rows, strict=True) if rows else [()] * len(SCHEMA)
    return pl.DataFrame(dict(zip(SCHEMA, columns, strict=True)), schema=SCHEMA)


class WordTable:
    """The analyses of the distinct written forms met so far (:data:`SCHEMA`), at most ``limit`` of them."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self.frame = pl.DataFrame(schema=SCHEMA)

    def clear(self) -> None:
        """Forget every word (memory back to nothing; the next lookups analyse again)."""
        self.frame = pl.DataFrame(schema=SCHEMA)

    def __len__(self) -> int:
        return len(self.frame)

    def _find(self, surfaces: pl.Series) -> pl.Series:
        known = self.frame.select("surface").with_row_index("id")
        query = surfaces.to_frame("surface")
        return query.join(known, on="surface", how="left", maintain_order="left")["id"]

    def ids(self, surfaces: pl.Series) -> pl.Series:
        """The row in :attr:`frame` of each written form (forms met for the first time are analysed and
        added first). The rows hold until the next call."""
        found = self._find(surfaces)
        missing = found.is_null()
        if not missing.any():
            return found
        new = surfaces.filter(missing).unique(maintain_order=True)
        if len(self.frame) + len(new) > self.limit:  # start afresh, but keep what this text uses
            self.frame = self.frame.filter(pl.col("surface").is_in(surfaces.unique().implode()))
            found = self._find(surfaces)
        first = len(self.frame)
        self.frame = pl.concat([self.frame, analyse(new.to_list())], rechunk=True)
        added = pl.Series(range(first, first + len(new)), dtype=found.dtype)
        return found.scatter(missing.arg_true(), surfaces.filter(missing).replace_strict(new, added))

    def lookup(self, surfaces: list[str]) -> pl.DataFrame:
        """The rows of some written forms, in the order given.

        >>> WORDS.lookup(["لإيران"])["base"].to_list()
        ['ايران']
        """
        rows = self.ids(pl.Series(surfaces, dtype=pl.String))  # first: it may replace the frame
        return self.frame.gather(rows)


WORDS = WordTable()
"""The one table of this process."""
