"""The context rules for country and city mentions, on small Arabic examples, and the data behind them."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.countries import find_country_mentions
from helpers.gazetteer import cities, context_cities, gazetteer, inflect_demonym, kingdom_cues, misspellings
from helpers.mention_rules import LONGEST_CUE, Context, Match, decide, phrases, quoted_alone, resolve_kingdom
from helpers.normalizing import normalize

ROOT = Path(__file__).resolve().parents[1]


def match(surface: str, kind: str, country: str, prefix: str = "") -> Match:
    return Match(surface, tuple(normalize(surface).split()), kind, country, prefix)


def words(text: str) -> tuple[str, ...]:
    return tuple(normalize(text).split())


def decision(surface, kind, country, before="", after="", prefix="", **context):
    return decide(
        match(surface, kind, country, prefix), Context(before=words(before), after=words(after), **context)
    )


@pytest.mark.parametrize(
    ("before", "surface", "kind", "country", "after"),
    [
        ("عصير تمر", "هندي", "demonym", "IND", ""),
        ("زيت جوز", "الهند", "name", "IND", ""),
        ("تأثير منخفض", "الهند", "name", "IND", "الموسمي"),
        ("واشنطن العاصمة في مقاطعة", "كولومبيا", "name", "COL", ""),
        ("قتل مقاتل", "تركماني", "demonym", "TKM", ""),
        ("طبق من الفول", "السوداني", "demonym", "SDN", ""),
    ],
)
def test_set_phrases_are_no_mention(before, surface, kind, country, after):
    assert decision(surface, kind, country, before, after).kind == "word"


def test_the_country_next_to_a_set_phrase_word_is_still_a_mention():
    assert decision("الهند", "name", "IND", "وصل الرئيس إلى").counted
    assert decision("كولومبيا", "name", "COL", "رئيس").counted


@pytest.mark.parametrize(
    ("before", "surface", "kind", "country", "after", "quoted", "prefix"),
    [
        ("الذي تلقته", "الرياض", "capital", "SAU", "فإن الشركة", True, ""),  # the newspaper
        ("تدشن غدا", "السعودية", "name", "SAU", "صالة", True, ""),  # the airline
        ("ارتفع سهم بنك", "الرياض", "capital", "SAU", "", False, ""),
        ("مدير عام الخطوط الجوية العربية", "السعودية", "name", "SAU", "المهندس", False, ""),
        ("تعاقدت مع طيران", "الإمارات", "name", "ARE", "", False, ""),
        ("تراجع سهم", "دبي", "city", "ARE", "للاستثمار", False, ""),
        ("صعد سهم مؤسسة", "الإمارات", "name", "ARE", "للاتصالات", False, ""),
        ("ذكرت صحيفة", "واشنطن", "capital", "USA", "بوست", False, ""),
        ("نقلت صحيفة", "ديلي", "capital", "TLS", "تلغراف", False, ""),
        ("قالها مدرب ريال", "مدريد", "capital", "ESP", "", False, ""),
        ("ذكرت", "الفرنسية", "demonym", "FRA", "أن", False, ""),
        ("كما قال ل", "الشرق الأوسط", "region", "middle_east", "", True, ""),
        ("سهم منافستها فودافون", "قطر", "name", "QAT", "", False, ""),
    ],
)
def test_organisations_named_by_a_country_word(before, surface, kind, country, after, quoted, prefix):
    assert decision(surface, kind, country, before, after, prefix, quoted=quoted).kind == "organisation"


@pytest.mark.parametrize(
    ("before", "surface", "kind", "country", "after", "expected"),
    [
        ("تم الاتفاق مع الحكومة", "السعودية", "name", "SAU", "على حل", ("demonym", "SAU")),
        ("تعتزم الشركة", "السعودية", "name", "SAU", "للصناعات الأساسية", ("demonym", "SAU")),
        ("وكالة الأنباء", "الألمانية", "demonym", "DEU", "", ("demonym", "DEU")),
        ("بقيادة القوات", "الأمريكية", "demonym", "USA", "", ("demonym", "USA")),
        ("سافر إلى", "مصر", "name", "EGY", "للعلاج", ("name", "EGY")),
        ("رحلة إلى مطار", "القاهرة", "capital", "EGY", "", ("capital", "EGY")),
    ],
)
def test_country_words_that_stay_mentions(before, surface, kind, country, after, expected):
    found = decision(surface, kind, country, before, after)
    assert (found.kind, found.country) == expected


@pytest.mark.parametrize(
    ("before", "surface", "kind", "country"),
    [
        ("صرح اللواء منصور", "التركي", "demonym", "TUR"),
        ("استقبل الأمير", "تركي", "demonym", "TUR"),
        ("سجل اللاعب", "ليما", "capital", "PER"),
        ("قال الدكتور محمد", "العراقي", "demonym", "IRQ"),
    ],
)
def test_people_named_like_countries(before, surface, kind, country):
    assert decision(surface, kind, country, before).kind == "person"


@pytest.mark.parametrize(
    ("before", "surface", "country"),
    [("قال الرئيس", "السوري", "SYR"), ("المدرب", "الألماني", "DEU"), ("وزير الخارجية", "الأمريكي", "USA")],
)
def test_a_demonym_after_a_title_is_an_adjective(before, surface, country):
    assert decision(surface, "demonym", country, before).kind == "demonym"


@pytest.mark.parametrize(
    ("before", "surface", "prefix", "expected"),
    [
        ("تناقش الجامعات", "السعودية", "", "demonym"),
        ("تطور العلاقات", "السعودية", "", "demonym"),
        ("الحكومتين المصرية", "السعودية", "و", "demonym"),
        ("بالتعاون مع دولتي الإمارات", "السعودية", "و", "name"),
        ("عاد إلى", "السعودية", "", "name"),
        ("وصل اللاعب من مواليد", "السعودية", "", "name"),
        ("حفظ الله", "السعودية", "", "name"),
    ],
)
def test_adjective_or_name(before, surface, prefix, expected):
    assert decision(surface, "name", "SAU", before, prefix=prefix).kind == expected


def test_the_language_is_not_the_country():
    assert decision("الفرنسية", "demonym", "FRA", "يتحدث اللغة").kind == "language"
    assert decision("التركية", "demonym", "TUR", "ترجم الكتاب باللغة").kind == "language"


def test_capital_named_like_its_country_and_provinces():
    assert decision("تونس", "name", "TUN", "وصل إلى العاصمة").kind == "capital"
    assert decision("تونس", "name", "TUN", "تواجه").kind == "name"
    assert decision("نجران", "city", "SAU", "أمير منطقة").kind == "region"
    assert decision("غزة", "city", "PSE", "الحصار على قطاع").kind == "region"
    assert decision("نجران", "city", "SAU", "المجلس البلدي ب").kind == "city"


def test_a_name_with_tanween_is_a_common_noun():
    assert decision("بيراً", "city", "MOZ", "حفروا").kind == "word"
    assert decision("مصريًا", "demonym", "EGY", "توفي 21").counted


def test_bare_kingdom_from_cues_in_the_sentence_or_the_article():
    kingdom = match("المملكة", "alias", "SAU")
    saudi = Context(
        before=words("تهريب الممنوعات إلى"), article_phrases=phrases(words("وجه خادم الحرمين الشريفين"))
    )
    assert decide(kingdom, saudi).country == "SAU"
    jordan = Context(before=words("أكد العاهل الأردني أن"))
    assert decide(kingdom, jordan).country == "JOR"
    assert resolve_kingdom(Context(article_countries={"JOR": 3, "SAU": 1})).country == "JOR"
    assert resolve_kingdom(Context(dateline="BHR")).country == "BHR"


def test_bare_kingdom_is_never_guessed():
    tie = resolve_kingdom(Context(article_countries={"SAU": 2, "BHR": 2, "IRN": 5}))
    assert tie.ambiguous and {"SAU", "BHR"} <= set(tie.candidates) and not tie.counted
    both = resolve_kingdom(Context(article_phrases=phrases(words("خادم الحرمين يستقبل العاهل الأردني"))))
    assert both.ambiguous


def test_quoted_alone():
    assert quoted_alone("لـ «السعودية» غدا", 4, 12)
    assert not quoted_alone("«الموت لأمريكا»", 8, 14)
    assert not quoted_alone("السعودية", 0, 8)


def test_demonym_inflection_covers_broken_plurals_tanween_and_construct():
    forms = {normalize(f) for f in inflect_demonym("روسي")}
    assert {"الروس", "روس", "روسيي"} <= forms
    assert "روسيا" not in forms and "كوريا" not in {normalize(f) for f in inflect_demonym("كوري")}  # names
    assert {"الامريكان", "امريكيا"} <= {normalize(f) for f in inflect_demonym("أمريكي")}
    assert "الاتراك" in {normalize(f) for f in inflect_demonym("تركي")}
    arabs = find_country_mentions("اجتمع العرب في القاهرة")  # Arabs are no country
    assert list(arabs["surface"]) == ["القاهرة"]


def test_misspelled_demonyms_are_generated_but_not_real_words():
    assert "كولمبي" in misspellings("كولومبي")
    assert "فرنسة" in misspellings("فرنسية")
    assert "بنجلاديشي" in misspellings("بنغلاديشي")
    assert "جاني" not in misspellings("غاني")  # "culprit"
    assert "سورة" not in misspellings("سورية")  # a chapter of the Quran
    assert "سعودة" not in misspellings("سعودية")  # Saudization, a policy


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("اتهم الروس بخرق الهدنة", [("الروس", "RUS", "demonym")]),
        ("وفاة 21 مصريًا في موجة الحر", [("مصريًا", "EGY", "demonym")]),
        ("وصل المدرب الكولمبي إلى الرياض", [("الكولمبي", "COL", "demonym"), ("الرياض", "SAU", "capital")]),
        ("تدفق المياه في المجرى المائي", []),
        ("استقبل الرئيس المجري", [("المجري", "HUN", "demonym")]),
        ("رأس الوفد المملكة الأردنية", [("المملكة الأردنية", "JOR", "name")]),
    ],
)
def test_todays_matcher_uses_the_new_data(text, expected):
    found = find_country_mentions(text)
    assert [(r.surface, r.country, r.kind) for r in found.itertuples()] == expected


def test_cities_have_their_country_and_skip_common_words():
    table = cities()
    by_key = dict(zip(table["key"], table["iso3"], strict=True))
    assert by_key[normalize("جدة")] == "SAU" and by_key[normalize("حلب")] == "SYR"
    assert by_key[normalize("إسطنبول")] == "TUR" and by_key[normalize("كاليه")] == "FRA"
    assert by_key[normalize("عدن")] == "YEM"
    for word in ("الخبر", "مشهد", "العين", "سلطات", "بورصة"):
        assert normalize(word) not in by_key, word
    assert normalize("المدينة") in context_cities()  # a city only with evidence (Medina, "the city")
    assert not set(table["key"]) & set(gazetteer()["key"])


def test_news_gold_holds_no_article_text():
    lines = (ROOT / "tests" / "data" / "news_country_gold.csv").read_text(encoding="utf-8").splitlines()
    assert any("random.Random(13)" in line for line in lines if line.startswith("#"))
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    sizes = {"dev": 25, "heldout": 25, "fresh": 25, "blind": 20, "dev2": 45, "blind2": 24, "blind3": 24}
    assert {r["split"] for r in rows} == set(sizes)
    for split, size in sizes.items():
        assert len({r["article"] for r in rows if r["split"] == split}) == size
    assert len({r["article"] for r in rows}) == sum(sizes.values())  # no article in two splits
    assert max(len(r["surface"]) for r in rows) <= 30
    for r in rows:
        if r["kind"]:
            assert int(r["end"]) - int(r["start"]) == len(r["surface"])


def test_news_benchmark_skips_without_the_sample(tmp_path):
    script = ROOT / "benchmarks" / "countries_news.py"
    done = subprocess.run([sys.executable, script, tmp_path / "absent.jsonl"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("skipped")


@pytest.mark.parametrize(
    ("before", "surface", "kind", "country", "after", "prefix", "expected"),
    [
        # a demonym joined by و to the language after لغتين is a language too
        ("صدر كتيب باللغتين العربية", "الإنجليزية", "demonym", "GBR", "", "و", "language"),
        # but a demonym joined to another after a plain noun stays a demonym
        ("الشركات العربية", "الإنجليزية", "demonym", "GBR", "", "و", "demonym"),
        # a given name before a surname is a person; before الجنسية it is the demonym
        ("وياسين حمزة", "تركي", "demonym", "TUR", "الجلفان", "و", "person"),
        ("مواطن", "تركي", "demonym", "TUR", "الجنسية", "", "demonym"),
        # السعودية after a noun with a proclitic (للكرة، بالمملكة) is the adjective
        ("الذكريات الجميلة للكرة", "السعودية", "name", "SAU", "", "", "demonym"),
        ("وعاد إلى", "السعودية", "name", "SAU", "", "", "name"),
        # a capital after أمير or منطقة is the province
        ("شرف أمير", "الرياض", "capital", "SAU", "", "", "region"),
        ("الأمير فيصل أمير منطقة", "الرياض", "capital", "SAU", "", "", "region"),
        ("حفل بقصر الثقافة في", "الرياض", "capital", "SAU", "", "", "capital"),
        # a national airline named by its demonym
        ("رحلات الخطوط الجوية", "اليمنية", "demonym", "YEM", "", "", "organisation"),
        ("المحافظات", "اليمنية", "demonym", "YEM", "", "", "demonym"),
    ],
)
def test_context_rules_added_on_news(before, surface, kind, country, after, prefix, expected):
    got = decision(surface, kind, country, before=before, after=after, prefix=prefix)
    assert got.kind == expected
    assert got.counted == (expected in ("name", "capital", "demonym"))


def test_a_city_read_through_a_proclitic_that_is_part_of_the_word():
    # كبيرا "big" is not ك + بيرا (Beira), باولو is not ب + اولو (Oulu); بجدة is ب + جدة
    found = find_country_mentions(
        "ألقى عددا كبيرا من البراميل وقاد البرازيلي باولو الفريق في جدة", cities=True
    )
    assert found[["surface", "kind"]].values.tolist() == [["البرازيلي", "demonym"], ["جدة", "city"]]


def test_the_sunset_prayer_is_not_morocco():
    assert find_country_mentions("تبدأ الفعاليات بعد صلاة المغرب وتزور الوفود المغرب").surface.tolist() == [
        "المغرب"
    ]


def test_medina_needs_evidence_the_city_does_not():
    """المدينة is Medina beside other Saudi cities or after مطار, "the city" otherwise."""
    listed = find_country_mentions("كان العدد 302 بجدة و70 بمكة و9 بالمدينة", cities=True)
    assert listed[listed["kind"] == "city"]["surface"].tolist() == ["جدة", "مكة", "المدينة"]
    airport = find_country_mentions("تدشن الصالة الجديدة بمطار المدينة", cities=True)
    assert airport[["surface", "country", "kind"]].values.tolist() == [["المدينة", "SAU", "city"]]
    generic = find_country_mentions("تصاعد العنف في المدينة بعد سيطرة المتمردين على عدن", cities=True)
    assert generic["surface"].tolist() == ["عدن"]


def test_saudi_governorate_seats_are_cities():
    found = find_country_mentions("عين اليوم – عنيزة: افتتح محافظ شرورة المهرجان", cities=True)
    assert found[["surface", "country", "kind"]].values.tolist() == [
        ["عنيزة", "SAU", "city"],
        ["شرورة", "SAU", "city"],
    ]


def test_every_article_wide_cue_phrase_fits_the_phrase_index():
    """Cue phrases are looked up among the article's sequences of at most LONGEST_CUE words."""
    cues = [phrase for phrase, _ in kingdom_cues()] + [phrase for _, phrase in context_cities().values()]
    assert max(len(phrase) for phrase in cues) <= LONGEST_CUE


