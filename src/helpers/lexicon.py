"""Word-level knowledge: frequencies, stopwords, proclitic removal (the *base*) and stems.

:func:`analyse_word` is the one entry point for a word as written. Nothing here keeps a cache of words:
the caller's word table analyses each distinct word once; the lexicon tables (frequencies, stopwords,
protected words, :func:`known_bases`) are reference data built once.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import snowballstemmer
import stopwordsiso

from helpers.frequencies import disk_cached, word_frequencies
from helpers.gazetteer import single_word_names
from helpers.normalizing import normalize

PROCLITICS = (
    # longest first; each is conjunction? + preposition? + article?
    "وبال", "فبال", "وكال", "فكال", "ولل", "فلل",
    "وال", "فال", "بال", "كال", "لل",
    "وب", "وك", "ول", "فب", "فك", "فل",
    "ال", "و", "ف", "ب", "ك", "ل",
)  # fmt: skip
"""Proclitic sequences removed to get a word's base (``لل`` is ``ل`` + ``ال`` with the alef dropped)."""
CLITIC_INITIALS = frozenset(p[0] for p in PROCLITICS)
"""Letters a word must start with for :func:`base` to have anything to cut."""

ARTICLE_MIN_BASE = 3
"""Shortest base left after removing the article without the lexicon's support."""
MIN_BASE = 3
"""Shortest base left after removing و ف ب ك ل, unless the base is a stopword (وهو → هو) or a frequent noun
more frequent than the whole (لحل → حل)."""
NOUN_EVIDENCE = 3.0
"""Zipf frequency of ال + word above which the word is taken for a noun in its own right."""
SLACK = 0.8
"""How much rarer (Zipf units) than the whole word a remainder may be and still be cut off."""
MARGIN = 0.3
"""How much more frequent a remainder must be to cut a clitic off a word that is itself a noun."""
KNOWN = 3.0
"""Zipf frequency a remainder needs to count as a known word."""
UNIT_GAP = 2.0
"""A word is one unit, not clitic + word, when a form that could only be built on the whole word (a second
conjunction: ووصلوا؛ a second preposition or the article: لباراك، البنود) is at most this much rarer."""
UNIT_FLOOR = 2.0
"""Zipf frequency below which such a form is too rare to tell anything (البقرية، الكمادة are other words)."""
MARGIN_OVER_UNIT = 0.5
"""How much more frequent than a word seen as a unit a stopword rest must be to be cut off it anyway
(فقد → قد, but واحد, فعل stay)."""
NAME_MARGIN = 1.0
"""How much more frequent than the whole a remainder that is not a noun (no article in the lexicon) must be
for ب or ك to be cut off it: بإيران → إيران, but بيانكي, باتت stay whole."""
PRONOUN_SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ه")
"""Attached pronouns tried when a word is too rare to decide on: وبرفقتهما is decided as وبرفقة."""
WORD_CACHE = 100_000
"""Distinct words whose analyses a caller may keep in memory (the engine's bound; nothing here caches)."""
LIKE_FUNCTION_WORDS = frozenset({"الذي", "التي", "الذين", "هذا", "هذه", "ذلك", "تلك", "ان", "انه", "انها"})
"""The function words ك "like" comes before besides nouns (كالذي، كهذا، كأن)."""
HAMZA_ARTICLE = re.compile("[أإآ]ل")
"""What a hamza-written alef before lam looks like: such a word never starts with the article (ألمانيا)."""


def _resource_lines(name: str) -> list[str]:
    text = resources.files("helpers").joinpath(f"resources/{name}").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def known_bases() -> dict[str, str]:
    """:func:`base` of every lexicon word that starts like a proclitic, computed once and kept on disk
    (about 350,000 words, a few seconds to build): reference data a word table can be joined with.

    The base of a word depends on its normalized form alone unless it is written with a hamza-written
    alef before lam (:data:`HAMZA_ARTICLE`: ألمانيا, وألمحت), so ``known_bases()[norm]`` equals
    ``analyse_word(surface)[1]`` for every other surface with that norm.
    """
    return disk_cached(
        "bases",
        lambda: {w: base(w) for w in word_frequencies() if w[:1] in CLITIC_INITIALS},
        "normalizing.py", "lexicon.py", "gazetteer.py", "resources/*",
    )  # fmt: skip


