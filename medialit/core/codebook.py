"""The codebook: every label of the annotation schema, defined as data.

``medialit/data/codebook.yaml`` holds, per layer, the label sets (each tied by JSON pointer
to the enum of ``annotations.schema.json`` it defines), every label's definition with an
example and a counter-example quoted from the articles, and the decisions on borderline
cases.  ``medialit codebook`` checks it and renders ``docs/codebook.md``; ``--check`` exits
1 when that file is out of date.

Checks beyond the JSON Schema (:func:`consistency_problems`): every label set equals its
schema enum in both directions, every enum of the schema has a label set, every quotation
occurs verbatim in its article (a constructed example, written about fictional people and
places where the articles have no case in point, must contain the words it marks), and ids
and reference keys are unique and known.
Limits: quotations are compared exactly (curly quotes and dashes included); the renderer
writes plain Markdown with no links into the articles.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from medialit.core import annotation as ann
from medialit.core.paths import SOURCE_ROOT
from medialit.errors import ProblemsError

RESOURCE = "data/codebook.yaml"
DEFAULT_OUTPUT = SOURCE_ROOT / "docs" / "codebook.md"


class CodebookError(ProblemsError):
    """The codebook is malformed or disagrees with the schema; ``problems`` lists each finding."""

    limit = 30

    def __init__(self, problems: list[str], where: str = RESOURCE) -> None:
        super().__init__(problems, where)


def read_codebook(path: str | Path | None = None) -> Any:
    """Parse the codebook YAML (the packaged one by default), without checking it."""
    from medialit.core.yaml_text import YamlFileError, read_yaml

    where = str(path) if path else f"medialit/{RESOURCE}"
    try:
        return read_yaml(Path(path) if path else resources.files("medialit").joinpath(RESOURCE))
    except FileNotFoundError:
        raise CodebookError([f"file not found: {where}"], where) from None
    except YamlFileError as exc:
        raise CodebookError([str(exc)], where) from None


def load_codebook(path: str | Path | None = None, check_quotes: bool = True) -> dict[str, Any]:
    """The codebook, checked against its schema and against the annotation schema.

    With ``check_quotes`` every example is looked up in its article (reads both articles).
    Raises :class:`CodebookError` listing every problem.
    """
    where = str(path) if path else f"medialit/{RESOURCE}"
    data = read_codebook(path)
    problems = ann.schema_problems(data, "codebook")
    if not problems:
        problems = consistency_problems(data, check_quotes=check_quotes)
    if problems:
        raise CodebookError(problems, where)
    return data


# -- the schema side ---------------------------------------------------------------------

def schema_enums(schema: dict[str, Any] | None = None) -> dict[str, list[Any]]:
    """Every ``enum`` in the annotation schema, keyed by the JSON pointer of its holder."""
    found: dict[str, list[Any]] = {}

    def walk(node: Any, pointer: str) -> None:
        if isinstance(node, dict):
            if "enum" in node:
                found[pointer] = list(node["enum"])
            for key, value in node.items():
                walk(value, f"{pointer}/{_escape(key)}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{pointer}/{i}")

    walk(schema if schema is not None else ann.load_schema("annotations"), "#")
    return found


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def resolve_pointer(schema: dict[str, Any], pointer: str) -> Any:
    """The node at a ``#/...`` JSON pointer; ``KeyError`` when there is none."""
    node: Any = schema
    for raw in pointer.removeprefix("#").strip("/").split("/") if pointer != "#" else []:
        key = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            node = node[int(key)]
        elif isinstance(node, dict) and key in node:
            node = node[key]
        else:
            raise KeyError(pointer)
    return node


