"""From one article to a corpus: analyse many articles and add the counts up.

Input (:mod:`helpers.corpus_reading`) is a folder of ``.txt`` files, a JSONL file or a CSV file; bad
records are reported with their file and line and skipped; the run goes on. Articles are streamed in
chunks, so memory grows with the vocabulary, not with the corpus. The same function
(:func:`analyse_chunk`) runs in this process, in a pool of processes (``workers``), or on Dask
(:mod:`helpers.corpus_dask`), and gives the counts of :func:`helpers.term_frequencies` and
:func:`helpers.find_country_mentions`, without their tables: each text is tokenized by one regular
expression per paragraph and counted in C, each distinct token of a chunk is looked up once (and
analysed once per process), and only the few tokens that can start a country mention, and their
neighbours, are looked at one by one.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, combinations
from operator import itemgetter
from pathlib import Path

from helpers.corpus_reading import Chunk, Problem, Record, chunks, parse
from helpers.errors import InputError
from helpers.reading import paragraph_spans
from helpers.roles import ANALYSIS_ROLES, classify_roles
from helpers.tokenizing import TOKEN_TEXT


@dataclass
class ArticleResult:
    """What one article contributes to the corpus tables besides its terms (picklable, small)."""

    id: str
    source: str
    tokens: int
    arabic_share: float
    countries: Counter
    pairs: Counter


PARAGRAPH_END = "\n"
"""Put after the tokens of every paragraph. :data:`~helpers.tokenizing.TOKEN_TEXT` never yields it (it
skips spaces), so no name is matched across paragraphs and every sentence ends with its paragraph."""
_SENTENCE_MARKS = frozenset(".!?؟«»" + PARAGRAPH_END)
_OTHER, _MARK, _FOREIGN, _START = range(4)  # kinds of token the corpus analysis looks for
CORPUS_WORDS = 200_000
"""Distinct surfaces a corpus process keeps analyses of (about 75 MB); beyond that it starts afresh."""


@dataclass
class _Known:
    """What the corpus analysis knows of the distinct tokens it has met in this process, worked out
    once: ``surface → (norm, base, is a term, is Arabic)``. The norm is None for numbers and
    punctuation; a term is a word that is not a stopword. ``starts`` are the surfaces that can start
    a country mention. Each normalized form is analysed once, however many spellings it has (with
    diacritics, tatweel …). When it outgrows :data:`CORPUS_WORDS` surfaces, all but the current batch's
    are forgotten, so memory stays bounded on any corpus and the frequent words stay known."""

    info: dict[str, tuple[str | None, str, bool, bool]] = field(default_factory=dict)
    by_norm: dict[str, tuple[str, bool, bool]] = field(default_factory=dict)
    starts: set[str] = field(default_factory=set)

    def learn(
        self, counts: Counter[str], terms: dict[str, int]
    ) -> tuple[dict[str, str | None], set[str], set[str]]:
        """For the tokens of ``counts``: each one's norm (None for numbers and punctuation), the
        words among them that are not Arabic, and the numbers and punctuation; ``counts`` are added
        to ``terms`` as term counts (words by base, stopwords left out)."""
        info = self.info
        new = [s for s in counts if s not in info]
        if len(info) + len(new) > CORPUS_WORDS:  # start afresh, but keep what this batch uses
            self.info = info = {s: info[s] for s in counts if s in info}
            self.starts = self.starts.intersection(info)
            self.by_norm = {}
        if new:
            self._analyse(new)
        norms: dict[str, str | None] = {}
        foreign: set[str] = set()
        non_words: set[str] = set()
        get = terms.get
        for surface, n in counts.items():
            norm, word_base, term, arabic = info[surface]
            norms[surface] = norm
            if term:
                terms[word_base] = get(word_base, 0) + n
            if not arabic:
                (foreign if norm is not None else non_words).add(surface)
        return norms, foreign, non_words

    def _analyse(self, surfaces: list[str]) -> None:
        from helpers.countries import is_candidate
        from helpers.lexicon import HAMZA_ARTICLE, analyse_word
        from helpers.tokenizing import analyze_norm, normalize_words

        words = [s for s in surfaces if s[0].isalpha()]
        for surface, (norm, kind) in zip(words, normalize_words(words), strict=True):
            known = self.by_norm.get(norm)
            if kind == "arabic" and HAMZA_ARTICLE.search(surface):  # the base depends on the spelling
                _, word_base, is_stop = analyse_word(surface)
                known = (word_base, is_stop, is_candidate(norm))
            elif known is None:
                _, word_base, is_stop = analyze_norm(norm, kind)
                known = self.by_norm[norm] = (word_base, is_stop, is_candidate(norm))
            word_base, is_stop, candidate = known
            self.info[surface] = (norm, word_base, not is_stop, kind == "arabic")
            if candidate:
                self.starts.add(surface)
        for surface in surfaces:
            if not surface[0].isalpha():
                self.info[surface] = (None, surface, False, False)


_KNOWN = _Known()


def article_tokens(text: str) -> list[str]:
    """The tokens of the headline, body and subheadings of ``text`` (:data:`TOKEN_TEXT`), each
    paragraph followed by :data:`PARAGRAPH_END`."""
    paragraphs = [text[s:e] for s, e in paragraph_spans(text)]
    tokens: list[str] = []
    for paragraph, role in zip(paragraphs, classify_roles(paragraphs), strict=True):
        if role in ANALYSIS_ROLES:
            tokens += TOKEN_TEXT.findall(paragraph)
            tokens.append(PARAGRAPH_END)
    return tokens


@dataclass
class Totals:
    """Corpus counts: added up for a batch where the work is done, then batch by batch."""

    articles: int = 0
    tokens: int = 0
    terms: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)
    country_articles: Counter = field(default_factory=Counter)
    pairs: Counter = field(default_factory=Counter)

    @classmethod
    def of(cls, results: list[ArticleResult], terms: Counter) -> Totals:
        """The totals of some articles (counted in C: ``elements()`` repeats each key its count)."""
        return cls(
            articles=len(results),
            tokens=sum(r.tokens for r in results),
            terms=terms,
            countries=Counter(chain.from_iterable(r.countries.elements() for r in results)),
            country_articles=Counter(chain.from_iterable(r.countries for r in results)),
            pairs=Counter(chain.from_iterable(r.pairs.elements() for r in results)),
        )

    def add(self, other: Totals) -> None:
        self.articles += other.articles
        self.tokens += other.tokens
        self.terms.update(other.terms)
        self.countries.update(other.countries)
        self.country_articles.update(other.country_articles)
        self.pairs.update(other.pairs)


@dataclass
class Batch:
    """The results of a batch of articles: its rows of ``articles.csv`` and
    ``country_counts_by_article.csv``, ready to write, and its counts added up where the work was
    done, so that little travels back and the process that writes the tables has little to do."""

    totals: Totals
    article_rows: str
    country_rows: str
    read: int = 0
    problems: list[Problem] = field(default_factory=list)


ARTICLE_COLUMNS = ["id", "source", "tokens", "arabic_share", "top_country", "mentions"]
COUNTRY_COLUMNS = ["article", "country", "mentions"]


def _rows(results: list[ArticleResult]) -> tuple[str, str]:
    """The CSV rows of ``results`` in ``articles.csv`` and in ``country_counts_by_article.csv``."""
    articles, countries = io.StringIO(), io.StringIO()
    article_writer = csv.writer(articles, lineterminator="\n")
    country_writer = csv.writer(countries, lineterminator="\n")
    for result in results:
        ranked = _ranked(result.countries)
        article_writer.writerow(
            [result.id, result.source, result.tokens, f"{result.arabic_share:.4f}",
             ranked[0][0] if ranked else "", sum(result.countries.values())]
        )  # fmt: skip
        country_writer.writerows([result.id, country, n] for country, n in sorted(result.countries.items()))
    return articles.getvalue(), countries.getvalue()


def analyse_batch(records: list[Record], terms: dict[str, int] | None = None) -> Batch:
    """The corpus contribution of a batch of records: each article's own figures, and the batch's
    term counts (added to ``terms`` instead, when given).

    An article's ``tokens`` are its words (Arabic, Latin or another script; not numbers or
    punctuation) in the headline, body and subheadings; ``arabic_share`` is the share of those
    words written in Arabic.
    """
    counts: Counter[str] = Counter()
    tokenized = []
    for record in records:
        tokens = article_tokens(record.text)
        counts.update(tokens)
        tokenized.append(tokens)
    batch_terms: dict[str, int] = {} if terms is None else terms
    norm_of, foreign, non_words = _KNOWN.learn(counts, batch_terms)
    # the few kinds of token that are looked for one by one: what is not a word (and which of those
    # can end a sentence), words in another script, and what can start a country mention
    code_of = dict.fromkeys(non_words, _OTHER)
    code_of.update(dict.fromkeys(non_words & _SENTENCE_MARKS, _MARK))
    code_of.update(dict.fromkeys(foreign, _FOREIGN))
    code_of.update(dict.fromkeys(_KNOWN.starts.intersection(counts), _START))
    results = []
    for record, tokens in zip(records, tokenized, strict=True):
        where = [i for i, token in enumerate(tokens) if token in code_of]
        codes = [code_of[tokens[i]] for i in where]
        words = len(tokens) - codes.count(_OTHER) - codes.count(_MARK)
        share = (words - codes.count(_FOREIGN)) / words if words else 0.0
        countries, pairs = Counter(), Counter()
        if _START in codes:
            starts = [i for i, code in zip(where, codes, strict=True) if code == _START]
            marks = [i for i, code in zip(where, codes, strict=True) if code == _MARK]
            countries, pairs = _country_counts(tokens, _Norms(tokens, norm_of), starts, marks)
        results.append(ArticleResult(record.id, record.source, words, share, countries, pairs))
    totals = Totals.of(results, Counter(batch_terms) if terms is None else Counter())
    return Batch(totals, *_rows(results))


def analyse_chunk(chunk: Chunk, keep_terms: bool = False) -> Batch:
    """:func:`analyse_batch` over the records of a chunk, which are parsed here (in the worker), with
    the chunk's bad records. With ``keep_terms`` the term counts are kept in this process, to be sent
    once at the end (:func:`kept_terms`), instead of with every batch."""
    items = parse(chunk)
    batch = analyse_batch([r for r in items if isinstance(r, Record)], _KEPT if keep_terms else None)
    batch.read = len(items)
    batch.problems = [p for p in items if isinstance(p, Problem)]
    return batch


_KEPT: dict[str, int] = {}
"""Term counts this process has added up with ``keep_terms`` and not yet sent."""


def kept_terms(*_: object) -> Batch:
    """The term counts this process has kept (:func:`analyse_chunk`), as a batch without articles;
    they are forgotten here."""
    if _BARRIER is not None:
        _BARRIER.wait(timeout=600)
    batch = Batch(Totals(terms=Counter(_KEPT)), "", "")
    _KEPT.clear()
    return batch


_BARRIER = None
"""In a pool's workers: holds each worker in :func:`kept_terms` until every worker has its call."""


