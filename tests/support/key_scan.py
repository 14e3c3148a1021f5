"""Finding a course's graded keys in text: files, command output, anything a student can get.

:class:`KeyScanner` is made from a course (the repository's) and knows, for every graded
question, what would give its key away:

- in structured data (JSON or YAML): a mapping with the question's id that holds a key field
  (``answer``, ``key``, ``explanation``, ``feedback``, or options/items with ``correct``,
  ``feedback`` or ``answer``), or the question's id mapped to its key (an answers file);
- the offsets of a spans question's reference spans, as ``start``/``end`` pairs anywhere
  (structure parts and the question's region excepted, which are public);
- its secret texts: option and item feedback, the explanation, a rating's feedback, a model
  answer, and the lines the reference rendering shows (``text (✓ right)``, ``item → category``,
  ``“span” (label)``).

:meth:`KeyScanner.scan` returns the ids of the questions whose key a text gives away, each
with what was found.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medialit.course.build import graded_secrets
from medialit.course.course import Course

KEY_FIELDS = ("answer", "key", "explanation", "feedback")
_PAIR = re.compile(r"[\"']?start[\"']?\s*:\s*(\d+)\s*,?\s*[\"']?end[\"']?\s*:\s*(\d+)")


@dataclass
class GradedKey:
    """What gives away the key of one graded question."""

    qid: str
    lesson: str
    kind: str
    key: Any  # the key as a widget records it (None for a question without an automatic key)
    stored: Any  # the key in its stored form (an answers file's value)
    secrets: list[str] = field(default_factory=list)
    spans: set[tuple[int, int]] = field(default_factory=set)

    @property
    def has_key_material(self) -> bool:
        return self.key is not None or bool(self.secrets)


def _rendered(text: str) -> list[str]:
    """A secret as it may appear: as written, HTML-escaped, JSON-escaped."""
    forms = {text, html.escape(text), json.dumps(text, ensure_ascii=False)[1:-1],
             json.dumps(html.escape(text), ensure_ascii=False)[1:-1]}
    return [f for f in forms if len(f) >= 4]


def graded_keys(course: Course) -> dict[str, GradedKey]:
    """Every graded question of ``course`` with what gives its key away."""
    out: dict[str, GradedKey] = {}
    for lesson in course.lesson_ids():
        bank = course.bank_for(lesson)
        for q in bank.questions if bank else []:
            if q.mode != "graded":
                continue
            key = q.kind.key() if q.kind.auto_scored else None
            g = GradedKey(q.id, lesson, q.type, key, q.check_answer(key) if key is not None else None)
            g.secrets = list(graded_secrets(q.data))
            for o in q.options:
                if o.get("correct"):
                    g.secrets.append(f"{o['text']}</b> (✓ right)")
                    g.secrets.append(f"{o['text']} (✓ right)")
            cats = {c["id"]: c["text"] for c in q.categories}
            for it in q.items:
                g.secrets += [f"{it['text']} → <b>{cats[it['answer']]}</b>", f"{it['text']} → {cats[it['answer']]}"]
            if q.type == "spans":
                regions = set(map(tuple, q.region_ranges()))
                parts = {(p["start"], p["end"]) for p in q.article.structure}
                for span, label, _ in q.key_spans():
                    if (span.start, span.end) not in regions | parts:
                        g.spans.add((span.start, span.end))
                    g.secrets.append(f"“{span.text}” ({q.label_text(label)})")
            out[q.id] = g
    return out


class KeyScanner:
    """Finds the keys of :func:`graded_keys` in texts (see the module docstring)."""

    def __init__(self, keys: dict[str, GradedKey]) -> None:
        self.keys = keys

    def scan(self, text: str, data: Any = None) -> dict[str, list[str]]:
        """Question id -> what gave its key away in ``text`` (and in ``data``, its parsed form)."""
        found: dict[str, list[str]] = {}

        def hit(qid: str, what: str) -> None:
            found.setdefault(qid, []).append(what)

        for g in self.keys.values():
            for secret in g.secrets:
                if any(form in text for form in _rendered(secret)):
                    hit(g.qid, f"text {secret[:60]!r}")
        pairs = {(int(a), int(b)) for a, b in _PAIR.findall(text)}
        if data is not None:
            self._walk(data, hit, pairs)
        for g in self.keys.values():
            shown = g.spans & pairs
            if shown:
                hit(g.qid, f"{len(shown)} of {len(g.spans)} reference span offsets")
        return found

    def _walk(self, node: Any, hit: Any, pairs: set[tuple[int, int]]) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("start"), int) and isinstance(node.get("end"), int):
                pairs.add((node["start"], node["end"]))
            qid = node.get("id")
            if isinstance(qid, str) and qid in self.keys:
                held = [k for k in KEY_FIELDS if k in node]
                for listed in ("options", "items"):
                    for entry in node.get(listed) or []:
                        if isinstance(entry, dict):
                            held += [f"{listed}.{k}" for k in ("correct", "feedback", "answer") if k in entry]
                if held:
                    hit(qid, f"question data with {', '.join(sorted(set(held)))}")
            for name, value in node.items():
                g = self.keys.get(name) if isinstance(name, str) else None
                if g is not None and g.key is not None:
                    got = value.get("value") if isinstance(value, dict) and "value" in value else value
                    if got in (g.key, g.stored):
                        hit(name, "its key mapped to its id")
                self._walk(value, hit, pairs)
        elif isinstance(node, list):
            for value in node:
                self._walk(value, hit, pairs)

    def scan_file(self, path: Path) -> dict[str, list[str]]:
        """:meth:`scan` of a file's text, parsed too when it is JSON or YAML."""
        raw = path.read_bytes()
        text = raw.decode("utf-8", errors="replace")
        data = None
        if path.suffix == ".json":
            data = _parse(json.loads, text)
        elif path.suffix in (".yaml", ".yml"):
            import yaml

            data = _parse(yaml.safe_load, text)
        return self.scan(text, data)


def _parse(load: Any, text: str) -> Any:
    try:
        return load(text)
    except Exception:  # a file that does not parse is still scanned as text
        return None


def merge(into: dict[str, list[str]], found: dict[str, list[str]], where: str) -> None:
    """Add ``found`` (from :meth:`KeyScanner.scan`) to ``into``, each finding prefixed with ``where``."""
    for qid, whats in found.items():
        into.setdefault(qid, []).extend(f"{where}: {w}" for w in whats)
