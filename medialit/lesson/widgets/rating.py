"""A rating scale: one radio button per point of the scale, laid out in a row.

Radio buttons (not toggle buttons) so that screen readers announce which point is
chosen; the end points carry their labels.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from medialit.lesson.widgets.base import QuestionWidget


class RatingScale(QuestionWidget):
    """Pick one point of ``scale``.  Practice: agreement with the reference, and its note."""

    def build(self) -> w.Widget:
        q = self.question
        lo, hi = q.scale
        options = []
        for v in range(lo, hi + 1):
            label = q.scale_label(v)
            options.append((f"{v} ({label})" if label else str(v), v))
        self.scale = w.RadioButtons(options=options, value=None, layout=w.Layout(width="auto"))
        self.scale.add_class("ml-rating")
        self.scale.add_class("ml-radiogroup")  # a radiogroup named by the prompt (see access.py)
        self.scale.observe(self._changed, names="value")
        return self.scale

    def _changed(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            self.save(change["new"])

    def set_value(self, value: Any) -> None:
        self.scale.value = value
