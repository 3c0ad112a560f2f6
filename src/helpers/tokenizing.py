"""Tokens and sentences of a text or an article, with character offsets: views of the token table."""

from __future__ import annotations

import pandas as pd
import polars as pl

from helpers.analysis import Analysis, analyse, analysis_of, span_texts, to_pandas
from helpers.reading import paragraph_frame
from helpers.tokens import TOKEN_COLUMNS

COLUMNS = TOKEN_COLUMNS[4:]
"""What :func:`tokenize` gives: ``start``, ``end``, ``surface``, ``norm``, ``base``, ``is_stop``, ``kind``."""
SENTENCE_COLUMNS = ["article", "paragraph", "sentence", "role", "text", "start", "end"]


def text_analysis(text: str, article_id: str = "") -> Analysis:
    """The analysis of a bare text: each non-blank line a paragraph, all of them ``body``."""
    return analyse(paragraph_frame([(article_id, text)]).with_columns(role=pl.lit("body")))


def tokenize(text: str) -> pd.DataFrame:
    """One row per token of ``text``, with offsets into ``text`` (``text[start:end] == surface``).

    Columns: ``start``, ``end``, ``surface``, ``norm`` (:func:`helpers.normalize`), ``base`` (norm without
    proclitics and the article), ``is_stop``, ``kind`` (arabic, latin, number, other, punct). Spaces,
    line ends and invisible marks between words are not tokens; inside a word they are part of it.

    >>> tokenize("وأضاف عراقجي 2019.")[["surface", "base", "kind"]].values.tolist()
    [['وأضاف', 'اضاف', 'arabic'], ['عراقجي', 'عراقجي', 'arabic'], ['2019', '2019', 'number'], ['.', '.', 'punct']]
    """
    return to_pandas(text_analysis(text).tokens, COLUMNS)


def tokenize_article(article: pd.DataFrame, roles: tuple[str, ...] | list[str] | None = None) -> pd.DataFrame:
    """Tokens of an article table (:func:`helpers.read_article`), one row each, in reading order.

    Adds ``article``, ``paragraph``, ``sentence`` and ``role`` to the :func:`tokenize` columns; offsets
    are into the article text (``article.attrs["text"]``). ``roles`` as in :func:`helpers.select_roles`
    (by default headline, body and subheadings).
    """
    return to_pandas(analysis_of(article).tokens_in(roles), TOKEN_COLUMNS, article.attrs)


def _sentences(analysis: Analysis) -> pl.DataFrame:
    """One row per sentence: where it starts and ends, in which paragraph and role."""
    spans = analysis.tokens.group_by("doc", "sentence", maintain_order=True).agg(
        pl.col("article", "paragraph", "role", "pid").first(), pl.col("start").min(), pl.col("end").max()
    )
    return spans.with_columns(text=span_texts(analysis.paragraphs, spans))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of the sentences of ``text[start:end]`` (each line a paragraph), by the
    rule of :mod:`helpers.sentences`.

    >>> t = "قال: «انتهى. نعم». النمو 1.5 بالمئة؟ نعم"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['قال: «انتهى. نعم».', 'النمو 1.5 بالمئة؟', 'نعم']
    """
    piece = text[start:end]
    spans = _sentences(text_analysis(piece)).select("start", "end").rows()
    return [(start + s, start + e) for s, e in spans]


def sentence_table(article: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of a paragraph table from :func:`helpers.read_article`.

    Columns: ``article``, ``paragraph``, ``sentence`` (1-based across the article), ``role`` (of its
    paragraph), ``text``, ``start``, ``end`` (offsets into the article text, like the paragraphs').
    """
    return to_pandas(_sentences(analysis_of(article)), SENTENCE_COLUMNS, article.attrs)
