"""Reading: encodings are detected and reported, offsets are exact, bad input gets one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

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


def _read_in_a_subprocess(path: Path) -> str:
    """read_article in a child process with a time limit and 2 GB of memory: a hang or an unbounded
    read fails the test instead of the machine."""

    def limit_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    done = subprocess.run(
        [sys.executable, "-c", "import sys, helpers; helpers.read_article(sys.argv[1])", str(path)],
        capture_output=True, text=True, check=False, timeout=60, preexec_fn=limit_memory,
    )  # fmt: skip
    assert done.returncode != 0
    return done.stderr.strip().splitlines()[-1]


def test_a_named_pipe_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    message = _read_in_a_subprocess(fifo)  # first in a child process: reading it once hung forever
    assert message.endswith("is not a regular file (a named pipe, device or socket); save the text to a file")
    assert "not a regular file" in _error(fifo)


def test_a_device_is_refused_not_read_until_memory_runs_out():
    assert "not a regular file" in _read_in_a_subprocess(Path("/dev/zero"))
    assert "not a regular file" in _error(Path("/dev/zero"))


def test_a_symbolic_link_loop_is_one_line(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    assert "symbolic link loop" in _error(loop)


def test_the_limit_holds_when_the_size_on_disk_lies(tmp_path, monkeypatch):
    path = tmp_path / "growing.txt"
    path.write_text("إيران " * 1000, encoding="utf-8")
    real_stat = type(path).stat

    def small_stat(self, *args, **kwargs):
        info = real_stat(self, *args, **kwargs)
        return os.stat_result((*info[:6], 10, *info[7:]))  # st_size says 10 bytes

    monkeypatch.setattr(type(path), "stat", small_stat)
    message = _error(path, max_bytes=1000)
    assert "over the limit of 1,000 bytes" in message and "max_bytes=" in message


def test_the_command_line_hint_names_its_option(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("إيران " * 100_000, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "helpers", "report", str(path), "--max-mb", "0.5"],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert "over the limit of 524,288 bytes" in line and "--max-mb" in line and "max_bytes" not in line


def test_one_bad_byte_in_utf8_is_named_not_called_binary(tmp_path, seed_text):
    head = seed_text[:1500].encode("utf-8")
    data = head + b"\xff" + seed_text[1500:].encode("utf-8")
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    message = _error(path)
    assert "binary" not in message
    assert f"except at byte {len(head):,} (0xff), which is not valid UTF-8" in message


def test_nul_bytes_are_not_text(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes("إيران\x00 تعزز علاقاتها\n".encode() + b"\x00")
    article = helpers.read_article(path)
    assert "\x00" not in article.attrs["text"]
    assert list(article["text"]) == ["إيران تعزز علاقاتها"]


PERSIAN = "ایران و بلاروس روابط خود را گسترش می دهند. وزیر خارجه این کشور گفت که همکاری ها ادامه دارد و این یک گام مهم است."
URDU = "پاکستان کے وزیر اعظم نے کہا ہے کہ ملک میں امن اور ترقی کے لیے کام جاری ہے اور یہ ضروری ہے۔"
ENGLISH = (
    "The minister said on Monday that the talks with إيران had gone well and that more meetings would follow."
)


@pytest.mark.parametrize(
    ("text", "looks_like"),
    [(PERSIAN, "looks like Persian, not Arabic"), (URDU, "looks like Urdu, not Arabic"),
     (ENGLISH, "Latin script")],
)  # fmt: skip
def test_other_languages_are_refused_with_what_they_look_like(tmp_path, text, looks_like):
    path = tmp_path / "other.txt"
    path.write_text(text, encoding="utf-8")
    message = _error(path)
    assert looks_like in message and "check_language=False" in message
    assert len(helpers.read_article(path, check_language=False)) == 1


def test_visual_order_presentation_forms_are_refused(tmp_path, seed_text):
    from helpers.normalizing import normalize

    arabic_reshaper = pytest.importorskip("arabic_reshaper")
    shaped = arabic_reshaper.reshape(seed_text[:3000])
    logical = tmp_path / "logical.txt"
    logical.write_text(shaped, encoding="utf-8")
    assert normalize(helpers.read_article(logical).loc[0, "text"]).startswith("ايران")
    visual = tmp_path / "visual.txt"
    visual.write_text("\n".join(line[::-1] for line in shaped.splitlines()), encoding="utf-8")
    assert "visual order" in _error(visual)


def test_arabic_with_a_few_persian_letters_in_names_passes(tmp_path):
    path = tmp_path / "names.txt"
    path.write_text(
        "التقى الرئيس پوتين بنظيره في موسكو\nوقال المتحدث إن الرئيس پوتين ناقش مع الوزير چاوش أوغلو "
        "العلاقات الثنائية والتعاون في مجال الطاقة والاقتصاد.\n",
        encoding="utf-8",
    )
    assert len(helpers.read_article(path)) == 2


def test_the_command_line_can_force_the_language(tmp_path):
    path = tmp_path / "fa.txt"
    path.write_text(PERSIAN, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "helpers", "report", str(path)], capture_output=True, text=True, check=False,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert "looks like Persian" in line and "--any-language" in line
