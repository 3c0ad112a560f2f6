"""Findings: true and grammatical on any article (no country, one country, no repeated pair, no region)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import helpers
from helpers import findings as F
from helpers.display import plural, top_term_kwic
from helpers.terms import vocabulary_sizes

ARTICLES = {
    "no_country": "ارتفاع أسعار الخضار في الأسواق المحلية\n"
    "شهدت الأسواق المحلية ارتفاعا ملحوظا في أسعار الخضار خلال الأسبوع الماضي، وقال التجار إن السبب "
    "يعود إلى قلة المعروض.\nوأضاف المزارعون أن موجة الحر أثرت على المحاصيل الزراعية في الحقول.\n",
    "one_country": "مصر تفتتح مشروعا جديدا للطاقة الشمسية\n"
    "افتتحت مصر اليوم مشروعا كبيرا للطاقة الشمسية قرب أسوان.\n"
    "وقال وزير الكهرباء إن المشروع سيوفر الكهرباء لآلاف المنازل في مصر.\n",
    "no_pair": "افتتاح معرض للكتاب\nافتتح المعرض أبوابه صباح الأحد بحضور عدد من الكتاب.\n"
    "وشارك ناشرون من فرنسا في الندوة الأولى.\nكما قدم شعراء من اليابان قراءات في المساء.\n",
    "close_race": "إيران وروسيا تبحثان التعاون\n"
    "زار وزير خارجية إيران موسكو، والتقى مسؤولين في روسيا.\n"
    "وقالت طهران إن العلاقات مع روسيا جيدة، وإن إيران تريد المزيد.\n"
    "وأضافت موسكو أن روسيا تدعم إيران، فيما أكدت طهران ذلك. وتحدثت إيران عن روسيا.\n",
}


def write_articles(folder) -> dict[str, object]:
    """The small test articles, written into ``folder``; name → path."""
    paths = {}
    for name, text in ARTICLES.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    out = {}
    for name, path in write_articles(tmp_path_factory.mktemp("articles")).items():
        article = helpers.read_article(path)
        mentions = helpers.find_country_mentions(article)
        counts = helpers.country_counts(mentions)
        tokens = helpers.tokenize_article(article)
        terms = helpers.term_frequencies(article)
        out[name] = {
            "article": article,
            "country_lines": F.countries_findings(
                mentions, counts, helpers.co_mentions(mentions), helpers.find_regions(article)
            ),
            "lines": F.findings_lines(F.article_findings(article)),
            "term_lines": F.terms_findings(
                vocabulary_sizes(tokens),
                tokens,
                terms,
                helpers.collocations(article),
                top_term_kwic(article, terms),
            ),
            "reading_lines": F.reading_findings(
                article, helpers.sentence_table(article), helpers.ANALYSIS_ROLES
            ),
            "counts": counts,
        }
    return out


BAD = [
    r"\b1 (countries|times|sentences|mentions|paragraphs|words)\b",
    r"\b0 are\b",
    r":\s*\.",
    r"\(\)",
    r"\b1 times each\b",
]


def _all_lines(t) -> list[str]:
    return t["country_lines"] + t["lines"] + t["term_lines"] + t["reading_lines"]


@pytest.mark.parametrize("name", list(ARTICLES))
def test_no_sentence_is_ungrammatical_or_empty(tables, name):
    for line in _all_lines(tables[name]):
        text = re.sub(r"<[^>]+>", "", line)
        for pattern in BAD:
            assert not re.search(pattern, text), (name, line)
        assert re.search(r"\w", text.strip("- .*")), (name, line)


def test_an_article_without_countries_says_so_once(tables):
    t = tables["no_country"]
    assert t["counts"].empty
    assert t["country_lines"] == ["- The article mentions no country."]
    assert "- No country is mentioned." in t["lines"]
    assert not any("region" in line for line in t["country_lines"])  # no "0 region mentions ()"


def test_one_country_is_singular(tables):
    t = tables["one_country"]
    assert list(t["counts"]["country"]) == ["EGY"]
    assert any("one country" in line.lower() and "EGY" in line for line in t["country_lines"])
    assert not any("countries" in re.sub(r"<[^>]+>", "", line) for line in t["country_lines"])
    assert any(line.startswith("- One country is mentioned") for line in t["lines"])


def test_no_repeated_pair_and_a_tie(tables):
    t = tables["no_pair"]
    text = " ".join(t["country_lines"])
    assert "No two countries are named in the same sentence" in text
    assert "1 time** each" in text and "dominates" not in text and "leads" not in text
    assert any("No pair of content words occurs twice" in line for line in t["term_lines"])
    assert not any("collocation is" in line for line in t["term_lines"])


def test_dominates_only_with_a_clear_lead(tables):
    counts = tables["close_race"]["counts"].set_index("country")["mentions"]
    first, second = sorted(counts, reverse=True)[:2]
    text = " ".join(tables["close_race"]["country_lines"])
    assert first < 2 * second  # a close race …
    assert "dominates" not in text  # … is not domination
    assert ("leads with" in text) != (first == second) and ("each" in text) == (first == second)


def test_dominance_rule_on_counts():
    counts = pd.DataFrame({"country": ["IRN", "RUS"], "country_name": ["إيران", "روسيا"], "mentions": [6, 5],
                           "name": [6, 5], "capital": [0, 0], "demonym": [0, 0], "alias": [0, 0],
                           "variant": [0, 0]})  # fmt: skip
    mentions = pd.DataFrame({"kind": ["name"] * 11, "surface": [""] * 11, "matched": [""] * 11,
                             "country": ["IRN"] * 6 + ["RUS"] * 5, "paragraph": [1] * 11})  # fmt: skip
    pairs = pd.DataFrame(columns=["first", "second", "count"])
    regions = pd.DataFrame(columns=["matched"])
    text = " ".join(F.countries_findings(mentions, counts, pairs, regions))
    assert "leads with **6 mentions**" in text and "dominates" not in text
    counts.loc[0, ["mentions", "name"]] = 12
    text = " ".join(F.countries_findings(mentions, counts, pairs, regions))
    assert "dominates with **12 mentions**" in text


def test_most_varied_term_is_never_a_stopword(seed_article):
    tokens = helpers.tokenize_article(seed_article)
    varied = F.most_varied(tokens)
    assert varied is not None
    assert varied["base"] not in helpers.stopwords()
    assert tokens.loc[tokens["base"] == varied["base"], "is_stop"].eq(False).all()


def test_plural_and_series():
    assert [plural(n, "country") for n in (0, 1, 2)] == ["0 countries", "1 country", "2 countries"]
    assert plural(1, "time") == "1 time" and plural(21, "sentence") == "21 sentences"
    assert F.series([]) == "" and F.series(["a", "b"]) == "a and b"


def test_findings_show_nothing_for_empty_lines():
    shown = F.findings("", "- one line", "")
    assert shown.lines == ["- one line"]
    assert "<li>one line</li>" in shown._repr_html_()


def test_bars_note_explains_a_flat_chart():
    flat = pd.DataFrame({"term": ["a b", "c d", "e f"], "count": [2, 2, 2]})
    note = F.bars_note(flat, n=10, what="word pair")
    assert "3 word pairs occur 2 times" in note
    once = pd.DataFrame({"term": ["a b"], "count": [1]})
    assert "No word pair occurs twice" in F.bars_note(once, what="word pair")


def test_timeline_note_covers_every_case():
    assert "mentions.parquet" in F.timeline_note(None)
    empty = pd.DataFrame({"period": []})
    empty.attrs.update(undated=3, frequency="week")
    assert "No record of the corpus has a date (3 mentions undated)" in F.timeline_note(empty)


def test_notebooks_only_call_the_builders():
    """Notebooks import findings and display helpers, never the report runner, and build no sentence."""
    from pathlib import Path

    for path in sorted((Path(__file__).parents[1] / "notebooks").glob("[0-9][0-9]-*.py")):
        source = path.read_text(encoding="utf-8")
        assert "helpers.report" not in source, path.name
        assert 'f"- ' not in source, path.name  # finding sentences are built in helpers.findings
