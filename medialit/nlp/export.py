"""Turn an analysed doc into a document of the shared annotation format."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from medialit import __version__
from medialit.core import layers
from medialit.core.annotation import new_document, validate
from medialit.nlp.attributions import polnear_view

#: Page parts where the codebook annotates no attributions, hedges or boosters (they are not
#: part of what the report asserts); framing cues are kept everywhere.
NOT_ASSERTED_PARTS = frozenset({"section", "furniture", "credit", "byline", "dateline", "related"})


def prefix(layer: str) -> str:
    """The id prefix of the layer's items (``h`` for hedges: ``h1``, ``h2``...)."""
    return layers.get(layer).id_prefix


def producer_name() -> str:
    from medialit.nlp.loader import model_name

    try:
        model = model_name()
    except Exception:  # noqa: BLE001 - a name is only informative here
        model = "unknown model"
    return f"medialit {__version__} analyzers on {model}"


def _layer(doc: Doc, name: str) -> Any:
    """``doc._.<name>``, or None when no medialit component has added that attribute."""
    return doc._.get(name) if Doc.has_extension(name) else None


def to_annotation(doc: Doc, article_id: str = "analyzed-text",
                  part_at: Callable[[int], str | None] | None = None,
                  convention: str = "codebook") -> dict[str, Any]:
    """The analyzers' findings on ``doc`` as a valid annotation document (producer "analyzer").

    ``convention="codebook"`` gives one attribution per quoted stretch, as the codebook and
    the reference annotations do; ``"polnear"`` joins the stretches of one quotation and gives
    a cue's object noun back to the content, as PolNeAR annotates
    (:func:`medialit.nlp.attributions.polnear_view`).

    Layers appear only for the components that ran.  ``part_at`` maps a character offset to
    the page part it lies in (``Article.part_at``): each attribution gets its part, and
    attributions, hedges and boosters in parts the codebook leaves out (furniture, related
    links, ...; :data:`NOT_ASSERTED_PARTS`) are dropped.
    """
    text = doc.text
    out = new_document(article_id, text, producer="analyzer", name=producer_name())

    def asserted(offset: int) -> bool:
        return part_at is None or part_at(offset) not in NOT_ASSERTED_PARTS

    attributions = _layer(doc, "attributions")
    if attributions is not None and convention == "polnear":
        attributions = polnear_view(attributions)
    elif convention != "codebook":
        raise ValueError(f"unknown convention {convention!r}; use 'codebook' or 'polnear'")
    if attributions is not None:
        items = []
        for a in attributions:
            if not asserted(a.content_start):
                continue
            item = a.to_json(f"{prefix('attributions')}{len(items) + 1}")
            part = part_at(a.content_start) if part_at else None
            if part:
                item["part"] = part
            items.append(item)
        out["attributions"] = items
    hedges = _layer(doc, "hedges")
    if hedges is not None:
        hedges = [h for h in hedges if asserted(h.start)]
        boosters = [b for b in _layer(doc, "boosters") or [] if asserted(b.start)]
        out["hedges"] = [h.to_json(f"{prefix('hedges')}{i}") for i, h in enumerate(hedges, 1)]
        out["boosters"] = [b.to_json(f"{prefix('boosters')}{i}") for i, b in enumerate(boosters, 1)]
    loaded = _layer(doc, "loaded_language")
    if loaded is not None:
        out["framing"] = {
            "loaded_language": [x.to_json(f"{prefix('framing.loaded_language')}{i}") for i, x in enumerate(loaded, 1)],
            "scare_quotes": [x.to_json(f"{prefix('framing.scare_quotes')}{i}")
                             for i, x in enumerate(_layer(doc, "scare_quotes") or [], 1)],
        }
    return validate(out, text, where=f"analyzer output for {article_id}")
