"""The common ground of the annotation tools: labelled regions, relations and metadata.

An annotation document becomes a flat list of :class:`Region` objects (one per span, with
a label such as ``CONTENT`` or ``HEDGE`` and the item's categorical fields as region
attributes), relations linking an attribution's speaker to its cue and its cue to its
content, and a metadata record holding whatever a tool cannot show: item ids, notes,
speaker names, sources, the producer, the order of items and keys.

Going back, regions are matched to the metadata's items, first by region id and then by
(start, end, label), so that a tool which renumbers regions still round-trips.  What the
tool holds wins over the metadata: a span moved or a category changed in the tool is
taken.  Items whose regions were all deleted in the tool are dropped; regions added in the
tool become new items (attributions grouped through their relations), with new ids.

The format modules (:mod:`.label_studio`, :mod:`.doccano`) only translate regions to and
from their file shapes.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from medialit.core import annotation as ann
from medialit.core import layers as layer_registry
from medialit.core.spans import text_sha256
from medialit.errors import ProblemsError

METADATA_VERSION = 1

#: layer -> (role -> label): the span fields of each layer and the labels of their regions
#: (:mod:`medialit.core.layers`).  Frames hold a list of cues: role ``cues``.
ROLES: dict[str, dict[str, str]] = {layer.path: {r.field: r.label for r in layer.roles}
                                   for layer in layer_registry.SPAN_LAYERS}
LABEL_LAYER = {label: (layer, role) for layer, roles in ROLES.items() for role, label in roles.items()}
LABELS = list(LABEL_LAYER)
#: label -> the item fields shown as region attributes (categorical fields of the schema).
ATTRS: dict[str, tuple[str, ...]] = {r.label: r.attrs for layer in layer_registry.SPAN_LAYERS for r in layer.roles}
#: label -> the one attribute a label-only format (doccano) folds into the label (``HEDGE:modal``):
#: the label field of the layer's marked role, when items cannot do without it.
MAIN_ATTR = {layer.marked_role.label: layer.required_attr for layer in layer_registry.SPAN_LAYERS
             if layer.marked_role is not None and layer.required_attr}
#: Fields a new item cannot do without.
REQUIRED_ATTRS = {label: (attr,) for label, attr in MAIN_ATTR.items()}


class ExchangeError(ProblemsError):
    """A file cannot be imported; ``problems`` lists every finding with how to fix it."""

    summary = "{where} cannot be imported"
    limit = 30


@dataclass
class Region:
    """One labelled span, in code points of the article text."""

    rid: str
    label: str
    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Regions:
    """Regions, relations ``(from_rid, to_rid)`` and the metadata record."""

    regions: list[Region]
    relations: list[tuple[str, str]]
    meta: dict[str, Any] | None


def allowed_values(label: str, attr: str) -> list[str]:
    """The values the annotation schema allows for ``attr`` of a ``label`` item."""
    return layer_registry.field_values(LABEL_LAYER[label][0], attr)


def _layer_items(doc: dict[str, Any], layer: str) -> list[dict[str, Any]]:
    return layer_registry.items(doc, layer)


def _item_spans(layer: str, item: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(role, span) pairs of an item; frame cues are roles ``cues[0]``, ``cues[1]``..."""
    out = []
    for role in ROLES[layer]:
        value = item.get(role)
        if role == "cues":
            out += [(f"cues[{k}]", c) for k, c in enumerate(value or []) if isinstance(c, dict)]
        elif isinstance(value, dict):
            out.append((role, value))
    return out


def _base_role(role: str) -> str:
    return "cues" if role.startswith("cues[") else role


