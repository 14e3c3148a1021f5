"""The annotation layers, defined once: where each lives in a document and how it is handled.

For every layer of ``annotations.schema.json`` (``sources``, ``attributions``, ``hedges``,
``boosters``, ``claims`` and the framing layers ``framing.frames``,
``framing.loaded_language``, ``framing.scare_quotes``, ``framing.metaphors``) a
:class:`Layer` says:

- its **path** in a document (``hedges`` is ``doc["hedges"]``, ``framing.metaphors`` is
  ``doc["framing"]["metaphors"]``) and the schema definition of its items;
- its **span fields** (:class:`Role`), in item order, each with the label its regions carry
  in Label Studio and doccano, the item fields shown as attributes of those regions, the
  Label Studio colour and the ``medialit show`` style and legend;
- the **marked field**: the span a student marks in a spans question and whose region
  carries the item's categories in the annotation tools;
- the **label field** (the item's main category: ``kind``, ``category``, ``status``,
  ``frame``, ``holder``...) and whether it may be missing;
- the **id prefix** of new items (``h3``, ``ll2``).

Every module that needs one of these facts reads it here; the human wording of a label
comes from the codebook (:mod:`medialit.core.codebook`), never from this module.

Limits: adding a layer also needs its place in ``annotations.schema.json`` and a label set
in ``data/codebook.yaml``; the layers' order here is the order items are listed and
exported in (claims before the framing layers), which differs from the order of the
document's keys (see :func:`document_keys`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

Mark = tuple[int, int, str, str]


@dataclass(frozen=True)
class Role:
    """One span field of a layer's items, and how the annotation tools show its spans."""

    field: str
    """The item field holding the span (``cues`` holds a list of spans)."""
    label: str
    """The label of its regions in Label Studio and doccano (``HEDGE``)."""
    attrs: tuple[str, ...]
    """Categorical item fields shown as attributes of its regions."""
    colour: str
    """Its Label Studio background colour."""
    style: str
    """Its rich style in ``medialit show``."""
    legend: Callable[[dict[str, Any]], str]
    """The legend line of one of its spans in ``medialit show`` (the item in, text out)."""
    shown_with: tuple[str, ...] = ()
    """Other ``medialit show --layer`` choices that show it too."""
    is_list: bool = False
    """True when the field holds a list of spans (a frame's ``cues``)."""


@dataclass(frozen=True)
class Layer:
    """One annotation layer (see the module docstring)."""

    path: str
    item_def: str
    """The ``$defs`` entry of ``annotations.schema.json`` its items follow."""
    id_prefix: str
    roles: tuple[Role, ...] = ()
    """Its span fields, in the order items hold them."""
    marked_field: str | None = None
    """The span field a spans question asks students to mark; its regions carry the item's
    categories in the annotation tools."""
    label_field: str | None = None
    """The item's main category (``kind``, ``category``, ``status``, ``frame``, ``holder``, ``type``)."""
    label_optional: bool = False
    """True when items may have no label (a question on the layer may then take one label)."""
    reported_parts_only: bool = False
    """True for layers about what the report asserts: annotated only in the parts that report
    (the codebook's "parts" convention), never in furniture, credits or related links."""
    linked: bool = False
    """True when an item's spans are linked in order, as relations in the tools (an
    attribution's speaker -> cue -> content)."""
    derive: Callable[[int, Callable[[int], str | None]], dict[str, Any]] | None = None
    """Fields a new item takes from where its first span starts (given that offset and the
    article's ``part_at``): a frame's ``scope``."""

    @property
    def group(self) -> str:
        """The document key holding the layer (``framing`` for ``framing.metaphors``)."""
        return self.path.split(".", 1)[0]

    @property
    def name(self) -> str:
        """The last part of the path (``metaphors``)."""
        return self.path.rsplit(".", 1)[-1]

    @property
    def span_fields(self) -> tuple[str, ...]:
        return tuple(r.field for r in self.roles)

    @property
    def marked_role(self) -> Role | None:
        return next((r for r in self.roles if r.field == self.marked_field), None)

    @property
    def question_label_fields(self) -> tuple[str | None, ...]:
        """The fields a spans question's labels may be values of; ``None``: no field, one label.
        The first is the default."""
        if self.label_field is None:
            return (None,)
        return (None, self.label_field) if self.label_optional else (self.label_field,)

    def derived_fields(self, start: int, part_at: Callable[[int], str | None]) -> dict[str, Any]:
        """The fields :attr:`derive` gives a new item whose first span starts at ``start``."""
        return self.derive(start, part_at) if self.derive else {}

    @property
    def required_attr(self) -> str | None:
        """The field a new item of the layer cannot do without (its label field), or None."""
        return None if self.label_optional else self.label_field


def _noted(path: str, prefix: str, label: str, colour: str, style: str) -> Layer:
    name = path.split(".")[1]
    return Layer(path, "noted_span", prefix,
                 (Role("span", label, ("holder",), colour, style,
                       lambda x: f"{x['id']} {name}: {x.get('note', '')}"),),
                 marked_field="span", label_field="holder", label_optional=True)


def _stance(path: str, prefix: str, label: str, colour: str, style: str) -> Layer:
    return Layer(path, "stance_cue", prefix,
                 (Role("cue", label, ("category", "holder"), colour, style,
                       lambda h: f"{h['id']} {h['category']} ({h.get('holder', '?')})"),),
                 marked_field="cue", label_field="category", reported_parts_only=True)


