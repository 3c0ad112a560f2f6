"""Arabic normalization: one function, each step an option, idempotent."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from helpers import chars
from helpers.chars import members

DIACRITICS = members(chars.DIACRITICS)
"""Tashkeel (fatha … sukun, shadda), hamza marks, superscript alef and Quranic annotation marks."""
TATWEEL = chars.TATWEEL
ALEF_FORMS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا"}
YEH_FORMS = {"ى": "ي", "ی": "ي", "ې": "ي", "ک": "ك"}  # alef maqsura; Persian yeh and keheh
HAMZA_FORMS = {"ؤ": "و", "ئ": "ي"}
TEH_MARBUTA = {"ة": "ه"}
DIGITS = {
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    "٫": ".",
    "٬": ",",
}
INVISIBLE = members(chars.INVISIBLE)
"""Zero-width spaces and joiners, bidi marks, embeddings and isolates, word joiner, BOM, soft hyphen."""
_PRESENTATION = re.compile(f"[{chars.PRESENTATION}]+")


@cache
def _table(*steps: bool) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The characters the chosen steps (on or off, in the order of :func:`normalize`'s options but
    ``presentation_forms``) change, as one pattern (None when no step is on), and what each becomes."""
    mappings = (
        dict.fromkeys(DIACRITICS, ""),
        {TATWEEL: ""},
        ALEF_FORMS,
        YEH_FORMS,
        HAMZA_FORMS,
        TEH_MARBUTA,
        DIGITS,
        dict.fromkeys(INVISIBLE, ""),
    )
    table: dict[str, str] = {}
    for wanted, mapping in zip(steps, mappings, strict=True):
        if wanted:
            table.update(mapping)
    if not table:
        return None, table
    return re.compile("[" + re.escape("".join(table)) + "]"), table


def _unfold_presentation_forms(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group())


def normalize(
    text: str,
    *,
    diacritics: bool = True,
    tatweel: bool = True,
    alef: bool = True,
    yeh: bool = True,
    hamza: bool = False,
    teh_marbuta: bool = False,
    digits: bool = True,
    presentation_forms: bool = True,
    invisible: bool = True,
) -> str:
    """Normalize Arabic text for counting; every step can be switched off.

    - ``presentation_forms``: ligatures and contextual forms (U+FB50–FDFF, U+FE70–FEFF, as in text
      copied from PDFs) become plain letters: ``"ﻹﻳﺮﺍﻥ"`` → ``"لإيران"`` → (with alef) ``"لايران"``.
    - ``diacritics``: tashkeel, shadda, sukun, superscript alef: ``"عَبَّرَا"`` → ``"عبرا"``.
    - ``tatweel``: ``"جـديـد"`` → ``"جديد"``.
    - ``alef``: ``أ إ آ ٱ`` → ``ا``: ``"إيران"`` → ``"ايران"``.
    - ``yeh``: alef maqsura and Persian yeh → ``ي``, Persian keheh → ``ك``: ``"إلى"`` → ``"الي"``.
    - ``hamza`` (off by default): ``ؤ`` → ``و``, ``ئ`` → ``ي``: ``"مسؤول"``/``"مسئول"`` → ``"مسوول"``/``"مسيول"``.
    - ``teh_marbuta`` (off by default): ``ة`` → ``ه``.
    - ``digits``: Arabic-Indic and Persian digits → ASCII: ``"٢٠١٩"`` → ``"2019"``.
    - ``invisible``: zero-width characters and bidi control marks are removed.

    >>> normalize("أَفادَتْ وسائلُ الإعـــلامِ الإيرانيّة ٢٠١٩")
    'افادت وسائل الاعلام الايرانية 2019'

    The result is NFC, also after the deletions (``"e\u0640\u0301"`` → ``"é"``): normalizing twice
    gives the same result as normalizing once, whichever steps are on.
    """
    if presentation_forms:
        text = _PRESENTATION.sub(_unfold_presentation_forms, text)
    pattern, table = _table(diacritics, tatweel, alef, yeh, hamza, teh_marbuta, digits, invisible)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if pattern is None:
        return text
    while True:
        # a pattern search then a lookup per changed character: far faster than str.translate on Arabic;
        # no replacement is itself replaced, so one pass does every step
        text = pattern.sub(lambda match: table[match.group()], text)
        if unicodedata.is_normalized("NFC", text):
            return text
        # a deletion brought a letter and a mark together that NFC composes (ا + U+0654 → أ), which a
        # step may change again; each round makes the text shorter, so this ends
        text = unicodedata.normalize("NFC", text)


def surface_offset(surface: str, normalized_chars: int) -> int:
    """How many characters of ``surface`` the first ``normalized_chars`` characters of its normalized
    form come from (diacritics and tatweel belong to the letter before them).

    >>> surface_offset("وتُستثمر", 1)  # the conjunction و
    1
    """
    if normalized_chars == 0:
        return 0
    # the normalized length of a prefix never shrinks as it grows: find the shortest long enough
    # (a binary search, so a very long token costs n log n, not n²), then take the marks after it
    low, high = 1, len(surface)
    while low < high:
        middle = (low + high) // 2
        if len(normalize(surface[:middle])) < normalized_chars:
            low = middle + 1
        else:
            high = middle
    end = low
    while end < len(surface) and normalize(surface[end]) == "":
        end += 1
    if end < len(surface) and len(normalize(surface[:end])) == normalized_chars:
        return end
    return 0
