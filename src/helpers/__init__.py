"""Helpers for analysing Arabic news articles in pandas: reading, normalizing, tokenizing, terms,
country mentions, charts, corpus runs and report building."""

from helpers.countries import co_mentions, country_counts, find_country_mentions, find_regions
from helpers.errors import InputError
from helpers.lexicon import base, stem, stopwords
from helpers.normalizing import normalize
from helpers.reading import DEFAULT_MAX_BYTES, DecodedText, decode_bytes, read_article, read_text
from helpers.roles import ANALYSIS_ROLES, ROLES, classify_roles, select_roles
from helpers.storage import save_table
from helpers.terms import collocations, keyness, kwic, term_frequencies
from helpers.tokenizing import sentence_table, split_sentences, tokenize, tokenize_article

_CHARTS = ("arabic_font_path", "arabic_label", "save_figure", "shaping_engine")


def __getattr__(name: str):
    """The chart helpers, imported on first use (matplotlib is not needed to count words)."""
    if name in _CHARTS:
        from helpers import plotting

        return getattr(plotting, name)
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")


__all__ = [
    "ANALYSIS_ROLES",
    "DEFAULT_MAX_BYTES",
    "ROLES",
    "DecodedText",
    "InputError",
    "arabic_font_path",
    "arabic_label",
    "base",
    "classify_roles",
    "co_mentions",
    "collocations",
    "country_counts",
    "decode_bytes",
    "find_country_mentions",
    "find_regions",
    "keyness",
    "kwic",
    "normalize",
    "read_article",
    "read_text",
    "save_figure",
    "save_table",
    "select_roles",
    "sentence_table",
    "shaping_engine",
    "split_sentences",
    "stem",
    "stopwords",
    "term_frequencies",
    "tokenize",
    "tokenize_article",
]
