"""Arabic character classes, in one place: every regular expression of the package is built from these.

Each class is the *inside* of a bracket expression (literal characters and ranges), so that it can be
combined (``f"[{LETTER}{MARK}]"``) and read the same by Python's ``re`` and by the Rust regex engine
the token table runs on.
"""

from __future__ import annotations

import re

ARABIC_LETTER = "\u0621-\u063a\u0641-\u064a"
"""The letters of Arabic (hamza and its seats included), without those of Persian or Urdu."""
PLAIN_LETTER = ARABIC_LETTER + "\u066e-\u06d3\u06d5\u06fa-\u06ff"
"""Arabic letters and the Persian/Urdu letters of the Arabic block."""
PRESENTATION_LETTER = "\ufb50-\ufdff\ufe70-\ufefc"
"""Letters in their contextual presentation forms and ligatures (text copied from PDFs)."""
LETTER = PLAIN_LETTER + PRESENTATION_LETTER
"""Arabic letters, Persian/Urdu letters of the Arabic block, and presentation forms (ligatures)."""
DIACRITICS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
"""Tashkeel (fatha … sukun, shadda), hamza marks, superscript alef and Quranic annotation marks."""
TATWEEL = "\u0640"
JOINERS = "\u200c\u200d"
"""Zero-width non-joiner and joiner: written inside words."""
MARK = DIACRITICS + TATWEEL
"""What may follow a letter inside a word besides another letter."""
INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\u061c\ufeff\u00ad"
"""Zero-width spaces and joiners, bidi marks (LRM, RLM, ALM), embeddings and isolates, word joiner,
BOM and soft hyphen. Inside a word they belong to the word; between words they are like spaces."""
CONTROL = "\x00-\x08\x0e-\x1f\x7f"
"""Control characters (NUL …) other than line ends and tabs: never part of a token."""
DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
"""ASCII, Arabic-Indic and Persian digits."""
ARABIC_BLOCK = "\u0600-\u06ff"
PRESENTATION = "\ufb50-\ufdff\ufe70-\ufeff"
"""Arabic presentation forms A and B (text copied from PDFs)."""
LATIN = "A-Za-z\u00c0-\u024f"

KINDS = {
    "arabic": f"[{LETTER}](?:[{LETTER}{MARK}{INVISIBLE}]*[{LETTER}{MARK}])?",
    "number": f"[{DIGIT}]+(?:[.,٫٬][{DIGIT}]+)*",
    "latin": f"[{LATIN}]+(?:['’][A-Za-z]+)*",
    "other": rf"[^\W\d_{LETTER}{ARABIC_BLOCK}]+",
    "gap": rf"[\s{INVISIBLE}{CONTROL}]+",
    "punct": rf"[^\s{INVISIBLE}{CONTROL}]",
}
"""What each kind of token looks like, tried in this order. An Arabic word runs from a letter to a
letter or mark and may hold marks, tatweel and invisible characters (إي‌ران is one word); a number may
have decimal or thousands separators (1.5, ٢٠١٩); ``gap`` is what lies between tokens (spaces, line
ends, invisible marks, control characters) and is never a token itself."""
TOKEN_OR_GAP = "|".join(f"(?:{pattern})" for pattern in KINDS.values())
"""Tokens and the gaps between them: every character of a text is in exactly one match."""
WORD_KINDS = ("arabic", "latin", "number", "other")
TERM_KINDS = ("arabic", "latin", "other")
"""Kinds that count as words in term tables (numbers and punctuation do not)."""


def members(char_class: str) -> str:
    """Every character of a class of this module, ranges spelled out.

    >>> members("\u0660-\u0662x")
    '٠١٢x'
    """
    out, i = [], 0
    while i < len(char_class):
        if i + 2 < len(char_class) and char_class[i + 1] == "-":
            out += map(chr, range(ord(char_class[i]), ord(char_class[i + 2]) + 1))
            i += 3
        else:
            out.append(char_class[i])
            i += 1
    return "".join(out)


SURROGATES = re.compile("[\ud800-\udfff]")
"""Lone surrogates: a Python string may hold them (from a JSON escape such as "\\ud800"), UTF-8 may not."""


def encodable(text: str) -> str:
    r"""``text`` with every lone surrogate replaced by U+FFFD (one character for one, so offsets hold).

    >>> encodable("a\ud800b") == "a\ufffdb"
    True
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return SURROGATES.sub("\ufffd", text)
    return text
