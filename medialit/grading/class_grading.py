"""Grade a whole class without kernels: the scores ``nbgrader autograde`` gives.

For every submission of one assignment, each notebook is read and *sanitized with
nbgrader's own preprocessors* (ClearOutput, DeduplicateIds, OverwriteCells,
CheckCellMetadata: locked cells restored from the source, points and checksums reset),
after medialit's :class:`~medialit.grading.nbgrader_scoring.RestoreReleasedCells`, as
``nbgrader autograde`` does before it runs the notebook (source-cell lookups and metadata
checks are cached per worker; the kernel spec plays no part).  Then each grade cell is
scored without running anything:

- a *question cell* (a grade cell whose id is a graded question of the notebook) gets the
  points of :func:`medialit.grading.cell_scores.score_question_cells`, the scorer that
  autograde's :class:`~medialit.grading.nbgrader_scoring.ScoreQuestionCells` uses, on the
  answers file in the submitted folder: the same points and the same explanation;
- a *written answer* (a markdown solution cell) gets what ``determine_grade`` gives
  without running anything: 0 when left as released, else "needs manual grading";
- any other grade cell (a code exercise's tests) needs the student's code to run: it is
  listed as left to ``nbgrader autograde`` and its score is not touched.

What nbgrader would warn about is listed per student (:attr:`SubmissionResult.tampered`):
locked or grading cells whose source, points, type or lock changed (as nbgrader's checksum
sees it; a cell left as released is not reported), cells deleted, duplicated or unknown to
the source.  Code of the student's own that would touch grading or answers when run
(recording answers, replacing ``grade``, ``sys.modules``, the answers file, the gradebook...)
is flagged (:attr:`SubmissionResult.flags`); it changes no score, here or under autograde.
A notebook that cannot be read or sanitized is left whole to ``nbgrader autograde``.

Scores are written through nbgrader's :class:`~nbgrader.api.Gradebook` the way
autograde's ``SaveAutoGrades`` and ``AssignLatePenalties`` write them (auto scores, the
"needs manual grade" flags, "No response." comments, late penalties), so formgrader and
``nbgrader export`` work on them, and/or to a CSV file.

Limits: student code is not run, so a kernel crash does not happen here (under autograde it
costs only the cells not yet run, never a question cell); flags come from reading the code,
so code that hides what it does may not be flagged.
"""

from __future__ import annotations

import csv
import io
import os
import re
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medialit.errors import MedialitError

#: What in a student's own code cell touches grading or the answers when it runs.
TOUCHES_GRADING = re.compile(
    r"\b(?:grade|grading|answered|answers?|record|AnswerStore|current_store|checks|sys\.modules|builtins|"
    r"__builtins__|__import__|importlib|reload|showtraceback|get_ipython|NBGRADER_\w*|gradebook|sqlite3|"
    r"autograded|submitted|exec|eval|setattr|_exit|kill|signal|ctypes|subprocess)\b"
    r"|answers\.json|questions\.ya?ml|lesson-sources|^\s*[%!]",
    re.MULTILINE,
)


class CourseError(MedialitError, ValueError):
    """The course or assignment is not ready for grading; the message says what to do."""


@dataclass
class CellResult:
    """The outcome for one grade cell (``auto_score`` None means "needs manual grading")."""

    grade_id: str
    max_points: float
    kind: str  # "question", "written", "code" (tests run here), "execution" (left to autograde) or "deleted"
    auto_score: float | None = None
    text: str = ""  # a question cell's explanation, as autograde shows it


@dataclass
class NotebookResult:
    name: str
    missing: bool = False
    cells: list[CellResult] = field(default_factory=list)
    comments: dict[str, str | None] = field(default_factory=dict)
    tampered: list[str] = field(default_factory=list)  # "grade id: what changed", as nbgrader would warn
    flags: list[str] = field(default_factory=list)  # the student's own code that touches grading or answers
    left_to_nbgrader: str | None = None  # why the code exercises are left to autograde (with run_code)
    notes: list[str] = field(default_factory=list)  # what running the code met (bad input), one line each


