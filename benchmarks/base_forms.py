"""Base forms on real running news: the share of word tokens whose base is right.

    .venv/bin/python benchmarks/base_forms.py [SAMPLE] [--errors]

Measures on ``tests/data/base_gold_news.tsv`` (every Arabic word token of ten articles of the news
sample, annotated by hand; see its header) overall, on the part the rules were tuned on and on the
held-out part, and on the older list of tricky words ``tests/data/clitic_gold.tsv``. When the news sample
is there (default ``../shared/corpora/saudinewsnet-sample.jsonl`` next to the project), it also checks
that every annotated offset holds its word and that every Arabic word of the articles is annotated.
The figure needs only the gold file: the base of a word as written does not depend on its context.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from helpers import lexicon
from helpers.chars import KINDS
from helpers.normalizing import normalize

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "base_gold_news.tsv"
CLITIC_GOLD = ROOT / "tests" / "data" / "clitic_gold.tsv"
DEFAULT_SAMPLE = ROOT.parent / "shared" / "corpora" / "saudinewsnet-sample.jsonl"
TARGET = 0.993
TOKEN = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in KINDS.items()))
"""The project's token kinds (:data:`helpers.chars.KINDS`), tried in order, each a named group."""


def read_gold(path: Path = GOLD) -> list[tuple[str, str, str, str, list[int]]]:
    """``(article, part, surface, expected base, offsets)`` rows of the news gold."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            article, part, surface, expected, offsets = line.split("\t")
            rows.append((article, part, surface, expected, [int(o) for o in offsets.split()]))
    return rows


def base_of(surface: str) -> str:
    """The base the package gives a word as written (through ``analyse_word`` where it exists)."""
    analyse = getattr(lexicon, "analyse_word", None)
    return analyse(surface)[1] if analyse else lexicon.base(normalize(surface))


def score(rows) -> dict[str, dict[str, float]]:
    """Token and distinct-form accuracy per part and overall."""
    tokens: Counter[str] = Counter()
    right: Counter[str] = Counter()
    forms: Counter[str] = Counter()
    forms_right: Counter[str] = Counter()
    for _, part, surface, expected, offsets in rows:
        ok = base_of(surface) == normalize(expected)
        for key in (part, "all"):
            tokens[key] += len(offsets)
            right[key] += len(offsets) * ok
            forms[key] += 1
            forms_right[key] += ok
    return {
        key: {
            "tokens": tokens[key],
            "token accuracy": right[key] / tokens[key],
            "forms": forms[key],
            "form accuracy": forms_right[key] / forms[key],
        }
        for key in tokens
    }


def errors(rows) -> list[tuple[str, str, str, str, int]]:
    """``(part, surface, expected, got, occurrences)`` of every wrong row, most frequent first."""
    wrong = [
        (part, surface, expected, base_of(surface), len(offsets))
        for _, part, surface, expected, offsets in rows
        if base_of(surface) != normalize(expected)
    ]
    return sorted(wrong, key=lambda row: -row[-1])


def clitic_list_accuracy() -> tuple[int, int]:
    """``(right, total)`` on the older list of tricky words."""
    pairs = [
        line.split("\t")
        for line in CLITIC_GOLD.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return sum(base_of(w) == normalize(e) for w, e in pairs), len(pairs)


def check_against_sample(rows, sample: Path) -> list[str]:
    """Problems found when the gold is laid on the articles: wrong offsets, unannotated words."""
    wanted = {row[0] for row in rows}
    texts = {}
    with sample.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["id"] in wanted:
                texts[record["id"]] = record["text"]
    problems = [f"{a}: not in the sample" for a in sorted(wanted - set(texts))]
    annotated = {(a, o) for a, _, _, _, offsets in rows for o in offsets}
    for article, _, surface, _, offsets in rows:
        text = texts.get(article, "")
        problems += [
            f"{article}@{o}: {surface!r} not there" for o in offsets if text[o : o + len(surface)] != surface
        ]
    for article, text in texts.items():
        for match in TOKEN.finditer(text):
            if match.lastgroup == "arabic" and (article, match.start()) not in annotated:
                problems.append(f"{article}@{match.start()}: {match.group()!r} not annotated")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample", nargs="?", type=Path, default=DEFAULT_SAMPLE)
    parser.add_argument("--errors", action="store_true", help="list the words whose base is wrong")
    args = parser.parse_args()
    rows = read_gold()
    if args.sample.exists():
        problems = check_against_sample(rows, args.sample)
        if problems:
            sys.exit("the gold does not fit the sample:\n" + "\n".join(problems[:20]))
        print(
            f"gold laid on the sample: every offset and every Arabic word of {len({r[0] for r in rows})} articles checked"
        )
    else:
        print(f"(the news sample is not there: {args.sample.name}; offsets not checked)")
    for key, figures in sorted(score(rows).items()):
        print(
            f"{key:9} {figures['tokens']:5} tokens, base right on {figures['token accuracy']:.2%}"
            f" (target {TARGET:.1%}); {figures['forms']} forms, {figures['form accuracy']:.2%}"
        )
    right, total = clitic_list_accuracy()
    print(f"tricky-word list: {right}/{total}")
    if args.errors:
        for part, surface, expected, got, n in errors(rows):
            print(f"  {part:8} {surface}\texpected {expected}\tgot {got}\t×{n}")


if __name__ == "__main__":
    main()
