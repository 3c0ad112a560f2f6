"""What a country or city match stands for, decided from its context: pure functions over plain values.

The engine finds matches (gazetteer forms, cities) and passes each one here as a :class:`Match`, with a
:class:`Context`: the normalized words around it in its sentence, whether it alone fills a pair of
quotation marks, and what the article says elsewhere. :func:`decide` returns a :class:`Decision`: the
mention kept (possibly with another kind or country), reclassified as something that is no country
mention (organisation, person, language, region, word), or left ambiguous with its candidates.

The evidence is data in ``resources/``: ``not_mentions.csv`` (set phrases), ``organisations.csv``
(brands and newspapers), ``mention_cues.csv`` (cue words), ``kingdom_cues.csv`` (which kingdom a bare
المملكة is) and ``homographs.csv`` (which kingdoms it may be). Rules, in the order they are tried:

1. set phrase: تمر [هندي], جوز [الهند], مقاطعة [كولومبيا] are no mention (``word``); nor is a name
   written with tanween (بيراً "a well", not Beira);
2. language: a demonym after لغة (اللغة الفرنسية), or joined by و to the one after it (باللغتين العربية
   والإنجليزية), names a language (``language``);
3. organisation: a listed brand (واشنطن بوست، ريال مدريد), a listed name alone in quotation marks
   («الرياض» the newspaper, «السعودية» the airline), an organisation word before a name (بنك الرياض،
   الخطوط السعودية، الخطوط الجوية اليمنية), a sector after it (دبي للاستثمار), a bare feminine demonym after a reporting verb
   (ذكرت الفرنسية: AFP) (``organisation``);
4. club: a place's name with a masculine demonym after it (ليفربول الإنجليزي، الكويت الكويتي), a team
   word before it (فريق الكويت), a player's word before a city (مهاجم ليفربول), or a club listed bare
   in ``organisations.csv`` in a clause with a football word (أنفق ليفربول … على ضم) (``organisation``);
5. person: a demonym-like surname after a title and a given name (اللواء منصور التركي), a name-like
   given name right after a title (الأمير تركي، اللاعب ليما) or before a surname (وتركي الجلفان)
   (``person``);
6. bare المملكة: the kingdom named by cue phrases in the sentence, else in the article (خادم الحرمين),
   else the kingdom the article names most, else the dateline's; otherwise ambiguous (``alias``);
7. adjective: a name shaped like a feminine adjective (السعودية، سورية) after a definite noun
   (الحكومة السعودية) or coordinated with an adjective (المصرية والسعودية), not with a name (كوريا
   الجنوبية والسعودية), is a ``demonym``; so is a name written like the demonym's accusative after a
   number (بمقتل 12 سوريا);
8. city or country: a name that is also its capital's name after مدينة/العاصمة (مدينة تونس) is the
   ``capital``; a city or capital after منطقة/إمارة/أمير (منطقة نجران، أمير الرياض) is the province
   (``region``);
9. a city read through a proclitic (كبيرا = ك + بيرا, باولو = ب + اولو) when the whole written word is
   the more frequent word (``word``);
10. a city that is also a common word (المدينة "the city", ``cities_extra.csv``) without evidence: its
   full name in the article (المدينة المنورة), another city of its country in the sentence (بجدة …
   وبالمدينة) or مطار/محافظة right before it (``word``);
11. a homograph its cue words left open (عمان: Oman or Amman) in a list: joined by و to a country's
   name it is the country (الكويت وعمان), to a capital the capital (الرياض وعمان); otherwise it stays
   ambiguous.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from types import MappingProxyType

import polars as pl

from helpers.frequencies import zipf
from helpers.gazetteer import (
    adjective_names,
    capital_keys,
    city_words,
    context_cities,
    homographs,
    kingdom_cues,
    kingdoms,
    masculine_demonyms,
    mention_cues,
    not_mention_phrases,
    organisation_phrases,
    personal_names,
    place_keys,
    tanween_names,
)
from helpers.normalizing import normalize

COUNTRY_KINDS = ("name", "alias", "capital", "demonym", "variant")
"""Kinds counted as country mentions."""
NOT_MENTIONS = ("organisation", "person", "language", "region", "word")
"""Kinds of a decision that is no mention of a place: left out of every count."""
PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
LEADS = frozenset(p[0] for p in PROCLITICS)
"""The letters a proclitic starts with: a word starting otherwise has none."""
OPENING_QUOTES = "«\"“„'‘‹"
CLOSING_QUOTES = "»\"”“'’›"
KINGDOM = normalize("المملكة")
TANWEEN = "\u064b\u064c\u064d"
EMPTY: Mapping[str, int] = MappingProxyType({})


@dataclass(frozen=True)
class Match:
    """A gazetteer or city match, as the engine found it.

    ``surface``: the mention as written, without the proclitic the engine leaves out (السعودية in
    والسعودية); ``tokens``: its normalized words; ``kind`` and ``country`` (ISO alpha-3) as the gazetteer
    gives them (kind ``city`` for a city); ``prefix``: the normalized proclitic left out (و، ب، ل …);
    ``candidates``: the countries of a homograph its cue words left open (عمان: JOR, OMN), ``country``
    then empty.
    """

    surface: str
    tokens: tuple[str, ...]
    kind: str
    country: str
    prefix: str = ""
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """What the rules may look at around a match.

    ``before`` and ``after``: the normalized words of its sentence before it (nearest last) and after it
    (nearest first), proclitics included as written; ``quoted``: the mention alone fills a pair of
    quotation marks (:func:`quoted_alone`); ``article_countries``: unambiguous country mentions per ISO
    code in the whole article; ``article_phrases``: the word sequences of the whole article (:func:`phrases`), normalized
    (for cue phrases such as خادم الحرمين); ``dateline``: the ISO code of the dateline's place, if the
    article opens with one (الرياض - واس).
    """

    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    quoted: bool = False
    article_countries: Mapping[str, int] = field(default_factory=lambda: EMPTY)
    article_phrases: frozenset[tuple[str, ...]] = frozenset()
    dateline: str = ""


@dataclass(frozen=True)
class Decision:
    """``kind`` (a country kind, ``city``, or one of :data:`NOT_MENTIONS`), ``country`` (empty when
    ambiguous or no place), ``candidates`` of an ambiguous mention and the ``rule`` that decided."""

    kind: str
    country: str
    candidates: tuple[str, ...] = ()
    rule: str = "kept"

    @property
    def ambiguous(self) -> bool:
        return bool(self.candidates) and not self.country

    @property
    def counted(self) -> bool:
        """Whether it counts as a country mention (cities are counted apart)."""
        return self.kind in COUNTRY_KINDS and bool(self.country)


def strip_proclitic(word: str, candidates: tuple[str, ...] | frozenset[str]) -> str | None:
    """The entry of ``candidates`` that ``word`` is, with or without a proclitic (وبنك → بنك), or None.

    >>> strip_proclitic("وبنك", frozenset({"بنك"})), strip_proclitic("للمنطقة", frozenset({"المنطقة"}))
    ('بنك', 'المنطقة')
    """
    if word in candidates:
        return word
    if word[:1] not in LEADS:
        return None
    for prefix in PROCLITICS:
        if word.startswith(prefix):
            rest = word[len(prefix) :]
            if rest in candidates:
                return rest
            if prefix.endswith("ل") and rest.startswith("ل") and "ا" + rest in candidates:
                return "ا" + rest  # لل + word: the ا of the article is not written
    return None


def quoted_alone(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` alone fills a pair of quotation marks (spaces and a tatweel allowed).

    >>> quoted_alone('تلقته "الرياض" أمس', 7, 13)
    True
    >>> quoted_alone("«الموت لأمريكا»", 8, 14)
    False
    """
    i = start - 1
    while i >= 0 and text[i] in " \u0640":
        i -= 1
    j = end
    while j < len(text) and text[j] == " ":
        j += 1
    return i >= 0 and j < len(text) and text[i] in OPENING_QUOTES and text[j] in CLOSING_QUOTES


