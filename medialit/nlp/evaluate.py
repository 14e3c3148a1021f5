"""Measure the analyzers: against the reference annotations of the articles, and PolNeAR.

Against a reference (every article with a ``reference.json``):

- attributions: predicted and reference *content* spans are paired one-to-one with
  :func:`medialit.core.spans.match_spans` (the project's matching rule); precision, recall and F1
  count the pairs.  A pair's *speaker* is right when the speaker spans match under the same
  rule, or the resolved names agree (all words of one name appear in the other), or both
  have no speaker; speaker F1 counts pairs with a right speaker.
- hedges and boosters: cue spans paired with ``match_spans``, precision, recall and F1.
- sources: paired one-to-one by name (:func:`score_sources`), then the type, ``named`` and
  the attributions' ``source_id`` links are checked on the pairs.

Against PolNeAR dev (when the folder exists): :func:`medialit.nlp.polnear.score`, the
project's attribution metric.  PolNeAR annotates a quotation interrupted by its cue ("“A,”
X said. “B.”") or continued over paragraphs as one attribution with one (discontinuous)
content, where the codebook asks for one attribution per stretch; and its cue is the verb
alone where the codebook's cue takes in an object noun ("expressed dismay at").  The
predictions are therefore put in PolNeAR's convention
(:func:`medialit.nlp.attributions.polnear_view`) before scoring.  The figures for the
attributions exactly as ``medialit analyze`` writes them are reported too
(``stretches_separate``).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

from medialit.core.spans import Span, greedy_pairs, match_spans, prf, spans_match
from medialit.nlp import polnear
from medialit.nlp.attributions import polnear_view

_TITLE_WORDS = {"mr", "mrs", "ms", "dr", "prof", "the", "a", "an", "of"}


def _span(item: dict[str, Any] | None) -> Span | None:
    if not item:
        return None
    return Span(int(item["start"]), int(item["end"]), str(item["text"]))


def _name_words(name: str | None) -> set[str]:
    return {w for w in re.findall(r"\w+", (name or "").lower()) if w not in _TITLE_WORDS}


def speaker_right(text: str, pred: dict[str, Any], ref: dict[str, Any]) -> bool:
    """Whether a predicted attribution names the same speaker as the reference one."""
    ps, rs = _span(pred.get("speaker")), _span(ref.get("speaker"))
    if ps is not None and rs is not None and spans_match(text, ps, rs):
        return True
    pn = _name_words(pred.get("speaker_name") or (ps.text if ps else None))
    rn = _name_words(ref.get("speaker_name") or (rs.text if rs else None))
    if pn and rn:
        return pn <= rn or rn <= pn
    return not pn and not rn


def score_attributions(text: str, predicted: list[dict[str, Any]], reference: list[dict[str, Any]]) -> dict[str, Any]:
    """Content and speaker precision, recall, F1 of ``predicted`` against ``reference``."""
    pairs = match_spans(text, [_span(p["content"]) for p in predicted], [_span(r["content"]) for r in reference])
    speaker_tp = sum(1 for i, j in pairs if speaker_right(text, predicted[i], reference[j]))
    content = prf(len(pairs), len(predicted), len(reference))
    speaker = prf(speaker_tp, len(predicted), len(reference))
    return {"predicted": len(predicted), "reference": len(reference), "matched": len(pairs),
            "content": content, "speaker": speaker}


def score_cues(text: str, predicted: list[dict[str, Any]], reference: list[dict[str, Any]]) -> dict[str, Any]:
    """Precision, recall, F1 of stance-cue spans (hedges or boosters)."""
    pairs = match_spans(text, [_span(p["cue"]) for p in predicted], [_span(r["cue"]) for r in reference])
    return {"predicted": len(predicted), "reference": len(reference), "matched": len(pairs),
            **prf(len(pairs), len(predicted), len(reference))}


_NAME_FILLER = {"a", "an", "the", "of", "by", "mr", "mrs", "ms", "miss", "dr", "prof", "s"}


def source_name_words(name: str | None) -> frozenset[str]:
    """The words of a source's name that identify it (no articles, titles or possessive s)."""
    return frozenset(w for w in re.findall(r"[^\W_]+", (name or "").lower()) if w not in _NAME_FILLER)


