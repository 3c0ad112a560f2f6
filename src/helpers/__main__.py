"""Command line: ``python -m helpers report [ARTICLE]`` and ``python -m helpers corpus PATH --out DIR``."""

from __future__ import annotations

import argparse
import errno
import os
import signal
import sys

from helpers.errors import InputError
from helpers.reading import LANGUAGE_CHECK_VARIABLE, MAX_MB_VARIABLE

INTERRUPTED = "interrupted: nothing was written by this run; earlier outputs are whole"


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every clean-up that runs for one runs for the other."""


def _on_signal(main_pid: int):
    def handler(number: int, frame) -> None:
        if os.getpid() != main_pid:
            # a forked worker: the main process reports and cleans up; leave quietly, no traceback
            os._exit(128 + number)
        if number == signal.SIGTERM:
            raise Terminated
        raise KeyboardInterrupt

    return handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__.replace("``", ""))
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="execute the notebooks and render them")
    report.add_argument("article", nargs="?", help="article file (default: the seed article)")
    corpus = commands.add_parser("corpus", help="analyse a corpus: a folder of .txt, a .jsonl or a .csv")
    corpus.add_argument("path", help="folder of .txt files, JSONL file or CSV file")
    corpus.add_argument("--out", required=True, help="folder for the tables (written atomically)")
    corpus.add_argument("--workers", type=int, default=1, help="processes (default 1)")
    corpus.add_argument("--engine", choices=["local", "dask"], default="local")
    corpus.add_argument("--scheduler", help="Dask scheduler address (default: a LocalCluster)")
    corpus.add_argument("--text-column", default="text", help="CSV column with the article text")
    for command in (report, corpus):
        command.add_argument(
            "--max-mb", type=float, help="largest article file to read, in MiB (default 20)", metavar="MB"
        )
    report.add_argument(
        "--any-language",
        action="store_true",
        help="read the article even if it looks like Persian, Urdu, English or reversed text",
    )
    args = parser.parse_args(argv)
    if args.max_mb is not None:
        if args.max_mb <= 0:
            parser.error("--max-mb must be a positive number")
        os.environ[MAX_MB_VARIABLE] = str(args.max_mb)  # also read by the notebooks' kernels and workers
    if getattr(args, "any_language", False):
        os.environ[LANGUAGE_CHECK_VARIABLE] = "0"
    handler = _on_signal(os.getpid())
    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
    try:
        if args.command == "report":
            from helpers.report import ReportError, run_report

            try:
                run_report(args.article, command_line=True)
            except ReportError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
        elif args.command == "corpus":
            from helpers.corpus import run_corpus

            run_corpus(args.path, args.out, workers=args.workers, engine=args.engine,
                       scheduler=args.scheduler, text_column=args.text_column)  # fmt: skip
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Terminated:
        print(f"terminated (SIGTERM); {INTERRUPTED[len('interrupted: ') :]}", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    except OSError as exc:
        # a full disk, an output folder under a regular file, no permission: one line, no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        hint = "; free some space and run again" if exc.errno == errno.ENOSPC else ""
        print(f"error: {where}{exc.strerror or exc}{hint}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
