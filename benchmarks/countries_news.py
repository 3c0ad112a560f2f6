"""Country mentions on real news the project never used: precision and recall against hand-made gold.

    python benchmarks/countries_news.py [SAMPLE.jsonl]

The gold (``tests/data/news_country_gold.csv``) holds article ids, character offsets, surfaces and labels
only; the article text, whose license forbids copying it into the project, is read from the SaudiNewsNet
sample (default: ``../shared/corpora/saudinewsnet-sample.jsonl`` next to the project). Without the sample
the script says so and exits cleanly.

Each article is read as the corpus command reads a JSONL record (the title as the headline, then the text)
and analysed in its headline, body and subheadings. A found mention is right when it overlaps a gold
country mention of the same country; its kind is then compared with the gold kind. Gold rows marked
``organisation``, ``person``, ``word`` or ``region`` are things that look like countries and are not: a
found mention there is a false positive. Cities (kind ``city``, found with ``cities=True``) are scored
apart from countries. An ambiguous mention (no country) counts as a miss, not as a false positive, and is
reported on its own. What the engine sets apart (organisation, person, language, word, province; found with
``kinds=``) is compared with the gold rows that look like a place and are not one: how many of those were
set apart, and how many set-apart matches were in fact true mentions.
Figures are given per split: ``dev`` (looked at while writing rules), ``heldout`` (annotated with dev; its
errors have since been looked at), ``fresh`` (annotated later, before the tool's output was seen) and
``blind`` (annotated later still, before any output on it was seen; its errors were then used to write
rules), ``dev2`` (45 unseen articles checked by reading the tool's output in context, then used to write
rules), ``blind2`` (24 unseen articles annotated by reading only, measured once after those rules; its
errors were then used) and ``blind3`` (24 more, measured once after that).

    python benchmarks/countries_news.py --errors fresh   # list the false positives and misses of a split
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "news_country_gold.csv"
DEFAULT_SAMPLE = ROOT.parent / "shared" / "corpora" / "saudinewsnet-sample.jsonl"
COUNTRY_KINDS = ("name", "capital", "alias", "demonym", "variant")
NOT_MENTIONS = ("organisation", "person", "word", "region")
SET_APART = ("organisation", "person", "language", "word", "province")
SPLITS = ("dev", "heldout", "fresh", "blind", "dev2", "blind2", "blind3")


def record_text(record: dict) -> str:
    """The text of a JSONL record as the project reads it: title as headline, LF line ends, NFC."""
    text, title = record["text"], (record.get("title") or "").strip()
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_gold(path: Path = GOLD) -> tuple[dict[str, str], list[dict[str, str]]]:
    """``(article id → split, gold rows)``; an article with no mention has one row with an empty kind."""
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    splits = {r["article"]: r["split"] for r in rows}
    return splits, [r for r in rows if r["kind"]]


def read_sample(path: Path, wanted: set[str]) -> dict[str, str]:
    texts = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("id") in wanted:
                texts[record["id"]] = record_text(record)
    return texts


def found_mentions(article_id: str, text: str) -> tuple[list[dict], list[tuple[int, int]]]:
    """The mentions found in the analysed paragraphs, and those paragraphs' spans."""
    import helpers
    from helpers.reading import article_from_text

    article = article_from_text(text, article_id)
    analysed = helpers.select_roles(article, None)
    found = helpers.find_country_mentions(article, kinds=(*COUNTRY_KINDS, "city", *SET_APART))
    spans = list(zip(analysed["start"], analysed["end"], strict=True))
    return [
        {"start": int(r.start), "end": int(r.end), "surface": r.surface, "kind": r.kind,
         "country": "" if r.ambiguous else r.country}
        for r in found.itertuples()
    ], spans  # fmt: skip


def _overlaps(a: dict, b: dict) -> bool:
    return int(a["start"]) < int(b["end"]) and int(b["start"]) < int(a["end"])


def score(gold: list[dict], found: list[dict]) -> dict:
    """Counts per kind: true positives by found kind and by gold kind, false positives, misses."""
    tally: dict = defaultdict(Counter)
    used: set[int] = set()
    for f in found:
        if f["kind"] in SET_APART:
            truly = any(_overlaps(f, g) for g in gold if g["kind"] in (*COUNTRY_KINDS, "city"))
            tally["set_apart"]["wrongly" if truly else "rightly"] += 1
            tally["set_apart_kinds"][f["kind"]] += 1
            continue
        group = "city" if f["kind"] == "city" else "country"
        if not f["country"]:
            tally[group]["ambiguous"] += 1
            continue
        match = next(
            (i for i, g in enumerate(gold) if i not in used and _overlaps(f, g) and g["country"] == f["country"]
             and (g["kind"] == "city") == (group == "city")),
            None,
        )  # fmt: skip
        if match is None:
            tally["fp"][f["kind"]] += 1
            continue
        used.add(match)
        tally["tp_found"][f["kind"]] += 1
        tally["tp_gold"][gold[match]["kind"]] += 1
        if group == "country":
            tally["kind"]["right" if f["kind"] == gold[match]["kind"] else "wrong"] += 1
            if f["kind"] != gold[match]["kind"]:
                tally["confusions"][f"{gold[match]['kind']}→{f['kind']}"] += 1
    apart = [f for f in found if f["kind"] in SET_APART]
    for g in gold:
        if g["kind"] in NOT_MENTIONS:
            said = (
                "set apart"
                if any(_overlaps(f, g) for f in apart)
                else (
                    "counted"
                    if any(_overlaps(f, g) for f in found if f["kind"] not in SET_APART)
                    else "not matched"
                )
            )
            tally["not_mentions"][said] += 1
    for i, g in enumerate(gold):
        if g["kind"] in (*COUNTRY_KINDS, "city") and i not in used:
            tally["missed"][g["kind"]] += 1
            tally["missed_forms"][f"{g['surface']}|{g['country']}|{g['kind']}"] += 1
    return tally


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  –  "


