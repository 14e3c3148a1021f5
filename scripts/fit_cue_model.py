#!/usr/bin/env python3
"""Fit the attribution cue model (medialit/data/models/cue_model.json) on PolNeAR train.

    .venv/bin/python scripts/fit_cue_model.py [--polnear DIR] [--cache DIR] [--out FILE]

Every (candidate, content option) pair that medialit's candidate finder proposes on the training
articles becomes one example: positive when its cue token lies inside a gold cue and its
content matches the gold content under the project metric.  A logistic model with L2
regularisation is fitted by full-batch gradient descent (numpy only).  The decision
threshold is the one that maximises content F1 on a held-out tenth of the training
articles; the final weights are then refitted on all training articles.

Only the dev split measures the result (scripts/bench_analyzers.py); dev is never read
here.  The output holds feature names (lemmas, dependency labels, buckets) and weights,
no article text.  ``--cache DIR`` keeps the parsed articles (spaCy DocBin, which contains
the texts) in DIR to make refitting fast; keep DIR outside the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from medialit.nlp import polnear
from medialit.nlp.attributions import best_options, candidates_with_quotes, continuation_paragraphs, select
from medialit.nlp.cue_model import CueModel, features

_WORD = polnear._WORD
#: The repository; the fitted model is written into its medialit/data/models/ by default.
REPO = Path(__file__).resolve().parents[1]


def parsed_split(split_dir: Path, cache: Path | None) -> list[tuple[str, str, list[polnear.GoldAttribution], object]]:
    """``(id, text, gold, doc)`` per article, parsed by the bare model (cached when asked)."""
    import spacy
    from spacy.tokens import DocBin

    from medialit.nlp.loader import model_name

    items = list(polnear.iter_split(split_dir))
    nlp = spacy.load(model_name())
    nlp.add_pipe("medialit_paragraph_breaks", before="parser")
    cache_file = cache / f"{split_dir.name}-{model_name()}.spacy" if cache else None
    if cache_file and cache_file.exists():
        docs = list(DocBin().from_disk(cache_file).get_docs(nlp.vocab))
        if len(docs) == len(items) and all(d.text == t for d, (_, t, _) in zip(docs, items, strict=True)):
            return [(i, t, g, d) for (i, t, g), d in zip(items, docs, strict=True)]
    start = time.time()
    docs = list(nlp.pipe((t for _, t, _ in items), batch_size=16))
    print(f"parsed {len(docs)} articles in {time.time() - start:.0f} s", file=sys.stderr)
    if cache_file:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        db = DocBin(store_user_data=False)
        for d in docs:
            db.add(d)
        db.to_disk(cache_file)
    return [(i, t, g, d) for (i, t, g), d in zip(items, docs, strict=True)]


def _match(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    wa = {m.start() for m in _WORD.finditer(text, *a)}
    wb = {m.start() for m in _WORD.finditer(text, *b)}
    if not wa or not wb:
        return False
    inter = len(wa & wb)
    return inter / len(wa) >= 0.5 and inter / len(wb) >= 0.5


def examples(articles: list) -> tuple[list[list[str]], list[int]]:
    feats: list[list[str]] = []
    labels: list[int] = []
    for _, text, gold, doc in articles:
        cands, ctx, _, _ = candidates_with_quotes(doc)
        for cand in cands:
            golds = [g for g in gold if g.cue and g.cue[0] < cand.cue_end and cand.cue_start < g.cue[1]]
            for opt in cand.options:
                y = int(any(_match(text, g.content, (opt.start, opt.end)) for g in golds))
                feats.append(features(cand, opt, ctx))
                labels.append(y)
    return feats, labels


def fit(feats: list[list[str]], labels: list[int], min_count: int, l2: float, iterations: int) -> dict[str, float]:
    counts = Counter(f for fs in feats for f in set(fs))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count or f == "bias"))}
    rows, cols = [], []
    for r, fs in enumerate(feats):
        for f in set(fs):
            j = vocab.get(f)
            if j is not None:
                rows.append(r)
                cols.append(j)
    rows_a = np.array(rows, dtype=np.int64)
    cols_a = np.array(cols, dtype=np.int64)
    y = np.array(labels, dtype=np.float64)
    n, d = len(labels), len(vocab)
    w = np.zeros(d)
    m = np.zeros(d)
    v = np.zeros(d)
    lr, b1, b2 = 0.1, 0.9, 0.999
    for t in range(1, iterations + 1):
        z = np.bincount(rows_a, weights=w[cols_a], minlength=n)
        p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
        grad = np.bincount(cols_a, weights=(p - y)[rows_a], minlength=d) / n + l2 * w
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + 1e-8)
    return {f: round(float(w[j]), 4) for f, j in vocab.items() if abs(w[j]) >= 1e-3}


def predict(prepared: list, threshold: float) -> dict[str, list[dict]]:
    """Predictions at ``threshold`` from :func:`prepare` output (content and speaker spans)."""

    def speaker(cand: object) -> dict | None:
        sp = cand.source if cand is not None else None
        return {"start": sp.start_char, "end": sp.end_char} if sp is not None else None

    out: dict[str, list[dict]] = {}
    for doc_id, text, best, quotes, mask in prepared:
        kept = select(best, threshold, text)
        preds = [{"content": {"start": c.start, "end": c.end}, "speaker": speaker(c.candidate)} for c in kept]
        for start, end, prev in continuation_paragraphs(text, quotes, mask, kept):
            preds.append({"content": {"start": start, "end": end}, "speaker": speaker(prev.candidate)})
        out[doc_id] = preds
    return out


def prepare(articles: list, model: CueModel) -> list:
    """Each article's candidates with their best option and score (independent of the threshold)."""
    prepared = []
    for doc_id, text, _, doc in articles:
        cands, ctx, quotes, mask = candidates_with_quotes(doc)
        prepared.append((doc_id, text, best_options(cands, ctx, model), quotes, mask))
    return prepared


