"""Helpers for analysing Arabic news articles in pandas: reading, normalizing, tokenizing, terms,
country mentions, charts, corpus runs and report building."""

from helpers.errors import InputError
from helpers.reading import DEFAULT_MAX_BYTES, DecodedText, decode_bytes, read_article, read_text
from helpers.roles import ANALYSIS_ROLES, ROLES, classify_roles, select_roles
from helpers.sentences import sentence_table, split_sentences
from helpers.storage import save_table

__all__ = [
    "ANALYSIS_ROLES",
    "DEFAULT_MAX_BYTES",
    "ROLES",
    "DecodedText",
    "InputError",
    "classify_roles",
    "decode_bytes",
    "read_article",
    "read_text",
    "save_table",
    "select_roles",
    "sentence_table",
    "split_sentences",
]
