"""``medialit report``: what the class got right and missed (difficulty, spans, heatmap, agreement)."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "what the class got right and missed: difficulty, spans, heatmap, agreement"
DESCRIPTION = ("Analyse the graded submissions of ASSIGNMENT: per-question scores and "
               "difficulty, the passages most often missed or wrongly marked, a heatmap of "
               "student highlights against the reference, and Krippendorff's alpha; writes "
               "PNG plots and an HTML report.")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("course_dir")
    parser.add_argument("assignment")
    parser.add_argument("--out", help="folder for the report (default: COURSE_DIR/reports/ASSIGNMENT)")


def run(args: argparse.Namespace) -> int:
    from medialit.report.class_report import build_report

    out = Path(args.out) if args.out else Path(args.course_dir) / "reports" / args.assignment
    print(f"wrote {build_report(args.course_dir, args.assignment, out)}")
    return 0
