"""From one article to a corpus: the same analysis over many articles, and the counts added up.

Input (:mod:`helpers.corpus_reading`) is a folder of ``.txt`` files, a JSONL file or a CSV file; bad
records are reported with their file and line and skipped; the run goes on. Articles are streamed in
chunks; each chunk is analysed by :func:`helpers.analysis.analyse`, the engine behind every article
function, in this process, in a pool of processes (``workers``) or on Dask (:mod:`helpers.corpus_dask`),
and only its counts travel back. No rule of the analysis lives here: this module adds counts up.
"""

from __future__ import annotations

import json
import multiprocessing
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing import forkserver
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
from tqdm import tqdm

from helpers.analysis import analyse
from helpers.chars import TERM_KINDS
from helpers.corpus_dask import dask_engine, one_core
from helpers.corpus_reading import Chunk, Problem, Record, chunks, parse
from helpers.countries import pair_counts
from helpers.errors import InputError
from helpers.gazetteer import display_names
from helpers.mention_rules import COUNTRY_KINDS
from helpers.reading import paragraph_frame
from helpers.roles import ANALYSIS_ROLES
from helpers.storage import atomic_open, staged_folder
from helpers.terms import ngram_rows
from helpers.words import known_bases_table

BATCH = 256
"""Articles per unit of work: few enough that a worker's tables for it stay small (about 60 MB at its
peak; 1,024 took 200 MB, at about 15% less CPU; 512 about as fast as 1,024, at 120 MB)."""
ARTICLE_COLUMNS = ["id", "source", "tokens", "arabic_share", "top_country", "mentions"]
COUNTRY_COLUMNS = ["article", "country", "mentions"]
MENTION_SCHEMA = {"article": pl.String, "date": pl.String, "country": pl.String, "kind": pl.String,
                  "count": pl.Int64}  # fmt: skip
"""``mentions.parquet``: mentions per article, country and kind, with the article's date when given."""
OUTPUTS = ("articles.csv", "terms.csv", "country_counts.csv", "country_counts_by_article.csv", "co_mentions.csv",
           "mentions.parquet", "problems.csv", "summary.json")  # fmt: skip
"""What a run writes into its ``out`` folder (all of them, or none)."""
COMPACT = 250_000
"""Rows of per-chunk counts (terms, pairs) kept before they are added up, or as many as the running total
has when it has more: the writing process's memory stays about twice the distinct terms, at a cost that
grows with the corpus, not with its square."""
ROW_GROUP = 200_000
"""Rows of ``mentions.parquet`` held before they are written out (the table is never whole in memory)."""


@dataclass
class Batch:
    """What a chunk of the corpus contributes: its rows of ``articles.csv`` and
    ``country_counts_by_article.csv`` (CSV text, ready to write), its mentions, and its counts."""

    read: int = 0
    problems: list[Problem] = field(default_factory=list)
    articles: int = 0
    tokens: int = 0
    article_rows: str = ""
    country_rows: str = ""
    mentions: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=MENTION_SCHEMA))
    terms: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema={"term": pl.String, "count": pl.Int64})
    )
    pairs: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(
            schema={"first": pl.String, "second": pl.String, "count": pl.Int64}
        )
    )


def _csv_rows(frame: pl.DataFrame) -> str:
    return (
        frame.write_csv(include_header=False, line_terminator="\n", float_precision=4) if len(frame) else ""
    )


