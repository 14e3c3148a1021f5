"""Validation against medialit's JSON Schemas: a compiled check first, jsonschema for the problems.

Every file medialit reads is checked against a schema of ``medialit/core/schema/`` (Draft
2020-12).  jsonschema lists every problem, but importing it costs about a second (its format
checkers import optional packages), which a student's kernel would pay on its first question.
A valid document needs no list, so :class:`SchemaValidator` first asks a function that
fastjsonschema generated from the schema (it imports nothing else) and only runs jsonschema
when that function does not accept the document.  The compiled check is trusted only when it
says "valid"; that it never says so where jsonschema would not is what the tests show.

fastjsonschema implements drafts 4, 6 and 7.  On the keywords of :data:`KEYWORDS` those
drafts mean what 2020-12 means, except in three places, handled in the copy of the schema
given to fastjsonschema (:func:`adapt`) and in what it is asked about:

- ``pattern``: fastjsonschema reads ``$`` as the very end of the string; Python's ``re``, which
  jsonschema uses, also matches ``$`` before a final newline.  A ``$`` that ends a pattern is
  given to fastjsonschema as ``(?=\\n?\\Z)``, which is what ``re`` makes of it.
- ``const`` is given as a one-value ``enum`` (the same test; fastjsonschema 2.22 cannot
  compile ``const`` without its detailed exceptions, which make the generated code three times
  larger and four times slower to build).
- types: fastjsonschema takes a tuple for an array, jsonschema does not.  The compiled check
  answers only for plain JSON data (:func:`is_plain_json`: dicts, lists, strings, numbers,
  booleans, None); anything else (tuples, YAML dates...) goes to jsonschema.

A schema that uses anything else (another keyword, ``items`` as a list, ``$ref`` beside
validating keywords, a ``$ref`` to a schema other than the package's, a ``$`` inside a pattern,
an ``$id`` below the root) gets no compiled check (:class:`UnsupportedSchema`): jsonschema alone
checks its documents, as before.  tests/core/test_schema_validation.py shows that the two
libraries agree on valid and invalid for every schema over a corpus of the repository's files
and about 9,000 documents mutated from them.

Limit: references are JSON pointers (``#/$defs/...``) or the ``$id`` of a package schema,
optionally followed by a pointer; anchors are not supported.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from medialit.errors import MedialitError

#: Keywords that validate, whose meaning is the same in fastjsonschema and jsonschema (2020-12).
KEYWORDS = frozenset({
    "type", "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum",
    "minItems", "maxItems", "uniqueItems", "items", "required", "properties", "additionalProperties",
    "propertyNames", "minProperties", "maxProperties", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
    "$ref", "$defs",
})
#: Keywords that only annotate (neither library validates with them).
ANNOTATIONS = frozenset({"title", "description", "$comment", "default", "examples", "deprecated", "readOnly",
                         "writeOnly"})
#: Allowed at the root only.
ROOT_KEYWORDS = frozenset({"$schema", "$id"})

_TYPES = frozenset({"null", "boolean", "integer", "number", "string", "array", "object"})
_SCHEMA_MAPS = ("properties", "$defs")  # keyword -> {name: schema}
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf")  # keyword -> [schema, ...]
_SCHEMAS = ("items", "additionalProperties", "propertyNames", "not", "if", "then", "else")  # keyword -> schema
_PYTHON_END = r"(?=\n?\Z)"  # where Python's re matches a final $ (no MULTILINE)


class UnsupportedSchema(MedialitError, ValueError):
    """The schema uses something fastjsonschema may read differently from jsonschema; its
    documents are checked by jsonschema alone (:meth:`SchemaValidator.accepts` catches it)."""


_LEAVES = frozenset({str, int, float, bool, type(None)})
#: Deeper data is left to jsonschema (none of medialit's files nests beyond about ten levels).
MAX_DEPTH = 100


def is_plain_json(doc: Any) -> bool:
    """Whether ``doc`` is made only of what ``json.loads`` returns: dicts, lists, strings, ints,
    floats, booleans and None (subclasses excluded).  Keys may be any of those scalars, as
    YAML gives them (``1: low`` has the key ``1``): both libraries treat a key that is not a
    string alike.  False past :data:`MAX_DEPTH` levels of nesting (or for data that contains itself)."""
    stack = [(doc, 0)]
    while stack:
        node, depth = stack.pop()
        kind = type(node)
        if kind is dict or kind is list:
            if depth >= MAX_DEPTH:
                return False
            if kind is dict:
                for key, value in node.items():
                    if type(key) not in _LEAVES:
                        return False
                    stack.append((value, depth + 1))
            else:
                stack.extend((value, depth + 1) for value in node)
        elif kind not in _LEAVES:
            return False
    return True


def adapt(schema: Any, base: str, known: Mapping[str, Any] | frozenset[str] | set[str]) -> Any:
    """A copy of ``schema`` that fastjsonschema reads as jsonschema reads the original.

    ``base`` is the schema's ``$id`` (references are resolved against it), ``known`` the ids
    of the schemas a ``$ref`` may point to.  Raises :class:`UnsupportedSchema` (see the module
    docstring for what is).
    """
    return _adapt(schema, base, known, "#", root=True)


def _adapt(node: Any, base: str, known: Any, where: str, root: bool = False) -> Any:
    if isinstance(node, bool):
        return node
    if not isinstance(node, dict):
        raise UnsupportedSchema(f"{where}: a schema must be an object or a boolean, not {type(node).__name__}")
    allowed = KEYWORDS | ANNOTATIONS | (ROOT_KEYWORDS if root else frozenset())
    unknown = sorted(set(node) - allowed)
    if unknown:
        raise UnsupportedSchema(f"{where}: keyword(s) {', '.join(unknown)} not supported by the compiled check")
    if "$ref" in node:
        _check_ref(node["$ref"], base, known, where)
        siblings = set(node) - {"$ref", "$defs"} - ANNOTATIONS - ROOT_KEYWORDS
        if siblings:  # 2020-12 applies them too; fastjsonschema ignores everything beside $ref
            raise UnsupportedSchema(f"{where}: $ref beside {', '.join(sorted(siblings))}")
    if "const" in node and "enum" in node:
        raise UnsupportedSchema(f"{where}: const beside enum")
    out: dict[str, Any] = {}
    for key, value in node.items():
        here = f"{where}/{key}"
        if key in _SCHEMA_MAPS:
            if not isinstance(value, dict):
                raise UnsupportedSchema(f"{here}: must be an object")
            out[key] = {name: _adapt(sub, base, known, f"{here}/{name}") for name, sub in value.items()}
        elif key in _SCHEMA_LISTS:
            if not isinstance(value, list):
                raise UnsupportedSchema(f"{here}: must be a list")
            out[key] = [_adapt(sub, base, known, f"{here}/{i}") for i, sub in enumerate(value)]
        elif key in _SCHEMAS:
            out[key] = _adapt(value, base, known, here)  # items as a list (draft 7 tuples) is refused here
        elif key == "const":
            out["enum"] = [value]
        elif key == "pattern":
            out[key] = _adapt_pattern(value, here)
        elif key == "type":
            types = value if isinstance(value, list) else [value]
            if not types or any(t not in _TYPES for t in types):
                raise UnsupportedSchema(f"{here}: unknown type {value!r}")
            out[key] = value
        else:
            out[key] = copy.deepcopy(value)  # enum values, defaults...: fastjsonschema may rewrite what it walks
    return out


def _check_ref(ref: Any, base: str, known: Any, where: str) -> None:
    if not isinstance(ref, str):
        raise UnsupportedSchema(f"{where}/$ref: must be a string")
    document, fragment = urldefrag(urljoin(base, ref))
    if document and document != base and document not in known:
        raise UnsupportedSchema(f"{where}/$ref: {ref!r} is not a package schema")
    if fragment and not fragment.startswith("/"):
        raise UnsupportedSchema(f"{where}/$ref: {ref!r} names an anchor")


def _adapt_pattern(pattern: Any, where: str) -> Any:
    if not isinstance(pattern, str):
        raise UnsupportedSchema(f"{where}: must be a string")
    out, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":  # an escape: keep it and the escaped character (an escaped $ is a literal $)
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if char == "$":
            if i != len(pattern) - 1:
                raise UnsupportedSchema(f"{where}: $ inside the pattern {pattern!r}")
            out.append(_PYTHON_END)
        else:
            out.append(char)
        i += 1
    return "".join(out)


def compile_check(schema: Any, resources: Mapping[str, Any]) -> Callable[[Any], bool]:
    """A function that returns True when a document is valid for ``schema``.

    ``resources`` maps each package schema's ``$id`` to the schema (what a ``$ref`` may point
    to).  The function returns False for an invalid document and for one that is not plain
    JSON: False means "ask jsonschema".  Raises :class:`UnsupportedSchema` when the schema cannot
    be compiled with the same meaning, or fastjsonschema fails to compile it for any reason.
    """
    import fastjsonschema

    base = schema.get("$id", "") if isinstance(schema, dict) else ""
    adapted = adapt(schema, base, resources)

    def load(uri: str) -> Any:  # called by fastjsonschema for a $ref to another package schema
        if uri not in resources:
            raise UnsupportedSchema(f"$ref to {uri!r}, not a package schema")
        return adapt(resources[uri], uri, resources)

    handlers = {urlsplit(uri).scheme: load for uri in resources}
    try:
        validate = fastjsonschema.compile(adapted, handlers=handlers, use_default=False, use_formats=False,
                                          detailed_exceptions=False)
    except UnsupportedSchema:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever stops the compiled check, jsonschema still checks
        raise UnsupportedSchema(f"fastjsonschema cannot compile it: {type(exc).__name__}: {exc}") from None
    invalid = fastjsonschema.JsonSchemaValueException

    def check(doc: Any) -> bool:
        if not is_plain_json(doc):
            return False
        try:
            validate(doc)
        except invalid:
            return False
        return True

    return check


class SchemaValidator:
    """Validates documents against one JSON Schema.

    :meth:`accepts` answers with the compiled check (built on first use, once);
    :meth:`iter_errors` with jsonschema (imported and built on first use), whose errors
    :func:`medialit.core.annotation.schema_problems` turns into the messages users see.
    Build one per schema and keep it: building either costs more than validating.
    """

    def __init__(self, schema: Any, resources: Mapping[str, Any]) -> None:
        self.schema = schema
        self.resources = resources
        self._check: Callable[[Any], bool] | None = None
        self._full: Any = None
        #: Why the schema has no compiled check ('' while it has one or has not been built yet).
        self.unsupported = ""

    def accepts(self, doc: Any) -> bool:
        """True when the compiled check finds ``doc`` valid.  False when it does not, when
        ``doc`` is not plain JSON, or when the schema has no compiled check: then only
        jsonschema can tell (:meth:`iter_errors`)."""
        if self._check is None:
            if self.unsupported:
                return False
            try:
                self._check = compile_check(self.schema, self.resources)
            except UnsupportedSchema as exc:
                self.unsupported = str(exc) or "unsupported"
                return False
        return self._check(doc)

    def iter_errors(self, doc: Any) -> Iterator[Any]:
        """Every error jsonschema finds in ``doc`` (``jsonschema.ValidationError`` objects)."""
        return self.jsonschema_validator().iter_errors(doc)

    def is_valid(self, doc: Any) -> bool:
        """Whether ``doc`` is valid (jsonschema decides whenever the compiled check does not accept it)."""
        return self.accepts(doc) or self.jsonschema_validator().is_valid(doc)

    def jsonschema_validator(self) -> Any:
        """The ``jsonschema.Draft202012Validator`` for the schema, its references to the
        package's schemas resolved."""
        if self._full is None:
            import jsonschema  # here, not at module level: only an invalid document pays its import
            from referencing import Registry, Resource

            registry = Registry().with_resources(
                (uri, Resource.from_contents(contents)) for uri, contents in self.resources.items()
            )
            self._full = jsonschema.Draft202012Validator(self.schema, registry=registry)
        return self._full
