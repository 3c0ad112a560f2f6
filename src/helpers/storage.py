"""Writing outputs atomically: one file (never half written) or a folder of them (all of one run's
files appear together, or none do)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pandas as pd

from helpers.errors import InputError

_UMASK = os.umask(0o022)
os.umask(_UMASK)
STAGING_SUFFIX = ".staging"


@contextmanager
def atomic_open(path: str | Path, mode: str = "w", **kwargs) -> Iterator[IO]:
    r"""Open a temporary file next to ``path`` for writing; it replaces ``path`` only when the block
    ends normally, and is removed when it does not, so ``path`` is never half written.

    >>> with atomic_open("/tmp/table.csv", encoding="utf-8") as fh:  # doctest: +SKIP
    ...     fh.write("a,b\n")
    """
    path = Path(path)
    _make_folder(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes the file private; give it the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _make_folder(folder: Path) -> None:
    """``mkdir -p``, with one clear line when the folder or a folder above it is a regular file."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in [folder, *folder.parents] if p.exists() and not p.is_dir()), folder)
        if blocker == folder:
            raise InputError(folder, "is a file, not a folder") from None
        raise InputError(folder, f"cannot be created: {blocker} is a file, not a folder") from None


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back for the few renames that must happen together."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def staged_folders(
    finals: Mapping[str, str | Path],
    keep: Mapping[str, Iterable[str]] | None = None,
    parent: str | Path | None = None,
) -> Iterator[Path]:
    """Write several output folders as one: yield a temporary folder with one empty subfolder per
    name of ``finals``; when the block ends normally each subfolder replaces its final folder (the
    previous ones are kept until all are swapped in, then removed); on any error or interrupt the
    temporary folder is removed and the previous folders are left whole.

    ``keep`` names files of a previous folder to carry over (``{"data": ["README.md"]}``); ``parent``
    is where the temporary folder is made (default: next to the first final folder; it must be on the
    same file system as every final folder).

    >>> with staged_folders({"data": "out/data", "figures": "out/figures"}) as stage:  # doctest: +SKIP
    ...     save_table(table, "terms", root=stage)  # stage/data/terms.csv, out/data/terms.csv once done
    """
    targets = {name: Path(final) for name, final in finals.items()}
    for final in targets.values():
        _check_final(final)
    where = Path(parent) if parent is not None else next(iter(targets.values())).parent
    _make_folder(where)
    stage = Path(
        tempfile.mkdtemp(dir=where, prefix=f".{next(iter(targets.values())).name}.", suffix=STAGING_SUFFIX)
    )
    try:
        for name, final in targets.items():
            (stage / name).mkdir()
            _carry_over(final, stage / name, (keep or {}).get(name, ()))
        yield stage
        previous = stage / ".previous"
        previous.mkdir()
        _swap_in([(stage / name, final, previous / name) for name, final in targets.items()])
    finally:
        shutil.rmtree(stage, ignore_errors=True)


@contextmanager
def staged_folder(final: str | Path, keep: Iterable[str] = ()) -> Iterator[Path]:
    """One output folder written all together or not at all: yield a temporary sibling of ``final``
    to write into; when the block ends normally it replaces ``final`` with two renames (the previous
    folder is kept until then, and removed after), on any error or interrupt it is removed and
    ``final`` is left whole. ``keep`` names files of the previous folder to carry over.

    >>> with staged_folder("corpus-out") as folder:  # doctest: +SKIP
    ...     (folder / "terms.csv").write_text("term,count\\n")
    """
    final = Path(final)
    _check_final(final)
    stage = Path(tempfile.mkdtemp(dir=final.parent, prefix=f".{final.name}.", suffix=STAGING_SUFFIX))
    previous = stage.with_suffix(".previous")
    try:
        _carry_over(final, stage, keep)
        yield stage
        _swap_in([(stage, final, previous)])
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        shutil.rmtree(previous, ignore_errors=True)


def _check_final(final: Path) -> None:
    if final.exists() and not final.is_dir():
        raise InputError(final, "is a file, not a folder")
    _make_folder(final.parent)


def _carry_over(final: Path, stage: Path, names: Iterable[str]) -> None:
    for name in names:
        if (final / name).is_file():
            shutil.copy2(final / name, stage / name)


def _swap_in(moves: list[tuple[Path, Path, Path]]) -> None:
    """For each ``(staged, final, previous)``: move ``final`` aside to ``previous`` and ``staged`` to
    ``final``, with Ctrl-C and SIGTERM held back; should a rename fail, the folders already swapped are
    put back. The caller removes what is left at ``staged`` and ``previous``."""
    done: list[tuple[Path, Path, Path, bool]] = []
    with _signals_held():
        try:
            for staged, final, previous in moves:
                os.chmod(staged, 0o777 & ~_UMASK)  # mkdtemp makes the folder private
                had = final.exists()
                if had:
                    os.rename(final, previous)
                done.append((staged, final, previous, had))
                os.rename(staged, final)
        except BaseException:
            for staged, final, previous, had in reversed(done):
                with contextlib.suppress(OSError):
                    if not staged.exists() and final.exists():
                        os.rename(final, staged)
                    if had:
                        os.rename(previous, final)
            raise


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    with atomic_open(path, "wb") as handle:
        handle.write(data)
    return Path(path)


def save_table(table: pd.DataFrame, name: str, root: str | Path = ".") -> Path:
    """Write ``table`` to ``ROOT/data/NAME.csv`` atomically and return the path (``root``: the current
    folder unless given), as UTF-8 with ``\\n`` line ends and fixed float formatting (byte-stable)."""
    data = table.to_csv(index=False, lineterminator="\n", float_format="%.6g").encode("utf-8")
    return atomic_write_bytes(Path(root) / "data" / f"{name}.csv", data)
