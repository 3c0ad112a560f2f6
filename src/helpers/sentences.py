"""Sentence boundaries, decided on the token table: Arabic punctuation, quotes, numbers, abbreviations.

A sentence ends after a run of ``. ! ? ؟`` (and any closing quotes or brackets right after it) that is
followed by a space or the end of the paragraph, outside guillemets « … » and curly quotes “ … ”; not at
a decimal point (1.5 is one token), after a one-letter abbreviation (د. for doctor), nor at ``، ؛ …``.
A paragraph (a line) always ends a sentence. The rule is one set of column expressions
(:func:`sentence_numbers`), used by every table of every article and corpus.
"""

from __future__ import annotations

import polars as pl

TERMINATORS = (".", "!", "?", "؟")
CLOSERS = ("»", "”", "’", '"', "'", ")", "]", "}")
OPENING_QUOTES = ("«", "“")
CLOSING_QUOTES = ("»", "”")
DOT, TERMINATOR, CLOSER, CLOSING_QUOTE, OPENING_QUOTE = 1, 2, 3, 4, 5
MARKS = {
    **dict.fromkeys(TERMINATORS, TERMINATOR),
    ".": DOT,
    **dict.fromkeys(CLOSERS, CLOSER),
    **dict.fromkeys(CLOSING_QUOTES, CLOSING_QUOTE),
    **dict.fromkeys(OPENING_QUOTES, OPENING_QUOTE),
}
"""What a token is to the sentence rule (0 for all others): kept per distinct token in the word table."""


def sentence_ends(tokens: pl.DataFrame) -> pl.Series:
    """Whether each token ends a sentence.

    ``tokens``: the rows of :func:`helpers.tokens.token_table` *with* the gaps between tokens, in
    reading order, with ``pid`` (running paragraph number), ``kind``, ``spaced`` (a gap that holds a
    space or line end), ``mark`` (:data:`MARKS`) and ``single`` (a one-letter word). Only the marks
    and their neighbours are looked at.
    """
    pid = pl.col("pid")
    last_gap = ~(pid.shift(-1) == pid.shift(-2)).fill_null(False)
    marks = (
        tokens.select(
            pid,
            mark=pl.col("mark"),
            after_letter=(pl.col("single").shift(1) & (pid.shift(1) == pid)).fill_null(False),
            spaced_after=(
                ~(pid.shift(-1) == pid).fill_null(False)
                | ((pl.col("kind").shift(-1) == "gap") & (pl.col("spaced").shift(-1) | last_gap))
            ),
        )
        .with_row_index("row")
        .filter(pl.col("mark") > 0)
    )
    mark, row = pl.col("mark"), pl.col("row")
    in_run = mark.is_between(DOT, CLOSING_QUOTE)
    joined = (row == row.shift(1) + 1) & (pid == pid.shift(1)) & in_run & in_run.shift(1)
    run = (~joined.fill_null(False)).cum_sum()
    real = (mark == TERMINATOR) | ((mark == DOT) & ~pl.col("after_letter"))
    delta = pl.when(mark == OPENING_QUOTE).then(1).when(mark == CLOSING_QUOTE).then(-1).otherwise(0)
    ends = (
        marks.with_columns(run=run, real=real, delta=delta)
        .with_columns(
            running=pl.col("delta").cum_sum().over("pid"),
            has_real=pl.col("real").any().over("run"),
            run_end=(pl.col("run") != pl.col("run").shift(-1)).fill_null(True),
        )
        .with_columns(depth=pl.col("running") - pl.min_horizontal(0, pl.col("running").cum_min().over("pid")))
    )
    ends = ends.filter(
        in_run & pl.col("run_end") & pl.col("has_real") & (pl.col("depth") == 0) & pl.col("spaced_after")
    )
    flags = pl.zeros(len(tokens), dtype=pl.Boolean, eager=True).alias("ends")
    return flags.scatter(ends["row"], True) if len(ends) else flags


def sentence_numbers() -> pl.Expr:
    """The sentence of every token, numbered from 1 in each article, from ``ends``
    (:func:`sentence_ends`) over the tokens without the gaps, with ``doc`` and ``pid``."""
    first_of_paragraph = (pl.col("pid") != pl.col("pid").shift(1)).fill_null(True)
    new = (first_of_paragraph | pl.col("ends").shift(1).fill_null(False)).cast(pl.Int32)
    count = new.cum_sum()
    first_of_doc = (pl.col("doc") != pl.col("doc").shift(1)).fill_null(True)
    before_doc = pl.when(first_of_doc).then(count - new).forward_fill()  # the count before each article
    return (count - before_doc).alias("sentence")
