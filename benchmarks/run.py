"""Benchmarks behind the figures in the closing notes: `make bench` or `python benchmarks/run.py NAME`.

countries      precision and recall per kind against the hand-made gold.
report         `make report` against minimal notebooks run the same way.
corpus         the whole corpus run (every table written) at 1 and 2 workers against a floor measured in
               the same run over the same texts: one compiled `\\w+` regex plus collections.Counter;
               also on the real news sample when it is there (CORPUS_SAMPLE or ../shared/corpora).
linear         one article of 0.1 to 20 MB, on one line or many: seconds per MB of the whole article
               analysis (reading, tokens, terms, country mentions, co-mentions), which must stay flat.
corpus-memory  peak memory of a corpus run on 1 GB of generated JSONL (not in the default run).
"""

from __future__ import annotations

import argparse
import contextlib
import re
import statistics
import time
from collections import Counter
from pathlib import Path

from helpers.synthetic import synthetic_articles


def _timed(function, *args, repeat: int = 3, setup=None):
    """Best of ``repeat`` runs (the machine is shared: the minimum is the least disturbed)."""
    best = float("inf")
    for _ in range(repeat):
        if setup:
            setup()
        started = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - started)
    return result, best


def _floor(text: str) -> Counter[str]:
    return Counter(re.compile(r"\w+").findall(text))


def countries() -> dict[str, float]:
    """Precision and recall per kind against the hand-made gold (seed article + trap passages)."""
    import sys
    from pathlib import Path

    import helpers
    from helpers.countries import find_country_mentions

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.country_gold import passages, seed_gold

    article = helpers.read_article(helpers.paths.DEFAULT_ARTICLE)
    gold = [
        (int(g["paragraph"]), g["surface"], g["country"], g["kind"])
        for g in seed_gold()
        if g["kind"] != "region"
    ]
    found = find_country_mentions(article, roles=helpers.ROLES)
    predicted = [
        (int(r.paragraph), r.surface, "?" if r.ambiguous else r.country, r.kind) for r in found.itertuples()
    ]
    for ident, text, expected in passages():
        gold += [(ident, *e) for e in expected]
        predicted += [
            (ident, r.surface, "?" if r.ambiguous else r.country, r.kind)
            for r in find_country_mentions(text).itertuples()
        ]
    figures: dict[str, float] = {"gold mentions": len(gold)}
    remaining = Counter(predicted)
    for kind in ("name", "capital", "demonym", "alias", "variant"):
        g = Counter(x for x in gold if x[3] == kind)
        p = Counter(x for x in predicted if x[3] == kind)
        hits = sum((g & p).values())
        figures[f"{kind}: gold / predicted / correct"] = f"{sum(g.values())} / {sum(p.values())} / {hits}"
        figures[f"{kind}: precision"] = hits / sum(p.values()) if p else float("nan")
        figures[f"{kind}: recall"] = hits / sum(g.values()) if g else float("nan")
    g, p = Counter(gold), remaining
    figures["all kinds: precision"] = sum((g & p).values()) / sum(p.values())
    figures["all kinds: recall"] = sum((g & p).values()) / sum(g.values())
    texts = [r["text"] for r in synthetic_articles(400, seed=3)]
    started = time.perf_counter()
    mentions = sum(len(find_country_mentions(t)) for t in texts)
    seconds = time.perf_counter() - started
    figures["generated text: characters per second"] = sum(map(len, texts)) / seconds
    figures["generated text: mentions found"] = mentions
    return figures


