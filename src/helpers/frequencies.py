"""Word frequencies of Arabic (wordfreq), normalized, and the disk cache for tables built from them."""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import pickle
import re
from collections.abc import Callable
from functools import cache
from importlib.metadata import version
from pathlib import Path

import wordfreq

from helpers.errors import InputError
from helpers.normalizing import normalize
from helpers.storage import atomic_write_bytes

PACKAGE = Path(__file__).parent
"""Where the ``sources`` of :func:`disk_cached` are looked for."""
BASE_SOURCES = ("frequencies.py", "normalizing.py", "chars.py")
"""The sources of the frequency table every cached table is built from: always part of the key."""


def disk_cached(name: str, build: Callable[[], object], *sources: str) -> object:
    """``build()``, kept in the user's cache folder between runs. The file name carries a digest of the
    ``sources`` (modules and resource files of this package, besides :data:`BASE_SOURCES`) and of the
    versions of the packages whose data goes in, so a stale file is never read; a read-only home just
    means building again, and a file that cannot be read is built again; the files of older sources
    are removed. ``build`` must be deterministic: the file is written once and read as is."""
    digest = hashlib.sha256()
    for source in dict.fromkeys((*BASE_SOURCES, *sources)):
        for path in sorted(PACKAGE.glob(source)):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    for dependency in ("wordfreq", "babel", "pycountry", "stopwordsiso", "polars"):
        digest.update(version(dependency).encode())
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "arabic-news-helpers"
    path = root / f"{name}-{digest.hexdigest()[:16]}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # missing, truncated or unreadable: built again below
        pass
    value = build()
    with contextlib.suppress(OSError, InputError):  # no cache folder to be had: nothing kept
        atomic_write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        for stale in root.glob(f"{name}-*.pickle"):  # the same table for sources that have changed since
            if stale != path and re.fullmatch(rf"{re.escape(name)}-[0-9a-f]{{16}}\.pickle", stale.name):
                stale.unlink(missing_ok=True)
    return value


def _build_frequencies() -> dict[str, float]:
    totals: dict[str, float] = {}
    for word, freq in wordfreq.get_frequency_dict("ar", wordlist="large").items():
        key = normalize(word)
        totals[key] = totals.get(key, 0.0) + freq
    values: dict[float, float] = {}  # equal values as one object, also once pickled and read back
    return {
        word: values.setdefault(value, value)
        for word, value in ((w, math.log10(f * 1e9)) for w, f in totals.items())
    }


@cache
def word_frequencies() -> dict[str, float]:
    """Zipf frequency of each normalized Arabic word, from wordfreq's large Arabic list.

    Spellings that normalize alike are summed (إيران + ايران). Built once (about 2 s) and kept in the
    user's cache folder, from where later processes load it in a fraction of that. Words of equal
    frequency share one value (30,000 values for 560,000 words): a look-up then writes to none of the
    pages that hold the words, which stay shared between the corpus workers that inherit them.
    """
    return disk_cached("lexicon", _build_frequencies)


def zipf(word: str) -> float:
    """Zipf frequency of a normalized word (0 when unknown); 6 is very common, 3 is rare.

    >>> zipf("وزير") > zipf("زير")
    True
    """
    return word_frequencies().get(word, 0.0)