def analyse_records(records: list[Record]) -> Batch:
    """The corpus contribution of some articles: the one analysis (:func:`helpers.analysis.analyse`)
    of their headline, body and subheadings, counted.

    An article's ``tokens`` are its words (Arabic, Latin or another script; not numbers or
    punctuation); ``arabic_share`` is the share of those words written in Arabic; terms are counted by
    base without stopwords, as :func:`helpers.term_frequencies` counts them.
    """
    analysis = analyse(paragraph_frame([(r.id, r.text) for r in records]))
    tokens = analysis.tokens_in(ANALYSIS_ROLES)
    info = pl.DataFrame(
        {
            "doc": range(1, len(records) + 1),
            "id": [r.id for r in records],
            "source": [r.source for r in records],
            "date": [r.date for r in records],
        },
        schema={"doc": pl.Int32, "id": pl.String, "source": pl.String, "date": pl.String},
    )
    words = (
        tokens.filter(pl.col("kind").is_in(TERM_KINDS))
        .group_by("doc")
        .agg(tokens=pl.len(), arabic=(pl.col("kind") == "arabic").sum())
    )
    mentions = analysis.mentions(ANALYSIS_ROLES).filter(
        pl.col("kind").is_in(COUNTRY_KINDS) & (pl.col("country") != "")
    )
    per_kind = mentions.group_by("doc", "country", "kind").len("count").sort("doc", "country", "kind")
    per_country = per_kind.group_by("doc", "country").agg(pl.col("count").sum()).sort("doc", "country")
    top = (
        per_country.sort(["doc", "count", "country"], descending=[False, True, False])
        .group_by("doc", maintain_order=True)
        .agg(top_country=pl.col("country").first(), mentions=pl.col("count").sum())
    )
    articles = (
        info.join(words, on="doc", how="left")
        .join(top, on="doc", how="left")
        .select(
            "id",
            "source",
            pl.col("tokens").fill_null(0),
            arabic_share=pl.when(pl.col("tokens") > 0)
            .then(pl.col("arabic") / pl.col("tokens"))
            .otherwise(0.0),
            top_country=pl.col("top_country").fill_null(""),
            mentions=pl.col("mentions").fill_null(0),
        )
    )
    by_article = per_country.join(info, on="doc").select(pl.col("id").alias("article"), "country", "count")
    terms = ngram_rows(tokens).group_by("term").agg(count=pl.len())
    return Batch(
        articles=len(records),
        tokens=int(articles["tokens"].sum()),
        article_rows=_csv_rows(articles),
        country_rows=_csv_rows(by_article),
        mentions=per_kind.join(info, on="doc").select(
            pl.col("id").alias("article"), "date", "country", "kind", pl.col("count").cast(pl.Int64)
        ),
        terms=terms.with_columns(pl.col("count").cast(pl.Int64)),
        pairs=pair_counts(mentions).with_columns(pl.col("count").cast(pl.Int64)),
    )


def analyse_chunk(chunk: Chunk) -> Batch:
    """:func:`analyse_records` over the records of a chunk, parsed here (in the worker), with the
    chunk's bad records."""
    items = parse(chunk)
    records = [r for r in items if isinstance(r, Record)]
    batch = analyse_records(records) if records else Batch()
    batch.read = len(items)
    batch.problems = [p for p in items if isinstance(p, Problem)]
    return batch


def warm_up() -> None:
    """Load what the analysis needs (lexicon, gazetteer, the lexicon's precomputed bases): about a
    second, once per process."""
    known_bases_table()
    analyse_records([Record("warm-up", "تمهيد\nزار الوزير طهران وموسكو.")])


