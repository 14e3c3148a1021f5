"""``text``: a written answer, marked by a teacher.

Stored answer: a string (at most :data:`MAX_TEXT_CHARS` characters).  Not scored
automatically (``Score.manual``); ``answer`` in the bank is an optional model answer shown
as the reference.
"""

from __future__ import annotations

import random
import re
from typing import Any

from medialit.grading.score import Score
from medialit.questions.errors import AnswerFormError
from medialit.questions.types import register
from medialit.questions.types.base import QuestionType, esc, plural

MAX_TEXT_CHARS = 20_000
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def count_words(text: str) -> int:
    """Words in a written answer: letters and digits, with inner apostrophes and hyphens
    (``don’t``, ``well-known``); emoji and punctuation do not count."""
    return len(_WORD.findall(text))


@register
class TextType(QuestionType):
    name = "text"
    widget = "medialit.lesson.widgets.written:WrittenAnswer"
    auto_scored = False
    answer_schema = {"type": "string"}

    def check(self, value: Any) -> str:
        q = self.question
        if not isinstance(value, str):
            raise AnswerFormError(f"{q.id}: give your answer as text (a string); got {type(value).__name__}")
        if len(value) > MAX_TEXT_CHARS:
            raise AnswerFormError(f"{q.id}: the answer is {len(value)} characters long; "
                                  f"keep it under {MAX_TEXT_CHARS}")
        return value

    def describe(self, value: Any) -> str:
        words = count_words(str(value))
        return f"{words} word{'s' if words != 1 else ''} written"

    def show(self, value: Any) -> str:
        from medialit.core.shorten import clip

        return clip(str(value))

    def example(self) -> str:
        return "'<your answer in a few sentences>'"

    def score(self, value: str, article: Any = None) -> Score:
        q = self.question
        return Score(0.0, q.points, [f"Written answer of {plural(count_words(value), 'word')}: your teacher marks it."],
                     manual=True)

    def reference_items(self) -> list[str]:
        self.question.require_key()
        model = self.question.data.get("answer")
        none = "Written answers have no single reference; compare with a partner."
        return [f"<li>{esc(model) if model else none}</li>"]

    def problems(self) -> list[str]:
        q = self.question
        p = super().problems()
        if q.data.get("min_words", 0) > q.data.get("max_words", 10**9):
            p.append(f"{q.where}: min_words is above max_words")
        return p


    def synthetic_answer(self, rng: random.Random, quality: float) -> str:
        return rng.choice(["", "The headline is stronger than the body.", "I think the sources are one-sided "
                           "because only officials from one side are quoted directly."])

    def synthetic_key(self) -> str:
        return "A short written answer about the article."