@dataclass
class SubmissionResult:
    """Everything graded for one student; ``left_whole`` says why autograde must do it all."""

    student: str
    timestamp: Any  # a datetime, or None when the submission has no timestamp.txt
    notebooks: list[NotebookResult] = field(default_factory=list)
    left_whole: str | None = None
    seconds: float = 0.0

    def cells(self) -> Iterable[tuple[str, CellResult]]:
        for nb in self.notebooks:
            for cell in nb.cells:
                yield nb.name, cell

    @property
    def tampered(self) -> list[str]:
        """``notebook: grade id: what changed`` for every cell nbgrader would warn about."""
        return [f"{nb.name}: {t}" for nb in self.notebooks for t in nb.tampered]

    @property
    def flags(self) -> list[str]:
        """``notebook: why`` for every cell of the student's own that touches grading or answers."""
        return [f"{nb.name}: {f}" for nb in self.notebooks for f in nb.flags]

    @property
    def notes(self) -> list[str]:
        """``notebook: what running the code met`` (bad input), one per line of the summary."""
        return [f"{nb.name}: {n}" for nb in self.notebooks for n in nb.notes]

    @property
    def left_to_nbgrader(self) -> list[str]:
        """``notebook: why`` for every notebook whose code exercises are left to autograde."""
        return [f"{nb.name}: {nb.left_to_nbgrader}" for nb in self.notebooks if nb.left_to_nbgrader]


@dataclass
class Course:
    """What grading needs from the course: paths, config, the assignment's notebooks."""

    config: Any
    coursedir: Any
    course_id: str
    assignment: str
    notebooks: list[str]
    release_cells: dict[str, set[str]]  # notebook -> sources of its released unlocked code cells
    grade_cells: dict[str, dict[str, float]] = field(default_factory=dict)  # notebook -> grade id -> max points
    exercise_cells: dict[str, set[str]] = field(default_factory=dict)  # notebook -> released code solution cells
    run_code: bool = False  # run code exercises in forked children (medialit.grading.exercise_runs)

    @property
    def db_url(self) -> str:
        return self.coursedir.db_url

    def submitted_dir(self, student: str) -> Path:
        return Path(self.coursedir.format_path(self.coursedir.submitted_directory, student, self.assignment))

    def source_dir(self) -> Path:
        return Path(self.coursedir.format_path(self.coursedir.source_directory, ".", self.assignment))

    def students(self) -> list[str]:
        base = Path(self.coursedir.format_path(self.coursedir.submitted_directory, "*", self.assignment))
        found = sorted(p.parent.name for p in base.parent.parent.glob(f"*/{self.assignment}") if p.is_dir())
        return found


