"""A spans question: the highlighter over the question's region, saved as an annotation document."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from medialit.core.spans import Span
from medialit.lesson.widgets.base import QuestionWidget
from medialit.lesson.widgets.highlighter import SpanHighlighter


class SpansQuestion(QuestionWidget):
    """Mark passages with labels.  Practice: feedback after every edit; "Show answer" draws the reference."""

    def build(self) -> w.Widget:
        q = self.question
        self.highlighter = SpanHighlighter(q.article.text, q.region_bounds(), q.labels, on_change=self._edited,
                                           aria_label=f"Question {q.id}: {q.prompt}")
        return self.highlighter

    def _edited(self, pairs: list[tuple[Span, str]]) -> None:
        if not self._restoring and not self.save([(s.start, s.end, label) for s, label in pairs]):
            raise ValueError("the answer could not be saved (see the message below the text)")

    def set_value(self, value: Any) -> None:
        self.highlighter.set_value(self.question.answer_spans(value))

    def _show_answer(self, _button: Any = None) -> None:
        super()._show_answer()
        try:
            self.highlighter.show_reference([(s, label) for s, label, _ in self.question.key_spans()])
        except (LookupError, ValueError):
            pass  # the message is already in the reference box
