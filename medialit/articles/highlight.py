"""An article printed with one annotation layer highlighted (``medialit show``).

The ``structure`` layer styles the parts of the page (headline, captions, furniture ...)
and lists them with their offsets; every other layer styles the spans of the article's
reference annotation, or of another annotation file, and lists them with their labels.
Limits: the styles are terminal colours (rich), so overlapping spans show the last style
applied; the legend lists every span anyway.
"""

from __future__ import annotations

from typing import Any

from medialit.articles.article import load_article
from medialit.core import annotation as ann

#: The annotation layers ``show`` can highlight (besides ``structure``).
SHOW_LAYERS = ["sources", "attributions", "hedges", "boosters", "framing", "claims"]
#: Span kind -> rich style.
_STYLES = {
    "speaker": "bold black on bright_cyan",
    "cue": "bold underline",
    "content": "italic on grey23",
    "hedge": "black on yellow",
    "booster": "black on bright_magenta",
    "loaded": "bold red",
    "scare": "reverse",
    "metaphor": "underline green",
    "frame": "underline blue",
}
#: Part label -> rich style (an empty style leaves the part as it is).
_PART_STYLES = {"section": "dim", "furniture": "dim strike", "caption": "italic cyan", "credit": "dim cyan",
                "headline": "bold", "standfirst": "bold italic", "body": "", "video": "magenta",
                "related": "dim magenta"}


def layer_marks(doc: dict[str, Any], layer: str) -> list[tuple[int, int, str, str]]:
    """(start, end, style, label) for every span of ``layer`` in ``doc``, sorted."""
    marks: list[tuple[int, int, str, str]] = []

    def add(span: dict[str, Any] | None, kind: str, label: str) -> None:
        if span:
            marks.append((span["start"], span["end"], _STYLES[kind], label))

    if layer in ("sources", "attributions"):
        for a in doc.get("attributions", []):
            add(a.get("speaker"), "speaker", f"{a['id']} speaker: {a.get('speaker_name')}")
            add(a.get("cue"), "cue", f"{a['id']} cue ({a.get('cue_connotation', 'neutral')})")
            if layer == "attributions":
                add(a.get("content"), "content", f"{a['id']} {a['kind']} content")
    elif layer in ("hedges", "boosters"):
        for h in doc.get(layer, []):
            kind = "hedge" if layer == "hedges" else "booster"
            add(h["cue"], kind, f"{h['id']} {h['category']} ({h.get('holder', '?')})")
    elif layer == "framing":
        fr = doc.get("framing", {})
        for f in fr.get("frames", []):
            for c in f.get("cues", []):
                add(c, "frame", f"{f['id']} frame: {f['frame']} ({f['scope']})")
        for name, kind in (("loaded_language", "loaded"), ("scare_quotes", "scare"), ("metaphors", "metaphor")):
            for x in fr.get(name, []):
                add(x["span"], kind, f"{x['id']} {name}: {x.get('note', '')}")
    elif layer == "claims":
        for c in doc.get("claims", []):
            add(c["span"], "content", f"{c['id']} {c['status']}")
    return sorted(marks)


def print_highlighted(article_id: str, layer: str = "structure", file: str | None = None) -> None:
    """Print the article with ``layer`` highlighted, a rule, and one legend line per mark.

    ``layer`` is ``structure`` or one of :data:`SHOW_LAYERS`; the spans come from the
    annotation ``file`` when given (validated against the article), else from the reference.
    """
    from rich.console import Console
    from rich.text import Text

    article = load_article(article_id)
    console = Console()
    text = Text(article.text)
    legend: list[str] = []
    if layer == "structure":
        for p in article.structure:
            if _PART_STYLES.get(p["label"]):
                text.stylize(_PART_STYLES[p["label"]], p["start"], p["end"])
            legend.append(f"{p['start']:>5}-{p['end']:<5} {p['label']:<10} {p['text'][:60]}")
    else:
        doc = ann.load(file, article.text) if file else article.reference
        for start, end, style, label in layer_marks(doc, layer):
            text.stylize(style, start, end)
            legend.append(f"{start:>5}-{end:<5} {label}")
    console.print(text)
    console.rule(f"{layer}: {len(legend)} marks")
    for line in legend:
        console.print(line, markup=False, highlight=False)
