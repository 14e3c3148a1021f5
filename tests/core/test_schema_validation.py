"""The compiled schema check agrees with jsonschema, so a valid file never needs jsonschema.

The corpus: every file of the repository a schema checks (seed and fixture articles'
references, meta and structure, the analyzer snapshot, every bank, lexicon, the codebook, the
page-furniture list) and answers files of every lesson (key and varied answers), plus about
9,000 documents mutated from them programmatically.  For each, the compiled check
(fastjsonschema) and jsonschema must give the same verdict.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from medialit.core import annotation as ann
from medialit.core.schema_validation import (
    KEYWORDS,
    SchemaValidator,
    UnsupportedSchema,
    adapt,
    compile_check,
    is_plain_json,
)
from tests.support.paths import FIXTURES, REPO, SEED_ID

SCHEMA_DIR = REPO / "medialit" / "core" / "schema"
SCHEMA_NAMES = sorted(p.name.removesuffix(".schema.json") for p in SCHEMA_DIR.glob("*.schema.json"))
#: Schemas as the package uses them: bank and answers schemas completed from the question-type registry.
CHECKED = [*SCHEMA_NAMES, "questions (registry)", "answers (registry)"]


def schema_for(name: str) -> dict[str, Any]:
    from medialit.questions import schemas

    if name == "questions (registry)":
        return schemas.questions_schema()
    if name == "answers (registry)":
        return schemas.answers_schema()
    return ann.load_schema(name)


def both(name: str) -> tuple[Any, Any]:
    """(compiled check, jsonschema validator) for a schema of :data:`CHECKED`."""
    validator = SchemaValidator(schema_for(name), ann.schema_resources())
    return compile_check(validator.schema, validator.resources), validator.jsonschema_validator()


# ----- the corpus of valid documents ---------------------------------------------------------------
def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _answers_documents() -> Iterator[tuple[str, dict[str, Any]]]:
    """Answers files of every lesson: key answers, then varied answers (right, partly right, wrong)."""
    from medialit.questions.bank import load_bank

    for path in sorted((REPO / "autograder" / "lesson-sources").glob("*/questions.yaml")):
        bank = load_bank(path)
        for label, seed in (("key", None), ("varied", 1), ("varied", 2)):
            rng = random.Random(seed)
            stored = {}
            for q in bank.questions:
                raw = q.kind.synthetic_key() if seed is None else q.kind.synthetic_answer(rng, 0.5)
                stored[q.id] = {"kind": q.type, "value": q.check_answer(raw), "updated": "2026-11-28T10:00:00+00:00"}
            # a round trip through JSON: the form the file has on disk
            yield f"{path.parent.name} {label} {seed}", json.loads(json.dumps(
                {"schema_version": 1, "notebook": bank.notebook or path.parent.name, "answers": stored}))


def corpus() -> dict[str, list[tuple[str, Any]]]:
    """Valid documents by schema name, each with where it comes from."""
    out: dict[str, list[tuple[str, Any]]] = {name: [] for name in CHECKED}
    articles = sorted([*(REPO / "seeds").iterdir(), *(FIXTURES / "seeds").iterdir()])
    for folder in (a for a in articles if a.is_dir()):
        out["annotations"].append((f"{folder.name}/reference.json", _json(folder / "reference.json")))
        out["meta"].append((f"{folder.name}/meta.yaml", _yaml(folder / "meta.yaml")))
        out["structure"].append((f"{folder.name}/structure.json", _json(folder / "structure.json")))
    for path in sorted((REPO / "tests" / "nlp" / "snapshots").glob("*.analyzer.json")):
        out["annotations"].append((path.name, _json(path)))
    banks = [*sorted((REPO / "autograder" / "lesson-sources").glob("*/questions.yaml")),
             *sorted((FIXTURES / "questions").glob("*.yaml"))]
    for path in banks:
        out["questions"].append((str(path.relative_to(REPO)), _yaml(path)))
        out["questions (registry)"].append((str(path.relative_to(REPO)), _yaml(path)))
    for path in sorted((REPO / "medialit" / "data" / "lexicons").glob("*.yaml")):
        out["lexicon"].append((path.name, _yaml(path)))
    out["codebook"].append(("codebook.yaml", _yaml(REPO / "medialit" / "data" / "codebook.yaml")))
    out["page_furniture"].append(("page_furniture.yaml", _yaml(REPO / "medialit" / "data" / "page_furniture.yaml")))
    for where, doc in _answers_documents():
        out["answers"].append((where, doc))
        out["answers (registry)"].append((where, doc))
        for qid, entry in doc["answers"].items():
            if entry["kind"] == "spans" and isinstance(entry["value"], dict):
                out["annotations"].append((f"{where} answer {qid}", entry["value"]))
    return out


# ----- mutations ---------------------------------------------------------------------------------
def shrink(node: Any) -> Any:
    """``node`` with each list cut to its first items of each shape (keeps every field seen,
    makes the mutated documents small enough to validate hundreds of times)."""
    if isinstance(node, dict):
        return {k: shrink(v) for k, v in node.items()}
    if isinstance(node, list):
        kept, shapes = [], set()
        for item in node:
            shape = _shape(item)
            if shape not in shapes or len(kept) < 2:
                shapes.add(shape)
                kept.append(shrink(item))
        return kept
    return node


def _shape(node: Any) -> Any:
    if isinstance(node, dict):
        return tuple(sorted((k, _shape(v)) for k, v in node.items()))
    if isinstance(node, list):
        return ("list", frozenset(_shape(v) for v in node))
    return type(node).__name__


def _kind(node: Any, fields: set[str]) -> Any:
    if isinstance(node, dict):
        return frozenset(k if k in fields else "?" for k in node)
    return type(node).__name__


def _paths(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*path, i))


def _replaced(doc: Any, path: tuple, value: Any, keep: int = 1) -> Any:
    """A copy of ``doc`` with ``value`` at ``path``, every list off the path cut to ``keep``
    items, so that each mutated document stays small."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(doc, dict):
        return {k: (_replaced(v, rest, value, keep) if k == head else _cut(v, keep)) for k, v in doc.items()}
    return [_replaced(v, rest, value, keep) if i == head else _cut(v, keep) for i, v in enumerate(doc)]


