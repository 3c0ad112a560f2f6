"""Executing the notebooks headless and rendering them to shareable HTML."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter

from helpers.reading import read_text
from helpers.storage import DEFAULT_ARTICLE, PROJECT_ROOT, atomic_write_bytes

NOTEBOOKS = PROJECT_ROOT / "notebooks"
BUILD = PROJECT_ROOT / "build"
CELL_TIMEOUT = 600


class ReportError(RuntimeError):
    """A notebook cell failed; the message names the notebook and the cell."""

    def _render_traceback_(self) -> list[str]:
        return [f"ReportError: {self}"]


@dataclass(frozen=True)
class ReportRun:
    """Where one report run read from and wrote to."""

    article: Path
    output: Path
    rendered: Path
    notebooks: tuple[Path, ...]


def plan(article: str | Path | None = None) -> ReportRun:
    """Decide the output folders: the project itself for the seed article, ``build/articles/ID`` else."""
    article_path = Path(article).resolve() if article else DEFAULT_ARTICLE
    if article_path == DEFAULT_ARTICLE:
        output, rendered = PROJECT_ROOT, BUILD / "report"
    else:
        output = BUILD / "articles" / article_path.stem
        rendered = output / "report"
    notebooks = tuple(sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")))
    return ReportRun(article_path, output, rendered, notebooks)


def inject_parameters(nb: nbformat.NotebookNode, **params: object) -> None:
    """Put a cell that sets ``params`` right after the cell tagged ``parameters`` (as papermill does)."""
    source = "# Parameters injected by `make report`\n" + "\n".join(f"{k} = {v!r}" for k, v in params.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    index = next(
        (i + 1 for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])), 0
    )
    nb.cells.insert(index, cell)


def _failed_cell(nb: nbformat.NotebookNode) -> int:
    for number, cell in enumerate(nb.cells, start=1):
        if any(out.get("output_type") == "error" for out in cell.get("outputs", [])):
            return number
    return 0


def execute_notebook(path: Path, params: dict[str, object], workdir: Path) -> nbformat.NotebookNode:
    """Run one notebook in a fresh kernel; a failing cell raises :class:`ReportError` naming it."""
    nb = nbformat.read(path, as_version=4)
    inject_parameters(nb, **params)
    client = NotebookClient(
        nb, timeout=CELL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        first_line = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise ReportError(f"{path.name}, cell {_failed_cell(nb)}: {first_line}") from None
    return nb


def render_html(nb: nbformat.NotebookNode) -> str:
    """Self-contained HTML of an executed notebook (figures are embedded as data URIs)."""
    exporter = HTMLExporter(embed_images=True)
    body, _ = exporter.from_notebook_node(nb)
    return body


def run_report(article: str | Path | None = None, log: Callable[[str], None] = print) -> ReportRun:
    """Execute every numbered notebook for ``article`` and write data, figures and rendered notebooks."""
    run = plan(article)
    read_text(run.article)  # a bad article fails here, with one clear line, before any kernel starts
    params = {"ARTICLE": str(run.article), "OUTPUT": str(run.output)}
    for number, path in enumerate(run.notebooks, start=1):
        log(f"[{number}/{len(run.notebooks)}] {path.name} …")
        started = time.perf_counter()
        nb = execute_notebook(path, params, NOTEBOOKS)
        atomic_write_bytes(run.rendered / path.name, nbformat.writes(nb).encode("utf-8"))
        atomic_write_bytes(run.rendered / f"{path.stem}.html", render_html(nb).encode("utf-8"))
        log(f"[{number}/{len(run.notebooks)}] {path.name} done in {time.perf_counter() - started:.1f} s")
    log(f"rendered notebooks: {run.rendered}")
    return run


def rtl(text: str) -> str:
    """Arabic for Markdown/HTML, marked right to left so it reads correctly inside English prose."""
    return f'<span dir="rtl" lang="ar">{text}</span>'


def rtl_block(text: str) -> str:
    """A right-to-left paragraph (a quotation of the article) for Markdown/HTML."""
    return f'<div dir="rtl" lang="ar" style="text-align:right">{text}</div>'


def findings(*lines: str):
    """Render computed findings as Markdown in a notebook (every number comes from the data)."""
    from IPython.display import Markdown

    return Markdown("\n".join(lines))