def report() -> dict[str, float]:
    """`make report` (after set-up) against the same number of notebooks that only import pandas and
    matplotlib and save one figure, executed by the same machinery with the same parallelism."""
    import tempfile
    from pathlib import Path

    import nbformat

    from helpers.paths import DEFAULT_ARTICLE
    from helpers.report import DEFAULT_JOBS, ReportRun, execute_all, plan, run_report

    count = len(plan().notebooks)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "out" / "figures").mkdir(parents=True)
        paths = []
        for number in range(1, count + 1):
            nb = nbformat.v4.new_notebook()
            nb.cells = [
                nbformat.v4.new_code_cell('ARTICLE = ""\nOUTPUT = ""', metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(
                    "import pandas as pd\nimport matplotlib.pyplot as plt\n"
                    "fig, ax = plt.subplots()\nax.plot(pd.Series([1, 3, 2]))\n"
                    f"fig.savefig(OUTPUT + '/figures/baseline{number}.png')"
                ),
            ]
            paths.append(root / f"{number:02d}-baseline.ipynb")
            nbformat.write(nb, paths[-1])
        baseline = ReportRun(DEFAULT_ARTICLE, root / "out", root / "rendered", tuple(paths))
        quiet = lambda message: None  # noqa: E731
        baseline_s, report_s = [], []
        for _ in range(2):
            started = time.perf_counter()
            execute_all(baseline, log=quiet)
            baseline_s.append(time.perf_counter() - started)
            started = time.perf_counter()
            run_report(log=quiet)
            report_s.append(time.perf_counter() - started)
    return {
        "notebooks": count,
        "parallel kernels": DEFAULT_JOBS,
        "baseline notebooks s (best of 2)": min(baseline_s),
        "make report s (best of 2)": min(report_s),
        "ratio (goal <= 2)": min(report_s) / min(baseline_s),
    }


def _corpus_file(size: float, seed: int, unit: str = "characters") -> tuple[Path, int]:
    """A generated JSONL corpus of about ``size`` characters (or UTF-8 bytes of JSONL, with
    ``unit="bytes"``) in build/bench, kept between runs."""
    import json

    from helpers.paths import PROJECT_ROOT
    from helpers.synthetic import write_jsonl

    sample = list(synthetic_articles(300, seed=seed))
    if unit == "bytes":
        per_article = sum(len(json.dumps(r, ensure_ascii=False).encode()) + 1 for r in sample) / len(sample)
    else:
        per_article = sum(len(r["text"]) for r in sample) / len(sample)
    articles = int(size / per_article) + 1
    path = PROJECT_ROOT / "build" / "bench" / f"synthetic-{articles}-{seed}.jsonl"
    if not path.exists():
        write_jsonl(path, articles, seed=seed)
    return path, articles


class _PeakMemory:
    """Peak proportional set size (PSS) of this process and its children, sampled every 0.2 s; at the
    peak, each process's share (``parts``: main, forkserver, workers, the resource tracker), and the
    CPU seconds of them all (``cpu``: a figure the other loads of a shared machine disturb less)."""

    def __enter__(self):
        import threading

        import psutil

        self.peak, self.parts, self.cpu, self.stop, cpu = 0, {}, 0.0, threading.Event(), {}

        def role(proc, me) -> str:
            if proc.pid == me.pid:
                return "main"
            command = " ".join(proc.cmdline())
            for name in ("forkserver", "resource_tracker"):
                if name in command:
                    return name
            return f"worker {proc.pid}"

        def sample() -> None:
            me = psutil.Process()
            while not self.stop.wait(0.2):
                parts = {}
                for proc in [me, *me.children(recursive=True)]:
                    with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                        parts[role(proc, me)] = proc.memory_full_info().pss
                        times = proc.cpu_times()
                        cpu[proc.pid] = times.user + times.system
                if sum(parts.values()) > self.peak:
                    self.peak, self.parts = sum(parts.values()), parts
                self.cpu = sum(cpu.values())

        self.thread = threading.Thread(target=sample, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()


def _corpus_seconds(path: Path, workers: int) -> float:
    """Seconds of one ``run_corpus`` in a fresh process, after its start-up and table loading, so that
    no run inherits the words another one has analysed."""
    import subprocess
    import sys

    code = (
        "import sys, tempfile, time\n"
        "from helpers.corpus import run_corpus, warm_up\n"
        "warm_up()\n"
        "with tempfile.TemporaryDirectory() as out:\n"
        "    started = time.perf_counter()\n"
        "    run_corpus(sys.argv[1], out, int(sys.argv[2]), log=lambda message: None)\n"
        "    print(time.perf_counter() - started)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), str(workers)], capture_output=True, text=True, check=True
    )
    return float(done.stdout.split()[-1])


ROUNDS = 3


def _sample_file(copies: int = 20) -> Path | None:
    """The real news sample (not shipped: its license forbids it) repeated ``copies`` times with new ids,
    in build/bench, when it is found (``CORPUS_SAMPLE`` or ``../shared/corpora`` beside the project)."""
    import json
    import os

    from helpers.paths import PROJECT_ROOT

    source = Path(os.environ.get("CORPUS_SAMPLE", PROJECT_ROOT.parent / "shared" / "corpora"))
    files = sorted(source.glob("*.jsonl")) if source.is_dir() else [source] if source.is_file() else []
    if not files:
        return None
    path = PROJECT_ROOT / "build" / "bench" / f"sample-x{copies}.jsonl"
    if not path.exists():
        records = [json.loads(line) for line in files[0].open(encoding="utf-8") if line.strip()]
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as out:
            for copy in range(copies):
                for record in records:
                    out.write(
                        json.dumps({**record, "id": f"{copy}-{record.get('id')}"}, ensure_ascii=False) + "\n"
                    )
    return path


def _texts(path: Path) -> list[str]:
    import json

    texts = []
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        title = record.get("title") or ""
        texts.append(f"{title}\n\n{record['text']}" if title else record["text"])
    return texts


def _against_floor(path: Path, rounds: int = ROUNDS) -> dict[str, float]:
    """1 and 2 workers against the floor over the same texts, alternating, ``rounds`` times."""
    texts = _texts(path)
    size = sum(map(len, texts))
    floor, one, two = [], [], []
    for _ in range(rounds):
        floor.append(_timed(lambda: [_floor(t) for t in texts], repeat=1)[1])
        one.append(_corpus_seconds(path, 1))
        two.append(_corpus_seconds(path, 2))
    ratios = [f / s for f, s in zip(floor, one, strict=True)]
    speedups = [a / b for a, b in zip(one, two, strict=True)]
    return {
        "articles": len(texts),
        "characters": size,
        "floor characters/s (median)": size / statistics.median(floor),
        "1 worker: characters/s (median)": size / statistics.median(one),
        "2 workers: characters/s (median)": size / statistics.median(two),
        f"1 worker: ratio to floor, median of {rounds} (goal >= 0.5)": statistics.median(ratios),
        "1 worker: ratio to floor, lowest and highest": f"{min(ratios):.3f} – {max(ratios):.3f}",
        f"speed-up 2 workers / 1, median of {rounds}": statistics.median(speedups),
        "speed-up, lowest and highest": f"{min(speedups):.2f} – {max(speedups):.2f}",
    }


def corpus(chars: int = 10_000_000) -> dict[str, float]:
    """The whole corpus analysis (``run_corpus``: reading JSONL, every table written) at 1 and 2
    workers against the regex floor over the same texts, on generated news and (when found) on the
    real sample; then the speed-up on a generated corpus four times larger (goal >= 1.8)."""
    path, _ = _corpus_file(chars, seed=11)
    figures = {f"generated: {k}": v for k, v in _against_floor(path).items()}
    sample = _sample_file()
    if sample is not None:
        figures.update({f"real sample x20: {k}": v for k, v in _against_floor(sample).items()})
    big, big_articles = _corpus_file(4 * chars, seed=11)
    big_speedups = [_corpus_seconds(big, 1) / _corpus_seconds(big, 2) for _ in range(ROUNDS)]
    figures[
        f"{big_articles:,} articles ({4 * chars:,} characters): speed-up, median of {ROUNDS} (goal >= 1.8)"
    ] = statistics.median(big_speedups)
    figures["  lowest and highest"] = f"{min(big_speedups):.2f} – {max(big_speedups):.2f}"
    return figures


def linear(sizes: tuple[float, ...] = (0.1, 1.0, 5.0, 19.5)) -> dict[str, float]:
    """Seconds per MB of one article's whole analysis, for articles of ``sizes`` MB, written as many
    paragraphs or as a single line (every stage must be linear in the input)."""
    import tempfile

    import helpers

    sentences = [r["text"].replace("\n", " ") for r in synthetic_articles(400, seed=5)]
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for layout in ("many lines", "one line"):
            for size in sizes:
                body, total, i = [], 0, 0
                while total < size * 1e6:
                    piece = sentences[i % len(sentences)]
                    body.append(piece)
                    total += len(piece.encode("utf-8")) + 1
                    i += 1
                text = "عنوان الخبر\n" + ("\n" if layout == "many lines" else " ").join(body)
                path = Path(tmp) / "article.txt"
                path.write_text(text, encoding="utf-8")
                megabytes = path.stat().st_size / 1e6

                def analyse_once(path: Path = path) -> None:
                    article = helpers.read_article(path, max_bytes=int(25e6))
                    helpers.term_frequencies(article)
                    helpers.co_mentions(helpers.find_country_mentions(article))

                _, seconds = _timed(analyse_once, repeat=1)
                figures[f"{layout}, {megabytes:.1f} MB: seconds per MB"] = seconds / megabytes
    return figures


def corpus_memory(gigabytes: float = 1.0) -> dict[str, float]:
    """Peak memory of the corpus analysis (2 workers) on a generated corpus of about 1 GB of UTF-8."""
    import tempfile

    from helpers.corpus import run_corpus

    path, _articles = _corpus_file(gigabytes * 1e9, seed=13, unit="bytes")
    with tempfile.TemporaryDirectory() as tmp, _PeakMemory() as memory:
        summary, seconds = _timed(run_corpus, path, tmp, 2, repeat=1)
    return {
        "corpus file MB": path.stat().st_size / 1e6,
        "articles": summary.analysed,
        "seconds": seconds,
        "CPU seconds, all processes": memory.cpu,
        "peak memory MB (PSS, all processes; goal < 1000)": memory.peak / 1e6,
        **{f"  at the peak, {name} MB": pss / 1e6 for name, pss in memory.parts.items()},
    }


BENCHMARKS = {
    "countries": countries,
    "report": report,
    "corpus": corpus,
    "linear": linear,
    "corpus-memory": corpus_memory,
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "names", nargs="*", choices=[*BENCHMARKS, []], help="benchmarks to run (default: all)"
    )
    args = parser.parse_args()
    for name in args.names or [
        n for n in BENCHMARKS if n not in ("corpus-memory", "linear")
    ]:  # ask for these
        print(f"== {name}")
        for key, value in BENCHMARKS[name]().items():
            shown = (
                f"{value:,.3f}"
                if isinstance(value, float)
                else f"{value:,}"
                if isinstance(value, int)
                else value
            )
            print(f"  {key:<58} {shown}")


if __name__ == "__main__":
    main()
