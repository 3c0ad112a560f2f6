"""Reading: encodings are detected and reported, offsets are exact, bad input gets one clear line."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest

import helpers
from helpers import InputError

from .conftest import SEED

SAMPLE = "عاجل: إيران تعزز علاقاتها مع بيلاروس\r\nقال الوزير إن التعاون سيتوسع.\r\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("cp1256"), "cp1256"),
    ],
)
def test_encodings_are_detected_and_reported(tmp_path, data, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    article = helpers.read_article(path)
    assert article.attrs["encoding"] == encoding
    assert article.attrs["text"] == SAMPLE.replace("\r\n", "\n")
    assert list(article["text"]) == [line for line in SAMPLE.split("\r\n") if line]


def test_windows_1256_article_of_realistic_length(tmp_path, seed_text):
    path = tmp_path / "legacy.txt"
    # cp1256 cannot encode the curly quotes the seed uses; replace them as an old site would.
    path.write_bytes(seed_text.replace("”", '"').replace("“", '"').replace("…", "...").encode("cp1256"))
    article = helpers.read_article(path)
    assert article.attrs["encoding"] == "cp1256"
    assert article.loc[0, "text"].startswith("إيران تتواصل مع بيلاروس")


def test_text_is_nfc(tmp_path):
    decomposed = unicodedata.normalize("NFD", "آمال وإيران")  # alef madda and hamza below decompose
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    path = tmp_path / "nfd.txt"
    path.write_text(decomposed, encoding="utf-8")
    assert helpers.read_article(path).loc[0, "text"] == "آمال وإيران"


def test_offsets_point_into_the_decoded_text(seed_article):
    text = seed_article.attrs["text"]
    for row in seed_article.itertuples():
        assert text[row.start : row.end] == row.text
    assert list(seed_article["paragraph"]) == list(range(1, len(seed_article) + 1))
    assert seed_article["article"].unique().tolist() == ["000_df3f2a6da92eafe4"]


def test_seed_article_is_read_as_published(seed_article):
    assert seed_article.attrs["encoding"] == "utf-8"
    assert seed_article.attrs["text"] == SEED.read_text(encoding="utf-8")
    assert len(seed_article) == 19


def _error(path, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        helpers.read_article(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def test_missing_file(tmp_path):
    assert "no such file" in _error(tmp_path / "nope.txt")


def test_directory(tmp_path):
    assert "directory" in _error(tmp_path)


@pytest.mark.parametrize("content", [b"", b"   \n\r\n  "])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert "empty" in _error(path)


def test_binary_data(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    assert "binary" in _error(path)


def test_random_bytes_without_nul_are_binary(tmp_path):
    import random

    rng = random.Random(1)
    path = tmp_path / "noise.bin"
    path.write_bytes(bytes(rng.randrange(1, 256) for _ in range(5000)))
    assert "binary" in _error(path)


def test_text_without_arabic(tmp_path):
    path = tmp_path / "english.txt"
    path.write_text("Iran and Belarus agree on a road map.\n", encoding="utf-8")
    assert "no Arabic letters" in _error(path)


def test_html(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<!DOCTYPE html><html><body><p>إيران</p></body></html>", encoding="utf-8")
    assert "HTML" in _error(path)


def test_size_limit_is_configurable(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("إيران " * 1000, encoding="utf-8")
    assert "over the limit" in _error(path, max_bytes=1000)
    assert len(helpers.read_article(path, max_bytes=100_000)) == 1


def test_errors_keep_the_input_untouched(tmp_path):
    path = tmp_path / "english.txt"
    path.write_bytes(b"no arabic here\r\n")
    _error(path)
    assert path.read_bytes() == b"no arabic here\r\n"


def test_notebook_shows_one_line_not_a_traceback(tmp_path):
    error = InputError(tmp_path / "x.txt", "the file is empty")
    assert error._render_traceback_() == [f"InputError: {tmp_path / 'x.txt'}: the file is empty"]


def test_command_line_error_is_one_line(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    done = subprocess.run(
        [sys.executable, "-m", "helpers", "report", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"error: {path}: the file is empty"]
