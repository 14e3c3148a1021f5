"""Single and multiple choice, with feedback for each option once the learner picks it.

The options are listed in the learner's own order (``self.shown``, see :mod:`medialit.lesson.order`).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from medialit.lesson.widgets.base import QuestionWidget, esc
from medialit.lesson.widgets.render import without_verdict


class SingleChoice(QuestionWidget):
    """Radio buttons (one answer).  Practice: the picked option's feedback shows at once."""

    def build(self) -> w.Widget:
        self.choice = w.RadioButtons(options=[(o["text"], o["id"]) for o in self.shown.options], value=None,
                                     layout=w.Layout(width="auto"))
        self.choice.add_class("ml-radiogroup")  # a radiogroup named by the prompt (see access.py)
        self.choice.observe(self._changed, names="value")
        return self.choice

    def _changed(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            self.save(change["new"])

    def set_value(self, value: Any) -> None:
        self.choice.value = value

    def practice_feedback(self, value: Any) -> str:
        q = self.question
        o = q.option(value)
        right = value in q.correct_options
        why = without_verdict(o["feedback"], right) or (q.explanation if right else "") or ""
        out = f'<p class="{"ml-ok" if right else "ml-no"}">{esc(why)}</p>'
        if not right:
            out += "<p>Pick another option to try again." + (f" Ask yourself: {esc(q.hint)}" if q.hint else "") + "</p>"
        return out


class MultipleChoice(QuestionWidget):
    """Check boxes (any number).  Practice: feedback for each ticked option, and how many are still missing."""

    def build(self) -> w.Widget:
        self.boxes = {o["id"]: w.Checkbox(value=False, description=o["text"], indent=False,
                                          layout=w.Layout(width="auto")) for o in self.shown.options}
        for box in self.boxes.values():
            box.observe(self._changed, names="value")
        group = w.VBox(list(self.boxes.values()), layout=w.Layout(width="auto"))
        group.add_class("ml-group")  # a group named by the prompt (see access.py)
        return group

    def _changed(self, _change: dict[str, Any]) -> None:
        self.save([oid for oid, box in self.boxes.items() if box.value])

    def set_value(self, value: Any) -> None:
        for oid, box in self.boxes.items():
            box.value = oid in value

    def practice_feedback(self, value: Any) -> str:
        q = self.question
        correct = set(q.correct_options)
        items = []
        for oid in value:
            o = q.option(oid)
            cls = "ml-ok" if oid in correct else "ml-no"
            why = without_verdict(o["feedback"], oid in correct)
            items.append(f'<li class="{cls}"><b>{esc(o["text"])}</b>{": " + esc(why) if why else ""}</li>')
        found = len([v for v in value if v in correct])
        summary = f"You have ticked {found} of the {len(correct)} right options"
        summary += "." if found == len(correct) else "; keep looking."
        return f"<ul>{''.join(items)}</ul><p>{summary}</p>"
