"""Corpus runs: input formats, bad records, atomic outputs, consistency with the article functions,
identical results on every engine."""

from __future__ import annotations

import ast
import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import helpers
from helpers import corpus, tokens, words
from helpers.corpus import run_corpus
from helpers.corpus_reading import Problem, Record, chunks, parse, read_corpus
from helpers.errors import InputError
from helpers.reading import article_from_text
from helpers.synthetic import synthetic_articles, write_jsonl

from .conftest import SEED, TEST_DATA
from .country_gold import passages


def _read(path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "synthetic.jsonl"
    return write_jsonl(path, 60, seed=2)


def test_jsonl_bad_records_are_reported_with_file_and_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps(
        {"id": "a1", "text": "عنوان\n\nزار الوزير طهران.", "source": "test"}, ensure_ascii=False
    )
    path.write_bytes(
        (good + "\n{not json}\n" + json.dumps({"id": "a3"}) + "\n\n").encode() + b'{"text": "\xff\xfe"}\n'
    )
    items = list(read_corpus(path))
    assert [type(i) for i in items] == [Record, Problem, Problem, Problem]
    assert [(p.line, p.reason.split(" (")[0]) for p in items[1:]] == [
        (2, "invalid JSON"), (3, "missing text"), (5, "undecodable bytes"),
    ]  # fmt: skip
    assert all(p.file == str(path) for p in items[1:])


def test_folder_of_txt_with_legacy_encoding_and_a_binary_file(tmp_path):
    (tmp_path / "a.txt").write_text("إيران\nزار الوزير طهران.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("العراق\nزار الوزير بغداد.".encode("cp1256"))
    (tmp_path / "c.txt").write_bytes(bytes(range(256)) * 4)
    items = list(read_corpus(tmp_path))
    assert [i.id for i in items if isinstance(i, Record)] == ["a", "b"]
    assert [i.reason for i in items if isinstance(i, Problem)] == [
        "looks like binary data, not text (no text encoding fits)"
    ]


def test_csv_with_a_text_column(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text("id,body\n1,إيران وروسيا\n2,\n", encoding="utf-8")
    items = list(read_corpus(path, text_column="body"))
    assert isinstance(items[0], Record) and items[0].text == "إيران وروسيا"
    assert isinstance(items[1], Problem) and items[1].line == 3
    with pytest.raises(InputError, match="no column 'text'"):
        list(read_corpus(path))


def test_unsupported_input_is_one_clear_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_corpus(tmp_path / "missing.jsonl")
    (tmp_path / "x.parquet").write_bytes(b"PAR1")
    with pytest.raises(InputError, match="not a corpus"):
        read_corpus(tmp_path / "x.parquet")
    done = subprocess.run(
        [sys.executable, "-m", "helpers", "corpus", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and done.stderr.strip().count("\n") == 0


def test_corpus_counts_equal_the_article_functions(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (SEED, TEST_DATA / "second_article.txt"):
        shutil.copy(name, folder / name.name)
    summary = run_corpus(folder, tmp_path / "out", log=lambda m: None)
    assert (summary.read, summary.analysed, summary.skipped) == (2, 2, 0)
    expected_terms, expected_countries = {}, {}
    for name in (SEED, TEST_DATA / "second_article.txt"):
        article = helpers.read_article(name)
        for row in helpers.term_frequencies(article).itertuples():
            expected_terms[row.term] = expected_terms.get(row.term, 0) + row.count
        for row in helpers.country_counts(helpers.find_country_mentions(article)).itertuples():
            expected_countries[row.country] = expected_countries.get(row.country, 0) + row.mentions
    assert {r["term"]: int(r["count"]) for r in _read(tmp_path / "out" / "terms.csv")} == expected_terms
    assert {r["country"]: int(r["mentions"]) for r in _read(tmp_path / "out" / "country_counts.csv")} == (
        expected_countries
    )
    articles = {r["id"]: r for r in _read(tmp_path / "out" / "articles.csv")}
    assert articles["000_df3f2a6da92eafe4"]["top_country"] == "IRN"
    assert float(articles["000_df3f2a6da92eafe4"]["arabic_share"]) > 0.95


def test_corpus_mentions_equal_the_article_functions_on_every_trap_passage(tmp_path):
    """The corpus path finds mentions its own fast way (candidates first, context only around
    homographs): on the hand-made trap passages and two whole articles it must agree with
    find_country_mentions article by article, co-mentions included."""
    texts = {ident: text for ident, text, _ in passages()}
    for name in (SEED, TEST_DATA / "second_article.txt"):
        texts[name.stem] = helpers.read_article(name).attrs["text"]
    path = tmp_path / "traps.jsonl"
    path.write_text(
        "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in texts.items()),
        encoding="utf-8",
    )
    run_corpus(path, tmp_path / "out", log=lambda m: None)
    expected, pairs = {}, {}
    for ident, text in texts.items():
        mentions = helpers.find_country_mentions(article_from_text(text, ident))
        for row in helpers.country_counts(mentions).itertuples():
            expected[(ident, row.country)] = row.mentions
        for row in helpers.co_mentions(mentions).itertuples():
            pairs[(row.first, row.second)] = pairs.get((row.first, row.second), 0) + row.count
    by_article = _read(tmp_path / "out" / "country_counts_by_article.csv")
    assert {(r["article"], r["country"]): int(r["mentions"]) for r in by_article} == expected
    assert len({ident for ident, _ in expected}) > 30  # most passages do name countries
    co = _read(tmp_path / "out" / "co_mentions.csv")
    assert {(r["first"], r["second"]): int(r["count"]) for r in co} == pairs


def test_arabic_share_is_the_share_of_words_written_in_arabic(tmp_path):
    path = tmp_path / "mixed.jsonl"
    text = "عنوان الخبر\n\nقال المتحدث إن the deal was signed في 2024 بحضور الوزير."
    path.write_text(json.dumps({"id": "m", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    run_corpus(path, tmp_path / "out", log=lambda m: None)
    (row,) = _read(tmp_path / "out" / "articles.csv")
    # words: عنوان الخبر قال المتحدث إن the deal was signed في بحضور الوزير (numbers are not words)
    assert int(row["tokens"]) == 12 and float(row["arabic_share"]) == round(8 / 12, 4)


def test_line_numbers_run_on_across_chunks(tmp_path):
    path = tmp_path / "lines.jsonl"
    lines = [json.dumps({"id": f"a{i}", "text": "زار الوزير طهران."}, ensure_ascii=False) for i in range(5)]
    lines[3] = "{broken"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = [item for chunk in chunks(path, size=2) for item in parse(chunk)]
    assert [i.line for i in items] == [1, 2, 3, 4, 5]
    assert isinstance(items[3], Problem) and items[3].reason.startswith("invalid JSON")
    assert [i.line for i in read_corpus(path) if isinstance(i, Record)] == [1, 2, 3, 5]


def _outputs(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_two_workers_give_identical_tables(small_corpus, tmp_path):
    run_corpus(small_corpus, tmp_path / "one", workers=1, log=lambda m: None)
    run_corpus(small_corpus, tmp_path / "two", workers=2, log=lambda m: None)
    assert _outputs(tmp_path / "one") == _outputs(tmp_path / "two")
    summary = json.loads((tmp_path / "one" / "summary.json").read_text())
    assert summary["analysed"] == 60 and summary["skipped"] == 0


def test_a_small_word_cache_gives_identical_tables(small_corpus, tmp_path, monkeypatch):
    """A worker forgets the words it analysed when it has too many (memory stays bounded); the
    counts must not change."""
    run_corpus(small_corpus, tmp_path / "default", log=lambda m: None)
    monkeypatch.setattr(words, "WORDS", words.WordTable(limit=300))
    monkeypatch.setattr(tokens, "WORDS", words.WORDS)
    monkeypatch.setattr(corpus, "BATCH", 4)
    run_corpus(small_corpus, tmp_path / "small", log=lambda m: None)
    assert 0 < len(tokens.WORDS) < 1000  # it did forget
    assert _outputs(tmp_path / "default") == _outputs(tmp_path / "small")


def test_counts_added_up_as_they_come_give_identical_tables(small_corpus, tmp_path, monkeypatch):
    """The writing process adds the chunks' counts up as they come and writes the mentions out in
    row groups (its memory stays bounded); the tables must not change."""
    run_corpus(small_corpus, tmp_path / "default", log=lambda m: None)
    monkeypatch.setattr(corpus, "BATCH", 4)
    monkeypatch.setattr(corpus, "COMPACT", 10)
    monkeypatch.setattr(corpus, "ROW_GROUP", 7)
    run_corpus(small_corpus, tmp_path / "small", log=lambda m: None)
    default, small = _outputs(tmp_path / "default"), _outputs(tmp_path / "small")
    assert default.pop("mentions.parquet") != small.pop("mentions.parquet")  # in row groups of 7
    assert default == small
    mentions = pq.ParquetFile(tmp_path / "small" / "mentions.parquet")
    assert mentions.metadata.num_row_groups > 1  # it was written as it came
    assert pd.read_parquet(tmp_path / "small" / "mentions.parquet").equals(
        pd.read_parquet(tmp_path / "default" / "mentions.parquet")
    )


@pytest.mark.slow
def test_dask_local_cluster_gives_identical_tables(small_corpus, tmp_path):
    pytest.importorskip("dask.distributed")
    run_corpus(small_corpus, tmp_path / "local", log=lambda m: None)
    run_corpus(small_corpus, tmp_path / "dask", engine="dask", workers=2, log=lambda m: None)
    assert _outputs(tmp_path / "local") == _outputs(tmp_path / "dask")


def test_an_interrupted_run_leaves_the_previous_tables_whole(small_corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run_corpus(small_corpus, out, log=lambda m: None)
    before = _outputs(out)
    calls = {"n": 0}
    real = corpus.analyse_records

    def failing(records):
        calls["n"] += 1
        if calls["n"] == 5:  # after four batches' rows were written
            raise KeyboardInterrupt
        return real(records)

    monkeypatch.setattr(corpus, "BATCH", 4)
    monkeypatch.setattr(corpus, "analyse_records", failing)
    with pytest.raises(KeyboardInterrupt):
        run_corpus(small_corpus, out, log=lambda m: None)
    assert _outputs(out) == before  # no half-written table, no temporary file left behind


def test_generator_is_deterministic():
    first = [r["text"] for r in synthetic_articles(5, seed=4)]
    assert first == [r["text"] for r in synthetic_articles(5, seed=4)]
    assert first != [r["text"] for r in synthetic_articles(5, seed=5)]


def test_an_empty_corpus_is_an_error_and_keeps_the_previous_tables(small_corpus, tmp_path):
    out = tmp_path / "out"
    run_corpus(small_corpus, out, log=lambda m: None)
    before = _outputs(out)
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"\n\n")
    with pytest.raises(InputError, match="contains no records"):
        run_corpus(empty, out, log=lambda m: None)
    assert _outputs(out) == before


def test_a_byte_order_mark_does_not_cost_the_first_record(tmp_path):
    path = tmp_path / "bom.jsonl"
    line = json.dumps({"id": "a", "text": "زار الوزير طهران."}, ensure_ascii=False)
    path.write_bytes(
        b"\xef\xbb\xbf" + line.encode() + b"\r\n" + line.replace('"a"', '"b"').encode() + b"\r\n"
    )
    assert [r.id for r in read_corpus(path)] == ["a", "b"]


def test_out_must_be_a_folder(small_corpus, tmp_path):
    target = tmp_path / "file.csv"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="not a folder"):
        run_corpus(small_corpus, target, log=lambda m: None)
    assert target.read_text(encoding="utf-8") == "keep me"


def test_out_with_files_of_the_user_is_refused_and_left_alone(small_corpus, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "my notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="not a corpus run's tables"):
        run_corpus(small_corpus, out, log=lambda m: None)
    assert [p.name for p in out.iterdir()] == ["my notes.txt"]


def test_a_corpus_of_bad_records_only_is_an_error_and_keeps_the_previous_tables(small_corpus, tmp_path):
    out = tmp_path / "out"
    run_corpus(small_corpus, out, log=lambda m: None)
    before = _outputs(out)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{not json}\n{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="no readable record"):
        run_corpus(bad, out, log=lambda m: None)
    assert _outputs(out) == before
    done = subprocess.run(
        [sys.executable, "-m", "helpers", "corpus", str(bad), "--out", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "no readable record" in done.stderr.strip().splitlines()[-1]


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="thread names are read from /proc")
def test_the_process_workers_are_forked_from_has_no_dataframe_threads():
    """The corpus workers are forked from a process that imported ``helpers.corpus_preload``: a thread
    of the dataframe engine there would be missing in every worker, which would then wait forever."""
    code = (
        "import os, helpers.corpus_preload\n"
        "from helpers.frequencies import word_frequencies\n"
        "assert len(word_frequencies()) > 100_000\n"
        "print([open(f'/proc/self/task/{t}/comm').read().strip() for t in os.listdir('/proc/self/task')])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    threads = ast.literal_eval(done.stdout)
    assert "python" in threads
    assert not [name for name in threads if re.fullmatch(r"polars-\d+", name)]  # its pool: polars-0 …