def _start_worker(barrier) -> None:
    global _BARRIER
    _BARRIER = barrier
    _KEPT.clear()


class _Norms:
    """The norms of a token list, looked up only where they are asked for (``norms[i]``,
    ``norms[a:b]``): a country mention needs a few tokens around it, not the whole article."""

    __slots__ = ("lookup", "tokens")

    def __init__(self, tokens: list[str], norm_of: dict[str, str | None]) -> None:
        self.tokens, self.lookup = tokens, norm_of.__getitem__

    def __getitem__(self, key: int | slice):
        if isinstance(key, slice):
            return list(map(self.lookup, self.tokens[key]))
        return self.lookup(self.tokens[key])

    def __len__(self) -> int:
        return len(self.tokens)


def _country_counts(
    tokens: list[str], norms: _Norms, starts: list[int], marks: list[int]
) -> tuple[Counter, Counter]:
    """Mentions per country, and pairs named in one sentence, among ``tokens`` (paragraphs ended by
    :data:`PARAGRAPH_END`), given the positions of the tokens that can start a mention (``starts``)
    and of those that can open, close or end a sentence (``marks``)."""
    from helpers.countries import CONTEXT, match_tokens, needs_context, plain_countries, resolve

    ends = _sentence_ends(tokens, marks)
    found = []  # (sentence, raw match)
    for match in match_tokens(tokens, norms, starts):
        if match["kind"] == "region":  # never a country
            continue
        i = match["token"]
        sentence = bisect_right(ends, i - 1)
        if needs_context(match):
            lo = ends[sentence - 1] + 1 if sentence else 0
            hi = ends[sentence] + 1 if sentence < len(ends) else len(tokens)
            match["context"] = set(norms[max(lo, i - CONTEXT) : min(hi, i + CONTEXT + 1)]) - {norms[i]}
        found.append((sentence, match))
    named = plain_countries([m for _, m in found])
    countries: list[str] = []
    by_sentence: dict[int, set[str]] = {}
    for sentence, match in found:
        resolved = resolve(match, named)
        if resolved is None or resolved.get("ambiguous"):
            continue
        countries.append(resolved["country"])
        by_sentence.setdefault(sentence, set()).add(resolved["country"])
    pairs = chain.from_iterable(combinations(sorted(s), 2) for s in by_sentence.values() if len(s) > 1)
    return Counter(countries), Counter(pairs)