@pytest.mark.parametrize(
    ("before", "surface", "kind", "country", "after", "expected"),
    [
        # a masculine demonym after a place: a club (a country or city takes the feminine)
        ("تأهل", "ليفربول", "city", "GBR", "الإنجليزي إلى النهائي", "organisation"),
        ("احتساب فريق ليجيا", "وارسو", "capital", "POL", "البولندي فائزا", "organisation"),
        ("تعادل مع", "موناكو", "name", "MCO", "الفرنسي", "organisation"),
        ("زار الوفد", "لندن", "capital", "GBR", "البريطانية", "capital"),
        ("عادوا إلى منفذ جوازات", "الخفجي", "city", "SAU", "السعودي بعد", "city"),  # the port's adjective
        # a team word before any place, a player's word before a city
        ("يختتم مبارياته بمواجهة فريق", "الكويت", "name", "KWT", "", "organisation"),
        ("انتقل مهاجم", "ليفربول", "city", "GBR", "", "organisation"),
        ("سجل مهاجم", "البرازيل", "name", "BRA", "هدفا", "name"),  # the national team: the country
        ("محبي شيخ أندية", "الأحساء", "city", "SAU", "", "city"),  # the clubs of a city
        # a listed club in a clause with a football word, the city without one
        ("فيما أنفق", "ليفربول", "city", "GBR", "نحو 80 مليونا على ضم روبرتو", "organisation"),
        ("وحصل على فالكاو مهاجم", "موناكو", "name", "MCO", "على سبيل الإعارة", "organisation"),
        ("المدن المجاورة مثل مانشستر", "ليفربول", "city", "GBR", "وبرايتون", "city"),
        ("استقبل أمير", "موناكو", "name", "MCO", "الرئيس", "name"),
    ],
)
def test_sports_clubs_named_by_a_place(before, surface, kind, country, after, expected):
    assert decision(surface, kind, country, before, after).kind == expected


