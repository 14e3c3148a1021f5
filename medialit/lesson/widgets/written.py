"""A short written answer with a live word count."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from medialit.lesson.widgets.base import QuestionWidget
from medialit.questions.types.text import count_words


class WrittenAnswer(QuestionWidget):
    """A text box; every change is saved.  Written answers are marked by a teacher, not scored here."""

    def build(self) -> w.Widget:
        q = self.question
        self.box = w.Textarea(value="", placeholder="Write your answer here", continuous_update=True,
                              layout=w.Layout(width="100%", height="8em"))
        self.box.add_class("ml-labelled")  # named by the prompt (see access.py)
        self.count = w.HTML()
        self.box.observe(self._changed, names="value")
        self._lo, self._hi = q.data.get("min_words"), q.data.get("max_words")
        self._update_count("")
        return w.VBox([self.box, self.count])

    def _update_count(self, text: str) -> None:
        n = count_words(text)
        aim = ""
        if self._lo or self._hi:
            aim = f" (aim for {self._lo or 1}–{self._hi})" if self._hi else f" (at least {self._lo})"
        warn = ""
        if self._hi and n > self._hi:
            warn = " Too long: please shorten it."
        elif self._lo and 0 < n < self._lo:
            warn = " A little short so far."
        words = f'{n} word{"s" if n != 1 else ""}'
        self.count.value = f'<span class="ml-status" aria-live="polite">{words}{aim}.{warn}</span>'

    def _changed(self, change: dict[str, Any]) -> None:
        self._update_count(change["new"])
        self.save(change["new"])

    def set_value(self, value: Any) -> None:
        self.box.value = value
        self._update_count(value)

    def practice_feedback(self, value: Any) -> str:
        return "<p>Saved. Written answers have no automatic feedback: compare yours with the reference.</p>"
