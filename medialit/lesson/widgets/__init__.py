"""Quiz and annotation widgets for the lessons (ipywidgets 8 and anywidget).

``ask(qid)`` shows the question ``qid`` from the question banks with the widget for its
type, restores the recorded answer and saves every change to the notebook's answers file.
``progress(notebook)`` shows what is answered and what is left; ``reveal(qid)`` shows the
reference answer of a graded question after the learner confirms; ``record(qid, value)``
records an answer from code (what the text fallback tells learners to use).

While ``NBGRADER_EXECUTION`` is set, every function renders a static summary of the
recorded answers and nothing is written.  Importing this package loads ipywidgets only
when a widget is built.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ask", "progress", "record", "reveal", "widget_class"]


def widget_class(question_type: str) -> type:
    """The widget class for a question type (its class in :mod:`medialit.questions.types` names it)."""
    from medialit.questions.types import type_class

    return type_class(question_type).widget_class()


def _question(qid: str) -> Any:
    from medialit.lesson.widgets.render import Message
    from medialit.questions import QuestionBankError, UnknownQuestionError, find_question

    try:
        return find_question(qid)
    except (UnknownQuestionError, QuestionBankError) as exc:
        return Message(f"Cannot show question {qid!r}: {exc}")


def _store(question: Any, store: Any) -> Any:
    from medialit.answers.store import current_store
    from medialit.lesson.widgets.render import Message

    if store is not None:
        return store
    try:
        return current_store(question)
    except LookupError as exc:
        return Message(str(exc))


def ask(qid: str, store: Any = None) -> Any:
    """The widget for question ``qid`` (a static summary while nbgrader runs; a message
    instead of a traceback when the question or the notebook cannot be found)."""
    import warnings

    from medialit.answers.store import AnswersFileWarning, read_only_env
    from medialit.articles.article import ArticleError
    from medialit.lesson.widgets.render import Message, StaticAnswer
    from medialit.questions.errors import QuestionBankError

    q = _question(qid)
    if isinstance(q, Message):
        return q
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AnswersFileWarning)  # the widget shows the message itself
        s = _store(q, store)
    if isinstance(s, Message):
        return s
    if read_only_env() or s.read_only:
        return StaticAnswer(q, s.get(qid), "Recorded answer, shown read-only while the notebook is graded.")
    try:
        return q.kind.widget_class()(q, s)
    except (ArticleError, QuestionBankError) as exc:
        return Message(f"Cannot show question {qid!r}: {exc}")


def progress(notebook: str | None = None, store: Any = None) -> Any:
    """A panel for the notebook's answers: answered, practice score, what is left."""
    from medialit.answers.store import AnswerStore, current_store, read_only_env
    from medialit.lesson.widgets.progress_panel import progress_panel
    from medialit.lesson.widgets.render import Message

    if store is None:
        try:
            store = AnswerStore.for_notebook(notebook) if notebook else current_store()
        except LookupError as exc:
            return Message(str(exc))
    return progress_panel(store, static=read_only_env())


def reveal(qid: str, confirm: bool = False) -> Any:
    """The reference answer to ``qid``, shown after the learner confirms they have answered.

    ``confirm=True`` shows it at once (for a plain terminal).  Nothing is shown while
    nbgrader runs.
    """
    from medialit.answers.store import read_only_env
    from medialit.lesson.widgets.render import Message, reference_html, reference_text

    q = _question(qid)
    if isinstance(q, Message):
        return q
    if read_only_env():
        return Message("The reference answer is not shown while the notebook is graded.", role="note")
    if confirm:
        return _Reference(reference_html(q), reference_text(q))
    import ipywidgets as w

    from medialit.lesson.widgets.access import KEYS_CLASS, AccessBridge

    box = w.HTML()
    button = w.Button(description="Show the reference answer", icon="eye",
                      tooltip="Only after you have answered: the reference shows what the grader expects",
                      layout=w.Layout(width="auto"))
    note = w.HTML(f"<p>Answer <b>{qid}</b> first. When you are ready to compare, press the button: "
                  "the reference answer and the reasons behind it appear below.</p>")

    def show(_b: Any) -> None:
        box.value = reference_html(q)
        button.disabled = True

    button.on_click(show)
    panel = w.VBox([note, button, box, AccessBridge()])
    panel.add_class("ml-reveal")
    panel.add_class(KEYS_CLASS)
    return panel


class _Reference:
    def __init__(self, html_text: str, plain: str) -> None:
        self._html, self._plain = html_text, plain

    def _repr_html_(self) -> str:
        return self._html

    def __repr__(self) -> str:
        return self._plain


def record(qid: str, value: Any) -> Any:
    """Record an answer from code (same as ``medialit.answers.store.record``); returns its stored form."""
    from medialit.answers.store import record as _record

    return _record(qid, value)
