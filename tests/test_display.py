"""Display: right-to-left tables, KWIC with "before" on the right, the one term display rule, offline HTML,
keyness against general Arabic, mentions over time."""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest

import helpers
from helpers import display, plotting, reference, report, timeline
from helpers.findings import article_findings


def test_one_display_rule_for_terms():
    assert display.term_display("ايران", "لإيران، إيران، وإيران") == "إيران"  # hamza as written
    assert display.term_display("روسيا", "وروسيا") == "روسيا"  # no proclitic
    assert display.term_display("عقوبات", "بالعقوبات، العقوبات") == "العقوبات"  # article as written
    assert display.term_display("صناعية", "والصناعية") == "الصناعية"  # article kept, conjunction cut
    assert display.term_display("دفاعية صناعية", "الدفاعية والصناعية") == "الدفاعية الصناعية"


def test_tables_charts_and_findings_use_the_same_labels(seed_article):
    terms = helpers.term_frequencies(seed_article)
    labels = list(display.term_labels(terms.head(5)))
    assert labels[:2] == ["إيران", "العقوبات"]
    assert [t for t, _ in article_findings(seed_article)["top_terms"]] == labels


def test_arabic_cells_are_marked_right_to_left():
    frame = pd.DataFrame({"term": ["إيران", "IRN"], "count": [8, 3], "text": ["«قال الوزير».", "x"]})
    html = display.rtl_table(frame)._repr_html_()
    assert '<td dir="rtl" lang="ar">إيران</td>' in html
    assert '<td dir="rtl" lang="ar">«قال الوزير».</td>' in html
    assert "<td>IRN</td>" in html and "<td>8</td>" in html


def test_long_arabic_cells_are_cut_at_their_end():
    with pd.option_context("display.max_colwidth", 6):
        html = display.rtl_table(pd.DataFrame({"t": ["الولايات المتحدة"]}))._repr_html_()
    assert "الولا…" in html  # the ellipsis follows the text, so it stands on the left when rendered


def test_kwic_table_reads_right_to_left(seed_article):
    hits = helpers.kwic(seed_article, "إيران")
    html = display.kwic_html(hits)
    assert '<table class="dataframe kwic" dir="rtl"' in html
    row = re.search(r"<tbody><tr>(.*?)</tr>", html).group(1)
    assert row.index('class="before"') < row.index('class="match"') < row.index('class="after"')


def test_kwic_explorer_has_a_static_table_and_a_live_widget(seed_article):
    explorer = display.kwic_explorer(seed_article, "إيران")
    bundle = explorer._repr_mimebundle_()
    assert "<b>8</b> occurrences of" in bundle["text/html"]
    assert bundle["text/html"].count("<tr>") == 9  # a header row and eight hits
    assert "application/vnd.jupyter.widget-view+json" in bundle
    box, count, lines = explorer.widget.children
    box.value = "لإيران"  # the query is analysed like the text
    assert "<b>8</b>" in count.value and lines.value.count("<tr>") == 9
    box.value = "بيلاتوس"
    assert "<b>1</b> occurrence of" in count.value
    box.value = ""
    assert count.value == lines.value == ""


def test_offline_html_needs_no_network_and_describes_its_figures(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    out = nbformat.v4.new_output(
        "display_data",
        data={
            "text/html": plotting.figure(_tiny_figure(), alt="وصف الرسم")._repr_html_(),
            "text/plain": "figure",
        },
    )
    cell = nbformat.v4.new_code_cell("x", outputs=[out])
    nb.cells = [cell]
    html = report.offline_html(nb)
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert "require.js" not in html and "@jupyter-widgets/html-manager" not in html
    assert 'alt="وصف الرسم"' in html and "No description has been provided" not in html


def _tiny_figure():
    from matplotlib.figure import Figure

    fig = Figure(figsize=(1, 1))
    fig.add_subplot().plot([0, 1])
    return fig


def test_keyness_against_general_arabic_is_significant_where_it_should_be(seed_article):
    table = reference.general_keyness(helpers.term_frequencies(seed_article))
    top = table.iloc[0]
    assert top["significance"] == "***" and top["p"] < 0.001 and top["direction"] == "over"
    assert (table.loc[table["direction"] == "over", "target"] >= 2).all()  # once is never over-use
    assert "إيران" in set(table.loc[table["llr"] >= 10.83, "label"])
    assert table["term"].str.fullmatch(r"[\u0621-\u064a]+|[a-z]+").all()  # no digits as terms
    # a common word used at its usual rate is not significant
    shares = {"كلمة": 0.01, "اخرى": 0.99}
    even = pd.DataFrame({"term": ["كلمة", "اخرى"], "count": [2, 198], "forms": ["كلمة", "أخرى"]})
    assert reference.general_keyness(even, shares)["significance"].eq("").all()


def test_keyness_title_says_what_is_drawn():
    over = pd.DataFrame({"llr": [20.0, 1.0], "direction": ["over", "under"]})
    assert reference.keyness_title(over, "العربية العامة").startswith("الكلمات التي يكثر المقال منها مقارنة")
    both = pd.DataFrame({"llr": [20.0, 5.0], "direction": ["over", "under"]})
    assert "أو يقل" in reference.keyness_title(both, "العربية العامة")


@pytest.fixture
def dated_mentions():
    return pd.DataFrame({
        "article": ["a", "a", "b", "c", "d", "e", "f"],
        "date": ["2024-01-03", "2024-01-03", "2024-01-20", "2024-02-11", "", "2024-03-30", "2024-03-02"],
        "country": ["IRN", "RUS", "IRN", "USA", "IRN", "IRN", "RUS"],
        "kind": ["name"] * 7,
        "count": [3, 1, 2, 4, 9, 1, 2],
    })  # fmt: skip


def test_mentions_over_time_by_week_and_month(dated_mentions):
    weeks = timeline.mentions_over_time(dated_mentions, frequency="week", top=2)
    assert list(weeks.columns) == ["period", "IRN", "USA"]  # the two most mentioned (dated) countries
    assert weeks["period"].iloc[0] == "2024-01-01" and weeks["period"].iloc[-1] == "2024-03-25"
    assert len(weeks) == 13  # every week, empty ones included
    assert weeks.set_index("period").loc["2024-02-05", "USA"] == 4  # Sunday 11 February: week of Monday 5
    assert weeks.attrs["undated"] == 9
    months = timeline.mentions_over_time(dated_mentions, frequency="month")
    assert list(months["period"]) == ["2024-01-01", "2024-02-01", "2024-03-01"]
    assert months.set_index("period").loc["2024-03-01"].to_dict() == {"IRN": 1, "USA": 0, "RUS": 2}


def test_mentions_over_time_reads_parquet_or_says_what_is_missing(dated_mentions, tmp_path):
    with pytest.raises(ValueError, match="count"):
        timeline.mentions_over_time(dated_mentions.drop(columns="count"))
    undated = dated_mentions.assign(date="")
    assert timeline.mentions_over_time(undated).empty
    try:
        dated_mentions.to_parquet(tmp_path / "mentions.parquet")
    except ImportError:
        pytest.skip("no Parquet engine installed")
    assert timeline.mentions_over_time(tmp_path).equals(timeline.mentions_over_time(dated_mentions))