def load_course(course_dir: str | os.PathLike[str], assignment: str) -> Course:
    """Read ``COURSE_DIR/nbgrader_config.py`` and the assignment's record in the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

    course_dir = Path(course_dir).resolve()
    if not (course_dir / "nbgrader_config.py").exists():
        raise CourseError(f"{course_dir} has no nbgrader_config.py; give the folder you run nbgrader from "
                          "(for medialit's own course: autograder/)")
    try:
        config = PyFileConfigLoader("nbgrader_config.py", path=str(course_dir)).load_config()
    except ConfigFileNotFound:
        raise CourseError(f"cannot read {course_dir / 'nbgrader_config.py'}") from None
    coursedir = CourseDirectory(config=config)
    if not coursedir.root or coursedir.root == os.getcwd() and "root" not in config.get("CourseDirectory", {}):
        coursedir.root = str(course_dir)
    course_id = coursedir.course_id or ""
    db_path = coursedir.db_url.removeprefix("sqlite:///")
    if coursedir.db_url.startswith("sqlite:///") and not Path(db_path).exists():
        raise CourseError(f"the gradebook {db_path} does not exist; run `nbgrader generate_assignment "
                          f"{assignment}` in {course_dir} first")
    with Gradebook(coursedir.db_url, course_id) as gb:
        try:
            record = gb.find_assignment(assignment)
        except MissingEntry:
            known = ", ".join(a.name for a in gb.assignments) or "none"
            raise CourseError(f"the gradebook has no assignment {assignment!r} (known: {known}); run "
                              f"`nbgrader generate_assignment {assignment}` first") from None
        notebooks = [nb.name for nb in record.notebooks]
        grade_cells = {nb.name: {c.name: float(c.max_score) for c in nb.grade_cells} for nb in record.notebooks}
    release: dict[str, set[str]] = {}
    exercises: dict[str, set[str]] = {}
    for name in notebooks:
        path = Path(coursedir.format_path(coursedir.release_directory, ".", assignment)) / f"{name}.ipynb"
        release[name] = _unlocked_code_sources(path) if path.exists() else set()
        exercises[name] = _code_solution_ids(path) if path.exists() else set()
    return Course(config, coursedir, course_id, assignment, notebooks, release, grade_cells, exercises)


def _unlocked_code_sources(path: Path) -> set[str]:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return {c.source for c in nb.cells if c.cell_type == "code" and not _locked(c)}


def _code_solution_ids(path: Path) -> set[str]:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return {c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if c.cell_type == "code" and c.get("metadata", {}).get("nbgrader", {}).get("solution")}


def _locked(cell: Any) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("locked") or (meta.get("grade") and not meta.get("solution")))


def touches_grading(source: str) -> str | None:
    """What in ``source`` touches grading or the answers when run (the matched words), else None."""
    found = sorted({m.group(0).strip() for m in TOUCHES_GRADING.finditer(source)})
    return ", ".join(repr(f) for f in found[:4]) if found else None


# -- the worker side --------------------------------------------------------------------
_STATE: dict[str, Any] = {}


def _init_worker(course: Course) -> None:
    import warnings

    # nbformat warns about notebooks without cell ids, as it does under autograde's log; not the user's concern here
    warnings.filterwarnings("ignore", module="nbformat")
    _STATE["course"] = course
    _STATE.pop("preprocessors", None)
    _STATE["questions"] = {}


def _init_pool_worker(course: Course) -> None:
    """A worker process of the pool: the grading speed-ups on (:mod:`medialit.speedups`), then as in-process."""
    from medialit import speedups

    speedups.enable()
    _init_worker(course)
    if course.run_code:
        from medialit.grading.exercise_runs import warm_up

        warm_up()


def _questions(notebook: str) -> dict[str, Any]:
    """The graded questions of ``notebook``, read once per worker."""
    from medialit.grading.cell_scores import graded_questions

    cache = _STATE.setdefault("questions", {})
    if notebook not in cache:
        cache[notebook] = graded_questions(notebook)
    return cache[notebook]


class _SourceCells:
    """The gradebook lookups OverwriteCells makes, answered once per worker (they never change
    while grading) from one long-lived gradebook session."""

    def __init__(self, db_url: str, course_id: str) -> None:
        from nbgrader.api import Gradebook

        self._gb = Gradebook(db_url, course_id)
        self._cache: dict[tuple[str, ...], Any] = {}

    def _memo(self, name: str, *args: str) -> Any:
        key = (name, *args)
        if key not in self._cache:
            try:
                self._cache[key] = getattr(self._gb, name)(*args)
            except Exception as exc:  # MissingEntry: remembered, raised again as nbgrader expects
                self._cache[key] = exc
        found = self._cache[key]
        if isinstance(found, Exception):
            raise found
        return found

    def find_source_cell(self, *args: str) -> Any:
        return self._memo("find_source_cell", *args)

    def find_graded_cell(self, *args: str) -> Any:
        return self._memo("find_graded_cell", *args)

    def find_notebook(self, *args: str) -> Any:
        return self._memo("find_notebook", *args)

    def source_cells(self, notebook: str, assignment: str) -> dict[str, tuple[str, bool]]:
        """Grade id -> (source, locked) of every cell of the source notebook that nbgrader knows."""
        key = ("source_cells", notebook, assignment)
        if key not in self._cache:
            try:
                nb = self._gb.find_notebook(notebook, assignment)
                self._cache[key] = {c.name: (c.source, c.locked) for c in nb.source_cells}
            except Exception:  # MissingEntry: nothing to restore
                self._cache[key] = {}
        return self._cache[key]


def _preprocessors(course: Course) -> list[Any]:
    """Autograde's sanitizing preprocessors (nbgrader's own classes and medialit's
    RestoreReleasedCells; OverwriteKernelspec is left out: the kernel spec plays no part when
    nothing is run).  What nbgrader would warn about goes to ``resources["tampered"]``."""
    if "preprocessors" in _STATE:
        return _STATE["preprocessors"]
    from nbgrader.api import MissingEntry
    from nbgrader.nbgraderformat import MetadataValidator, ValidationError
    from nbgrader.preprocessors import (
        CheckCellMetadata,
        ClearOutput,
        DeduplicateIds,
        NbGraderPreprocessor,
        OverwriteCells,
    )

    from medialit.grading.nbgrader_scoring import restore_released_cell

    source = _SourceCells(course.db_url, course.course_id)

    class CachedRestoreReleasedCells(NbGraderPreprocessor):
        """RestoreReleasedCells with the source cells read once per worker."""

        def preprocess(self, nb: Any, resources: Any) -> Any:
            info = resources["nbgrader"]
            sources = source.source_cells(info["notebook"], info["assignment"])
            for cell in nb.cells:
                restore_released_cell(cell, sources, self)
            return nb, resources

    class RecordingDeduplicateIds(DeduplicateIds):
        def preprocess_cell(self, cell: Any, resources: Any, index: int) -> Any:
            meta = cell.metadata.get("nbgrader", {})
            if (meta.get("grade") or meta.get("solution") or meta.get("locked")) and \
                    meta.get("grade_id") in self.grade_ids:
                resources["tampered"].append(f"{meta['grade_id']}: the cell is there more than once")
            return super().preprocess_cell(cell, resources, index)

    class CachedOverwriteCells(OverwriteCells):
        def preprocess(self, nb: Any, resources: Any) -> Any:
            self.notebook_id = resources["nbgrader"]["notebook"]
            self.assignment_id = resources["nbgrader"]["assignment"]
            self.db_url = resources["nbgrader"]["db_url"]
            self.gradebook = source
            self._tampered = resources["tampered"]
            nb, resources = super(OverwriteCells, self).preprocess(nb, resources)
            if self.add_missing_cells:
                nb, resources = self.add_missing_grade_cells(nb, resources)
                nb, resources = self.add_missing_task_cells(nb, resources)
            return nb, resources

        def preprocess_cell(self, cell: Any, resources: Any, index: int) -> Any:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if gid is not None:
                try:
                    source.find_source_cell(gid, self.notebook_id, self.assignment_id)
                except MissingEntry:
                    self._tampered.append(f"{gid}: not a cell of the released notebook (its nbgrader data is "
                                          "dropped)")
            return super().preprocess_cell(cell, resources, index)

        def report_change(self, name: str, attr: str, old: Any, new: Any) -> None:
            what = {"checksum": "its source was changed (restored from the source)",
                    "points": f"points changed from {old:g} to {new:g}" if isinstance(old, float) and
                    isinstance(new, float) else f"points changed from {old} to {new}",
                    "cell_type": f"changed from a {old} cell to a {new} cell",
                    "locked": "unlocked" if old else "locked"}.get(attr, f"{attr} changed")
            self._tampered.append(f"{name}: {what}")

    passed: set[tuple[str, str]] = set()

    class CachedCheckCellMetadata(CheckCellMetadata):
        """The same checks; a cell's metadata already found valid is not validated again."""

        def preprocess(self, nb: Any, resources: Any) -> Any:
            import json as _json

            validator = MetadataValidator()
            for cell in nb.cells:
                if "nbgrader" not in cell.metadata:
                    continue
                key = (_json.dumps(cell.metadata["nbgrader"], sort_keys=True), cell.cell_type)
                if key not in passed:
                    try:
                        validator.validate_cell(cell)
                    except ValidationError:
                        raise ValidationError("Notebook failed to validate; the nbgrader metadata may be "
                                              "corrupted.") from None
                    passed.add(key)
            ids: set[str] = set()
            for cell in nb.cells:
                meta = cell.metadata.get("nbgrader")
                if not meta or not (meta["grade"] or meta["solution"] or meta["locked"]):
                    continue
                if meta["grade_id"] in ids:
                    raise ValidationError("Notebook failed to validate; the nbgrader metadata may be corrupted.")
                ids.add(meta["grade_id"])
            return nb, resources

    pps = [cls(config=course.config) for cls in (ClearOutput, RecordingDeduplicateIds, CachedRestoreReleasedCells,
                                                 CachedOverwriteCells, CachedCheckCellMetadata)]
    _STATE["preprocessors"] = pps
    _STATE["source"] = source
    return pps