# -- document -> regions --------------------------------------------------------------
def to_regions(doc: dict[str, Any], native: Callable[[str, str], bool] = lambda label, attr: True) -> Regions:
    """Regions, relations and metadata for ``doc``.

    ``native(label, attr)`` says whether the format holds that attribute on the region;
    attributes it cannot hold stay in the metadata.
    """
    regions: list[Region] = []
    relations: list[tuple[str, str]] = []
    used: set[str] = set()
    items_meta: list[dict[str, Any]] = []
    for layer in ROLES:
        for item in _layer_items(doc, layer):
            spans = _item_spans(layer, item)
            kept = {k: copy.deepcopy(v) for k, v in item.items()
                    if not (isinstance(v, dict) and k in ROLES[layer]) and not (k == "cues" and v)}
            entry: dict[str, Any] = {"layer": layer, "id": item["id"], "keys": list(item), "regions": []}
            rid_of: dict[str, str] = {}
            native_done: set[str] = set()
            for role, span in spans:
                label = ROLES[layer][_base_role(role)]
                rid = f"{item['id']}-{role.replace('[', '').replace(']', '')}"
                while rid in used:
                    rid += "x"
                used.add(rid)
                rid_of[role] = rid
                attrs = {}
                for attr in ATTRS[label]:
                    if attr in item and native(label, attr):
                        attrs[attr] = item[attr]
                        native_done.add(attr)
                regions.append(Region(rid, label, span["start"], span["end"], attrs))
                entry["regions"].append({"rid": rid, "role": role, "label": label,
                                         "start": span["start"], "end": span["end"], "attrs": attrs})
            for attr in native_done:
                kept.pop(attr, None)
            if "cues" in item and item["cues"]:
                kept["cues"] = []  # rebuilt from the regions
            entry["fields"] = kept
            items_meta.append(entry)
            if layer_registry.get(layer).linked:
                chain = [rid_of[r] for r in layer_registry.get(layer).span_fields if r in rid_of]
                relations += list(zip(chain, chain[1:], strict=False))
    meta = {
        "medialit_exchange": METADATA_VERSION,
        "schema_version": doc.get("schema_version"),
        "article_id": doc.get("article_id"),
        "text_sha256": doc.get("text_sha256"),
        "doc_keys": list(doc),
        "framing_keys": list(doc.get("framing") or {}),
        "producer": copy.deepcopy(doc.get("producer")),
        "sources": copy.deepcopy(doc.get("sources")),
        "items": items_meta,
    }
    return Regions(regions, relations, meta)


# -- regions -> document --------------------------------------------------------------
def _ordered(item: dict[str, Any], keys: list[str], layer: str) -> dict[str, Any]:
    schema_order = list(ann.load_schema()["$defs"][layer_registry.get(layer).item_def]["properties"])
    order = [k for k in keys if k in item] + [k for k in schema_order if k in item and k not in keys]
    order += [k for k in item if k not in order]
    return {k: item[k] for k in order}


