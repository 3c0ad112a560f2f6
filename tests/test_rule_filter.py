"""The engine asks the context rules only about the matches :func:`may_apply` picks: for every other
match, :func:`decide` must keep the match as the gazetteer gives it, or the engine would miss a decision."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.gazetteer import mention_cues
from helpers.mention_rules import (
    KINGDOM,
    PROCLITICS,
    Context,
    Decision,
    Match,
    cue_forms,
    decide,
    may_apply,
    phrases,
)
from helpers.normalizing import normalize

# (surface, kind, country): plain places, and forms some rule names (المملكة، تركي، السعودية، المدينة …)
FORMS = [
    ("روسيا", "name", "RUS"), ("القاهرة", "capital", "EGY"), ("الإيراني", "demonym", "IRN"),
    ("الفرنسية", "demonym", "FRA"), ("جدة", "city", "SAU"), ("بيرا", "city", "MOZ"), ("تونس", "name", "TUN"),
    ("الرياض", "capital", "SAU"), ("السعودية", "name", "SAU"), ("المملكة", "alias", "SAU"),
    ("تركي", "demonym", "TUR"), ("التركي", "demonym", "TUR"), ("المدينة", "city", "SAU"),
    ("هندي", "demonym", "IND"), ("الهند", "name", "IND"), ("ليما", "capital", "PER"), ("بيراً", "city", "MOZ"),
    ("ليفربول", "city", "GBR"), ("موناكو", "name", "MCO"), ("الكويت", "name", "KWT"), ("وارسو", "capital", "POL"),
    ("سوريا", "name", "SYR"), ("للمدينة", "city", "SAU"), ("مسقط", "capital", "OMN"),
]  # fmt: skip
PLAIN = ["قال", "الوزير", "في", "زار", "أمس", "الحكومة", "مع", "إلى", "العاصمة", "جوز", "تمر", "الجنسية",
         "الإنجليزي", "البولندي", "الكويتية", "12", "رأسه", "كوريا", "الجنوبية", "البحرين"]  # fmt: skip


def vocabulary() -> list[list[str]]:
    """Word lists to draw from, equally likely: each cue type of ``mention_cues.csv`` (some words behind
    a proclitic), and plain words."""
    lists = [sorted(words) for _, words in sorted(mention_cues().items())]
    lists += [[PROCLITICS[i % len(PROCLITICS)] + w for i, w in enumerate(words[:20])] for words in lists]
    return [*lists, PLAIN]


WORD = st.sampled_from(vocabulary()).flatmap(st.sampled_from)


def picked(match: Match, context: Context) -> bool:
    row = {
        "form": " ".join(match.tokens),
        "surface": match.surface,
        "kind": match.kind,
        "prefix": match.prefix,
        "before1": context.before[-1] if context.before else None,
        "before2": context.before[-2] if len(context.before) > 1 else None,
        "after1": context.after[0] if context.after else None,
    }
    return pl.DataFrame([row]).select(may_apply()).item()


@st.composite
def cases(draw) -> tuple[Match, Context]:
    surface, kind, country = draw(st.sampled_from(FORMS))
    prefix = draw(st.sampled_from(["", "", "و", "ب", "ل"]))
    words = st.lists(WORD, max_size=4).map(lambda w: tuple(normalize(x) for x in w))
    before, after = draw(words), draw(words)
    context = Context(
        before=before,
        after=after,
        quoted=draw(st.booleans()),
        article_countries=draw(st.sampled_from([{}, {"SAU": 2}, {"JOR": 1, "SAU": 1}])),
        article_phrases=phrases(before + after),
        dateline=draw(st.sampled_from(["", "SAU"])),
    )
    return Match(surface, tuple(normalize(surface).split()), kind, country, prefix), context


@settings(max_examples=1000, deadline=None)
@given(cases())
def test_a_match_the_filter_leaves_out_is_kept_as_it_is(case):
    match, context = case
    if not picked(match, context):
        assert decide(match, context) == Decision(match.kind, match.country)


def test_the_filter_picks_the_matches_rules_change():
    """Each kind of evidence alone is enough to be asked (a cue before, after, two words back, a form)."""
    assert picked(Match("الرياض", ("الرياض",), "capital", "SAU"), Context(before=("وبنك",)))
    assert picked(Match("دبي", ("دبي",), "city", "ARE"), Context(after=("للاستثمار",)))
    assert picked(Match("التركي", ("التركي",), "demonym", "TUR"), Context(before=("اللواء", "منصور")))
    assert picked(Match("المملكة", (KINGDOM,), "alias", "SAU"), Context())
    assert not picked(
        Match("روسيا", ("روسيا",), "name", "RUS"), Context(before=("زار", "امس"), after=("بعد",))
    )
    assert {"المملكة", "تركي"} <= cue_forms()
    # a club before a masculine demonym, a counted demonym after a number, a form written with لل
    assert picked(Match("ليفربول", ("ليفربول",), "city", "GBR"), Context(after=("الانجليزي",)))
    assert picked(Match("سوريا", ("سوريا",), "name", "SYR"), Context(before=("بمقتل", "12")))
    assert picked(Match("للمدينة", ("للمدينة",), "city", "SAU"), Context())
