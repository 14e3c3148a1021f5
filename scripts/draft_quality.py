"""How good is the draft reference that `medialit article add` writes?

Runs the draft pipeline of `article add` on an article's text (structure proposed from the
text, then the draft annotation) and scores each layer against the article's reviewed
reference:

    python scripts/draft_quality.py [ARTICLE_ID ...] [--json]

Defaults to the practice article. Spans are paired with the project's matching rule
(:func:`medialit.core.spans.match_spans`); sources are paired by name
(:func:`medialit.nlp.evaluate.score_sources`). The frame line says whether the proposed
primary frame of the headline and of the body is the reference's.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

PRACTICE = "wrenmouth-tide-2025-06-04-desalination-plant"


def draft_for(article: Any) -> dict[str, Any]:
    """The draft annotation `article add` would write for the article's text."""
    from medialit.articles.ingest.add import draft_annotation, prepare

    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "article.txt"
        page.write_text(article.text, encoding="utf-8")
        draft = prepare(page, article_id=article.id, outlet="x", date="2025-01-01")
    # stored as given, apart from a final line end: the offsets are the article's
    assert draft.text.rstrip("\n") == article.text.rstrip("\n")
    doc, why = draft_annotation(article.id, article.text, draft.parts)
    if doc is None:
        raise SystemExit(why)
    return doc


def spans_of(doc: dict[str, Any], layer: str, key: str) -> list[dict[str, Any]]:
    if layer.startswith("framing."):
        items = (doc.get("framing") or {}).get(layer.split(".", 1)[1]) or []
    else:
        items = doc.get(layer) or []
    return [{"cue": i[key]} for i in items]


def primary_frames(doc: dict[str, Any]) -> dict[str, str | None]:
    frames = (doc.get("framing") or {}).get("frames") or []
    return {scope: next((f["frame"] for f in frames if f["scope"] == scope and f.get("primary")), None)
            for scope in ("headline", "body")}


def quality(article: Any) -> dict[str, Any]:
    from medialit.nlp.evaluate import score_attributions, score_cues, score_sources

    doc = draft_for(article)
    ref, text = article.reference, article.text
    row: dict[str, Any] = {"article": article.id}
    row["sources"] = score_sources(doc.get("sources") or [], ref.get("sources") or [],
                                   doc.get("attributions") or [], ref.get("attributions") or [], text)
    row["attributions"] = score_attributions(text, doc.get("attributions") or [], ref.get("attributions") or [])
    for layer in ("hedges", "boosters"):
        row[layer] = score_cues(text, doc.get(layer) or [], ref.get(layer) or [])
    for layer in ("loaded_language", "scare_quotes", "metaphors"):
        row[layer] = score_cues(text, spans_of(doc, f"framing.{layer}", "span"),
                                spans_of(ref, f"framing.{layer}", "span"))
    row["primary_frame"] = {"draft": primary_frames(doc), "reference": primary_frames(ref)}
    return row


def show(row: dict[str, Any]) -> str:
    lines = [row["article"]]

    def line(name: str, s: dict[str, Any]) -> str:
        return (f"  {name:<22} P {s['precision']:.2f}  R {s['recall']:.2f}  F1 {s['f1']:.2f}"
                f"   ({s['matched']} matched of {s['predicted']} drafted, {s['reference']} in the reference)")

    src = row["sources"]
    lines.append(line("sources", {**src["sources"], **src}))
    lines.append(f"  {'  type right':<22} {src['type_right']} of {src['matched']};"
                 f" named right {src['named_right']} of {src['matched']};"
                 f" attributions linked right {src['links_right']} of {src['links']}")
    att = row["attributions"]
    lines.append(line("attribution contents", {**att["content"], **att}))
    lines.append(line("  speakers", {**att["speaker"], **att}))
    for layer in ("hedges", "boosters", "loaded_language", "scare_quotes", "metaphors"):
        lines.append(line(layer, row[layer]))
    pf = row["primary_frame"]
    for scope in ("headline", "body"):
        d, r = pf["draft"][scope], pf["reference"][scope]
        lines.append(f"  primary frame {scope:<8} draft {d}, reference {r}: {'right' if d == r else 'wrong'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from medialit.articles.article import load_article

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("articles", nargs="*", default=[PRACTICE])
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = p.parse_args(argv)
    rows = [quality(load_article(a)) for a in args.articles]
    print(json.dumps(rows, indent=2) if args.json else "\n\n".join(show(r) for r in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
