"""Term tables, KWIC, collocations and keyness on the seed article and small texts."""

from __future__ import annotations

from collections import Counter

import pytest

import helpers
from helpers.reading import article_from_text
from helpers.terms import keyness


def _article(text: str):
    return article_from_text(text, "test")


def test_top_terms_of_the_seed_article(seed_article):
    table = helpers.term_frequencies(seed_article)
    assert list(table.columns) == ["term", "count", "share", "forms"]
    top = table.set_index("term")
    assert top.loc["ايران", "count"] == 8  # إيران ×7 + لإيران
    assert "لإيران" in top.loc["ايران", "forms"]
    assert table.loc[0, "term"] == "ايران"
    assert top.loc["عقوبات", "count"] == 7
    assert "قال" not in top.index and "اضاف" not in top.index  # stopwords dropped
    assert table["share"].sum() == pytest.approx(1.0)
    assert table["count"].is_monotonic_decreasing


def test_spelling_variants_merge_with_their_forms():
    article = _article("العنوان\nالعقوبات الأميركية والعقوبات الأمريكية تتزايد.")
    table = helpers.term_frequencies(article, unit="base")
    assert table.set_index("term").loc["عقوبات", "count"] == 2
    surface = helpers.term_frequencies(article, unit="surface")
    assert "العقوبات" in set(surface["term"]) and "والعقوبات" in set(surface["term"])


def test_bigrams_do_not_cross_punctuation_or_stopwords(seed_article):
    bigrams = helpers.term_frequencies(seed_article, ngram=2).set_index("term")
    assert bigrams.loc["وزير دفاع", "count"] == 2
    assert bigrams.loc["جمهورية اسلامية", "count"] == 2
    article = _article("عنوان\nزار إيران، روسيا وفد كبير.")
    terms = set(helpers.term_frequencies(article, ngram=2)["term"])
    assert "ايران روسيا" not in terms
    assert "وفد كبير" in terms


def test_stopwords_keep_and_units(seed_article):
    kept = helpers.term_frequencies(seed_article, stopwords="keep").set_index("term")
    assert "في" in kept.index
    stems = helpers.term_frequencies(seed_article, unit="stem").set_index("term")
    assert stems.loc["ايران", "count"] == 10  # the stem merges إيران with الإيرانية
    with pytest.raises(ValueError):
        helpers.term_frequencies(seed_article, unit="lemma")
    with pytest.raises(ValueError):
        helpers.term_frequencies(seed_article, ngram=4)


def test_captions_can_be_put_back(seed_article):
    default = helpers.term_frequencies(seed_article, unit="surface")
    everything = helpers.term_frequencies(seed_article, unit="surface", roles=helpers.ROLES)
    assert "رويترز" not in set(default["term"])
    assert "رويترز" in set(everything["term"])


def test_kwic_finds_clitic_forms_in_reading_order(seed_article):
    hits = helpers.kwic(seed_article, "إيران", window=3)
    assert len(hits) == 8
    text = seed_article.attrs["text"]
    first = hits.iloc[0]
    assert first["match"] == "إيران" and first["before"] == "" and first["after"] == "تتواصل مع بيلاروس"
    lil = hits[hits["match"] == "لإيران"].iloc[0]
    assert lil["before"] == "يمثل شريان حياة"
    assert all(text[r.start : r.end] == r.match for r in hits.itertuples())
    two_words = helpers.kwic(seed_article, "وزير الدفاع")
    assert len(two_words) == 2 and set(two_words["match"]) == {"وزير الدفاع"}


def test_collocations_rank_fixed_phrases(seed_article):
    table = helpers.collocations(seed_article, min_count=2)
    top_pairs = set(zip(table["first"], table["second"], strict=True))
    assert ("جمهورية", "اسلامية") in top_pairs
    assert table["llr"].is_monotonic_decreasing
    assert (table["count"] >= 2).all()
    by_pmi = helpers.collocations(seed_article, measure="pmi")
    assert by_pmi["pmi"].is_monotonic_decreasing


def test_keyness_finds_over_and_under_use():
    target = Counter({"ايران": 30, "نفط": 1, "قال": 10})
    reference = Counter({"ايران": 5, "نفط": 40, "قال": 100})
    table = keyness(target, reference).set_index("term")
    assert table.loc["ايران", "direction"] == "over"
    assert table.loc["نفط", "direction"] == "under"
    assert table.loc["ايران", "llr"] > 3.84


def test_collocations_keep_a_name_after_its_prefix_as_one_side():
    """عبد الله is one term (a name after عبد): a pair with it has two sides, not three."""
    text = "استقبل الأمير عبد الله الوفد. وزار عبد الله الوفد أمس."
    table = helpers.collocations(article_from_text(text, "test"), min_count=1)
    assert ("عبد الله", "وفد") in set(zip(table["first"], table["second"], strict=True))
