"""What the two choice types (``single``, ``multiple``) share: options, and one agreement set."""

from __future__ import annotations

from medialit.questions.types.base import QuestionType, esc

#: The class report pools the answers of every choice question into one agreement set.
CHOICE_POOL = "choices"
CHOICE_POOL_LABEL = "single and multiple choice"


class ChoiceType(QuestionType):
    """A question answered by picking among its ``options`` (each with feedback and a ``correct`` flag)."""

    takes_options = True

    def choices_text(self) -> list[str]:
        return [f"  {o['id']}: {o['text']}" for o in self.question.options]

    def reference_items(self) -> list[str]:
        out = []
        for o in self.question.options:
            mark = "✓ right" if o.get("correct") else "✗ not right"
            out.append(f"<li><b>{esc(o['text'])}</b> ({mark}): {esc(o['feedback'])}</li>")
        return out