def _cut(node: Any, keep: int) -> Any:
    if isinstance(node, dict):
        return {k: _cut(v, keep) for k, v in node.items()}
    if isinstance(node, list):
        return [_cut(v, keep) for v in node[:keep]]
    return node


#: Values of the wrong type, or out of range, or not a known label, put in place of any value.
REPLACEMENTS = [None, True, False, 0, -1, 1.5, 2.0, "", "x", "Not a label", [], {}, [None], {"start": 0}]


def field_names(schema: Any) -> set[str]:
    """Every property name a schema (or a package schema it may refer to) names."""
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}) if isinstance(node.get("properties"), dict) else ())
            names.update(n for n in node.get("required", []) if isinstance(n, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk([schema, *ann.schema_resources().values()])
    return names


def mutations(doc: Any, fields: set[str], seen: set[Any], valid: Any) -> Iterator[tuple[str, Any]]:
    """Documents derived from ``doc`` by one change each: a field dropped or added, a value
    of the wrong type, a label misspelt, a span of the wrong shape, a list emptied or
    given a duplicate..., at every place of the document.

    A place already in ``seen`` is skipped: places are told apart by their path, with list
    indices and the keys of free-form mappings (question ids, scale values, not in
    ``fields``) left out, and by the shape of the value there.  Lists away from the place
    are cut to one item, or two where one would make the document invalid (``valid``).
    """
    for path, node in _paths(doc):
        place = (tuple("*" if isinstance(k, int) else k if k in fields else "?" for k in path), _kind(node, fields))
        if place in seen:
            continue
        seen.add(place)
        keep = 1 if valid(_replaced(doc, path, node, 1)) else 2
        where = "/".join(map(str, path)) or "document"

        def put(value: Any, path: tuple = path, keep: int = keep) -> Any:
            return _replaced(doc, path, value, keep)

        for value in REPLACEMENTS:
            if value != node or type(value) is not type(node):
                yield f"{where} = {value!r}", put(value)
        if isinstance(node, dict):
            for key in node:
                yield f"{where} without {key}", put({k: v for k, v in node.items() if k != key})
                yield f"{where} with {key} renamed", put({(f"{k}_x" if k == key else k): v for k, v in node.items()})
            yield f"{where} with an unknown field", put({**node, "unknown_field": 1})
            if {"start", "end", "text"} <= set(node):
                yield f"{where} as a list", put([node["start"], node["end"]])
                yield f"{where} with a label", put({**node, "label": "x"})
                yield f"{where} with end as text", put({**node, "end": str(node["end"])})
        elif isinstance(node, list):
            if node:
                yield f"{where} with a duplicate", put([*node, node[0]])
                yield f"{where} cut to one", put(node[:1])
            yield f"{where} plus null", put([*node, None])
            yield f"{where} plus an object", put([*node, {}])
        elif isinstance(node, str):
            for changed in (node + "\n", node.upper(), " " + node, node + "!", node[:-1], node + "$"):
                yield f"{where} = {changed!r}", put(changed)
        elif isinstance(node, bool):
            yield f"{where} = {int(node)!r}", put(int(node))
        elif isinstance(node, int):
            for changed in (float(node), node + 1, -node - 1, str(node)):
                yield f"{where} = {changed!r}", put(changed)


# ----- the tests ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def documents() -> dict[str, list[tuple[str, Any]]]:
    return corpus()


@pytest.mark.parametrize("name", CHECKED)
def test_every_schema_gets_a_compiled_check_that_accepts_every_file_of_the_repository(name, documents):
    check, full = both(name)
    assert documents[name], f"no document of the repository is checked by {name}"
    for where, doc in documents[name]:
        assert full.is_valid(doc), f"{where} is not valid for {name}: fix the corpus"
        assert check(doc), f"{where}: jsonschema accepts it, the compiled check does not"


def test_without_registered_types_the_bank_schema_is_the_files():
    assert schema_for("questions (registry)") == ann.load_schema("questions")  # mutated once, as "questions"


@pytest.mark.parametrize("name", [n for n in CHECKED if n != "questions (registry)"])
def test_the_compiled_check_and_jsonschema_agree_on_every_mutated_document(name, documents):
    check, full = both(name)
    cases = invalid = 0
    disagreements = []
    seen: set[str] = set()
    fields, places = field_names(schema_for(name)), set()
    for where, doc in documents[name]:
        small = shrink(doc)
        assert full.is_valid(small), f"{where} shrunk is not valid for {name}"
        for change, mutated in mutations(small, fields, places, full.is_valid):
            key = repr(mutated)
            if key in seen:
                continue
            seen.add(key)
            verdict = full.is_valid(mutated)
            cases += 1
            invalid += not verdict
            if check(mutated) != verdict:
                disagreements.append(f"{where}: {change}: jsonschema says {'valid' if verdict else 'invalid'}")
    assert disagreements == []
    assert cases >= 200 and invalid >= 100, (cases, invalid)  # the mutations do reach the schema


def test_a_type_registered_at_run_time_keeps_the_compiled_check(tmp_path):
    from medialit.questions import schemas
    from medialit.questions.types import register, temporary_types, type_names
    from tests.questions.test_question_types import BANK, ESTIMATE_SCHEMA_ENTRY, EstimateType

    bank = yaml.safe_load(BANK)
    answers = {"schema_version": 1, "notebook": "n",
               "answers": {"toy-est": {"kind": "estimate", "value": 13.0, "updated": "2026-01-01T00:00:00+00:00"}}}
    with temporary_types():
        register(EstimateType, schema_entry=ESTIMATE_SCHEMA_ENTRY)
        assert "estimate" in type_names()
        for name, doc in (("questions (registry)", bank), ("answers (registry)", answers)):
            validator = SchemaValidator(schema_for(name), ann.schema_resources())
            assert validator.accepts(doc) and not validator.unsupported
        del bank["questions"][0]["tolerance"]
        assert not SchemaValidator(schema_for("questions (registry)"), ann.schema_resources()).accepts(bank)
        assert schemas.bank_problems(bank) == ["questions[0] (id 'toy-est'): 'tolerance' is a required property"]


#: (schema, instance) pairs at the edges of each supported keyword.
KEYWORD_CASES: dict[str, tuple[dict[str, Any], list[Any]]] = {
    "type": ({"type": ["integer", "null"]}, [1, 1.0, 1.5, True, None, "1", [], {}, 10**30]),
    "enum": ({"enum": ["a", 1, None, False, [1], {"a": 1}]},
             ["a", 1, 1.0, True, False, 0, None, [1], [1.0], [True], {"a": 1}, {"a": True}, "A"]),
    "const": ({"const": 1}, [1, 1.0, True, "1", [1]]),
    "pattern": ({"pattern": "^[a-z]+$"}, ["abc", "abc\n", "abc\n\n", "\nabc", "ab1", "", 3, "ABC"]),
    "minLength": ({"minLength": 2, "maxLength": 3}, ["a", "ab", "abc", "abcd", "é́", "😀", 12]),
    "minimum": ({"minimum": 0, "maximum": 5}, [-1, 0, 0.0, 5, 5.0, 5.5, -0.5, True, "3"]),
    "minItems": ({"minItems": 1, "maxItems": 2}, [[], [1], [1, 2], [1, 2, 3], "ab", {}]),
    "uniqueItems": ({"uniqueItems": True},
                    [[1, True], [1, 1.0], [0, False], [{"a": 1}, {"a": 1.0}], [{"a": 1, "b": 2}, {"b": 2, "a": 1}],
                     [[1], [True]], [[1, 2], [2, 1]], ["a", "a"], [None, None], [], 5]),
    "items": ({"items": {"type": "string"}}, [[], ["a"], ["a", 1], "abc", {"0": 1}]),
    "required": ({"required": ["a"]}, [{"a": None}, {}, {"b": 1}, [], "a"]),
    "properties": ({"properties": {"a": {"type": "string"}}, "additionalProperties": {"type": "integer"}},
                   [{"a": "x"}, {"a": 1}, {"b": 1}, {"b": 1.0}, {"b": "x"}, {}, [], {1: 2}, {None: "x"}]),
    "propertyNames": ({"propertyNames": {"pattern": "^[0-9]+$"}, "minProperties": 1, "maxProperties": 2},
                      [{"1": 0}, {"a": 0}, {}, {"1": 0, "2": 0, "3": 0}, {"12\n": 0}, "x", {1: 0}, {True: 0, 2.5: 1}]),
    "allOf": ({"allOf": [{"type": "integer"}, {"minimum": 2}], "anyOf": [{"const": 2}, {"const": 4}],
               "oneOf": [{"minimum": 3}, {"const": 2}]}, [2, 3, 4, 4.0, "2", None]),
    "not": ({"not": {"type": "string"}}, ["a", 1, None]),
    "if": ({"if": {"properties": {"k": {"const": False}}, "required": ["k"]},
            "then": {"required": ["t"]}, "else": {"required": ["e"]}},
           [{"k": False, "t": 1}, {"k": False}, {"k": 0, "e": 1}, {"k": 0}, {"e": 1}, {}, "x"]),
    "$ref": ({"$defs": {"n": {"type": "integer"}}, "properties": {"a": {"$ref": "#/$defs/n"}, "b": {
        "$ref": "https://medialit.invalid/schema/annotations.schema.json#/$defs/span"}}},
             [{"a": 1}, {"a": "1"}, {"b": {"start": 0, "end": 1, "text": "x"}}, {"b": {"start": 0}}]),
}
KEYWORD_CASES["maxLength"] = KEYWORD_CASES["minLength"]
KEYWORD_CASES["maximum"] = KEYWORD_CASES["minimum"]
KEYWORD_CASES["maxItems"] = KEYWORD_CASES["minItems"]
for _k in ("additionalProperties",):
    KEYWORD_CASES[_k] = KEYWORD_CASES["properties"]
for _k in ("minProperties", "maxProperties"):
    KEYWORD_CASES[_k] = KEYWORD_CASES["propertyNames"]
for _k in ("anyOf", "oneOf"):
    KEYWORD_CASES[_k] = KEYWORD_CASES["allOf"]
for _k in ("then", "else"):
    KEYWORD_CASES[_k] = KEYWORD_CASES["if"]
KEYWORD_CASES["$defs"] = KEYWORD_CASES["$ref"]


def test_every_supported_keyword_has_edge_cases():
    assert set(KEYWORD_CASES) == set(KEYWORDS)


@pytest.mark.parametrize("keyword", sorted(KEYWORD_CASES))
def test_each_supported_keyword_means_the_same_in_both_libraries(keyword):
    schema, instances = KEYWORD_CASES[keyword]
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    validator = SchemaValidator(schema, ann.schema_resources())
    check = compile_check(schema, ann.schema_resources())
    for instance in instances:
        assert check(instance) == validator.jsonschema_validator().is_valid(instance), (schema, instance)


UNSUPPORTED = [
    {"dependentRequired": {"a": ["b"]}},
    {"prefixItems": [{"type": "string"}]},
    {"unevaluatedProperties": False},
    {"format": "date"},
    {"multipleOf": 0.1},
    {"properties": {"a": {"$ref": "#/$defs/x", "minimum": 1}}, "$defs": {"x": {}}},
    {"pattern": "^a$|^b$"},
    {"pattern": "^[$]"},
    {"properties": {"a": {"$id": "https://medialit.invalid/x.json"}}},
]


@pytest.mark.parametrize("schema", [*UNSUPPORTED, {"$ref": "https://example.invalid/other.json"}, {"$ref": "#a"},
                                    {"type": "float"}, {"items": [{"type": "string"}]}],
                         ids=lambda s: json.dumps(s)[:40])
def test_a_schema_using_anything_else_gets_no_compiled_check(schema):
    with pytest.raises(UnsupportedSchema):
        adapt(schema, "", ann.schema_resources())


@pytest.mark.parametrize("schema", UNSUPPORTED, ids=lambda s: json.dumps(s)[:40])
def test_then_jsonschema_alone_decides(schema):
    validator = SchemaValidator(schema, ann.schema_resources())
    for doc in ({}, {"a": 0}, ["x"], "b", 0.15):
        assert not validator.accepts(doc) and validator.unsupported
        assert validator.is_valid(doc) == validator.jsonschema_validator().is_valid(doc)


def test_a_schema_fastjsonschema_fails_to_compile_is_left_to_jsonschema():
    schema = {"pattern": "("}  # not a regular expression: jsonschema too fails on a string, not on a number
    with pytest.raises(UnsupportedSchema, match="cannot compile"):
        compile_check(schema, {})
    validator = SchemaValidator(schema, {})
    assert not validator.accepts(3) and validator.is_valid(3)


def test_patterns_keep_pythons_meaning_of_a_final_dollar():
    adapted = adapt({"pattern": "^a\\$b\\\\$"}, "", {})
    assert adapted["pattern"] == "^a\\$b\\\\(?=\\n?\\Z)"
    assert adapt({"pattern": "\\?\\s*$"}, "", {})["pattern"] == "\\?\\s*(?=\\n?\\Z)"


def test_compiling_leaves_the_package_schemas_untouched():
    before = json.dumps(ann.schema_resources(), sort_keys=True)
    for name in CHECKED:
        compile_check(schema_for(name), ann.schema_resources())
    assert json.dumps(ann.schema_resources(), sort_keys=True) == before


def test_the_compiled_check_fills_in_no_defaults(documents):
    check, _ = both("questions")
    _, bank = documents["questions"][0]
    before = json.dumps(bank, sort_keys=True)
    assert check(bank)
    assert json.dumps(bank, sort_keys=True) == before


@pytest.mark.parametrize("value", [("a", "b"), datetime.date(2026, 1, 2), {(1, 2): "x"}, frozenset()],
                         ids=["tuple", "date", "tuple key", "frozenset"])
def test_data_that_is_not_plain_json_is_left_to_jsonschema(value):
    assert not is_plain_json({"x": [value]})
    doc = {"schema_version": 1, "notebook": "n", "answers": {"q": {"kind": "single", "value": value,
                                                                    "updated": "2026-11-28T10:00:00"}}}
    from medialit.questions.schemas import answers_problems

    validator = SchemaValidator(schema_for("answers (registry)"), ann.schema_resources())
    assert not validator.accepts(doc)
    assert answers_problems(doc) == [f"answers.q.value: {value!r} is not of type 'string'"]


def test_a_tuple_where_a_list_belongs_is_still_refused():
    doc = {"schema_version": 1, "article_id": "a", "text_sha256": "0" * 64, "hedges": ()}
    assert ann.schema_problems(doc) == ["hedges: () is not of type 'array'"]


def test_plain_json_is_recognised():
    assert is_plain_json({"a": [1, 2.5, "x", None, True, {"b": []}]})
    assert is_plain_json({1: "low", 2.5: None, None: 0, False: 1})  # YAML keys
    assert not is_plain_json(type("D", (dict,), {})())
    deep: list[Any] = []
    deep.append(deep)
    assert not is_plain_json(deep)  # data that contains itself is left to jsonschema
    nested: Any = "x"
    for _ in range(99):
        nested = {"a": [nested]} if isinstance(nested, str) else [nested]
    assert is_plain_json(nested)


# ----- the lesson path ---------------------------------------------------------------------------
LESSON_PATH = """
import contextlib, io, json, sys
from medialit.widgets import ask, progress, reveal
from medialit.grading import grade
shown = {{qid: type(ask(qid)).__name__ for qid in {qids!r}}}
revealed = {{qid: type(reveal(qid, confirm=True)).__name__ for qid in {qids!r}}}
with contextlib.redirect_stdout(io.StringIO()):
    points = {{qid: grade(qid) for qid in {qids!r}}}
panels = [type(progress(nb)).__name__ for nb in {notebooks!r}]
from medialit import load_article
reference = load_article({seed!r}).reference
print(json.dumps({{"shown": shown, "revealed": revealed, "points": points, "panels": panels,
                  "reference": type(reference).__name__,
                  "loaded": [m for m in ("jsonschema", "referencing") if m in sys.modules]}}))
"""


def test_the_lesson_path_does_not_import_jsonschema_when_everything_is_valid(tmp_path, documents):
    """A student's kernel: ask(), reveal() and grade() of a question of every type, the answers
    files holding the key answers, the progress panels, an article's reference; all valid, so
    jsonschema is never imported."""
    from medialit.grading import grade
    from medialit.questions.bank import load_bank
    from medialit.questions.types import type_names

    qids: dict[str, str] = {}
    notebooks, notebook_of = [], {}
    for path in sorted((REPO / "autograder" / "lesson-sources").glob("*/questions.yaml")):
        bank = load_bank(path)
        notebooks.append(bank.notebook)
        for q in bank.questions:
            qids.setdefault(q.type, q.id)
            notebook_of[q.id] = bank.notebook
    assert set(qids) == set(type_names())  # every question type is asked
    for where, doc in documents["answers"]:
        if " key " in where:
            (tmp_path / f"{doc['notebook']}.answers.json").write_text(json.dumps(doc), encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        expected = {qid: grade(qid, tmp_path / f"{notebook_of[qid]}.answers.json") for qid in qids.values()}
    code = LESSON_PATH.format(qids=sorted(qids.values()), notebooks=notebooks, seed=SEED_ID)
    env = {k: v for k, v in os.environ.items()
           if k not in ("NBGRADER_EXECUTION", "MEDIALIT_QUESTIONS", "MEDIALIT_SEEDS", "JPY_SESSION_NAME")}
    env["MEDIALIT_COURSE"] = str(REPO)  # the instructor's course: the keys and the reference are there
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=tmp_path,
                         env=env)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.splitlines()[-1])
    assert "Message" not in [*got["shown"].values(), *got["revealed"].values(), *got["panels"]], got
    assert got["points"] == expected and sum(expected.values()) > 0  # the answers files were read
    assert got["reference"] == "dict"
    assert got["loaded"] == []
