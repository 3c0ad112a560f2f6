"""Reading an article file: detect the encoding, refuse bad input, split into paragraphs."""

from __future__ import annotations

import errno
import itertools
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import charset_normalizer
import pandas as pd
import polars as pl

from helpers import chars
from helpers.chars import encodable
from helpers.errors import InputError
from helpers.roles import assign_roles

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Files larger than this are refused unless ``max_bytes`` is raised (news articles are a few KB)."""
MAX_MB_VARIABLE = "HELPERS_MAX_MB"
"""Environment variable that, when set, replaces the default size limit (in MiB); ``python -m helpers
report --max-mb`` sets it for the notebooks' kernels."""
LANGUAGE_CHECK_VARIABLE = "HELPERS_LANGUAGE_CHECK"
"""Environment variable: ``0`` switches the language check off by default (``--any-language`` sets it)."""

# Legacy encodings an Arabic news text may come in; charset-normalizer picks among them.
LEGACY_ARABIC_ENCODINGS = ["cp1256", "iso8859_6", "cp720", "cp864"]

_ARABIC_LETTER = re.compile(f"[{chars.LETTER}]")
_ARABIC_WORD = re.compile(f"[{chars.PLAIN_LETTER}]+")
_LATIN_LETTER = re.compile(f"[{chars.LATIN}]")
_PRESENTATION_LETTERS = re.compile(f"[{chars.PRESENTATION_LETTER}]{{2,}}")
_HTML = re.compile(r"<\s*(!doctype|html|head|body|div|p|span|article|br)\b[^>]*>", re.IGNORECASE)
_CONTROL = re.compile(f"[{chars.CONTROL}]")
_NOT_REGULAR = "is not a regular file (a named pipe, device or socket); save the text to a file"

MIN_ARABIC_SHARE = 0.5
"""Below this share of Arabic among its letters, a text is mostly in another script (English …)."""
MIN_OTHER_LANGUAGE_SHARE = 0.05
"""From this share of its words on (and at least three), a text whose words are function words of
another language in ``resources/language_cues.csv`` is taken for that language. Arabic news reaches
0.8% (در or با in a name), Persian and Urdu prose 20% and more."""
MIN_OTHER_LETTER_SHARE = 0.3
"""From this share of its words on, a text whose words are spelled with letters of another language
(پ چ ژ گ for Persian, ے ں ہ for Urdu) is taken for that language; names with such letters are
common in Arabic news, whole texts of them are not."""


@dataclass(frozen=True)
class DecodedText:
    """The text of a file as the helpers use it, and how it was decoded."""

    path: Path
    text: str
    encoding: str


def _hint(command_line: bool, option: str, flag: str, purpose: str) -> str:
    return f"{'use ' + flag if command_line else 'pass ' + option} to {purpose}"


def default_max_bytes() -> int:
    """The size limit: ``HELPERS_MAX_MB`` MiB when that variable is set, else 20 MiB."""
    value = os.environ.get(MAX_MB_VARIABLE)
    try:
        return int(float(value) * 1024 * 1024) if value else DEFAULT_MAX_BYTES
    except ValueError:
        raise InputError(MAX_MB_VARIABLE, f"must be a number of megabytes, not {value!r}") from None


