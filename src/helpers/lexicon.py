"""Word-level knowledge: frequencies, stopwords, proclitic removal (the *base*) and stems.

Every function here takes one already normalized word and is cached, so a corpus pays for each
distinct word once, not for each occurrence.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import pickle
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources
from importlib.metadata import version
from pathlib import Path

import snowballstemmer
import stopwordsiso
import wordfreq

from helpers.normalizing import normalize
from helpers.storage import atomic_write_bytes

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
"""Shortest base left after removing و ف ب ك ل (shorter only when the base is a stopword: وهو → هو)."""
NOUN_EVIDENCE = 3.0
"""Zipf frequency of ال + word above which the whole word is taken for a noun in its own right."""
SLACK = 0.8
"""How much rarer (Zipf units) than the whole word a remainder may be and still be cut off."""
MARGIN = 0.3
"""How much more frequent a remainder must be to cut a clitic off a word that is itself a noun."""
KNOWN = 3.0
"""Zipf frequency a remainder needs to count as a known word."""
WORD_CACHE = 100_000
"""Distinct words whose analyses are kept in memory: bounds memory on corpora with huge vocabularies."""


def _resource_lines(name: str) -> list[str]:
    text = resources.files("helpers").joinpath(f"resources/{name}").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def disk_cached(name: str, build: Callable[[], object], *sources: str) -> object:
    """``build()``, kept in the user's cache folder between runs. The file name carries a digest of the
    ``sources`` (modules and resource files of this package) and of the versions of the packages whose
    data goes in, so a stale file is never read; a read-only home just means building again."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for source in sources:
        for path in sorted(package.glob(source)):
            digest.update(path.read_bytes())
    for dependency in ("wordfreq", "babel", "pycountry", "stopwordsiso"):
        digest.update(version(dependency).encode())
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "arabic-news-helpers"
    path = root / f"{name}-{digest.hexdigest()[:16]}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    value = build()
    with contextlib.suppress(OSError):
        atomic_write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def _build_frequencies() -> dict[str, float]:
    totals: dict[str, float] = {}
    for word, freq in wordfreq.get_frequency_dict("ar", wordlist="large").items():
        key = normalize(word)
        totals[key] = totals.get(key, 0.0) + freq
    return {word: math.log10(freq * 1e9) for word, freq in totals.items()}


@cache
def word_frequencies() -> dict[str, float]:
    """Zipf frequency of each normalized Arabic word, from wordfreq's large Arabic list.

    Spellings that normalize alike are summed (إيران + ايران). Built once (about 2 s) and kept in the
    user's cache folder, from where later processes load it in a fraction of that.
    """
    return disk_cached("lexicon", _build_frequencies, "normalizing.py")


@cache
def known_bases() -> dict[str, str]:
    """:func:`base` of every lexicon word that starts like a proclitic, computed once and kept on disk:
    most words of real text are then a dictionary lookup (about 350,000 words, 2 s to build)."""
    return disk_cached(
        "bases",
        lambda: {w: _base(w, 0) for w in word_frequencies() if w[:1] in CLITIC_INITIALS},
        "normalizing.py", "lexicon.py", "gazetteer.py", "resources/*",
    )  # fmt: skip


def zipf(word: str) -> float:
    """Zipf frequency of a normalized word (0 when unknown); 6 is very common, 3 is rare.

    >>> zipf("وزير") > zipf("زير")
    True
    """
    return word_frequencies().get(word, 0.0)


@cache
def stopwords() -> frozenset[str]:
    """Normalized stopwords: the general Arabic list of stopwords-iso plus the project's news list."""
    words = set(stopwordsiso.stopwords("ar")) | set(_resource_lines("stopwords_news.txt"))
    return frozenset(normalize(w) for w in words)


@cache
def protected_words() -> frozenset[str]:
    """Normalized words that start like a proclitic but are never cut: the project list plus every
    one-word country name and capital of the gazetteer (بكين, ليما, كوريا)."""
    from helpers.gazetteer import single_word_names

    return frozenset(normalize(w) for w in _resource_lines("protected_words.txt")) | single_word_names()


