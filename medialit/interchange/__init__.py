"""Annotations to and from annotation tools: Label Studio JSON and doccano JSONL.

:func:`export_text` turns an annotation document into a file for a tool;
:func:`import_text` reads such a file back into a validated annotation document for an
article.  Both round-trip without loss: export then import gives the original document
(see :mod:`.regions` for how items, attributes and metadata travel).
"""

from __future__ import annotations

import json
from typing import Any

from medialit.interchange.regions import ExchangeError

FORMATS = ("label-studio", "doccano")

__all__ = ["FORMATS", "ExchangeError", "export_text", "import_document", "import_text"]


def export_text(doc: dict[str, Any], text: str, fmt: str, *, offsets: str | None = None,
                as_predictions: bool = False, relations: bool = False) -> str:
    """The file content for ``fmt`` (``label-studio`` JSON or ``doccano`` JSONL)."""
    if fmt == "label-studio":
        from medialit.interchange.label_studio import export_tasks

        tasks = export_tasks(doc, text, as_predictions=as_predictions, offsets=offsets or "codepoints")
        return json.dumps(tasks, ensure_ascii=False, indent=2) + "\n"
    if fmt == "doccano":
        from medialit.interchange.doccano import export_jsonl

        return export_jsonl(doc, text, relations=relations, offsets=offsets or "utf16")
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def import_document(raw: str, text: str, article_id: str, fmt: str, *, pick: int | None = None,
                    offsets: str | None = None, where: str = "file",
                    scope_at: Any = None) -> tuple[dict[str, Any], list[str]]:
    """An annotation document (not yet validated) and notes, from a tool's file content."""
    from medialit.interchange.regions import from_regions

    if fmt == "label-studio":
        from medialit.interchange.label_studio import read_regions

        try:
            data = json.loads(raw.lstrip("\ufeff"))
        except json.JSONDecodeError as exc:
            raise ExchangeError([f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"], where) \
                from None
        found, notes = read_regions(data, text, pick=pick, offsets=offsets, where=where)
        tool = "Label Studio"
    elif fmt == "doccano":
        from medialit.interchange.doccano import read_regions as read_doccano

        found, notes = read_doccano(raw, text, pick=pick, offsets=offsets, where=where)
        tool = "doccano"
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    doc, more = from_regions(found, text, article_id, tool, scope_at=scope_at)
    return doc, notes + more


def import_text(raw: str, article: Any, fmt: str, **kw: Any) -> tuple[dict[str, Any], list[str]]:
    """Import for an :class:`~medialit.articles.article.Article`, validated against its text."""
    from medialit.core import annotation as ann

    def scope_at(offset: int) -> str:
        try:
            return "headline" if article.part_at(offset) == "headline" else "body"
        except Exception:  # an article without structure.json
            return "body"

    doc, notes = import_document(raw, article.text, article.id, fmt, scope_at=scope_at, **kw)
    ann.validate(doc, article.text, where=f"the imported annotation for {article.id}")
    return doc, notes
