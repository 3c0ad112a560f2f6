"""A synthetic Arabic news corpus of any size, for benchmarks and scale tests.

Words are drawn from the most frequent Arabic word forms with their real frequencies (wordfreq's
counts: surface forms with their clitics and inflections, so the vocabulary grows with the corpus as
in real text); a few get diacritics or tatweel, and country names, capitals and demonyms appear at
news-like rates. Sentences, paragraphs, a headline and sometimes boilerplate give the articles their
shape. No text of any outlet is copied. Deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from functools import cache
from itertools import accumulate, islice
from pathlib import Path

import wordfreq

from helpers.chars import ARABIC_LETTER
from helpers.storage import atomic_open

VOCABULARY_SIZE = 300_000
"""How many of the most frequent Arabic words the generator draws from."""
PLACES = ["إيران", "روسيا", "طهران", "موسكو", "الصين", "واشنطن", "الولايات المتحدة", "بيلاروس", "مينسك",
          "السعودية", "الرياض", "مصر", "القاهرة", "تركيا", "أنقرة", "العراق", "بغداد", "سوريا", "دمشق",
          "فرنسا", "باريس", "ألمانيا", "برلين", "كوريا الشمالية", "اليابان", "الهند", "باكستان"]  # fmt: skip
DEMONYMS = ["الإيراني", "الإيرانية", "الروسي", "الروسية", "الأميركية", "الأمريكي", "الصيني", "السعودية",
            "المصري", "التركية", "العراقي", "السوري", "الفرنسية", "الألماني", "الياباني"]  # fmt: skip
MARKS = ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652"]
_ARABIC_WORD = re.compile(f"[{ARABIC_LETTER}]+")


@cache
def _vocabulary(size: int) -> tuple[list[str], list[float]]:
    """The ``size`` most frequent Arabic words (wordfreq: real usage counts, no text) and the
    cumulative weights to draw them with their real frequencies."""
    table = wordfreq.get_frequency_dict("ar", wordlist="large")  # most frequent first
    words = list(islice((w for w in table if _ARABIC_WORD.fullmatch(w)), size))
    return words, list(accumulate(table[w] for w in words))


def _word(rng: random.Random, vocabulary: list[str], weights: list[float]) -> str:
    roll = rng.random()
    if roll < 0.02:
        return rng.choice(PLACES)
    if roll < 0.03:
        return rng.choice(DEMONYMS)
    word = rng.choices(vocabulary, cum_weights=weights)[0]
    if rng.random() < 0.03:
        i = rng.randrange(1, len(word) + 1)
        word = word[:i] + rng.choice(MARKS) + word[i:]
    if rng.random() < 0.005 and len(word) > 3:
        word = word[:2] + "\u0640" + word[2:]
    return word


def synthetic_articles(
    n_articles: int, seed: int = 0, vocabulary_size: int = VOCABULARY_SIZE
) -> Iterator[dict]:
    """Yield ``n_articles`` records ``{"id", "title", "text", "source"}`` (about 2,000 characters each)."""
    rng = random.Random(seed)
    vocabulary, weights = _vocabulary(vocabulary_size)
    for number in range(n_articles):
        title = " ".join(_word(rng, vocabulary, weights) for _ in range(rng.randint(5, 10)))
        paragraphs = []
        for _ in range(rng.randint(4, 9)):
            sentences = []
            for _ in range(rng.randint(1, 3)):
                words = [_word(rng, vocabulary, weights) for _ in range(rng.randint(8, 25))]
                if len(words) > 10:
                    words[rng.randrange(3, len(words) - 3)] += "،"
                sentences.append(" ".join(words) + rng.choice([".", ".", ".", "؟"]))
            paragraphs.append(" ".join(sentences))
        if rng.random() < 0.3:
            paragraphs.append("أضف تعليق")
        yield {
            "id": f"synthetic-{seed}-{number:06d}",
            "title": title,
            "text": title + "\n\n" + "\n\n".join(paragraphs),
            "source": "synthetic",
        }


def write_jsonl(path: str | Path, n_articles: int, seed: int = 0) -> Path:
    """Write a synthetic corpus as JSONL (one article per line), streamed to a temporary file that is
    renamed into place at the end."""
    with atomic_open(path, encoding="utf-8") as handle:
        for record in synthetic_articles(n_articles, seed):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return Path(path)
