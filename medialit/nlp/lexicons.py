"""The analyzers' word lists: YAML files in ``medialit/data/lexicons/``, checked on load.

Each file carries ``provenance`` and ``licence`` lines and is validated against
``medialit/core/schema/lexicon.schema.json``; a broken file raises :class:`LexiconError` naming
the file and the entry.  Files are read once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from medialit.core.annotation import AnnotationError, schema_problems

LEXICON_FILES = {
    "reporting_verbs": "reporting_verbs.yaml",
    "attribution_nouns": "attribution_nouns.yaml",
    "stance_cues": "stance_cues.yaml",
    "loaded_language": "loaded_language.yaml",
    "source_roles": "source_roles.yaml",
    "frame_cues": "frame_cues.yaml",
}


class LexiconError(AnnotationError):
    """A lexicon file is missing or does not follow its schema."""


def _duplicates(entries: list[dict[str, Any]], keys: tuple[str, ...]) -> list[str]:
    seen: set[tuple[Any, ...]] = set()
    dups = []
    for i, entry in enumerate(entries):
        value = tuple(entry.get(k) for k in keys)
        if value in seen:
            shown = ", ".join(f"{k} {v!r}" for k, v in zip(keys, value, strict=True))
            dups.append(f"entries[{i}]: {shown} is listed twice; keep one entry")
        seen.add(value)
    return dups


@cache
def load_lexicon(name: str) -> dict[str, Any]:
    """The validated lexicon ``name`` (one of :data:`LEXICON_FILES`) as a dict."""
    from medialit.core.yaml_text import YamlFileError, read_yaml

    if name not in LEXICON_FILES:
        raise LexiconError([f"unknown lexicon {name!r}; known: {', '.join(LEXICON_FILES)}"], "lexicons")
    ref = resources.files("medialit").joinpath("data", "lexicons", LEXICON_FILES[name])
    where = f"medialit/data/lexicons/{LEXICON_FILES[name]}"
    try:
        data = read_yaml(ref)
    except FileNotFoundError:
        raise LexiconError([f"file not found: {where}"], where) from None
    except YamlFileError as exc:
        raise LexiconError([str(exc)], where) from None
    problems = schema_problems(data, "lexicon")
    if not problems:
        if data["lexicon"] != name:
            problems.append(f"lexicon is {data['lexicon']!r} but the file is loaded as {name!r}")
        keys = {"reporting_verbs": ("lemma",), "attribution_nouns": ("lemma",), "stance_cues": ("cue", "category"),
                "loaded_language": ("term",), "source_roles": ("word",), "frame_cues": ("term",)}[name]
        problems += _duplicates(data["entries"], keys)
    if problems:
        raise LexiconError(problems, where)
    return data


@dataclass(frozen=True)
class ReportingVerb:
    lemma: str
    kind: str
    connotation: str
    note: str = ""
    object_cue: bool = False
    clause_content: bool = False


@cache
def reporting_verbs() -> dict[str, ReportingVerb]:
    """Lemma (or 'verb particle') -> entry."""
    return {e["lemma"]: ReportingVerb(e["lemma"], e["kind"], e["connotation"], e.get("note", ""),
                                      bool(e.get("object_cue", False)), bool(e.get("clause_content", False)))
            for e in load_lexicon("reporting_verbs")["entries"]}


@cache
def attribution_nouns() -> dict[str, str]:
    """Lemma (possibly two words) -> kind."""
    return {e["lemma"]: e["kind"] for e in load_lexicon("attribution_nouns")["entries"]}


@dataclass(frozen=True)
class StanceCue:
    words: tuple[str, ...]
    type: str
    category: str
    pos: frozenset[str] = frozenset()
    condition: str | None = None
    note: str = ""
    when_negated: str | None = None


@cache
def stance_cues() -> tuple[StanceCue, ...]:
    return tuple(
        StanceCue(tuple(e["cue"].split()), e["type"], e["category"], frozenset(e.get("pos", ())), e.get("condition"),
                  e.get("note", ""), e.get("when_negated"))
        for e in load_lexicon("stance_cues")["entries"]
    )


@cache
def loaded_terms() -> dict[tuple[str, ...], str]:
    """Term as a tuple of lemmas -> note."""
    return {tuple(e["term"].split()): e["note"] for e in load_lexicon("loaded_language")["entries"]}


@cache
def source_roles() -> dict[str, str]:
    """Role word (lemma, possibly two words) -> source type."""
    return {e["word"]: e["type"] for e in load_lexicon("source_roles")["entries"]}


@cache
def frame_cues() -> dict[tuple[str, ...], str]:
    """Term as a tuple of lemmas -> the frame dimension it cues."""
    return {tuple(e["term"].split()): e["frame"] for e in load_lexicon("frame_cues")["entries"]}