def _sanitize(course: Course, nb: Any, notebook: str, student: str) -> tuple[Any, list[str]]:
    """Autograde's sanitizing step, with nbgrader's own preprocessors and the course config;
    returns the notebook and what nbgrader would warn about."""
    resources = {"nbgrader": {"notebook": notebook, "assignment": course.assignment, "student": student,
                              "db_url": course.db_url}, "tampered": []}
    for pp in _preprocessors(course):
        nb, resources = pp.preprocess(nb, resources)
    present = {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells}
    sources = _STATE["source"].source_cells(notebook, course.assignment)
    deleted = [f"{gid}: deleted" for gid in sources if gid not in present]
    return nb, resources["tampered"] + deleted


def renamed_cells(course: Course, nb: Any, notebook: str) -> str | None:
    """What the submitted notebook ``nb`` renamed: its graded, solution or locked cells whose
    grade id the course source does not know, with the source's ids it lacks ("exercise cell
    l3-matcher-code was renamed to my-matcher"); None when every id is the source's.  The old
    name is a guess when more than one cell was renamed (then every id is listed)."""
    _preprocessors(course)
    sources = _STATE["source"].source_cells(notebook, course.assignment)
    ids = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade") or meta.get("solution") or meta.get("locked"):
            ids.append(meta.get("grade_id"))
    unknown = [str(gid) for gid in ids if gid not in sources]
    if not unknown:
        return None
    missing = [gid for gid in sources if gid not in ids]
    if len(unknown) == 1 and len(missing) == 1:
        what = "exercise cell" if missing[0] in course.exercise_cells.get(notebook, set()) else "cell"
        return f"{what} {missing[0]} was renamed to {unknown[0]}"
    return (f"cell(s) {', '.join(unknown)} are not cells of the released notebook"
            + (f" (renamed from {', '.join(missing)}?)" if missing else ""))


