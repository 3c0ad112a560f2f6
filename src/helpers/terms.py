"""Term tables: frequencies of words and n-grams, keyword in context, collocations, keyness."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

import pandas as pd
import polars as pl

from helpers.analysis import analysis_of
from helpers.chars import TERM_KINDS
from helpers.lexicon import name_prefixes, stem
from helpers.normalizing import normalize, surface_offset
from helpers.words import WORDS

UNITS = ("surface", "norm", "base", "stem")


def unit_column(tokens: pl.DataFrame, unit: str) -> pl.Expr:
    """The term a token counts as, by ``unit`` (stems are computed once per distinct base)."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    if unit == "stem":
        bases = tokens["base"].unique()
        return pl.col("base").replace_strict(bases, bases.map_elements(stem, return_dtype=pl.String))
    return pl.col(unit)


def ngram_rows(
    tokens: pl.DataFrame, unit: str = "base", n: int = 1, drop_stopwords: bool = True
) -> pl.DataFrame:
    """``doc``, ``term`` and ``surface`` of every n-gram of word tokens (joined with spaces; for n > 1 also
    ``parts``, its terms, since a name's term holds a space): within a
    sentence, not across punctuation or numbers; with ``drop_stopwords`` none that holds a stopword.

    This is the one definition of what is counted as a term, for an article and for a corpus. A word
    after a name prefix (:func:`helpers.lexicon.name_prefixes`: عبد، أبو، بن …) counts as one term with
    it, the prefix's base and the word's norm (عبد اللهيان), so no fragment of a name is a term alone.
    """
    kind, sentence, doc = pl.col("kind"), pl.col("sentence"), pl.col("doc")
    breaks = ~kind.is_in(TERM_KINDS) | (sentence != sentence.shift(1)) | (doc != doc.shift(1))
    words = tokens.select(
        doc, term=unit_column(tokens, unit), surface=pl.col("surface"), stop=pl.col("is_stop"),
        segment=breaks.fill_null(True).cum_sum(), word=kind.is_in(TERM_KINDS), base=pl.col("base"),
        name=pl.col("norm"), arabic=kind == "arabic",
    ).filter(pl.col("word"))  # fmt: skip
    # a name after عبد، أبو، بن … is one term with it (عبد اللهيان, never لهيان alone); the prefix
    # itself is a stopword
    joined = words.select(
        (
            pl.col("base").shift(1).is_in(list(name_prefixes()))
            & (pl.col("segment").shift(1) == pl.col("segment"))
            & pl.col("arabic")
            & pl.col("arabic").shift(1)
        ).fill_null(False)
    ).to_series()
    rows = joined.arg_true()  # few: the new strings are made for them alone
    prefix, word = ("surface", "surface") if unit == "surface" else ("base", "name")
    words = words.with_columns(
        words["term"].clone().scatter(rows, words[prefix].gather(rows - 1) + " " + words[word].gather(rows)),
        words["surface"].clone().scatter(rows, words["surface"].gather(rows - 1) + " " + words["surface"].gather(rows)),
        stop=pl.col("stop") & ~joined,
    )  # fmt: skip
    if n == 1:
        rows = words
    else:
        same = pl.all_horizontal([pl.col("segment").shift(-k) == pl.col("segment") for k in range(1, n)])
        rows = words.select(
            "doc",
            term=pl.concat_str([pl.col("term").shift(-k) for k in range(n)], separator=" "),
            parts=pl.concat_list([pl.col("term").shift(-k) for k in range(n)]),
            surface=pl.concat_str([pl.col("surface").shift(-k) for k in range(n)], separator=" "),
            stop=pl.any_horizontal([pl.col("stop").shift(-k) for k in range(n)]),
            keep=same.fill_null(False),
        ).filter(pl.col("keep"))
    if drop_stopwords:
        rows = rows.filter(~pl.col("stop"))
    return rows.select("doc", "term", "surface", *(["parts"] if n > 1 else []))


def _forms(surfaces: Counter[str]) -> str:
    return "، ".join(form for form, _ in sorted(surfaces.items(), key=lambda kv: (-kv[1], kv[0])))


def term_label(term: str, forms: str) -> str:
    """How to show a term as the text writes it: its most frequent written form without proclitics
    (إيران for ايران, العقوبات for عقوبات), else its most frequent form with the proclitics cut off
    (وتُستثمر → تُستثمر), and an n-gram as most often written; ``forms`` as in the term tables. A term no
    form explains is shown as it is.

    >>> term_label("ايران", "لإيران، إيران"), term_label("تستثمر", "وتُستثمر")
    ('إيران', 'تُستثمر')
    """
    written = [f for f in forms.split("، ") if f] if forms else []
    bare = [f for f in written if normalize(f).casefold() in (term, "ال" + term)]
    if bare:
        return bare[0]
    for form in written:
        norm = normalize(form)
        if " " in form:
            return form  # an n-gram: the words as written
        if norm.endswith(term):
            return form[surface_offset(form, len(norm) - len(term)) :]
    return term


