"""``medialit codebook``: check the codebook and write docs/codebook.md (``--check``: exit 1 when
the file is missing or out of date, or when the codebook has problems)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from medialit.core.codebook import DEFAULT_OUTPUT

HELP = "check the codebook and write docs/codebook.md"
DESCRIPTION = ("Check medialit/data/codebook.yaml against its schema, the annotation schema's labels and "
               "the articles it quotes, then write docs/codebook.md. With --check, write nothing and exit 1 when "
               "the file is missing or out of date.")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="only check that the Markdown file is up to date")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help="where the Markdown goes (default: docs/codebook.md)")


def run(args: argparse.Namespace) -> int:
    from medialit.core.codebook import CodebookError, update_markdown

    try:
        current = update_markdown(args.output, check=args.check)
    except CodebookError as exc:
        print(f"medialit codebook: {exc}", file=sys.stderr)
        return 1
    if not args.check:
        print(f"wrote {args.output}")
        return 0
    if not current:
        print(f"{args.output} is missing or out of date; run `medialit codebook`", file=sys.stderr)
        return 1
    print(f"{args.output} is up to date")
    return 0
