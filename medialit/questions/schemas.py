"""The JSON Schemas of banks and answers files, completed from the question-type registry.

``questions.schema.json`` names the built-in types; a type registered at run time with a
schema entry (:func:`medialit.questions.types.register`) is added to it here.
``answers.schema.json`` leaves an answer's ``kind`` open: the registered type names and
each type's ``answer_schema`` (the form of a stored ``value``) are filled in here, so a
new type needs no edit of that file.

A public bank (``public: true``, see :mod:`medialit.questions.public`) is checked against
:func:`public_questions_schema`: the same schema with the key fields optional (an option's
``correct`` and ``feedback``, a classify item's ``answer``, a spans question's
``answer``/``key``, a rate question's ``answer``).

Validators are built once per state of the registry.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from medialit.core import annotation as ann
from medialit.questions import types


def questions_schema() -> dict[str, Any]:
    """``questions.schema.json`` with the schema entries of types registered at run time."""
    schema = copy.deepcopy(ann.load_schema("questions"))
    question = schema["$defs"]["question"]
    enum = question["properties"]["type"]["enum"]
    for name, entry in types.schema_entries().items():
        if name not in enum:
            enum.append(name)
        question["properties"].update(copy.deepcopy(entry.get("properties") or {}))
        if "then" in entry:
            question.setdefault("allOf", []).append({"if": {"properties": {"type": {"const": name}}},
                                                     "then": copy.deepcopy(entry["then"])})
    return schema


def public_questions_schema() -> dict[str, Any]:
    """:func:`questions_schema` with every key field optional: the schema of a public bank."""
    schema = questions_schema()
    defs = schema["$defs"]
    defs["option"]["required"] = ["id", "text"]
    defs["classify_item"]["required"] = ["id", "text"]
    for rule in defs["question"].get("allOf", []):
        then = rule.get("then", {})
        then.pop("oneOf", None)  # spans: answer or key
        if "required" in then:
            then["required"] = [f for f in then["required"] if f != "answer"]
    return schema


def answers_schema() -> dict[str, Any]:
    """``answers.schema.json`` with the registered types as kinds, each with its value's form.

    Kinds are listed in the order of :func:`medialit.questions.types.type_names`.
    """
    schema = copy.deepcopy(ann.load_schema("answers"))
    answer = schema["$defs"]["answer"]
    names = types.type_names()
    answer["properties"]["kind"] = {"enum": names}
    answer["allOf"] = [{"if": {"properties": {"kind": {"const": n}}},
                        "then": {"properties": {"value": types.type_class(n).answer_schema}}} for n in names]
    return schema


@lru_cache(maxsize=4)
def _validators(generation: int) -> dict[str, Any]:
    out = {"answers": ann.schema_validator(answers_schema())}
    out["questions"] = ann.schema_validator(questions_schema()) if types.schema_entries() else None
    return out


@lru_cache(maxsize=4)
def _public_validator(generation: int) -> Any:
    return ann.schema_validator(public_questions_schema())


def bank_problems(data: Any) -> list[str]:
    """What the bank schema finds wrong with the parsed bank ``data``, each naming the question
    (a public bank is checked against :func:`public_questions_schema`)."""
    if isinstance(data, dict) and data.get("public") is True:
        return ann.schema_problems(data, "questions", _public_validator(types.generation()))
    return ann.schema_problems(data, "questions", _validators(types.generation())["questions"])


def answers_problems(doc: Any) -> list[str]:
    """What the answers schema finds wrong with an answers document, each naming the answer."""
    return ann.schema_problems(doc, "answers", _validators(types.generation())["answers"])
