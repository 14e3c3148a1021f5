"""The stance evaluation set: constructed news texts with hand-made gold hedges and boosters.

The set lives in ``medialit/data/eval/stance/`` in two parts, ``tuning`` and ``held-out``
(see the README there for how it was written and how the split is kept).  Each text is an
article folder as in ``seeds/`` (``article.txt``, ``meta.yaml``, ``structure.json``), with its
gold annotation written by quoting in ``reference.src.yaml`` and built, with the same
resolver as the seed references (:func:`medialit.articles.reference_build.build_document`),
into ``reference.json`` in the shared annotation format.  The folders are not seed
articles: ``medialit articles`` does not list them and no lesson uses them.

:func:`evaluate_stance_set` scores the analyzers' hedges and boosters on each part with
:func:`medialit.nlp.evaluate.score_cues` (the project's span matching), pooled over the
texts of the part (micro-averaged).  Only the cue spans are scored, as for the seed
references; category and holder agreement on the matched pairs are reported beside them.
Limits: five texts per part, written and annotated by one person; the figures say how the
analyzer does on news prose of this kind, not on every genre.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from medialit.core.spans import Span, match_spans, prf

PARTS = ("tuning", "held-out")
LAYERS = ("hedges", "boosters")


def eval_dir() -> Path:
    """The folder of the stance evaluation set (inside the installed package)."""
    return Path(str(resources.files("medialit").joinpath("data", "eval", "stance")))


def eval_articles(part: str) -> list[Any]:
    """The texts of one part (``tuning`` or ``held-out``) as :class:`~medialit.articles.article.Article`."""
    from medialit.articles.article import Article

    if part not in PARTS:
        raise ValueError(f"unknown part {part!r} of the stance evaluation set; use one of {', '.join(PARTS)}")
    folder = eval_dir() / part
    return [Article(p) for p in sorted(folder.iterdir()) if (p / "article.txt").is_file()]


def build_reference(article: Any) -> dict[str, Any]:
    """The gold document of ``article`` built from its ``reference.src.yaml`` (validated)."""
    from medialit.articles.reference_build import build_document, read_source, source_path

    return build_document(article, read_source(article), where=str(source_path(article)))


def write_references(parts: tuple[str, ...] = PARTS) -> list[Path]:
    """Build and save ``reference.json`` for every text of ``parts``; returns the paths written."""
    from medialit.core import annotation as ann

    written = []
    for part in parts:
        for article in eval_articles(part):
            ann.save(build_reference(article), article.reference_path, article.text)
            written.append(article.reference_path)
    return written


def _span(item: dict[str, Any]) -> Span:
    cue = item["cue"]
    return Span(int(cue["start"]), int(cue["end"]), str(cue["text"]))


def score_layer(text: str, predicted: list[dict[str, Any]], reference: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts for one layer of one text: matched pairs, and how many of them agree on category and holder."""
    pairs = match_spans(text, [_span(p) for p in predicted], [_span(r) for r in reference])
    return {
        "predicted": len(predicted), "reference": len(reference), "matched": len(pairs),
        "same_category": sum(1 for i, j in pairs if predicted[i]["category"] == reference[j]["category"]),
        "same_holder": sum(1 for i, j in pairs if predicted[i].get("holder") == reference[j].get("holder")),
        "missed": [reference[j]["cue"]["text"] for j in range(len(reference)) if j not in {b for _, b in pairs}],
        "false_alarms": [predicted[i]["cue"]["text"] for i in range(len(predicted)) if i not in {a for a, _ in pairs}],
    }


def evaluate_stance_set(nlp: Any, parts: tuple[str, ...] = PARTS, with_errors: bool = False) -> dict[str, Any]:
    """Precision, recall and F1 of hedges and boosters on each part, pooled over its texts.

    Returns ``{part: {"texts": n, "hedges": {...}, "boosters": {...}}}``; each layer has the
    counts, ``precision``/``recall``/``f1`` and ``category_agreement``/``holder_agreement``
    (shares of the matched pairs).  With ``with_errors`` each part also lists, per text, the
    gold cues missed and the predicted cues with no gold partner.
    """
    from medialit.nlp.analyze import pipe_docs
    from medialit.nlp.export import to_annotation

    out: dict[str, Any] = {}
    for part in parts:
        articles = eval_articles(part)
        docs = pipe_docs(nlp, [a.text for a in articles])
        totals = {layer: {"predicted": 0, "reference": 0, "matched": 0, "same_category": 0, "same_holder": 0}
                  for layer in LAYERS}
        errors: dict[str, Any] = {}
        for article, doc in zip(articles, docs, strict=True):
            pred = to_annotation(doc, article.id, article.part_at)
            ref = article.reference
            for layer in LAYERS:
                row = score_layer(article.text, pred.get(layer, []), ref.get(layer, []))
                for key in totals[layer]:
                    totals[layer][key] += row[key]
                if with_errors and (row["missed"] or row["false_alarms"]):
                    errors.setdefault(article.id, {})[layer] = {"missed": row["missed"],
                                                                "false_alarms": row["false_alarms"]}
        result: dict[str, Any] = {"texts": len(articles)}
        for layer, t in totals.items():
            matched = t["matched"]
            result[layer] = {"predicted": t["predicted"], "reference": t["reference"], "matched": matched,
                             **prf(matched, t["predicted"], t["reference"]),
                             "category_agreement": round(t["same_category"] / matched, 3) if matched else None,
                             "holder_agreement": round(t["same_holder"] / matched, 3) if matched else None}
        if with_errors:
            result["errors"] = errors
        out[part] = result
    return out


def format_figures(figures: dict[str, Any]) -> str:
    """The figures of :func:`evaluate_stance_set` as a plain-text table."""
    lines = [f"{'part':<9} {'layer':<9} {'pred.':>5} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6} {'cat.':>6} {'holder':>6}"]
    for part, result in figures.items():
        for layer in LAYERS:
            r = result[layer]
            agree = [f"{r[k]:.3f}" if r[k] is not None else "-" for k in ("category_agreement", "holder_agreement")]
            lines.append(f"{part:<9} {layer:<9} {r['predicted']:>5} {r['reference']:>5} {r['precision']:>6.3f} "
                         f"{r['recall']:>6.3f} {r['f1']:>6.3f} {agree[0]:>6} {agree[1]:>6}")
    return "\n".join(lines)