def _keeps_article(prefix: str) -> bool:
    return prefix.endswith("ال") or prefix == "لل" or prefix.endswith("لل")


def _acceptable(prefix: str, word: str, rest: str, freq: dict[str, float], with_article: bool) -> bool:
    """Whether cutting ``prefix`` (which ends in the article when ``with_article``) off ``word`` leaves
    a plausible word ``rest``; ``freq`` is the Zipf table."""
    if rest in protected_words():
        return True
    if with_article:
        return len(rest) >= ARTICLE_MIN_BASE or (
            len(rest) >= 2 and freq.get(rest, 0.0) >= freq.get(word, 0.0)
        )
    if rest.startswith("ال") or (len(rest) < MIN_BASE and rest not in stopwords()):
        return False  # a preposition before the article is a longer prefix (بال, وال)
    if "ك" in prefix and freq.get("ال" + rest, 0.0) < NOUN_EVIDENCE:
        return False  # ك "like" only comes before nouns, which take the article (كرئيس: الرئيس)
    whole, remainder = freq.get(word, 0.0), freq.get(rest, 0.0)
    if remainder >= whole + MARGIN and remainder > 0:
        return True
    if freq.get("ال" + word, 0.0) >= NOUN_EVIDENCE:  # الوزير, البلد, اللجنة: the whole word is a noun
        return False
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


def _base(word: str, slot: int) -> str:
    entries = _prefixes_by_letter().get(word[:1])
    if not entries or word in protected_words():
        return word
    protected, freq = protected_words(), word_frequencies()
    best = None
    for prefix, level, after in entries:
        if level < slot or not word.startswith(prefix):
            continue
        rest = word[len(prefix) :]
        if _acceptable(prefix, word, rest, freq, after == 3):
            key = (rest in protected, freq.get(rest, 0.0))
            if best is None or key > best[0]:
                best = (key, rest, after)
    if best is None:
        return word
    return best[1] if best[2] == 3 else _base(best[1], best[2])


_KNOWN: dict[str, str] = {}
"""The precomputed bases of the lexicon's words, once :func:`use_known_bases` has loaded them."""


def use_known_bases() -> None:
    """Look bases up in the lexicon's precomputed table from now on (for corpora and big texts; one
    article's few hundred words are quicker to analyse than the table is to load)."""
    if not _KNOWN:
        _KNOWN.update(known_bases())


def base(word: str) -> str:
    """The word without its proclitics (و ف ب ك ل and the article), when what remains is a word.

    Each proclitic sequence the word starts with is tried; a cut is acceptable when the rest is a
    protected word, or (article) at least three letters remain, or (و ف ب ك ل) the rest is a known word
    not much rarer than the whole, and the whole is not itself a noun (ال + word is not a word).
    Among acceptable cuts, a protected remainder wins, then the most frequent one; what remains may lose
    the clitics that can still follow (وبالتالي → بالتالي → تالي; nothing after the article). So root
    letters stay (وزير, بلد, فرنسا, لبنان) and clitics go (وأضاف → أضاف, للجنة → لجنة).

    >>> [base(normalize(w)) for w in ["والمبادرين", "للدبلوماسية", "لإيران", "وزير", "العراقيل"]]
    ['مبادرين', 'دبلوماسية', 'ايران', 'وزير', 'عراقيل']
    """
    known = _KNOWN.get(word)  # no cache in front: a look-up in the table is faster than one
    return known if known is not None else _computed_base(word)


@lru_cache(maxsize=WORD_CACHE)
def _computed_base(word: str) -> str:
    return _base(word, 0) if word else word


_STEMMER = snowballstemmer.stemmer("arabic")


@lru_cache(maxsize=WORD_CACHE)
def stem(word: str) -> str:
    """A light stem (Snowball's Arabic stemmer) of a normalized word; more aggressive than the base.

    >>> stem(normalize("الإيرانية"))
    'ايران'
    """
    return _STEMMER.stemWord(word)
