"""A classification table: one drop-down of categories per item, items in the learner's own order."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from medialit.lesson.widgets.base import QuestionWidget, esc
from medialit.lesson.widgets.render import without_verdict


class ClassifyTable(QuestionWidget):
    """Each item gets a category.  Practice: each classified item is marked right or not, with its note."""

    UNSET = ""  # the "(choose)" entry: not classified yet

    def build(self) -> w.Widget:
        q = self.shown  # items in this learner's order (medialit.lesson.order)
        options = [("(choose)", self.UNSET)] + [(c["text"], c["id"]) for c in q.categories]
        # The item text is the drop-down's own label (so screen readers read it with the
        # control); CSS lets long texts wrap instead of being cut off.  The drop-down itself
        # is as wide as its longest category (plus the arrow), so no choice is cut off either.
        width = min(max(len(it["text"]) for it in q.items), 60) * 0.55 + 1
        select = max(16, max(len(text) for text, _ in options) * 0.6 + 3)
        self.choices = {it["id"]: w.Dropdown(options=options, value=self.UNSET, description=it["text"],
                                             style={"description_width": f"{width:.0f}em"},
                                             layout=w.Layout(width=f"{width + select + 1:.0f}em"))
                        for it in q.items}
        for dd in self.choices.values():
            dd.observe(self._changed, names="value")
        table = w.VBox(list(self.choices.values()))
        table.add_class("ml-classify")
        table.add_class("ml-group")  # a group named by the prompt (see access.py)
        return table

    def _changed(self, _change: dict[str, Any]) -> None:
        self.save({k: dd.value for k, dd in self.choices.items() if dd.value != self.UNSET})

    def set_value(self, value: Any) -> None:
        for k, dd in self.choices.items():
            dd.value = value.get(k, self.UNSET)

    def practice_feedback(self, value: Any) -> str:
        items = []
        for it in self.question.items:
            if it["id"] not in value:
                continue
            right = value[it["id"]] == it["answer"]
            why = without_verdict(it.get("feedback") or "", right) if not right else ""
            note = f": {esc(why)}" if why else ""
            items.append(f'<li class="{"ml-ok" if right else "ml-no"}">{esc(it["text"])}{note}</li>')
        n_right = sum(1 for it in self.question.items if value.get(it["id"]) == it["answer"])
        return f"<ul>{''.join(items)}</ul><p>{n_right} of {len(self.question.items)} right so far.</p>"
