from __future__ import annotations

from pathlib import Path

import pytest

import helpers

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_df3f2a6da92eafe4.txt"
TEST_DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="session")
def seed_article():
    return helpers.read_article(SEED)


@pytest.fixture(scope="session")
def seed_text(seed_article) -> str:
    return seed_article.attrs["text"]
