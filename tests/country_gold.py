"""Reading the hand-made country gold files (shared by the tests and the benchmark)."""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def seed_gold() -> list[dict[str, str]]:
    lines = (DATA / "seed_country_gold.csv").read_text(encoding="utf-8").splitlines()
    return list(csv.DictReader(line for line in lines if not line.startswith("#")))


def passages() -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """``(id, text, [(surface, country, kind), …])``; country "?" means ambiguous."""
    rows = []
    for line in (DATA / "country_passages.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if not line or line.startswith("#") or line.startswith("id\t"):
            continue
        ident, text, *rest = line.split("\t")
        expected = [
            tuple(item.strip().split("|")) for item in (rest[0] if rest else "").split(" ; ") if item.strip()
        ]
        rows.append((ident, text, expected))
    return rows
