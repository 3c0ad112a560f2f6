"""The report: executing the notebooks headless, rendering them to shareable HTML, and the small
presentation helpers the notebooks use (computed findings, right-to-left Arabic in Markdown, a KWIC
explorer). The notebook machinery (nbclient, nbconvert) is imported only when a report is run."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from helpers.reading import read_text
from helpers.storage import DEFAULT_ARTICLE, PROJECT_ROOT, atomic_write_bytes

NOTEBOOKS = PROJECT_ROOT / "notebooks"
BUILD = PROJECT_ROOT / "build"
CELL_TIMEOUT = 600
DEFAULT_JOBS = min(2, os.cpu_count() or 1)


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


def plan(article: str | Path | None = None, notebooks: Path = NOTEBOOKS) -> ReportRun:
    """Decide the output folders: the project itself for the seed article, ``build/articles/ID`` else."""
    article_path = Path(article).resolve() if article else DEFAULT_ARTICLE
    if article_path == DEFAULT_ARTICLE:
        output, rendered = PROJECT_ROOT, BUILD / "report"
    else:
        output = BUILD / "articles" / article_path.stem
        rendered = output / "report"
    return ReportRun(article_path, output, rendered, tuple(sorted(notebooks.glob("[0-9][0-9]-*.ipynb"))))


def inject_parameters(nb, **params: object) -> None:
    """Put a cell that sets ``params`` right after the cell tagged ``parameters`` (as papermill does)."""
    import nbformat

    source = "# Parameters injected by `make report`\n" + "\n".join(f"{k} = {v!r}" for k, v in params.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    index = next(
        (i + 1 for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])), 0
    )
    nb.cells.insert(index, cell)


def _failed_cell(nb) -> int:
    """1-based number, in the notebook as written (without the injected cell), of the failed cell."""
    cells = [c for c in nb.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    for number, cell in enumerate(cells, start=1):
        if any(out.get("output_type") == "error" for out in cell.get("outputs", [])):
            return number
    return 0


def execute_notebook(path: Path, params: dict[str, object], workdir: Path):
    """Run one notebook in a fresh kernel; a failing cell raises :class:`ReportError` naming it."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    inject_parameters(nb, **params)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
        extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no start-up chatter in the progress
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        raise ReportError(f"{path.name}, cell {_failed_cell(nb)}: {exc.ename}: {exc.evalue}") from None
    return nb


def render_html(nb) -> str:
    """Self-contained HTML of an executed notebook (figures are embedded as data URIs)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(embed_images=True)
    body, _ = exporter.from_notebook_node(nb)
    return body


def _print(message: str) -> None:
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


def execute_all(run: ReportRun, jobs: int = DEFAULT_JOBS, log: Callable[[str], None] = _print) -> None:
    """Execute ``run.notebooks`` (``jobs`` at a time) and write each executed notebook and its HTML."""
    import nbformat

    workdir = run.notebooks[0].parent if run.notebooks else NOTEBOOKS
    # relative to the notebooks, so that the shared notebooks show no path of this machine
    params = {
        "ARTICLE": os.path.relpath(run.article, workdir),
        "OUTPUT": os.path.relpath(run.output, workdir),
    }
    total = len(run.notebooks)
    timings = _load_timings()
    durations: dict[str, float] = {}

    def one(number: int, path: Path) -> None:
        log(f"[{number}/{total}] {path.name} running …")
        started = time.perf_counter()
        nb = execute_notebook(path, params, workdir)
        atomic_write_bytes(run.rendered / path.name, nbformat.writes(nb).encode("utf-8"))
        atomic_write_bytes(run.rendered / f"{path.stem}.html", render_html(nb).encode("utf-8"))
        durations[path.name] = time.perf_counter() - started
        log(f"[{number}/{total}] {path.name} done in {durations[path.name]:.1f} s")

    # the longest notebooks (as last measured) start first, so the kernels finish together
    order = sorted(enumerate(run.notebooks, start=1), key=lambda item: -timings.get(item[1].name, 0.0))
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(one, number, path) for number, path in order]
        try:
            for future in as_completed(futures):
                future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    with contextlib.suppress(OSError):
        atomic_write_bytes(TIMINGS, json.dumps({**timings, **durations}, sort_keys=True).encode())


TIMINGS = BUILD / "notebook-times.json"
"""How long each notebook took last time (only used to start the longest first)."""


def _load_timings() -> dict[str, float]:
    try:
        return json.loads(TIMINGS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def rendered_findings(run: ReportRun) -> list[str]:
    """The Markdown lines of the executed cell tagged ``findings`` (notebook 4), as the report shows them."""
    import nbformat

    for path in run.notebooks:
        nb = nbformat.read(run.rendered / path.name, as_version=4)
        for cell in nb.cells:
            if "findings" in cell.get("metadata", {}).get("tags", []):
                for output in cell.get("outputs", []):
                    if "text/markdown" in output.get("data", {}):
                        return output["data"]["text/markdown"].splitlines()
    raise ReportError("no notebook has an executed cell tagged 'findings' to copy into the README")


def run_report(
    article: str | Path | None = None,
    log: Callable[[str], None] = _print,
    notebooks: Path = NOTEBOOKS,
    jobs: int = DEFAULT_JOBS,
) -> ReportRun:
    """Execute every numbered notebook for ``article`` and write data, figures and rendered notebooks.

    The notebooks are independent (each reads the article), so ``jobs`` of them run at once, each in
    its own kernel. For the seed article the outputs go to the project's ``data/`` and ``figures/`` and
    the README's findings are regenerated; for another article everything goes to
    ``build/articles/ID/``. The first failing cell stops the run with a :class:`ReportError`.
    """
    run = plan(article, notebooks)
    read_text(run.article)  # a bad article fails here, with one clear line, before any kernel starts
    execute_all(run, jobs, log)
    if run.output == PROJECT_ROOT and update_readme(rendered_findings(run)):
        log("README.md findings updated")
    log(f"rendered notebooks: {run.rendered}")
    return run


README_BEGIN, README_END = "<!-- findings:begin -->", "<!-- findings:end -->"


def update_readme(lines: list[str], readme: Path = PROJECT_ROOT / "README.md") -> bool:
    """Replace the generated findings block of the README; return whether the file changed."""
    text = readme.read_text(encoding="utf-8")
    if README_BEGIN not in text or README_END not in text:
        raise ReportError(f"{readme.name}: the markers {README_BEGIN} and {README_END} are missing")
    head, rest = text.split(README_BEGIN, 1)
    _, tail = rest.split(README_END, 1)
    block = "\n".join(
        ["", "<!-- generated by `make report` from the data: do not edit by hand -->", *lines, ""]
    )
    new = f"{head}{README_BEGIN}{block}{README_END}{tail}"
    if new != text:
        atomic_write_bytes(readme, new.encode("utf-8"))
    return new != text