def _ends_with(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """Whether ``words`` ends with ``phrase`` (a proclitic allowed on the phrase's first word)."""
    if not phrase:
        return True
    if len(words) < len(phrase) or tuple(words[len(words) - len(phrase) + 1 :]) != phrase[1:]:
        return False
    return strip_proclitic(words[len(words) - len(phrase)], (phrase[0],)) is not None


def _starts_with(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    return tuple(words[: len(phrase)]) == phrase


def set_phrase(match: Match, context: Context) -> bool:
    """Whether the match is part of a set phrase of ``not_mentions.csv`` (تمر هندي "tamarind").

    >>> set_phrase(Match("هندي", ("هندي",), "demonym", "IND"), Context(before=("عصير", "تمر")))
    True
    """
    return any(
        _ends_with(context.before, before) and _starts_with(context.after, after)
        for before, after in _set_phrases().get(match.tokens, ())
    )


@cache
def _set_phrases() -> dict[tuple[str, ...], tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]:
    """The set phrases of ``not_mentions.csv`` by mention form: ``form → ((words before, words after) …)``."""
    by_form: dict[tuple[str, ...], list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for before, mention, after in not_mention_phrases():
        for form in mention:
            by_form.setdefault(form, []).append((before, after))
    return {form: tuple(found) for form, found in by_form.items()}


def is_language(match: Match, context: Context) -> bool:
    """Whether a demonym names a language: right after لغة (اللغة الفرنسية، باللغة التركية), or joined by
    و to the demonym right after it (باللغتين العربية والإنجليزية).

    >>> is_language(Match("الإنجليزية", ("الانجليزية",), "demonym", "GBR", "و"), Context(before=("باللغتين", "العربية")))
    True
    """
    if match.kind != "demonym" or not context.before:
        return False
    languages = mention_cues()["language"]
    if strip_proclitic(context.before[-1], languages) is not None:
        return True
    return (
        match.prefix.startswith("و")
        and len(context.before) >= 2
        and context.before[-1].startswith("ال")
        and strip_proclitic(context.before[-2], languages) is not None
    )


def organisation(match: Match, context: Context) -> str | None:
    """Why the match names an organisation (a short reason), or None.

    >>> organisation(Match("الرياض", ("الرياض",), "capital", "SAU"), Context(before=("بنك",)))
    'organisation word before'
    >>> organisation(Match("السعودية", ("السعودية",), "name", "SAU"), Context(quoted=True))
    'listed, in quotation marks'
    """
    cues = mention_cues()
    for row in organisation_phrases().get(match.tokens, ()):
        if (
            row.quoted
            and context.quoted
            and not row.before
            and not row.after
            and not adjective(match, context)
        ):
            return "listed, in quotation marks"  # but الاستراتيجية الوطنية "السعودية": the adjective
        if (
            (row.before or row.after)
            and _ends_with(context.before, row.before)
            and _starts_with(context.after, row.after)
        ):
            return f"listed {row.type}"
    if match.kind in ("name", "capital", "alias", "city") and not match.prefix:
        before = list(context.before)
        while len(before) > 1 and before[-1] in cues["filler"]:
            before.pop()
        if before and strip_proclitic(before[-1], cues["organisation_before"]):
            return "organisation word before"
        if context.after and context.after[0] in cues["organisation_after"] and not adjective(match, context):
            return "sector after"  # but الشركة السعودية للصناعات: an adjective of الشركة
    if match.kind == "demonym" and not match.prefix:
        before = list(context.before)
        while len(before) > 1 and before[-1] in cues["filler"]:
            before.pop()
        if before and strip_proclitic(before[-1], cues["airline_before"]):
            return "airline"  # الخطوط الجوية اليمنية: the airline
    token = match.tokens[-1]
    if (
        match.kind == "demonym"
        and len(match.tokens) == 1
        and token.startswith("ال")
        and token.endswith("ية")
        and context.before
        and context.before[-1] in cues["agency_verb"]
    ):
        return "news agency after a reporting verb"
    return None


CLUB_KINDS = ("name", "capital", "alias", "city")
"""Kinds of match that a sports club may be named by (a demonym is an adjective of the club: stays)."""


def club(match: Match, context: Context) -> str | None:
    """Why a country's or city's name names a sports club here (a short reason), or None.

    Three signs: in a clause with a football word (``mention_cues.csv``, cue sport), a masculine demonym
    right after it, since a place takes the feminine (ليفربول الإنجليزي، ليجيا وارسو البولندي، الكويت
    الكويتي; but منفذ الخفجي السعودي, where the demonym agrees with منفذ, stays); a team word right before it (فريق الكويت، أندية مانشستر), or a
    player's or coach's word before a city (مهاجم ليفربول; مهاجم البرازيل is the national team and stays);
    a club listed bare in ``organisations.csv`` in a clause with a football word (أنفق ليفربول … على ضم،
    فالكاو مهاجم موناكو).

    >>> club(Match("ليفربول", ("ليفربول",), "city", "GBR"), Context(before=("فاز",), after=("الانجليزي",)))
    'a masculine demonym after a place: a club'
    >>> club(Match("البرازيل", ("البرازيل",), "name", "BRA"), Context(before=("مهاجم",))) is None
    True
    """
    if match.kind not in CLUB_KINDS:
        return None
    cues = mention_cues()
    demonym_after = bool(context.after) and context.after[0] in masculine_demonyms()
    listed = any(
        r.type == "club" and not r.before and not r.after
        for r in organisation_phrases().get(match.tokens, ())
    )
    football = (demonym_after or listed) and any(
        strip_proclitic(w, cues["sport"]) for w in (*context.before, *context.after)
    )
    if football and demonym_after:
        return "a masculine demonym after a place: a club"  # not منفذ الخفجي السعودي: the port is
    if context.before:
        previous = context.before[-1]
        if strip_proclitic(previous, cues["team_before"]) is not None:
            return "team word before"
        if match.kind == "city" and strip_proclitic(previous, cues["player_before"]) is not None:
            return "player word before a city"
    city_word = bool(context.before) and strip_proclitic(context.before[-1], cues["place_before"]) is not None
    feminine = (
        bool(context.after)
        and context.after[0].endswith(("ية", "يه"))
        and context.after[0][:-1] in masculine_demonyms()
    )
    if listed and football and not city_word and not feminine:
        return "listed club in a football clause"  # not بمدينة ميلان الإيطالية: the city
    return None


def person(match: Match, context: Context) -> bool:
    """Whether the match is part of a person's name.

    A surname shaped like a demonym or name with the article, after a common given name (محمد الجزائري،
    وفاضل العماني) or after a title and a given name without it (اللواء منصور التركي); a given name without the article right after a title (الأمير تركي،
    اللاعب ليما). A demonym right after a title is an adjective (الرئيس السوري) and stays.

    >>> person(Match("التركي", ("التركي",), "demonym", "TUR"), Context(before=("اللواء", "منصور")))
    True
    >>> person(Match("السوري", ("السوري",), "demonym", "SYR"), Context(before=("الرئيس",)))
    False
    """
    titles = mention_cues()["person_title"]
    first = match.tokens[0]
    before = context.before
    if given_name(match, context):
        return True
    kunya = len(before) >= 2 and before[-2] in ("ابو", "ام")  # أبو حمزة الفرنسي: a nisba, the demonym
    if (
        first.startswith("ال")
        and not match.prefix
        and before
        and not kunya
        and strip_proclitic(before[-1], mention_cues()["first_name"])
    ):
        return True  # محمد الجزائري، وفاضل العماني، وسام السويد: a surname, never behind a proclitic (فهد بالدمام)
    if first.startswith("ال"):
        return (
            len(before) >= 2
            and strip_proclitic(before[-2], titles) is not None
            and not before[-1].startswith("ال")
            and before[-1] not in mention_cues()["not_a_noun"]
        )
    named_like_a_person = first in personal_names()  # تركي، ليما: not روسيا (زار الوزير روسيا)
    return named_like_a_person and bool(before) and before[-1] in titles


def given_name(match: Match, context: Context) -> bool:
    """Whether a word that is also a given name (تركي، ``mention_cues.csv``) is one here: without the
    article and right before a surname with it (وتركي الجلفان), not before a word such as الجنسية or الأصل
    that a demonym takes (تركي الجنسية).

    >>> given_name(Match("تركي", ("تركي",), "demonym", "TUR", "و"), Context(after=("الميزاني",)))
    True
    >>> given_name(Match("تركي", ("تركي",), "demonym", "TUR"), Context(after=("الجنسية",)))
    False
    """
    cues = mention_cues()
    return (
        len(match.tokens) == 1
        and match.tokens[0] in cues["given_name"]
        and bool(context.after)
        and context.after[0].startswith("ال")
        and context.after[0] not in cues["not_a_surname"] | cues["not_a_noun"]
    )


LONGEST_CUE = 5
"""Words of the longest cue phrase looked for in a whole article (kingdom cues, city evidence)."""


def phrases(words: Iterable[str], longest: int = LONGEST_CUE) -> frozenset[tuple[str, ...]]:
    """The sequences of 1 to ``longest`` consecutive ``words`` that may be cue phrases (they start like
    one): built once per article, so that each cue phrase is then one lookup, whatever its length.

    >>> ("خادم", "الحرمين") in phrases(["وجه", "خادم", "الحرمين"])
    True
    """
    words, starts = tuple(words), _cue_starts()
    return frozenset(
        words[i : i + n] for i, word in enumerate(words) if word in starts for n in range(1, longest + 1)
    )


@cache
def _cue_starts() -> frozenset[str]:
    """The first words of the cue phrases looked for in a whole article: only sequences starting with
    one of them are kept by :func:`phrases`."""
    cues = [phrase for phrase, _ in kingdom_cues()] + [phrase for _, phrase in context_cities().values()]
    return frozenset(phrase[0] for phrase in cues if phrase)


def resolve_kingdom(context: Context) -> Decision:
    """Which kingdom a bare المملكة stands for, or ambiguous among :func:`~helpers.gazetteer.kingdoms`.

    Evidence, strongest first: a cue phrase of ``kingdom_cues.csv`` in the sentence; cue phrases in the
    article that all point to one kingdom; the one kingdom the article names most (more often than any
    other kingdom); the dateline's country. Without any, the mention stays ambiguous: never a guess.

    >>> resolve_kingdom(Context(article_phrases=phrases(["وجه", "خادم", "الحرمين"]))).country
    'SAU'
    >>> resolve_kingdom(Context()).candidates
    ('BHR', 'GBR', 'JOR', 'MAR', 'SAU')
    """
    sentence = phrases((*context.before, *context.after))
    found = {iso3 for phrase, iso3 in kingdom_cues() if phrase in sentence}
    if len(found) != 1:
        found = {iso3 for phrase, iso3 in kingdom_cues() if phrase in context.article_phrases}
        rule = "kingdom cue"
    else:
        rule = "kingdom cue in the sentence"
    if len(found) == 1:
        return Decision("alias", found.pop(), rule=rule)
    named = sorted(
        ((n, c) for c, n in context.article_countries.items() if c in kingdoms() and n > 0), reverse=True
    )
    if named and (len(named) == 1 or named[0][0] > named[1][0]):
        return Decision("alias", named[0][1], rule="kingdom the article names most")
    if context.dateline in kingdoms():
        return Decision("alias", context.dateline, rule="dateline")
    return Decision("alias", "", candidates=tuple(sorted(kingdoms())), rule="kingdom without evidence")


def adjective(match: Match, context: Context) -> bool:
    """Whether a name shaped like an adjective (السعودية، سورية) is the adjective here: after a definite
    noun (الحكومة السعودية، الفرق السعودية) or joined by و to an adjective (المصرية والسعودية), not after a
    preposition or a name (إلى السعودية، الإمارات والسعودية، كوريا الجنوبية والسعودية) nor with a preposition
    of its own (البحرين بالسعودية).

    >>> adjective(Match("السعودية", ("السعودية",), "name", "SAU"), Context(before=("الحكومة",)))
    True
    >>> adjective(Match("السعودية", ("السعودية",), "name", "SAU"), Context(before=("مواليد",)))
    False
    """
    if match.kind != "name" or len(match.tokens) != 1 or match.prefix not in ("", "و"):
        return False  # بالسعودية: a preposition never takes an adjective
    word = match.tokens[0]
    if adjective_names().get(word) != match.country or not word.startswith("ال") or not context.before:
        return False
    previous = context.before[-1]
    if previous.startswith("لل"):  # للكرة السعودية
        previous = "ا" + previous[1:]
    elif previous[:1] in "وفبك" and previous[1:].startswith("ال"):  # والجامعات السعودية، بالمملكة
        previous = previous[1:]
    if previous in mention_cues()["not_a_noun"] or not previous.startswith("ال"):
        return False
    if _ends_with_place(context.before, ("name", "alias")):
        return False  # كوريا الجنوبية والسعودية، يربط البحرين بالسعودية: two names
    if match.prefix.startswith("و"):
        return previous.endswith("ية") or previous.endswith("يه")
    return True


def _ends_with_place(words: tuple[str, ...], kinds: tuple[str, ...]) -> str:
    """The kind (of ``kinds``) of the country name, alias or capital that ``words`` end with (a proclitic
    allowed on its first word: والكويت), or ""."""
    for n in range(min(len(words), 4), 0, -1):
        first = words[-n]
        for word in (first, *(first[len(p) :] for p in PROCLITICS if first.startswith(p))):
            kind = place_keys().get((word, *words[len(words) - n + 1 :]), "")
            if kind in kinds:
                return kind
    return ""


def listed_reading(match: Match, context: Context) -> Decision | None:
    """The reading of a homograph left open (عمان: Oman or Amman) that the list it stands in gives: joined
    by و to a country's name (الكويت وعمان، عمان والبحرين) it is the country, to a capital (الرياض وعمان)
    the capital; None without such a neighbour or reading.

    >>> oman = Match("عمان", ("عمان",), "name", "", "و", ("JOR", "OMN"))
    >>> listed_reading(oman, Context(before=("الثالث", "الكويت"))).country
    'OMN'
    """
    if not match.candidates:
        return None
    kinds = ("name", "alias", "capital")
    neighbour = _ends_with_place(context.before, kinds) if match.prefix.startswith("و") else ""
    if not neighbour and context.after and context.after[0].startswith("و"):
        following = (context.after[0][1:], *context.after[1:3])
        neighbour = next(
            (place_keys()[following[:n]] for n in (3, 2, 1) if following[:n] in place_keys()), ""
        )
    wanted = "capital" if neighbour == "capital" else "name" if neighbour else ""
    readings = [
        r
        for r in homographs().get(" ".join(match.tokens), ())
        if r["kind"] == wanted and r["iso3"] in match.candidates
    ]
    if len(readings) != 1:
        return None
    return Decision(wanted, readings[0]["iso3"], rule=f"in a list with a country's {neighbour}")


def counted_demonym(match: Match, context: Context) -> bool:
    """Whether a name written like its demonym's accusative (سوريا = سوريًا) is that demonym: right after
    a number, whose counted noun it is (بمقتل 12 سوريا "12 Syrians").

    >>> counted_demonym(Match("سوريا", ("سوريا",), "name", "SYR"), Context(before=("بمقتل", "12")))
    True
    """
    return (
        match.kind == "name"
        and not match.prefix  # بروسيا: a preposition, never a counted noun (كأس العالم 2018 بروسيا)
        and len(match.tokens) == 1
        and tanween_names().get(match.tokens[0]) == match.country
        and bool(context.before)
        and context.before[-1].isdigit()
    )


def capital_city(match: Match, context: Context) -> bool:
    """Whether a name that is also its capital's name (تونس، الكويت، الجزائر) is the city here: after
    مدينة or العاصمة (مدينة تونس، العاصمة الكويت)."""
    if match.kind != "name" or not context.before:
        return False
    return (
        " ".join(match.tokens) in capital_keys().get(match.country, ())
        and strip_proclitic(context.before[-1], mention_cues()["place_before"]) is not None
    )


def province(match: Match, context: Context) -> bool:
    """Whether a city or capital match names the province: after منطقة, إمارة or أمير (منطقة نجران، أمير
    الرياض، أمير منطقة مكة).

    >>> province(Match("الرياض", ("الرياض",), "capital", "SAU"), Context(before=("امير",)))
    True
    """
    return (
        match.kind in ("city", "capital")
        and bool(context.before)
        and strip_proclitic(context.before[-1], mention_cues()["region_before"]) is not None
    )


def common_noun(match: Match) -> bool:
    """Whether a name, capital or city is written with tanween, which no proper name takes (بيراً "a
    well" is not Beira); a demonym may be (مصريًا)."""
    return match.kind != "demonym" and any(mark in match.surface for mark in TANWEEN)


def behind_proclitic(match: Match) -> bool:
    """Whether a city read after a proclitic is in fact the whole written word: the whole word is more
    frequent than the city's name (كبيرا "big" is not ك + بيرا, باولو is not ب + اولو; بالرياض stays).

    >>> behind_proclitic(Match("بيرا", ("بيرا",), "city", "MOZ", "ك"))
    True
    >>> behind_proclitic(Match("الرياض", ("الرياض",), "city", "SAU", "ب"))
    False
    """
    if match.kind != "city" or not match.prefix or len(match.tokens) != 1:
        return False
    return zipf(match.prefix + match.tokens[0]) > zipf(match.tokens[0])


def needs_article_phrases(tokens: tuple[str, ...]) -> bool:
    """Whether a match's rules read the article's words (bare المملكة, a common-word city)."""
    return tokens == (KINGDOM,) or " ".join(tokens) in context_cities()


def common_word_city(match: Match, context: Context) -> bool | None:
    """For a city that is also a common word (``cities_extra.csv`` with evidence): whether the context
    shows it is the city; None for any other match.

    >>> medina = Match("المدينة", ("المدينة",), "city", "SAU", "ب")
    >>> common_word_city(medina, Context(before=("بجدة", "و70", "بمكة")))
    True
    >>> common_word_city(medina, Context(before=("العنف", "في")))
    False
    """
    entry = context_cities().get(" ".join(match.tokens))
    if match.kind != "city" or entry is None:
        return None
    iso3, phrase = entry
    if phrase and phrase in context.article_phrases:
        return True
    if context.before and strip_proclitic(context.before[-1], mention_cues()["city_before"]):
        return True
    neighbours = city_words().get(iso3, frozenset()) - {" ".join(match.tokens)}
    return any(strip_proclitic(w, neighbours) for w in (*context.before, *context.after))


def _shared_lam(match: Match) -> Match:
    """The match with ل + ال written لل (للمدينة، للسعودية) read as the proclitic ل and the word with its
    article, as every other proclitic is: the rules compare the word (المدينة، السعودية).

    >>> _shared_lam(Match("للمدينة", ("للمدينة",), "city", "SAU")).tokens
    ('المدينة',)
    """
    first = match.tokens[0] if match.tokens else ""
    if match.prefix or not first.startswith("لل") or len(first) < 4:
        return match
    return replace(match, tokens=("ا" + first[1:], *match.tokens[1:]), prefix="ل")


def decide(match: Match, context: Context) -> Decision:
    """The decision for one match: the first rule of the module's list that applies, else kept as is.

    >>> decide(Match("الرياض", ("الرياض",), "capital", "SAU"), Context(quoted=True)).kind
    'organisation'
    >>> decide(Match("المملكة", ("المملكة",), "alias", "SAU"), Context(article_countries={"SAU": 2}))
    Decision(kind='alias', country='SAU', candidates=(), rule='kingdom the article names most')
    """
    match = _shared_lam(match)
    if set_phrase(match, context):
        return Decision("word", "", rule="set phrase")
    if common_noun(match):
        return Decision("word", "", rule="tanween on a name")
    if behind_proclitic(match):
        return Decision("word", "", rule="a whole word, not a proclitic and a city")
    if common_word_city(match, context) is False:
        return Decision("word", "", rule="a common word without evidence of the city")
    if is_language(match, context):
        return Decision("language", "", rule="language after لغة")
    if reason := organisation(match, context):
        return Decision("organisation", "", rule=reason)
    if reason := club(match, context):
        return Decision("organisation", "", rule=reason)
    if person(match, context):
        return Decision("person", "", rule="name after a title")
    if match.tokens == (KINGDOM,):
        return resolve_kingdom(context)
    if adjective(match, context):
        return Decision("demonym", match.country, rule="adjective after a noun")
    if counted_demonym(match, context):
        return Decision("demonym", match.country, rule="demonym counted after a number")
    if capital_city(match, context):
        return Decision("capital", match.country, rule="city after مدينة/العاصمة")
    if province(match, context):
        return Decision("region", "", rule="province after منطقة")
    if listed := listed_reading(match, context):
        return listed
    if match.candidates and not match.country:
        return Decision(match.kind, "", candidates=match.candidates, rule="homograph without evidence")
    return Decision(match.kind, match.country)


@cache
def cue_words() -> frozenset[str]:
    """Every word a rule reads beside a match: the words of every cue type of ``mention_cues.csv``,
    bare and as :func:`strip_proclitic` reads them behind a proclitic (وبنك، للمنطقة)."""
    words = frozenset().union(*mention_cues().values())
    behind = {p + w for p in PROCLITICS for w in words}
    merged = {p + w[1:] for p in PROCLITICS if p.endswith("ل") for w in words if w.startswith("ال")}
    return words | behind | merged


@cache
def cue_forms() -> frozenset[str]:
    """Every match form (normalized words, space-joined) that a rule names: bare المملكة, common-word
    cities, organisations, set phrases, adjective-shaped names, given names and players' names."""
    forms = {" ".join(f) for _, mention, _ in not_mention_phrases() for f in mention}
    forms |= {" ".join(f) for f in organisation_phrases()} | set(context_cities()) | set(adjective_names())
    return frozenset(forms | personal_names() | mention_cues()["given_name"] | {KINGDOM})


def may_apply() -> pl.Expr:
    """Whether any rule of :func:`decide` may apply to a match, as a column expression over ``form``
    (its normalized words, space-joined), ``surface``, ``kind``, ``prefix`` (the proclitic left out),
    ``before1``/``before2`` (the nearest words before it) and ``after1`` (the word after it).

    A rule applies only to a form its data names (:func:`cue_forms`, also written with لل), beside a cue
    word (:func:`cue_words`: filler words included, so a cue further back is reached), before a masculine
    demonym (a club), after a number (a counted demonym), to a name written with tanween or to a city
    behind a proclitic: for any other match :func:`decide` keeps the match as the
    gazetteer gives it, so the engine sends it nowhere (``tests/test_mention_rules.py`` checks this).
    """
    words = list(cue_words())
    beside = [pl.col(c).is_in(words).fill_null(False) for c in ("before1", "before2", "after1")]
    form = pl.col("form").str.replace("^لل", "ال")  # للمدينة: ل + المدينة (:func:`_shared_lam`)
    return pl.any_horizontal(
        form.is_in(list(cue_forms())),
        *beside,
        pl.col("after1")
        .cast(pl.String)
        .is_in(list(masculine_demonyms()))
        .fill_null(False),  # a club: ليفربول الإنجليزي
        form.is_in(list(tanween_names()))
        & pl.col("before1").cast(pl.String).str.contains(r"^\d+$").fill_null(False),
        pl.col("surface").str.contains(f"[{TANWEEN}]"),
        (pl.col("kind") == "city") & (pl.col("prefix") != ""),
    )