def grade_submission(student: str) -> SubmissionResult:
    """Grade one student's submission (runs in a worker process)."""
    import nbformat
    from nbgrader import utils

    from medialit.grading.cell_scores import score_question_cells

    course: Course = _STATE["course"]
    started = time.perf_counter()
    sub = course.submitted_dir(student)
    stamp = course.coursedir.get_existing_timestamp(str(sub))
    result = SubmissionResult(student, stamp)
    for name in course.notebooks:
        path = sub / f"{name}.ipynb"
        nbres = NotebookResult(name)
        result.notebooks.append(nbres)
        if not path.exists():
            nbres.missing = True
            continue
        renamed = None
        try:
            nb = nbformat.read(path, as_version=4)
            renamed = renamed_cells(course, nb, name)
            nb, nbres.tampered = _sanitize(course, nb, name, student)
        except Exception as exc:  # an unreadable notebook: autograde decides what happens to it
            result.left_whole = f"{name}.ipynb cannot be read or sanitized ({type(exc).__name__}: {exc})"
            if renamed:
                result.left_whole = (f"{name}.ipynb: {renamed}. nbgrader autograde rejects this notebook too (a "
                                     "graded or locked cell whose id is not in the course source fails its metadata "
                                     "check): set the id back (cell metadata nbgrader.grade_id) in the submitted "
                                     "notebook, then grade it again")
            break
        released = course.release_cells.get(name, set())
        for cell in nb.cells:
            if cell.cell_type == "code" and not _locked(cell) and cell.source not in released:
                found = touches_grading(cell.source)
                if found:
                    nbres.flags.append(f"{found} in a cell starting {cell.source.strip()[:40]!r}")
        grade_cells = {c.metadata["nbgrader"]["grade_id"]: float(c.metadata["nbgrader"]["points"])
                       for c in nb.cells if c.cell_type == "code" and utils.is_grade(c) and not utils.is_solution(c)}
        scores = score_question_cells(name, sub, grade_cells, _questions(name))
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if utils.is_grade(cell):
                gid, max_points = meta["grade_id"], float(meta["points"])
                if gid in scores:
                    nbres.cells.append(CellResult(gid, max_points, "question", scores[gid].points, scores[gid].text))
                elif cell.cell_type == "code" and not utils.is_solution(cell):
                    nbres.cells.append(CellResult(gid, max_points, "execution"))
                else:
                    auto_score, _ = utils.determine_grade(cell)
                    nbres.cells.append(CellResult(gid, max_points, "written", auto_score))
            if utils.is_solution(cell) or utils.is_task(cell):
                unchanged = meta.get("checksum") == utils.compute_checksum(cell) and not utils.is_task(cell)
                nbres.comments[meta["grade_id"]] = "No response." if unchanged else None
        if course.run_code and any(c.kind == "execution" for c in nbres.cells):
            _run_exercises(course, nb, nbres, set(scores), sub)
        seen = {c.grade_id for c in nbres.cells}
        for gid, max_points in course.grade_cells.get(name, {}).items():
            if gid not in seen:  # deleted by the student; autograde leaves its grade as it is
                nbres.cells.append(CellResult(gid, max_points, "deleted"))
    result.seconds = time.perf_counter() - started
    return result


