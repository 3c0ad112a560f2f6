"""The report: parameterised runs, determinism, failing cells, rendered HTML in a browser, widgets."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import pytest

from helpers.paths import PROJECT_ROOT
from helpers.report import ReportError, offline_html, output_name, plan, run_report

from .browser import check_page, chromium
from .conftest import TEST_DATA

pytestmark = pytest.mark.slow


def _digest(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


@pytest.fixture(scope="module")
def second_run(tmp_path_factory):
    article = tmp_path_factory.mktemp("articles") / "second_article.txt"
    shutil.copy(TEST_DATA / "second_article.txt", article)
    build = tmp_path_factory.mktemp("build")
    project = {name: _digest(PROJECT_ROOT / name) for name in ("data", "figures")}
    readme = (PROJECT_ROOT / "README.md").read_bytes()
    messages: list[str] = []
    run = run_report(article, log=messages.append, build=build)
    assert {name: _digest(PROJECT_ROOT / name) for name in ("data", "figures")} == project
    assert (PROJECT_ROOT / "README.md").read_bytes() == readme
    return run, messages


def test_another_article_gets_its_own_output_folder(second_run):
    run, messages = second_run
    assert run.output.parent.name == "articles" and run.output.name == output_name(run.article)
    assert run.output.name.startswith("second_article-")
    for name in ("paragraphs", "sentences", "terms", "country_mentions", "country_counts", "findings"):
        assert (run.output / "data" / f"{name}.csv").is_file()
    for name in ("top_terms", "country_mentions", "country_dispersion", "co_mentions", "word_cloud"):
        assert (run.output / "figures" / f"{name}.png").is_file()
        assert (run.output / "figures" / f"{name}.svg").is_file()
    notebooks = [p.stem for p in run.notebooks]
    assert sorted(p.stem for p in run.rendered.glob("*.html")) == notebooks
    assert any("running" in m for m in messages) and any("done in" in m for m in messages)
    counts = (run.output / "data" / "country_counts.csv").read_text(encoding="utf-8").splitlines()
    # the second article is about Saudi Arabia and China: eight mentions each by name, capital and
    # demonym, and Saudi Arabia once more as bare المملكة
    assert [tuple(line.split(",")[i] for i in (0, 2)) for line in counts[1:3]] == [("SAU", "9"), ("CHN", "8")]


def test_executed_notebooks_have_outputs_and_no_errors(second_run):
    run, _ = second_run
    for path in run.rendered.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert outputs and not [o for o in outputs if o.output_type == "error"], path.name


def test_a_second_run_is_byte_identical(second_run):
    run, _ = second_run
    before = {name: _digest(run.output / name) for name in ("data", "figures")}
    pages = {name: digest for name, digest in _digest(run.rendered).items() if name.endswith(".html")}
    assert len(pages) == len(run.notebooks)
    run_report(run.article, log=lambda m: None, build=run.output.parents[1])
    assert {name: _digest(run.output / name) for name in ("data", "figures")} == before
    assert {name: digest for name, digest in _digest(run.rendered).items() if name.endswith(".html")} == pages


def test_a_failing_cell_names_the_notebook_and_the_cell(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("ARTICLE = OUTPUT = ''", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_markdown_cell("text"),
        nbformat.v4.new_code_cell("1 / 0"),
    ]
    nbformat.write(nb, tmp_path / "01-broken.ipynb")
    article = tmp_path / "a.txt"
    article.write_text("عنوان\nنص المقال هنا.", encoding="utf-8")
    build = tmp_path / "build"
    previous = plan(article, tmp_path, build)
    (previous.output / "data").mkdir(parents=True)
    (previous.output / "data" / "terms.csv").write_text("earlier run\n", encoding="utf-8")
    with pytest.raises(ReportError, match=r"01-broken.ipynb, cell 3: ZeroDivisionError: division by zero"):
        run_report(article, notebooks=tmp_path, log=lambda m: None, build=build)
    assert _digest(previous.output) == {"data/terms.csv": hashlib.sha256(b"earlier run\n").hexdigest()}
    assert sorted(p.name for p in previous.output.iterdir()) == ["data"]  # no temporary folder left


@pytest.mark.browser
@pytest.mark.skipif(chromium() is None, reason="no Chromium on this machine")
def test_rendered_html_in_a_real_browser(second_run, tmp_path):
    run, _ = second_run
    for page in sorted(run.rendered.glob("*.html")):
        checks, screenshot = check_page(page, tmp_path)
        assert checks, f"{page.name}: the page did not load"
        assert checks["broken"] == 0, page.name
        assert checks["rtl"] > 0 and checks["direction_rtl"] == checks["rtl"], page.name
        assert checks["rtl_single_line"] > 0 and checks["right_to_left"] == checks["rtl_single_line"], (
            page.name
        )
        if page.stem in ("02-terms", "03-countries"):
            assert checks["images"] >= 3, page.name  # the charts are embedded and load
        assert screenshot.stat().st_size > 10_000


@pytest.mark.browser
@pytest.mark.skipif(chromium() is None, reason="no Chromium on this machine")
def test_shared_html_reads_right_to_left_offline(second_run, tmp_path):
    """The HTML a report shares, with the network cut: complete (figures embedded, nothing fetched, the
    KWIC widget a static table), Arabic table cells right to left, KWIC "before" to the right of the match."""
    run, _ = second_run
    for path in sorted(run.rendered.glob("*.ipynb")):
        page = tmp_path / f"{path.stem}.html"
        page.write_text(offline_html(nbformat.read(path, as_version=4)), encoding="utf-8")
        probe = tmp_path / f"probe-{path.stem}"
        probe.mkdir()
        checks, screenshot = check_page(page, probe, offline=True)
        assert checks, f"{page.name}: the page did not load"
        assert checks["remote"] == [] and checks["remote_tags"] == [], page.name
        assert checks["broken"] == 0, page.name
        assert checks["arabic_cells"] > 0 and checks["arabic_cells_rtl"] == checks["arabic_cells"], page.name
        if path.stem in ("02-terms", "04-findings"):
            assert checks["kwic_rows"] > 0 and checks["kwic_before_right"] == checks["kwic_rows"], page.name
        assert checks["images"] >= {"02-terms": 2, "03-countries": 4, "05-corpus": 2}.get(path.stem, 0), (
            page.name
        )
        assert screenshot.stat().st_size > 10_000


def test_report_runs_on_articles_with_nothing_to_say(tmp_path):
    """No country, one country, no repeated word pair, no region: every notebook runs to the end."""
    from .test_findings import write_articles

    for name, article in write_articles(tmp_path).items():
        run = plan(article, build=tmp_path / "build")
        try:
            run_report(article, log=lambda m: None, build=tmp_path / "build")
            for path in run.rendered.glob("*.ipynb"):
                nb = nbformat.read(path, as_version=4)
                errors = [
                    o
                    for c in nb.cells
                    if c.cell_type == "code"
                    for o in c.outputs
                    if o.output_type == "error"
                ]
                assert not errors, (name, path.name)
        finally:
            shutil.rmtree(run.output, ignore_errors=True)


def test_rendered_notebooks_show_one_parameter_cell_and_rerun_where_they_sit(second_run, tmp_path):
    from nbclient import NotebookClient

    run, _ = second_run
    copy = tmp_path / "copy"
    shutil.copytree(run.output, copy / run.output.name)  # elsewhere, with the article at the same place
    rendered = copy / run.output.name / "report" / "01-reading.ipynb"
    nb = nbformat.read(rendered, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and not [
        c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])
    ]
    assert "OUTPUT = '..'" in tagged[0].source and str(tmp_path) not in tagged[0].source
    article = os.path.normpath(rendered.parent / tagged[0].source.split("'")[1])
    if not Path(article).exists():
        Path(article).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(run.article, article)
    (copy / run.output.name / "data" / "paragraphs.csv").unlink()
    NotebookClient(nb, timeout=300, resources={"metadata": {"path": str(rendered.parent)}}).execute()
    assert (copy / run.output.name / "data" / "paragraphs.csv").is_file()


def test_two_articles_with_the_same_name_get_two_output_folders(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text("عنوان\nنص", encoding="utf-8")
    first, second = (plan(tmp_path / folder / "x.txt", build=tmp_path / "build") for folder in ("a", "b"))
    assert first.output != second.output and first.output.parent == second.output.parent
    assert plan(tmp_path / "a" / "x.txt", build=tmp_path / "build").output == first.output  # stable


def _notebook(folder: Path, name: str, *cells: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("ARTICLE = OUTPUT = ''", metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(textwrap.dedent(cell)) for cell in cells]
    nbformat.write(nb, folder / name)


def test_a_cell_over_the_time_limit_is_one_line(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks, "01-slow.ipynb", "import time\ntime.sleep(60)")
    article = tmp_path / "a.txt"
    article.write_text("عنوان\nنص المقال هنا.", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(ReportError) as info:
        run_report(article, notebooks=notebooks, log=lambda m: None, build=tmp_path / "build", timeout=3)
    assert str(info.value) == "01-slow.ipynb, cell 2: still running after 3 s, the time limit per cell"
    assert time.monotonic() - started < 30


RUNNER = """
import sys
from pathlib import Path
import helpers.report as report
from helpers.__main__ import main

