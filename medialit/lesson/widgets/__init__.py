"""Quiz and annotation widgets for the lessons (ipywidgets 8 and anywidget).

``ask(qid)`` shows the question ``qid`` from the question banks with the widget for its
type, restores the recorded answer and saves every change to the notebook's answers file.
``progress(notebook)`` shows what is answered and what is left; ``reveal(qid)`` shows the
learner's answer beside the reference answer, once the question is answered and the learner
confirms (where the key is at hand: in a course, such as a clone of the repository; a
student's install has no graded key, and ``reveal`` says the teacher holds it);
``record(qid, value)`` records an answer from code (what the text fallback tells learners to use).

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


def _recorded(question: Any) -> Any:
    """The learner's recorded answer to ``question`` (None when unanswered or no notebook is known)."""
    import warnings

    from medialit.answers.store import AnswersFileWarning, current_store

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AnswersFileWarning)  # ask() shows the file's problems
        store = current_store(question, required=False)
        return store.get(question.id) if store is not None else None


def reveal(qid: str, confirm: bool = False) -> Any:
    """The learner's answer to ``qid`` beside the reference answer, shown after the learner confirms.

    Only once ``qid`` is answered (before, a message says to answer first); ``confirm=True``
    shows it at once (for a plain terminal).  A graded question whose key is not here (a
    student's install) gets a message that the teacher holds the key.  Nothing is shown
    while nbgrader runs.
    """
    from medialit.answers.store import read_only_env
    from medialit.lesson.widgets.render import Message, answer_and_reference_html, html_to_text
    from medialit.questions.errors import key_with_teacher_message

    q = _question(qid)
    if isinstance(q, Message):
        return q
    if read_only_env():
        return Message("The reference answer is not shown while the notebook is graded.", role="note")
    if not q.has_key:
        return Message(key_with_teacher_message(qid), role="note")
    value = _recorded(q)
    if value is None:
        return Message(f"Answer {qid} first: the reference answer is shown beside your own answer once it is saved. "
                       "Run this cell again after answering.", role="note")
    if confirm:
        shown = answer_and_reference_html(q, value)
        return _Reference(shown, html_to_text(shown))
    import ipywidgets as w

    from medialit.lesson.widgets.access import KEYS_CLASS, AccessBridge

    box = w.HTML()
    button = w.Button(description="Show the reference answer", icon="eye",
                      tooltip="Only after you have answered: the reference shows what the grader expects",
                      layout=w.Layout(width="auto"))
    note = w.HTML(f"<p>You have answered <b>{qid}</b>. When you are ready to compare, press the button: your "
                  "answer and the reference answer, with the reasons behind it, appear below.</p>")

    def show(_b: Any) -> None:
        current = _recorded(q)  # the answer may have changed since the panel was made
        box.value = answer_and_reference_html(q, value if current is None else current)
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
