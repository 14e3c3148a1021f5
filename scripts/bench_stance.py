#!/usr/bin/env python3
"""Hedges and boosters on the stance evaluation set: precision, recall and F1 per part.

    .venv/bin/python scripts/bench_stance.py [--part tuning|held-out] [--errors] [--build] [--json FILE]

Scores the analyzers on the tuning and held-out parts of ``medialit/data/eval/stance/``
(:func:`medialit.nlp.stance_eval.evaluate_stance_set`, spans matched as in
``medialit evaluate``).  ``--errors`` also lists the missed and the spurious cues of each
text; it lists them for the tuning part only unless ``--part held-out`` is asked for by
name, so that tuning never looks at the held-out errors by accident.  ``--build`` first
rebuilds every ``reference.json`` from its ``reference.src.yaml``.  Prints figures only; the
quality floor is asserted by tests/nlp/test_stance_eval.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=["tuning", "held-out"], help="score one part only (default: both)")
    ap.add_argument("--errors", action="store_true", help="list missed and spurious cues (tuning part, "
                    "or the held-out part when it is named with --part)")
    ap.add_argument("--build", action="store_true", help="rebuild reference.json from reference.src.yaml first")
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write the figures to FILE")
    args = ap.parse_args(argv)

    from medialit.nlp.loader import load_nlp
    from medialit.nlp.stance_eval import PARTS, evaluate_stance_set, format_figures, write_references

    parts = (args.part,) if args.part else PARTS
    if args.build:
        for path in write_references(parts):
            print(f"built {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    figures = evaluate_stance_set(load_nlp(), parts, with_errors=args.errors)
    print(format_figures(figures))
    if args.errors:
        for part, result in figures.items():
            if part == "held-out" and args.part != "held-out":
                continue
            for article_id, layers in result.get("errors", {}).items():
                for layer, errs in layers.items():
                    print(f"[{part}] {article_id} {layer}: missed {errs['missed']}; spurious {errs['false_alarms']}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
