"""Command line: ``python -m helpers report [ARTICLE]`` and ``python -m helpers corpus PATH --out DIR``."""

from __future__ import annotations

import argparse
import sys

from helpers.errors import InputError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="execute the notebooks and render them")
    report.add_argument("article", nargs="?", help="article file (default: the seed article)")
    args = parser.parse_args(argv)
    try:
        if args.command == "report":
            from helpers.report import ReportError, run_report

            try:
                run_report(args.article)
            except ReportError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
