"""A spans question: the highlighter over the question's region, saved as an annotation document.

In practice mode a "Check my passages" button shows which passages the learner found, missed
and marked wrongly: as a list (with the bank's note on each reference passage) and as tags
drawn after the passages in the text ("found", "missed", "not in the reference", "other
label").  Any edit takes the check away until the learner checks again.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from medialit.core.spans import Span
from medialit.lesson.widgets.base import QuestionWidget, esc
from medialit.lesson.widgets.highlighter import SpanHighlighter
from medialit.questions.span_check import CheckedPassage, SpanCheck, check_spans


class SpansQuestion(QuestionWidget):
    """Mark passages with labels.  Practice: feedback after every edit, "Check my passages" for
    found / missed / marked wrongly, "Show answer" draws the reference."""

    def build(self) -> w.Widget:
        q = self.question
        self.highlighter = SpanHighlighter(q.article.text, q.region_bounds(), q.labels, on_change=self._edited,
                                           aria_label=f"Question {q.id}: {q.prompt}")
        if q.mode != "practice":
            return self.highlighter
        self.check_button = w.Button(description="Check my passages", icon="check", layout=w.Layout(width="auto"),
                                     tooltip="Show which passages you found, missed and marked wrongly")
        self.check_button.on_click(self.check)
        self.check_box = w.HTML()
        return w.VBox([self.highlighter, self.check_button, self.check_box])

    def _edited(self, pairs: list[tuple[Span, str]]) -> None:
        if not self._restoring and not self.save([(s.start, s.end, label) for s, label in pairs]):
            raise ValueError("the answer could not be saved (see the message below the text)")
        if self.question.mode == "practice" and self.check_box.value:  # the check no longer fits the marks
            self.check_box.value = ""
            self.highlighter.show_marks([])

    def check(self, _button: Any = None) -> SpanCheck | None:
        """Show found, missed and wrongly marked passages (practice only); returns the check."""
        q = self.question
        if q.mode != "practice":
            return None
        value = self.value
        if value is None:
            self.check_box.value = '<p role="status">Mark some passages first, then check.</p>'
            return None
        try:
            result = check_spans(q, value)
        except (LookupError, ValueError) as exc:
            self.check_box.value = f'<p role="alert">Your passages cannot be checked: {esc(exc)}</p>'
            return None
        self.check_box.value = _check_html(q, result)
        marks = [(p.span, p.label, "found") for p in result.found]
        marks += [(p.span, p.reference_label, "other label, reference") for p in result.relabelled]
        marks += [(p.span, None, "not in the reference") for p in result.extra]
        marks += [(p.span, p.label, "missed") for p in result.missed]
        self.highlighter.show_marks(marks)
        self.highlighter.message = f"Checked: {result.summary()}"
        return result

    def set_value(self, value: Any) -> None:
        self.highlighter.set_value(self.question.answer_spans(value))

    def _show_answer(self, _button: Any = None) -> None:
        super()._show_answer()
        try:
            self.highlighter.show_reference([(s, label) for s, label, _ in self.question.key_spans()])
        except (LookupError, ValueError):
            pass  # the message is already in the reference box


def _check_html(q: Any, result: SpanCheck) -> str:
    """The check as a list in three groups, each passage led by a word (not a colour)."""

    def item(mark: str, p: CheckedPassage, what: str) -> str:
        note = f" {esc(p.feedback)}" if p.feedback else ""
        return f"<li><b>{mark}</b> “{esc(p.span.text)}” {what}.{note}</li>"

    def label(lab: str | None) -> str:
        return esc(q.label_text(lab)) if lab else "no label"

    found = [item("✓ Found:", p, f"({label(p.label)})") for p in result.found]
    wrong = [item("✗ Other label:", p, f"you chose {label(p.label)}, the reference says {label(p.reference_label)}")
             if p.reference_label is not None else item("✗ Not in the reference:", p, f"(you chose {label(p.label)})")
             for p in result.wrong]  # in text order
    missed = [item("○ Missed:", p, f"({label(p.label)})") for p in result.missed]

    def group(title: str, items: list[str], empty: str) -> str:
        body = f"<ul>{''.join(items)}</ul>" if items else f"<p>{empty}</p>"
        return f"<h4 style=\"margin:0.4em 0 0.1em\">{title} ({len(items)})</h4>{body}"

    return (f'<div class="ml-span-check" role="region" aria-label="Check of your passages for {esc(q.id)}">'
            f"<p>{esc(result.summary())}</p>"
            + group("Found", found, "None yet.")
            + group("Marked wrongly", wrong, "None: every passage you marked is in the reference.")
            + group("Missed", missed, "None: you found every passage.")
            + "</div>")