def from_regions(found: Regions, text: str, article_id: str, tool: str,
                 scope_at: Callable[[int], str] | None = None) -> tuple[dict[str, Any], list[str]]:
    """Rebuild an annotation document; returns (document, notes about what changed).

    Raises :class:`ExchangeError` listing the regions that cannot become items.
    """
    meta = found.meta or {}
    problems: list[str] = []
    notes: list[str] = []
    by_key: dict[tuple[str, str], Region] = {}
    by_pos: dict[tuple[int, int, str], list[Region]] = {}
    for r in found.regions:
        by_key.setdefault((r.rid, r.label), r)
        by_pos.setdefault((r.start, r.end, r.label), []).append(r)
    used: set[int] = set()

    def take(rid: str, label: str, start: int, end: int, attrs: dict[str, Any]) -> Region | None:
        r = by_key.get((rid, label))
        if r is not None and id(r) not in used:
            used.add(id(r))
            return r
        free = [c for c in by_pos.get((start, end, label), [])
                if id(c) not in used and (c.rid, label) not in _meta_keys]
        # same place and label: prefer the region whose attributes are those exported
        free.sort(key=lambda c: c.attrs != attrs)
        if free:
            used.add(id(free[0]))
            return free[0]
        return None

    _meta_keys = {(reg["rid"], reg["label"]) for e in meta.get("items", []) for reg in e.get("regions", [])}
    layers: dict[str, list[dict[str, Any]]] = {layer: [] for layer in ROLES}
    used_ids: set[str] = {e["id"] for e in meta.get("items", [])} | {s.get("id") for s in meta.get("sources") or []}

    for entry in meta.get("items", []):
        layer = entry["layer"]
        if layer not in ROLES:
            problems.append(f"metadata item {entry.get('id')!r} has an unknown layer {layer!r}")
            continue
        item = copy.deepcopy(entry.get("fields") or {})
        item["id"] = entry["id"]
        had = entry.get("regions", [])
        got: list[tuple[str, Region]] = []
        for reg in had:
            r = take(reg["rid"], reg["label"], reg["start"], reg["end"], reg.get("attrs") or {})
            if r is not None:
                got.append((reg["role"], r))
        if had and not got:
            notes.append(f"{layer} {entry['id']}: all its regions were deleted in {tool}; item removed")
            continue
        for role, r in got:
            span = {"start": r.start, "end": r.end, "text": text[r.start:r.end]}
            base = _base_role(role)
            if base == "cues":
                item.setdefault("cues", []).append(span)
            else:
                item[base] = span
            for attr, value in r.attrs.items():
                item[attr] = value
        for reg in had:
            if _base_role(reg["role"]) != "cues" and not any(role == reg["role"] for role, _ in got):
                if reg["role"] == layer_registry.get(layer).marked_field:
                    notes.append(f"{layer} {entry['id']}: its {reg['role']} region was deleted in {tool}; item removed")
                    item = None  # type: ignore[assignment]
                    break
                item[reg["role"]] = None
                notes.append(f"{layer} {entry['id']}: its {reg['role']} region was deleted in {tool}; set to null")
        if item is None:
            continue
        layers[layer].append(_ordered(item, entry.get("keys", []), layer))

    new_regions = [r for r in found.regions if id(r) not in used]
    if new_regions:
        _add_new_items(new_regions, found.relations, layers, used_ids, text, scope_at, problems, notes, tool)
    if problems:
        raise ExchangeError(problems, f"the {tool} annotation")

    doc: dict[str, Any] = {}
    doc_keys = list(ann.load_schema()["properties"])
    keys = meta.get("doc_keys") or doc_keys
    keys = [k for k in keys if k in doc_keys] + [k for k in doc_keys if k not in keys]
    framing_keys = meta.get("framing_keys") or []
    framing_keys = list(framing_keys) + [k for k in layer_registry.FRAMING_LAYERS if k not in framing_keys]
    for key in keys:
        if key == "schema_version":
            doc[key] = meta.get("schema_version") or ann.SCHEMA_VERSION
        elif key == "article_id":
            doc[key] = article_id
        elif key == "text_sha256":
            doc[key] = text_sha256(text)
        elif key == "producer":
            producer = meta.get("producer")
            if producer is None and "producer" not in (meta.get("doc_keys") or []):
                producer = {"kind": "import", "name": tool}
            if producer is not None:
                doc[key] = producer
        elif key == "sources":
            if meta.get("sources") is not None:
                doc[key] = meta["sources"]
        elif key == "framing":
            framing = {}
            for fk in framing_keys:
                items = layers[f"framing.{fk}"]
                if items or fk in (meta.get("framing_keys") or []):
                    framing[fk] = items
            if framing or "framing" in (meta.get("doc_keys") or []):
                doc[key] = framing
        else:
            if layers[key] or key in (meta.get("doc_keys") or []):
                doc[key] = layers[key]
    return doc, notes


def _new_id(layer: str, used_ids: set[str]) -> str:
    prefix = layer_registry.get(layer).id_prefix
    n = 1
    while f"{prefix}{n}" in used_ids:
        n += 1
    used_ids.add(f"{prefix}{n}")
    return f"{prefix}{n}"


def _describe(r: Region, text: str) -> str:
    snippet = text[r.start:r.end]
    snippet = snippet if len(snippet) <= 50 else snippet[:47] + "..."
    return f"{r.label} region {r.rid!r} at {r.start}:{r.end} (“{snippet}”)"


