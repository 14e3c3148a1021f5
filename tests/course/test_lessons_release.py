"""The lesson notebooks: sources, solutions and release agree, and the release hides every key.

``lessons/`` is what students open, so nothing in it may give a graded answer away: no
hidden tests, no solution code, no rubric or anchor answers, no answers file, no option
marked correct, no key offsets, no per-option feedback of a graded question.  Beside each
notebook is the lesson's public bank (practice keys only), generated like the solutions
and kept in sync with the package's copy.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from medialit.course import lessons as course_lessons
from tests.support.paths import REPO

ROOT = REPO
LESSONS = course_lessons.lesson_ids(ROOT)


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def release_files() -> list[Path]:
    """The files of ``lessons/`` that belong to the release.

    A learner who works in the repository's ``lessons/`` creates ``<lesson>.answers.json``
    there (git ignores it); that is their work, not part of the release.  That nbgrader never
    puts an answers file into the release is checked in ``test_lessons_nbgrader.py``.
    """
    return sorted(p for p in (ROOT / "lessons").rglob("*")
                  if p.is_file() and ".answers.json" not in p.name and ".ipynb_checkpoints" not in p.parts)


def release_text(notebooks_only: bool = False) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in release_files()
                     if not notebooks_only or p.suffix == ".ipynb")


def test_every_lesson_is_released_as_one_notebook_and_its_public_bank():
    assert [p.relative_to(ROOT / "lessons").as_posix() for p in release_files()] == [
        name for lesson in LESSONS for name in (f"{lesson}/{lesson}.ipynb", f"{lesson}/{lesson}.questions.yaml")
    ]


@pytest.mark.parametrize("lesson", LESSONS)
def test_public_banks_are_generated_from_the_lesson_banks(lesson):
    """The public bank beside the solution (copied into the release by nbgrader) and the package's copy."""
    expected = course_lessons.public_bank_text(ROOT, lesson)
    for path in (ROOT / "solutions" / lesson / f"{lesson}.questions.yaml", course_lessons.package_bank_path(lesson)):
        assert path.read_text(encoding="utf-8") == expected, (
            f"{path} is out of date (a bank changed): run .venv/bin/python scripts/build_lessons.py")


def test_new_courses_start_with_this_courses_nbgrader_config():
    from medialit.course.new import CONFIG_TEMPLATE

    assert CONFIG_TEMPLATE.read_text(encoding="utf-8") == (ROOT / "autograder" / "nbgrader_config.py").read_text(
        encoding="utf-8"), "run .venv/bin/python scripts/build_lessons.py"


@pytest.mark.parametrize("lesson", LESSONS)
def test_solution_notebook_is_built_from_its_source(lesson):
    built = course_lessons.solution_text(ROOT, lesson)
    assert (ROOT / "solutions" / lesson / f"{lesson}.ipynb").read_text(encoding="utf-8") == built, (
        "solutions/ is out of date: run .venv/bin/python scripts/build_lessons.py"
    )


@pytest.mark.parametrize("lesson", LESSONS)
def test_solution_answers_file_holds_the_current_keys(lesson):
    path = ROOT / "solutions" / lesson / f"{lesson}.answers.json"
    assert path.read_text(encoding="utf-8") == course_lessons.answers_text(lesson), (
        f"{path.name} does not hold the current keys (a bank or a reference annotation changed): "
        "run .venv/bin/python scripts/build_lessons.py"
    )


