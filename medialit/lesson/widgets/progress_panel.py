"""The progress panel: what is answered, practice and graded apart, the practice score, what is left.

The panel updates itself whenever a widget of the same kernel records an answer (it watches
the notebook's :class:`~medialit.answers.store.AnswerStore`); its Refresh button re-reads the
answers file for answers recorded elsewhere (another kernel, by hand).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from medialit.answers.store import AnswerStore
from medialit.lesson.widgets.render import esc
from medialit.questions import Question, questions_for_notebook


@dataclass
class Progress:
    """Counts for one notebook's answers file."""

    notebook: str
    questions: list[Question]
    answered: list[str]
    practice_points: float = 0.0
    practice_max: float = 0.0
    left: list[Question] = field(default_factory=list)

    @property
    def graded_recorded(self) -> int:
        return sum(1 for q in self.questions if q.mode == "graded" and q.id in self.answered)

    @property
    def graded_total(self) -> int:
        return sum(1 for q in self.questions if q.mode == "graded")

    @property
    def practice_done(self) -> int:
        return sum(1 for q in self.questions if q.mode == "practice" and q.id in self.answered)

    @property
    def practice_total(self) -> int:
        return sum(1 for q in self.questions if q.mode == "practice")

    def lines(self) -> list[str]:
        n = len(self.questions)
        done = sum(1 for q in self.questions if q.id in self.answered)
        out = [f"Notebook {self.notebook}: {done} of {n} questions answered."]
        if self.practice_total:
            out.append(f"Practice questions: {self.practice_done} of {self.practice_total} done.")
        if self.practice_max:
            out.append(f"Practice score: {self.practice_points:g} of {self.practice_max:g} points.")
        if self.graded_total:
            out.append(f"Graded questions: {self.graded_recorded} of {self.graded_total} answered "
                       "(scored when the notebook is graded).")
        if self.left:
            out.append("Still to answer:")
            out += [f"  - {q.id}: {q.prompt}" for q in self.left]
        elif n:
            out.append("Everything is answered.")
        return out


def compute_progress(store: AnswerStore, questions: list[Question] | None = None) -> Progress:
    """Progress of ``store`` over ``questions`` (default: the banks that declare its notebook)."""
    from medialit.grading.score import score

    qs = questions if questions is not None else questions_for_notebook(store.notebook)
    answered = store.answered()
    prog = Progress(store.notebook, qs, answered)
    for q in qs:
        value = store.get(q.id)
        if value is None:
            prog.left.append(q)
        if q.mode == "practice" and q.kind.auto_scored:
            prog.practice_max += q.points
            if value is not None:
                prog.practice_points += score(q, value).points
    prog.practice_points = round(prog.practice_points, 2)
    return prog


def progress_panel(store: AnswerStore, questions: list[Question] | None = None, static: bool = False) -> Any:
    """A panel that updates as answers are recorded, with a Refresh button (a plain
    text/HTML object when ``static``)."""
    if static:
        return _StaticProgress(compute_progress(store, questions))
    return _panel_class()(store, questions)


def _html(p: Progress) -> str:
    lines = p.lines()
    items = "".join(f"<li>{esc(line.strip().removeprefix('- '))}</li>" for line in lines[lines.index("Still to answer:")
                                                                                         + 1:]) \
        if "Still to answer:" in lines else ""
    head = [line for line in lines if not line.startswith("  - ")]
    body = '<p style="margin:0.2em 0;font-weight:bold">Your progress</p>'
    body += "".join(f'<p style="margin:0.2em 0">{esc(line)}</p>' for line in head)
    if items:
        body += f'<ul style="margin:0.2em 0">{items}</ul>'
    return (f'<div class="ml-progress" role="region" aria-label="Progress in {esc(p.notebook)}" '
            f'style="border:1px solid #777;padding:0.3em 0.8em;max-width:50em">{body}</div>')


class _StaticProgress:
    def __init__(self, p: Progress) -> None:
        self.p = p

    def _repr_html_(self) -> str:
        return _html(self.p)

    def __repr__(self) -> str:
        return "\n".join(self.p.lines())


@cache
def _panel_class() -> type:
    """The ipywidgets panel class, built on first use so that grading never imports ipywidgets."""
    import ipywidgets as w

    from medialit.lesson.widgets.access import KEYS_CLASS

    class Panel(w.VBox):  # type: ignore[misc]
        def __init__(self, store: AnswerStore, questions: list[Question] | None) -> None:
            from medialit.lesson.widgets.access import AccessBridge

            self._store, self._questions = store, questions
            self.html_box = w.HTML()
            button = w.Button(description="Refresh", icon="refresh", tooltip="Count the answers again")
            button.on_click(lambda _b: self.refresh())
            super().__init__([self.html_box, button, AccessBridge()])
            self.add_class("ml-progress-panel")
            self.add_class(KEYS_CLASS)
            self.refresh()
            store.watch(self.on_answer)

        def refresh(self) -> None:
            """Count the answers again (re-reading the answers file if it changed)."""
            self.html_box.value = _html(compute_progress(self._store, self._questions))

        def on_answer(self, _qid: str) -> None:
            self.refresh()

        def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
            data = super()._repr_mimebundle_(**kwargs) or {}
            data["text/plain"] = "\n".join(compute_progress(self._store, self._questions).lines())
            return data

    return Panel
