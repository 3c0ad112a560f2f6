"""Sentence splitting with offsets, aware of Arabic punctuation, quotes and numbers."""

from __future__ import annotations

import pandas as pd

TERMINATORS = frozenset(".!?؟")
CLOSERS = frozenset("»”’\"')]}")
OPEN_QUOTE, CLOSE_QUOTE = "«", "»"


def _is_abbreviation(text: str, dot: int, lo: int) -> bool:
    """A dot after a single letter (د. for doctor, أ.ف.ب) does not end a sentence."""
    before = dot - 1
    return before >= lo and text[before].isalpha() and (before == lo or not text[before - 1].isalpha())


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of the sentences of ``text[start:end]``.

    A sentence ends at ``. ! ? ؟`` (and runs of them) followed by space or the end, after any closing
    quotes or brackets. Not at a decimal point (1.5), a single-letter abbreviation (د.), inside
    guillemets « … », nor at ``، ؛ …``. A line break always ends a sentence.

    >>> t = "قال: «انتهى. نعم». النمو 1.5 بالمئة؟ نعم"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['قال: «انتهى. نعم».', 'النمو 1.5 بالمئة؟', 'نعم']
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    sentence_start = None
    depth = 0
    i = start

    def close(at: int) -> None:
        nonlocal sentence_start
        if sentence_start is not None:
            stop = at
            while stop > sentence_start and text[stop - 1].isspace():
                stop -= 1
            spans.append((sentence_start, stop))
            sentence_start = None

    while i < end:
        ch = text[i]
        if ch == "\n":
            close(i)
            depth = 0
            i += 1
            continue
        if sentence_start is None:
            if ch.isspace():
                i += 1
                continue
            sentence_start = i
        if ch == OPEN_QUOTE:
            depth += 1
        elif ch == CLOSE_QUOTE:
            depth = max(0, depth - 1)
        elif ch in TERMINATORS:
            if ch == "." and (
                (i > 0 and i + 1 < end and text[i - 1].isdigit() and text[i + 1].isdigit())
                or _is_abbreviation(text, i, sentence_start)
            ):
                i += 1
                continue
            j = i + 1
            while j < end and text[j] in TERMINATORS:
                j += 1
            while j < end and text[j] in CLOSERS:
                if text[j] == CLOSE_QUOTE:
                    depth = max(0, depth - 1)
                j += 1
            if depth == 0 and (j == end or text[j].isspace()):
                close(j)
            i = j
            continue
        i += 1
    close(end)
    return spans


def sentence_table(article: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of a paragraph table from :func:`helpers.read_article`.

    Columns: ``article``, ``paragraph``, ``sentence`` (1-based across the article), ``role`` (of its
    paragraph), ``text``, ``start``, ``end`` (offsets into the article text, like the paragraphs').
    """
    text = article.attrs["text"]
    rows = [
        (row.article, row.paragraph, row.role, text[s:e], s, e)
        for row in article.itertuples(index=False)
        for s, e in split_sentences(text, row.start, row.end)
    ]
    table = pd.DataFrame(rows, columns=["article", "paragraph", "role", "text", "start", "end"])
    table.insert(2, "sentence", range(1, len(table) + 1))
    table.attrs.update(article.attrs)
    return table


def place_in_article(table: pd.DataFrame, sentence) -> pd.DataFrame:
    """Move a table computed on one sentence's text into the article: shift ``start``/``end`` by the
    sentence's offset and put its ``article``, ``paragraph``, ``sentence`` and ``role`` in front."""
    table[["start", "end"]] += sentence.start
    for column in ("role", "sentence", "paragraph", "article"):
        table.insert(0, column, getattr(sentence, column))
    return table