def _quiet_worker() -> None:
    """A worker leaves Ctrl-C to the process that started it (which stops the pool and says so in one
    line) and ends at once on SIGTERM: no traceback from a worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def local_engine(parts: Iterator[Chunk], workers: int = 1) -> Iterator[Batch]:
    """Batches of results in input order, from this process (``workers=1``) or a pool of processes.

    The workers are forked from a fresh process that has loaded the word knowledge once
    (:mod:`helpers.corpus_preload`), so they share it; each then loads its own tables of the dataframe
    engine, whose threads do not survive a fork. Where there is no fork (Windows), each worker starts
    afresh and loads everything.
    """
    if workers <= 1:
        yield from map(analyse_chunk, parts)
        return
    one_core()  # inherited by the workers (through the forkserver, which starts with this environment)
    if "forkserver" not in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("spawn").Pool(workers, initializer=_quiet_worker) as pool:
            yield from pool.imap(analyse_chunk, parts)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["helpers.corpus_preload"])
    try:
        with context.Pool(workers, initializer=_quiet_worker) as pool:
            yield from pool.imap(analyse_chunk, parts)
    finally:  # its copy of the word knowledge is not needed while the tables are written (restarts on demand)
        forkserver._forkserver._stop()


@dataclass
class CorpusSummary:
    """What a corpus run read, skipped and wrote."""

    read: int
    analysed: int
    skipped: int
    skipped_by_reason: dict[str, int]
    tokens: int
    seconds: float
    outputs: list[str]

    def lines(self) -> list[str]:
        out = [f"read {self.read} records: {self.analysed} analysed, {self.skipped} skipped"]
        out += [f"  skipped, {reason}: {n}" for reason, n in sorted(self.skipped_by_reason.items())]
        out.append(f"{self.tokens:,} word tokens in {self.seconds:.1f} s")
        return out


def _added(frames: list[pl.DataFrame], keys: list[str]) -> pl.DataFrame:
    """Count tables added up by ``keys``, most frequent first, ties in key order (deterministic)."""
    total = pl.concat(frames).group_by(keys).agg(pl.col("count").sum())
    return total.sort(["count", *keys], descending=[True, *[False] * len(keys)])


class _Counts:
    """Count tables of the chunks, added up by ``keys`` as they come (:data:`COMPACT`)."""

    def __init__(self, keys: list[str]) -> None:
        self.keys, self.frames, self.pending = keys, [], 0

    def add(self, frame: pl.DataFrame) -> None:
        self.frames.append(frame)
        self.pending += len(frame)
        if self.pending > max(COMPACT, len(self.frames[0])):  # added up, not yet sorted
            total = pl.concat(self.frames).group_by(self.keys).agg(pl.col("count").sum())
            self.frames, self.pending = [total], 0

    def total(self) -> pl.DataFrame:
        """All the counts so far, added up (:func:`_added`)."""
        return _added(self.frames, self.keys)


class _ParquetRows:
    """A Parquet file written in row groups as the rows come (:data:`ROW_GROUP`)."""

    def __init__(self, handle, schema: dict) -> None:
        self.schema = pl.DataFrame(schema=schema).to_arrow().schema
        self.writer = pq.ParquetWriter(handle, self.schema, compression="zstd", write_statistics=False,
                                       store_schema=False)  # fmt: skip
        self.frames, self.rows = [], 0

    def add(self, frame: pl.DataFrame) -> None:
        self.frames.append(frame)
        self.rows += len(frame)
        if self.rows >= ROW_GROUP:
            self.flush()

    def flush(self) -> None:
        if self.frames:
            self.writer.write_table(pl.concat(self.frames).to_arrow().cast(self.schema))
        self.frames, self.rows = [], 0

    def __enter__(self) -> _ParquetRows:
        return self

    def __exit__(self, kind, *_) -> None:
        if kind is None:  # else the file is thrown away
            self.flush()
        self.writer.close()


def _write_csv(path: Path, frame: pl.DataFrame) -> None:
    with atomic_open(path, "wb") as handle:
        frame.write_csv(handle, line_terminator="\n", float_precision=6)


def run_corpus(
    path: str | Path,
    out: str | Path,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    text_column: str = "text",
    progress: bool | None = None,
    log: Callable[[str], None] | None = None,
) -> CorpusSummary:
    """Analyse every article of a corpus and write its tables into ``out``, all together or not at all.

    Writes ``articles.csv`` (id, source, tokens: words counted, arabic_share: of those words,
    top_country, mentions), ``terms.csv`` (term, count, share), ``country_counts.csv`` (country,
    country_name, mentions, articles), ``country_counts_by_article.csv`` (article, country, mentions),
    ``co_mentions.csv`` (first, second, count: sentences naming both), ``mentions.parquet`` (article,
    date, country, kind, count), ``problems.csv`` (file, line, reason of every skipped record) and
    ``summary.json``.
    """
    log = log or (lambda message: print(message, file=sys.stderr))
    if engine not in ("local", "dask"):
        raise InputError(engine, 'unknown engine: use "local" or "dask"')
    parts = chunks(path, text_column, BATCH)  # a missing or unknown input fails here, before any output
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(out, "exists and is not a folder")
    started = time.perf_counter()
    problems: list[Problem] = []
    reasons: Counter[str] = Counter()
    read = analysed = tokens = 0
    terms, pairs = _Counts(["term"]), _Counts(["first", "second"])
    show = sys.stderr.isatty() if progress is None else progress
    others = sorted(p.name for p in out.iterdir() if p.name not in OUTPUTS) if out.is_dir() else []
    if others:  # the whole folder is replaced: never with something of the user's in it
        raise InputError(out, f"holds files that are not a corpus run's tables ({', '.join(others[:3])}); "
                              "give a new or empty folder")  # fmt: skip
    with staged_folder(out) as folder:
        if engine == "dask":
            results = dask_engine(analyse_chunk, parts, workers, scheduler)
        else:
            results = local_engine(parts, workers)
        with (
            atomic_open(folder / "articles.csv", encoding="utf-8", newline="") as article_sink,
            atomic_open(
                folder / "country_counts_by_article.csv", encoding="utf-8", newline=""
            ) as country_sink,
            atomic_open(folder / "problems.csv", encoding="utf-8", newline="") as problem_sink,
            atomic_open(folder / "mentions.parquet", "wb") as mention_file,
            _ParquetRows(mention_file, MENTION_SCHEMA) as mention_sink,
            tqdm(desc="articles", unit=" articles", disable=not show) as bar,
        ):
            article_sink.write(",".join(ARTICLE_COLUMNS) + "\n")
            country_sink.write(",".join(COUNTRY_COLUMNS) + "\n")
            problem_rows = []
            for batch in results:
                read += batch.read
                analysed += batch.articles
                tokens += batch.tokens
                for item in batch.problems:
                    reasons[item.reason.split(" (")[0]] += 1
                    problem_rows.append((item.file, item.line, item.reason))
                    if len(problems) < 20:  # the first ones are shown; all are in problems.csv
                        problems.append(item)
                article_sink.write(batch.article_rows)
                country_sink.write(batch.country_rows)
                terms.add(batch.terms)
                pairs.add(batch.pairs)
                mention_sink.add(batch.mentions)
                bar.update(batch.articles)
            problem_sink.write(
                pl.DataFrame(
                    problem_rows,
                    schema={"file": pl.String, "line": pl.Int64, "reason": pl.String},
                    orient="row",
                ).write_csv(line_terminator="\n")
            )
            if not read:  # raised here, the tables of an earlier run are left as they were
                raise InputError(path, "contains no records")
            if not analysed:
                raise InputError(path, f"has no readable record ({read} read, all skipped)")
        term_table = terms.total()
        total = max(1, int(term_table["count"].sum()))
        _write_csv(folder / "terms.csv", term_table.with_columns(share=pl.col("count") / total))
        by_country = (  # read back from the file: the workers have ended by now
            pl.scan_parquet(folder / "mentions.parquet")
            .group_by("country")
            .agg(mentions=pl.col("count").sum(), articles=pl.col("article").n_unique())
            .collect()
        )
        names = display_names()
        _write_csv(
            folder / "country_counts.csv",
            by_country.sort(["mentions", "country"], descending=[True, False]).select(
                "country", pl.col("country").replace_strict(names, default=pl.col("country")).alias("country_name"),
                "mentions", "articles",
            ),
        )  # fmt: skip
        _write_csv(folder / "co_mentions.csv", pairs.total())
        summary = CorpusSummary(
            read=read,
            analysed=analysed,
            skipped=sum(reasons.values()),
            skipped_by_reason=dict(sorted(reasons.items())),
            tokens=tokens,
            seconds=time.perf_counter() - started,
            outputs=sorted([*(p.name for p in folder.iterdir()), "summary.json"]),
        )
        record = {k: v for k, v in summary.__dict__.items() if k != "seconds"}
        with atomic_open(folder / "summary.json", encoding="utf-8") as handle:
            handle.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    for problem in problems:
        log(f"skipped {problem.file}{f':{problem.line}' if problem.line else ''}: {problem.reason}")
    if summary.skipped > len(problems):
        log(f"… {summary.skipped - len(problems)} more in {out / 'problems.csv'}")
    for line in summary.lines():
        log(line)
    return summary