run_report = report.run_report
report.run_report = lambda article, **kw: run_report(article, notebooks=Path(sys.argv[1]), build=Path(sys.argv[2]), **kw)
sys.exit(main(["report", sys.argv[3]]))
"""


@pytest.mark.parametrize(("sent", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_report_stops_its_kernels_and_writes_nothing(tmp_path, sent, code):
    notebooks, build = tmp_path / "notebooks", tmp_path / "build"
    notebooks.mkdir()
    started = tmp_path / "started"
    for number in (1, 2):
        _notebook(
            notebooks,
            f"0{number}-long.ipynb",
            f"""
            import os, time
            from pathlib import Path
            Path({str(started)!r} + "-{number}").write_text(str(os.getpid()))
            time.sleep(30)
            """,
            "import pandas as pd\nimport helpers\nhelpers.save_table(pd.DataFrame({'a': [1]}), 'late', root=OUTPUT)",
        )
    article = tmp_path / "a.txt"
    article.write_text("عنوان\nنص المقال هنا.", encoding="utf-8")
    previous = plan(article, notebooks, build)
    (previous.output / "data").mkdir(parents=True)
    (previous.output / "data" / "terms.csv").write_text("earlier run\n", encoding="utf-8")
    before = _digest(build)
    process = subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(notebooks), str(build), str(article)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 90
    while not all(Path(f"{started}-{n}").exists() for n in (1, 2)) and time.monotonic() < deadline:
        time.sleep(0.2)
    kernels = [int(Path(f"{started}-{n}").read_text()) for n in (1, 2)]
    time.sleep(0.5)
    process.send_signal(sent)
    sent_at = time.monotonic()
    _, err = process.communicate(timeout=60)
    assert time.monotonic() - sent_at < 15
    assert process.returncode == code
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    for pid in kernels:  # the kernels are gone, not carrying on to write their outputs
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert _digest(build) == before
    assert not [p for p in build.rglob("*") if p.name.endswith((".tmp", ".staging"))]
