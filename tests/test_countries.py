"""Country mentions: exact agreement with hand-made gold on the seed article and on trap passages."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import helpers
from helpers.countries import co_mentions, country_counts, find_country_mentions, find_regions
from helpers.gazetteer import gazetteer

from .country_gold import passages, seed_gold

ROOT = Path(__file__).resolve().parents[1]


def _as_tuples(mentions):
    return [(r.surface, "?" if r.ambiguous else r.country, r.kind) for r in mentions.itertuples(index=False)]


def test_seed_article_agrees_exactly_with_the_gold(seed_article):
    gold = seed_gold()
    mentions = find_country_mentions(seed_article, roles=helpers.ROLES)
    expected = [
        (g["paragraph"], g["surface"], g["country"], g["kind"]) for g in gold if g["kind"] != "region"
    ]
    found = [(str(r.paragraph), r.surface, r.country, r.kind) for r in mentions.itertuples(index=False)]
    assert found == expected
    text = seed_article.attrs["text"]
    assert all(text[r.start : r.end] == r.surface for r in mentions.itertuples(index=False))


def test_seed_regions_agree_with_the_gold(seed_article):
    expected = [(g["paragraph"], g["surface"], g["country"]) for g in seed_gold() if g["kind"] == "region"]
    found = find_regions(seed_article, roles=helpers.ROLES)
    assert sorted((str(r.paragraph), r.surface, r.region) for r in found.itertuples()) == sorted(expected)


@pytest.mark.parametrize(("ident", "text", "expected"), passages(), ids=[p[0] for p in passages()])
def test_trap_passages(ident, text, expected):
    assert _as_tuples(find_country_mentions(text)) == expected


def test_at_least_thirty_passages_cover_every_kind():
    rows = passages()
    assert len(rows) >= 30
    kinds = {kind for _, _, expected in rows for _, _, kind in expected}
    assert {"name", "capital", "demonym", "alias", "variant"} <= kinds


def test_offsets_leave_out_prepositions_but_keep_the_article():
    text = "قدمت دعمها لروسيا وبالصين وللولايات المتحدة"
    mentions = find_country_mentions(text)
    assert list(mentions["surface"]) == ["روسيا", "الصين", "للولايات المتحدة"]
    assert all(text[r.start : r.end] == r.surface for r in mentions.itertuples())


def test_every_iso_country_is_in_the_gazetteer():
    import pycountry

    table = gazetteer()
    named = set(table.loc[table["kind"] == "name", "iso3"])
    assert {c.alpha_3 for c in pycountry.countries} <= named
    assert set(table["kind"]) == {"name", "alias", "capital", "demonym"}
    assert table["source"].str.len().gt(0).all()


def test_matching_cost_does_not_depend_on_gazetteer_size():
    from helpers import mentions

    index = mentions._index()
    assert len(index) > 5000  # every form with its proclitics is a key: one lookup per token
    assert "لروسيا" in index and "للولايات" in index


def test_counts_and_co_mentions(seed_article):
    mentions = find_country_mentions(seed_article)  # headline, body, subheadings: the caption is left out
    counts = country_counts(mentions).set_index("country")
    assert counts.loc["IRN", "mentions"] == 22
    assert counts.loc["IRN", "capital"] == 6
    assert counts.loc["BLR", "variant"] == 1
    assert counts["mentions"].is_monotonic_decreasing
    pairs = co_mentions(mentions)
    top = pairs.iloc[0]
    assert (top["first"], top["second"]) == ("BLR", "IRN")
    assert mentions["position"].min() >= 0 and mentions["position"].max() < 1
    with pytest.raises(ValueError):
        co_mentions(mentions, level="article")


def test_ambiguous_mentions_are_not_counted():
    mentions = find_country_mentions("وصل الوفد إلى عمان ثم إلى بغداد")
    assert mentions.loc[0, "ambiguous"] and mentions.loc[0, "candidates"] == "JOR|OMN"
    assert list(country_counts(mentions)["country"]) == ["IRQ"]


def test_news_gold_offsets_point_at_their_surfaces():
    """Every row of the hand-made news gold names the text at its offsets (when the sample is there)."""
    spec = importlib.util.spec_from_file_location("countries_news", ROOT / "benchmarks" / "countries_news.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    if not bench.DEFAULT_SAMPLE.exists():
        pytest.skip("the news sample is not there")
    splits, gold = bench.read_gold()
    texts = bench.read_sample(bench.DEFAULT_SAMPLE, set(splits))
    assert set(texts) == set(splits)
    wrong = [g for g in gold if texts[g["article"]][int(g["start"]) : int(g["end"])] != g["surface"]]
    assert not wrong, wrong[:3]
    assert len(gold) > 700


def test_city_counts_merge_a_citys_spellings():
    text = "وصل الحجاج إلى المدينة المنورة أمس، ثم غادروا مطار المدينة إلى جدة"
    table = helpers.countries.city_counts(find_country_mentions(text, cities=True))
    assert table[["country", "mentions"]].values.tolist() == [["SAU", 2], ["SAU", 1]]
    assert table["city"].tolist()[1] == "جدة"
