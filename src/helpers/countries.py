"""Country mentions of a text or an article: names, capitals, demonyms, aliases and misspellings.

Views of the one analysis (:mod:`helpers.analysis`): the mentions are found once, in the token table, by
the rules of :mod:`helpers.mentions`; these functions select and count them.
"""

from __future__ import annotations

import pandas as pd
import polars as pl

from helpers.analysis import analysis_of, to_pandas
from helpers.gazetteer import KINDS, city_ids, display_names
from helpers.mention_rules import COUNTRY_KINDS
from helpers.normalizing import normalize
from helpers.tokenizing import text_analysis

PLACE = ["article", "paragraph", "sentence", "role"]
MENTION_COLUMNS = ["start", "end", "surface", "country", "kind", "matched", "ambiguous", "candidates"]
REGION_COLUMNS = ["start", "end", "surface", "region", "matched"]


def _mentions(source: str | pd.DataFrame, roles, kinds: tuple[str, ...]) -> pd.DataFrame:
    if isinstance(source, pd.DataFrame):
        found = analysis_of(source).mentions(roles)
        place, length = PLACE, len(source.attrs.get("text", ""))
    else:
        found = text_analysis(source).mentions(("body",))
        place, length = [], 0
    found = found.filter(pl.col("kind").is_in(kinds))
    if kinds == ("region",):
        found, columns = found.filter(pl.col("country") != "").rename({"country": "region"}), REGION_COLUMNS
    else:
        columns = MENTION_COLUMNS
    table = to_pandas(found, [*place, *columns])
    if place:
        table["position"] = table["start"] / max(length, 1)
    return table


