"""Keyness against a real reference: general Arabic as wordfreq measures it (Wikipedia, subtitles, news,
web text, Twitter …), or a corpus the user analysed with ``python -m helpers corpus``.

wordfreq gives frequencies, not counts; its corpus is so much larger than an article that the
article is compared with the frequencies themselves: Dunning's log-likelihood (G²) of the article's
count against the count the reference frequency predicts (the limit of the two-corpus G² when the
reference grows without bound). Words are compared by base (normalized, proclitics removed) with
stopwords left out, on both sides, as :func:`helpers.term_frequencies` counts them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import islice

import pandas as pd

from helpers.chars import LETTER
from helpers.display import term_labels
from helpers.frequencies import disk_cached, word_frequencies
from helpers.terms import keyness as corpus_keyness
from helpers.words import WORDS

REFERENCE_WORDS = 200_000
"""How many of wordfreq's most frequent Arabic words make the reference (they carry nearly all of its
mass; the rest are rarer than one in a hundred million)."""
FLOOR = 1e-8
"""Frequency given to a term wordfreq does not list: as rare as the rarest words it lists."""
ARABIC_WORD = re.compile(f"[{LETTER}]+")
"""Reference terms are Arabic words (wordfreq also lists digits and Latin words)."""
MIN_COUNT = 2
"""Fewest occurrences in the article for a term to be tested for over-use: a word seen once is not
evidence of anything, however rare it is in general Arabic."""
LEVELS = ((10.83, "***", 0.001), (6.63, "**", 0.01), (3.84, "*", 0.05))
"""G² thresholds for one degree of freedom, the stars shown, and the p they stand for."""


SOURCES = ("reference.py", "words.py", "lexicon.py", "gazetteer.py", "resources/*")
"""What the reference table is built from besides the frequency table (the word rules that give each
word its base and stopword flag): a change to any of them builds it again."""


def reference_shares(size: int = REFERENCE_WORDS) -> dict[str, float]:
    """Share of each base among the content words (stopwords left out) of general Arabic (wordfreq).

    Built from the ``size`` most frequent words once (a few seconds: each is analysed as a word of an
    article is) and kept on disk with the lexicon's tables (:func:`helpers.frequencies.disk_cached`).
    """
    return disk_cached(f"reference-{size}", lambda: _build_shares(size), *SOURCES)


def _build_shares(size: int) -> dict[str, float]:
    frequencies = word_frequencies()  # normalized word → Zipf
    words = [w for w in islice(frequencies, size) if w]
    shares: Counter[str] = Counter()
    known = WORDS.lookup(words).select("base", "is_stop").rows()
    for word, (word_base, is_stop) in zip(words, known, strict=True):
        if not is_stop and ARABIC_WORD.fullmatch(word_base):
            shares[word_base] += 10 ** (frequencies[word] - 9)
    total = sum(shares.values())
    return {term: share / total for term, share in shares.items()}


def p_value(llr: float) -> float:
    """p of a G² with one degree of freedom (chi-squared): ``erfc(sqrt(G²/2))``.

    >>> round(p_value(3.84), 3), round(p_value(10.83), 4)
    (0.05, 0.001)
    """
    return math.erfc(math.sqrt(max(llr, 0.0) / 2))


def stars(llr: float) -> str:
    """``***``, ``**``, ``*`` for p < 0.001, 0.01, 0.05; empty when not significant."""
    return next((mark for threshold, mark, _ in LEVELS if llr >= threshold), "")


def _g2(observed: int, expected: float, total: int) -> float:
    """G² of ``observed`` of ``total`` against ``expected`` (and the rest against the rest)."""
    value = observed * math.log(observed / expected) if observed else 0.0
    rest, rest_expected = total - observed, total - expected
    if rest:
        value += rest * math.log(rest / rest_expected)
    return max(0.0, 2 * value)


def with_significance(table: pd.DataFrame) -> pd.DataFrame:
    """Add ``p`` and ``significance`` (stars) to a keyness table with an ``llr`` column."""
    table = table.copy()
    table["p"] = table["llr"].map(p_value)
    table["significance"] = table["llr"].map(stars)
    return table


def general_keyness(
    terms: pd.DataFrame, shares: dict[str, float] | None = None, min_count: int = MIN_COUNT
) -> pd.DataFrame:
    """Keyness of an article's terms (a :func:`helpers.term_frequencies` table) against general Arabic.

    Columns: ``term``, ``label`` (as written in the article), ``target`` (count in the article),
    ``expected`` (count the reference predicts), ``target_per_1000``, ``reference_per_1000``, ``llr``
    (G²), ``p``, ``significance`` (``***`` p < 0.001, ``**`` p < 0.01, ``*`` p < 0.05), ``direction``
    ("over" or "under") and ``in_reference`` (False: wordfreq does not list the word, taken as
    :data:`FLOOR`). Terms seen fewer than ``min_count`` times are left out; frequent reference terms
    the article never uses are included (under-use). Most key first.
    """
    shares = reference_shares() if shares is None else shares
    total = int(terms["count"].sum())
    labels = dict(zip(terms["term"], term_labels(terms), strict=True))
    counts = dict(zip(terms["term"], terms["count"].astype(int), strict=True))
    unused = [t for t, share in shares.items() if share * total >= 1 and t not in counts]
    rows = []
    for term in [*(t for t, n in counts.items() if n >= min_count), *unused]:
        observed = counts.get(term, 0)
        share = shares.get(term, FLOOR)
        expected = share * total
        rows.append(
            (term, labels.get(term, term), observed, expected, 1000 * observed / total if total else 0.0,
             1000 * share, _g2(observed, expected, total) if total else 0.0,
             "over" if observed >= expected else "under", term in shares)
        )  # fmt: skip
    columns = ["term", "label", "target", "expected", "target_per_1000", "reference_per_1000", "llr",
               "direction", "in_reference"]  # fmt: skip
    table = with_significance(pd.DataFrame(rows, columns=columns))
    table = table[[*columns[:7], "p", "significance", "direction", "in_reference"]]
    return table.sort_values(["llr", "term"], ascending=[False, True], ignore_index=True)


def keyness_against_corpus(terms: pd.DataFrame, corpus_terms: pd.DataFrame) -> pd.DataFrame:
    """Keyness of an article's terms against a corpus's ``terms.csv`` (:func:`helpers.keyness`), with
    ``label``, ``p`` and ``significance`` added."""
    table = corpus_keyness(
        Counter(dict(zip(terms["term"], terms["count"], strict=True))),
        Counter(dict(zip(corpus_terms["term"], corpus_terms["count"], strict=True))),
    )
    labels = dict(zip(terms["term"], term_labels(terms), strict=True))
    table.insert(1, "label", table["term"].map(labels).fillna(table["term"]))
    return with_significance(table)


def keyness_title(table: pd.DataFrame, reference: str, threshold: float = 3.84) -> str:
    """An Arabic chart title that says what :func:`helpers.plotting.plot_keyness` draws of ``table``."""
    significant = table[table["llr"] >= threshold]
    over, under = (significant["direction"] == "over").any(), (significant["direction"] == "under").any()
    what = (
        "الكلمات التي يكثر المقال منها أو يقل" if over and under
        else "الكلمات التي يقل المقال منها" if under
        else "الكلمات التي يكثر المقال منها"
    )  # fmt: skip
    return f"{what} مقارنة ب{reference} (p < 0.05)"