@cache
def stopwords() -> frozenset[str]:
    """Normalized stopwords: the general Arabic list of stopwords-iso less the content words it holds
    (``stopwords_kept.txt``: لقاء، زيارة), the project's news list and the words that begin compound names
    (:func:`name_prefixes`)."""
    general = {normalize(w) for w in stopwordsiso.stopwords("ar")}
    general -= {normalize(w) for w in _resource_lines("stopwords_kept.txt")}
    news = {normalize(w) for w in _resource_lines("stopwords_news.txt")}
    return frozenset(general | news) - {""} | name_prefixes()


@cache
def name_prefixes() -> frozenset[str]:
    """Normalized words that begin a compound personal name (عبد، أبو، بن، آل): never a term alone; with
    the word after them they make one name (عبد المحسن، عبد اللهيان, joined by the token sequence).

    >>> sorted(name_prefixes())[:3]
    ['ابا', 'ابن', 'ابو']
    """
    return frozenset(normalize(w) for w in _resource_lines("name_prefixes.txt"))


@cache
def protected_words() -> frozenset[str]:
    """Normalized words that start like a proclitic but are never cut: the project list plus every
    one-word country name and capital of the gazetteer (بكين, ليما, كوريا)."""
    return frozenset(normalize(w) for w in _resource_lines("protected_words.txt")) | single_word_names()


def _keeps_article(prefix: str) -> bool:
    return prefix.endswith("ال") or prefix == "لل" or prefix.endswith("لل")


def _unit_evidence(word: str, freq: dict[str, float]) -> float:
    """Zipf frequency of the most frequent form that can only be built on ``word`` as one unit: a
    conjunction before a word that starts with و or ف (ووصلوا: two conjunctions never stack), or a
    preposition or the article before one that starts with ب ك ل (لباراك، البنود، بلجان)."""
    if word[0] in "وف":
        forms = ["و" + word]
    elif word[0] == "ل":  # ل + لX is written like ل + the article (للجنة); بل، كل begin many words
        forms = ["ال" + word]
    else:
        forms = ["ال" + word, "ب" + word, "ك" + word, "ل" + word]
    return max(freq.get(form, 0.0) for form in forms)


def _is_unit(word: str, freq: dict[str, float]) -> bool:
    """Whether the lexicon shows ``word`` taking clitics as a whole often enough to be one word."""
    evidence = _unit_evidence(word, freq)
    return evidence >= max(UNIT_FLOOR, freq.get(word, 0.0) - UNIT_GAP)


def _keeps_its_article(word: str, written: str, freq: dict[str, float], whole: float) -> bool:
    """Whether ``word`` (starting with ال) is a word of its own rather than the article + a word: written
    with a hamza (ألمانيا، إلكتروني), taking the article itself (الالتزام، الالكتروني: Form VIII and IV
    nouns), a Form VIII verb (التقى: يلتقي), or, ``whole`` being the Zipf frequency of the full word it
    ends, a known word whose rest is unknown (كاليفورنيا is not ك + ال + يفورنيا)."""
    if written[:1] in "أإآ":  # ٱ (wasla) before lam is the article
        return True
    whole = max(whole, freq.get(word, 0.0))
    with_article = freq.get("ال" + word, 0.0)
    rest = word[2:]
    own = freq.get(word, 0.0)
    if (
        with_article > 0
        and with_article >= max(own - UNIT_GAP, NOUN_EVIDENCE - 1)
        and freq.get(rest, 0.0) < own
    ):
        return True  # but الباب، السن: the rest is the more frequent word (ألباب, ألسن are other words)
    if word.startswith("الت") and freq.get("ي" + word[1:], 0.0) >= max(freq.get(rest, 0.0), KNOWN):
        return True
    return freq.get(rest, 0.0) == 0 and whole >= KNOWN