def _run_exercises(course: Course, nb: Any, nbres: NotebookResult, question_ids: set[str], sub: Path) -> None:
    """Score the code exercises of one sanitized notebook in a forked child (or say why not)."""
    from medialit.grading.exercise_runs import grade_exercises

    present = {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells}
    unknown = [t.split(":", 1)[0] for t in nbres.tampered if "not a cell of the released notebook" in t]
    for gid in sorted(course.exercise_cells.get(nbres.name, set()) - present):
        if unknown:
            nbres.notes.append(f"exercise cell {gid} was renamed ({', '.join(unknown)}): it runs as the student's "
                               "own code, and the tests use what it defines")
        else:
            nbres.notes.append(f"no exercise cell {gid} (deleted): its tests run without it")
    try:
        graded = grade_exercises(nb, question_ids, sub, course.config)
    except OSError as exc:  # no fork, no pipe: the machine, not the student
        nbres.left_to_nbgrader = f"the code could not be run here ({type(exc).__name__}: {exc})"
        return
    nbres.notes += graded.notes
    if graded.left_to_nbgrader:
        nbres.left_to_nbgrader = graded.left_to_nbgrader
        return
    for cell in nbres.cells:
        if cell.kind == "execution" and cell.grade_id in graded.scores:
            cell.kind = "code"
            cell.auto_score, cell.text = graded.scores[cell.grade_id]


