"""Load, validate and save annotation documents (the one shared JSON shape).

The shape is defined once, in ``medialit/core/schema/annotations.schema.json``.  Validation
runs in two passes: the JSON Schema (types, required fields, known labels), then checks
the schema cannot express (offsets inside the text, ``text`` equal to the covered text,
the article's sha256, unique ids, ``source_id`` pointing at a listed source).  Every
problem names the item it is about, e.g. ``attributions[2] (id 'a3').content``.

Documents stay plain ``dict`` objects so they round-trip to JSON without loss.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from medialit.core import layers
from medialit.core.spans import text_sha256
from medialit.errors import ProblemsError

SCHEMA_VERSION = 1
#: The names of the framing layers, in order (defined in :mod:`medialit.core.layers`).
FRAMING_LAYERS = layers.FRAMING_LAYERS


class AnnotationError(ProblemsError):
    """An annotation document (or an article's file) is malformed.  ``problems`` lists each finding.

    The ``medialit`` command exits with 1 when one ends a command: the data failed its check.
    """

    exit_code = 1

    def __init__(self, problems: list[str], where: str = "annotations") -> None:
        super().__init__(problems, where)


@cache
def load_schema(name: str = "annotations") -> dict[str, Any]:
    """A JSON Schema shipped in ``medialit/core/schema/`` (``<name>.schema.json``)."""
    ref = resources.files("medialit.core.schema").joinpath(f"{name}.schema.json")
    return json.loads(ref.read_text(encoding="utf-8"))


@cache
def _validator(name: str) -> Any:
    return schema_validator(load_schema(name))


def schema_validator(schema: dict[str, Any]) -> Any:
    """A JSON Schema validator for ``schema``; its references to the package's schema files
    (``annotations.schema.json``...) resolve.  Build it once and pass it to
    :func:`schema_problems`: building costs more than validating."""
    # jsonschema is imported here, not at module level: keeps ``import medialit`` light.
    from medialit.speedups import import_jsonschema

    jsonschema = import_jsonschema()
    from referencing import Registry, Resource

    names = [r.name.removesuffix(".schema.json") for r in resources.files("medialit.core.schema").iterdir()
             if r.name.endswith(".schema.json")]
    registry = Registry().with_resources(
        (load_schema(n)["$id"], Resource.from_contents(load_schema(n))) for n in names
    )
    return jsonschema.Draft202012Validator(schema, registry=registry)


def schema_problems(doc: Any, name: str = "annotations", validator: Any = None) -> list[str]:
    """Problems found by the JSON Schema ``name`` (or by ``validator``, from
    :func:`schema_validator`), each with the path of the item."""
    validator = validator if validator is not None else _validator(name)
    problems = []
    for err in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        problems.append(f"{_path(doc, list(err.absolute_path))}: {_short(err)}")
    return problems


def _short(err: Any) -> str:
    if err.validator == "enum":
        return f"{err.instance!r} is not a known label; use one of {', '.join(map(repr, err.validator_value))}"
    if err.validator == "oneOf" and isinstance(err.instance, dict):
        return "must be a span {start, end, text} or null"
    if err.validator == "additionalProperties":
        return err.message.replace("Additional properties are not allowed", "unknown field(s)")
    return err.message


def _path(doc: Any, path: list[Any]) -> str:
    """Human path like ``attributions[2] (id 'a3').content.start``."""
    out, node = "", doc
    for key in path:
        if isinstance(key, int):
            out += f"[{key}]"
            try:
                node = node[key]
            except (IndexError, KeyError, TypeError):
                node = None
            if isinstance(node, dict) and "id" in node:
                out += f" (id {node['id']!r})"
        else:
            out += f".{key}" if out else str(key)
            node = node.get(key) if isinstance(node, dict) else None
    return out or "document"


def iter_spans(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every span in the document with a readable path to it (``hedges[0] (id 'h1').cue``)."""
    for layer in layers.SPAN_LAYERS:
        for i, item in enumerate(layers.items(doc, layer.path)):
            if not isinstance(item, dict):
                continue
            label = f"{layer.path}[{i}]" + (f" (id {item['id']!r})" if "id" in item else "")
            for role in layer.roles:
                value = item.get(role.field)
                if role.is_list:
                    for k, span in enumerate(value or []):
                        if isinstance(span, dict):
                            yield f"{label}.{role.field}[{k}]", span
                elif isinstance(value, dict):
                    yield f"{label}.{role.field}", value


def iter_items(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every identified item as ``(layer, item)``; framing layers as ``framing.<name>``."""
    yield from layers.iter_items(doc)


def content_problems(doc: dict[str, Any], text: str | None) -> list[str]:
    """Checks beyond the schema: offsets, covered text, sha256, ids, source references."""
    problems: list[str] = []
    if text is not None and doc.get("text_sha256") != text_sha256(text):
        problems.append(
            f"text_sha256 {doc.get('text_sha256')!r} does not match the article "
            f"({text_sha256(text)}): the annotation was made on a different text"
        )
    if text is not None:
        for where, span in iter_spans(doc):
            start, end = span.get("start"), span.get("end")
            if not isinstance(start, int) or not isinstance(end, int):
                continue
            if not (0 <= start <= end <= len(text)):
                problems.append(
                    f"{where}: offsets {start}:{end} are out of range for an article of "
                    f"{len(text)} characters (need 0 <= start <= end <= {len(text)})"
                )
            elif span.get("text") != text[start:end]:
                problems.append(
                    f"{where}: text {span.get('text')!r} does not match the article at "
                    f"{start}:{end}, which reads {text[start:end]!r}"
                )
    seen: dict[str, str] = {}
    for layer, item in iter_items(doc):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        if item["id"] in seen:
            problems.append(f"{layer} id {item['id']!r} is used twice (also in {seen[item['id']]}); ids must be unique")
        else:
            seen[item["id"]] = layer
    source_ids = {s.get("id") for s in doc.get("sources") or [] if isinstance(s, dict)}
    defs = load_schema("annotations")["$defs"]
    for layer in layers.LAYERS:
        if "source_id" not in defs[layer.item_def]["properties"]:
            continue
        for i, item in enumerate(layers.items(doc, layer.path)):
            sid = item.get("source_id") if isinstance(item, dict) else None
            if sid and "sources" in doc and sid not in source_ids:
                problems.append(f"{layer.path}[{i}] (id {item.get('id')!r}): source_id {sid!r} is not in sources")
    return problems


def validate(doc: Any, text: str | None = None, where: str = "annotations") -> dict[str, Any]:
    """Return ``doc`` when it is a valid annotation document for ``text``; else raise.

    ``text`` is the article text; without it only the schema and ids are checked.
    Raises :class:`AnnotationError` listing every problem found.
    """
    problems = schema_problems(doc)
    if isinstance(doc, dict):
        problems += content_problems(doc, text)
    if problems:
        raise AnnotationError(problems, where)
    return doc


def read_json(path: str | os.PathLike[str]) -> Any:
    """Parse a JSON file with an error message that says where it is broken."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnnotationError([f"file not found: {path}"], str(path)) from None
    except UnicodeDecodeError as exc:
        raise AnnotationError([f"not UTF-8 text ({exc.reason} at byte {exc.start})"], str(path)) from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise AnnotationError(
            [f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"], str(path)
        ) from None


def load(path: str | os.PathLike[str], text: str | None = None) -> dict[str, Any]:
    """Read and validate an annotation file (see :func:`validate`)."""
    return validate(read_json(path), text, where=str(path))


def new_document(article_id: str, text: str, producer: str = "student", name: str = "") -> dict[str, Any]:
    """An empty, valid document for the article ``text``."""
    doc: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "article_id": article_id, "text_sha256": text_sha256(text)}
    doc["producer"] = {"kind": producer, **({"name": name} if name else {})}
    return doc


def dumps(doc: dict[str, Any]) -> str:
    """Canonical JSON text: two-space indent, non-ASCII kept, trailing newline."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def atomic_write_text(path: str | os.PathLike[str], content: str) -> None:
    """Write ``content`` so that a crash leaves either the old file or the new one.

    Writes a temporary file in the same folder, flushes it to disk, then renames it over
    ``path`` (atomic on POSIX and on Windows for files on one volume).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save(doc: dict[str, Any], path: str | os.PathLike[str], text: str | None = None) -> None:
    """Validate, then write atomically."""
    validate(doc, text, where=str(path))
    atomic_write_text(path, dumps(doc))
