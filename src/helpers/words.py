"""What the analysis knows of each distinct token: one table, with one owner, one bound and one ``clear()``.

Every token of a text is looked up here, in bulk (a join on the token's written form); a form that is not
known yet is analysed once, in Python, by the word-level rules of :mod:`helpers.lexicon` (normalizing,
clitics, stopwords) and :mod:`helpers.countries` (can it start a country mention?). No other module keeps
state about words.
"""

from __future__ import annotations

import polars as pl

from helpers import lexicon
from helpers.chars import KINDS
from helpers.mentions import is_candidate
from helpers.normalizing import normalize

SCHEMA = {
    "surface": pl.String,
    "kind": pl.String,
    "norm": pl.String,
    "base": pl.String,
    "is_stop": pl.Boolean,
    "candidate": pl.Boolean,
    "spaced": pl.Boolean,
}
"""``surface`` (as written) → ``kind`` (arabic, number, latin, other, gap, punct), ``norm``
(:func:`helpers.normalize`; Latin casefolded), ``base`` (norm without proclitics), ``is_stop`` and
``candidate`` (can start a country mention); ``spaced`` is true for a gap that holds a space or a line end."""
LIMIT = 300_000
"""Distinct written forms kept (about 100 MB): past that, only the forms of the text at hand are kept."""
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


def analyse(surfaces: list[str]) -> pl.DataFrame:
    """The :data:`SCHEMA` rows of some distinct written forms (the word-level rules, applied once each).

    >>> analyse(["وللدبلوماسيّة", "Iran", "٢٠١٩", "،"]).select("surface", "norm", "base", "is_stop").rows()
    [('وللدبلوماسيّة', 'وللدبلوماسية', 'دبلوماسية', False), ('Iran', 'iran', 'iran', False), ('٢٠١٩', '2019', '2019', False), ('،', '،', '،', True)]
    """
    kinds = _kinds(pl.Series(surfaces, dtype=pl.String)).to_list()
    if len(surfaces) > BULK:
        lexicon.use_known_bases()
    plain = [s for s, k in zip(surfaces, kinds, strict=True) if k not in ("latin", "gap")]
    norms = iter(normalize("\n".join(plain)).split("\n") if plain else ())  # one pass over all forms
    stop = lexicon.stopwords()
    rows = []
    for surface, kind in zip(surfaces, kinds, strict=True):
        if kind == "gap":
            rows.append((surface, kind, "", "", True, False, any(c.isspace() for c in surface)))
            continue
        norm = surface.casefold() if kind == "latin" else next(norms)
        if kind == "arabic":
            word_base = lexicon.base(norm)
            rows.append(
                (surface, kind, norm, word_base, norm in stop or word_base in stop, is_candidate(norm), False)
            )
        else:
            rows.append(
                (surface, kind, norm, norm, kind == "punct", kind != "punct" and is_candidate(norm), False)
            )
    return pl.DataFrame(rows, schema=SCHEMA, orient="row")


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

    def covering(self, surfaces: pl.Series) -> pl.DataFrame:
        """The table, with every form of ``surfaces`` in it (new ones analysed now), ready to join."""
        distinct = surfaces.unique()
        known = self.frame["surface"]
        new = distinct.filter(~distinct.is_in(known.implode()))
        if len(known) + len(new) > self.limit:  # start afresh, but keep what this text uses
            self.frame = self.frame.filter(pl.col("surface").is_in(distinct.implode()))
        if len(new):
            self.frame = pl.concat([self.frame, analyse(new.to_list())], rechunk=True)
        return self.frame

    def lookup(self, surfaces: list[str]) -> pl.DataFrame:
        """The rows of some written forms, in the order given.

        >>> WORDS.lookup(["لإيران"])["base"].to_list()
        ['ايران']
        """
        query = pl.DataFrame({"surface": surfaces}, schema={"surface": pl.String})
        return query.join(self.covering(query["surface"]), on="surface", how="left", maintain_order="left")


WORDS = WordTable()
"""The one table of this process."""
