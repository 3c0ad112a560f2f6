"""From one article to a corpus: read many articles, analyse each, and add the counts up.

Input is a folder of ``.txt`` files, a JSONL file (one article per line: ``text``, optional ``id``,
``title``, ``source``, ``date``) or a CSV file with a text column. Bad records are reported with their
file and line and skipped; the run goes on. Articles are streamed: memory grows with the vocabulary,
not with the corpus. The same per-article function runs in this process, in a pool of processes
(``workers``), or on Dask (:mod:`helpers.corpus_dask`).
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from helpers.errors import InputError
from helpers.reading import decode_bytes, paragraph_spans
from helpers.roles import ANALYSIS_ROLES, classify_roles

_ARABIC = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")
_LETTERS = re.compile(r"[^\W\d_]+")
ENDINGS = frozenset(".!?؟")


@dataclass(frozen=True)
class Record:
    """One article of a corpus, and where it came from."""

    id: str
    text: str
    source: str = ""
    file: str = ""
    line: int | None = None


@dataclass(frozen=True)
class Problem:
    """A record that was skipped, and why."""

    file: str
    line: int | None
    reason: str


def _jsonl(path: Path) -> Iterator[Record | Problem]:
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                yield Problem(str(path), number, "undecodable bytes (not UTF-8)")
                continue
            except json.JSONDecodeError as exc:
                yield Problem(str(path), number, f"invalid JSON ({exc.msg})")
                continue
            yield _record(data, path, number)


def _record(data: object, path: Path, number: int) -> Record | Problem:
    if not isinstance(data, dict):
        return Problem(str(path), number, "not an object with a text field")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        return Problem(str(path), number, "missing text")
    title = data.get("title")
    if isinstance(title, str) and title.strip() and not text.lstrip().startswith(title.strip()):
        text = f"{title.strip()}\n\n{text}"  # the title is the headline
    return Record(
        id=str(data.get("id") or f"{path.stem}:{number}"),
        text=text,
        source=str(data.get("source") or ""),
        file=str(path),
        line=number,
    )


def _csv(path: Path, text_column: str) -> Iterator[Record | Problem]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
        with handle:
            reader = csv.DictReader(handle)
            if text_column not in (reader.fieldnames or []):
                raise InputError(
                    path, f"has no column {text_column!r} (columns: {', '.join(reader.fieldnames or [])})"
                )
            for number, row in enumerate(reader, start=2):
                yield _record({**row, "text": row.get(text_column)}, path, number)
    except UnicodeDecodeError:
        raise InputError(path, "is not UTF-8 text") from None
    except csv.Error as exc:
        raise InputError(path, f"is not valid CSV ({exc})") from None


def _folder(path: Path) -> Iterator[Record | Problem]:
    for file in sorted(p for p in path.rglob("*.txt") if p.is_file()):
        try:
            text, _ = decode_bytes(file.read_bytes(), file)
        except InputError as exc:
            yield Problem(str(file), None, exc.problem)
            continue
        yield Record(id=file.stem, text=text, source=file.parent.name, file=str(file))


def read_corpus(path: str | Path, text_column: str = "text") -> Iterator[Record | Problem]:
    """Records (and problems) of a corpus, lazily, in input order."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file or folder")
    if path.is_dir():
        return _folder(path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return _jsonl(path)
    if suffix == ".csv":
        return _csv(path, text_column)
    raise InputError(path, "is not a corpus: give a folder of .txt files, a .jsonl file or a .csv file")


@dataclass
class ArticleResult:
    """What one article contributes to the corpus tables (picklable, small)."""

    id: str
    source: str
    tokens: int
    arabic_share: float
    terms: Counter
    countries: Counter
    pairs: Counter


def analyse_text(text: str) -> tuple[int, Counter, Counter, Counter]:
    """``(word tokens, term counts by base, country mentions, country pairs per sentence)`` of the
    headline, body and subheadings of ``text``: the counts of :func:`helpers.term_frequencies` and
    :func:`helpers.find_country_mentions`, computed from token lists, without tables or offsets."""
    from helpers.countries import CONTEXT, match_tokens, plain_countries, resolve
    from helpers.tokenizing import TOKEN_TEXT, analyze_words

    spans = paragraph_spans(text)
    paragraphs = [text[s:e] for s, e in spans]
    kept = [
        p for p, role in zip(paragraphs, classify_roles(paragraphs), strict=True) if role in ANALYSIS_ROLES
    ]
    terms: Counter[str] = Counter()
    words = 0
    found = []  # (paragraph, sentence, raw match)
    for number, paragraph in enumerate(kept):
        tokens = TOKEN_TEXT.findall(paragraph)
        counted = Counter(tokens)
        distinct = [t for t in counted if t[0].isalpha()]
        analyses = dict(zip(distinct, analyze_words(distinct), strict=True))
        for t in distinct:
            _norm, word_base, stop = analyses[t]
            words += counted[t]
            if not stop:
                terms[word_base] += counted[t]
        norm_of = {t: a[0] for t, a in analyses.items()}
        norms = [norm_of.get(t, "") for t in tokens]
        ends = _sentence_ends(tokens)
        for match in match_tokens(tokens, norms):
            i = match["token"]
            sentence = bisect_right(ends, i - 1)
            lo = ends[sentence - 1] + 1 if sentence else 0
            hi = ends[sentence] + 1 if sentence < len(ends) else len(tokens)
            context = set(norms[max(lo, i - CONTEXT) : min(hi, i + CONTEXT + 1)]) - {norms[i]}
            found.append((number, sentence, dict(match, context=context)))
    named = plain_countries([m for _, _, m in found])
    countries: Counter[str] = Counter()
    by_sentence: dict[tuple[int, int], set[str]] = {}
    for number, sentence, match in found:
        resolved = None if match["kind"] == "region" else resolve(match, named)
        if resolved is None or resolved.get("ambiguous"):
            continue
        countries[resolved["country"]] += 1
        by_sentence.setdefault((number, sentence), set()).add(resolved["country"])
    pairs: Counter[tuple[str, str]] = Counter()
    for named_together in by_sentence.values():
        pairs.update(combinations(sorted(named_together), 2))
    return words, terms, countries, pairs


def _sentence_ends(tokens: list[str]) -> list[int]:
    """Token indexes that end a sentence, by the rules of :func:`helpers.split_sentences`."""
    ends, depth = [], 0
    for i, token in enumerate(tokens):
        if token == "«":
            depth += 1
        elif token == "»":
            depth = max(0, depth - 1)
        elif token in ENDINGS and depth == 0:
            previous = tokens[i - 1] if i else ""
            if not (token == "." and len(previous) == 1 and previous.isalpha()):
                ends.append(i)
    return ends


def analyse_record(record: Record) -> ArticleResult:
    """The corpus contribution of one record (runs in workers)."""
    words, terms, countries, pairs = analyse_text(record.text)
    letters = sum(map(len, _LETTERS.findall(record.text)))
    share = sum(map(len, _ARABIC.findall(record.text))) / letters if letters else 0.0
    return ArticleResult(record.id, record.source, words, share, terms, countries, pairs)


@dataclass
class Batch:
    """The results of a batch of articles: each article's own figures, and the batch's term counts
    added up where the work was done (so that much less travels back and is merged)."""

    articles: list[ArticleResult]
    terms: Counter


def analyse_batch(records: list[Record]) -> Batch:
    """:func:`analyse_record` over a batch (the unit of work sent to a process or a Dask worker)."""
    from helpers.lexicon import use_known_bases

    use_known_bases()  # a corpus meets most of the lexicon: its precomputed bases pay off
    results = [analyse_record(r) for r in records]
    terms: Counter[str] = Counter()
    for result in results:
        terms.update(result.terms)
        result.terms = Counter()
    return Batch(results, terms)


@dataclass
class Totals:
    """Corpus counts, added up one batch at a time."""

    articles: int = 0
    tokens: int = 0
    terms: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)
    country_articles: Counter = field(default_factory=Counter)
    pairs: Counter = field(default_factory=Counter)

    def add(self, batch: Batch) -> None:
        self.terms.update(batch.terms)
        for result in batch.articles:
            self.articles += 1
            self.tokens += result.tokens
            self.countries.update(result.countries)
            self.country_articles.update(result.countries.keys())
            self.pairs.update(result.pairs)


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


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