def _acceptable(
    prefix: str, word: str, rest: str, written: str, freq: dict[str, float], with_article: bool, backoff: bool
) -> bool:
    """Whether cutting ``prefix`` (which ends in the article when ``with_article``) off ``word`` leaves
    a plausible word ``rest``; ``written`` is ``word`` as written (hamza on alef kept), ``freq`` the Zipf
    table; ``backoff``: whether an unknown rest may be judged without its attached pronoun."""
    if len(rest) < 2:
        return False  # لو، كف: no one-letter word is left after a proclitic
    whole = freq.get(word, 0.0)
    if with_article and not prefix.endswith("لل"):
        article = len(prefix) - 2
        after = word[article:]
        if (after in stopwords() and after in protected_words()) or _keeps_its_article(
            after, written[article:], freq, whole
        ):
            return False  # كاليه is not ك + ال + يه: اليه (إليه) is a function word, not the article + a noun
    if (
        "ك" in prefix
        and not with_article
        and rest not in LIKE_FUNCTION_WORDS
        and freq.get("ال" + (rest if rest in freq else _suffix_stem(rest, freq) or rest), 0.0) < NOUN_EVIDENCE
    ):
        return False  # ك "like" comes before nouns, which take the article (كرئيس: الرئيس), not كاليه
    if rest in protected_words():
        return True
    stop = stopwords()
    remainder = freq.get(rest, 0.0)
    unit = prefix[0] != "ا" and _is_unit(word, freq)
    if rest in stop and prefix[-1] in "وف" and (not unit or remainder >= whole + MARGIN_OVER_UNIT):
        return True  # وهو، ففي، وأن، فقد (but واحد، فعل are words)
    if unit:
        return False  # والديه، وصلوا، باراك، البنود، لجان: the whole takes clitics of its own
    if with_article:
        return len(rest) >= ARTICLE_MIN_BASE or (len(rest) >= 2 and remainder >= whole)
    preposition = prefix[-1] in "بكل"
    if rest.startswith("ال") and not _keeps_its_article(rest, written[len(prefix) :], freq, whole):
        return False  # a preposition before the article is a longer prefix (بال, وال)
    if preposition and len(rest) <= 2 and word in stop:
        return False  # a function word of its own: لو، بما، لذا، بها
    noun_rest = rest
    if remainder == 0 and backoff:  # وبرفقتهما, بمفردنا: judge the rest without its attached pronoun
        noun_rest = _suffix_stem(rest, freq) or rest
        remainder = freq.get(noun_rest, 0.0)
    noun = freq.get("ال" + noun_rest, 0.0)
    if rest in stop and len(rest) >= MIN_BASE:
        return True  # بأنه، لذلك، بهذا
    if len(rest) < MIN_BASE:
        # لمن، لأي: a function word much more frequent than the whole; لحل → حل: a frequent noun (ليو stays)
        if rest in stop:
            return preposition and remainder >= whole + NAME_MARGIN
        return preposition and noun >= NOUN_EVIDENCE + 1 and remainder >= whole + MARGIN
    # ب and ك come before nouns; a rest that is not one (a verb: باتت; a name: بيانكي, بمكة) must be
    # more frequent than the whole, by far when it is not a well-known word
    if prefix[-1] in "بك" and remainder < whole + (MARGIN if remainder >= KNOWN + 1 else NAME_MARGIN):
        stem = _suffix_stem(noun_rest, freq, 2)  # بيده، باعتباره، بأنهم: a noun or function word + pronoun
        if max(noun, freq.get("ال" + stem, 0.0) if stem else 0.0) < NOUN_EVIDENCE - 0.5 and stem not in stop:
            return False
    if remainder >= whole + MARGIN and remainder > 0:
        return True
    if freq.get("ال" + word, 0.0) >= NOUN_EVIDENCE:  # الوزير, البلد, اللجنة: the whole word is a noun
        return False
    if prefix[-1] == "ب" and noun >= NOUN_EVIDENCE and noun >= remainder + MARGIN and whole >= KNOWN:
        return True  # بخصوص، بصدد: a noun met after ب or with the article, hardly alone
    return remainder >= KNOWN and remainder >= whole - SLACK


def _level(prefix: str) -> int:
    """Which proclitic slot a prefix starts in: 0 conjunction (و ف), 1 preposition (ب ك ل), 2 article."""
    return 0 if prefix[0] in "وف" else 2 if prefix.startswith("ال") else 1


def _after(prefix: str) -> int:
    """The first slot still open after a prefix (3 after the article: nothing more can be cut)."""
    return 3 if _keeps_article(prefix) else _level(prefix[-1]) + 1


@cache
def _prefixes_by_letter() -> dict[str, tuple[tuple[str, int, int], ...]]:
    """``first letter → ((prefix, slot it starts in, slot after it), …)``, longest prefixes first."""
    table: dict[str, list[tuple[str, int, int]]] = {}
    for prefix in PROCLITICS:
        table.setdefault(prefix[0], []).append((prefix, _level(prefix), _after(prefix)))
    return {letter: tuple(entries) for letter, entries in table.items()}


