"""The base class of every question type, and helpers the types share.

A type object is made for one :class:`~medialit.questions.question.Question`
(``question.kind``).  A subclass sets :attr:`QuestionType.name` and implements what its
answers need; the defaults suit a type with an automatic key and no spans.  What the
methods return is what the rest of medialit shows or stores, so their wording is the
wording students and teachers read.
"""

from __future__ import annotations

import copy
import html
import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from medialit.core.spans import Span
    from medialit.grading.score import Score
    from medialit.questions.question import Question


def esc(text: Any) -> str:
    return html.escape(str(text))


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def points(question: Question, fraction: float) -> float:
    """The question's points times ``fraction`` (clipped to 0..1), rounded to 4 places."""
    return round(question.points * max(0.0, min(1.0, fraction)), 4)


@dataclass
class AgreementCoding:
    """How the class report codes the answers to one question for Krippendorff's alpha.

    ``code`` turns a stored answer into one code per unit; ``reference`` holds the key's
    codes.  With ``pool`` set, the question's units join those of every other question with
    the same pool in one set of that name (the answers of students who did not answer
    count as missing); otherwise the question is a set of its own, coded over the students
    who answered it.  ``label`` is the set's type in the report.
    """

    units: int
    code: Callable[[Any], list[Any]]
    reference: list[Any]
    label: str
    pool: str | None = None


@dataclass
class WrongAnswer:
    """A wrong answer students gave to one question, as the class report shows it to a teacher.

    ``answer`` says in words what they did (``picked “a booster”``); ``students`` is how
    many of the students who answered did it; ``feedback`` is what the bank says about that
    answer (the option's, item's, scale value's or passage's feedback, else the question's
    explanation), None when the bank says nothing.
    """

    answer: str
    students: int
    feedback: str | None


def quoted(text: str) -> str:
    """``text`` in curly quotes, unless it already starts and ends with quotation marks."""
    text = str(text)
    return text if text[:1] in "“\"‘'" and text[-1:] in "”\"’'" else f"“{text}”"


def ranked(counts: dict[Any, int], describe: Callable[[Any], tuple[str, str | None]]) -> list[WrongAnswer]:
    """:class:`WrongAnswer` rows from ``{answer key: students}``, most common first (ties keep the
    order of ``counts``); ``describe(key)`` gives the answer's words and feedback."""
    rows = []
    for key in sorted(counts, key=lambda k: -counts[k]):
        if counts[key] > 0:
            words, feedback = describe(key)
            rows.append(WrongAnswer(words, counts[key], feedback))
    return rows


