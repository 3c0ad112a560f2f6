"""Reading an article file: detect the encoding, refuse bad input, split into paragraphs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
import pandas as pd
import polars as pl

from helpers.chars import encodable
from helpers.errors import InputError
from helpers.roles import assign_roles

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Files larger than this are refused unless ``max_bytes`` is raised (news articles are a few KB)."""

# Legacy encodings an Arabic news text may come in; charset-normalizer picks among them.
LEGACY_ARABIC_ENCODINGS = ["cp1256", "iso8859_6", "cp720", "cp864"]

_ARABIC_LETTER = re.compile(r"[\u0620-\u064A\u0671-\u06D3\u06FA-\u06FC\uFB50-\uFDFF\uFE70-\uFEFC]")
_HTML = re.compile(r"<\s*(!doctype|html|head|body|div|p|span|article|br)\b[^>]*>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]")


@dataclass(frozen=True)
class DecodedText:
    """The text of a file as the helpers use it, and how it was decoded."""

    path: Path
    text: str
    encoding: str


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


def decode_bytes(data: bytes, where: object = "<bytes>") -> tuple[str, str]:
    """Decode file bytes to clean text; return ``(text, encoding)``.

    UTF-8 (with or without BOM), UTF-16 (with or without BOM) and the legacy Arabic code pages
    (Windows-1256, ISO-8859-6, …) are recognised. Line ends become ``\\n`` and the text is NFC.
    Raises :class:`InputError` for empty or binary data.
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
    if text is None and b"\x00" not in data:
        best = charset_normalizer.from_bytes(data, cp_isolation=LEGACY_ARABIC_ENCODINGS).best()
        if best is not None:
            encoding, text = best.encoding, str(best)
    if text is None or len(_CONTROL.findall(text)) > max(2, len(text) // 200):
        raise InputError(where, "looks like binary data, not text (no text encoding fits)")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), encoding


def read_text(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> DecodedText:
    """Read and decode an article file, refusing anything that is not Arabic plain text."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, not a text file")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            path, f"is {size:,} bytes, over the limit of {max_bytes:,} bytes (pass max_bytes= to raise it)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from None
    text, encoding = decode_bytes(data, path)
    if _HTML.search(text[:20_000]):
        raise InputError(path, "looks like HTML; save the article as plain text first")
    if not _ARABIC_LETTER.search(text):
        raise InputError(path, "contains no Arabic letters")
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
    """The paragraphs of some articles (``(id, text)`` pairs), one after the other: each non-blank
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
    table = paragraph_frame([(article_id, text)]).to_pandas()
    table.attrs.update(attrs, article=article_id, text=text)
    return table


def read_article(
    path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, article_id: str | None = None
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
    decoded = read_text(path, max_bytes=max_bytes)
    return article_from_text(
        decoded.text, article_id or decoded.path.stem, path=str(decoded.path), encoding=decoded.encoding
    )
