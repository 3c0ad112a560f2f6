"""Command line: ``python -m helpers report [ARTICLE]`` and ``python -m helpers corpus PATH --out DIR``."""

from __future__ import annotations

import argparse
import sys

from helpers.errors import InputError


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
    args = parser.parse_args(argv)
    try:
        if args.command == "report":
            from helpers.report import ReportError, run_report

            try:
                run_report(args.article)
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
    except KeyboardInterrupt:
        print("interrupted: outputs already written are whole; nothing was half written", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
