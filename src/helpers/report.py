"""The report: executing the notebooks headless and rendering them to shareable HTML. The notebooks never
import this module (their display helpers are in :mod:`helpers.display`), so their kernels do not load
the notebook machinery (nbformat, nbclient, nbconvert)."""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import logging
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# jsonschema (under nbformat) builds some 35 Earley parsers for IRIs at import when the optional
# rfc3987_syntax is installed (jupyterlab brings it): seconds of work, for a format that no notebook
# schema uses. The report's process imports jsonschema without it (a ``None`` module is not imported).
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat  # noqa: E402
from jinja2 import DictLoader  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError  # noqa: E402
from nbconvert import HTMLExporter  # noqa: E402

from helpers.paths import BUILD, DEFAULT_ARTICLE, NOTEBOOKS, PROJECT_ROOT  # noqa: E402
from helpers.reading import read_text  # noqa: E402
from helpers.storage import atomic_write_bytes, staged_folders  # noqa: E402

CELL_TIMEOUT = 600
DEFAULT_JOBS = (os.cpu_count() or 1) + 1
"""Notebooks run at once: one more than the processors, so that no processor idles while a kernel starts,
the runner renders a finished notebook, or the last notebook runs alone."""
STOP_SECONDS = 10
"""How long an interrupted report waits for its kernels to die before it gives up on them."""
TIMINGS = BUILD / "notebook-times.json"
"""How long each notebook took last time (only used to start the longest first)."""


class ReportError(RuntimeError):
    """A notebook cell failed; the message names the notebook and the cell."""

    def _render_traceback_(self) -> list[str]:
        return [f"ReportError: {self}"]


@dataclass(frozen=True)
class ReportRun:
    """Where one report run read from and wrote to: ``output`` receives ``data/`` and ``figures/``,
    ``rendered`` the executed notebooks and their HTML."""

    article: Path
    output: Path
    rendered: Path
    notebooks: tuple[Path, ...]


