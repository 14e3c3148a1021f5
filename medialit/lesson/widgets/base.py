"""What every question widget shares: prompt, hint, saving, status line, practice feedback.

A widget is built for one :class:`~medialit.questions.question.Question` and one
:class:`~medialit.answers.store.AnswerStore`.  On creation it restores the recorded answer; on
every change it records the answer (the file is rewritten atomically).  In **practice**
mode it shows feedback against the key at once and offers "Show answer"; in **graded**
mode it only confirms the form of what was recorded, and the key never reaches the
browser.  Options and items are shown in the learner's own order (:mod:`medialit.lesson.order`);
answers are recorded by id.  Where widgets cannot render, the display carries a text fallback saying how to
record the same answer from code.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from medialit.answers.store import AnswersFileError, AnswerStore
from medialit.lesson.order import presented
from medialit.lesson.widgets.access import KEYS_CLASS, AccessBridge
from medialit.lesson.widgets.render import answer_example, esc, fallback_text, reference_html
from medialit.questions.errors import AnswerFormError
from medialit.questions.question import Question

STYLE = """<style>
.ml-question { border-left: 4px solid #0072B2; padding: 0.4em 0 0.4em 0.8em; margin: 0.6em 0; max-width: 62em; }
.ml-question.ml-graded { border-left-style: double; border-left-width: 6px; }
.ml-q-prompt { font-size: 15px; font-weight: 600; line-height: 1.4; margin-bottom: 0.3em; }
.ml-q-meta { font-size: 12px; font-weight: normal; color: #333; border: 1px solid #777; border-radius: 3px;
  padding: 0 0.4em; margin-right: 0.5em; }
.ml-status { font-size: 13px; color: #222; }
.ml-status .ml-error { color: #a3300b; font-weight: bold; }
.ml-feedback ul { margin: 0.2em 0; padding-left: 1.2em; }
.ml-feedback, .ml-hint, .ml-reference { font-size: 13px; line-height: 1.45; }
.ml-ok::before { content: "\\2713\\00a0Right: "; font-weight: bold; }
.ml-no::before { content: "\\2717\\00a0Not right: "; font-weight: bold; }
.ml-warn { border: 2px dashed #D55E00; padding: 0.3em 0.6em; font-size: 13px; white-space: pre-wrap; }
.ml-question :focus-visible { outline: 3px solid #0072B2 !important; outline-offset: 2px; }
.ml-question .widget-radio-box label, .ml-question .widget-checkbox label { line-height: 1.5; }
.ml-question .ml-rating .widget-radio-box { flex-direction: row; flex-wrap: wrap; gap: 0.4em 1.4em; }
.ml-question .ml-rating .widget-radio-box label { width: auto; }
.ml-question .ml-classify .widget-dropdown { height: auto; min-height: 2.2em; align-items: center;
  border-bottom: 1px solid #ccc; padding: 0.2em 0; }
.ml-question .ml-classify .widget-dropdown > label { white-space: normal; overflow: visible; text-overflow: clip;
  text-align: left; line-height: 1.35; height: auto; }
</style>"""


class QuestionWidget(w.VBox):
    """Base class; subclasses build ``body`` and convert between widget state and answer values.

    For screen readers, a subclass marks its radio buttons with the CSS class
    ``ml-radiogroup``, a box of check boxes or drop-downs with ``ml-group``, a text box with
    ``ml-labelled``: the :class:`~medialit.lesson.widgets.access.AccessBridge` every question
    holds names them by the prompt.  It also keeps the controls' keys away from the notebook.
    """

    def __init__(self, question: Question, store: AnswerStore) -> None:
        self.question = question
        self.shown = presented(question)  # options and items in this learner's order
        self.store = store
        self._restoring = False
        q = question
        mode = "Practice: instant feedback, try as often as you like" if q.mode == "practice" else \
            "Graded: your answer is saved; it is checked when the notebook is graded"
        self.header = w.HTML(
            f'{STYLE}<div class="ml-q-prompt" role="heading" aria-level="3">'
            f'<span class="ml-q-meta" title="{esc(mode)}">{esc(q.mode)} · {q.points:g} pt · {esc(q.id)}</span>'
            f'<span class="ml-q-text">{esc(q.prompt)}</span></div>')
        self.warning = w.HTML()
        self.status = w.HTML()
        self.feedback = w.HTML()
        self.hint_box = w.HTML()
        self.reference_box = w.HTML()
        buttons: list[w.Widget] = []
        if q.hint:
            self.hint_button = w.Button(description="Hint", tooltip="Show a hint (a question to ask yourself)",
                                        icon="question")
            self.hint_button.on_click(self._show_hint)
            buttons.append(self.hint_button)
        if q.mode == "practice":
            self.answer_button = w.Button(description="Show answer", tooltip="Show the reference answer",
                                          icon="eye")
            self.answer_button.on_click(self._show_answer)
            buttons.append(self.answer_button)
        body = self.build()
        super().__init__([self.header, self.warning, body, w.HBox(buttons), self.hint_box, self.status,
                          self.feedback, self.reference_box, AccessBridge()])
        self.add_class("ml-question")
        self.add_class(KEYS_CLASS)
        self.add_class(f"ml-{q.mode}")
        if store.problems:
            self.warning.value = f'<div class="ml-warn" role="alert">{esc(store.problem_message())}</div>'
        self.restore()

    # ----- to implement ---------------------------------------------------------------------
    def build(self) -> w.Widget:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show a stored answer in the widget."""
        raise NotImplementedError

    def practice_feedback(self, value: Any) -> str:
        """HTML feedback for a stored answer (practice mode)."""
        from medialit.grading.score import score

        result = score(self.question, value)
        return "<ul>" + "".join(f"<li>{esc(line)}</li>" for line in result.lines) + "</ul>"

    # ----- shared behaviour -----------------------------------------------------------------
    @property
    def value(self) -> Any:
        """The recorded answer (None when unanswered)."""
        return self.store.get(self.question.id)

    def restore(self) -> None:
        value = self.store.get(self.question.id)
        if value is None:
            self.status.value = '<div class="ml-status" role="status" aria-live="polite">No answer yet.</div>'
            return
        self._restoring = True
        try:
            value = self.question.check_answer(value)  # the bank or article may have changed since
            self.set_value(value)
        except (AnswerFormError, LookupError, TypeError, ValueError) as exc:
            self.warning.value += (
                f'<div class="ml-warn" role="alert">Your saved answer cannot be shown here: {esc(exc)}\n'
                "It stays in the answers file until you answer this question again.</div>")
            self._set_status("Saved answer not shown (see above).")
            return
        finally:
            self._restoring = False
        self._after_save(value, restored=True)

    def save(self, value: Any) -> bool:
        """Record ``value``; show what was saved (and feedback in practice mode).  False when refused."""
        if self._restoring:
            return False
        try:
            stored = self.store.record(self.question.id, value, self.question)
        except AnswerFormError as exc:
            self._set_status(f'<span class="ml-error">Not saved:</span> {esc(exc)}')
            return False
        except AnswersFileError as exc:
            self._set_status(f'<span class="ml-error">Not saved to disk:</span> {esc(exc)}')
            return False
        self._after_save(stored)
        return True

    def _after_save(self, stored: Any, restored: bool = False) -> None:
        q = self.question
        what = "Restored" if restored else ("Kept (read-only, not written)" if self.store.read_only else "Saved")
        extra = "" if q.mode == "practice" else " It is checked when the notebook is graded."
        self._set_status(f"{what}: {esc(q.describe_answer(stored))}.{extra}")
        if q.mode == "practice":
            try:
                inner = self.practice_feedback(stored)
            except (LookupError, ValueError) as exc:  # the key cannot be read (bank, article, reference)
                inner = f"<p>Your answer is saved, but no feedback can be given: {esc(exc)}</p>"
            self.feedback.value = (f'<div class="ml-feedback" role="region" aria-label="Feedback on {esc(q.id)}">'
                                   f"{inner}</div>")

    def _set_status(self, inner: str) -> None:
        self.status.value = f'<div class="ml-status" role="status" aria-live="polite">{inner}</div>'

    def _show_hint(self, _button: Any = None) -> None:
        self.hint_box.value = f'<div class="ml-hint" role="note"><b>Hint:</b> {esc(self.question.hint)}</div>'

    def _show_answer(self, _button: Any = None) -> None:
        try:
            self.reference_box.value = reference_html(self.question)
        except (LookupError, ValueError) as exc:
            self.reference_box.value = f'<p role="alert">The reference answer cannot be shown: {esc(exc)}</p>'

    # ----- display ----------------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = super()._repr_mimebundle_(**kwargs) or {}
        text = fallback_text(self.question, self.store.get(self.question.id))
        data["text/plain"] = text
        data["text/html"] = f"<pre>{esc(text)}</pre>"
        return data

    def example(self) -> str:
        return answer_example(self.question)
