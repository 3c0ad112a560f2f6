"""The token table: every token of one or many articles, computed once, column-wise.

Paragraphs (with their roles) go in; out comes one row per token with its article, paragraph, sentence,
role, character offsets, written form and what :mod:`helpers.words` knows of it. The text is cut by one
regular expression (:data:`helpers.chars.TOKEN_OR_GAP`) run by the dataframe engine, which also numbers
the sentences (:mod:`helpers.sentences`) and joins the word table; nothing loops over tokens in Python.
"""

from __future__ import annotations

import polars as pl

from helpers.chars import TOKEN_OR_GAP
from helpers.sentences import sentence_ends, sentence_numbers
from helpers.words import WORDS, WordTable

TOKEN_COLUMNS = ["article", "paragraph", "sentence", "role", "start", "end", "surface", "norm", "base",
                 "is_stop", "kind"]  # fmt: skip
"""The public columns of the token table; ``doc`` (running article number), ``pid`` (running paragraph
number) and what the mention finder needs of each word (:data:`helpers.words.SCHEMA`) are kept for the
analyses built on it."""
SHAPE = ["kind", "length", "spaced", "mark", "single"]
"""What the cutting of the text into tokens and sentences needs of each piece."""
KNOWN = [
    "kind",
    "norm",
    "base",
    "is_stop",
    "candidate",
    "never",
    "variant_country",
    "variant_form",
    "variant_prefix",
]
"""What the analyses need of each token (the mention finder's columns from ``candidate`` on)."""


def token_table(paragraphs: pl.DataFrame, words: WordTable | None = None) -> pl.DataFrame:
    """One row per token of ``paragraphs`` (:data:`helpers.reading.PARAGRAPH_SCHEMA`, articles one after the other),
    in reading order: :data:`TOKEN_COLUMNS` plus ``doc``, ``pid`` and the mention finder's columns.

    >>> from helpers.reading import paragraph_frame
    >>> token_table(paragraph_frame([("a", "وأضاف عراقجي 2019.")])).select("surface", "base", "kind").rows()
    [('وأضاف', 'اضاف', 'arabic'), ('عراقجي', 'عراقجي', 'arabic'), ('2019', '2019', 'number'), ('.', '.', 'punct')]
    """
    article = pl.col("article")
    pieces = (
        paragraphs.select(
            doc=(article != article.shift(1)).fill_null(True).cum_sum().cast(pl.Int32),
            pid=pl.int_range(pl.len(), dtype=pl.Int32),
            article=article,
            paragraph=pl.col("paragraph"),
            role=pl.col("role"),
            offset=pl.col("start"),
            surface=pl.col("text").str.extract_all(TOKEN_OR_GAP),
        )
        .explode("surface")
        .drop_nulls("surface")
    )
    table = WORDS if words is None else words
    pieces = pieces.with_columns(id=table.ids(pieces["surface"]))
    pieces = pieces.with_columns(table.frame.select(*SHAPE).gather(pieces["id"]))
    length = pl.col("length")
    before = length.cum_sum() - length  # characters before this piece, counted over all paragraphs
    first = pl.col("pid") != pl.col("pid").shift(1)
    pieces = pieces.with_columns(
        start=pl.col("offset") + before - pl.when(first.fill_null(True)).then(before).forward_fill()
    ).with_columns(end=pl.col("start") + length, ends=sentence_ends(pieces))
    pieces = pieces.filter(pl.col("kind") != "gap").select("doc", "pid", "article", "paragraph", "role", "start",
                                                           "end", "surface", "ends", "id")  # fmt: skip
    pieces = pieces.with_columns(table.frame.select(*KNOWN).gather(pieces["id"]))
    return pieces.with_columns(sentence_numbers()).select("doc", "pid", *TOKEN_COLUMNS, *KNOWN[4:])
