"""Between an item of a layer and the spans marked for it in the span highlighter.

The review panel adds and edits items with the span highlighter, whose labels are the
layer's span fields (``cue``, ``speaker``, ``content``...): :func:`item_marks` gives an
item's spans as ``(Span, field)`` pairs to show, :func:`fields_from_marks` turns marked
pairs and the chosen label back into the fields :meth:`DraftReview.add` and
:meth:`DraftReview.edit` take.

Limits: only spans and the layer's label field are made here; other fields (a speaker's
name, notes, a source link) are kept on edit and set in code (``review.edit``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from medialit.core import layers
from medialit.core.spans import Span
from medialit.errors import MedialitError

#: The drop-down entry for "no label" in layers whose items may go without one.
UNSET = "(not set)"


class MarkError(MedialitError, ValueError):
    """The marked spans cannot make an item; the message says what to mark instead."""


def field_options(layer: str) -> list[str]:
    """The values the schema allows for the layer's label field, with "(not set)" first when
    items may go without one."""
    spec = layers.get(layer)
    values = layers.field_values(layer, spec.label_field or "")
    return ([UNSET] if spec.label_optional else []) + values


def item_marks(layer: str, item: dict[str, Any]) -> list[tuple[Span, str]]:
    """The item's spans as ``(Span, span field)`` pairs, as the highlighter shows them."""
    return [(Span(v["start"], v["end"], v["text"]), field)
            for field in layers.get(layer).span_fields for v in layers.item_spans(item, layer, field)]


def fields_from_marks(layer: str, pairs: list[tuple[Span, str]], label: str | None,
                      part_at: Callable[[int], str | None],
                      item: dict[str, Any] | None = None) -> dict[str, Any]:
    """The fields of an item made from marked ``pairs`` and ``label``; with ``item`` (an
    edit), span fields no longer marked are cleared (``None`` in an attribution, removed
    elsewhere) and the speaker's name follows a changed speaker span.

    Raises :class:`MarkError` for no marks or two marks of a one-span field.
    """
    if not pairs:
        raise MarkError("mark at least one span in the text first")
    spec = layers.get(layer)
    list_fields = {r.field for r in spec.roles if r.is_list}
    fields: dict[str, Any] = {}
    for span, role in sorted(pairs, key=lambda p: (p[0].start, p[0].end)):
        if role in list_fields:
            fields.setdefault(role, []).append(span)
        elif role in fields:
            raise MarkError(f"mark only one {role} for an item (remove the other in the list of marked spans)")
        else:
            fields[role] = span
    if label and label != UNSET:
        fields[spec.label_field] = label
    elif item is not None and spec.label_field in item:
        fields[spec.label_field] = ...
    for name in spec.span_fields:
        if name not in fields and (item is None and spec.linked or item is not None):
            fields[name] = [] if name in list_fields else (None if spec.linked else ...)
    if spec.linked:  # an attribution: the speaker's name is its text, unless the speaker span is the same
        speaker = fields.get("speaker")
        before = (item or {}).get("speaker") or {}
        if isinstance(speaker, Span) and (speaker.start, speaker.end) != (before.get("start"), before.get("end")):
            fields["speaker_name"] = speaker.text
    if item is None:
        first = min(span.start for span, _ in pairs)
        for name, derived in spec.derived_fields(first, part_at).items():
            fields.setdefault(name, derived)
    return fields
