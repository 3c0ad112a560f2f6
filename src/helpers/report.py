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


def rtl(text: str) -> str:
    """Arabic for Markdown/HTML, marked right to left so it reads correctly inside English prose."""
    return f'<span dir="rtl" lang="ar">{text}</span>'


class Findings:
    """Computed findings for a notebook: Markdown, with an HTML rendering that keeps the
    right-to-left spans intact (nbconvert's own Markdown rendering drops their content)."""

    def __init__(self, lines: list[str]) -> None:
        self.markdown = "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return self.markdown

    def _repr_html_(self) -> str:
        from markdown_it import MarkdownIt

        return MarkdownIt("commonmark", {"html": True}).render(self.markdown)


def findings(*lines: str) -> Findings:
    """Render computed findings (Markdown lines) in a notebook; every number comes from the data."""
    return Findings(list(lines))


def article_findings(article) -> dict[str, object]:
    """The headline numbers of an article's analysis, computed (never typed) for prose and the README."""
    import helpers

    sentences = helpers.sentence_table(article)
    tokens = helpers.tokenize_article(article)
    terms = helpers.term_frequencies(article)
    mentions = helpers.find_country_mentions(article)
    counts = helpers.country_counts(mentions)
    pairs = helpers.co_mentions(mentions)
    words = tokens[tokens["kind"] == "arabic"]
    top = counts.iloc[0] if len(counts) else None
    return {
        "headline": article.loc[article["role"] == "headline", "text"].head(1).tolist(),
        "paragraphs": len(article),
        "analysed_paragraphs": int(article["role"].isin(helpers.ANALYSIS_ROLES).sum()),
        "sentences": len(sentences),
        "arabic_tokens": len(words),
        "distinct_surfaces": words["surface"].nunique(),
        "distinct_bases": words["base"].nunique(),
        "top_terms": list(
            zip(terms["forms"].str.split("، ").str[0].head(5), terms["count"].head(5), strict=True)
        ),
        "countries": len(counts),
        "country_mentions": int(counts["mentions"].sum()) if len(counts) else 0,
        "not_by_name": float((mentions["kind"] != "name").mean()) if len(mentions) else 0.0,
        "top_country": None if top is None else (top["country"], top["country_name"], int(top["mentions"])),
        "top_country_kinds": {}
        if top is None
        else {k: int(top[k]) for k in ("name", "capital", "demonym", "alias", "variant") if top[k]},
        "top_pair": None
        if pairs.empty
        else (pairs.iloc[0]["first"], pairs.iloc[0]["second"], int(pairs.iloc[0]["count"])),
        "variants": [(r.surface, r.matched) for r in mentions[mentions["kind"] == "variant"].itertuples()],
        "ambiguous": int(mentions["ambiguous"].sum()),
    }


def findings_table(results: dict[str, object]):
    """:func:`article_findings` as a two-column table (``finding``, ``value``) for ``data/findings.csv``."""
    import pandas as pd

    def show(value: object) -> str:
        if isinstance(value, float):
            return f"{value:.4f}"
        if isinstance(value, dict):
            return "; ".join(f"{k}: {v}" for k, v in value.items())
        if isinstance(value, list | tuple):
            return "; ".join(" ".join(map(str, v)) if isinstance(v, list | tuple) else str(v) for v in value)
        return "" if value is None else str(value)

    return pd.DataFrame({"finding": list(results), "value": [show(v) for v in results.values()]})


def findings_lines(results: dict[str, object]) -> list[str]:
    """Markdown bullet points from :func:`article_findings`; Arabic is marked right to left."""
    lines = []
    if results["headline"]:
        lines.append(f"- Headline: {rtl(results['headline'][0])}.")
    lines.append(
        f"- {results['paragraphs']} paragraphs ({results['analysed_paragraphs']} analysed), "
        f"{results['sentences']} sentences, {results['arabic_tokens']} Arabic words in "
        f"{results['distinct_surfaces']} written forms, {results['distinct_bases']} once normalized and "
        "stripped of clitics."
    )
    if results["top_terms"]:
        terms = "، ".join(f"{rtl(term)} ({count})" for term, count in results["top_terms"])
        lines.append(f"- Most frequent terms (stopwords left out): {terms}.")
    if results["top_country"]:
        iso3, name, n = results["top_country"]
        kinds = ", ".join(f"{count} by {kind}" for kind, count in results["top_country_kinds"].items())
        lines.append(
            f"- {results['countries']} countries are mentioned {results['country_mentions']} times, "
            f"{results['not_by_name']:.0%} of them not by name; {rtl(name)} ({iso3}) leads with {n} ({kinds})."
        )
    if results["top_pair"]:
        a, b, n = results["top_pair"]
        lines.append(f"- The countries most often named in the same sentence: {a} and {b} ({n} sentences).")
    for surface, matched in results["variants"]:
        lines.append(f"- {rtl(surface)} is a misspelling of {rtl(matched)}, flagged as a variant.")
    if results["ambiguous"]:
        lines.append(f"- {results['ambiguous']} mention(s) could not be resolved and are marked ambiguous.")
    return lines


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


def kwic_explorer(article, window: int = 6):
    """A small ipywidgets control: type a term and see its count and keyword-in-context lines update."""
    import ipywidgets as widgets

    import helpers

    box = widgets.Text(description="Term:", placeholder="مثلا: إيران", continuous_update=False)
    count = widgets.HTML()
    lines = widgets.HTML()

    def show(change=None) -> None:
        term = box.value.strip()
        if not term:
            count.value = lines.value = ""
            return
        hits = helpers.kwic(article, term, window=window)
        count.value = f"<b>{len(hits)}</b> occurrence(s) of {rtl(term)}"
        table = hits[["paragraph", "before", "match", "after"]]
        lines.value = f'<div dir="rtl" lang="ar">{table.to_html(index=False)}</div>' if len(hits) else ""

    box.observe(show, names="value")
    return widgets.VBox([box, count, lines])