class QuestionType:
    """Everything about one question type (see :mod:`medialit.questions.types`)."""

    #: The type's name: the ``type`` of its questions in a bank and the ``kind`` of its answers.
    name: ClassVar[str] = ""
    #: True when its questions take ``options`` (others must not have any).
    takes_options: ClassVar[bool] = False
    #: False when a teacher marks its answers (no automatic key or score).
    auto_scored: ClassVar[bool] = True
    #: JSON Schema of a stored answer's ``value`` in the answers file.
    answer_schema: ClassVar[dict[str, Any]] = {}
    #: The key of ``report.json`` its report view's analyses go under (None: no view).
    report_section: ClassVar[str | None] = None
    #: Its ipywidgets class as ``"module:Class"``, imported only when asked for (keeps
    #: ``import medialit`` and grading free of ipywidgets).
    widget: ClassVar[str] = ""
    #: Question fields that hold (part of) the key or say why an answer is right: a graded
    #: question's public form leaves them out (:meth:`public_data`).
    key_fields: ClassVar[tuple[str, ...]] = ("answer", "key", "explanation", "feedback")

    def __init__(self, question: Question) -> None:
        self.question = question

    # ----- answers ------------------------------------------------------------------------
    def check(self, value: Any) -> Any:
        """The answer in its stored form; raises ``AnswerFormError`` saying what is wrong and how to fix it."""
        raise NotImplementedError

    def describe(self, value: Any) -> str:
        """A form-only summary of a stored answer (``2 options selected``), never its correctness."""
        raise NotImplementedError

    def show(self, value: Any) -> str:
        """A readable rendering of a stored answer's content (no correctness)."""
        return str(value)

    def choices_text(self) -> list[str]:
        """The choices a learner picks from, with their ids (no key), for the text fallback."""
        return []

    def example(self) -> str:
        """The argument of ``answers.record`` the text fallback shows, with placeholders
        (``'<option id>'``) where the learner's choice goes: never a right answer."""
        raise NotImplementedError

    # ----- key and score ------------------------------------------------------------------
    #: ``key``, ``key_spans``, ``score`` and ``reference_items`` of a question whose key is not
    #: here (a graded question of a public bank) raise
    #: :class:`~medialit.questions.errors.KeyWithTeacherError` (``question.require_key()``).
    def key(self) -> Any:
        """The reference answer in the form a widget records; ``ValueError`` when there is none."""
        q = self.question
        q.require_key()
        raise ValueError(f"{q.id} is a {q.type} question, which has no automatic key")

    def key_spans(self) -> list[tuple[Span, str | None, str | None]]:
        """The reference spans ``(span, label, feedback)`` of a question that marks spans."""
        return []

    def score(self, value: Any, article: Any = None) -> Score:
        """Points and explanation lines for a stored answer (its form already checked)."""
        raise NotImplementedError

    def reference_items(self) -> list[str]:
        """The reference answer as HTML ``<li>`` elements (practice "Show answer", ``reveal``)."""
        raise NotImplementedError

    # ----- public banks -------------------------------------------------------------------
    def public_data(self) -> dict[str, Any]:
        """The question as a public bank holds it: what a student's install may know.

        A graded question loses :attr:`key_fields` (a subclass also removes the key parts of
        its nested fields: options, items); a practice question keeps everything, its key
        written out so that no reference annotation is needed (see :meth:`public_practice_data`).
        The result is a new mapping; the question is not changed.
        """
        data = copy.deepcopy(self.question.data)
        if self.question.mode != "graded":
            return self.public_practice_data(data)
        for name in self.key_fields:
            data.pop(name, None)
        return data

    def public_practice_data(self, data: dict[str, Any]) -> dict[str, Any]:
        """A practice question's public form, from a copy of its data (default: unchanged)."""
        return data

    # ----- banks --------------------------------------------------------------------------
    def problems(self) -> list[str]:
        """What is wrong with the question beyond the bank's JSON Schema, each naming it."""
        q = self.question
        found = []
        ids = q.option_ids
        if len(set(ids)) != len(ids):
            found.append(f"{q.where}: option ids repeat ({ids}); make them unique")
        if not self.takes_options and q.options:
            found.append(f"{q.where}: only choice questions have options")
        return found

    def key_problems(self) -> list[str]:
        """Problems found by resolving the key against the article's reference annotation
        (run by ``check_bank``, not when a bank is loaded)."""
        return []

    # ----- lessons ------------------------------------------------------------------------
    @classmethod
    def widget_class(cls) -> type:
        """The ipywidgets class that asks questions of this type (imported when asked for)."""
        module, _, name = cls.widget.partition(":")
        if not module or not name:
            raise NotImplementedError(f"{cls.__name__} names no widget; set widget = 'module:Class'")
        return getattr(importlib.import_module(module), name)

    # ----- the class report ---------------------------------------------------------------
    def agreement_coding(self) -> AgreementCoding | None:
        """How the class report codes its answers for agreement (None: left out)."""
        return None

    def report_view(self) -> Any:
        """The class report's detailed view of the question (None: only its score row).

        A view has ``analyse(data, qid)`` (the analysis of the class's answers), ``summary(analysis)``
        (what ``report.json`` keeps under :attr:`report_section`), ``plots(data, qid, analysis, out)``
        (the PNG files it writes), ``heading(qid)`` (``(anchor, title)`` for the page's contents) and
        ``html(data, qid, analysis, images)`` (its ``<section>``); see
        :class:`medialit.report.span_report.SpanReport`.
        """
        return None

    def wrong_answers(self, values: list[Any]) -> list[WrongAnswer]:
        """The wrong answers among ``values`` (one stored answer per student who answered), most
        common first.  The default, for a type a teacher marks, knows none."""
        return []

    # ----- synthetic classes --------------------------------------------------------------
    def synthetic_answer(self, rng: random.Random, quality: float) -> Any:
        """A made-up student's answer: right with probability ``quality``, else wrong in a realistic way."""
        raise NotImplementedError

    def synthetic_key(self) -> Any:
        """A made-up student's full-marks answer (what a teacher would accept)."""
        return self.key()
