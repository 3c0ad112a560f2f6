"""The seed texts never change unnoticed."""

from __future__ import annotations

import csv
import hashlib

from .conftest import ROOT

SEEDS = ROOT / "seeds"


def test_manifest_matches_every_seed_file():
    with (SEEDS / "MANIFEST.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    listed = {row["file"] for row in rows}
    present = {p.name for p in SEEDS.glob("*.txt")}
    assert listed == present
    for row in rows:
        data = (SEEDS / row["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"], row["file"]
        assert len(data) == int(row["bytes"])
        assert row["language"] == "ar"
