"""Benchmarks behind the figures in the closing notes: `make bench` or `python benchmarks/run.py NAME`.

text-core  normalize + tokenize + base + stopwords + count over >= 10 M characters of generated news,
           against a floor measured in the same run: one compiled `\\w+` regex plus collections.Counter.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter

from helpers.synthetic import synthetic_articles


def _timed(function, *args, repeat: int = 3, setup=None):
    """Best of ``repeat`` runs (the machine is shared: the minimum is the least disturbed)."""
    best = float("inf")
    for _ in range(repeat):
        if setup:
            setup()
        started = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - started)
    return result, best


def _floor(text: str) -> Counter[str]:
    return Counter(re.compile(r"\w+").findall(text))


def text_core(chars: int = 10_000_000) -> dict[str, float]:
    from helpers import lexicon, tokenizing
    from helpers.terms import count_terms

    texts, size = [], 0
    for record in synthetic_articles(chars // 1500 + 1, seed=1):
        texts.append(record["text"])
        size += len(record["text"])
        if size >= chars:
            break
    text = "\n\n".join(texts)
    floor_counts, floor_s = _timed(_floor, text)
    tokens = sum(floor_counts.values())
    _, lexicon_s = _timed(lexicon.word_frequencies, repeat=1)

    def forget() -> None:
        tokenizing._ANALYSES.clear()
        lexicon.base.cache_clear()

    # every distinct word analysed within the timed call
    counts, uncached_s = _timed(count_terms, text, setup=forget)
    # analyses cached, as for the later articles of a corpus
    _, warm_s = _timed(count_terms, text)
    figures = {
        "characters": len(text),
        "tokens (\\w+)": tokens,
        "distinct words": len(floor_counts),
        "floor tokens/s": tokens / floor_s,
        "lexicon load s": lexicon_s,
        "count_terms tokens/s (distinct words analysed in the run)": tokens / uncached_s,
        "count_terms tokens/s (analyses cached)": tokens / warm_s,
        "ratio to floor (analysed in the run)": floor_s / uncached_s,
        "ratio to floor (cached)": floor_s / warm_s,
    }
    assert counts, "nothing counted"
    return figures


BENCHMARKS = {"text-core": text_core}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "names", nargs="*", choices=[*BENCHMARKS, []], help="benchmarks to run (default: all)"
    )
    args = parser.parse_args()
    for name in args.names or BENCHMARKS:
        print(f"== {name}")
        for key, value in BENCHMARKS[name]().items():
            print(f"  {key:<58} {value:,.2f}" if isinstance(value, float) else f"  {key:<58} {value:,}")


if __name__ == "__main__":
    main()
