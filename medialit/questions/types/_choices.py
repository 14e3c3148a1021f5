"""What the two choice types (``single``, ``multiple``) share: options, and one agreement set."""

from __future__ import annotations

from typing import Any

from medialit.questions.types.base import QuestionType, esc

#: The class report pools the answers of every choice question into one agreement set.
CHOICE_POOL = "choices"
CHOICE_POOL_LABEL = "single and multiple choice"


class ChoiceType(QuestionType):
    """A question answered by picking among its ``options`` (each with feedback and a ``correct`` flag)."""

    takes_options = True

    def choices_text(self) -> list[str]:
        return [f"  {o['id']}: {o['text']}" for o in self.question.options]

    def public_data(self) -> dict[str, Any]:
        """A graded question's options keep their id and text only (no ``correct``, no ``feedback``),
        sorted by id: a bank that lists the right options first must not say so through their order."""
        data = super().public_data()
        if self.question.mode == "graded" and "options" in data:
            data["options"] = sorted(({k: v for k, v in o.items() if k in ("id", "text")} for o in data["options"]),
                                     key=lambda o: str(o["id"]))
        return data

    def reference_items(self) -> list[str]:
        self.question.require_key()
        out = []
        for o in self.question.options:
            mark = "✓ right" if o.get("correct") else "✗ not right"
            out.append(f"<li><b>{esc(o['text'])}</b> ({mark}): {esc(o['feedback'])}</li>")
        return out