def test_sports_clubs_in_a_text():
    text = "يذكر أن أندية مانشستر يونايتد ومانشستر سيتي وليفربول تنفق أموالا لتعزيز صفوف فرقها، ويزور الوفد ليفربول غدا."
    found = find_country_mentions(text, cities=True)
    assert found[["surface", "kind"]].values.tolist() == [["ليفربول", "city"]]  # the second, a visit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وجاء في المستوى الثالث الكويت وعمان", [("الكويت", "KWT", "name"), ("عمان", "OMN", "name")]),
        ("زار الوزير الرياض وعمان", [("الرياض", "SAU", "capital"), ("عمان", "JOR", "capital")]),
        ("قرعة بجانب منتخبات (إيران - عمان - اليابان)", [("إيران", "IRN", "name"), ("عمان", "OMN", "name"),
                                                          ("اليابان", "JPN", "name")]),
    ],
)  # fmt: skip
def test_a_homograph_in_a_list_takes_the_lists_reading(text, expected):
    found = find_country_mentions(text)
    assert [(r.surface, r.country, r.kind) for r in found.itertuples()] == expected


def test_a_homograph_without_evidence_stays_ambiguous():
    found = find_country_mentions("وصل الوفد إلى عمان أمس")
    assert found["ambiguous"].tolist() == [True] and set(found["candidates"][0].split("|")) == {"JOR", "OMN"}


