"""Scoring one answer against its key, with a short explanation for the student.

Rules, by question type:

- ``single``: full points for the right option, else 0.
- ``multiple``: ``(right picks - wrong picks) / number of right options``, never below 0.
- ``spans``: student spans are paired with reference spans by
  :func:`medialit.core.spans.match_spans` (the one matching rule, ``MATCH_THRESHOLD``); a pair
  earns 1 when the labels agree and 0.5 when they differ (questions with one label always
  agree).  The score is an F1 over those credits, ``2 * credit / (spans marked + reference
  spans)``, so marking everything costs precision and does not pay.
- ``classify``: the share of items put in the right category.
- ``rate``: full points at the key, half at a distance of 1, else 0.
- ``text``: not scored automatically (``Score.manual``); a teacher marks it.

:func:`grade` is what an nbgrader cell calls: it reads the answers file, prints the
explanation to stdout (what was right and what was missed, without spelling out the whole
key) and returns the points as a float.  It never raises for a student's mistake.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medialit.core.spans import match_spans


@dataclass
class Score:
    """Points earned out of ``max_points`` and the lines that explain them."""

    points: float
    max_points: float
    lines: list[str] = field(default_factory=list)
    manual: bool = False

    @property
    def fraction(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0

    def summary(self) -> str:
        if self.manual:
            return f"marked by your teacher (up to {self.max_points:g} points)"
        return f"{self.points:g} / {self.max_points:g} points"


def _pts(question: Any, fraction: float) -> float:
    return round(question.points * max(0.0, min(1.0, fraction)), 4)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def score(question: Any, answer_value: Any, article: Any = None) -> Score:
    """Score ``answer_value`` (stored or raw form) for ``question``; never raises for a bad answer."""
    from medialit.questions.bank import AnswerFormError

    if answer_value is None:
        return Score(0.0, question.points, [f"No answer to {question.id} was recorded, so it scores 0."],
                     manual=question.type == "text")
    try:
        value = question.check_answer(answer_value)
    except AnswerFormError as exc:
        return Score(0.0, question.points, [f"The recorded answer cannot be scored: {exc}",
                                            "Answer the question again in the notebook to fix it."])
    return _SCORERS[question.type](question, value, article)


def _score_single(q: Any, value: str, article: Any) -> Score:
    picked = q.option(value)
    if value in q.correct_options:
        return Score(q.points, q.points, [f"Right: {picked['text']}", picked["feedback"]])
    lines = [f"Not right: {picked['text']}", picked["feedback"]]
    if q.hint:
        lines.append(f"Think again: {q.hint}")
    return Score(0.0, q.points, lines)


def _score_multiple(q: Any, value: list[str], article: Any) -> Score:
    correct = set(q.correct_options)
    right = [v for v in value if v in correct]
    wrong = [v for v in value if v not in correct]
    fraction = (len(right) - len(wrong)) / len(correct)
    lines = [f"You picked {len(right)} of the {len(correct)} right options."]
    if wrong:
        lines.append(f"{_plural(len(wrong), 'pick')} {'is' if len(wrong) == 1 else 'are'} not right "
                     "(each wrong pick takes away what one right pick earns):")
        lines += [f"  - {q.option(v)['text']}: {q.option(v)['feedback']}" for v in wrong]
    missed = len(correct) - len(right)
    if missed:
        lines.append(f"You missed {_plural(missed, 'right option')}." + (f" {q.hint}" if q.hint else ""))
    return Score(_pts(q, fraction), q.points, lines)


def _score_spans(q: Any, value: dict[str, Any], article: Any) -> Score:
    article = article or q.article
    text = article.text
    refs = q.key_spans()
    preds = q.answer_spans(value)
    if not refs:
        ok = not preds
        return Score(q.points if ok else 0.0, q.points,
                     ["There is nothing to mark here, " + ("and you marked nothing: right." if ok else
                                                          f"but you marked {_plural(len(preds), 'span')}.")])
    pairs = match_spans(text, [p[0] for p in preds], [r[0] for r in refs])
    single_label = len(q.label_ids) == 1
    credit, relabel = 0.0, []
    for i, j in pairs:
        if single_label or preds[i][1] == refs[j][1]:
            credit += 1
        else:
            credit += 0.5
            relabel.append(i)
    f1 = 2 * credit / (len(preds) + len(refs))
    lines = [f"{len(pairs)} of the {_plural(len(preds), 'span')} you marked "
             f"match{'es' if len(pairs) == 1 else ''} a reference passage (the reference has {len(refs)})."]
    if relabel:
        lines.append(f"{_plural(len(relabel), 'matched span')} got a different label (half credit each):")
        lines += [f"  - {preds[i][0].text!r}: you chose {q.label_text(preds[i][1])!r}" for i in relabel[:5]]
    matched_p = {i for i, _ in pairs}
    extra = [p for k, p in enumerate(preds) if k not in matched_p]
    if extra:
        lines.append(f"{_plural(len(extra), 'span')} you marked {'is' if len(extra) == 1 else 'are'} not in the "
                     "reference (marking more than needed lowers the score):")
        lines += [f"  - {p[0].text!r}" for p in extra[:5]]
    matched_r = {j for _, j in pairs}
    missed = [r for k, r in enumerate(refs) if k not in matched_r]
    if missed:
        where: dict[str, int] = {}
        for span, _, _ in missed:
            part = article.part_at(span.start) or "text"
            where[part] = where.get(part, 0) + 1
        lines.append(f"You missed {_plural(len(missed), 'passage')}: "
                     + ", ".join(f"{n} in the {part}" for part, n in where.items()) + "."
                     + (f" {q.hint}" if q.hint else ""))
    return Score(_pts(q, f1), q.points, lines)


def _score_classify(q: Any, value: dict[str, str], article: Any) -> Score:
    items = q.items
    right = [it for it in items if value.get(it["id"]) == it["answer"]]
    wrong = [it for it in items if it["id"] in value and value[it["id"]] != it["answer"]]
    blank = [it for it in items if it["id"] not in value]
    lines = [f"{len(right)} of {_plural(len(items), 'item')} classified right."]
    if wrong:
        lines.append("Look again at:")
        lines += [f"  - {it['text']!r}" + (f": {it['feedback']}" if it.get("feedback") else "") for it in wrong[:8]]
    if blank:
        lines.append(f"{_plural(len(blank), 'item')} left unclassified.")
    return Score(_pts(q, len(right) / len(items)), q.points, lines)


def _score_rate(q: Any, value: int, article: Any) -> Score:
    distance = abs(value - int(q.data["answer"]))
    fraction = {0: 1.0, 1: 0.5}.get(distance, 0.0)
    if distance == 0:
        lines = [f"Your rating {value} agrees with the reference."]
    elif distance == 1:
        lines = [f"Your rating {value} is one step from the reference (half credit)."]
    else:
        lines = [f"Your rating {value} is {distance} steps from the reference."]
    note = (q.data.get("feedback") or {}).get(str(value))
    if note:
        lines.append(note)
    return Score(_pts(q, fraction), q.points, lines)


def _score_text(q: Any, value: str, article: Any) -> Score:
    from medialit.questions.bank import count_words

    words = count_words(value)
    return Score(0.0, q.points, [f"Written answer of {_plural(words, 'word')}: your teacher marks it."], manual=True)


_SCORERS = {"single": _score_single, "multiple": _score_multiple, "spans": _score_spans,
            "classify": _score_classify, "rate": _score_rate, "text": _score_text}


def find_answers_file(question: Any = None, answers_path: str | os.PathLike[str] | None = None) -> Path | None:
    """Where the answers of the notebook being graded are: the explicit path, else the file of
    :func:`medialit.answers.store.current_store` when it exists, else the only ``*.answers.json`` in
    the working folder."""
    from medialit.answers import store as answers

    if answers_path is not None:
        return Path(answers_path)
    store = answers.current_store(question, required=False)
    if store is not None and store.path.exists():
        return store.path
    found = sorted(Path(".").glob(f"*{answers.SUFFIX}"))
    if len(found) == 1:
        return found[0]
    return store.path if store is not None else None


def grade(qid: str, answers_path: str | os.PathLike[str] | None = None) -> float:
    """Score the recorded answer to ``qid``, print why to stdout, return the points.

    Missing file, missing or malformed answer, unknown question: prints a clear line and
    returns 0.0; never raises for those.
    """
    import warnings

    from medialit.answers.store import AnswersFileWarning, AnswerStore
    from medialit.questions.bank import QuestionBankError, UnknownQuestionError

    try:
        question = _find(qid)
    except (UnknownQuestionError, QuestionBankError) as exc:
        print(f"{qid}: cannot be graded: {exc}")
        return 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AnswersFileWarning)  # problems are printed below, to stdout
        path = find_answers_file(question, answers_path)
    if path is None or not path.exists():
        looked = str(path) if path else f"*.answers.json in {Path.cwd()}"
        print(f"{qid}: 0 / {question.points:g} points. No answers file was found ({looked}); "
              "answer the questions in the notebook, which saves them next to it.")
        return 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AnswersFileWarning)
        store = AnswerStore.open(path)
        entry = store.entry(qid)
    if entry is not None and entry["kind"] != question.type:
        result = Score(0.0, question.points, [f"The recorded answer is a {entry['kind']!r} answer, but {qid} is a "
                                              f"{question.type!r} question; answer it again in the notebook."])
    else:
        try:
            result = score(question, entry["value"] if entry else None)
        except (LookupError, ValueError) as exc:  # the key itself cannot be read: a course problem
            print(f"{qid}: cannot be graded, the key could not be read: {exc}")
            return 0.0
    print(f"{qid}: {result.summary()}")
    for line in result.lines:
        print(f"  {line}")
    if store.problems:
        print("  Note: " + store.problem_message().replace("\n", "\n  "))
    return float(result.points)


def _find(qid: str) -> Any:
    from medialit.questions.bank import find_question

    return find_question(qid)
