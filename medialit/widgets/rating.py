"""A rating scale: one button per point of the scale, the end points labelled."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from .base import QuestionWidget, esc


class RatingScale(QuestionWidget):
    """Pick one point of ``scale``.  Practice: agreement with the reference, and its note."""

    def build(self) -> w.Widget:
        q = self.question
        lo, hi = q.scale
        values = list(range(lo, hi + 1))
        self.scale = w.ToggleButtons(options=[(str(v), v) for v in values], value=None,
                                     tooltips=[q.scale_label(v) or str(v) for v in values],
                                     style={"button_width": "3em"})
        self.scale.observe(self._changed, names="value")
        ends = w.HTML(f'<span style="font-size:12px">{lo} = {esc(q.scale_label(lo) or lo)}, '
                      f'{hi} = {esc(q.scale_label(hi) or hi)}</span>')
        return w.VBox([self.scale, ends])

    def _changed(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            self.save(change["new"])

    def set_value(self, value: Any) -> None:
        self.scale.value = value
