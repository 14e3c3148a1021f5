"""Span answers and span keys: what a spans question marks, as annotation documents.

A spans question asks for the spans of one annotation layer (``question.layer``): a
student's answer is stored as an annotation document holding only that layer, and the key
is either written inline (``answer: [{text, label}]``) or picked from the article's
reference annotation (``key: {layer, where}``).  Which field of an item holds the span
and which holds the label comes from :mod:`medialit.core.layers`.

Limits: an answer item holds the marked span and the label only (an attribution's
speaker and cue are not asked for); ``where: {part: ...}`` looks at an item's first span.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from medialit.core import annotation as ann
from medialit.core import layers
from medialit.core.spans import Span, find_span
from medialit.questions.errors import AnswerFormError, QuestionBankError

if TYPE_CHECKING:
    from medialit.questions.question import Question


def layer_items(doc: Mapping[str, Any], layer: str) -> list[dict[str, Any]]:
    """The items (mappings only) of ``layer`` in ``doc``."""
    return [i for i in layers.items(dict(doc), layer) if isinstance(i, dict)]


def item_spans(item: Mapping[str, Any], layer: str) -> list[Span]:
    """The spans of the layer's marked field in ``item``."""
    return [Span.from_json(r) for r in layers.item_spans(dict(item), layer)]


def item_matches(item: Mapping[str, Any], where: Mapping[str, Any], layer: str, article: Any) -> bool:
    """True when ``item`` has every value ``where`` asks for (``part``: the part of its first span)."""
    for name, wanted in where.items():
        allowed = wanted if isinstance(wanted, list) else [wanted]
        if name == "part" and "part" not in item:
            spans = item_spans(item, layer)
            value = article.part_at(spans[0].start) if spans else None
        else:
            value = item.get(name)
        if value not in allowed:
            return False
    return True


def resolve_span_key(text: str, entry: Mapping[str, Any], where: str, after: int = 0) -> Span:
    """An inline key span; a quoted ``text`` is looked up from offset ``after`` (the region's start)."""
    try:
        if "start" in entry:
            span = Span.of(text, int(entry["start"]), int(entry["end"]))
            if "text" in entry and entry["text"] != span.text:
                raise ValueError(f"text {entry['text']!r} does not match the article at "
                                 f"{span.start}:{span.end}, which reads {span.text!r}")
            return span
        return find_span(text, str(entry["text"]), int(entry.get("occurrence", 1)), after=after)
    except ValueError as exc:
        raise QuestionBankError([f"{where}: answer span {exc}"], where.split(":")[0]) from None


def only_label(q: Question) -> str | None:
    """The question's label when it has exactly one (spans may then be given without one)."""
    return q.label_ids[0] if len(q.label_ids) == 1 else None


def item_label(q: Question, item: Mapping[str, Any]) -> str | None:
    return item.get(q.label_field) if q.label_field else only_label(q)


def key_spans(q: Question) -> list[tuple[Span, str | None, str | None]]:
    """The reference spans as ``(span, label, feedback)``, inline or from the reference annotation."""
    article = q.article
    if article is None:
        return []
    if "answer" in q.data:
        return [(resolve_span_key(article.text, entry, q.where, q.region_start()),
                 entry.get("label", only_label(q)), entry.get("feedback")) for entry in q.data["answer"]]
    key = q.data["key"]
    layer = key.get("layer") or q.layer
    where = key.get("where") or {}
    out = []
    for item in layer_items(article.reference, layer):
        if not item_matches(item, where, layer, article):
            continue
        for span in item_spans(item, layer):
            if q.in_region(span):
                out.append((span, item_label(q, item), item.get("note")))
    return sorted(out, key=lambda t: t[0])


def answer_spans(q: Question, value: Mapping[str, Any]) -> list[tuple[Span, str | None]]:
    """``(span, label)`` for every span in a stored spans answer, in text order."""
    layer = q.layer
    if not layer:
        return []
    out = [(span, item_label(q, item)) for item in layer_items(value, layer) for span in item_spans(item, layer)]
    return sorted(out, key=lambda t: (t[0].start, t[0].end, str(t[1])))


def spans_document(q: Question, spans: Iterable[tuple[Span, str | None]]) -> dict[str, Any]:
    """An annotation document holding ``spans`` in the question's layer (the stored answer)."""
    article = q.article
    doc = ann.new_document(article.id, article.text, "student")
    layer = layers.get(q.layer or "")
    out = layers.items_for_writing(doc, layer.path)
    for i, (span, label) in enumerate(sorted(set(spans), key=lambda t: (t[0].start, t[0].end, str(t[1]))), 1):
        out.append(new_item(layer, f"{layer.id_prefix}{i}", span, q.label_field, label, article))
    return doc


def new_item(layer: layers.Layer, item_id: str, span: Span, label_field: str | None, label: str | None,
             article: Any) -> dict[str, Any]:
    """An item of ``layer`` marking ``span`` with ``label``, its fields in the schema's order."""
    s = span.to_json()
    fields: dict[str, Any] = {"id": item_id, layer.marked_field or "span": [s] if layer.marked_role and
                              layer.marked_role.is_list else s}
    if label_field:
        fields[label_field] = label
    fields.update(layer.derived_fields(span.start, article.part_at))
    order = list(ann.load_schema("annotations")["$defs"][layer.item_def]["properties"])
    return {k: fields[k] for k in order if k in fields} | {k: v for k, v in fields.items() if k not in order}


def span_entry(q: Question, text: str, i: int, entry: Any) -> tuple[Span, str | None]:
    """One span of an answer given in code: a Span, ``(start, end[, label])`` or a mapping."""
    default_label = only_label(q)
    try:
        if isinstance(entry, Span):
            return entry, default_label
        if isinstance(entry, (tuple, list)) and len(entry) in (2, 3):
            label = entry[2] if len(entry) == 3 else default_label
            return Span.of(text, int(entry[0]), int(entry[1])), label
        if isinstance(entry, Mapping):
            label = entry.get("label", default_label)
            if "start" in entry:
                span = Span.of(text, int(entry["start"]), int(entry["end"]))
                if "text" in entry and entry["text"] != span.text:
                    raise ValueError(f"text {entry['text']!r} does not match the article at {span.start}:{span.end}, "
                                     f"which reads {span.text!r}")
                return span, label
            if "text" in entry:
                found = find_span(text, str(entry["text"]), int(entry.get("occurrence", 1)), after=q.region_start())
                return found, label
    except (ValueError, TypeError) as exc:
        raise AnswerFormError(f"{q.id}: span {i + 1}: {exc}") from None
    raise AnswerFormError(f"{q.id}: span {i + 1} ({entry!r}) should be (start, end, label) or "
                          f"{{'text': '...', 'label': '...'}}")
