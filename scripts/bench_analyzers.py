#!/usr/bin/env python3
"""Measure the analyzers: PolNeAR dev figures, the seed article's figures, and speed.

    .venv/bin/python scripts/bench_analyzers.py [--polnear DIR] [--repeat N]

Speed: the same pipeline object parses the dev articles with the medialit components
disabled (the bare model: tagger, parser, entities ...) and with them enabled
(``medialit.nlp.analyze.pipe_docs``, as ``medialit analyze`` runs them), alternately
``--repeat`` times; the fastest run of each is reported, with their ratio.  Prints
figures only; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

SEED = "scmp-2021-03-18-alaska-talks"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--polnear", help="folder holding dev/ (default ../shared/polnear or $MEDIALIT_POLNEAR)")
    ap.add_argument("--repeat", type=int, default=2, help="timed runs of each pipeline (default 2)")
    args = ap.parse_args(argv)

    from medialit import load_article
    from medialit.nlp import polnear
    from medialit.nlp.analyze import pipe_docs
    from medialit.nlp.attributions import polnear_view
    from medialit.nlp.evaluate import evaluate_articles
    from medialit.nlp.loader import COMPONENTS, load_nlp, model_name

    start = time.perf_counter()
    nlp = load_nlp()
    print(f"model {model_name()} with {', '.join(COMPONENTS)} loaded in {time.perf_counter() - start:.1f} s")

    try:
        dev = polnear.split_dir(args.polnear, "dev")
    except polnear.PolnearMissing as exc:
        print(f"PolNeAR: {exc}")
        dev = None
    if dev is not None:
        items = list(polnear.iter_split(dev))
        texts = [t for _, t, _ in items]
        chars = sum(len(t) for t in texts)
        list(pipe_docs(nlp, texts[:4]))  # warm up both paths once
        bare_times, full_times = [], []
        docs = []
        for _ in range(max(1, args.repeat)):
            t0 = time.perf_counter()
            with nlp.select_pipes(disable=list(COMPONENTS)):
                for _doc in nlp.pipe(texts, batch_size=16):
                    pass
            bare_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            docs = list(pipe_docs(nlp, texts))
            full_times.append(time.perf_counter() - t0)
        bare, full = min(bare_times), min(full_times)
        print(f"\nspeed on PolNeAR dev ({len(texts)} articles, {chars:,} characters), fastest of {len(bare_times)}:")
        print(f"  bare nlp.pipe            {bare:7.2f} s   (runs: {', '.join(f'{t:.2f}' for t in bare_times)})")
        print(f"  with medialit analyzers  {full:7.2f} s   (runs: {', '.join(f'{t:.2f}' for t in full_times)})")
        print(f"  ratio                    {full / bare:7.3f}")

        view = {i: [a.to_json(f"a{k}") for k, a in enumerate(polnear_view(d._.attributions or []), 1)]
                for (i, _, _), d in zip(items, docs, strict=True)}
        raw = {i: [a.to_json(f"a{k}") for k, a in enumerate(d._.attributions or [], 1)]
               for (i, _, _), d in zip(items, docs, strict=True)}
        scored = polnear.score(dev, view)
        scored_raw = polnear.score(dev, raw)
        print("\nPolNeAR dev, project metric (score_attributions.py):")
        print(f"  PolNeAR view (quotation stretches joined): content F1 {scored['content_f1']:.3f}  "
              f"source F1 {scored['source_f1']:.3f}  (P {scored['content_p']:.3f}, R {scored['content_r']:.3f}, "
              f"{scored['pred']} predicted, {scored['gold']} gold)")
        print(f"  analyze output as written:                 content F1 {scored_raw['content_f1']:.3f}  "
              f"source F1 {scored_raw['source_f1']:.3f}  (P {scored_raw['content_p']:.3f}, "
              f"R {scored_raw['content_r']:.3f}, {scored_raw['pred']} predicted)")

    print("\nagainst the reference annotations (medialit.core.spans.match_spans):")
    rows = evaluate_articles(nlp, [load_article(SEED)] + [a for a in _others(SEED)])
    for row in rows:
        a, h, b = row.get("attributions"), row.get("hedges"), row.get("boosters")
        parts = []
        if a:
            parts.append(f"content F1 {a['content']['f1']:.3f}, speaker F1 {a['speaker']['f1']:.3f}")
        if h:
            parts.append(f"hedge F1 {h['f1']:.3f}")
        if b:
            parts.append(f"booster F1 {b['f1']:.3f}")
        print(f"  {row['article']}: " + "; ".join(parts))
    print("\n" + json.dumps({"articles": rows}, ensure_ascii=False))
    return 0


def _others(seed_id: str) -> list:
    from medialit import list_articles

    return [a for a in list_articles() if a.id != seed_id and a.reference_path.exists()]


if __name__ == "__main__":
    sys.exit(main())
