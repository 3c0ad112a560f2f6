"""Paragraph roles: the rules in one place.

A paragraph is one of :data:`ROLES`. The cue phrases live in ``resources/role_cues.csv``; the
structural rules (first line is the headline, short unpunctuated lines are subheadings) are here.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

import pandas as pd
import polars as pl

ROLES = ("headline", "body", "subheading", "caption", "related", "boilerplate")
ANALYSIS_ROLES = ("headline", "body", "subheading")
"""Roles that analyses use by default; captions, links and boilerplate are left out."""

HEADLINE_MAX_WORDS = 25
SUBHEADING_MAX_WORDS = 10
SUFFIX_WINDOW = 30
"""Characters at the end of a paragraph where a suffix cue is looked for."""
_SENTENCE_END = r"[.!?؟:…»”\"]\s*$"


@cache
def role_cues() -> dict[str, tuple[str, ...]]:
    """The cue table, keyed ``"role/match"`` (for example ``"related/prefix"``)."""
    cues: dict[str, list[str]] = {}
    with resources.files("helpers").joinpath("resources/role_cues.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            cues.setdefault(f"{row['role']}/{row['match']}", []).append(row["cue"])
    return {key: tuple(values) for key, values in cues.items()}


@cache
def _credit_pattern() -> str:
    words = "|".join(map(re.escape, role_cues()["caption/credit"]))
    return rf"(?i)\((?:[^()]*\s)?(?:{words})\b[^()]*\)\s*[.]?$"


def _cue_roles(text: pl.Expr) -> pl.Expr:
    """The role a cue phrase gives each (stripped) paragraph: related, boilerplate, caption, or null."""
    cues = role_cues()
    role = pl.lit(None, dtype=pl.String)
    tests = []
    tail = text.str.slice(-SUFFIX_WINDOW).str.replace_all(r"\s+", "")
    for name in ("related", "boilerplate", "caption"):
        exact, prefixes, contained, suffixes = (
            cues.get(f"{name}/{how}", ()) for how in ("exact", "prefix", "contains", "suffix")
        )
        hit = text.is_in(list(exact)) if exact else pl.lit(False)
        if prefixes:
            hit = hit | pl.any_horizontal([text.str.starts_with(p) for p in prefixes])
        if suffixes:  # compared without spaces («… المزيد»)
            hit = hit | pl.any_horizontal([tail.str.ends_with(re.sub(r"\s+", "", c)) for c in suffixes])
        if contained:
            hit = hit | text.str.contains_any(list(contained))
        tests.append((name, hit))
    tests.append(("caption", text.str.contains("(", literal=True) & text.str.contains(_credit_pattern())))
    for name, hit in reversed(tests):
        role = pl.when(hit).then(pl.lit(name)).otherwise(role)
    return role


def assign_roles(paragraphs: pl.DataFrame) -> pl.Series:
    """The role of every paragraph of ``paragraphs`` (``article``, ``text``: stripped, in reading order).

    - cue phrases first (read-also links, site boilerplate, photo captions with a credit);
    - the first remaining paragraph is the headline when it is short and has no final full stop;
    - a later short paragraph with no sentence punctuation, followed by a body paragraph, is a subheading;
    - everything else is body.
    """
    text, article = pl.col("text"), pl.col("article")
    words = text.str.count_matches(r"\S+")
    free = pl.col("cue").is_null()
    first_free = free & (free.cast(pl.Int32).cum_sum().over(article) == 1)
    headline = first_free & (pl.col("words") <= HEADLINE_MAX_WORDS) & ~text.str.ends_with(".")
    long = (free & ~pl.col("headline") & (pl.col("words") > SUBHEADING_MAX_WORDS)).cast(pl.Int32)
    later_body = (long.sum().over(article) - long.cum_sum().over(article)) > 0
    subheading = (
        free & ~pl.col("headline") & (pl.col("words") <= SUBHEADING_MAX_WORDS) & later_body
        & ~text.str.contains(_SENTENCE_END)
    )  # fmt: skip
    return (
        paragraphs.select(article, text, cue=_cue_roles(text), words=words)
        .with_columns(headline=headline)
        .select(
            pl.when(pl.col("headline"))
            .then(pl.lit("headline"))
            .when(subheading)
            .then(pl.lit("subheading"))
            .otherwise(pl.col("cue").fill_null("body"))
            .alias("role")
        )
        .to_series()
    )


def classify_roles(paragraphs: list[str]) -> list[str]:
    """The roles of an article's paragraphs (:func:`assign_roles`).

    >>> classify_roles(["إيران تتواصل مع بيلاروس", "قال الوزير إن المحادثات ستستمر في العاصمة خلال الأيام المقبلة."])
    ['headline', 'body']
    """
    frame = pl.DataFrame({"article": [""] * len(paragraphs), "text": [p.strip() for p in paragraphs]},
                         schema={"article": pl.String, "text": pl.String})  # fmt: skip
    return assign_roles(frame).to_list()


def check_roles(roles: tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """``roles`` as a tuple (``None``: :data:`ANALYSIS_ROLES`); unknown roles are an error."""
    wanted = ANALYSIS_ROLES if roles is None else tuple(roles)
    unknown = set(wanted) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown role(s) {sorted(unknown)}; roles are {', '.join(ROLES)}")
    return wanted


def select_roles(article: pd.DataFrame, roles: tuple[str, ...] | list[str] | None = None) -> pd.DataFrame:
    """The rows of a paragraph (or sentence/token) table whose role is in ``roles``.

    ``roles=None`` means :data:`ANALYSIS_ROLES` (headline, body, subheading).
    """
    return article[article["role"].isin(check_roles(roles))]
