"""Tokens with character offsets, each with its normalized form, base, and stopword flag."""

from __future__ import annotations

import re

import pandas as pd

from helpers.lexicon import WORD_CACHE, analyse_word, base, stopwords
from helpers.normalizing import normalize

_LETTER = "\u0621-\u063a\u0641-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc"
_MARK = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d"
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad"
_KINDS = {
    "arabic": rf"[{_LETTER}][{_LETTER}{_MARK}]*",
    "number": rf"[{_DIGIT}]+(?:[.,٫٬][{_DIGIT}]+)*",
    "latin": r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)*",
    "other": rf"[^\W\d_{_LETTER}\u0600-\u06ff]+",
    "punct": rf"[^\s{_INVISIBLE}]",
}
TOKEN = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _KINDS.items()))
"""One token: an Arabic word (with its marks and tatweel), a number (1.5, ٢٠١٩), a Latin word, a word in
another script, or a single punctuation mark. Spaces and invisible marks between tokens are skipped."""
TOKEN_TEXT = re.compile("|".join(_KINDS.values()))
"""The same tokens without their kinds: ``TOKEN_TEXT.findall(text)`` is a fast list of strings."""
WORD_KINDS = ("arabic", "latin", "number", "other")
COLUMNS = ["start", "end", "surface", "norm", "base", "is_stop", "kind"]


_ANALYSES: dict[str, tuple[str, str, bool]] = {}
"""``surface → (norm, base, is_stop)``: each distinct token is analysed once per process (a surface
always has the same kind, so the surface alone is the key). Emptied when it outgrows
:data:`helpers.lexicon.WORD_CACHE` entries, so memory stays bounded on any corpus."""


def analyze_norm(norm: str, kind: str = "arabic") -> tuple[str, str, bool]:
    """``(norm, base, is_stop)`` of a token already normalized, of the given :data:`TOKEN` kind (an
    Arabic word is taken as written with a plain alef: :func:`helpers.lexicon.analyse_word` knows more)."""
    if kind != "arabic":
        return norm, norm, kind == "punct"
    word_base = base(norm)
    stop = stopwords()
    return norm, word_base, norm in stop or word_base in stop


def _bound_cache() -> None:
    if len(_ANALYSES) > WORD_CACHE:
        _ANALYSES.clear()


def analyze(surface: str, kind: str = "arabic") -> tuple[str, str, bool]:
    """``(norm, base, is_stop)`` of one token; cached, so each distinct word is analysed once.

    >>> analyze("وللدبلوماسيّة")
    ('وللدبلوماسية', 'دبلوماسية', False)
    """
    found = _ANALYSES.get(surface)
    if found is None:
        _bound_cache()
        if kind == "arabic":
            found = _ANALYSES[surface] = analyse_word(surface)
        else:
            norm = surface.casefold() if kind == "latin" else normalize(surface)
            found = _ANALYSES[surface] = analyze_norm(norm, kind)
    return found


def analyze_words(surfaces: list[str]) -> list[tuple[str, str, bool]]:
    """:func:`analyze` for many words (from :data:`WORD`) at once: new ones are normalized in one pass."""
    _bound_cache()
    new = [s for s in surfaces if s not in _ANALYSES]
    for surface, (norm, kind) in zip(new, normalize_words(new), strict=True):
        _ANALYSES[surface] = analyse_word(surface) if kind == "arabic" else analyze_norm(norm, kind)
    return [_ANALYSES[s] for s in surfaces]


def normalize_words(surfaces: list[str]) -> list[tuple[str, str]]:
    """``(norm, kind)`` of many words (from :data:`WORD`), normalized in one pass (Latin is casefolded).

    >>> normalize_words(["وأضاف", "Iran"])
    [('واضاف', 'arabic'), ('iran', 'latin')]
    """
    kinds = [word_kind(s) for s in surfaces]
    arabic = [s for s, kind in zip(surfaces, kinds, strict=True) if kind != "latin"]
    norms = iter(normalize("\n".join(arabic)).split("\n") if arabic else ())
    return [
        (surface.casefold() if kind == "latin" else next(norms), kind)
        for surface, kind in zip(surfaces, kinds, strict=True)
    ]


def tokenize(text: str) -> pd.DataFrame:
    """One row per token of ``text``, with offsets into ``text`` (``text[start:end] == surface``).

    Columns: ``start``, ``end``, ``surface``, ``norm`` (:func:`helpers.normalize`), ``base`` (norm without
    proclitics and the article), ``is_stop``, ``kind`` (arabic, latin, number, other, punct).

    >>> tokenize("وأضاف عراقجي 2019.")[["surface", "base", "kind"]].values.tolist()
    [['وأضاف', 'اضاف', 'arabic'], ['عراقجي', 'عراقجي', 'arabic'], ['2019', '2019', 'number'], ['.', '.', 'punct']]
    """
    rows = []
    for match in TOKEN.finditer(text):
        kind = match.lastgroup
        surface = match.group()
        rows.append((match.start(), match.end(), surface, *analyze(surface, kind), kind))
    return pd.DataFrame(rows, columns=COLUMNS).astype({"start": "int64", "end": "int64", "is_stop": "bool"})


def tokenize_article(article: pd.DataFrame, roles: tuple[str, ...] | list[str] | None = None) -> pd.DataFrame:
    """Tokens of an article table (:func:`helpers.read_article`), one row each, in reading order.

    Adds ``article``, ``paragraph``, ``sentence`` and ``role`` to the :func:`tokenize` columns; offsets
    are into the article text (``article.attrs["text"]``). ``roles`` as in :func:`helpers.select_roles`
    (by default headline, body and subheadings).
    """
    from helpers.roles import select_roles
    from helpers.sentences import place_in_article, sentence_table

    sentences = select_roles(sentence_table(article), roles)
    text = article.attrs["text"]
    parts = []
    for row in sentences.itertuples(index=False):
        parts.append(place_in_article(tokenize(text[row.start : row.end]), row))
    columns = ["article", "paragraph", "sentence", "role", *COLUMNS]
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    table.attrs.update(article.attrs)
    return table


WORD = re.compile(
    rf"[{_LETTER}][{_LETTER}{_MARK}]*|[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)*|[^\W\d_{_LETTER}\u0600-\u06ff]+"
)
"""The word tokens of :data:`TOKEN` (Arabic, Latin, other scripts) without numbers and punctuation."""


def word_kind(surface: str) -> str:
    """The :data:`TOKEN` kind of a word matched by :data:`WORD`."""
    first = surface[0]
    if "\u0600" <= first <= "\u06ff" or "\ufb50" <= first <= "\ufeff":
        return "arabic"
    return "latin" if first.isascii() or "\u00c0" <= first <= "\u024f" else "other"
