"""One question of a bank: its fields as written in YAML, its article and region.

What depends on the question's ``type`` (the form of an answer, its key, its score, its
widget...) is in the type's class in :mod:`medialit.questions.types`; a :class:`Question`
hands those calls to :attr:`Question.kind`, the type object made for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medialit.core import layers
from medialit.core.spans import Span
from medialit.questions import span_documents
from medialit.questions.errors import QuestionBankError

if TYPE_CHECKING:
    from medialit.questions.types.base import QuestionType


@dataclass
class Question:
    """One question of a bank.  ``data`` is the question's mapping as written in YAML.

    ``public`` is True for a question of a public bank (:mod:`medialit.questions.public`);
    ``course_root`` is the course whose lesson folder holds the bank (its articles are looked
    up first), None for a bank outside a course.
    """

    data: dict[str, Any]
    bank_path: Path | None = None
    bank_article: str | None = None
    bank_notebook: str | None = None
    public: bool = False
    course_root: Path | None = None

    # ----- plain fields -------------------------------------------------------------
    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def type(self) -> str:
        return str(self.data["type"])

    @property
    def prompt(self) -> str:
        return str(self.data["prompt"])

    @property
    def mode(self) -> str:
        return str(self.data["mode"])

    @property
    def points(self) -> float:
        return float(self.data["points"])

    @property
    def skill(self) -> str | None:
        """The skill the question practises (its ``skill`` in the bank), None when not given."""
        return self.data.get("skill")

    @property
    def subskill(self) -> str | None:
        """The finer skill within :attr:`skill` (its ``subskill`` in the bank), None when not given."""
        return self.data.get("subskill")

    @property
    def control(self) -> bool:
        """True for a neutral control: an item whose right answer is that nothing is wrong."""
        return bool(self.data.get("control", False))

    @property
    def hint(self) -> str | None:
        return self.data.get("hint")

    @property
    def explanation(self) -> str | None:
        return self.data.get("explanation")

    @property
    def article_id(self) -> str | None:
        return self.data.get("article") or self.bank_article

    @property
    def notebook(self) -> str | None:
        return self.bank_notebook

    @property
    def options(self) -> list[dict[str, Any]]:
        return list(self.data.get("options") or [])

    @property
    def option_ids(self) -> list[str]:
        return [str(o["id"]) for o in self.options]

    def option(self, option_id: str) -> dict[str, Any]:
        for o in self.options:
            if o["id"] == option_id:
                return o
        raise KeyError(option_id)

    @property
    def correct_options(self) -> list[str]:
        return [str(o["id"]) for o in self.options if o.get("correct")]

    @property
    def labels(self) -> list[dict[str, Any]]:
        return list(self.data.get("labels") or [])

    @property
    def label_ids(self) -> list[str]:
        return [str(lab["id"]) for lab in self.labels]

    def label_text(self, label_id: str | None) -> str:
        for lab in self.labels:
            if lab["id"] == label_id:
                return str(lab["text"])
        return str(label_id)

    @property
    def layer(self) -> str | None:
        return self.data.get("layer")

    @property
    def label_field(self) -> str | None:
        """The item field the labels are values of (default: the layer's usual one)."""
        if "label_field" in self.data:
            return self.data["label_field"]
        return layers.get(self.layer).question_label_fields[0] if self.layer else None

    @property
    def items(self) -> list[dict[str, Any]]:
        return list(self.data.get("items") or [])

    @property
    def categories(self) -> list[dict[str, Any]]:
        return list(self.data.get("categories") or [])

    @property
    def scale(self) -> tuple[int, int]:
        s = self.data["scale"]
        return int(s["min"]), int(s["max"])

    def scale_label(self, value: int) -> str | None:
        labels = (self.data.get("scale") or {}).get("labels") or {}
        return labels.get(str(value), labels.get(value))  # YAML may give int keys

    @property
    def has_key(self) -> bool:
        """False for a graded question of a public bank: its key stays in the teacher's course."""
        return not (self.public and self.mode == "graded")

    def require_key(self) -> None:
        """Raise :class:`~medialit.questions.errors.KeyWithTeacherError` when the question has no key here."""
        if not self.has_key:
            from medialit.questions.errors import KeyWithTeacherError, key_with_teacher_message

            raise KeyWithTeacherError(key_with_teacher_message(self.id))

    @property
    def where(self) -> str:
        """``bank.yaml: question 'q3'``: the prefix of every message about this question."""
        bank = self.bank_path.name if self.bank_path else "question"
        return f"{bank}: question {self.id!r}"

    # ----- the type ---------------------------------------------------------------------
    @cached_property
    def kind(self) -> QuestionType:
        """The object of the question's type (:mod:`medialit.questions.types`) made for this question."""
        from medialit.questions.types import type_class

        return type_class(self.type)(self)

    # ----- the article ----------------------------------------------------------------
    @cached_property
    def article(self) -> Any:
        """The :class:`~medialit.articles.article.Article` the question is about (None when it names none)."""
        from medialit.articles.article import load_article

        return load_article(self.article_id, course=self.course_root) if self.article_id else None

    def region_ranges(self) -> list[tuple[int, int]]:
        """The character ranges the student should look in (the whole article by default)."""
        article = self.article
        if article is None:
            return []
        region = self.data.get("region")
        if not region:
            return [(0, len(article.text))]
        if "parts" in region:
            ranges = [(p["start"], p["end"]) for p in article.structure if p["label"] in region["parts"]]
            if not ranges:
                raise QuestionBankError([f"{self.where}: region parts {region['parts']} are not in the structure "
                                         f"of article {article.id!r}"], str(self.bank_path))
            return ranges
        start, end = int(region["start"]), int(region["end"])
        if not 0 <= start < end <= len(article.text):
            raise QuestionBankError([f"{self.where}: region {start}:{end} is outside the article "
                                     f"(0:{len(article.text)})"], str(self.bank_path))
        return [(start, end)]

    def region_bounds(self) -> tuple[int, int]:
        """One range covering the whole region (what the highlighter shows)."""
        ranges = self.region_ranges()
        return min(r[0] for r in ranges), max(r[1] for r in ranges)

    def region_start(self) -> int:
        """Where quoted text is looked up from: the region's start, or 0 without a region."""
        return self.region_bounds()[0] if self.data.get("region") else 0

    def in_region(self, span: Span) -> bool:
        return any(s <= span.start and span.end <= e for s, e in self.region_ranges())

    # ----- handed to the type -------------------------------------------------------------
    def check_answer(self, value: Any) -> Any:
        """The answer in its stored form; raises :class:`~medialit.questions.errors.AnswerFormError`
        saying what is wrong."""
        return self.kind.check(value)

    def describe_answer(self, value: Any) -> str:
        """A form-only summary of an answer (``3 spans selected``), never its correctness."""
        return "no answer yet" if value is None else self.kind.describe(value)

    def key_spans(self) -> list[tuple[Span, str | None, str | None]]:
        """The reference spans as ``(span, label, feedback)`` (empty for a question that marks none)."""
        return self.kind.key_spans()

    # ----- span answers ---------------------------------------------------------------------
    def answer_spans(self, value: Mapping[str, Any]) -> list[tuple[Span, str | None]]:
        """``(span, label)`` for every span in a stored spans answer, in text order."""
        return span_documents.answer_spans(self, value)

    def spans_document(self, spans: Iterable[tuple[Span, str | None]]) -> dict[str, Any]:
        """An annotation document holding ``spans`` in the question's layer."""
        return span_documents.spans_document(self, spans)
