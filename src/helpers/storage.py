"""Where outputs go, and writing them atomically (an interrupted run never leaves half a file)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The checkout the package is installed from (editable install)."""
DEFAULT_ARTICLE = PROJECT_ROOT / "seeds" / "000_df3f2a6da92eafe4.txt"
_UMASK = os.umask(0o022)
os.umask(_UMASK)


@contextmanager
def atomic_open(path: str | Path, mode: str = "w", **kwargs) -> Iterator[IO]:
    """Open a temporary file next to ``path`` for writing; it replaces ``path`` only when the block
    ends normally, and is removed when it does not, so ``path`` is never half written.

    >>> with atomic_open("/tmp/table.csv", encoding="utf-8") as fh:  # doctest: +SKIP
    ...     fh.write("a,b\n")
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes the file private; give it the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    with atomic_open(path, "wb") as handle:
        handle.write(data)
    return Path(path)


def table_to_csv(table: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV with ``\\n`` line ends and fixed float formatting (byte-stable)."""
    return table.to_csv(index=False, lineterminator="\n", float_format="%.6g").encode("utf-8")


def save_table(table: pd.DataFrame, name: str, root: str | Path = PROJECT_ROOT) -> Path:
    """Write ``table`` to ``ROOT/data/NAME.csv`` atomically and return the path."""
    return atomic_write_bytes(Path(root) / "data" / f"{name}.csv", table_to_csv(table))


@contextmanager
def staged_folder(final: str | Path) -> Iterator[Path]:
    """A new sibling folder to write a run's outputs into; it replaces ``final`` only when the block
    ends normally, so ``final`` holds the outputs of one whole run, never of two."""
    final = Path(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=final.parent, prefix=f".{final.name}.", suffix=".new"))
    try:
        yield staging
        os.chmod(staging, 0o777 & ~_UMASK)
        old = final.with_name(f".{final.name}.old")
        if final.exists():
            shutil.rmtree(old, ignore_errors=True)
            os.replace(final, old)
        os.replace(staging, final)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