def test_a_feminine_name_after_a_two_word_name_is_a_name():
    found = find_country_mentions("وفي المستوى الثاني كوريا الجنوبية والسعودية")
    assert [(r.surface, r.kind) for r in found.itertuples()] == [
        ("كوريا الجنوبية", "name"),
        ("السعودية", "name"),
    ]
    assert decision("السعودية", "name", "SAU", "الحكومتين المصرية", prefix="و").kind == "demonym"


def test_a_name_written_like_a_counted_demonym():
    assert decision("سوريا", "name", "SYR", "أفاد المرصد بمقتل 12").kind == "demonym"
    assert decision("سوريا", "name", "SYR", "عاد إلى").kind == "name"


def test_short_and_constituent_names_and_epithets():
    keys = {(r.iso3, r.key) for r in gazetteer().itertuples()}
    assert ("MDV", "المالديف") in keys and ("BHS", "البهاما") in keys and ("DOM", "الدومينيكان") in keys
    assert ("CAF", normalize("أفريقيا الوسطى")) in keys  # not the region أفريقيا
    names = {r.key for r in gazetteer().itertuples()}
    for word in ("القمر", "سليمان", "مان", "كوريا", "نورفولك"):  # a word, a name, two Koreas, a US city
        assert normalize(word) not in names, word
    text = "يباشر عمله بسفارة جمهورية المالديف ويزور ويلز وإسكتلندا ثم عاصمة الضباب"
    found = find_country_mentions(text)
    assert [(r.surface, r.country, r.kind) for r in found.itertuples()] == [
        ("المالديف", "MDV", "name"),
        ("ويلز", "GBR", "name"),
        ("إسكتلندا", "GBR", "name"),
        ("عاصمة الضباب", "GBR", "capital"),
    ]