@pytest.mark.parametrize("lesson", LESSONS)
def test_notebooks_have_no_outputs_or_execution_counts(lesson):
    for folder in ("solutions", "lessons"):
        for cell in cells(ROOT / folder / lesson / f"{lesson}.ipynb"):
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, (folder, cell.get("id"))


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_structure(lesson):
    """Objectives and time first, a progress panel, practice and graded items (each graded
    question's cell holds only ``answered(id)``), a code exercise with hidden tests, and a
    written answer graded by hand at the end."""
    from medialit.questions import questions_for_notebook

    sol = cells(ROOT / "solutions" / lesson / f"{lesson}.ipynb")
    first = source(sol[0])
    assert "Time needed" in first and "By the end of this lesson" in first
    assert any('progress("' + lesson + '")' in source(c) for c in sol)
    meta = [c["metadata"].get("nbgrader", {}) for c in sol]
    grade_ids = [m["grade_id"] for m in meta if m.get("grade")]
    questions = questions_for_notebook(lesson)
    graded = [q for q in questions if q.mode == "graded"]
    assert graded and any(q.mode == "practice" for q in questions)
    # every graded question has a grading cell of the same id and the same points
    for q in graded:
        assert q.id in grade_ids, f"{q.id} has no grading cell"
        cell = next(c for c in sol if c["metadata"].get("nbgrader", {}).get("grade_id") == q.id)
        assert cell["metadata"]["nbgrader"]["points"] == q.points
        # only the check, no hidden tests: the grading step scores it outside the kernel, and the
        # released cell equals the source cell (nbgrader's checksum warns only about real changes)
        code = [ln for ln in source(cell).splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        assert code == [f'answered("{q.id}")'], code
        assert any(f'ask("{q.id}")' in source(c) for c in sol), f"{q.id} is never asked"
    # every question the notebook asks exists in the lesson's bank
    asked = {m.group(1) for c in sol for m in re.finditer(r'ask\("([^"]+)"\)', source(c))}
    assert asked <= {q.id for q in questions}
    # one code exercise graded by hidden tests
    assert any(m.get("solution") and not m.get("grade")
               for c, m in zip(sol, meta, strict=True) if c["cell_type"] == "code")
    # the last cell is a written answer graded by hand, with a three-level rubric and anchors
    last = sol[-1]
    nb = last["metadata"]["nbgrader"]
    assert last["cell_type"] == "markdown" and nb["grade"] and nb["solution"]
    assert "Rubric" in source(last) and source(last).count("*Anchor:*") >= 3


@pytest.mark.parametrize("lesson", LESSONS)
def test_question_cells_are_released_as_written(lesson):
    """A graded question's cell is the same in the source and the release, so nbgrader's
    checksum of an untouched submission matches and only a real change draws a warning."""
    from medialit.questions import questions_for_notebook

    graded = {q.id for q in questions_for_notebook(lesson) if q.mode == "graded"}

    def by_id(folder: str) -> dict[str, dict]:
        return {c["metadata"]["nbgrader"]["grade_id"]: c for c in cells(ROOT / folder / lesson / f"{lesson}.ipynb")
                if c["metadata"].get("nbgrader", {}).get("grade_id") in graded}

    sol, rel = by_id("solutions"), by_id("lessons")
    assert sorted(sol) == sorted(rel) == sorted(graded)
    for gid in graded:
        assert source(sol[gid]) == source(rel[gid]), gid


def test_release_has_no_hidden_tests_solutions_or_answers_files():
    text = release_text()
    for marker in ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "BEGIN SOLUTION", "END SOLUTION", "grade(\"",
                   "medialit.grading", "Rubric", "*Anchor:*"):
        assert marker not in text, marker


@pytest.mark.parametrize("lesson", LESSONS)
def test_release_has_no_solution_code_or_anchor_text(lesson):
    """No line of a solution region or of a manually graded answer reaches the release."""
    released = "\n".join(source(c) for c in cells(ROOT / "lessons" / lesson / f"{lesson}.ipynb"))
    for cell in cells(ROOT / "solutions" / lesson / f"{lesson}.ipynb"):
        nb = cell["metadata"].get("nbgrader", {})
        src = source(cell)
        secret: list[str] = []
        if nb.get("solution") and cell["cell_type"] == "markdown":
            secret = src.splitlines()
        for begin, end in (("### BEGIN SOLUTION", "### END SOLUTION"),
                           ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")):
            for block in re.findall(re.escape(begin) + r"(.*?)" + re.escape(end), src, flags=re.S):
                secret += block.splitlines()
        for line in secret:
            line = line.strip()
            if len(line) > 12:  # short lines ("return found") can legitimately recur
                assert line not in released, f"{lesson}: {line!r} leaked into the release"


def test_release_has_no_keys():
    """No option marked correct, no key offsets, no feedback of a graded option or item; the
    public banks hold the keys of practice questions only."""
    from medialit.questions import all_questions, load_bank

    notebooks = release_text(notebooks_only=True)
    assert not re.search(r"\bcorrect\b[\"']?\s*[:=]\s*(true|True)", notebooks)
    assert not re.search(r"\\\"(start|end)\\\"\s*:\s*\d+", notebooks)
    for lesson in LESSONS:
        bank = load_bank(ROOT / "lessons" / lesson / f"{lesson}.questions.yaml")  # checks: no graded key
        assert bank.public and bank.notebook == lesson
        for q in bank.questions:
            assert q.has_key == (q.mode == "practice")
            if q.mode == "graded":
                assert not {"correct", "feedback"} & {k for o in q.options for k in o}
                assert not {"answer", "feedback"} & {k for it in q.items for k in it}
                assert not {"answer", "key", "explanation", "feedback"} & set(q.data)
    text = release_text()
    for q in all_questions().values():
        if q.notebook not in LESSONS or q.mode != "graded":
            continue
        secrets = [o["feedback"] for o in q.options]
        secrets += [it["feedback"] for it in q.items if it.get("feedback")]
        if q.data.get("explanation"):
            secrets.append(q.data["explanation"])
        for secret in secrets:
            for form in (secret, json.dumps(secret, ensure_ascii=False)[1:-1]):  # as YAML and as JSON write it
                assert form not in text, f"{q.id}: {secret!r} is in lessons/"


def test_graded_questions_have_keys_and_ids_match_lessons():
    """Each lesson's bank is used by that lesson only, and its ids carry the lesson number."""
    from medialit.questions import questions_for_notebook

    for n, lesson in enumerate(LESSONS):
        for q in questions_for_notebook(lesson):
            assert q.id.startswith(f"l{n}-"), q.id
