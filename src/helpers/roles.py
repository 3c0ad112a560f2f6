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

ROLES = ("headline", "body", "subheading", "caption", "related", "boilerplate")
ANALYSIS_ROLES = ("headline", "body", "subheading")
"""Roles that analyses use by default; captions, links and boilerplate are left out."""

HEADLINE_MAX_WORDS = 25
SUBHEADING_MAX_WORDS = 10
_SENTENCE_END = re.compile(r"[.!?؟:…»”\"]\s*$")


@cache
def role_cues() -> dict[str, tuple[str, ...]]:
    """The cue table, keyed ``"role/match"`` (for example ``"related/prefix"``)."""
    cues: dict[str, list[str]] = {}
    with resources.files("helpers").joinpath("resources/role_cues.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            cues.setdefault(f"{row['role']}/{row['match']}", []).append(row["cue"])
    return {key: tuple(values) for key, values in cues.items()}


@cache
def _credit_pattern() -> re.Pattern[str]:
    words = "|".join(map(re.escape, role_cues()["caption/credit"]))
    return re.compile(rf"\((?:[^()]*\s)?(?:{words})\b[^()]*\)\s*[.]?$", re.IGNORECASE)


@cache
def _cue_tests() -> tuple[tuple[str, frozenset[str], tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...]:
    """``(role, exact cues, prefixes, contained cues, suffixes)`` in the order roles are tried; suffixes
    are compared without spaces."""
    cues = role_cues()
    return tuple(
        (role, frozenset(cues.get(f"{role}/exact", ())), cues.get(f"{role}/prefix", ()),
         cues.get(f"{role}/contains", ()), tuple(_SPACES.sub("", c) for c in cues.get(f"{role}/suffix", ())))
        for role in ("related", "boilerplate", "caption")
    )  # fmt: skip


_SPACES = re.compile(r"\s+")
SUFFIX_WINDOW = 30
"""Characters at the end of a paragraph where a suffix cue is looked for."""


def cue_role(text: str) -> str | None:
    """The role a cue phrase gives ``text`` (related, boilerplate or caption), if any.

    >>> cue_role("يقرأ  رئيس شركة هيليوس تاورز")
    'related'
    >>> cue_role("أضف تعليق")
    'boilerplate'
    >>> cue_role(" ...المزيد")
    'related'
    """
    stripped = text.strip()
    tail = _SPACES.sub("", stripped[-SUFFIX_WINDOW:])
    for role, exact, prefixes, contained, suffixes in _cue_tests():
        if stripped in exact or stripped.startswith(prefixes) or (suffixes and tail.endswith(suffixes)):
            return role
        for cue in contained:
            if cue in stripped:
                return role
    if "(" in stripped and _credit_pattern().search(stripped):
        return "caption"
    return None


def classify_roles(paragraphs: list[str]) -> list[str]:
    """Give every paragraph of an article its role.

    - cue phrases first (read-also links, site boilerplate, photo captions with a credit);
    - the first remaining paragraph is the headline when it is short and has no final full stop;
    - a later short paragraph with no sentence punctuation, followed by a body paragraph, is a subheading;
    - everything else is body.
    """
    roles: list[str | None] = [cue_role(p) for p in paragraphs]
    cap = max(HEADLINE_MAX_WORDS, SUBHEADING_MAX_WORDS) + 1  # word counts are only compared to these
    words = [len(p.split(None, cap)) for p in paragraphs]
    first = next((i for i, r in enumerate(roles) if r is None), None)
    if (
        first is not None
        and words[first] <= HEADLINE_MAX_WORDS
        and not paragraphs[first].rstrip().endswith(".")
    ):
        roles[first] = "headline"
    later_body = False  # whether a long paragraph without a cue role follows: read from the end
    for i in range(len(roles) - 1, -1, -1):
        if roles[i] is not None:
            continue
        if words[i] > SUBHEADING_MAX_WORDS:
            later_body = True
        elif later_body and not _SENTENCE_END.search(paragraphs[i]):
            roles[i] = "subheading"
    return [role or "body" for role in roles]


def select_roles(article: pd.DataFrame, roles: tuple[str, ...] | list[str] | None = None) -> pd.DataFrame:
    """The rows of a paragraph (or sentence/token) table whose role is in ``roles``.

    ``roles=None`` means :data:`ANALYSIS_ROLES` (headline, body, subheading).
    """
    wanted = ANALYSIS_ROLES if roles is None else tuple(roles)
    unknown = set(wanted) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown role(s) {sorted(unknown)}; roles are {', '.join(ROLES)}")
    return article[article["role"].isin(wanted)]