def content_f1(articles: list, preds: dict[str, list[dict]]) -> tuple[float, float]:
    g = p = tc = ts = 0
    for doc_id, text, gold, _ in articles:
        pr = preds.get(doc_id, [])
        g += len(gold)
        p += len(pr)
        a, b = polnear.score_document(text, gold, pr)
        tc += a
        ts += b
    return (2 * tc / (g + p) if g + p else 0.0), (2 * ts / (g + p) if g + p else 0.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--polnear", help="folder holding train/ (default ../shared/polnear or $MEDIALIT_POLNEAR)")
    ap.add_argument("--cache", type=Path, help="keep parsed articles here (outside the repository)")
    ap.add_argument("--out", type=Path, default=REPO / "medialit" / "data" / "models" / "cue_model.json")
    ap.add_argument("--min-count", type=int, default=10)
    ap.add_argument("--l2", type=float, default=1e-5)
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--held-out-only", action="store_true",
                    help="fit on nine tenths, print the held-out figures, write nothing")
    ap.add_argument("--save-held-out-model", type=Path, help="with --held-out-only: keep that model here")
    args = ap.parse_args(argv)

    try:
        train_dir = polnear.split_dir(args.polnear, "train")
    except polnear.PolnearMissing as exc:
        print(exc, file=sys.stderr)
        return 2
    articles = parsed_split(train_dir, args.cache)
    rng = random.Random(args.seed)
    order = list(range(len(articles)))
    rng.shuffle(order)
    held = set(order[: len(order) // 10])
    fit_part = [a for i, a in enumerate(articles) if i not in held]
    held_part = [a for i, a in enumerate(articles) if i in held]

    feats, labels = examples(fit_part)
    print(f"{len(labels)} examples, {sum(labels)} positive", file=sys.stderr)
    weights = fit(feats, labels, args.min_count, args.l2, args.iterations)
    best = (0.0, 0.5)
    prepared = prepare(held_part, CueModel({"weights": weights, "threshold": 0.5}))
    for threshold in [x / 100 for x in range(20, 71, 2)]:
        f1, sf1 = content_f1(held_part, predict(prepared, threshold))
        print(f"threshold {threshold:.2f}: held-out content F1 {f1:.3f}, source F1 {sf1:.3f}", file=sys.stderr)
        if f1 > best[0]:
            best = (f1, threshold)
    threshold = best[1]
    if args.held_out_only:
        print(f"best held-out content F1 {best[0]:.3f} at threshold {threshold}")
        if args.save_held_out_model:
            args.save_held_out_model.write_text(json.dumps({"provenance": "held-out run", "licence": "-",
                                                            "threshold": threshold, "weights": weights}))
        return 0

    feats, labels = examples(articles)
    weights = fit(feats, labels, args.min_count, args.l2, args.iterations)
    data = {
        "provenance": (
            "Fitted by scripts/fit_cue_model.py on the PolNeAR v1.0.0 training split (Newell, Margolin & Ruths, "
            "LREC 2018), first annotator file per article; threshold chosen on a held-out tenth of train. "
            "Holds feature names and weights only, no article text."
        ),
        "licence": "MIT (same as the medialit code); the corpus itself is not included",
        "threshold": threshold,
        "training": {"articles": len(articles), "examples": len(labels), "positives": sum(labels),
                     "min_count": args.min_count, "l2": args.l2, "iterations": args.iterations,
                     "held_out_content_f1": round(best[0], 3)},
        "weights": dict(sorted(weights.items())),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(weights)} weights, threshold {threshold}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