def test_a_shared_lam_is_read_as_a_proclitic():
    """للمدينة is ل + المدينة: the rules see المدينة ("the city" here, without evidence of Medina)."""
    found = find_country_mentions("أقاموا نقطة تفتيش عند المدخل الشرقي للمدينة", cities=True)
    assert found.empty
    assert decision("للمدينة", "city", "SAU", "نقل المرضى من مطار").kind == "city"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("كان محمد الجزائري يعاني من خفقات القلب", [("الجزائري", "person")]),  # a surname
        ("ومن الحضور ياسين برناوي وسام السويد", [("السويد", "person")]),
        ("رحلة من مطار الملك فهد بالدمام", [("الدمام", "city")]),  # a surname takes no preposition
        ("قتل القيادي أبو حمزة الفرنسي", [("الفرنسي", "demonym")]),  # a kunya's nisba
        ("ألقى الجيش البراميل على الزبداني", [("الزبداني", "city")]),  # على is no given name
        ("تدرب الفريق بمدينة ميلان الإيطالية", [("ميلان", "city"), ("الإيطالية", "demonym")]),
        ("أصبح شيراتون الدوحة ملتقى الزوار", [("الدوحة", "organisation")]),
        ("استقبل الرئيس نور سلطان نزارباييف الوفد", [("نور سلطان", "word")]),
    ],
)
def test_people_hotels_and_cities_found_on_unseen_news(text, expected):
    kinds = ("name", "capital", "demonym", "city", "person", "organisation", "word")
    found = find_country_mentions(text, cities=True, kinds=kinds)
    assert [(r.surface, r.kind) for r in found.itertuples()] == expected


def test_a_name_written_with_hamza_keeps_its_alef_after_lam():
    """ألمانيا begins with أل, which is no article: ل + ألمانيا is لألمانيا, not للمانيا."""
    found = find_country_mentions("لن يزيد معدل النمو لألمانيا وللصين على 1 في المائة")
    assert [(r.surface, r.country) for r in found.itertuples()] == [("ألمانيا", "DEU"), ("للصين", "CHN")]


def test_wa_and_jeddah_is_not_oujda():
    """وجدة in a list of Saudi cities is و + جدة (the form is no longer read as Oujda)."""
    found = find_country_mentions("تخريج الدورة بمركزي الرياض وجدة", cities=True)
    assert [(r.surface, r.country) for r in found.itertuples()] == [("الرياض", "SAU"), ("جدة", "SAU")]
