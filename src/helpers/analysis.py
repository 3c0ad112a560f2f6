"""One analysis for one article or many: the token table and the mentions found in it.

:func:`analyse` is the engine: paragraphs in, a :class:`Analysis` out, whose tables every other function
of the package is a view of (terms, keyword in context, collocations, country counts, co-mentions, the
corpus tables). An article table from :func:`helpers.read_article` is analysed once and kept
(:func:`analysis_of`), so the notebooks' many calls on one article tokenize it once.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

import pandas as pd
import polars as pl

from helpers.mentions import find_matches
from helpers.normalizing import surface_offset
from helpers.reading import PARAGRAPH_SCHEMA
from helpers.roles import check_roles
from helpers.tokens import token_table

MENTION_COLUMNS = ["doc", "article", "paragraph", "sentence", "role", "start", "end", "surface", "country",
                   "kind", "matched", "ambiguous", "candidates"]  # fmt: skip
KEPT = 8
"""Articles whose analyses :func:`analysis_of` keeps (the last ones asked for)."""


@dataclass
class Analysis:
    """The paragraphs of one or more articles, their tokens (every role), and mentions by roles."""

    paragraphs: pl.DataFrame
    tokens: pl.DataFrame
    _mentions: dict[tuple[str, ...], pl.DataFrame] = field(default_factory=dict, repr=False)
    _tokens: dict[tuple[str, ...], pl.DataFrame] = field(default_factory=dict, repr=False)

    def tokens_in(self, roles: tuple[str, ...] | list[str] | None = None) -> pl.DataFrame:
        """The tokens of the paragraphs in ``roles`` (default: headline, body, subheadings)."""
        key = check_roles(roles)
        if key not in self._tokens:
            self._tokens[key] = self.tokens.filter(pl.col("role").is_in(key))
        return self._tokens[key]

    def mentions(self, roles: tuple[str, ...] | list[str] | None = None) -> pl.DataFrame:
        """Country and region mentions in ``roles`` (:data:`MENTION_COLUMNS`), in reading order.

        Homographs are resolved within the paragraphs of ``roles``: the countries an article names
        plainly there decide them.
        """
        key = check_roles(roles)
        if key not in self._mentions:
            self._mentions[key] = _mention_rows(self.tokens_in(key), self.paragraphs)
        return self._mentions[key]


def _mention_rows(tokens: pl.DataFrame, paragraphs: pl.DataFrame) -> pl.DataFrame:
    """The matches of ``tokens`` with their place: offsets leave out a preposition before the name."""
    matches = find_matches(tokens)
    first = tokens.gather(matches["token"])
    last = tokens["end"].gather(matches["token"] + matches["tokens"] - 1)
    shift = [
        surface_offset(surface, prefix) if prefix else 0
        for surface, prefix in zip(first["surface"].to_list(), matches["prefix"].to_list(), strict=True)
    ]
    rows = first.select("doc", "pid", "article", "paragraph", "sentence", "role").with_columns(
        start=first["start"] + pl.Series(shift, dtype=pl.Int64), end=last
    )
    rows = rows.with_columns(surface=span_texts(paragraphs, rows))
    return pl.concat([rows, matches.drop("token", "tokens", "prefix")], how="horizontal").select(
        MENTION_COLUMNS
    )


def span_texts(paragraphs: pl.DataFrame, spans: pl.DataFrame) -> pl.Series:
    """The text of each span of ``spans`` (``pid``, and ``start``/``end``: offsets into its article), cut
    from its paragraph."""
    pid = spans["pid"]
    begin = spans["start"] - paragraphs["start"].gather(pid)
    return paragraphs["text"].gather(pid).str.slice(begin, spans["end"] - spans["start"])


def analyse(paragraphs: pl.DataFrame) -> Analysis:
    """The analysis of some articles' paragraphs (:func:`helpers.reading.paragraph_frame`, articles one
    after the other)."""
    return Analysis(paragraphs, token_table(paragraphs))


_KEPT: OrderedDict[tuple[str, int, int], Analysis] = OrderedDict()


def analysis_of(article: pd.DataFrame) -> Analysis:
    """The analysis of an article table (:func:`helpers.read_article`), made once and kept for the
    :data:`KEPT` articles asked for last (keyed by the article's id and text)."""
    text = article.attrs.get("text", "")
    key = (str(article.attrs.get("article", "")), hash(text), hash(tuple(article["role"])))
    found = _KEPT.get(key)
    if found is None:
        paragraphs = pl.from_pandas(article[list(PARAGRAPH_SCHEMA)]).cast(PARAGRAPH_SCHEMA)
        found = _KEPT[key] = analyse(paragraphs)
        while len(_KEPT) > KEPT:
            _KEPT.popitem(last=False)
    _KEPT.move_to_end(key)
    return found


def to_pandas(table: pl.DataFrame, columns: list[str], attrs: dict | None = None) -> pd.DataFrame:
    """Some columns of an engine table as the pandas DataFrame the public functions return."""
    frame = table.select(columns).with_columns(
        pl.col(pl.Enum).cast(pl.String), pl.col(pl.Int32).cast(pl.Int64)
    )
    frame = frame.to_pandas()
    if attrs:
        frame.attrs.update(attrs)
    return frame
