"""doccano JSONL: one line per article, spans as ``[start, end, "LABEL"]``.

Export shape (a sequence-labelling project's import format)::

    {"text": <article>, "label": [[10, 42, "CONTENT:indirect"], [0, 5, "SPEAKER"], ...],
     "article_id": <id>, "medialit": <metadata>}

or, with ``relations=True`` (a project with relation labelling)::

    {"text": ..., "entities": [{"id": 1, "label": "CONTENT:indirect", "start_offset": 10,
     "end_offset": 42}, ...], "relations": [{"id": 1, "from_id": 2, "to_id": 1,
     "type": "introduces"}], "article_id": ..., "medialit": ...}

doccano has no per-span attributes, so the main category of an item is folded into its
label (``HEDGE:modal``, ``CONTENT:direct``, ``CLAIM:speculation``, ``FRAME:economic``);
:func:`label_names` lists every label to create in the project.  Other fields travel in
the ``medialit`` field, which doccano keeps as document metadata (on export it may come
back at the top level or under ``meta``; both are read).

Offsets: doccano counts UTF-16 code units (see :mod:`.offsets`); that is the default
both ways.  Spans carry no text, so a file made on another text cannot be recognised from
its spans: the line is chosen by its ``text`` field, which must equal the article.
"""

from __future__ import annotations

import json
from typing import Any

from medialit.interchange.offsets import OffsetError, OffsetMap
from medialit.interchange.regions import LABELS, MAIN_ATTR, ExchangeError, Region, Regions, allowed_values, to_regions

RELATION_TYPES = {("SPEAKER", "CUE"): "says", ("CUE", "CONTENT"): "introduces", ("SPEAKER", "CONTENT"): "says"}


def _native(label: str, attr: str) -> bool:
    return MAIN_ATTR.get(label) == attr


def label_name(r: Region) -> str:
    attr = MAIN_ATTR.get(r.label)
    return f"{r.label}:{r.attrs[attr]}" if attr and attr in r.attrs else r.label


def label_names() -> list[str]:
    """Every label a doccano project needs for medialit documents."""
    names = []
    for label in LABELS:
        names.append(label)
        if label in MAIN_ATTR:
            names += [f"{label}:{v}" for v in allowed_values(label, MAIN_ATTR[label])]
    return names


def export_line(doc: dict[str, Any], text: str, *, relations: bool = False, offsets: str = "utf16") -> dict[str, Any]:
    """One JSONL record holding ``doc`` on ``text``."""
    found = to_regions(doc, native=_native)
    omap = OffsetMap(text)
    meta = dict(found.meta or {})
    meta["offsets"] = offsets
    rec: dict[str, Any] = {"text": text}
    spans = [(omap.convert(r.start, "codepoints", offsets), omap.convert(r.end, "codepoints", offsets), label_name(r))
             for r in found.regions]
    if relations:
        num = {r.rid: k for k, r in enumerate(found.regions, 1)}
        label_of = {r.rid: r.label for r in found.regions}
        rec["entities"] = [{"id": k, "label": lab, "start_offset": s, "end_offset": e}
                           for k, (s, e, lab) in enumerate(spans, 1)]
        rec["relations"] = [{"id": k, "from_id": num[a], "to_id": num[b],
                             "type": RELATION_TYPES.get((label_of[a], label_of[b]), "linked")}
                            for k, (a, b) in enumerate(found.relations, 1)]
    else:
        rec["label"] = [[s, e, lab] for s, e, lab in spans]
    rec["article_id"] = doc.get("article_id")
    rec["medialit"] = meta
    return rec


def export_jsonl(doc: dict[str, Any], text: str, **kw: Any) -> str:
    return json.dumps(export_line(doc, text, **kw), ensure_ascii=False) + "\n"


def _records(raw: str, where: str) -> list[tuple[int, dict[str, Any]]]:
    raw = raw.lstrip("\ufeff")
    stripped = raw.strip()
    if stripped.startswith("["):  # a JSON array of records is accepted too
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ExchangeError([f"not valid JSON: {exc.msg} at line {exc.lineno}"], where) from None
        return [(k, d) for k, d in enumerate(data, 1) if isinstance(d, dict)]
    out = []
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ExchangeError([f"line {n} is not valid JSON ({exc.msg}, column {exc.colno}); doccano JSONL has "
                                 "one JSON object per line"], where) from None
        if isinstance(rec, dict):
            out.append((n, rec))
    return out


