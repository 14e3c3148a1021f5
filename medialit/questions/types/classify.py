"""``classify``: put each item in one of the categories.

Stored answer: ``{item_id: category_id}`` in the bank's item order; items may be left
out.  Score: the share of items put in the right category.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from medialit.grading.score import Score
from medialit.questions.errors import AnswerFormError
from medialit.questions.types import register
from medialit.questions.types.base import (
    AgreementCoding,
    QuestionType,
    WrongAnswer,
    esc,
    plural,
    points,
    quoted,
    ranked,
)


@register
class ClassifyType(QuestionType):
    name = "classify"
    widget = "medialit.lesson.widgets.classify:ClassifyTable"
    answer_schema = {"type": "object", "additionalProperties": {"type": "string"}}

    def check(self, value: Any) -> dict[str, str]:
        q = self.question
        if not isinstance(value, Mapping):
            raise AnswerFormError(f"{q.id}: give a mapping from item id to category id, e.g. "
                                  f"{{{q.items[0]['id']!r}: {q.categories[0]['id']!r}}}; got {value!r}")
        items = [str(i["id"]) for i in q.items]
        cats = [str(c["id"]) for c in q.categories]
        out: dict[str, str] = {}
        for k, v in value.items():
            if k not in items:
                raise AnswerFormError(f"{q.id}: {k!r} is not an item; items are {', '.join(map(repr, items))}")
            if v is None:
                continue
            if v not in cats:
                raise AnswerFormError(f"{q.id}: {v!r} (for {k!r}) is not a category; "
                                      f"use one of {', '.join(map(repr, cats))}")
            out[str(k)] = str(v)
        return {k: out[k] for k in items if k in out}

    def describe(self, value: Any) -> str:
        return f"{len(value)} of {len(self.question.items)} items classified"

    def show(self, value: Any) -> str:
        q = self.question
        cats = {c["id"]: c["text"] for c in q.categories}
        items = {it["id"]: it["text"] for it in q.items}
        return "; ".join(f"{items.get(k, k)} → {cats.get(v, v)}" for k, v in value.items()) or "nothing classified"

    def choices_text(self) -> list[str]:
        q = self.question
        return ([f"  item {it['id']}: {it['text']}" for it in q.items]
                + [f"  category {c['id']}: {c['text']}" for c in q.categories])

    def example(self) -> str:
        return "{'<item id>': '<category id>', '<item id>': '<category id>'}"

    def key(self) -> dict[str, str]:
        self.question.require_key()
        return {item["id"]: item["answer"] for item in self.question.items}

    def score(self, value: dict[str, str], article: Any = None) -> Score:
        q = self.question
        q.require_key()
        items = q.items
        right = [it for it in items if value.get(it["id"]) == it["answer"]]
        wrong = [it for it in items if it["id"] in value and value[it["id"]] != it["answer"]]
        blank = [it for it in items if it["id"] not in value]
        lines = [f"{len(right)} of {plural(len(items), 'item')} classified right."]
        if wrong:
            lines.append("Look again at:")
            lines += [f"  - {it['text']!r}" + (f": {it['feedback']}" if it.get("feedback") else "")
                      for it in wrong[:8]]
        if blank:
            lines.append(f"{plural(len(blank), 'item')} left unclassified.")
        return Score(points(q, len(right) / len(items)), q.points, lines)

    def reference_items(self) -> list[str]:
        q = self.question
        q.require_key()
        cats = {c["id"]: c["text"] for c in q.categories}
        out = []
        for it in q.items:
            extra = f": {esc(it['feedback'])}" if it.get("feedback") else ""
            out.append(f"<li>{esc(it['text'])} → <b>{esc(cats[it['answer']])}</b>{extra}</li>")
        return out

    def problems(self) -> list[str]:
        q = self.question
        p = super().problems()
        cats = [c["id"] for c in q.categories]
        for it in q.items if q.has_key else []:
            if it["answer"] not in cats:
                p.append(f"{q.where}: item {it['id']!r} has answer {it['answer']!r}, not one of the categories {cats}")
        item_ids = [it["id"] for it in q.items]
        if len(set(item_ids)) != len(item_ids) or len(set(cats)) != len(cats):
            p.append(f"{q.where}: item or category ids repeat; make them unique")
        return p


    def public_data(self) -> dict[str, Any]:
        """A graded question's items keep their id and text only (no ``answer``, no ``feedback``)."""
        data = super().public_data()
        if self.question.mode == "graded" and "items" in data:
            data["items"] = [{k: v for k, v in it.items() if k in ("id", "text")} for it in data["items"]]
        return data

    def agreement_coding(self) -> AgreementCoding:
        """Coded item by item."""
        q = self.question
        items = [it["id"] for it in q.items]
        return AgreementCoding(len(items), lambda value: [value.get(i) for i in items],
                               [it["answer"] for it in q.items], "classify")

    def wrong_answers(self, values: list[Any]) -> list[WrongAnswer]:
        """Each item put in a wrong category, with the item's feedback (else the explanation);
        items left unclassified are not counted."""
        q = self.question
        cats = {c["id"]: c["text"] for c in q.categories}
        items = {it["id"]: it for it in q.items}
        counts = {(it["id"], c): sum(1 for v in values if v.get(it["id"]) == c)
                  for it in q.items for c in cats if c != it["answer"]}

        def describe(key: tuple[str, str]) -> tuple[str, str | None]:
            item = items[key[0]]
            return (f"put {quoted(item['text'])} under {quoted(cats[key[1]])} (right: {quoted(cats[item['answer']])})",
                    item.get("feedback") or q.explanation)

        return ranked(counts, describe)

    def synthetic_answer(self, rng: random.Random, quality: float) -> dict[str, str]:
        q = self.question
        cats = [c["id"] for c in q.categories]
        return {it["id"]: it["answer"] if rng.random() < quality else rng.choice(cats)
                for it in q.items if rng.random() < 0.95}