def _sentence_ends(tokens: list[str], marks: list[int]) -> list[int]:
    """Token indexes that end a sentence, by the rules of :func:`helpers.split_sentences`, given the
    indexes of the tokens that can open, close or end one (:data:`_SENTENCE_MARKS`)."""
    ends, depth = [], 0
    for i in marks:
        token = tokens[i]
        if token == PARAGRAPH_END:
            ends.append(i)
            depth = 0
        elif token == "«":
            depth += 1
        elif token == "»":
            depth = max(0, depth - 1)
        elif depth == 0:
            previous = tokens[i - 1] if i else ""
            if not (token == "." and len(previous) == 1 and previous.isalpha()):
                ends.append(i)
    return ends


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


BATCH = 1024
"""Articles per unit of work: enough that each distinct token of a batch is looked up once for many
articles, few enough that two workers share a corpus of ten thousand articles evenly."""


def local_engine(parts: Iterator[Chunk], workers: int = 1) -> Iterator[Batch]:
    """Batches of results in input order, from this process (``workers=1``) or a pool of processes,
    then (in batches without articles) the term counts each process kept."""
    _KEPT.clear()  # what an interrupted run in this process may have left
    if workers <= 1:
        yield from (analyse_chunk(part, keep_terms=True) for part in parts)
        yield kept_terms()
        return
    import multiprocessing

    warm_up()  # load the lexicon and gazetteer once, before the workers are forked
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    barrier = context.Barrier(workers)
    with context.Pool(workers, initializer=_start_worker, initargs=(barrier,)) as pool:
        yield from pool.imap(partial(analyse_chunk, keep_terms=True), parts)
        # one call of kept_terms per worker: the barrier holds each one until all have theirs
        yield from pool.map(kept_terms, range(workers), chunksize=1)


