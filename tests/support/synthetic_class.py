"""A synthetic class: varied, realistic submissions of one lesson, for testing and demos.

Each made-up student (ids ``stu001``...) submits the released notebook and an answers
file.  A seeded random generator varies what real classes do: right, partly right and
wrong answers of every question type (span answers with missed, extra, trimmed and
relabelled passages), unanswered questions, no answers file, a corrupt or renamed file,
an answer of the wrong type, a written answer filled in, a code exercise solved or not,
a locked grading cell tampered with or deleted, the set-up cell deleted, extra cells of
the student's own, late submissions; with ``cheats``, also a share of students who add one
of the cheats of :mod:`tests.support.cheats` (trait ``cheat``, its name in
:attr:`Submission.cheat`).  Every variation is recorded in :attr:`Submission.traits`, so a
test can check that its sample covers them.

Used by the grading tests, ``scripts/bench_class_grading.py`` and to try
``medialit report`` without a real class.  Nothing here is imported by ``medialit``.
"""

from __future__ import annotations

import copy
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The traits a submission can have (in :attr:`Submission.traits`).
TRAITS = ("all_right", "mixed_answers", "unanswered", "no_answers_file", "corrupt_answers_file",
          "renamed_answers_file", "wrong_kind_answer", "written_answer", "exercise_solved", "exercise_wrong",
          "tampered_grade_cell", "deleted_grade_cell", "deleted_setup_cell", "own_harmless_cell", "own_risky_cell",
          "late")
#: What a code answer of a class made with ``code_answers=True`` does (trait ``code_<name>``).
CODE_ANSWERS = ("right", "wrong", "raising", "endless", "endless_busy", "prints_1mb", "calls_exit", "os_exit",
                "segfault", "deletes_files", "fork_bomb")
#: The extra trait of a class made with ``cheats=True``.
CHEAT_TRAIT = "cheat"


@dataclass
class Submission:
    student: str
    notebook: dict[str, Any]
    answers: dict[str, Any] | str | None  # a document, raw text (corrupt file), or None (no file)
    answers_name: str
    timestamp: str
    traits: set[str] = field(default_factory=set)
    cheat: str | None = None  # the cheat of tests.support.cheats added to the notebook, if any


def key_answer(q: Any) -> Any:
    """The full-marks answer as a widget records it (a stock sentence for a written question)."""
    return q.kind.synthetic_key()


def varied_answer(q: Any, rng: random.Random, quality: float) -> Any:
    """An answer to ``q``: right with probability ``quality``, else wrong in a realistic way
    (each question type says how: ``synthetic_answer`` of its class)."""
    return q.kind.synthetic_answer(rng, quality)


def other_kind(kind: str) -> str:
    """A question type other than ``kind`` for a wrong-kind answer: one a teacher marks when there is one."""
    from medialit.questions.types import type_class, type_names

    others = [n for n in type_names() if n != kind]
    return next((n for n in others if not type_class(n).auto_scored), others[0])


def answers_document(lesson: str, questions: list[Any], answers: dict[str, Any],
                     wrong_kind: str | None = None) -> dict[str, Any]:
    stored = {}
    for q in questions:
        if q.id not in answers:
            continue
        stored[q.id] = {"kind": q.type, "value": q.check_answer(answers[q.id]), "updated": "2026-11-28T10:00:00+00:00"}
    if wrong_kind and wrong_kind in stored:
        stored[wrong_kind]["kind"] = other_kind(stored[wrong_kind]["kind"])
    return {"schema_version": 1, "notebook": lesson, "answers": stored}


def _cell(nb: dict[str, Any], grade_id: str) -> dict[str, Any] | None:
    for c in nb["cells"]:
        if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            return c
    return None


