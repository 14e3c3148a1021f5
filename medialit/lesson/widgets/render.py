"""Plain renderings of questions and answers: the text fallback, the static summary shown
while nbgrader runs, and the reference answer (practice "Show answer", :func:`reveal`).

Options and items are listed in the learner's own order (:mod:`medialit.lesson.order`), as
the widgets show them.  Nothing here imports ipywidgets, so these work in a plain terminal too.
"""

from __future__ import annotations

import html
import re
from typing import Any

from medialit.core.shorten import clip
from medialit.lesson.order import presented
from medialit.questions.question import Question
from medialit.questions.types.base import esc

__all__ = [
    "Message",
    "StaticAnswer",
    "answer_and_reference_html",
    "answer_example",
    "choices_text",
    "describe_value",
    "esc",
    "fallback_text",
    "html_to_text",
    "reference_html",
    "reference_text",
    "without_verdict",
]


_VERDICTS = {
    True: re.compile(r"^\s*(?:right|correct|yes|exactly|well done)\s*[.:!,;\u2014\u2013-]+\s*", re.I),
    False: re.compile(r"^\s*(?:not right|not quite|wrong|incorrect|no)\s*[.:!,;\u2014\u2013-]+\s*", re.I),
}


def without_verdict(feedback: str, right: bool) -> str:
    """``feedback`` without a leading "Right." / "Not quite:" that repeats the widget's own mark.

    The widgets mark feedback "✓ Right:" or "✗ Not right:" themselves, so a bank's "Right: it
    weakens the claim" shows as "✓ Right: it weakens the claim", and a bare "Right." as nothing
    (the caller then shows the mark alone).  The rest is kept as written (it may start with a
    name from code, such as ``reveal``).  Only a verdict word followed by punctuation is
    taken away: "No source is named" keeps its "No".
    """
    return _VERDICTS[right].sub("", str(feedback or ""), count=1)


def answer_example(q: Question) -> str:
    """The argument for ``answers.record`` for this question, with placeholders (never a right answer)."""
    return q.kind.example()


def choices_text(q: Question) -> list[str]:
    """The choices a learner picks from, with their ids (no key), in the learner's order."""
    return presented(q).kind.choices_text()


def describe_value(q: Question, value: Any) -> str:
    """A readable rendering of a stored answer (its content, no correctness)."""
    if value is None:
        return "no answer yet"
    try:
        return clip(presented(q).kind.show(value), 2_000)
    except (KeyError, TypeError, AttributeError, ValueError):
        return f"unreadable answer {clip(repr(value))}"


def fallback_text(q: Question, value: Any) -> str:
    """What a display shows where widgets cannot render: the question and how to answer from code."""
    lines = [f"[{q.id}] {q.prompt} ({q.mode}, {q.points:g} pt)"]
    lines += choices_text(q)
    lines.append(f"Recorded answer: {describe_value(q, value)}")
    lines.append("Interactive widgets are not shown here. To record your answer from code:")
    lines.append("    from medialit import answers")
    lines.append(f"    answers.record({q.id!r}, {answer_example(q)})")
    lines.append("Put your own choice in place of each <...> (the ids are listed above).")
    return "\n".join(lines)


def reference_html(q: Question) -> str:
    """The reference answer with the reasons behind it (for practice questions and :func:`reveal`)."""
    parts: list[str] = [f'<div class="ml-reference" role="region" aria-label="Reference answer to {esc(q.id)}">',
                        "<b>Reference answer</b><ul>"]
    parts += q.kind.reference_items()
    parts.append("</ul>")
    if q.explanation:
        parts.append(f"<p>{esc(q.explanation)}</p>")
    parts.append("</div>")
    return "".join(parts)


def reference_text(q: Question) -> str:
    """The reference answer as plain text."""
    return html_to_text(reference_html(q))


def html_to_text(markup: str) -> str:
    """Plain text of the small HTML these renderings make (list items and paragraphs on their own lines)."""
    import re

    body = markup.replace("</li>", "\n").replace("<ul>", "\n").replace("</p>", "\n")
    return html.unescape(re.sub(r"<[^>]+>", "", body)).strip()


def _summary(q: Question, value: Any) -> str:
    """The form of a stored answer (``2 options selected``), cut short when it is long."""
    try:
        return clip(q.describe_answer(value), 120)
    except (KeyError, TypeError, AttributeError, ValueError):
        return "unreadable answer"


def answer_and_reference_html(q: Question, value: Any) -> str:
    """The learner's recorded answer, then the reference answer with its reasons (what :func:`reveal` shows)."""
    return (f'<div class="ml-reveal"><p><b>Your answer</b> ({esc(_summary(q, value))}): '
            f"{esc(describe_value(q, value))}</p>{reference_html(q)}</div>")


class StaticAnswer:
    """The recorded answer to one question, shown without widgets (e.g. while nbgrader runs)."""

    def __init__(self, question: Question, value: Any, note: str = "") -> None:
        self.question, self.value, self.note = question, value, note

    def _repr_html_(self) -> str:
        q = self.question
        note = f"<br><i>{esc(self.note)}</i>" if self.note else ""
        return (f'<div class="ml-static" role="region" aria-label="Answer to {esc(q.id)}">'
                f"<b>[{esc(q.id)}] {esc(q.prompt)}</b><br>Recorded answer ({esc(_summary(q, self.value))}): "
                f"{esc(describe_value(q, self.value))}{note}</div>")

    def __repr__(self) -> str:
        q = self.question
        return (f"[{q.id}] {q.prompt}\nRecorded answer ({_summary(q, self.value)}): "
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