def report(name: str, tally: dict, articles: int) -> None:
    print(f"\n== {name}: {articles} articles")
    print(f"{'kind':<10}{'found':>7}{'right':>7}{'prec':>7}{'gold':>7}{'caught':>7}{'recall':>7}")
    for kinds, label in [*(((k,), k) for k in (*COUNTRY_KINDS, "city")), (COUNTRY_KINDS, "countries")]:
        tp_found = sum(tally["tp_found"][k] for k in kinds)
        found = tp_found + sum(tally["fp"][k] for k in kinds)
        tp_gold = sum(tally["tp_gold"][k] for k in kinds)
        gold = tp_gold + sum(tally["missed"][k] for k in kinds)
        print(f"{label:<10}{found:>7}{tp_found:>7}{_ratio(tp_found, found):>7}"
              f"{gold:>7}{tp_gold:>7}{_ratio(tp_gold, gold):>7}")  # fmt: skip
    right, wrong = tally["kind"]["right"], tally["kind"]["wrong"]
    print(f"kind right on true country mentions: {_ratio(right, right + wrong)} ({right}/{right + wrong})")
    print(
        f"ambiguous (no country given): {tally['country']['ambiguous']} countries, {tally['city']['ambiguous']} cities"
    )
    if tally["confusions"]:
        print("kind confusions (gold→found):", dict(tally["confusions"].most_common()))
    apart = tally["set_apart"]
    print(
        f"set apart: {sum(apart.values())} ({dict(tally['set_apart_kinds'].most_common())}), "
        f"{apart['wrongly']} of them a true mention; gold look-alikes: {dict(tally['not_mentions'])}"
    )


def _print_errors(article_id: str, gold: list[dict], found: list[dict]) -> None:
    """False positives, set-apart true mentions, wrong kinds and misses of one article."""
    counted = [f for f in found if f["kind"] not in SET_APART]
    for f in found:
        same = [g for g in gold if _overlaps(f, g)]
        where = f"{article_id} {f['start']}-{f['end']} {f['surface']} {f['country'] or '?'} {f['kind']}"
        true = [g for g in same if g["kind"] in (*COUNTRY_KINDS, "city")]
        if f["kind"] in SET_APART:
            if true:
                print(f"  SET APART {where} (gold {true[0]['country']} {true[0]['kind']})")
        elif not any(g["country"] == f["country"] for g in true):
            print(f"  FP {where}" + (f" (gold {same[0]['country']} {same[0]['kind']})" if same else ""))
        elif true[0]["kind"] != f["kind"]:
            print(f"  KIND {where} (gold {true[0]['kind']})")
    for g in gold:
        if g["kind"] in (*COUNTRY_KINDS, "city") and not any(
            _overlaps(f, g) and f["country"] == g["country"] for f in counted
        ):
            print(f"  MISSED {article_id} {g['start']}-{g['end']} {g['surface']} {g['country']} {g['kind']}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sample", nargs="?", type=Path, default=DEFAULT_SAMPLE)
    parser.add_argument("--errors", choices=SPLITS, help="list the false positives and misses of a split")
    args = parser.parse_args()
    if not args.sample.exists():
        print(f"skipped: the news sample is not there ({args.sample.name}); pass its path as an argument")
        return
    splits, gold = read_gold()
    texts = read_sample(args.sample, set(splits))
    if missing := set(splits) - set(texts):
        sys.exit(f"the sample lacks {len(missing)} gold articles (e.g. {sorted(missing)[0]}): wrong file?")
    by_article = defaultdict(list)
    for row in gold:
        by_article[row["article"]].append(row)
    for split in SPLITS:
        total: dict = defaultdict(Counter)
        ids = sorted(a for a, s in splits.items() if s == split)
        for article_id in ids:
            found, spans = found_mentions(article_id, texts[article_id])
            gold = [g for g in by_article[article_id] if any(s <= int(g["start"]) < e for s, e in spans)]
            tally = score(gold, found)
            for key, counts in tally.items():
                total[key].update(counts)
            if args.errors == split:
                _print_errors(article_id, gold, found)
        if ids:
            report(split, total, len(ids))


if __name__ == "__main__":
    main()