def term_table(rows: pl.DataFrame) -> pd.DataFrame:
    """A term table from n-gram rows (:func:`ngram_rows`): ``term``, ``count``, ``share`` (of all
    counted), ``forms`` (written forms, most frequent first); most frequent first, ties by term."""
    forms = (
        rows.group_by("term", "surface").len()
        .sort(["term", "len", "surface"], descending=[False, True, False])
        .group_by("term", maintain_order=True)
        .agg(pl.col("len").sum().alias("count"), pl.col("surface").str.join("، ").alias("forms"))
    )  # fmt: skip
    total = len(rows)
    table = forms.sort(["count", "term"], descending=[True, False]).with_columns(
        share=pl.col("count") / total if total else pl.lit(0.0)
    )
    return table.select("term", pl.col("count").cast(pl.Int64), "share", "forms").to_pandas()


def term_frequencies(
    article: pd.DataFrame,
    unit: str = "base",
    ngram: int = 1,
    stopwords: str = "drop",
    roles: Iterable[str] | None = None,
) -> pd.DataFrame:
    """How often each term occurs in an article (headline, body and subheadings by default).

    ``unit``: surface, norm, base (norm without proclitics; the default) or stem (Snowball's light
    stemmer). ``ngram``: 1 to 3; n-grams stay within a sentence and do not cross punctuation.
    ``stopwords``: "drop" leaves out every n-gram that contains a stopword, "keep" counts them.

    Columns: ``term``, ``count``, ``share`` (of all counted n-grams) and ``forms``, the surface forms
    merged into the term, most frequent first (أميركية، أمريكية).
    """
    if ngram not in (1, 2, 3):
        raise ValueError("ngram must be 1, 2 or 3")
    if stopwords not in ("drop", "keep"):
        raise ValueError('stopwords must be "drop" or "keep"')
    tokens = analysis_of(article).tokens_in(None if roles is None else tuple(roles))
    return term_table(ngram_rows(tokens, unit, ngram, stopwords == "drop"))


def kwic(
    article: pd.DataFrame, term: str, window: int = 6, unit: str = "base", roles: Iterable[str] | None = None
) -> pd.DataFrame:
    """Keyword in context: one row per occurrence of ``term`` (one or more words).

    The query is analysed like the text, so ``kwic(article, "إيران")`` also finds لإيران and وإيران.
    Columns: ``paragraph``, ``sentence``, ``start``, ``end``, ``before`` (the ``window`` words that
    precede the hit, in reading order: on the page they stand to its right), ``match``, ``after``.
    """
    words = term.split()
    if not words:
        raise ValueError("empty query")
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    tokens = analysis_of(article).tokens_in(None if roles is None else tuple(roles))
    query_tokens = WORDS.lookup(words)
    query = words if unit == "surface" else query_tokens[unit if unit != "stem" else "base"].to_list()
    if unit == "stem":
        query = [stem(q) for q in query]
    found = tokens.filter(pl.col("kind").is_in(TERM_KINDS)).select(
        "paragraph", "sentence", "start", "end", value=unit_column(tokens, unit)
    )
    n = len(query)
    hit = pl.all_horizontal(
        [(pl.col("value").shift(-k) == q) & (pl.col("paragraph").shift(-k) == pl.col("paragraph"))
         for k, q in enumerate(query)]
    ).fill_null(False)  # fmt: skip
    found = found.with_columns(
        hit=hit,
        at=pl.int_range(pl.len()).over("paragraph"),
        size=pl.len().over("paragraph"),
        last_end=pl.col("end").shift(-(n - 1)),
    )
    starts, ends = found["start"].to_list(), found["end"].to_list()
    text = article.attrs["text"]
    rows = []
    for row in found.with_row_index("i").filter(pl.col("hit")).iter_rows(named=True):
        i, last = row["i"], row["i"] + n - 1
        lo = i - min(window, row["at"])
        hi = last + min(window, row["size"] - 1 - (row["at"] + n - 1))
        start, end = row["start"], row["last_end"]
        rows.append((row["paragraph"], row["sentence"], start, end, text[starts[lo] : start].strip(),
                     text[start:end], text[end : ends[hi]].strip()))  # fmt: skip
    return pd.DataFrame(rows, columns=["paragraph", "sentence", "start", "end", "before", "match", "after"])


