"""Sentence splitting: Arabic punctuation, quotes and numbers."""

from __future__ import annotations

import pytest

from helpers import sentence_table, split_sentences


def _split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("هل انتهى الاجتماع؟ نعم انتهى.", ["هل انتهى الاجتماع؟", "نعم انتهى."]),
        (
            "ارتفع النمو 1.5 بالمئة، وفق التقرير؛ وهذا مهم.",
            ["ارتفع النمو 1.5 بالمئة، وفق التقرير؛ وهذا مهم."],
        ),
        ("قال: «هذا أمر. وذاك أمر آخر». ثم غادر.", ["قال: «هذا أمر. وذاك أمر آخر».", "ثم غادر."]),
        ("قال “لن نتراجع.” ثم غادر.", ["قال “لن نتراجع.”", "ثم غادر."]),
        ("التقى د. أحمد بالوفد. ثم غادر!", ["التقى د. أحمد بالوفد.", "ثم غادر!"]),
        ("ماذا؟! لا أصدق", ["ماذا؟!", "لا أصدق"]),
        ("السطر الأول بلا نقطة\nالسطر الثاني", ["السطر الأول بلا نقطة", "السطر الثاني"]),
        ("من بين الاستراتيجيات… نعتقد أن هناك طاقات.", ["من بين الاستراتيجيات… نعتقد أن هناك طاقات."]),
        ("", []),
    ],
)
def test_split_sentences(text, expected):
    assert _split(text) == expected


def test_sentence_table_offsets_and_roles(seed_article):
    table = sentence_table(seed_article)
    text = seed_article.attrs["text"]
    assert all(text[r.start : r.end] == r.text for r in table.itertuples())
    assert list(table["sentence"]) == list(range(1, len(table) + 1))
    # paragraph 3 holds two sentences; the quoted paragraph 6 is one
    assert table.groupby("paragraph").size().loc[3] == 2
    assert table.groupby("paragraph").size().loc[6] == 1
    assert table.loc[table["paragraph"] == 9, "role"].item() == "subheading"
    assert table["text"].str.len().min() > 0