def _check_attrs(r: Region, text: str, problems: list[str]) -> None:
    for attr in REQUIRED_ATTRS.get(r.label, ()):
        if attr not in r.attrs:
            choices = ", ".join(allowed_values(r.label, attr))
            problems.append(f"{_describe(r, text)} is new and has no {attr}; choose one of {choices} "
                            "for it in the tool and export again")
    for attr, value in r.attrs.items():
        if attr in ATTRS.get(r.label, ()) and value not in allowed_values(r.label, attr):
            problems.append(f"{_describe(r, text)}: {attr} {value!r} is not one of "
                            f"{', '.join(allowed_values(r.label, attr))}")


def _add_new_items(new: list[Region], relations: list[tuple[str, str]], layers: dict[str, list[dict[str, Any]]],
                   used_ids: set[str], text: str, scope_at: Callable[[int], str] | None,
                   problems: list[str], notes: list[str], tool: str) -> None:
    """Turn regions made in the tool into items (attributions through their relations)."""
    def span(r: Region) -> dict[str, Any]:
        return {"start": r.start, "end": r.end, "text": text[r.start:r.end]}

    linked: dict[str, set[str]] = {}
    for a, b in relations:
        linked.setdefault(a, set()).add(b)
        linked.setdefault(b, set()).add(a)
    new_by_rid = {r.rid: r for r in new}
    taken: set[str] = set()
    for r in new:
        _check_attrs(r, text, problems)
    # attributions: one per new CONTENT region, with the CUE and SPEAKER linked to it
    for content in (r for r in new if r.label == "CONTENT"):
        cue = next((new_by_rid[x] for x in sorted(linked.get(content.rid, ())) if x in new_by_rid
                    and new_by_rid[x].label == "CUE" and x not in taken), None)
        near = linked.get(content.rid, set()) | (linked.get(cue.rid, set()) if cue else set())
        speaker = next((new_by_rid[x] for x in sorted(near) if x in new_by_rid
                        and new_by_rid[x].label == "SPEAKER" and x not in taken), None)
        item: dict[str, Any] = {"id": _new_id("attributions", used_ids)}
        item["speaker"] = span(speaker) if speaker else None
        item["speaker_name"] = text[speaker.start:speaker.end] if speaker else None
        item["cue"] = span(cue) if cue else None
        item["content"] = span(content)
        for part in (speaker, cue, content):
            if part is not None:
                item.update({k: v for k, v in part.attrs.items() if k in ATTRS[part.label]})
                taken.add(part.rid)
        layers["attributions"].append(_ordered(item, [], "attributions"))
        notes.append(f"attributions {item['id']}: new, from {_describe(content, text)}")
    for r in new:
        if r.label in ("SPEAKER", "CUE") and r.rid not in taken:
            problems.append(f"{_describe(r, text)} is new but not linked to a CONTENT region; link it with a "
                            "relation (speaker -> cue -> content) or delete it")
    # frames: new FRAME regions join a frame of the same dimension and scope, or make one
    for r in (r for r in new if r.label == "FRAME"):
        if "frame" not in r.attrs:
            continue
        scope = r.attrs.get("scope") or (scope_at(r.start) if scope_at else "body")
        target = next((f for f in layers["framing.frames"] if f["frame"] == r.attrs["frame"]
                       and f["scope"] == scope), None)
        if target is None:
            target = {"id": _new_id("framing.frames", used_ids), "frame": r.attrs["frame"], "scope": scope, "cues": []}
            layers["framing.frames"].append(target)
            notes.append(f"framing.frames {target['id']}: new {r.attrs['frame']} frame ({scope})")
        target.setdefault("cues", []).append(span(r))
        target["cues"].sort(key=lambda c: (c["start"], c["end"]))
    # one-span items
    for r in new:
        layer, role = LABEL_LAYER[r.label]
        spec = layer_registry.get(layer)
        if spec.linked or any(x.is_list for x in spec.roles):  # made above, from relations or by frame
            continue
        item = {"id": _new_id(layer, used_ids), role: span(r)}
        item.update({k: v for k, v in r.attrs.items() if k in ATTRS[r.label]})
        layers[layer].append(_ordered(item, [], layer))
        notes.append(f"{layer} {item['id']}: new, from {_describe(r, text)}")