def _cut(word: str, written: str, slot: int, backoff: bool = True) -> int:
    """How many letters of proclitics to cut off ``word``, trying slots from ``slot`` on."""
    entries = _prefixes_by_letter().get(word[:1])
    if not entries or word in protected_words():
        return 0
    protected, freq = protected_words(), word_frequencies()
    best = None
    for prefix, level, after in entries:
        if level < slot or not word.startswith(prefix):
            continue
        rest = word[len(prefix) :]
        if _acceptable(prefix, word, rest, written, freq, after == 3, backoff):
            key = (rest in protected, freq.get(rest, 0.0))
            if best is None or key > best[0]:
                best = (key, len(prefix), after)
    if best is None:
        return 0
    _, length, after = best
    return length if after == 3 else length + _cut(word[length:], written[length:], after, backoff)


def _suffix_stem(word: str, freq: dict[str, float], shortest: int = 3) -> str | None:
    """``word`` without an attached pronoun (ة restored before it: رفقتهما → رفقة), when that is a known
    word of at least ``shortest`` letters."""
    for suffix in PRONOUN_SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= shortest:
            if stem.endswith("ت") and freq.get(stem[:-1] + "ة", 0.0) > freq.get(stem, 0.0):
                stem = stem[:-1] + "ة"
            return stem if freq.get(stem, 0.0) > 0 else None
    return None


def base(word: str, written: str | None = None) -> str:
    """The word without its proclitics (و ف ب ك ل and the article), when what remains is a word.

    ``word`` is normalized; ``written`` is the same word normalized with ``alef=False`` (hamza on alef
    kept, as :func:`analyse_word` passes it), so that ألمانيا is not read as the article + مانيا.

    Each proclitic sequence the word starts with is tried; a cut is acceptable when the rest is a
    protected word, or (article) at least three letters remain and the word is not one of its own
    (hamza-written, Form VIII التزام/التقى, ال + word attested), or (و ف ب ك ل) the rest is a known word
    not much rarer than the whole, and the whole is neither a noun (ال + word) nor seen taking clitics as
    a unit (ووصلوا، لباراك); ب and ك need a noun or a much more frequent rest (باتت, بيانكي stay whole).
    Among acceptable cuts, a protected remainder wins, then the most frequent one; what remains may lose
    the clitics that can still follow (وبالتالي → بالتالي → تالي; nothing after the article). A word too
    rare to decide on is decided without its attached pronoun (وتعزيزها as وتعزيز → تعزيزها).

    >>> [base(normalize(w)) for w in ["والمبادرين", "للدبلوماسية", "لإيران", "وزير", "العراقيل"]]
    ['مبادرين', 'دبلوماسية', 'ايران', 'وزير', 'عراقيل']
    """
    if not word or word[0] not in CLITIC_INITIALS:
        return word
    if written is None or len(written) != len(word):
        written = word
    freq = word_frequencies()
    stem = _suffix_stem(word, freq)
    if stem is not None and freq.get(word, 0.0) < freq.get(stem, 0.0) and word not in protected_words():
        # decided as the word without its pronoun (واقعنا as واقع, بكاملها as بكامل), unless that leaves a
        # function word, which takes no pronoun that way (فقدنا is not ف + قد + نا, كاليه not ك + إليه)
        cut = _cut(stem, written[: len(stem)], 0)
        left = stem[cut:]
        if not (cut and left in stopwords() and (len(left) <= 2 or left in protected_words())):
            # when the stem keeps its first letters, the whole word may still lose a clitic (بدوره,
            # بأنه), but its rest is not judged without the pronoun again (واقعنا is not و + واقع)
            return word[cut or _cut(word, written, 0, backoff=False) :]
    return word[_cut(word, written, 0) :]


def analyse_word(surface: str) -> tuple[str, str, bool]:
    """``(norm, base, is_stop)`` of an Arabic word as written: the one entry point of word analysis.

    ``norm`` is :func:`helpers.normalizing.normalize` of the word; ``base`` is :func:`base`, decided on
    the written form where it matters (a hamza-written alef is never the article); ``is_stop`` is whether
    the norm or the base is a stopword. Nothing is cached here: callers keep one analysis per word.

    >>> analyse_word("وألمانيا"), analyse_word("ولكن")
    (('والمانيا', 'المانيا', False), ('ولكن', 'ولكن', True))
    """
    norm = normalize(surface)
    word_base = base(norm, normalize(surface, alef=False))
    stop = stopwords()
    return norm, word_base, norm in stop or word_base in stop


_STEMMER = snowballstemmer.stemmer("arabic")


def stem(word: str) -> str:
    """A light stem (Snowball's Arabic stemmer) of a normalized word; more aggressive than the base.

    >>> stem(normalize("الإيرانية"))
    'ايران'
    """
    return _STEMMER.stemWord(word)
