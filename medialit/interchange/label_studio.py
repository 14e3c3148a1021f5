"""Label Studio JSON: one task per article, with the annotation as regions and relations.

Export shape (a list of tasks, as Label Studio imports and exports them)::

    [{"data": {"text": <article>, "article_id": <id>, "medialit": <metadata>},
      "annotations": [{"result": [
          {"id": "a3-content", "from_name": "label", "to_name": "text", "type": "labels",
           "value": {"start": 10, "end": 42, "text": "...", "labels": ["CONTENT"]}},
          {"id": "a3-content", "from_name": "content_kind", "to_name": "text", "type": "choices",
           "value": {"start": 10, "end": 42, "text": "...", "choices": ["indirect"]}},
          {"from_id": "a3-speaker", "to_id": "a3-cue", "type": "relation", "direction": "right",
           "labels": []}, ...]}]}]

Categorical fields (kind, category, holder, status, frame, scope, connotation, source
type) are per-region ``Choices``; :func:`labeling_config` writes the matching project
configuration.  Everything else (ids, notes, speaker names, sources, producer, order)
travels in ``data.medialit``, which Label Studio keeps untouched.

Offsets: Label Studio's JSON counts code points (see :mod:`.offsets`); old exports that
count UTF-16 units are recognised because every region also carries its text.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import quoteattr

from medialit.core import layers
from medialit.interchange.offsets import OffsetError, OffsetMap
from medialit.interchange.regions import ATTRS, LABELS, ExchangeError, Region, Regions, allowed_values, to_regions

FROM_NAME = "label"
TO_NAME = "text"
#: label -> background colour of its regions (:mod:`medialit.core.layers`).
COLOURS = {role.label: role.colour for layer in layers.SPAN_LAYERS for role in layer.roles}


def choice_name(label: str, attr: str) -> str:
    """The ``from_name`` of the per-region choices for ``attr`` of ``label`` regions."""
    return f"{label.lower()}_{attr}"


_CHOICE_NAMES = {choice_name(label, attr): (label, attr) for label, attrs in ATTRS.items() for attr in attrs}


def export_tasks(doc: dict[str, Any], text: str, *, as_predictions: bool = False,
                 offsets: str = "codepoints", model_version: str = "medialit") -> list[dict[str, Any]]:
    """Label Studio tasks (a list of one) holding ``doc`` on ``text``."""
    found = to_regions(doc)
    omap = OffsetMap(text)
    result: list[dict[str, Any]] = []
    for r in found.regions:
        value = {"start": omap.convert(r.start, "codepoints", offsets),
                 "end": omap.convert(r.end, "codepoints", offsets), "text": text[r.start:r.end]}
        result.append({"id": r.rid, "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
                       "value": {**value, "labels": [r.label]}})
        for attr, v in r.attrs.items():
            result.append({"id": r.rid, "from_name": choice_name(r.label, attr), "to_name": TO_NAME,
                           "type": "choices", "value": {**value, "choices": [v]}})
    for a, b in found.relations:
        result.append({"from_id": a, "to_id": b, "type": "relation", "direction": "right", "labels": []})
    meta = dict(found.meta or {})
    meta["offsets"] = offsets
    task: dict[str, Any] = {"data": {"text": text, "article_id": doc.get("article_id"), "medialit": meta}}
    if as_predictions:
        task["predictions"] = [{"model_version": model_version, "result": result}]
    else:
        task["annotations"] = [{"result": result, "ground_truth": False}]
    return [task]


def labeling_config() -> str:
    """The Label Studio labeling configuration (XML) for medialit tasks."""
    lines = ["<View>", f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">']
    for label in LABELS:
        lines.append(f'    <Label value="{label}" background="{COLOURS[label]}"/>')
    lines += ["  </Labels>", f'  <Text name="{TO_NAME}" value="$text" granularity="symbol"/>']
    for label, attrs in ATTRS.items():
        for attr in attrs:
            lines.append(f'  <Choices name="{choice_name(label, attr)}" toName="{TO_NAME}" perRegion="true" '
                         f'visibleWhen="region-selected" whenLabelValue="{label}" choice="single" '
                         f'showInline="true">')
            lines.append(f"    <Header value={quoteattr(f'{label} {attr}')}/>")
            for v in allowed_values(label, attr):
                lines.append(f'    <Choice value="{v}"/>')
            lines.append("  </Choices>")
    lines.append("</View>")
    return "\n".join(lines) + "\n"


def _tasks(data: Any, where: str) -> list[dict[str, Any]]:
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(t, dict) for t in data):
        raise ExchangeError(["expected a Label Studio JSON export: a list of tasks (objects with data and "
                             "annotations); use Export > JSON in Label Studio"], where)
    return data


def pick_annotation(task: dict[str, Any], pick: int | None, where: str) -> tuple[list[Any], str]:
    """The result list to import and a description of where it came from."""
    anns = [a for a in task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
    preds = [p for p in task.get("predictions") or [] if isinstance(p, dict)]
    pool, kind = (anns, "annotation") if anns else (preds, "prediction")
    if not pool:
        raise ExchangeError(["the task has no annotations or predictions to import"], where)
    if pick is None:
        if len(pool) > 1:
            listing = "; ".join(
                f"{k}: {kind} id {a.get('id', '?')} by {a.get('completed_by', a.get('model_version', '?'))}"
                f" ({len(a.get('result') or [])} results)" for k, a in enumerate(pool, 1))
            raise ExchangeError([f"the task has {len(pool)} {kind}s; choose one with --pick N ({listing})"], where)
        pick = 1
    if not 1 <= pick <= len(pool):
        raise ExchangeError([f"--pick {pick} is out of range: the task has {len(pool)} {kind}(s)"], where)
    chosen = pool[pick - 1]
    result = chosen.get("result")
    if not isinstance(result, list):
        raise ExchangeError([f"{kind} {pick} has no result list"], where)
    return result, f"{kind} {pick} of {len(pool)}"


def read_regions(data: Any, text: str, *, pick: int | None = None, offsets: str | None = None,
                 where: str = "Label Studio file") -> tuple[Regions, list[str]]:
    """Regions, relations and metadata of the task holding ``text``; returns (regions, notes)."""
    tasks = _tasks(data, where)
    matching = [t for t in tasks if isinstance(t.get("data"), dict) and t["data"].get("text") == text]
    if not matching:
        texts = [t.get("data", {}).get("text") for t in tasks if isinstance(t.get("data"), dict)]
        hint = "no task has a data.text field" if not any(isinstance(x, str) for x in texts) else \
            "the tasks' data.text differ from the article text (another article, or the text was edited)"
        raise ExchangeError([f"no task among {len(tasks)} holds this article's text: {hint}"], where)
    task = matching[0]
    result, origin = pick_annotation(task, pick, where)
    meta = task["data"].get("medialit")
    notes = [f"read {origin} of the task"]
    labels: dict[str, dict[str, Any]] = {}
    choices: list[dict[str, Any]] = []
    relations: list[tuple[str, str]] = []
    problems: list[str] = []
    for k, res in enumerate(result):
        if not isinstance(res, dict):
            problems.append(f"result[{k}] is not an object")
            continue
        kind = res.get("type")
        if kind == "relation":
            if res.get("from_id") and res.get("to_id"):
                relations.append((str(res["from_id"]), str(res["to_id"])))
            continue
        value = res.get("value") if isinstance(res.get("value"), dict) else {}
        if kind == "labels":
            rid = str(res.get("id") or f"r{k}")
            labels[rid] = {"k": k, "value": value}
        elif kind == "choices" and res.get("id"):
            choices.append(res)
    unit = _detect_unit(labels, text, offsets, problems)
    if unit == "utf16" and not offsets:
        notes.append("offsets were UTF-16 code units (an older Label Studio); converted to code points")
    omap = OffsetMap(text)
    regions: list[Region] = []
    for rid, entry in labels.items():
        value = entry["value"]
        try:
            start = omap.convert(int(value["start"]), unit, "codepoints")
            end = omap.convert(int(value["end"]), unit, "codepoints")
        except (KeyError, TypeError, ValueError, OffsetError) as exc:
            problems.append(f"result[{entry['k']}] (region {rid!r}): bad offsets ({exc})")
            continue
        if isinstance(value.get("text"), str) and not same_text(text[start:end], value["text"]):
            problems.append(f"result[{entry['k']}] (region {rid!r}): the article at {start}:{end} reads "
                            f"{text[start:end]!r} but the region's text is {value['text']!r}; was the task made "
                            "from another version of the article?")
            continue
        for label in value.get("labels") or []:
            if label not in LABELS:
                problems.append(f"result[{entry['k']}] (region {rid!r}): unknown label {label!r}; "
                                f"medialit labels are {', '.join(LABELS)}")
                continue
            regions.append(Region(rid, label, start, end, {}))
    by_rid: dict[str, list[Region]] = {}
    for r in regions:
        by_rid.setdefault(r.rid, []).append(r)
    for res in choices:
        target = _CHOICE_NAMES.get(str(res.get("from_name")))
        values = (res.get("value") or {}).get("choices") or []
        for r in by_rid.get(str(res["id"]), []):
            if target and target[0] == r.label and values:
                r.attrs[target[1]] = values[0]
    if problems:
        raise ExchangeError(problems, where)
    return Regions(regions, relations, meta if isinstance(meta, dict) else None), notes


def same_text(article_slice: str, region_text: str) -> bool:
    """Label Studio writes line breaks inside a region's text as a backslash and ``n``."""
    return region_text in (article_slice, article_slice.replace("\n", "\\n").replace("\r", "\\n"))


