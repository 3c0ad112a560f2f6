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


def _segment_start(flag: pl.Expr, value: pl.Expr) -> pl.Expr:
    """``value`` as it was where the current segment started (segments start where ``flag`` is true)."""
    return pl.when(flag).then(value).forward_fill()


def sentence_ends(tokens: pl.DataFrame) -> pl.Series:
    """Whether each token ends a sentence.

    ``tokens``: the rows of :func:`helpers.tokens.token_table` *with* the gaps between tokens, in
    reading order, with ``pid`` (running paragraph number), ``surface``, ``kind`` and ``spaced`` (a gap
    that holds a space or line end).
    """
    surface, pid = pl.col("surface"), pl.col("pid")
    same_prev = (pid == pid.shift(1)).fill_null(False)
    same_next = (pid == pid.shift(-1)).fill_null(False)
    # quote depth: guillemets and curly quotes, never below 0, from 0 in every paragraph
    delta = (
        pl.when(surface.is_in(OPENING_QUOTES))
        .then(1)
        .when(surface.is_in(CLOSING_QUOTES))
        .then(-1)
        .otherwise(0)
    )
    total = delta.cum_sum()
    running = total - _segment_start(~same_prev, total - delta)
    depth = running - pl.min_horizontal(pl.lit(0), running.cum_min().over("pid"))
    # runs of terminators and closers; a run ends a sentence if it holds a terminator that is not the
    # dot of a one-letter abbreviation and a space (or the end of the paragraph) follows it
    in_run = surface.is_in(TERMINATORS) | surface.is_in(CLOSERS)
    previous_is_letter = pl.col("kind").shift(1).is_in(("arabic", "latin")) & (
        surface.shift(1).str.len_chars() == 1
    )
    real = (surface.is_in(TERMINATORS) & ~((surface == ".") & previous_is_letter & same_prev)).cast(pl.Int32)
    run_start = in_run & ~(in_run.shift(1).fill_null(False) & same_prev)
    run_end = in_run & ~(in_run.shift(-1).fill_null(False) & same_next)
    reals = real.cum_sum()
    has_real = (reals - _segment_start(run_start, reals - real)) > 0
    next_is_gap = pl.col("kind").shift(-1) == "gap"
    gap_is_last = ~(pid.shift(-1) == pid.shift(-2)).fill_null(False)
    followed_by_space = ~same_next | (next_is_gap & (pl.col("spaced").shift(-1) | gap_is_last))
    ends = run_end & has_real & (depth == 0) & followed_by_space
    return tokens.select(ends.fill_null(False).alias("ends")).to_series()


def sentence_numbers() -> pl.Expr:
    """The sentence of every token, numbered from 1 in each article, from ``ends``
    (:func:`sentence_ends`) over the tokens without the gaps, with ``doc`` and ``pid``."""
    first_of_paragraph = (pl.col("pid") != pl.col("pid").shift(1)).fill_null(True)
    new = (first_of_paragraph | pl.col("ends").shift(1).fill_null(False)).cast(pl.Int32)
    count = new.cum_sum()
    first_of_doc = (pl.col("doc") != pl.col("doc").shift(1)).fill_null(True)
    return (count - _segment_start(first_of_doc, count - new)).alias("sentence")