def find_country_mentions(
    source: str | pd.DataFrame, roles=None, cities: bool = False, kinds: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Every mention of a country in a text or an article table, one row each, in reading order.

    Columns: ``start``, ``end`` (offsets into the text; a preposition or conjunction before the name is
    left out), ``surface``, ``country`` (ISO 3166-1 alpha-3; empty when ``ambiguous``), ``kind`` (name,
    capital, demonym, alias, variant), ``matched`` (the gazetteer form: for a variant, the name it was
    taken for), ``ambiguous`` and ``candidates`` (the possible countries of an ambiguous mention).
    Called with an article table (:func:`helpers.read_article`), the mentions are found in the given
    roles (default: headline, body, subheadings) and ``article``, ``paragraph``, ``sentence``, ``role``
    and ``position`` (start / article length, 0–1) are added.

    Homographs are resolved by context (``resources/homographs.csv``): عمان is Amman near الأردن and Oman
    near سلطنة; مالي and سيول are common words unless the context names the country; a mention that stays
    open is marked ambiguous. Regions (أوروبا، الخليج) are not countries: see :func:`find_regions`.

    Context rules (:mod:`helpers.mention_rules`) set apart what only looks like a country: organisations
    (صحيفة «الرياض», الخطوط السعودية), people (اللواء منصور التركي), languages (اللغة الفرنسية), set phrases
    (تمر هندي) and provinces (منطقة نجران) are left out; an adjective (الحكومة السعودية) is a ``demonym``; a
    bare المملكة is the kingdom the article points to (``alias``) or stays ambiguous. Cities (جدة، حلب)
    are their own kind, ``city``, with their country, left out unless ``cities=True``. ``kinds`` picks
    any kinds instead (e.g. ``("organisation", "person")`` to see what was set apart).

    >>> find_country_mentions("التقى وزير خارجية روسيا نظيره الإيراني في طهران")[["surface", "country", "kind"]].values.tolist()
    [['روسيا', 'RUS', 'name'], ['الإيراني', 'IRN', 'demonym'], ['طهران', 'IRN', 'capital']]
    """
    wanted = kinds or (*COUNTRY_KINDS, *(("city",) if cities else ()))
    return _mentions(source, roles, tuple(wanted))


def find_regions(source: str | pd.DataFrame, roles=None) -> pd.DataFrame:
    """Mentions of regions and continents (أوروبا، آسيا الوسطى، الشرق الأوسط، الخليج، الغرب).

    Columns: ``start``, ``end``, ``surface``, ``region`` (an id such as ``central_asia``), ``matched``;
    with an article table also ``article``, ``paragraph``, ``sentence``, ``role`` and ``position``.
    """
    return _mentions(source, roles, ("region",))


def country_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions per country: ``country``, ``country_name`` (Arabic), ``mentions`` and one column per kind.

    Ambiguous mentions are not counted (they have no country); most mentioned first.
    """
    resolved = mentions[mentions["country"] != ""]
    kinds = [*KINDS, "variant"]
    table = pd.crosstab(resolved["country"], resolved["kind"]).reindex(columns=kinds, fill_value=0)
    table.insert(0, "mentions", table.sum(axis=1))
    table = table.reset_index().rename_axis(columns=None)
    table.insert(1, "country_name", table["country"].map(display_names()))
    return table.sort_values(["mentions", "country"], ascending=[False, True], ignore_index=True)


def city_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions per city (rows of kind ``city``, e.g. from ``find_country_mentions(..., cities=True)``):
    ``city`` (as the article writes it most often), ``country``, ``country_name`` (Arabic) and ``mentions``; most
    mentioned first. A city's spellings are counted together (المدينة، المدينة المنورة).

    >>> city_counts(find_country_mentions("وصل الوفد إلى جدة ثم إلى حلب وعاد إلى جدة", cities=True)).values.tolist()
    [['جدة', 'SAU', 'المملكة العربية السعودية', 2], ['حلب', 'SYR', 'سوريا', 1]]
    """
    cities = mentions[(mentions["kind"] == "city") & (mentions["country"] != "")]
    ids = city_ids()
    cities = cities.assign(city_id=[ids.get(normalize(m), m) for m in cities["matched"]])
    grouped = cities.groupby(["city_id", "country"])["surface"]
    table = grouped.agg(city=lambda s: s.value_counts().index[0], mentions="size").reset_index()
    table = table[["city", "country", "mentions"]]
    table.insert(2, "country_name", table["country"].map(display_names()))
    return table.sort_values(["mentions", "city"], ascending=[False, True], ignore_index=True)


def pair_counts(mentions: pl.DataFrame, level: str = "sentence") -> pl.DataFrame:
    """Pairs of countries named in the same sentence (or paragraph) of an article: ``first``,
    ``second`` (alphabetical) and ``count`` (how many sentences name both); most frequent first.
    ``mentions`` need ``article`` (or ``doc``), ``level`` and ``country``; ambiguous ones (no country)
    and what is not a country mention (regions, cities, organisations …) are left out."""
    if level not in ("sentence", "paragraph"):
        raise ValueError('level must be "sentence" or "paragraph"')
    article = "doc" if "doc" in mentions.columns else "article"
    kept = mentions.filter(pl.col("country") != "")
    if "kind" in kept.columns:
        kept = kept.filter(pl.col("kind").is_in(COUNTRY_KINDS))
    units = kept.select(article, level, "country").unique()
    pairs = units.join(units, on=[article, level], suffix="_2").filter(
        pl.col("country") < pl.col("country_2")
    )
    counted = pairs.group_by(first="country", second="country_2").agg(count=pl.len().cast(pl.Int64))
    return counted.sort(["count", "first", "second"], descending=[True, False, False])


def co_mentions(mentions: pd.DataFrame, level: str = "sentence") -> pd.DataFrame:
    """Pairs of countries named in the same sentence (or paragraph): ``first``, ``second``, ``count``.

    ``count`` is the number of sentences (paragraphs) that name both; pairs are in alphabetical order.
    """
    if level not in ("sentence", "paragraph"):
        raise ValueError('level must be "sentence" or "paragraph"')
    table = mentions if "article" in mentions else mentions.assign(article="")
    frame = pl.from_pandas(table[["article", level, "country"]].astype({"article": str, "country": str}))
    return pair_counts(frame, level).to_pandas()