#: Every layer, in the order items are listed, validated and exported.
LAYERS: tuple[Layer, ...] = (
    Layer("sources", "source", "s", label_field="type"),
    Layer("attributions", "attribution", "a", (
        Role("speaker", "SPEAKER", ("source_type",), "#1f77b4", "bold black on bright_cyan",
             lambda a: f"{a['id']} speaker: {a.get('speaker_name')}", shown_with=("sources",)),
        Role("cue", "CUE", ("cue_connotation",), "#ff7f0e", "bold underline",
             lambda a: f"{a['id']} cue ({a.get('cue_connotation', 'neutral')})", shown_with=("sources",)),
        Role("content", "CONTENT", ("kind",), "#9edae5", "italic on grey23",
             lambda a: f"{a['id']} {a['kind']} content"),
    ), marked_field="content", label_field="kind", reported_parts_only=True, linked=True),
    _stance("hedges", "h", "HEDGE", "#ffdd57", "black on yellow"),
    _stance("boosters", "b", "BOOSTER", "#e377c2", "black on bright_magenta"),
    Layer("claims", "claim", "c", (
        Role("span", "CLAIM", ("status",), "#c7c7c7", "italic on grey23", lambda c: f"{c['id']} {c['status']}"),
    ), marked_field="span", label_field="status", reported_parts_only=True),
    Layer("framing.frames", "frame", "f", (
        Role("cues", "FRAME", ("frame", "scope"), "#17becf", "underline blue",
             lambda f: f"{f['id']} frame: {f['frame']} ({f['scope']})", is_list=True),
    ), marked_field="cues", label_field="frame",
        derive=lambda start, part_at: {"scope": "headline" if part_at(start) == "headline" else "body"}),
    _noted("framing.loaded_language", "ll", "LOADED", "#d62728", "bold red"),
    _noted("framing.scare_quotes", "sq", "SCARE_QUOTE", "#8c564b", "reverse"),
    _noted("framing.metaphors", "m", "METAPHOR", "#2ca02c", "underline green"),
)
BY_PATH: dict[str, Layer] = {layer.path: layer for layer in LAYERS}
#: The layers whose items hold spans.
SPAN_LAYERS: tuple[Layer, ...] = tuple(layer for layer in LAYERS if layer.roles)
#: The names of the framing layers (``frames``, ``loaded_language``...), in order.
FRAMING_LAYERS: tuple[str, ...] = tuple(layer.name for layer in LAYERS if layer.group == "framing")


def get(path: str) -> Layer:
    """The layer at ``path``; ``KeyError`` naming the known layers when there is none."""
    try:
        return BY_PATH[path]
    except KeyError:
        raise KeyError(f"unknown layer {path!r}; use one of {', '.join(BY_PATH)}") from None


def role_of_label(label: str) -> tuple[Layer, Role]:
    """The layer and span field whose regions carry the tool label ``label`` (``HEDGE``)."""
    for layer in SPAN_LAYERS:
        for role in layer.roles:
            if role.label == label:
                return layer, role
    raise KeyError(label)


@cache
def document_keys() -> tuple[str, ...]:
    """The document keys that hold layers, in the schema's order (``sources`` ... ``claims``)."""
    from medialit.core.annotation import load_schema

    groups = {layer.group for layer in LAYERS}
    return tuple(k for k in load_schema("annotations")["properties"] if k in groups)


# -- reading and writing a document's layers -------------------------------------------

def items(doc: dict[str, Any], path: str) -> list[Any]:
    """The item list of layer ``path`` in ``doc`` (empty when absent; not copied)."""
    layer = get(path)
    if layer.group != layer.path:
        return (doc.get(layer.group) or {}).get(layer.name) or []
    return doc.get(path) or []


def items_for_writing(doc: dict[str, Any], path: str) -> list[Any]:
    """The item list of layer ``path`` in ``doc``, created (empty) when absent."""
    layer = get(path)
    if layer.group != layer.path:
        return doc.setdefault(layer.group, {}).setdefault(layer.name, [])
    return doc.setdefault(path, [])


def iter_items(doc: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every item of every layer as ``(layer path, item)``, in :data:`LAYERS` order."""
    for layer in LAYERS:
        for item in items(doc, layer.path):
            yield layer.path, item


def item_spans(item: dict[str, Any], path: str, field_name: str | None = None) -> list[dict[str, Any]]:
    """The spans (JSON) an item holds in ``field_name`` (default: the layer's marked field)."""
    name = field_name or get(path).marked_field or "span"
    raw = item.get(name)
    raws = raw if isinstance(raw, list) else [raw]
    return [r for r in raws if isinstance(r, dict)]


def field_values(path: str, field_name: str) -> list[str]:
    """The values ``annotations.schema.json`` allows for ``field_name`` of the layer's items."""
    from medialit.core.annotation import load_schema

    schema = load_schema("annotations")
    prop = schema["$defs"][get(path).item_def]["properties"][field_name]
    if "$ref" in prop:  # e.g. source_type refers to the source definition
        node: Any = schema
        for key in prop["$ref"].removeprefix("#/").split("/"):
            node = node[key]
        prop = node
    return list(prop["enum"])


# -- ``medialit show`` -------------------------------------------------------------------

def show_choices() -> list[str]:
    """The ``--layer`` choices of ``medialit show`` besides ``structure``: the document keys."""
    return list(document_keys())


def layer_marks(doc: dict[str, Any], choice: str) -> list[Mark]:
    """``(start, end, style, legend)`` for every span ``medialit show --layer choice`` marks.

    A choice shows the spans of the layers stored under that document key, plus the
    span fields that name it in ``shown_with`` (``sources`` shows the attributions'
    speakers and cues).
    """
    marks: list[Mark] = []
    for layer in SPAN_LAYERS:
        for role in layer.roles:
            if layer.group != choice and choice not in role.shown_with:
                continue
            for item in items(doc, layer.path):
                for span in item_spans(item, layer.path, role.field):
                    marks.append((span["start"], span["end"], role.style, role.legend(item)))
    return sorted(marks)