def read_bounded(path: str | Path, max_bytes: int | None = None, command_line: bool = False) -> bytes:
    """The bytes of a regular file, refusing anything else (folders, named pipes, devices, symbolic
    link loops) and anything over ``max_bytes``. At most ``max_bytes + 1`` bytes are read, so the
    limit holds even for a file whose size is not what ``stat`` says (``/proc``, a growing file).
    """
    path = Path(path)
    limit = default_max_bytes() if max_bytes is None else max_bytes
    too_big = _hint(command_line, "max_bytes=", "--max-mb", "raise it")
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(path, "is a directory, not a text file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, _NOT_REGULAR)
        if info.st_size > limit:
            raise InputError(
                path, f"is {info.st_size:,} bytes, over the limit of {limit:,} bytes ({too_big})"
            )
        # O_NONBLOCK: should the path have become a named pipe since, opening it does not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise InputError(path, _NOT_REGULAR)
            data = handle.read(limit + 1)
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise InputError(path, "no such file") from None
        if exc.errno == errno.ELOOP:
            raise InputError(path, "is a symbolic link loop (a link that points back to itself)") from None
        raise InputError(path, f"cannot be read ({exc.strerror})") from None
    if len(data) > limit:
        raise InputError(path, f"is over the limit of {limit:,} bytes ({too_big})")
    return data


def _looks_like_utf16(data: bytes) -> str | None:
    """Return 'utf-16-le'/'utf-16-be' for BOM-less UTF-16 (many NUL bytes on one side)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    share = max(even.count(0), odd.count(0)) / (len(data) / 2)
    if share < 0.2:
        # Arabic letters in UTF-16 are 0x06xx: look for that high byte instead of NULs.
        share = max(even.count(6), odd.count(6)) / (len(data) / 2)
        if share < 0.5:
            return None
        return "utf-16-be" if even.count(6) > odd.count(6) else "utf-16-le"
    return "utf-16-le" if odd.count(0) > even.count(0) else "utf-16-be"


def _invalid_utf8(data: bytes, most: int = 3) -> list[int] | None:
    """Offsets of the bytes that are not valid UTF-8 when there are at most ``most`` of them (the file
    is UTF-8 text with a few damaged bytes), else None (another encoding, or binary data)."""
    offsets: list[int] = []
    position = 0
    while True:
        try:
            data[position:].decode("utf-8")
        except UnicodeDecodeError as exc:
            if len(offsets) == most:
                return None
            offsets.append(position + exc.start)
            position += exc.end
        else:
            return offsets


def decode_bytes(data: bytes, where: object = "<bytes>") -> tuple[str, str]:
    """Decode file bytes to clean text; return ``(text, encoding)``.

    UTF-8 (with or without BOM), UTF-16 (with or without BOM) and the legacy Arabic code pages
    (Windows-1256, ISO-8859-6, …) are recognised. Line ends become ``\\n``, NUL characters are
    removed and the text is NFC. Raises :class:`InputError` for empty or binary data, and for UTF-8
    with a few invalid bytes, naming their offsets.
    """
    if not data.strip():
        raise InputError(where, "the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = _looks_like_utf16(data) or "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text = None
    if text is None and encoding.startswith("utf-8"):
        bad = _invalid_utf8(data)
        if bad:
            where_bad = ", ".join(f"{offset:,} (0x{data[offset]:02x})" for offset in bad)
            raise InputError(
                where,
                f"is UTF-8 text except at byte{'s' if len(bad) > 1 else ''} {where_bad}, "
                f"which {'are' if len(bad) > 1 else 'is'} not valid UTF-8; fix "
                f"{'them' if len(bad) > 1 else 'it'} or save the file again as UTF-8",
            )
    if text is None and b"\x00" not in data:
        best = charset_normalizer.from_bytes(data, cp_isolation=LEGACY_ARABIC_ENCODINGS).best()
        if best is not None:
            encoding, text = best.encoding, str(best)
    if text is not None:
        text = text.replace("\x00", "")  # NUL padding is not text
    if text is None or len(_CONTROL.findall(text)) > max(2, len(text) // 200):
        raise InputError(where, "looks like binary data, not text (no text encoding fits)")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), encoding


@cache
def language_cues() -> dict[str, tuple[frozenset[str], str]]:
    """Per language other than Arabic, its cue words and cue letters (``resources/language_cues.csv``)."""
    with resources.files("helpers").joinpath("resources/language_cues.csv").open(encoding="utf-8") as fh:
        table = pd.read_csv(fh, dtype=str, keep_default_na=False)
    return {
        language: (
            frozenset(cues.loc[cues["kind"] == "word", "cue"]),
            "".join(cues.loc[cues["kind"] != "word", "cue"]),
        )
        for language, cues in table.groupby("language", sort=False)
    }


def _form(char: str) -> str:
    """``initial``, ``medial``, ``final`` or ``isolated`` for an Arabic presentation form."""
    name = unicodedata.name(char, "")
    return name.rsplit(" ", 2)[-2].lower() if name.endswith(" FORM") else ""


def _visual_order(text: str) -> bool:
    """Presentation forms stored in visual order (as some PDFs give them): joined letters run final →
    medial → initial instead of initial → medial → final."""
    logical = reversed_ = 0
    sample = text[:200_000]
    for match in _PRESENTATION_LETTERS.finditer(sample):
        forms = [_form(c) for c in match.group()]
        for first, second in itertools.pairwise(forms):
            logical += first in ("initial", "medial") and second in ("medial", "final")
            reversed_ += first in ("final", "medial") and second in ("medial", "initial")
    return reversed_ >= 3 and reversed_ > 2 * logical


def language_problem(text: str) -> str | None:
    """What the text looks like when it is not Arabic in logical order, or None.

    >>> language_problem("این یک متن فارسی است که برای آزمایش نوشته شده است")
    'looks like Persian, not Arabic (7 of its 11 words are Persian function words and 0 have Persian letters: این، یک، است)'
    """
    sample = text[:200_000]
    arabic = len(_ARABIC_LETTER.findall(sample))
    latin = len(_LATIN_LETTER.findall(sample))
    if arabic < MIN_ARABIC_SHARE * (arabic + latin):
        share = arabic / (arabic + latin)
        return f"looks like text in Latin script (English?), not Arabic: only {share:.0%} of its letters are Arabic"
    if _visual_order(text):
        return "looks like Arabic in visual order (letters reversed, as copied from some PDFs), not readable text"
    words = _ARABIC_WORD.findall(sample)
    for language, (cue_words, cue_letters) in language_cues().items():
        said = [w for w in words if w in cue_words]
        spelled = [w for w in words if cue_letters and any(c in cue_letters for c in w)]
        # function words are the evidence; letters alone only when they are everywhere (names with
        # Persian letters are common in Arabic news)
        if (len(said) >= 3 and len(said) >= MIN_OTHER_LANGUAGE_SHARE * len(words)) or (
            len(spelled) >= 3 and len(spelled) >= MIN_OTHER_LETTER_SHARE * len(words)
        ):
            shown = "، ".join(sorted(set(said or spelled), key=(said or spelled).index)[:3])
            return (
                f"looks like {language}, not Arabic ({len(said)} of its {len(words)} words are {language} "
                f"function words and {len(spelled)} have {language} letters: {shown})"
            )
    return None


def read_text(
    path: str | Path,
    max_bytes: int | None = None,
    check_language: bool | None = None,
    command_line: bool = False,
) -> DecodedText:
    """Read and decode an article file, refusing anything that is not Arabic plain text.

    ``max_bytes`` (default 20 MiB, or ``HELPERS_MAX_MB``) limits the size. ``check_language`` (default
    on, off when ``HELPERS_LANGUAGE_CHECK=0``) refuses Persian, Urdu, mostly non-Arabic text and
    Arabic in visual order; ``check_language=False`` reads them anyway. ``command_line`` words the
    hints in the errors for ``python -m helpers`` (``--max-mb``) instead of Python (``max_bytes=``).
    """
    path = Path(path)
    data = read_bounded(path, max_bytes, command_line)
    text, encoding = decode_bytes(data, path)
    if _HTML.search(text[:20_000]):
        raise InputError(path, "looks like HTML; save the article as plain text first")
    if not _ARABIC_LETTER.search(text):
        raise InputError(path, "contains no Arabic letters")
    if check_language is None:
        check_language = os.environ.get(LANGUAGE_CHECK_VARIABLE, "1") != "0"
    if check_language and (problem := language_problem(text)):
        force = _hint(command_line, "check_language=False", "--any-language", "read it anyway")
        raise InputError(path, f"{problem}; {force}")
    return DecodedText(path=path, text=text, encoding=encoding)


PARAGRAPH_SCHEMA = {
    "article": pl.String,
    "paragraph": pl.Int32,
    "role": pl.String,
    "start": pl.Int64,
    "end": pl.Int64,
    "text": pl.String,
}
"""One row per paragraph: what the analysis (:func:`helpers.analysis.analyse`) is built from."""


def paragraph_frame(articles: list[tuple[str, str]]) -> pl.DataFrame:
    r"""The paragraphs of some articles (``(id, text)`` pairs), one after the other: each non-blank
    line without the spaces around it, with its offsets into its article's text and its role.

    >>> paragraph_frame([("a", "عنوان الخبر\n\n  نص الخبر. ")]).select("paragraph", "start", "end", "text").rows()
    [(1, 0, 11, 'عنوان الخبر'), (2, 15, 24, 'نص الخبر.')]
    """
    frame = pl.DataFrame(
        {"article": [encodable(a) for a, _ in articles], "line": [encodable(t) for _, t in articles]},
        schema={"article": pl.String, "line": pl.String},
    )
    lines = frame.with_columns(pl.col("line").str.split("\n")).explode("line")
    step = pl.col("line").str.len_chars().cast(pl.Int64) + 1
    before = step.cum_sum() - step
    first = (pl.col("article") != pl.col("article").shift(1)).fill_null(True) | (pl.int_range(pl.len()) == 0)
    lead = pl.col("line").str.len_chars() - pl.col("line").str.strip_chars_start().str.len_chars()
    lines = lines.select(
        "article",
        text=pl.col("line").str.strip_chars(),
        start=(before - pl.when(first).then(before).forward_fill() + lead).cast(pl.Int64),
    ).filter(pl.col("text") != "")
    lines = lines.with_columns(
        paragraph=pl.int_range(1, pl.len() + 1, dtype=pl.Int32).over("article"),
        end=pl.col("start") + pl.col("text").str.len_chars().cast(pl.Int64),
    )
    return lines.with_columns(role=assign_roles(lines)).select(list(PARAGRAPH_SCHEMA))


def article_from_text(text: str, article_id: str, **attrs: object) -> pd.DataFrame:
    """The paragraph table of an already decoded text (see :func:`read_article`)."""
    columns = ["article", "paragraph", "role", "text", "start", "end"]
    table = paragraph_frame([(article_id, text)]).select(columns).cast({"paragraph": pl.Int64}).to_pandas()
    table.attrs.update(attrs, article=article_id, text=text)
    return table


def read_article(
    path: str | Path,
    max_bytes: int | None = None,
    article_id: str | None = None,
    check_language: bool | None = None,
) -> pd.DataFrame:
    """Load an article file as a table with one row per paragraph.

    Columns: ``article`` (id, by default the file name without extension), ``paragraph`` (1-based),
    ``role`` (headline, body, subheading, caption, related, boilerplate), ``text``, and ``start``/``end``,
    character offsets into the decoded text, which is kept in ``table.attrs["text"]`` together with
    ``attrs["encoding"]`` and ``attrs["path"]``.

    >>> article = read_article("seeds/000_df3f2a6da92eafe4.txt")  # doctest: +SKIP
    >>> article.loc[0, "role"], article.loc[0, "text"][:5]         # doctest: +SKIP
    ('headline', 'إيران')
    """
    decoded = read_text(path, max_bytes=max_bytes, check_language=check_language)
    return article_from_text(
        decoded.text, article_id or decoded.path.stem, path=str(decoded.path), encoding=decoded.encoding
    )
