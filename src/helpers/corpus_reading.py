"""Reading a corpus: a folder of ``.txt`` files, a JSONL file or a CSV file, in chunks.

The process that reads only cuts the input into :class:`Chunk` s (raw JSONL lines, file names); the
records are parsed by :func:`parse` where they are analysed, so that with several workers reading
is not a bottleneck. Bad records become :class:`Problem` s with their file and line (for a CSV, the
row number of the record as a spreadsheet shows it, header = row 1, whatever lines its fields span);
a bad record or an unreadable file never stops the run.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from helpers.chars import SURROGATES
from helpers.errors import InputError
from helpers.reading import decode_bytes, default_max_bytes, read_bounded


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
            text, _ = decode_bytes(read_bounded(file, command_line=True), file)  # the limit: --max-mb
        except InputError as exc:
            out.append(Problem(name, None, exc.problem))
        else:
            out.append(Record(id=_file_id(file, path), text=text, source=file.parent.name, file=name))
    return out


def _file_id(file: Path, folder: Path) -> str:
    """The id of a ``.txt`` file of a corpus folder: its path in the folder without the suffix, so
    ``a/x.txt`` and ``b/x.txt`` are ``a/x`` and ``b/x``."""
    try:
        return file.relative_to(folder).with_suffix("").as_posix()
    except ValueError:
        return file.stem


def _jsonl(path: Path, size: int) -> Iterator[Chunk]:
    with _open(path, "rb") as fh:
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
    record = Record(
        id=str(data.get("id") or f"{path.stem}:{number}"),
        text=text,
        source=str(data.get("source") or ""),
        date=str(data.get("date") or ""),
        file=str(path),
        line=number,
    )
    for field in ("id", "source", "text"):
        if SURROGATES.search(getattr(record, field)):
            return Problem(
                str(path),
                number,
                f"the {field} has a character that is not text (a lone surrogate such as \\ud800, or a byte that is not UTF-8)",
            )
    return record


def _csv(path: Path, text_column: str, size: int) -> Iterator[Chunk]:
    records = _csv_records(path, text_column)
    while batch := tuple(islice(records, size)):
        yield Chunk(str(path), records=batch)


def _csv_records(path: Path, text_column: str) -> Iterator[Record | Problem]:
    # a field may hold a whole article: allow any the size limit allows (the csv default is 128 KiB)
    csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, 2 * default_max_bytes())))
    # a byte that is not UTF-8 becomes a lone surrogate, so that only its record is refused
    with _open(path, "r", encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        reader = csv.DictReader(handle)
        try:
            fields = reader.fieldnames or []
        except csv.Error as exc:
            raise InputError(path, f"is not valid CSV ({exc})") from None
        if text_column not in fields:
            raise InputError(path, f"has no column {text_column!r} (columns: {', '.join(fields)})")
        row_number = 1  # the header
        while True:
            row_number += 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Problem(str(path), row_number, f"not valid CSV ({exc})")
                continue
            yield _record({**row, "text": row.get(text_column)}, path, row_number)


def _check_csv(path: Path, text_column: str) -> None:
    """Refuse at once, before any worker starts, a CSV that is not UTF-8 or lacks the text column."""
    with _open(path, "rb") as handle:
        head = handle.read(65_536)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not merely a character cut by the 64 KiB sample
            raise InputError(
                path, f"is not UTF-8 text (byte {exc.start:,} is not UTF-8); save it as UTF-8"
            ) from None
    next(_csv_records(path, text_column), None)


def _open(path: Path, mode: str, **kwargs):
    """``path.open``, with one clear line when the file cannot be read."""
    try:
        return path.open(mode, **kwargs)
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from None


def _folder(path: Path, size: int) -> Iterator[Chunk]:
    files = (str(p) for p in sorted(path.rglob("*")) if p.suffix.lower() == ".txt" and not p.is_dir())
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
        _open(path, "rb").close()  # an unreadable file fails here, with one line
        return _jsonl(path, size)
    if suffix == ".csv":
        _check_csv(path, text_column)
        return _csv(path, text_column, size)
    raise InputError(path, "is not a corpus: give a folder of .txt files, a .jsonl file or a .csv file")


def read_corpus(path: str | Path, text_column: str = "text") -> Iterator[Record | Problem]:
    """Records (and problems) of a corpus, lazily, in input order."""
    return (item for chunk in chunks(path, text_column) for item in parse(chunk))