BATCH = 256
"""Articles per unit of work."""


def local_engine(records: Iterator[Record], workers: int = 1) -> Iterator[Batch]:
    """Batches of results in input order, from this process (``workers=1``) or a pool of processes."""
    if workers <= 1:
        yield from map(analyse_batch, batched(records, BATCH))
        return
    import multiprocessing

    _warm_up()  # load the lexicon and gazetteer once, before the workers are forked
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with context.Pool(workers) as pool:
        yield from pool.imap(analyse_batch, batched(records, BATCH))


def _warm_up() -> None:
    from helpers.lexicon import use_known_bases

    use_known_bases()
    analyse_text("تمهيد\nزار الوزير طهران وموسكو.")


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
    """Analyse every article of a corpus and write its tables into ``out`` (atomically).

    Writes ``articles.csv`` (id, source, tokens, arabic_share, top_country, mentions),
    ``terms.csv`` (term, count, share), ``country_counts.csv`` (country, country_name,
    mentions, articles), ``country_counts_by_article.csv`` (article, country, mentions),
    ``co_mentions.csv`` (first, second, count: sentences naming both), ``problems.csv`` (file, line,
    reason of every skipped record) and ``summary.json``.
    """
    import pandas as pd

    from helpers.gazetteer import display_names
    from helpers.storage import atomic_open, atomic_write_bytes, table_to_csv

    log = log or (lambda message: print(message, file=sys.stderr))
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(out, "exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    problems: list[Problem] = []
    reasons: Counter[str] = Counter()
    read = 0

    def records() -> Iterator[Record]:
        nonlocal read
        for item in read_corpus(path, text_column):
            read += 1
            if isinstance(item, Problem):
                reasons[item.reason.split(" (")[0]] += 1
                problem_sink.writerow([item.file, item.line or "", item.reason])
                if len(problems) < 20:  # the first ones are shown; all are in problems.csv
                    problems.append(item)
            else:
                yield item

    totals = Totals()
    show = sys.stderr.isatty() if progress is None else progress
    with ExitStack() as files:  # each table replaces the old one only if the whole run succeeds

        def table(name: str, header: list[str]):
            writer = csv.writer(files.enter_context(atomic_open(out / name, newline="", encoding="utf-8")),
                                lineterminator="\n")  # fmt: skip
            writer.writerow(header)
            return writer

        articles = table(
            "articles.csv", ["id", "source", "tokens", "arabic_share", "top_country", "mentions"]
        )
        by_article = table("country_counts_by_article.csv", ["article", "country", "mentions"])
        problem_sink = table("problems.csv", ["file", "line", "reason"])
        if engine == "dask":
            from helpers.corpus_dask import dask_engine

            results = dask_engine(records(), workers, scheduler)
        elif engine == "local":
            results = local_engine(records(), workers)
        else:
            raise InputError(engine, 'unknown engine: use "local" or "dask"')
        from tqdm import tqdm

        with tqdm(desc="articles", unit=" articles", disable=not show) as bar:
            for batch in results:
                totals.add(batch)
                bar.update(len(batch.articles))
                for result in batch.articles:
                    top = (
                        min(result.countries.items(), key=lambda kv: (-kv[1], kv[0]))[0]
                        if result.countries
                        else ""
                    )
                    articles.writerow(
                        [result.id, result.source, result.tokens, f"{result.arabic_share:.4f}", top,
                         sum(result.countries.values())]
                    )  # fmt: skip
                    for country, n in sorted(result.countries.items()):
                        by_article.writerow([result.id, country, n])

    names = display_names()
    terms = pd.DataFrame(
        sorted(totals.terms.items(), key=lambda kv: (-kv[1], kv[0])), columns=["term", "count"]
    )
    terms["share"] = terms["count"] / max(1, totals.terms.total())
    countries = pd.DataFrame(
        [(c, names.get(c, c), n, totals.country_articles[c])
         for c, n in sorted(totals.countries.items(), key=lambda kv: (-kv[1], kv[0]))],
        columns=["country", "country_name", "mentions", "articles"],
    )  # fmt: skip
    pairs = pd.DataFrame(
        [(a, b, n) for (a, b), n in sorted(totals.pairs.items(), key=lambda kv: (-kv[1], kv[0]))],
        columns=["first", "second", "count"],
    )
    tables = {"terms.csv": terms, "country_counts.csv": countries, "co_mentions.csv": pairs}
    for name, table in tables.items():
        atomic_write_bytes(out / name, table_to_csv(table))
    summary = CorpusSummary(
        read=read,
        analysed=totals.articles,
        skipped=sum(reasons.values()),
        skipped_by_reason=dict(sorted(reasons.items())),
        tokens=totals.tokens,
        seconds=time.perf_counter() - started,
        outputs=sorted(
            [*tables, "articles.csv", "country_counts_by_article.csv", "problems.csv", "summary.json"]
        ),
    )
    record = {k: v for k, v in summary.__dict__.items() if k != "seconds"}
    atomic_write_bytes(
        out / "summary.json", (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode()
    )
    for problem in problems:
        log(f"skipped {problem.file}{f':{problem.line}' if problem.line else ''}: {problem.reason}")
    if summary.skipped > len(problems):
        log(f"… {summary.skipped - len(problems)} more in {out / 'problems.csv'}")
    for line in summary.lines():
        log(line)
    return summary
