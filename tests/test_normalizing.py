"""Normalization: each step, its options, and idempotence (property-based)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("عَبَّرَا عن الاستعدادِ", "عبرا عن الاستعداد"),  # tashkeel and shadda
        ("السُّكُونْ", "السكون"),  # sukun
        ("هٰذا", "هذا"),  # superscript alef
        ("جـــديـد", "جديد"),  # tatweel
        ("أحمد إيران آمال ٱلله", "احمد ايران امال الله"),  # alef forms
        ("إلى مستشفى", "الي مستشفي"),  # alef maqsura
        ("ایران کشور", "ايران كشور"),  # Persian yeh and keheh
        ("عام ٢٠١٩ و۱۴۰۲ و١٫٥", "عام 2019 و1402 و1.5"),  # Arabic-Indic and Persian digits
        ("ﺇﻳﺮﺍﻥ ﻭﺭﻭﺳﻴﺎ", "ايران وروسيا"),  # presentation forms (text copied from a PDF)
        ("ﻻ ﻷن", "لا لان"),  # lam-alef ligatures
        ("إيران\u200f\u200e و\u200cروسيا\u202b", "ايران وروسيا"),  # bidi and zero-width marks
        ("مدرسة", "مدرسة"),  # teh marbuta kept by default
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


def test_options_switch_steps_off():
    assert normalize("مدرسة", teh_marbuta=True) == "مدرسه"
    assert normalize("مسؤول مسئول", hamza=True) == "مسوول مسيول"
    assert normalize("إيران", alef=False) == "إيران"
    assert normalize("عَبَّرَ", diacritics=False) == "عَبَّرَ"
    assert normalize("٢٠١٩", digits=False) == "٢٠١٩"
    assert normalize("ﺇﻳﺮﺍﻥ", presentation_forms=False) == "ﺇﻳﺮﺍﻥ"
    assert normalize("إلى", yeh=False) == "الى"
    assert normalize("جـديد", tatweel=False) == "جـديد"


ARABIC_ISH = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFDFF),
        st.characters(min_codepoint=0xFE70, max_codepoint=0xFEFF),
        st.sampled_from(" .،؟\u200c\u200d\u200e\u200f\u202b\u2067\u0654\u0655"),
        st.characters(),
    )
)


@settings(max_examples=400, deadline=None)
@given(ARABIC_ISH, st.booleans(), st.booleans(), st.booleans())
def test_normalize_is_idempotent(text, teh_marbuta, hamza, alef):
    once = normalize(text, teh_marbuta=teh_marbuta, hamza=hamza, alef=alef)
    assert normalize(once, teh_marbuta=teh_marbuta, hamza=hamza, alef=alef) == once


STEPS = (
    "diacritics",
    "tatweel",
    "alef",
    "yeh",
    "hamza",
    "teh_marbuta",
    "digits",
    "presentation_forms",
    "invisible",
)


def test_every_step_off_leaves_the_text_as_nfc():
    off = dict.fromkeys(STEPS, False)
    assert normalize("إيرانُ ٢٠١٩", **off) == "إيرانُ ٢٠١٩"
    assert normalize("e\u0301", **off) == "é"


@pytest.mark.parametrize(
    "text", ["a\u0657\u0300", "e\u0640\u0301", "\u0627\u0640\u0654", "\u0627\u200d\u0655"]
)
def test_deletions_are_followed_by_nfc(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=600, deadline=None)
@given(ARABIC_ISH, st.fixed_dictionaries({step: st.booleans() for step in STEPS}))
def test_normalize_is_idempotent_for_every_combination_of_steps(text, steps):
    once = normalize(text, **steps)
    assert normalize(once, **steps) == once


def test_surface_offset_of_a_very_long_token_is_not_quadratic():
    import time

    from helpers.normalizing import surface_offset

    assert (
        surface_offset("وتُستثمر", 1) == 1 and surface_offset("ﻹﻳﺮﺍﻥ", 1) == 0
    )  # the ligature is two letters
    token = "بَ" * 50_000  # a 100,000-character "word" (text without spaces)
    started = time.perf_counter()
    assert surface_offset(token, 1) == 2  # the letter and its fatha
    assert surface_offset(token, 40_000) == 80_000
    assert time.perf_counter() - started < 2  # a character-by-character scan took minutes