# -- writing ----------------------------------------------------------------------------
def write_gradebook(course: Course, results: list[SubmissionResult]) -> None:
    """Write scores as autograde's SaveAutoGrades and AssignLatePenalties would."""
    import warnings

    from nbgrader.api import Gradebook
    from nbgrader.preprocessors import AssignLatePenalties

    late = AssignLatePenalties(config=course.config)
    late.init_plugin()  # the course's late-penalty plugin, as autograde configures it
    plugin = late.plugin_inst
    with warnings.catch_warnings(), Gradebook(course.db_url, course.course_id) as gb:
        # SQLAlchemy warns about nbgrader's own autoflush pattern when a submission is created
        warnings.simplefilter("ignore")
        known_students = {s.id for s in gb.students}
        # nbgrader's API commits after every row it adds; here those commits only flush, and the
        # work is committed once per batch of submissions: the same rows, far fewer disk syncs.
        real_commit = gb.db.commit
        gb.db.commit = gb.db.flush  # type: ignore[method-assign]
        try:
            for start in range(0, len(results), BATCH):
                for res in results[start:start + BATCH]:
                    _write_submission(gb, course, res, known_students, plugin)
                real_commit()
        except BaseException:
            gb.db.rollback()
            raise
        finally:
            gb.db.commit = real_commit  # type: ignore[method-assign]


#: Submissions written per gradebook transaction.
BATCH = 100


def _write_submission(gb: Any, course: Course, res: SubmissionResult, known_students: set[str],
                      plugin: Any) -> None:
    """One submission's rows, as autograde writes them (the caller commits)."""
    if res.left_whole:
        return
    if res.student not in known_students:  # autograde creates missing students (create_student)
        gb.update_or_create_student(res.student)
        known_students.add(res.student)
    if res.timestamp:
        gb.update_or_create_submission(course.assignment, res.student, timestamp=res.timestamp)
    else:
        gb.update_or_create_submission(course.assignment, res.student)
    for nbres in res.notebooks:
        snb = gb.find_submission_notebook(nbres.name, course.assignment, res.student)
        if nbres.missing:
            for grade in snb.grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
            continue
        grades = {g.name: g for g in snb.grades}  # the rows find_grade would fetch one by one
        comments = {c.name: c for c in snb.comments}
        for cell in nbres.cells:
            grade = grades[cell.grade_id]
            if cell.kind == "deleted":
                continue
            if cell.kind == "execution":
                if grade.auto_score is None:
                    grade.needs_manual_grade = True  # flagged until autograde runs the code
                continue
            grade.auto_score = cell.auto_score
            grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
        for gid, text in nbres.comments.items():
            comments[gid].auto_comment = text
        gb.db.flush()
        # late penalty, as AssignLatePenalties
        submission = gb.find_submission(course.assignment, res.student)
        snb.late_submission_penalty = None
        if submission.total_seconds_late > 0:
            penalty = plugin.late_submission_penalty(res.student, snb.score, submission.total_seconds_late)
            if penalty is not None:
                snb.late_submission_penalty = min(max(penalty, 0), snb.score)
        gb.db.flush()


CSV_FIELDS = ["student", "assignment", "notebook", "grade_id", "kind", "points", "max_points", "status", "tampered"]