def label_sets(codebook: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Every ``(layer, label_set)`` of the codebook."""
    for layer in codebook.get("layers", []):
        for label_set in layer.get("label_sets", []):
            yield layer, label_set


def question_texts(set_id: str, codebook: dict[str, Any] | None = None) -> dict[str, str]:
    """How questions word each label of the label set ``set_id`` (its ``question_text``, else the
    label itself), in the codebook's order.  ``KeyError`` when there is no such set."""
    book = codebook if codebook is not None else _packaged_codebook()
    for _, label_set in label_sets(book):
        if label_set["id"] == set_id:
            return {label["label"]: label.get("question_text", label["label"]) for label in label_set["labels"]}
    raise KeyError(f"the codebook has no label set {set_id!r}")


@cache
def _packaged_codebook() -> Any:
    return read_codebook()


# -- checks ------------------------------------------------------------------------------

def consistency_problems(codebook: dict[str, Any], schema: dict[str, Any] | None = None,
                         check_quotes: bool = True) -> list[str]:
    """Problems the JSON Schema cannot see (see the module docstring)."""
    schema = schema if schema is not None else ann.load_schema("annotations")
    problems: list[str] = []
    refs = [r["key"] for r in codebook["references"]]
    problems += [f"references: key {k!r} is listed twice" for k in sorted({k for k in refs if refs.count(k) > 1})]
    covered: set[str] = set()
    set_ids: list[str] = []
    for layer in codebook["layers"]:
        for key in layer.get("grounded_in", []):
            if key not in refs:
                problems.append(f"layer {layer['id']!r}: grounded_in {key!r} is not among the references")
        ids = [d["id"] for d in layer.get("decisions", [])]
        problems += [f"layer {layer['id']!r}: decision id {i!r} is used twice"
                     for i in sorted({i for i in ids if ids.count(i) > 1})]
    for layer, label_set in label_sets(codebook):
        where = f"layer {layer['id']!r}, label set {label_set['id']!r}"
        set_ids.append(label_set["id"])
        names = [label["label"] for label in label_set["labels"]]
        problems += [f"{where}: label {n!r} is defined twice" for n in sorted({n for n in names if names.count(n) > 1})]
        for pointer in label_set["schema"]:
            covered.add(pointer)
            try:
                node = resolve_pointer(schema, pointer)
            except (KeyError, IndexError, ValueError):
                problems.append(f"{where}: schema pointer {pointer!r} does not exist in annotations.schema.json")
                continue
            if label_set.get("keys"):
                expected = set(node) if isinstance(node, dict) else set()
                kind = "property names"
            else:
                expected = set(node.get("enum", [])) if isinstance(node, dict) else set()
                kind = "enum"
                if not expected:
                    problems.append(f"{where}: {pointer!r} is not an enum in annotations.schema.json")
                    continue
            missing, extra = expected - set(names), set(names) - expected
            if missing:
                problems.append(f"{where}: the schema {kind} at {pointer} has {sorted(missing)}, "
                                "which the codebook does not define; add them")
            if extra:
                problems.append(f"{where}: {sorted(extra)} are not in the schema {kind} at {pointer}; "
                                "remove them or add them to the schema")
    problems += [f"label set id {i!r} is used twice" for i in sorted({i for i in set_ids if set_ids.count(i) > 1})]
    for pointer in sorted(set(schema_enums(schema)) - covered):
        problems.append(f"the schema enum at {pointer} has no label set in the codebook; define its labels")
    if check_quotes:
        problems += quote_problems(codebook)
    return problems


def iter_quotes(codebook: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every quotation in the codebook with a readable place name."""
    for rule in codebook.get("conventions", []):
        for i, q in enumerate(rule.get("examples", [])):
            yield f"conventions {rule['id']!r} examples[{i}]", q
    for layer in codebook.get("layers", []):
        for _, label_set in [(layer, s) for s in layer.get("label_sets", [])]:
            for label in label_set["labels"]:
                for key in ("example", "counter_example"):
                    if key in label:
                        yield f"label {label_set['id']}.{label['label']} {key}", label[key]
        for decision in layer.get("decisions", []):
            for i, q in enumerate(decision.get("examples", [])):
                yield f"decision {decision['id']!r} examples[{i}]", q


def quote_problems(codebook: dict[str, Any]) -> list[str]:
    """Quotations that name an unknown article or do not occur verbatim in it."""
    from medialit.articles.article import ArticleError, load_article

    texts: dict[str, str] = {}
    problems: list[str] = []
    for short, article_id in codebook["articles"].items():
        try:
            texts[short] = load_article(article_id).text
        except ArticleError as exc:
            problems.append(f"articles.{short}: {exc}")
    for where, q in iter_quotes(codebook):
        if "constructed" in q:
            if q["quote"] not in q["constructed"]:
                problems.append(f"{where}: {q['quote']!r} does not occur in the constructed sentence "
                                f"{q['constructed']!r}; mark words that the sentence contains")
            continue
        if q["article"] not in codebook["articles"]:
            problems.append(f"{where}: article {q['article']!r} is not one of {sorted(codebook['articles'])}")
        elif q["article"] in texts and q["quote"] not in texts[q["article"]]:
            problems.append(f"{where}: {q['quote']!r} does not occur in {codebook['articles'][q['article']]}; "
                            "quote the article exactly (curly quotes and dashes included)")
    return problems


# -- rendering ---------------------------------------------------------------------------

def _quote(q: dict[str, Any]) -> str:
    note = f" ({q['note']})" if q.get("note") else ""
    if "constructed" in q:
        return f"`{q['quote']}` in “{q['constructed']}” [constructed]{note}"
    return f"`{q['quote']}` [{q['article']}]{note}"


def render_markdown(codebook: dict[str, Any]) -> str:
    """``docs/codebook.md``: the codebook as one readable Markdown page."""
    out: list[str] = [f"# {codebook['title']}", ""]
    out += ["<!-- Generated from medialit/data/codebook.yaml by `medialit codebook`; do not edit. -->", ""]
    out += [codebook["introduction"], ""]
    out += [f"*Provenance:* {codebook['provenance']}  ", f"*Licence:* {codebook['licence']}", ""]
    out += ["Examples are marked with the article they are quoted from, or as constructed:", ""]
    out += [f"- [{short}] `{article_id}`" for short, article_id in codebook["articles"].items()]
    out += ["- [constructed] a sentence written for this codebook; its people, places and organisations are fictional"]
    out += ["", "## Contents", ""]
    out += ["- [Conventions for every layer](#conventions-for-every-layer)"]
    out += [f"- [{layer['title']}](#{_anchor(layer['title'])})" for layer in codebook["layers"]]
    out += ["- [References](#references)", ""]

    out += ["## Conventions for every layer", ""]
    for rule in codebook["conventions"]:
        out += [f"### {rule['title']}", "", rule["rule"], ""]
        out += [f"- Example: {_quote(q)}" for q in rule.get("examples", [])]
        out += [""] if rule.get("examples") else []

    refs = {r["key"]: r for r in codebook["references"]}
    for layer in codebook["layers"]:
        out += [f"## {layer['title']}", "", layer["definition"], ""]
        if layer.get("grounded_in"):
            out += ["Grounded in: " + "; ".join(refs[k]["short"] for k in layer["grounded_in"]) + ".", ""]
        if layer.get("fields"):
            out += ["| field | rule |", "|---|---|"]
            out += [f"| `{f['field']}` | {_cell(f['rule'])} |" for f in layer["fields"]]
            out += [""]
        for label_set in layer.get("label_sets", []):
            field = f" (`{label_set['field']}`)" if label_set.get("field") else ""
            out += [f"### {label_set['title']}{field}", ""]
            if label_set.get("intro"):
                out += [label_set["intro"], ""]
            for label in label_set["labels"]:
                name = f" ({label['name']})" if label.get("name") else ""
                out += [f"#### `{label['label']}`{name}", "", label["definition"], ""]
                if "example" in label:
                    out += [f"- Example: {_quote(label['example'])}"]
                if "counter_example" in label:
                    out += [f"- Not this: {_quote(label['counter_example'])}"]
                if "example" in label or "counter_example" in label:
                    out += [""]
        if layer.get("decisions"):
            out += [f"### Decisions: {layer['title'].lower()}", ""]
            for d in layer["decisions"]:
                out += [f"**{d['question']}** {d['decision']}", ""]
                out += [f"- {_quote(q)}" for q in d.get("examples", [])]
                out += [""] if d.get("examples") else []

    out += ["## References", ""]
    for r in codebook["references"]:
        used = f" Used for: {r['used_for']}." if r.get("used_for") else ""
        out += [f"- **{r['short']}**: {r['citation']}{used}"]
    return "\n".join(out).rstrip("\n") + "\n"


def _anchor(title: str) -> str:
    return "".join(c for c in title.lower().replace(" ", "-") if c.isalnum() or c == "-")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")



def update_markdown(output: Path = DEFAULT_OUTPUT, *, check: bool = False) -> bool:
    """Check the codebook and write its Markdown to ``output``; with ``check``, write nothing.

    Returns whether ``output`` holds (now) exactly what the codebook renders to: always True
    without ``check``.  Raises :class:`CodebookError` listing the codebook's problems.
    """
    text = render_markdown(load_codebook())
    if check:
        current = output.read_text(encoding="utf-8") if output.exists() else None
        return current == text
    ann.atomic_write_text(output, text)
    return True
