"""A synthetic Arabic news corpus of any size, for benchmarks and scale tests.

The articles are made from the vocabulary of the seed article plus generated pseudo-words, drawn with a
Zipf-like distribution so that the vocabulary keeps growing with the corpus as in real news; words
get proclitics, diacritics and tatweel at realistic rates, and country names and capitals appear in
their usual forms. Deterministic for a given seed. No text of any real outlet is copied except the
seed article's own words.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from helpers.storage import DEFAULT_ARTICLE, atomic_open

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
CLITICS = [""] * 13 + ["ال", "ال", "ال", "و", "و", "وال", "ب", "بال", "ل", "لل", "ف"]
ZIPF_EXPONENT = 1.15
SUFFIXES = [""] * 12 + ["ة", "ات", "ين", "ون", "ي", "ية", "ها", "هم", "ه", "نا", "يات", "يين"]
MARKS = ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652"]
PLACES = ["إيران", "روسيا", "طهران", "موسكو", "الصين", "واشنطن", "الولايات المتحدة", "بيلاروس", "مينسك",
          "السعودية", "الرياض", "مصر", "القاهرة", "تركيا", "أنقرة", "العراق", "بغداد", "سوريا", "دمشق",
          "فرنسا", "باريس", "ألمانيا", "برلين", "كوريا الشمالية", "اليابان", "الهند", "باكستان"]  # fmt: skip
DEMONYMS = ["الإيراني", "الإيرانية", "الروسي", "الروسية", "الأميركية", "الأمريكي", "الصيني", "السعودية",
            "المصري", "التركية", "العراقي", "السوري", "الفرنسية", "الألماني", "الياباني"]  # fmt: skip


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    """The seed article's words, most frequent first, then generated pseudo-words up to ``size``."""
    raw = [w.strip(".,،؛:«»”“()") for w in DEFAULT_ARTICLE.read_text(encoding="utf-8").split()]
    counts = Counter(w for w in raw if w and all("\u0621" <= c <= "\u0652" for c in w))
    words = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    while len(words) < size:
        words.append("".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 7))))
    return words


def _word(rng: random.Random, vocabulary: list[str], weights: list[float]) -> str:
    roll = rng.random()
    if roll < 0.02:
        return rng.choice(PLACES)
    if roll < 0.03:
        return rng.choice(DEMONYMS)
    word = rng.choices(vocabulary, cum_weights=weights)[0]
    if len(word) > 3 and word[-1] not in "ةىايتنه":  # no suffix on a word that already has one
        word += rng.choice(SUFFIXES)
    if not word.startswith("ال"):
        word = rng.choice(CLITICS) + word
    if rng.random() < 0.03:
        i = rng.randrange(1, len(word) + 1)
        word = word[:i] + rng.choice(MARKS) + word[i:]
    if rng.random() < 0.005:
        word = word[:2] + "\u0640" + word[2:]
    return word


def synthetic_articles(n_articles: int, seed: int = 0, vocabulary_size: int = 60_000) -> Iterator[dict]:
    """Yield ``n_articles`` records ``{"id", "title", "text", "source"}`` (about 2,500 characters each)."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng, vocabulary_size)
    weights, total = [], 0.0
    for rank in range(1, len(vocabulary) + 1):
        total += 1 / rank**ZIPF_EXPONENT
        weights.append(total)
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