def write_csv(course: Course, results: list[SubmissionResult], path: str | os.PathLike[str]) -> None:
    """One row per student and grade cell (status: scored, needs manual grading, left to autograde;
    tampered: what nbgrader would warn about that cell)."""
    from medialit.core.annotation import atomic_write_text

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for res in results:
        if res.left_whole:
            writer.writerow({"student": res.student, "assignment": course.assignment, "notebook": "",
                             "grade_id": "", "kind": "", "points": "", "max_points": "",
                             "status": f"left to nbgrader autograde: {res.left_whole}", "tampered": ""})
            continue
        notes: dict[tuple[str, str], list[str]] = {}
        for nbres in res.notebooks:
            for note in nbres.tampered:
                notes.setdefault((nbres.name, note.split(":", 1)[0]), []).append(note.split(": ", 1)[-1])
        why = {nbres.name: nbres.left_to_nbgrader for nbres in res.notebooks if nbres.left_to_nbgrader}
        for nb, cell in res.cells():
            status = (f"left to nbgrader autograde: {why[nb]}" if cell.kind == "execution" and nb in why else
                      "left to nbgrader autograde (runs code)" if cell.kind == "execution" else
                      "scored by running the code here" if cell.kind == "code" else
                      "grading cell deleted from the notebook: not scored" if cell.kind == "deleted" else
                      "needs manual grading" if cell.auto_score is None else "scored")
            writer.writerow({"student": res.student, "assignment": course.assignment, "notebook": nb,
                             "grade_id": cell.grade_id, "kind": cell.kind,
                             "points": "" if cell.auto_score is None else f"{cell.auto_score:g}",
                             "max_points": f"{cell.max_points:g}", "status": status,
                             "tampered": "; ".join(notes.get((nb, cell.grade_id), []))})
        for nbres in res.notebooks:
            if nbres.missing:
                writer.writerow({"student": res.student, "assignment": course.assignment, "notebook": nbres.name,
                                 "grade_id": "", "kind": "", "points": "0", "max_points": "",
                                 "status": "notebook not submitted: every cell scores 0", "tampered": ""})
    atomic_write_text(path, buf.getvalue())


def grade_class(course: Course, students: list[str] | None = None, jobs: int | None = None,
                progress: Callable[[SubmissionResult], None] | None = None,
                run_code: bool = False) -> list[SubmissionResult]:
    """Grade every submission (in ``jobs`` processes); results in student order.

    With ``run_code`` the code exercises are run too (:mod:`medialit.grading.exercise_runs`),
    always in worker processes (never in this one).  A worker that dies is replaced and the
    submissions it had not finished are tried once more; a submission lost twice is left whole
    to ``nbgrader autograde`` with that reason.
    """
    students = students if students is not None else course.students()
    jobs = max(1, jobs or os.cpu_count() or 1)
    course.run_code = run_code
    if not run_code and (jobs == 1 or len(students) <= 1):
        _init_worker(course)
        results: list[SubmissionResult] = []
        for s in students:
            r = grade_submission(s)
            results.append(r)
            if progress:
                progress(r)
        return results
    done: dict[str, SubmissionResult] = {}
    tries: dict[str, int] = {}
    todo = list(students)
    while todo:
        lost = _grade_in_pool(course, todo, jobs, done, progress)
        todo = []
        for s in lost:
            tries[s] = tries.get(s, 0) + 1
            if tries[s] >= 2:
                r = SubmissionResult(s, None, left_whole="its grading worker died twice while grading it")
                done[s] = r
                if progress:
                    progress(r)
            else:
                todo.append(s)
    return [done[s] for s in students]


def _grade_in_pool(course: Course, students: list[str], jobs: int, done: dict[str, SubmissionResult],
                   progress: Callable[[SubmissionResult], None] | None) -> list[str]:
    """Grade ``students`` in a fresh pool; returns those lost to a worker that died."""
    import multiprocessing
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    lost: list[str] = []
    with ProcessPoolExecutor(min(jobs, len(students)), mp_context=ctx, initializer=_init_pool_worker,
                             initargs=(course,)) as pool:
        futures = {pool.submit(grade_submission, s): s for s in students}
        for fut in as_completed(futures):
            try:
                r = fut.result()
            except BrokenProcessPool:
                lost.append(futures[fut])
                continue
            done[r.student] = r
            if progress:
                progress(r)
    return lost