def _llr(k11: int, k12: int, k21: int, k22: int) -> float:
    """Dunning's log-likelihood ratio (G²) of a 2×2 contingency table."""

    def h(*ks: int) -> float:
        total = sum(ks)
        return sum(k * math.log(k / total) for k in ks if k)

    return 2 * (h(k11, k12, k21, k22) - h(k11 + k12, k21 + k22) - h(k11 + k21, k12 + k22))


def collocations(
    article: pd.DataFrame,
    measure: str = "llr",
    min_count: int = 2,
    unit: str = "base",
    roles: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Word pairs that occur together more than chance predicts (adjacent, no stopwords, same segment).

    Columns: ``first``, ``second`` (in reading order), ``count``, ``llr`` (Dunning's log-likelihood,
    G²) and ``pmi`` (pointwise mutual information, bits); sorted by ``measure`` ("llr" or "pmi"), pairs
    seen fewer than ``min_count`` times left out.
    """
    if measure not in ("llr", "pmi"):
        raise ValueError('measure must be "llr" or "pmi"')
    tokens = analysis_of(article).tokens_in(None if roles is None else tuple(roles))
    pairs = Counter(tuple(parts) for parts in ngram_rows(tokens, unit, 2)["parts"].to_list())
    total = sum(pairs.values())
    firsts, seconds = Counter(), Counter()
    for (a, b), n in pairs.items():
        firsts[a] += n
        seconds[b] += n
    rows = []
    for (a, b), n in pairs.items():
        if n < min_count:
            continue
        k12, k21 = firsts[a] - n, seconds[b] - n
        k22 = total - n - k12 - k21
        pmi = math.log2(n * total / (firsts[a] * seconds[b]))
        rows.append((a, b, n, _llr(n, k12, k21, k22), pmi))
    table = pd.DataFrame(rows, columns=["first", "second", "count", "llr", "pmi"])
    return table.sort_values(
        [measure, "count", "first", "second"], ascending=[False, False, True, True], ignore_index=True
    )


def keyness(target: Counter[str], reference: Counter[str], min_count: int = 2) -> pd.DataFrame:
    """Which terms ``target`` uses more (or less) than ``reference``: Dunning's log-likelihood.

    Columns: ``term``, ``target``, ``reference`` (counts), ``target_per_1000``, ``reference_per_1000``,
    ``llr`` (G², 3.84 is p < 0.05 with one degree of freedom) and ``direction`` ("over" or "under").
    Terms with fewer than ``min_count`` occurrences in both together are left out.
    """
    t_total, r_total = sum(target.values()), sum(reference.values())
    rows = []
    for term in set(target) | set(reference):
        a, b = target.get(term, 0), reference.get(term, 0)
        if a + b < min_count:
            continue
        rows.append(
            (
                term,
                a,
                b,
                1000 * a / t_total if t_total else 0.0,
                1000 * b / r_total if r_total else 0.0,
                _llr(a, b, t_total - a, r_total - b),
            )
        )
    table = pd.DataFrame(
        rows, columns=["term", "target", "reference", "target_per_1000", "reference_per_1000", "llr"]
    )
    table["direction"] = [
        "over" if t >= r else "under"
        for t, r in zip(table["target_per_1000"], table["reference_per_1000"], strict=True)
    ]
    return table.sort_values(["llr", "term"], ascending=[False, True], ignore_index=True)


def merges(tokens: pd.DataFrame) -> pd.DataFrame:
    """What normalization and clitic removal merged: one row per base written in more than one way.

    Columns: ``base``, ``surfaces`` (how many distinct written forms), ``count`` (tokens), ``forms``
    (the written forms, most frequent first); bases with the most forms first.
    """
    words = tokens[tokens["kind"] == "arabic"]
    rows = []
    for term, group in words.groupby("base", sort=True):
        forms = Counter(group["surface"])
        if len(forms) > 1:
            rows.append((term, len(forms), len(group), _forms(forms)))
    table = pd.DataFrame(rows, columns=["base", "surfaces", "count", "forms"])
    return table.sort_values(["surfaces", "count", "base"], ascending=[False, False, True], ignore_index=True)


def vocabulary_sizes(tokens: pd.DataFrame) -> dict[str, int]:
    """Distinct Arabic words at each level: ``surface``, ``norm``, ``base`` and ``stem``."""
    words = tokens[tokens["kind"] == "arabic"]
    return {
        "tokens": len(words),
        "surface": words["surface"].nunique(),
        "norm": words["norm"].nunique(),
        "base": words["base"].nunique(),
        "stem": words["base"].drop_duplicates().map(stem).nunique(),
    }
