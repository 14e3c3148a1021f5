"""An article printed with one annotation layer highlighted (``medialit show``).

The ``structure`` layer styles the parts of the page (headline, captions, furniture ...)
and lists them with their offsets; every other layer styles the spans of the article's
reference annotation, or of another annotation file, and lists them with their labels.
Limits: the styles are terminal colours (rich), so overlapping spans show the last style
applied; the legend lists every span anyway.
"""

from __future__ import annotations

from medialit.articles.article import load_article
from medialit.core import annotation as ann
from medialit.core.layers import layer_marks

#: Part label -> rich style (an empty style leaves the part as it is).
_PART_STYLES = {"section": "dim", "furniture": "dim strike", "caption": "italic cyan", "credit": "dim cyan",
                "headline": "bold", "standfirst": "bold italic", "body": "", "video": "magenta",
                "related": "dim magenta"}


def print_highlighted(article_id: str, layer: str = "structure", file: str | None = None) -> None:
    """Print the article with ``layer`` highlighted, a rule, and one legend line per mark.

    ``layer`` is ``structure`` or one of :func:`medialit.core.layers.show_choices`; the spans come from the
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
