"""``multiple``: tick any number of options.

Stored answer: the ticked option ids in the bank's order (``["a", "c"]``); an empty list
means "none of them".  Score: ``(right picks - wrong picks) / number of right options``,
never below 0.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Any

from medialit.grading.score import Score
from medialit.questions.errors import AnswerFormError
from medialit.questions.types import register
from medialit.questions.types._choices import CHOICE_POOL, CHOICE_POOL_LABEL, ChoiceType
from medialit.questions.types.base import AgreementCoding, WrongAnswer, plural, points, quoted, ranked


@register
class MultipleChoiceType(ChoiceType):
    name = "multiple"
    widget = "medialit.lesson.widgets.choice:MultipleChoice"
    answer_schema = {"type": "array", "items": {"type": "string"}, "uniqueItems": True}

    def check(self, value: Any) -> list[str]:
        q = self.question
        if isinstance(value, str) or not isinstance(value, Iterable):
            raise AnswerFormError(f"{q.id}: give a list of option ids, e.g. "
                                  f"[{', '.join(map(repr, q.option_ids[:2]))}]; got {value!r}")
        picked = list(value)
        bad = [v for v in picked if v not in q.option_ids]
        if bad:
            raise AnswerFormError(f"{q.id}: {', '.join(map(repr, bad))} {'is' if len(bad) == 1 else 'are'} not "
                                  f"option(s); use ids from {', '.join(map(repr, q.option_ids))}")
        return [o for o in q.option_ids if o in picked]

    def describe(self, value: Any) -> str:
        return f"{len(value)} option{'s' if len(value) != 1 else ''} selected"

    def show(self, value: Any) -> str:
        picked = set(value)
        unknown = [v for v in value if v not in self.question.option_ids]
        if unknown:
            raise KeyError(unknown[0])
        return "; ".join(o["text"] for o in self.question.options if o["id"] in picked) or "none selected"

    def example(self) -> str:
        return "['<option id>', '<option id>']"

    def key(self) -> list[str]:
        self.question.require_key()
        return list(self.question.correct_options)

    def score(self, value: list[str], article: Any = None) -> Score:
        q = self.question
        q.require_key()
        correct = set(q.correct_options)
        right = [v for v in value if v in correct]
        wrong = [v for v in value if v not in correct]
        fraction = (len(right) - len(wrong)) / len(correct)
        lines = [f"You picked {len(right)} of the {len(correct)} right options."]
        if wrong:
            lines.append(f"{plural(len(wrong), 'pick')} {'is' if len(wrong) == 1 else 'are'} not right "
                         "(each wrong pick takes away what one right pick earns):")
            lines += [f"  - {q.option(v)['text']}: {q.option(v)['feedback']}" for v in wrong]
        missed = len(correct) - len(right)
        if missed:
            lines.append(f"You missed {plural(missed, 'right option')}." + (f" {q.hint}" if q.hint else ""))
        return Score(points(q, fraction), q.points, lines)

    def problems(self) -> list[str]:
        q = self.question
        found = super().problems()
        if q.has_key and not q.correct_options:
            found.append(f"{q.where}: a multiple-choice question needs at least one option with correct: true")
        return found


    def agreement_coding(self) -> AgreementCoding:
        ids = self.question.option_ids
        correct = self.question.correct_options
        return AgreementCoding(len(ids), lambda value: [o in value for o in ids], [o in correct for o in ids],
                               CHOICE_POOL_LABEL, pool=CHOICE_POOL)

    def wrong_answers(self, values: list[Any]) -> list[WrongAnswer]:
        """Each mistake about one option: a wrong option ticked, or a right one left out, with the
        option's feedback."""
        q = self.question
        counts = {o: sum(1 for v in values if (o in v) != (o in q.correct_options)) for o in q.option_ids}

        def describe(o: str) -> tuple[str, str]:
            option = q.option(o)
            done = "left out the right option" if o in q.correct_options else "ticked"
            return f"{done} {quoted(option['text'])}", option["feedback"]

        return ranked(counts, describe)

    def synthetic_answer(self, rng: random.Random, quality: float) -> list[str]:
        q = self.question
        return [o for o in q.option_ids if (o in q.correct_options) == (rng.random() < 0.5 + quality / 2)]