def _detect_unit(labels: dict[str, dict[str, Any]], text: str, offsets: str | None, problems: list[str]) -> str:
    """The offset unit that makes every region's ``text`` match the article."""
    if offsets:
        return offsets
    omap = OffsetMap(text)
    if omap.trivial:
        return "codepoints"

    def fits(unit: str) -> bool:
        for entry in labels.values():
            v = entry["value"]
            if "text" not in v:
                continue
            try:
                s = omap.convert(int(v["start"]), unit, "codepoints")
                e = omap.convert(int(v["end"]), unit, "codepoints")
            except (KeyError, TypeError, ValueError, OffsetError):
                return False
            if not same_text(text[s:e], v["text"]):
                return False
        return True

    if fits("codepoints"):
        return "codepoints"
    if fits("utf16"):
        return "utf16"
    bad = []
    for rid, entry in labels.items():
        v = entry["value"]
        try:
            s, e = int(v["start"]), int(v["end"])
        except (KeyError, TypeError, ValueError):
            continue
        if "text" in v and not same_text(text[s:e], v["text"]):
            bad.append(f"region {rid!r}: the article at {s}:{e} reads {text[s:e]!r}, the region says {v['text']!r}")
    problems.append("the regions' offsets do not match the article text in code points or in UTF-16 units: "
                    + "; ".join(bad[:5]))
    return "codepoints"
