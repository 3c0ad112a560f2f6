"""The report: parameterised runs, determinism, failing cells, rendered HTML in a browser, widgets."""

from __future__ import annotations

import hashlib
import shutil

import nbformat
import pytest

from helpers.display import offline_html
from helpers.report import ReportError, plan, run_report
from helpers.storage import PROJECT_ROOT

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
    project = {name: _digest(PROJECT_ROOT / name) for name in ("data", "figures")}
    readme = (PROJECT_ROOT / "README.md").read_bytes()
    run = plan(article)
    shutil.rmtree(run.output, ignore_errors=True)
    messages: list[str] = []
    run_report(article, log=messages.append)
    assert {name: _digest(PROJECT_ROOT / name) for name in ("data", "figures")} == project
    assert (PROJECT_ROOT / "README.md").read_bytes() == readme
    return run, messages


def test_another_article_gets_its_own_output_folder(second_run):
    run, messages = second_run
    assert run.output == PROJECT_ROOT / "build" / "articles" / "second_article"
    for name in ("paragraphs", "sentences", "terms", "country_mentions", "country_counts", "findings"):
        assert (run.output / "data" / f"{name}.csv").is_file()
    for name in ("top_terms", "country_mentions", "country_dispersion", "co_mentions", "word_cloud"):
        assert (run.output / "figures" / f"{name}.png").is_file()
        assert (run.output / "figures" / f"{name}.svg").is_file()
    notebooks = [p.stem for p in run.notebooks]
    assert sorted(p.stem for p in run.rendered.glob("*.html")) == notebooks
    assert any("running" in m for m in messages) and any("done in" in m for m in messages)
    counts = (run.output / "data" / "country_counts.csv").read_text(encoding="utf-8").splitlines()
    # the second article is about Saudi Arabia and China, eight mentions each
    assert {line.split(",")[0] for line in counts[1:3]} == {"SAU", "CHN"}
    assert {line.split(",")[2] for line in counts[1:3]} == {"8"}


def test_executed_notebooks_have_outputs_and_no_errors(second_run):
    run, _ = second_run
    for path in run.rendered.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert outputs and not [o for o in outputs if o.output_type == "error"], path.name


def test_a_second_run_is_byte_identical(second_run):
    run, _ = second_run
    before = {name: _digest(run.output / name) for name in ("data", "figures")}
    run_report(run.article, log=lambda m: None)
    assert {name: _digest(run.output / name) for name in ("data", "figures")} == before


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
    with pytest.raises(ReportError, match=r"01-broken.ipynb, cell 3: ZeroDivisionError: division by zero"):
        run_report(article, notebooks=tmp_path, log=lambda m: None)


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
        run = plan(article)
        try:
            run_report(article, log=lambda m: None)
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
