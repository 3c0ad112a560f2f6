"""Paragraph roles, on the seed article and on cases written for other outlets' layouts."""

from __future__ import annotations

import pytest

from helpers import classify_roles, select_roles


def test_seed_article_roles(seed_article):
    roles = dict(zip(seed_article["paragraph"], seed_article["role"], strict=True))
    assert roles[1] == "headline"
    assert roles[8] == "caption"  # ends "(تصوير: … رويترز)"
    assert roles[9] == "subheading"  # تحركات لتعميق العلاقات
    assert roles[12] == "related"  # starts with يقرأ
    assert roles[19] == "boilerplate"  # أضف تعليق
    assert {r for p, r in roles.items() if p not in (1, 8, 9, 12, 19)} == {"body"}


BODY = "وقال المتحدث باسم الوزارة في مؤتمر صحفي عقده اليوم إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة."


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # headline, then body; a "read also" link in the usual form; a copyright line
        (
            [
                "السعودية تستضيف قمة عربية طارئة",
                BODY,
                "اقرأ أيضاً: القمة الخليجية تبحث الأمن",
                "جميع الحقوق محفوظة © 2024",
            ],
            ["headline", "body", "related", "boilerplate"],
        ),
        # caption with an agency credit in brackets; a subheading between body paragraphs
        (
            ["عنوان الخبر", BODY, "الرئيس يصافح ضيفه في القصر (الصورة: أ ف ب)", "ردود فعل دولية", BODY],
            ["headline", "body", "caption", "subheading", "body"],
        ),
        # a first line that is a full sentence is body, not a headline
        ([BODY, BODY], ["body", "body"]),
        # short lines at the end with no body after them are not subheadings
        (["عنوان", BODY, "شارك", "طباعة"], ["headline", "body", "boilerplate", "boilerplate"]),
        # a short quoted sentence is body, not a subheading
        (["عنوان", "قال: «لن نتراجع».", BODY], ["headline", "body", "body"]),
        # a read-more line after a teaser ("…المزيد", any dots and spaces) is a link; المزيد in a sentence is not
        (
            [
                "عنوان",
                BODY,
                " ...المزيد",
                "للكشف عن المزيد من التفاصيل قال المتحدث إن التحقيق مستمر حتى الآن.",
                "…  المزيد",
                "تفاصيل الخبر ...المزيد",
            ],
            ["headline", "body", "related", "body", "related", "related"],
        ),
        # Latin photo credit
        (["عنوان", BODY, "مشهد من المدينة (Photo: Getty Images)"], ["headline", "body", "caption"]),
    ],
)
def test_roles_in_other_layouts(paragraphs, expected):
    assert classify_roles(paragraphs) == expected


def test_analysis_roles_leave_out_captions_links_and_boilerplate(seed_article):
    analysed = select_roles(seed_article)
    assert set(analysed["role"]) == {"headline", "body", "subheading"}
    assert len(select_roles(seed_article, roles=["caption"])) == 1
    with pytest.raises(ValueError, match="unknown role"):
        select_roles(seed_article, roles=["sidebar"])