def output_name(article: Path) -> str:
    """The output folder name of an article: its file name without suffix and a short hash of its full
    path, so that ``a/x.txt`` and ``b/x.txt`` never share outputs and a file keeps its folder.

    >>> output_name(Path("/news/a/x.txt")) != output_name(Path("/news/b/x.txt"))
    True
    """
    digest = hashlib.sha256(str(article.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    return f"{article.stem}-{digest[:8]}"


def plan(article: str | Path | None = None, notebooks: Path = NOTEBOOKS, build: Path = BUILD) -> ReportRun:
    """Decide the output folders: the project's ``data/``, ``figures/`` and ``build/report`` for the seed
    article, ``build/articles/NAME-HASH/`` (see :func:`output_name`) for any other."""
    article_path = Path(article).resolve() if article else DEFAULT_ARTICLE
    if article_path == DEFAULT_ARTICLE and build == BUILD:
        output, rendered = PROJECT_ROOT, build / "report"
    else:
        output = build / "articles" / output_name(article_path)
        rendered = output / "report"
    return ReportRun(article_path, output, rendered, tuple(sorted(notebooks.glob("[0-9][0-9]-*.ipynb"))))


def inject_parameters(nb, **params: object) -> None:
    """Set ``params`` in the cell tagged ``parameters``: the value of each ``NAME = …`` line is replaced
    (other lines stay), a name the cell lacks is added, and a notebook without such a cell gets one
    first. The notebook then shows one parameter cell with the values it ran with."""
    cell = next((c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if cell is None:
        cell = nbformat.v4.new_code_cell("", metadata={"tags": ["parameters"]})
        nb.cells.insert(0, cell)
    lines = cell.source.splitlines()
    for name, value in params.items():
        assignment = re.compile(rf"^{re.escape(name)}\s*=")
        index = next((i for i, line in enumerate(lines) if assignment.match(line)), None)
        if index is None:
            lines.append(f"{name} = {value!r}")
        else:
            comment = re.search(r"\s+#.*$", lines[index])
            lines[index] = f"{name} = {value!r}" + (comment.group() if comment else "")
    cell.source = "\n".join(lines)


def _quiet_log() -> logging.Logger:
    log = logging.getLogger("helpers.report.nbclient")
    log.propagate = False
    log.setLevel(logging.CRITICAL)
    return log


def _kill_kernel(client) -> None:
    """Kill a client's kernel and what it started (the kernel leads its own process group)."""
    process = getattr(getattr(getattr(client, "km", None), "provisioner", None), "process", None)
    if process is not None and process.poll() is None:
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)


class _Stopped(Exception):
    """The run was interrupted: this notebook writes nothing."""


def execute_notebook(
    path: Path,
    params: dict[str, object],
    workdir: Path,
    timeout: int = CELL_TIMEOUT,
    clients: list | None = None,
    stop: threading.Event | None = None,
):
    """Run one notebook in a fresh kernel started in ``workdir``; a failing cell or one that runs over
    ``timeout`` seconds raises :class:`ReportError` naming the notebook and the cell. ``clients``
    collects the client (so that an interrupt can kill its kernel), ``stop`` ends the run between cells.
    """
    nb = nbformat.read(path, as_version=4)
    inject_parameters(nb, **params)
    current = {"cell": 0}

    def on_cell_start(cell, cell_index: int) -> None:
        current["cell"] = cell_index + 1
        if stop is not None and stop.is_set():
            raise _Stopped

    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,  # no clock times in the cells: a second run renders the same bytes
        resources={"metadata": {"path": str(workdir)}},
        extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no start-up chatter in the progress
        on_cell_start=on_cell_start,
        log=_quiet_log(),
    )
    if clients is not None:
        clients.append(client)
    try:
        client.execute()
    except CellExecutionError as exc:
        raise ReportError(f"{path.name}, cell {current['cell']}: {exc.ename}: {exc.evalue}") from None
    except CellTimeoutError:
        raise ReportError(
            f"{path.name}, cell {current['cell']}: still running after {timeout} s, the time limit per cell"
        ) from None
    except DeadKernelError:
        if stop is not None and stop.is_set():
            raise _Stopped from None
        raise ReportError(f"{path.name}, cell {current['cell']}: the kernel died (out of memory?)") from None
    return nb


OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
"""


def offline_html(nb) -> str:
    """Self-contained HTML of an executed notebook that needs no network: figures embedded, no
    require.js, MathJax or widget manager from a CDN; widgets show the static HTML they carry
    (:class:`helpers.display.KwicExplorer` carries its table)."""
    nb = nbformat.from_dict(copy.deepcopy(dict(nb)))
    nb.metadata.pop("widgets", None)  # without widget state, nbconvert shows each output's HTML instead
    with _EXPORTING:
        body, _ = _html_exporter().from_notebook_node(nb)
    return body


_EXPORTING = threading.Lock()
"""The notebooks of a report are rendered one at a time (by whichever thread ran them)."""


@cache
def _html_exporter() -> HTMLExporter:
    """One exporter for the process: loading its templates costs more than rendering a notebook."""
    return HTMLExporter(
        embed_images=True,
        extra_loaders=[DictLoader({"offline.html.j2": OFFLINE_TEMPLATE})],
        template_file="offline.html.j2",
    )


def _print(message: str) -> None:
    print(message, flush=True)


def _parameters(run: ReportRun, notebook_folder: Path, output: Path) -> dict[str, object]:
    """``ARTICLE`` and ``OUTPUT`` relative to the folder of the notebook (the kernel's working folder),
    so that a rendered notebook re-runs from where it sits and shows no path of this machine."""
    return {
        "ARTICLE": os.path.relpath(run.article, notebook_folder),
        "OUTPUT": os.path.relpath(output, notebook_folder),
    }


def execute_all(
    run: ReportRun,
    jobs: int = DEFAULT_JOBS,
    log: Callable[[str], None] = _print,
    timeout: int = CELL_TIMEOUT,
    before_swap: Callable[[ReportRun], None] | None = None,
    timings_file: Path = TIMINGS,
) -> None:
    """Execute ``run.notebooks`` (``jobs`` at a time) and write each executed notebook and its HTML.

    Everything is written into a temporary folder first; only when every notebook has succeeded do
    ``data/``, ``figures/`` and the rendered notebooks replace the previous ones, together. A failing
    cell, Ctrl-C or SIGTERM kills the running kernels within seconds, writes nothing and leaves the
    previous outputs whole. ``before_swap`` is called with the staged run just before the swap;
    ``timings_file`` records how long each notebook took.
    """
    finals = {"data": run.output / "data", "figures": run.output / "figures", "report": run.rendered}
    with staged_folders(finals, keep={"data": ["README.md"]}, parent=run.rendered.parent) as stage:
        staged = ReportRun(run.article, stage, stage / "report", run.notebooks)
        # the kernels run where the staged notebooks sit; the kept notebooks show the same paths
        # relative to where they are kept
        run_params = _parameters(run, staged.rendered, staged.output)
        shown_params = _parameters(run, run.rendered, run.output)
        total = len(run.notebooks)
        timings = _load_timings(timings_file)
        durations: dict[str, float] = {}
        clients: list = []
        stop = threading.Event()

        def one(number: int, path: Path) -> None:
            if stop.is_set():
                return
            log(f"[{number}/{total}] {path.name} running …")
            started = time.perf_counter()
            nb = execute_notebook(path, run_params, staged.rendered, timeout, clients, stop)
            if stop.is_set():
                return
            inject_parameters(nb, **shown_params)
            atomic_write_bytes(staged.rendered / path.name, nbformat.writes(nb).encode("utf-8"))
            atomic_write_bytes(staged.rendered / f"{path.stem}.html", offline_html(nb).encode("utf-8"))
            durations[path.name] = time.perf_counter() - started
            log(f"[{number}/{total}] {path.name} done in {durations[path.name]:.1f} s")

        # the longest notebooks (as last measured) start first, so the kernels finish together
        order = sorted(enumerate(run.notebooks, start=1), key=lambda item: -timings.get(item[1].name, 0.0))
        pool = ThreadPoolExecutor(max_workers=max(1, jobs))
        futures: list = []
        try:
            futures = [pool.submit(one, number, path) for number, path in order]
            done, _ = wait(futures, return_when=FIRST_EXCEPTION)
            for future in futures:
                if future in done and future.exception() is not None:
                    raise future.exception()
            if before_swap is not None:
                before_swap(staged)
        except BaseException:
            stop.set()
            _stop_kernels(futures, clients)
            raise
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
    with contextlib.suppress(OSError):
        atomic_write_bytes(timings_file, json.dumps({**timings, **durations}, sort_keys=True).encode())


def _stop_kernels(futures: list, clients: list) -> None:
    """Kill every kernel, again as new ones start, until the notebook threads have ended (a few
    seconds at most); their results are thrown away."""
    deadline = time.monotonic() + STOP_SECONDS
    while time.monotonic() < deadline:
        for client in list(clients):
            _kill_kernel(client)
        if all(future.done() for future in futures):
            return
        wait(futures, timeout=0.2)


def _load_timings(path: Path) -> dict[str, float]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def rendered_findings(run: ReportRun) -> list[str]:
    """The Markdown lines of the executed cell tagged ``findings`` (notebook 4), as the report shows them."""
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
    build: Path = BUILD,
    timeout: int = CELL_TIMEOUT,
    command_line: bool = False,
) -> ReportRun:
    """Execute every numbered notebook for ``article`` and write data, figures and rendered notebooks.

    The notebooks are independent (each reads the article), so ``jobs`` of them run at once, each in
    its own kernel. For the seed article the outputs go to the project's ``data/`` and ``figures/`` and
    the README's findings are regenerated; for another article everything goes to
    ``BUILD/articles/NAME-HASH/`` (``build``: the project's ``build/`` unless given). The outputs of a
    run appear together or not at all: the first failing cell stops the run with a
    :class:`ReportError`, Ctrl-C or SIGTERM with ``KeyboardInterrupt``, and the previous outputs stay
    whole. ``command_line`` words the hints of a bad article for ``python -m helpers``.
    """
    run = plan(article, notebooks, build)
    # a bad article fails here, with one clear line, before any kernel starts
    read_text(run.article, command_line=command_line)
    findings_lines: list[str] = []
    seed = run.output == PROJECT_ROOT

    def collect(staged: ReportRun) -> None:
        findings_lines.extend(rendered_findings(staged))

    execute_all(run, jobs, log, timeout, collect if seed else None, timings_file=build / TIMINGS.name)
    if seed and update_readme(findings_lines):
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
