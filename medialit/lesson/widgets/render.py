"""Plain renderings of questions and answers: the text fallback, the static summary shown
while nbgrader runs, and the reference answer (practice "Show answer", :func:`reveal`).

Nothing here imports ipywidgets, so these work in a plain terminal too.
"""

from __future__ import annotations

import html
from typing import Any

from medialit.questions.bank import Question


def esc(text: Any) -> str:
    return html.escape(str(text))


def answer_example(q: Question) -> str:
    """A valid-looking argument for ``answers.record`` for this question."""
    if q.type == "single":
        return repr(q.option_ids[0])
    if q.type == "multiple":
        return repr(q.option_ids[:2])
    if q.type == "spans":
        return f"[{{'text': 'exact words from the article', 'label': {q.label_ids[0]!r}}}]"
    if q.type == "classify":
        return repr({it["id"]: q.categories[0]["id"] for it in q.items[:2]})
    if q.type == "rate":
        return str(q.scale[0])
    return "'your answer in a few sentences'"


def choices_text(q: Question) -> list[str]:
    """The choices a learner picks from, with their ids (no key)."""
    if q.type in ("single", "multiple"):
        return [f"  {o['id']}: {o['text']}" for o in q.options]
    if q.type == "spans":
        return [f"  label {lab['id']}: {lab['text']}" for lab in q.labels]
    if q.type == "classify":
        return ([f"  item {it['id']}: {it['text']}" for it in q.items]
                + [f"  category {c['id']}: {c['text']}" for c in q.categories])
    if q.type == "rate":
        lo, hi = q.scale
        return [f"  {v}" + (f": {q.scale_label(v)}" if q.scale_label(v) else "") for v in range(lo, hi + 1)]
    return []


def describe_value(q: Question, value: Any) -> str:
    """A readable rendering of a stored answer (its content, no correctness)."""
    if value is None:
        return "no answer yet"
    try:
        if q.type == "single":
            return q.option(value)["text"]
        if q.type == "multiple":
            return "; ".join(q.option(v)["text"] for v in value) or "none selected"
        if q.type == "spans":
            pairs = q.answer_spans(value)
            return "; ".join(f"“{s.text}” ({q.label_text(lab)})" for s, lab in pairs) or "no spans"
        if q.type == "classify":
            cats = {c["id"]: c["text"] for c in q.categories}
            items = {it["id"]: it["text"] for it in q.items}
            return "; ".join(f"{items.get(k, k)} → {cats.get(v, v)}" for k, v in value.items()) or "nothing classified"
        if q.type == "rate":
            label = q.scale_label(value)
            return f"{value}" + (f" ({label})" if label else "")
        text = str(value)
        return text if len(text) <= 300 else text[:300] + "…"
    except (KeyError, TypeError, AttributeError, ValueError):
        return f"unreadable answer {value!r}"


def fallback_text(q: Question, value: Any) -> str:
    """What a display shows where widgets cannot render: the question and how to answer from code."""
    lines = [f"[{q.id}] {q.prompt} ({q.mode}, {q.points:g} pt)"]
    lines += choices_text(q)
    lines.append(f"Recorded answer: {describe_value(q, value)}")
    lines.append("Interactive widgets are not shown here. To record your answer from code:")
    lines.append("    from medialit import answers")
    lines.append(f"    answers.record({q.id!r}, {answer_example(q)})")
    return "\n".join(lines)


def reference_html(q: Question) -> str:
    """The reference answer with the reasons behind it (for practice questions and :func:`reveal`)."""
    parts: list[str] = ['<div class="ml-reference" role="region" aria-label="Reference answer">',
                        "<b>Reference answer</b><ul>"]
    if q.type in ("single", "multiple"):
        for o in q.options:
            mark = "✓ right" if o.get("correct") else "✗ not right"
            parts.append(f"<li><b>{esc(o['text'])}</b> ({mark}): {esc(o['feedback'])}</li>")
    elif q.type == "spans":
        for span, label, note in q.key_spans():
            extra = f": {esc(note)}" if note else ""
            parts.append(f"<li>“{esc(span.text)}” ({esc(q.label_text(label))}){extra}</li>")
    elif q.type == "classify":
        cats = {c["id"]: c["text"] for c in q.categories}
        for it in q.items:
            extra = f": {esc(it['feedback'])}" if it.get("feedback") else ""
            parts.append(f"<li>{esc(it['text'])} → <b>{esc(cats[it['answer']])}</b>{extra}</li>")
    elif q.type == "rate":
        key = int(q.data["answer"])
        label = q.scale_label(key)
        parts.append(f"<li>{key}" + (f" ({esc(label)})" if label else "") + "</li>")
    else:
        model = q.data.get("answer")
        none = "Written answers have no single reference; compare with a partner."
        parts.append(f"<li>{esc(model) if model else none}</li>")
    parts.append("</ul>")
    if q.explanation:
        parts.append(f"<p>{esc(q.explanation)}</p>")
    parts.append("</div>")
    return "".join(parts)


def reference_text(q: Question) -> str:
    """The reference answer as plain text."""
    import re

    body = reference_html(q).replace("</li>", "\n").replace("<ul>", "\n").replace("</p>", "\n")
    return html.unescape(re.sub(r"<[^>]+>", "", body)).strip()


class StaticAnswer:
    """The recorded answer to one question, shown without widgets (e.g. while nbgrader runs)."""

    def __init__(self, question: Question, value: Any, note: str = "") -> None:
        self.question, self.value, self.note = question, value, note

    def _repr_html_(self) -> str:
        q = self.question
        note = f"<br><i>{esc(self.note)}</i>" if self.note else ""
        return (f'<div class="ml-static" role="region" aria-label="Answer to {esc(q.id)}">'
                f"<b>[{esc(q.id)}] {esc(q.prompt)}</b><br>Recorded answer ({esc(q.describe_answer(self.value))}): "
                f"{esc(describe_value(q, self.value))}{note}</div>")

    def __repr__(self) -> str:
        q = self.question
        return (f"[{q.id}] {q.prompt}\nRecorded answer ({q.describe_answer(self.value)}): "
                f"{describe_value(q, self.value)}" + (f"\n{self.note}" if self.note else ""))


class Message:
    """A short message displayed in place of a widget (unknown question, no notebook known...)."""

    def __init__(self, text: str, role: str = "alert") -> None:
        self.text, self.role = text, role

    def _repr_html_(self) -> str:
        return (f'<div role="{self.role}" style="border:2px dashed #D55E00;padding:0.3em 0.6em;white-space:pre-wrap">'
                f"{esc(self.text)}</div>")

    def __repr__(self) -> str:
        return self.text