def pair_sources(predicted: list[dict[str, Any]], reference: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(predicted index, reference index)`` of sources with the same name: the
    words of one name are all in the other ("Penhallow" and "Ruth Penhallow", "residents" and
    "furious residents"); the pairs sharing the largest share of words are taken first."""
    cands = []
    for i, p in enumerate(predicted):
        pw = source_name_words(p.get("name"))
        for j, r in enumerate(reference):
            rw = source_name_words(r.get("name"))
            if pw and rw and (pw <= rw or rw <= pw):
                cands.append((len(pw & rw) / len(pw | rw), i, j))
    return greedy_pairs(cands)


def score_sources(predicted: list[dict[str, Any]], reference: list[dict[str, Any]],
                  predicted_attributions: list[dict[str, Any]], reference_attributions: list[dict[str, Any]],
                  text: str) -> dict[str, Any]:
    """Sources paired by name (:func:`pair_sources`): precision, recall and F1 of the pairs; of
    the pairs, how many have the right ``type`` and ``named``; and of the attributions paired by
    content whose reference names a source, how many point at the paired source."""
    pairs = pair_sources(predicted, reference)
    same = {predicted[i]["id"]: reference[j]["id"] for i, j in pairs}
    type_right = sum(1 for i, j in pairs if predicted[i].get("type") == reference[j].get("type"))
    named_right = sum(1 for i, j in pairs if predicted[i].get("named") == reference[j].get("named"))
    att_pairs = match_spans(text, [_span(p["content"]) for p in predicted_attributions],
                            [_span(r["content"]) for r in reference_attributions])
    linked = [(i, j) for i, j in att_pairs if reference_attributions[j].get("source_id")]
    links_right = sum(1 for i, j in linked if same.get(predicted_attributions[i].get("source_id") or "")
                      == reference_attributions[j]["source_id"])
    return {"predicted": len(predicted), "reference": len(reference), "matched": len(pairs),
            "sources": prf(len(pairs), len(predicted), len(reference)), "type_right": type_right,
            "named_right": named_right, "links": len(linked), "links_right": links_right}


def evaluate_articles(nlp: Any, articles: list[Any] | None = None) -> list[dict[str, Any]]:
    """Scores for every article that has a reference annotation (all known articles by default)."""
    from medialit.articles.article import list_articles
    from medialit.nlp.analyze import pipe_docs
    from medialit.nlp.export import to_annotation

    candidates = articles if articles is not None else list_articles()
    with_ref = [a for a in candidates if a.has_reference]
    results = []
    docs = pipe_docs(nlp, [a.text for a in with_ref])
    for article, doc in zip(with_ref, docs, strict=True):
        ref = article.reference
        pred = to_annotation(doc, article.id, article.part_at)
        row: dict[str, Any] = {"article": article.id}
        if "attributions" in ref:
            row["attributions"] = score_attributions(article.text, pred.get("attributions", []), ref["attributions"])
        for layer in ("hedges", "boosters"):
            if layer in ref:
                row[layer] = score_cues(article.text, pred.get(layer, []), ref[layer])
        results.append(row)
    return results


def evaluate_polnear(nlp: Any, polnear_dir: str | Path | None = None, split: str = "dev") -> dict[str, Any]:
    """The project metric on a PolNeAR split; raises :class:`polnear.PolnearMissing` without it."""
    from medialit.nlp.analyze import pipe_docs
    from medialit.nlp.loader import ANALYZERS

    folder = polnear.split_dir(polnear_dir, split)
    items = list(polnear.iter_split(folder))
    start = time.perf_counter()
    keep = {"medialit_attributions"}
    with nlp.select_pipes(disable=[n for n in ANALYZERS if n not in keep and n in nlp.pipe_names]):
        docs = list(pipe_docs(nlp, [t for _, t, _ in items]))
    seconds = time.perf_counter() - start
    merged = {doc_id: [a.to_json(f"a{i}") for i, a in enumerate(polnear_view(doc._.attributions or []), 1)]
              for (doc_id, _, _), doc in zip(items, docs, strict=True)}
    raw = {doc_id: [a.to_json(f"a{i}") for i, a in enumerate(doc._.attributions or [], 1)]
           for (doc_id, _, _), doc in zip(items, docs, strict=True)}
    result = polnear.score(folder, merged)
    result["split"] = split
    result["seconds"] = round(seconds, 2)
    result["stretches_separate"] = polnear.score(folder, raw)
    return result


def evaluate_all(polnear_dir: str | Path | None = None, split: str = "dev", *,
                 with_polnear: bool = True) -> dict[str, Any]:
    """The figures ``medialit evaluate`` prints: ``articles`` (:func:`evaluate_articles`),
    ``stance_set`` (:func:`medialit.nlp.stance_eval.evaluate_stance_set`) and ``polnear``
    (:func:`evaluate_polnear`, None when not scored).

    Without a PolNeAR folder the PolNeAR figures are skipped with a ``polnear_note`` when the
    default folder was meant; a ``polnear_dir`` given but missing raises
    :class:`~medialit.nlp.polnear.PolnearMissing`.  Raises ``ModelNotInstalled`` without a model.
    """
    from medialit.nlp import loader
    from medialit.nlp.stance_eval import evaluate_stance_set

    nlp = loader.load_nlp()
    figures: dict[str, Any] = {"articles": evaluate_articles(nlp), "stance_set": evaluate_stance_set(nlp)}
    if with_polnear:
        try:
            figures["polnear"] = evaluate_polnear(nlp, polnear_dir, split)
        except polnear.PolnearMissing as exc:
            if polnear_dir:
                raise
            figures["polnear"] = None
            figures["polnear_note"] = f"skipped: {exc}"
    return figures


def write_figures(figures: dict[str, Any], path: str | Path) -> None:
    """Write the figures as indented JSON (atomically)."""
    from medialit.core.annotation import atomic_write_text

    atomic_write_text(path, json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