def _parse_label(name: str) -> tuple[str, dict[str, Any]] | None:
    base, _, value = str(name).partition(":")
    if base not in LABELS:
        return None
    attrs = {MAIN_ATTR[base]: value} if value and base in MAIN_ATTR else {}
    if value and base not in MAIN_ATTR:
        return None
    return base, attrs


def read_regions(raw: str, text: str, *, pick: int | None = None, offsets: str | None = None,
                 where: str = "doccano file") -> tuple[Regions, list[str]]:
    """Regions, relations and metadata of the line holding ``text``; returns (regions, notes)."""
    records = _records(raw, where)
    matching = [(n, r) for n, r in records if r.get("text") == text]
    if not matching:
        raise ExchangeError([f"no line among {len(records)} has this article's text in its \"text\" field "
                             "(another article, or the text was changed)"], where)
    if pick is None and len(matching) > 1:
        lines = ", ".join(str(n) for n, _ in matching)
        raise ExchangeError([f"{len(matching)} lines hold this article (lines {lines}); choose one with --pick N"],
                            where)
    pick = pick or 1
    if not 1 <= pick <= len(matching):
        raise ExchangeError([f"--pick {pick} is out of range: {len(matching)} line(s) hold this article"], where)
    line_no, rec = matching[pick - 1]
    meta = rec.get("medialit")
    if meta is None and isinstance(rec.get("meta"), dict):
        meta = rec["meta"].get("medialit")
    unit = offsets or (meta.get("offsets") if isinstance(meta, dict) else None) or "utf16"
    notes = [f"read line {line_no}; offsets counted in {'UTF-16 code units' if unit == 'utf16' else 'code points'}"]
    omap = OffsetMap(text)
    problems: list[str] = []
    spans: list[tuple[str, Any, Any, Any]] = []
    relations: list[tuple[str, str]] = []
    if isinstance(rec.get("entities"), list):
        for k, ent in enumerate(rec["entities"]):
            if not isinstance(ent, dict):
                problems.append(f"entities[{k}] is not an object")
                continue
            spans.append((f"e{ent.get('id', k)}", ent.get("start_offset"), ent.get("end_offset"), ent.get("label")))
        for rel in rec.get("relations") or []:
            if isinstance(rel, dict):
                relations.append((f"e{rel.get('from_id')}", f"e{rel.get('to_id')}"))
    else:
        labels = rec.get("label", rec.get("labels", []))
        if not isinstance(labels, list):
            problems.append("\"label\" must be a list of [start, end, \"LABEL\"]")
            labels = []
        for k, entry in enumerate(labels):
            if not (isinstance(entry, list) and len(entry) == 3):
                problems.append(f"label[{k}] is {entry!r}; expected [start, end, \"LABEL\"]")
                continue
            spans.append((f"l{k}", *entry))
    regions: list[Region] = []
    for rid, start, end, name in spans:
        parsed = _parse_label(name)
        if parsed is None:
            problems.append(f"span {rid} ({start}:{end}): unknown label {name!r}; use one of the medialit labels "
                            f"({', '.join(LABELS)}), with the category after a colon where it has one "
                            "(e.g. HEDGE:modal)")
            continue
        try:
            s = omap.convert(int(start), unit, "codepoints")
            e = omap.convert(int(end), unit, "codepoints")
        except (TypeError, ValueError, OffsetError) as exc:
            problems.append(f"span {rid} {name}: bad offsets {start}:{end} ({exc})")
            continue
        if s > e:
            problems.append(f"span {rid} {name}: start {start} is after end {end}")
            continue
        regions.append(Region(rid, parsed[0], s, e, parsed[1]))
    if problems:
        raise ExchangeError(problems, where)
    return Regions(regions, relations, meta if isinstance(meta, dict) else None), notes
