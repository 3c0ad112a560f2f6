"""Term tables: frequencies of words and n-grams, keyword in context, collocations, keyness."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

import pandas as pd

from helpers.lexicon import stem
from helpers.normalizing import normalize, surface_offset
from helpers.tokenizing import WORD, analyze, analyze_words, tokenize_article

UNITS = ("surface", "norm", "base", "stem")
TERM_KINDS = ("arabic", "latin", "other")
"""Token kinds that count as words in term tables (numbers and punctuation do not)."""


def _unit_column(tokens: pd.DataFrame, unit: str) -> pd.Series:
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    if unit == "stem":
        return tokens["base"].map(stem)
    return tokens[unit]


def _segments(tokens: pd.DataFrame, unit: str) -> Iterator[pd.DataFrame]:
    """Runs of word tokens that n-grams may span: within a sentence, not across punctuation."""
    tokens = tokens.assign(term=_unit_column(tokens, unit))
    breaks = (~tokens["kind"].isin(TERM_KINDS)) | (tokens["sentence"] != tokens["sentence"].shift())
    for _, segment in tokens.groupby(breaks.cumsum(), sort=False):
        words = segment[segment["kind"].isin(TERM_KINDS)]
        if len(words):
            yield words


def _ngrams(tokens: pd.DataFrame, unit: str, n: int, drop_stopwords: bool) -> Iterator[tuple[str, str]]:
    """``(term, surface)`` of every n-gram, joined with spaces."""
    for words in _segments(tokens, unit):
        terms, surfaces, stops = list(words["term"]), list(words["surface"]), list(words["is_stop"])
        for i in range(len(terms) - n + 1):
            if drop_stopwords and any(stops[i : i + n]):
                continue
            yield " ".join(terms[i : i + n]), " ".join(surfaces[i : i + n])


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


def count_table(counts: Counter[str], forms: dict[str, Counter[str]] | None = None) -> pd.DataFrame:
    """A term table from counts: ``term``, ``count``, ``share`` (of all counted), ``forms``; most frequent first."""
    total = sum(counts.values())
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    table = pd.DataFrame(rows, columns=["term", "count"]).astype({"term": "object", "count": "int64"})
    table["share"] = table["count"] / total if total else 0.0
    table["forms"] = [_forms(forms[t]) for t in table["term"]] if forms is not None else ""
    return table


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
    tokens = tokenize_article(article, None if roles is None else tuple(roles))
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for term, surface in _ngrams(tokens, unit, ngram, stopwords == "drop"):
        counts[term] += 1
        forms[term][surface] += 1
    return count_table(counts, forms)


def kwic(
    article: pd.DataFrame, term: str, window: int = 6, unit: str = "base", roles: Iterable[str] | None = None
) -> pd.DataFrame:
    """Keyword in context: one row per occurrence of ``term`` (one or more words).

    The query is analysed like the text, so ``kwic(article, "إيران")`` also finds لإيران and وإيران.
    Columns: ``paragraph``, ``sentence``, ``start``, ``end``, ``before`` (the ``window`` words that
    precede the hit, in reading order: on the page they stand to its right), ``match``, ``after``.
    """
    tokens = tokenize_article(article, None if roles is None else tuple(roles))
    text = article.attrs["text"]
    query_tokens = [analyze(w) for w in term.split()]
    if not query_tokens:
        raise ValueError("empty query")
    position = {"surface": None, "norm": 0, "base": 1, "stem": 1}[unit]
    if unit == "surface":
        query = term.split()
    elif unit == "stem":
        query = [stem(q[1]) for q in query_tokens]
    else:
        query = [q[position] for q in query_tokens]
    words = tokens[tokens["kind"].isin(TERM_KINDS)].reset_index(drop=True)
    values = list(_unit_column(words, unit))
    rows = []
    n = len(query)
    for i in range(len(values) - n + 1):
        if values[i : i + n] != query or words.loc[i + n - 1, "paragraph"] != words.loc[i, "paragraph"]:
            continue
        same = words[words["paragraph"] == words.loc[i, "paragraph"]]
        lo = max(same.index[0], i - window)
        hi = min(same.index[-1], i + n - 1 + window)
        start, end = int(words.loc[i, "start"]), int(words.loc[i + n - 1, "end"])
        rows.append(
            (
                int(words.loc[i, "paragraph"]),
                int(words.loc[i, "sentence"]),
                start,
                end,
                text[int(words.loc[lo, "start"]) : start].strip(),
                text[start:end],
                text[end : int(words.loc[hi, "end"])].strip(),
            )
        )
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
    tokens = tokenize_article(article, None if roles is None else tuple(roles))
    pairs = Counter(tuple(term.split(" ")) for term, _ in _ngrams(tokens, unit, 2, drop_stopwords=True))
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


def count_terms(text: str, unit: str = "base", drop_stopwords: bool = True) -> Counter[str]:
    """Word counts of a whole text by ``unit`` (the fast path for corpora: no table, no offsets).

    Each distinct surface form is analysed once; the counts equal :func:`term_frequencies` with
    ``ngram=1`` over the same text.
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    counts: Counter[str] = Counter()
    surfaces = Counter(WORD.findall(text))
    position = {"norm": 0, "base": 1, "stem": 1}.get(unit)
    for (surface, n), (norm, word_base, is_stop) in zip(
        surfaces.items(), analyze_words(list(surfaces)), strict=True
    ):
        if drop_stopwords and is_stop:
            continue
        term = surface if position is None else word_base if position else norm
        counts[stem(term) if unit == "stem" else term] += n
    return counts


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
        "stem": words["base"].map(stem).nunique(),
    }
