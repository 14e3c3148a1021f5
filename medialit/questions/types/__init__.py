"""Question types: one class per type, and the one registry of them.

Each module of this package defines one type (``single``, ``multiple``, ``spans``,
``classify``, ``rate``, ``text``): a subclass of
:class:`~medialit.questions.types.base.QuestionType` decorated with :func:`register`.
The class holds everything about its type: the form of an answer and its checks, the
key, scoring, the widget, the plain renderings, the bank checks, the class report's view
and the synthetic answers used in tests.  Every other module asks the registry
(:func:`type_class`) instead of testing a type's name.

Adding a type: add a module here with its class, and its entry in
``medialit/core/schema/questions.schema.json`` (its name in the ``type`` enum, any new
fields under ``properties``, and an ``if``/``then`` rule in ``allOf`` for its required
fields).  The modules of this package are imported when the registry is first used.

:func:`temporary_types` gives a registry that is restored afterwards, where a type can be
registered together with its schema entry (for tests and experiments).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from medialit.questions.types.base import QuestionType

T = TypeVar("T", bound="type[QuestionType]")

_TYPES: dict[str, type[QuestionType]] = {}
#: Schema entries of types registered at run time (see :func:`temporary_types`), by name.
_SCHEMA_ENTRIES: dict[str, dict[str, Any]] = {}
_state = {"loaded": False, "generation": 0}


def _load_builtin() -> None:
    if _state["loaded"]:
        return
    _state["loaded"] = True
    for info in pkgutil.iter_modules(__path__):
        if info.name != "base" and not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


def register(cls: T, schema_entry: dict[str, Any] | None = None) -> T:
    """Register the type class ``cls`` under ``cls.name`` (usable as a class decorator).

    ``schema_entry`` is for a type whose entry is not in ``questions.schema.json``: a
    mapping with optional ``properties`` (new question fields) and ``then`` (the rule for
    questions of the type, as in the file's ``allOf``).
    """
    name = getattr(cls, "name", "")
    if not name:
        raise ValueError(f"{cls.__name__} has no name; set the class attribute `name`")
    _TYPES[name] = cls
    if schema_entry is not None:
        _SCHEMA_ENTRIES[name] = schema_entry
    _state["generation"] += 1
    return cls


def type_class(name: str) -> type[QuestionType]:
    """The class of question type ``name``; ``KeyError`` naming the known types when there is none."""
    _load_builtin()
    try:
        return _TYPES[name]
    except KeyError:
        raise KeyError(f"unknown question type {name!r}; known types: {', '.join(_TYPES)}") from None


def type_names() -> list[str]:
    """The registered type names: those of ``questions.schema.json`` in its order, then the others."""
    from medialit.core.annotation import load_schema

    _load_builtin()
    order = load_schema("questions")["$defs"]["question"]["properties"]["type"]["enum"]
    return sorted(_TYPES, key=lambda n: order.index(n) if n in order else len(order))


def schema_entries() -> dict[str, dict[str, Any]]:
    """The schema entries given with :func:`register` (types not in ``questions.schema.json``)."""
    _load_builtin()
    return dict(_SCHEMA_ENTRIES)


def generation() -> int:
    """A number that changes whenever the registry changes (for caches built from it)."""
    _load_builtin()
    return _state["generation"]


@contextmanager
def temporary_types() -> Iterator[None]:
    """A registry whose changes are undone on exit: register a type inside the block."""
    _load_builtin()
    saved = dict(_TYPES), dict(_SCHEMA_ENTRIES)
    try:
        yield
    finally:
        _TYPES.clear()
        _TYPES.update(saved[0])
        _SCHEMA_ENTRIES.clear()
        _SCHEMA_ENTRIES.update(saved[1])
        _state["generation"] += 1
