"""Turn an analysed doc into a document of the shared annotation format."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from .. import __version__
from ..annotation import new_document, validate


def producer_name() -> str:
    from .loader import model_name

    try:
        model = model_name()
    except Exception:  # noqa: BLE001 - a name is only informative here
        model = "unknown model"
    return f"medialit {__version__} analyzers on {model}"


def to_annotation(doc: Doc, article_id: str = "analyzed-text",
                  part_at: Callable[[int], str | None] | None = None) -> dict[str, Any]:
    """The analyzers' findings on ``doc`` as a valid annotation document (producer "analyzer").

    Layers appear only for the components that ran.  ``part_at`` maps a character offset to
    the page part it lies in (``Article.part_at``), to label each attribution's part.
    """
    out = new_document(article_id, doc.text, producer="analyzer", name=producer_name())
    attributions = doc._.attributions
    if attributions is not None:
        items = []
        for i, a in enumerate(attributions, 1):
            item = a.to_json(f"a{i}")
            part = part_at(a.content_start) if part_at else None
            if part:
                item["part"] = part
            items.append(item)
        out["attributions"] = items
    if doc._.hedges is not None:
        out["hedges"] = [h.to_json(f"h{i}") for i, h in enumerate(doc._.hedges, 1)]
        out["boosters"] = [b.to_json(f"b{i}") for i, b in enumerate(doc._.boosters or [], 1)]
    if doc._.loaded_language is not None:
        out["framing"] = {
            "loaded_language": [x.to_json(f"ll{i}") for i, x in enumerate(doc._.loaded_language, 1)],
            "scare_quotes": [x.to_json(f"sq{i}") for i, x in enumerate(doc._.scare_quotes or [], 1)],
        }
    return validate(out, doc.text, where=f"analyzer output for {article_id}")