def code_answer(kind: str, header: str, solution: str) -> str:
    """The source of a code exercise answer that does ``kind`` (one of :data:`CODE_ANSWERS`);
    ``header`` is the function's ``def`` line, ``solution`` a working answer."""
    body = {
        "right": None,
        "wrong": "    return []\n",
        "raising": "    raise ValueError('not finished yet')\n",
        "endless": "    while True:\n        pass\n",
        "endless_busy": "    n = 0\n    while True:\n        n += 1\n",
        "prints_1mb": None,
        "calls_exit": None,
        "os_exit": "    import os\n    os._exit(3)\n",
        "segfault": "    import ctypes\n    return ctypes.string_at(0)\n",
        "deletes_files": None,
        "fork_bomb": "    import os\n    while True:\n        os.fork()\n",
    }[kind]
    if kind == "right":
        return solution
    if kind == "prints_1mb":
        return "print('x' * 1_000_000)\n" + solution
    if kind == "calls_exit":
        return solution + "\nexit()\n"
    if kind == "deletes_files":
        return "import os\nfor _name in os.listdir('.'):\n    os.remove(_name)\n" + solution
    return header + "\n" + body


def make_class(lesson: str, release_nb: dict[str, Any], n: int, seed: int = 0,
               exercise_solutions: dict[str, str] | None = None, cheats: float = 0.0,
               code_answers: tuple[str, ...] = ()) -> list[Submission]:
    """``n`` varied submissions of ``lesson`` (the released notebook ``release_nb``).

    ``exercise_solutions`` maps a code exercise's grade id to a working answer (without
    the solution markers); without it exercises stay as released or get a wrong answer.
    ``cheats`` is the share of students who add a cheat (every cheat of
    :data:`tests.support.cheats.CHEATS` in turn); it draws from a generator of its own, so
    the rest of the class is the same with or without cheats.  ``code_answers`` (names of
    :data:`CODE_ANSWERS`) gives student k the code answer ``code_answers[k % len]`` in every
    code exercise (trait ``code_<name>``), in place of the varied one.
    """
    from medialit.questions import questions_for_notebook
    from tests.support.cheats import CHEATS, with_cheat

    rng = random.Random(seed)
    cheat_rng = random.Random(f"cheats-{seed}")
    n_cheats = 0
    questions = [q for q in questions_for_notebook(lesson) if q.mode == "graded"]
    auto = [q for q in questions if q.kind.auto_scored]
    solution_cells = [c for c in release_nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("solution")]
    code_exercises = [c["metadata"]["nbgrader"]["grade_id"] for c in solution_cells if c["cell_type"] == "code"]
    written = [c["metadata"]["nbgrader"]["grade_id"] for c in solution_cells if c["cell_type"] == "markdown"]
    grade_cells = [c["metadata"]["nbgrader"]["grade_id"] for c in release_nb["cells"]
                   if c.get("metadata", {}).get("nbgrader", {}).get("grade") and c["cell_type"] == "code"]
    subs = []
    for k in range(1, n + 1):
        traits: set[str] = set()
        quality = rng.choice([1.0, 0.9, 0.7, 0.5, 0.3, 0.0])
        nb = copy.deepcopy(release_nb)
        answers: dict[str, Any] = {}
        for q in questions:
            if rng.random() < 0.08:
                traits.add("unanswered")
                continue
            answers[q.id] = varied_answer(q, rng, quality)
        traits.add("all_right" if quality == 1.0 else "mixed_answers")
        if quality == 1.0:
            answers = {q.id: key_answer(q) for q in questions}
            traits.discard("unanswered")
        wrong_kind = rng.choice(auto).id if auto and rng.random() < 0.05 else None
        if wrong_kind:
            traits.add("wrong_kind_answer")
        doc: dict[str, Any] | str | None = answers_document(lesson, questions, answers, wrong_kind)
        name = f"{lesson}.answers.json"
        r = rng.random()
        if r < 0.05:
            doc, _ = None, traits.add("no_answers_file")
        elif r < 0.10:
            text = json.dumps(doc, ensure_ascii=False, indent=1)
            doc, _ = text[: int(len(text) * rng.uniform(0.3, 0.9))], traits.add("corrupt_answers_file")
        elif r < 0.13:
            name, _ = f"{lesson} (1).answers.json", traits.add("renamed_answers_file")
        for gid in written:
            if rng.random() < 0.6:
                _cell(nb, gid)["source"] = ("The story quotes officials from one side at length, while the other "
                                            "side is only paraphrased.")
                traits.add("written_answer")
        for gid in code_exercises:
            r = rng.random()
            if r < 0.4 and exercise_solutions and gid in exercise_solutions:
                _cell(nb, gid)["source"] = exercise_solutions[gid]
                traits.add("exercise_solved")
            elif r < 0.7:
                old = _cell(nb, gid)["source"]
                src = "".join(old) if isinstance(old, list) else old
                header = src.split("\n", 1)[0] if src.startswith("def ") else "def f(*args):"
                _cell(nb, gid)["source"] = header + "\n    return []\n"
                traits.add("exercise_wrong")
        for gid in code_exercises if code_answers else []:
            old = _cell(nb, gid)["source"]
            src = "".join(old) if isinstance(old, list) else old
            kind = code_answers[k % len(code_answers)]
            solution = (exercise_solutions or {}).get(gid, src)
            _cell(nb, gid)["source"] = code_answer(kind, src.split("\n", 1)[0], solution)
            traits.add(f"code_{kind}")
        if grade_cells and rng.random() < 0.06:
            c = _cell(nb, rng.choice(grade_cells))
            c["source"] = "# I changed this cell\n1 / 0\n"
            traits.add("tampered_grade_cell")
        if grade_cells and rng.random() < 0.04:
            gid = rng.choice(grade_cells)
            nb["cells"] = [c for c in nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") != gid]
            traits.add("deleted_grade_cell")
        locked_setup = [c for c in nb["cells"] if c["cell_type"] == "code"
                        and c.get("metadata", {}).get("nbgrader", {}).get("locked")
                        and not c["metadata"]["nbgrader"].get("grade")]
        if locked_setup and rng.random() < 0.03:
            nb["cells"].remove(locked_setup[0])
            traits.add("deleted_setup_cell")
        if rng.random() < 0.1:
            nb["cells"].append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                                "source": "total = 2 + 2\ntotal"})
            traits.add("own_harmless_cell")
        if rng.random() < 0.04:
            nb["cells"].insert(len(nb["cells"]) // 2, {"cell_type": "code", "metadata": {}, "execution_count": None,
                                                       "outputs": [], "source": "import os\nos.chdir('..')"})
            traits.add("own_risky_cell")
        late = rng.random() < 0.1
        if late:
            traits.add("late")
        stamp = "2026-12-02 09:00:00 UTC" if late else "2026-11-28 12:00:00 UTC"
        cheat = None
        if cheats and cheat_rng.random() < cheats:
            cheat = CHEATS[n_cheats % len(CHEATS)]
            n_cheats += 1
            try:
                nb = with_cheat(nb, lesson, cheat)
                traits.add(CHEAT_TRAIT)
            except ValueError:  # the set-up cell was deleted: nowhere to put the cheat
                cheat = None
        subs.append(Submission(f"stu{k:03d}", nb, doc, name, stamp, traits, cheat))
    return subs


def write_submission(submitted_dir: Path, lesson: str, sub: Submission) -> Path:
    """Place ``sub`` in ``submitted_dir/<student>/<lesson>/`` as nbgrader expects it."""
    folder = submitted_dir / sub.student / lesson
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{lesson}.ipynb").write_text(json.dumps(sub.notebook, indent=1, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
    if sub.answers is not None:
        text = sub.answers if isinstance(sub.answers, str) else json.dumps(sub.answers, indent=1, ensure_ascii=False)
        (folder / sub.answers_name).write_text(text, encoding="utf-8")
    (folder / "timestamp.txt").write_text(sub.timestamp, encoding="utf-8")
    return folder
