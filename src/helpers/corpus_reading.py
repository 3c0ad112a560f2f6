"""Reading a corpus: a folder of ``.txt`` files, a JSONL file or a CSV file, in chunks.

The process that reads only cuts the input into :class:`Chunk` s (raw JSONL lines, file names); the
records are parsed by :func:`parse` where they are analysed, so that with several workers reading
is not a bottleneck. Bad records become :class:`Problem` s with their file and line.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from helpers.errors import InputError
from helpers.reading import decode_bytes


@dataclass(frozen=True)
class Record:
    """One article of a corpus, and where it came from."""

    id: str
    text: str
    source: str = ""
    date: str = ""
    file: str = ""
    line: int | None = None


@dataclass(frozen=True)
class Problem:
    """A record that was skipped, and why."""

    file: str
    line: int | None
    reason: str


@dataclass(frozen=True)
class Chunk:
    """Consecutive records of a corpus, as cut by the reading process: raw ``lines`` of a JSONL file
    (the first is line ``first``), names of ``.txt`` ``files``, or already parsed ``records`` (CSV,
    which can only be read in order)."""

    path: str
    first: int = 1
    lines: tuple[bytes, ...] = ()
    files: tuple[str, ...] = ()
    records: tuple[Record | Problem, ...] = ()

    def __len__(self) -> int:
        return len(self.lines) + len(self.files) + len(self.records)


def parse(chunk: Chunk) -> list[Record | Problem]:
    """The records (and problems) of a chunk, in order."""
    path = Path(chunk.path)
    out: list[Record | Problem] = list(chunk.records)
    for number, raw in enumerate(chunk.lines, start=chunk.first):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw.decode("utf-8-sig"))  # a BOM may open the file
        except UnicodeDecodeError:
            out.append(Problem(str(path), number, "undecodable bytes (not UTF-8)"))
        except json.JSONDecodeError as exc:
            out.append(Problem(str(path), number, f"invalid JSON ({exc.msg})"))
        else:
            out.append(_record(data, path, number))
    for name in chunk.files:
        file = Path(name)
        try:
            text, _ = decode_bytes(file.read_bytes(), file)
        except InputError as exc:
            out.append(Problem(name, None, exc.problem))
        else:
            out.append(Record(id=file.stem, text=text, source=file.parent.name, file=name))
    return out


def _jsonl(path: Path, size: int) -> Iterator[Chunk]:
    with path.open("rb") as fh:
        first = 1
        while lines := tuple(islice(fh, size)):
            yield Chunk(str(path), first, lines=lines)
            first += len(lines)


def _record(data: object, path: Path, number: int) -> Record | Problem:
    if not isinstance(data, dict):
        return Problem(str(path), number, "not an object with a text field")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        return Problem(str(path), number, "missing text")
    title = data.get("title")
    if isinstance(title, str) and title.strip() and not text.lstrip().startswith(title.strip()):
        text = f"{title.strip()}\n\n{text}"  # the title is the headline
    return Record(
        id=str(data.get("id") or f"{path.stem}:{number}"),
        text=text,
        source=str(data.get("source") or ""),
        date=str(data.get("date") or ""),
        file=str(path),
        line=number,
    )


def _csv(path: Path, text_column: str, size: int) -> Iterator[Chunk]:
    records = _csv_records(path, text_column)
    while batch := tuple(islice(records, size)):
        yield Chunk(str(path), records=batch)


def _csv_records(path: Path, text_column: str) -> Iterator[Record | Problem]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
        with handle:
            reader = csv.DictReader(handle)
            if text_column not in (reader.fieldnames or []):
                raise InputError(
                    path, f"has no column {text_column!r} (columns: {', '.join(reader.fieldnames or [])})"
                )
            for number, row in enumerate(reader, start=2):
                yield _record({**row, "text": row.get(text_column)}, path, number)
    except UnicodeDecodeError:
        raise InputError(path, "is not UTF-8 text") from None
    except csv.Error as exc:
        raise InputError(path, f"is not valid CSV ({exc})") from None


def _folder(path: Path, size: int) -> Iterator[Chunk]:
    files = (str(p) for p in sorted(path.rglob("*.txt")) if p.is_file())
    while names := tuple(islice(files, size)):
        yield Chunk(str(path), files=names)


def chunks(path: str | Path, text_column: str = "text", size: int = 256) -> Iterator[Chunk]:
    """The corpus at ``path`` cut into chunks of ``size`` records, lazily, in input order; an input that
    is not a corpus is an :class:`~helpers.errors.InputError` at once."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file or folder")
    if path.is_dir():
        return _folder(path, size)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return _jsonl(path, size)
    if suffix == ".csv":
        return _csv(path, text_column, size)
    raise InputError(path, "is not a corpus: give a folder of .txt files, a .jsonl file or a .csv file")


def read_corpus(path: str | Path, text_column: str = "text") -> Iterator[Record | Problem]:
    """Records (and problems) of a corpus, lazily, in input order."""
    return (item for chunk in chunks(path, text_column) for item in parse(chunk))
