"""The corpus command and the article functions are one engine: property-based equality.

Random multi-paragraph articles are built from a vocabulary of the traps of the analysis (names,
capitals, demonyms, clitic forms, homographs and their cue words, quotes, sentence marks, tatweel,
invisible marks); the corpus tables must equal what the article functions give, term by term, country
by country and pair by pair.
"""

from __future__ import annotations

import csv
import json
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers
from helpers.corpus import run_corpus
from helpers.reading import article_from_text

WORDS = [
    "روسيا", "إيران", "الولايات المتحدة", "طهران", "موسكو", "الإيراني", "الروسية", "لروسيا", "وإيران",
    "بطهران", "للصين", "الصين", "عمان", "مالي", "سيول", "جورجيا", "تركي", "سلطنة", "الأردن", "قال",
    "الوزير", "زار", "أمس", "في", "مع", "العقوبات", "وزير", "العراقيل", "إيـران", "إي\u200cران",
    "المملكة", "خادم الحرمين", "صحيفة", "الرياض", "جدة", "بيلاتوس", "الحكومة السعودية", "السعودية",
]  # fmt: skip
MARKS = [".", "..", "؟", "«", "»", "،", ":", "ـ", "\u200f", "1.5", "د."]
SEPARATORS = [" ", " ", " ", "", "  "]


@st.composite
def articles(draw) -> str:
    paragraphs = []
    for _ in range(draw(st.integers(1, 5))):
        pieces = draw(st.lists(st.sampled_from(WORDS + MARKS), min_size=1, max_size=25))
        text = ""
        for piece in pieces:
            text += draw(st.sampled_from(SEPARATORS)) + piece
        paragraphs.append(text.strip() or "نص")
    return draw(st.sampled_from(["\n", "\n\n"])).join(paragraphs)


def _read(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _expected(texts: dict[str, str]):
    terms, countries, pairs, words = Counter(), {}, Counter(), {}
    for ident, text in texts.items():
        article = article_from_text(text, ident)
        for row in helpers.term_frequencies(article).itertuples():
            terms[row.term] += row.count
        mentions = helpers.find_country_mentions(article)
        for row in helpers.country_counts(mentions).itertuples():
            countries[(ident, row.country)] = row.mentions
        for row in helpers.co_mentions(mentions).itertuples():
            pairs[(row.first, row.second)] += row.count
        tokens = helpers.tokenize_article(article)
        words[ident] = int(tokens["kind"].isin(["arabic", "latin", "other"]).sum())
    return dict(terms), countries, dict(pairs), words


def _corpus(path, out, **options):
    run_corpus(path, out, log=lambda message: None, **options)
    return (
        {r["term"]: int(r["count"]) for r in _read(out / "terms.csv")},
        {
            (r["article"], r["country"]): int(r["mentions"])
            for r in _read(out / "country_counts_by_article.csv")
        },
        {(r["first"], r["second"]): int(r["count"]) for r in _read(out / "co_mentions.csv")},
        {r["id"]: int(r["tokens"]) for r in _read(out / "articles.csv")},
    )


def _write(path, texts: dict[str, str]):
    lines = [json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in texts.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(articles(), min_size=1, max_size=6))
def test_the_corpus_tables_equal_the_article_functions(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("equal")
    corpus = {f"a{i}": text for i, text in enumerate(texts)}
    _write(folder / "in.jsonl", corpus)
    assert _corpus(folder / "in.jsonl", folder / "out") == _expected(corpus)


CASES = {
    # the article functions see two sentences here, and no pair
    "quote-then-sentence": "عنوان\nقال الوزير: «زرنا روسيا.» ثم زار إيران أمس.",
    # one sentence (no space after the full stop): one pair
    "no-space-after-dot": "عنوان\nزار الوزير روسيا.ثم التقى نظيره في إيران.",
    # a lone tatweel is not a word
    "lone-tatweel": "عنوان\nزار الوزير ـ روسيا ـ ثم التقى نظيره في إيران.",
}


def test_the_three_disagreements_of_the_old_corpus_path(tmp_path):
    _write(tmp_path / "cases.jsonl", CASES)
    terms, countries, pairs, words = _corpus(tmp_path / "cases.jsonl", tmp_path / "out")
    assert (terms, countries, pairs, words) == _expected(CASES)
    assert pairs == {("IRN", "RUS"): 2}  # the second and third case, not the first
    assert words["lone-tatweel"] == 9


@pytest.mark.slow
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(articles(), min_size=20, max_size=40))
def test_two_workers_and_dask_give_the_local_tables(tmp_path_factory, texts):
    pytest.importorskip("dask.distributed")
    folder = tmp_path_factory.mktemp("engines")
    corpus = {f"a{i}": text for i, text in enumerate(texts)}
    _write(folder / "in.jsonl", corpus)
    local = _corpus(folder / "in.jsonl", folder / "local")
    assert local == _expected(corpus)
    assert _corpus(folder / "in.jsonl", folder / "two", workers=2) == local
    assert _corpus(folder / "in.jsonl", folder / "dask", engine="dask", workers=2) == local