def warm_up() -> None:
    """Load the lexicon and gazetteer tables the analysis needs (about a second, once per process)."""
    analyse_batch([Record("warm-up", "تمهيد\nزار الوزير طهران وموسكو.")])


def _ranked(counts: Counter) -> list[tuple]:
    """``(key, count)`` most frequent first, ties in key order (so tables are deterministic)."""
    return sorted(sorted(counts.items()), key=itemgetter(1), reverse=True)  # the sort is stable


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

    Writes ``articles.csv`` (id, source, tokens: words counted, arabic_share: of those words, top_country,
    mentions),
    ``terms.csv`` (term, count, share), ``country_counts.csv`` (country, country_name,
    mentions, articles), ``country_counts_by_article.csv`` (article, country, mentions),
    ``co_mentions.csv`` (first, second, count: sentences naming both), ``problems.csv`` (file, line,
    reason of every skipped record) and ``summary.json``.
    """
    from helpers.gazetteer import display_names
    from helpers.storage import atomic_open, atomic_write_bytes

    log = log or (lambda message: print(message, file=sys.stderr))
    parts = chunks(path, text_column, BATCH)  # a missing or unknown input fails here, before any output
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(out, "exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    problems: list[Problem] = []
    reasons: Counter[str] = Counter()
    read = 0
    totals = Totals()
    show = sys.stderr.isatty() if progress is None else progress
    with ExitStack() as files:  # each table replaces the old one only if the whole run succeeds

        def table(name: str, header: list[str]):
            handle = files.enter_context(atomic_open(out / name, newline="", encoding="utf-8"))
            csv.writer(handle, lineterminator="\n").writerow(header)
            return handle

        articles = table("articles.csv", ARTICLE_COLUMNS)
        by_article = table("country_counts_by_article.csv", COUNTRY_COLUMNS)
        problem_sink = csv.writer(table("problems.csv", ["file", "line", "reason"]), lineterminator="\n")
        if engine == "dask":
            from helpers.corpus_dask import dask_engine

            results = dask_engine(parts, workers, scheduler)
        elif engine == "local":
            results = local_engine(parts, workers)
        else:
            raise InputError(engine, 'unknown engine: use "local" or "dask"')
        from tqdm import tqdm

        with tqdm(desc="articles", unit=" articles", disable=not show) as bar:
            for batch in results:
                read += batch.read
                for item in batch.problems:
                    reasons[item.reason.split(" (")[0]] += 1
                    problem_sink.writerow([item.file, item.line or "", item.reason])
                    if len(problems) < 20:  # the first ones are shown; all are in problems.csv
                        problems.append(item)
                totals.add(batch.totals)
                articles.write(batch.article_rows)
                by_article.write(batch.country_rows)
                bar.update(batch.totals.articles)
        if not read:  # raised here, the tables of an earlier run are left as they were
            raise InputError(path, "contains no records")

    names = display_names()
    total = max(1, totals.terms.total())
    tables = {
        "terms.csv": (
            ["term", "count", "share"],
            [(t, n, f"{n / total:.6g}") for t, n in _ranked(totals.terms)],
        ),
        "country_counts.csv": (
            ["country", "country_name", "mentions", "articles"],
            [(c, names.get(c, c), n, totals.country_articles[c]) for c, n in _ranked(totals.countries)],
        ),
        "co_mentions.csv": (["first", "second", "count"], [(a, b, n) for (a, b), n in _ranked(totals.pairs)]),
    }
    for name, (header, rows) in tables.items():
        with atomic_open(out / name, newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
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
