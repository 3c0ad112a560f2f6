"""Never hang, never mix two runs: errors across processes, corpus reading that goes on past bad
records, output folders written all together or not at all, one line for every failure."""

from __future__ import annotations

import csv
import errno
import json
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import helpers
from helpers import InputError
from helpers.corpus_reading import Problem, Record, read_corpus
from helpers.report import ReportError
from helpers.storage import staged_folder

ARTICLE = "قال الوزير إن إيران وروسيا تعاونتا في مجال الطاقة والاقتصاد."


def _cli(*args: str, cwd: Path | None = None, timeout: float = 90) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpers", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        cwd=cwd,
    )


# 1. errors cross process boundaries intact


@pytest.mark.parametrize(
    "error", [InputError("a.csv", "has no column 'x'"), ReportError("01.ipynb, cell 3: boom")]
)
def test_errors_pickle_with_their_fields(error):
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and str(again) == str(error)
    if isinstance(error, InputError):
        assert (again.where, again.problem) == ("a.csv", "has no column 'x'")


def _write_csv(path: Path, rows: list[tuple[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text"])
        writer.writerows(rows)
    return path


def test_a_wrong_column_with_two_workers_is_one_line_not_a_hang(tmp_path):
    corpus = _write_csv(tmp_path / "c.csv", [("1", ARTICLE)])
    done = _cli(
        "corpus", str(corpus), "--text-column", "WRONG", "--workers", "2", "--out", str(tmp_path / "out")
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"error: {corpus}: has no column 'WRONG' (columns: id, text)"]


def test_a_csv_that_is_not_utf8_is_one_line_with_two_workers(tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_bytes(f"id,text\n1,{ARTICLE}\n".encode("cp1256"))
    done = _cli("corpus", str(corpus), "--workers", "2", "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert "is not UTF-8 text" in line


def test_a_bad_byte_deep_in_a_csv_costs_only_its_record(tmp_path):
    rows = "".join(f'{i},"{ARTICLE} {i}"\n' for i in range(2000)).encode()
    cut = rows.index(b"1500,")
    corpus = tmp_path / "c.csv"
    corpus.write_bytes(b"id,text\n" + rows[:cut] + b'1500,"\xff' + rows[cut + 6 :])
    done = _cli("corpus", str(corpus), "--workers", "2", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    problems = list(csv.DictReader((tmp_path / "out" / "problems.csv").open(encoding="utf-8")))
    assert [(p["line"], p["reason"].split(" (")[0]) for p in problems] == [
        ("1502", "the text has a character that is not text")
    ]


# 6. corpus reading goes on past bad records and files


def test_a_field_over_128_kib_is_read(tmp_path):
    corpus = _write_csv(tmp_path / "c.csv", [("big", "إيران " * 40_000), ("small", ARTICLE)])
    items = list(read_corpus(corpus))
    assert [type(i) for i in items] == [Record, Record]
    assert len(items[0].text) == 240_000


def test_csv_problems_are_at_the_record_row_not_the_line(tmp_path):
    corpus = _write_csv(tmp_path / "c.csv", [("1", "سطر\nسطر\nسطر\n" + ARTICLE), ("2", "  "), ("3", ARTICLE)])
    items = list(read_corpus(corpus))
    assert [i.line for i in items] == [2, 3, 4]  # spreadsheet rows: the header is row 1
    assert isinstance(items[1], Problem) and items[1].reason == "missing text"


def test_txt_files_in_any_case_and_same_names_in_two_subfolders(tmp_path):
    for name in ("a/x.txt", "b/x.txt", "c/Y.TXT", "d/z.Txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    ids = sorted(r.id for r in read_corpus(tmp_path))
    assert ids == ["a/x", "b/x", "c/Y", "d/z"]


def test_an_unreadable_txt_is_reported_and_the_rest_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    items = {Path(i.file).name: i for i in read_corpus(tmp_path)}
    assert isinstance(items["good.txt"], Record)
    assert "not a regular file" in items["pipe.txt"].reason
    assert "symbolic link loop" in items["loop.txt"].reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_a_txt_without_read_permission_is_reported(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0)
    items = {Path(i.file).name: i for i in read_corpus(tmp_path)}
    assert isinstance(items["good.txt"], Record) and "cannot be read" in items["locked.txt"].reason


def test_an_unreadable_jsonl_is_one_line(tmp_path, monkeypatch):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8")

    def refuse(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError, match=r"cannot be read \(Permission denied\)"):
        list(read_corpus(corpus))


@pytest.mark.parametrize("field", ["id", "source", "text"])
def test_a_lone_surrogate_is_that_records_problem(tmp_path, field):
    record = {"id": "a", "source": "s", "text": ARTICLE}
    line = json.dumps(record, ensure_ascii=False).replace(
        f'"{record[field]}"', f'"{record[field][:1]}\\ud800"', 1
    )
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(line + "\n" + json.dumps({"id": "b", "text": ARTICLE}) + "\n", encoding="utf-8")
    first, second = read_corpus(corpus)
    assert isinstance(first, Problem) and first.line == 1 and f"the {field} has a character" in first.reason
    assert isinstance(second, Record) and second.id == "b"


def test_a_lone_surrogate_does_not_cost_the_run(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        '{"id": "\\ud800", "text": "x"}\n' + json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8"
    )
    done = _cli("corpus", str(corpus), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


# 7. outputs all together or not at all


def _folder(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.fixture
def previous(tmp_path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("terms.csv", "countries.csv", "summary.json"):
        (out / name).write_text(f"old {name}\n", encoding="utf-8")
    return out


def test_a_staged_folder_replaces_the_previous_one_whole(previous):
    with staged_folder(previous) as folder:
        assert folder.parent == previous.parent and folder != previous
        (folder / "terms.csv").write_text("new\n", encoding="utf-8")
        assert (previous / "terms.csv").read_text(encoding="utf-8") == "old terms.csv\n"
    assert _folder(previous) == {"terms.csv": b"new\n"}  # nothing of the earlier run is mixed in
    assert sorted(p.name for p in previous.parent.iterdir()) == ["out"]


@pytest.mark.parametrize("fault", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_a_writer_failing_after_the_first_table_leaves_the_previous_outputs_whole(previous, fault):
    before = _folder(previous)

    def write_tables(folder: Path) -> None:
        helpers.save_table(
            __import__("pandas").DataFrame({"term": ["إيران"], "count": [3]}), "terms", root=folder
        )
        raise fault  # the disk fills up, or Ctrl-C, before the second table

    with pytest.raises(type(fault)), staged_folder(previous) as folder:
        write_tables(folder)
    assert _folder(previous) == before
    assert sorted(p.name for p in previous.parent.iterdir()) == ["out"]  # no temporary folder left


def test_an_output_folder_under_a_regular_file_is_one_line(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is a file, not a folder"), staged_folder(tmp_path / "file" / "out"):
        pass


def test_a_full_disk_is_one_line(tmp_path, monkeypatch, capsys):
    import helpers.corpus
    from helpers.__main__ import main

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out" / "terms.csv"))

    monkeypatch.setattr(helpers.corpus, "run_corpus", full)
    assert main(["corpus", str(tmp_path), "--out", str(tmp_path / "out")]) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"error: {tmp_path / 'out' / 'terms.csv'}: No space left on device")


# 9. outputs go to the current folder unless a root is given


def test_figures_and_tables_go_to_the_current_folder(tmp_path, monkeypatch):
    import matplotlib.pyplot as plt
    import pandas as pd

    monkeypatch.chdir(tmp_path)
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    png, _ = helpers.save_figure(fig, "x")
    plt.close(fig)
    table = helpers.save_table(pd.DataFrame({"a": [1]}), "t")
    assert (tmp_path / "figures" / "x.png").is_file() and (tmp_path / "figures" / "x.svg").is_file()
    assert (tmp_path / "data" / "t.csv").is_file()
    assert not png.is_absolute() and not table.is_absolute()


def test_max_mb_applies_to_corpus_files(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "big.txt").write_text(ARTICLE * 20_000, encoding="utf-8")
    (folder / "small.txt").write_text(ARTICLE, encoding="utf-8")
    done = _cli("corpus", str(folder), "--out", str(tmp_path / "out"), "--max-mb", "1")
    assert done.returncode == 0, done.stderr
    problems = list(csv.DictReader((tmp_path / "out" / "problems.csv").open(encoding="utf-8")))
    assert [Path(p["file"]).name for p in problems] == ["big.txt"] and "--max-mb" in problems[0]["reason"]


def test_sigterm_on_a_corpus_run_is_one_line_and_leaves_no_temporary_files(tmp_path):
    from helpers.synthetic import write_jsonl

    corpus = write_jsonl(tmp_path / "c.jsonl", 4000, seed=0)
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.json").write_text("{}\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "helpers", "corpus", str(corpus), "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".out.*")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143, err
    assert err.strip().splitlines() == [
        "terminated (SIGTERM); nothing was written by this run; earlier outputs are whole"
    ]
    assert not [p for p in out.parent.rglob("*") if p.name.endswith(".tmp")]
    assert (out / "summary.json").read_text(encoding="utf-8") == "{}\n"
