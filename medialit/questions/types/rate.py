"""``rate``: pick a point on a scale.

Stored answer: an integer on the question's scale.  Score: full points at the key, half
at a distance of 1, else 0.
"""

from __future__ import annotations

import random
from typing import Any

from medialit.grading.score import Score
from medialit.questions.errors import AnswerFormError
from medialit.questions.types import register
from medialit.questions.types.base import QuestionType, WrongAnswer, esc, points, ranked


@register
class RateType(QuestionType):
    name = "rate"
    widget = "medialit.lesson.widgets.rating:RatingScale"
    answer_schema = {"type": "integer"}

    def check(self, value: Any) -> int:
        q = self.question
        lo, hi = q.scale
        if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value:
            raise AnswerFormError(f"{q.id}: give a whole number from {lo} to {hi}; got {value!r}")
        if not lo <= int(value) <= hi:
            raise AnswerFormError(f"{q.id}: {value} is off the scale; give a whole number from {lo} to {hi}")
        return int(value)

    def describe(self, value: Any) -> str:
        return f"rated {value}"

    def show(self, value: Any) -> str:
        label = self.question.scale_label(value)
        return f"{value}" + (f" ({label})" if label else "")

    def choices_text(self) -> list[str]:
        q = self.question
        lo, hi = q.scale
        return [f"  {v}" + (f": {q.scale_label(v)}" if q.scale_label(v) else "") for v in range(lo, hi + 1)]

    def example(self) -> str:
        lo, hi = self.question.scale
        return f"'<a whole number from {lo} to {hi}>'"

    def key(self) -> int:
        self.question.require_key()
        return int(self.question.data["answer"])

    def score(self, value: int, article: Any = None) -> Score:
        q = self.question
        distance = abs(value - self.key())
        fraction = {0: 1.0, 1: 0.5}.get(distance, 0.0)
        if distance == 0:
            lines = [f"Your rating {value} agrees with the reference."]
        elif distance == 1:
            lines = [f"Your rating {value} is one step from the reference (half credit)."]
        else:
            lines = [f"Your rating {value} is {distance} steps from the reference."]
        note = (q.data.get("feedback") or {}).get(str(value))
        if note:
            lines.append(note)
        return Score(points(q, fraction), q.points, lines)

    def reference_items(self) -> list[str]:
        key = self.key()
        label = self.question.scale_label(key)
        return [f"<li>{key}" + (f" ({esc(label)})" if label else "") + "</li>"]

    def problems(self) -> list[str]:
        q = self.question
        p = super().problems()
        lo, hi = q.scale
        if lo >= hi:
            p.append(f"{q.where}: scale min {lo} must be below max {hi}")
        elif q.has_key and not lo <= q.data["answer"] <= hi:
            p.append(f"{q.where}: answer {q.data['answer']} is off the scale {lo}..{hi}")
        return p


    def wrong_answers(self, values: list[Any]) -> list[WrongAnswer]:
        """Each rating other than the key, with the bank's feedback for that value (else the explanation)."""
        q = self.question
        lo, hi = q.scale
        key = self.key()
        counts = {v: sum(1 for x in values if x == v) for v in range(lo, hi + 1) if v != key}

        def describe(v: int) -> tuple[str, str | None]:
            return (f"rated {self.show(v)} (reference: {self.show(key)})",
                    (q.data.get("feedback") or {}).get(str(v)) or q.explanation)

        return ranked(counts, describe)

    def synthetic_answer(self, rng: random.Random, quality: float) -> int:
        lo, hi = self.question.scale
        key = self.key()
        return key if rng.random() < quality else min(hi, max(lo, key + rng.choice([-2, -1, 1, 2])))
