"""``single``: pick exactly one option.

Stored answer: the option id (``"b"``).  Score: full points for the right option, else 0.
"""

from __future__ import annotations

import random
from typing import Any

from medialit.grading.score import Score
from medialit.questions.errors import AnswerFormError
from medialit.questions.types import register
from medialit.questions.types._choices import CHOICE_POOL, CHOICE_POOL_LABEL, ChoiceType
from medialit.questions.types.base import AgreementCoding, WrongAnswer, quoted, ranked


@register
class SingleChoiceType(ChoiceType):
    name = "single"
    widget = "medialit.lesson.widgets.choice:SingleChoice"
    answer_schema = {"type": "string"}

    def check(self, value: Any) -> str:
        q = self.question
        if not isinstance(value, str):
            raise AnswerFormError(f"{q.id}: give one option id as a string, one of "
                                  f"{', '.join(map(repr, q.option_ids))}; got {value!r}")
        if value not in q.option_ids:
            raise AnswerFormError(f"{q.id}: {value!r} is not an option; use one of "
                                  f"{', '.join(map(repr, q.option_ids))}")
        return value

    def describe(self, value: Any) -> str:
        """``“<option text>” selected`` (the id only for an id the bank no longer has)."""
        try:
            return f"{quoted(self.question.option(value)['text'])} selected"
        except (KeyError, TypeError):
            return f"option {value!r} selected"

    def show(self, value: Any) -> str:
        return str(self.question.option(value)["text"])

    def example(self) -> str:
        return "'<option id>'"

    def key(self) -> str:
        self.question.require_key()
        return self.question.correct_options[0]

    def score(self, value: str, article: Any = None) -> Score:
        q = self.question
        q.require_key()
        picked = q.option(value)
        if value in q.correct_options:
            return Score(q.points, q.points, [f"Right: {picked['text']}", picked["feedback"]])
        lines = [f"Not right: {picked['text']}", picked["feedback"]]
        if q.hint:
            lines.append(f"Think again: {q.hint}")
        return Score(0.0, q.points, lines)

    def problems(self) -> list[str]:
        q = self.question
        found = super().problems()
        if q.has_key and len(q.correct_options) != 1:
            found.append(f"{q.where}: a single-choice question needs exactly one option with correct: true "
                         f"(has {len(q.correct_options)})")
        return found


    def agreement_coding(self) -> AgreementCoding:
        return AgreementCoding(1, lambda value: [value], [self.key()], CHOICE_POOL_LABEL, pool=CHOICE_POOL)

    def wrong_answers(self, values: list[Any]) -> list[WrongAnswer]:
        """Each wrong option picked, with its feedback."""
        q = self.question
        counts = {o: sum(1 for v in values if v == o) for o in q.option_ids if o not in q.correct_options}
        return ranked(counts, lambda o: (f"picked {quoted(q.option(o)['text'])}", q.option(o)["feedback"]))

    def synthetic_answer(self, rng: random.Random, quality: float) -> str:
        q = self.question
        return q.correct_options[0] if rng.random() < quality else rng.choice(q.option_ids)
