"""Every public Python way to a key, tried in an installed medialit: run by the wheel-install test.

Run with the fresh environment's Python, from a folder outside any course:

    python wheel_probe.py SPEC.json > OUT.json

SPEC names the lessons, the articles and each graded question with its key (as a widget
records it), taken from the course by the test.  The probe records what every call gives
(its value, or the error it raises) so that the test can scan it for keys.  It imports
nothing from the test suite: only the installed package.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from typing import Any


def plain(value: Any) -> Any:
    """``value`` made JSON-safe (anything unknown as its repr)."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=repr))


def attempt(into: dict[str, Any], label: str, fn: Any) -> Any:
    """Call ``fn``; keep its value or its error under ``label``."""
    try:
        value = fn()
    except Exception as exc:  # every refusal is recorded, whatever its class
        into[label] = {"error": f"{type(exc).__name__}: {exc}"}
        return None
    into[label] = {"value": plain(value)}
    return value


def widget_state(widget: Any) -> list[Any]:
    """What a browser would receive for ``widget`` and the widgets inside it."""
    seen: set[int] = set()
    out: list[Any] = []

    def walk(w: Any) -> None:
        if id(w) in seen or not hasattr(w, "get_state"):
            return
        seen.add(id(w))
        state = w.get_state()
        out.append(plain(state))
        for child in getattr(w, "children", ()) or ():
            walk(child)
        for name in ("highlighter", "choice", "scale", "box", "table"):
            walk(getattr(w, name, None))

    walk(widget)
    return out


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    work = spec["work"]
    os.chdir(work)
    import medialit
    from medialit import answers, load_article
    from medialit.course.course import find_course
    from medialit.course.lessons import answers_text
    from medialit.grading import grade
    from medialit.grading.score import score
    from medialit.lesson.widgets import ask, reveal
    from medialit.questions import (
        all_questions,
        bank_problems,
        find_question,
        key_answer,
        questions_for_notebook,
        reference_answers_text,
    )
    from medialit.questions.lookup import bank_files

    out: dict[str, Any] = {"package": os.path.dirname(medialit.__file__), "course": str(find_course()),
                           "bank_files": [str(p) for p in bank_files()], "api": {}, "reveal": {}, "grade": {},
                           "widgets": {}}
    api = out["api"]
    attempt(api, "all_questions", lambda: {qid: q.data for qid, q in all_questions().items()})
    attempt(api, "bank_problems", bank_problems)
    for lesson in spec["lessons"]:
        attempt(api, f"reference_answers_text({lesson})", lambda lesson=lesson: reference_answers_text(lesson))
        attempt(api, f"lessons.answers_text({lesson})", lambda lesson=lesson: answers_text(lesson))
        attempt(api, f"questions_for_notebook({lesson})",
                lambda lesson=lesson: [q.data for q in questions_for_notebook(lesson)])
    for article_id in spec["articles"]:
        article = attempt(api, f"load_article({article_id})", lambda a=article_id: load_article(a).summary())
        if article is not None:
            attempt(api, f"load_article({article_id}).reference", lambda a=article_id: load_article(a).reference)
            attempt(api, f"load_article({article_id}).reference_path",
                    lambda a=article_id: load_article(a).reference_path.read_text(encoding="utf-8"))
    for qid, info in spec["graded"].items():
        if attempt(api, f"find_question({qid})", lambda qid=qid: find_question(qid).data) is None:
            continue
        q, key = find_question(qid), info["key"]
        for label, fn in {
            "correct_options": lambda q=q: q.correct_options,
            "options": lambda q=q: q.options,
            "items": lambda q=q: q.items,
            "explanation": lambda q=q: q.explanation,
            "key_answer": lambda q=q: key_answer(q),
            "kind.key": lambda q=q: q.kind.key(),
            "key_spans": lambda q=q: [(s.start, s.end, s.text, lab, note) for s, lab, note in q.key_spans()],
            "reference_items": lambda q=q: q.kind.reference_items(),
            "score(key)": lambda q=q, key=key: vars(score(q, key)),
            "public_data": lambda q=q: q.kind.public_data(),
        }.items():
            attempt(api, f"{qid}.{label}", fn)
        # the question's widget before answering, then a student who answered with the key and asks for
        # the reference and a grade
        answers.use(info["lesson"], work)
        attempt(out["widgets"], f"ask({qid})", lambda qid=qid: widget_state(ask(qid)) or repr(ask(qid)))
        attempt(out["reveal"], f"record({qid})", lambda qid=qid, info=info: answers.record(qid, info["key"]))
        shown = attempt(out["reveal"], f"reveal({qid}, confirm=True)",
                        lambda qid=qid: repr(reveal(qid, confirm=True)))
        if shown is not None:
            attempt(out["reveal"], f"reveal({qid}, confirm=True).html",
                    lambda qid=qid: reveal(qid, confirm=True)._repr_html_())
        attempt(out["reveal"], f"reveal({qid})", lambda qid=qid: widget_state(reveal(qid)) or repr(reveal(qid)))
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            points = attempt(out["grade"], f"grade({qid})", lambda qid=qid: grade(qid))
        out["grade"][f"grade({qid})"]["printed"] = printed.getvalue()
        out["grade"][f"grade({qid})"]["points"] = points
    json.dump(out, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
