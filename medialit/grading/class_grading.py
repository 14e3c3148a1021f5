"""Grade a whole class without kernels: the scores ``nbgrader autograde`` would give.

For every submission of one assignment, each notebook is read and *sanitized with
nbgrader's own preprocessors* (ClearOutput, DeduplicateIds, OverwriteCells,
CheckCellMetadata: locked cells restored from the source, points and checksums reset), as
``nbgrader autograde`` does before it runs the notebook (its source-cell lookups and
metadata checks are cached per worker; the kernel spec is not needed).
Then, instead of running the notebook, each grade cell is scored directly:

- a *question cell* (a locked cell whose only statements are ``from medialit.grading
  import grade`` and ``grade("<id>")``) gets the points :func:`medialit.grading.score.grade`
  returns for the answers file autograde would see (the student's ``*.answers.json``,
  unless a source file of the same name replaces it); the float it returns is what the
  executed cell would show, and nbgrader's own ``determine_grade`` turns it into the
  score;
- a *written answer* (a markdown solution cell) gets what ``determine_grade`` gives
  without running anything: 0 when left as released, else "needs manual grading";
- any other grade cell (a code exercise's tests) needs the student's code to run: it is
  listed as left to ``nbgrader autograde`` and its score is not touched.

A submission whose own code (a code cell the student wrote or changed) could change what
grading sees (recording answers, changing folders, touching files, importing, ``exec``...)
is left whole to ``nbgrader autograde`` and listed; so is a notebook that cannot be read.

Scores are written through nbgrader's :class:`~nbgrader.api.Gradebook` the way
autograde's ``SaveAutoGrades`` and ``AssignLatePenalties`` write them (auto scores, the
"needs manual grade" flags, "No response." comments, late penalties), so formgrader and
``nbgrader export`` work on them, and/or to a CSV file.

Limits: student code is not run, so a notebook that would crash its kernel (and score 0
everywhere under autograde) is not recognised unless its code looks risky; the
per-question scoring is exactly medialit's, so a change to ``medialit.grading.score`` applies to
both paths.
"""

from __future__ import annotations

import ast
import csv
import fnmatch
import io
import os
import re
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medialit.errors import MedialitError

#: Words that make a student's own code cell able to change what grading sees.
RISKY = re.compile(
    r"\b(record|answers?|answered|checks|AnswerStore|grading|grade|medialit|chdir|os|sys|open|exec|eval|compile|import|"
    r"__\w+__|setattr|delattr|globals|locals|vars|warnings|shutil|pathlib|Path|remove|unlink|rename|"
    r"rmtree|write\w*|exit|quit|builtins|subprocess|signal|ctypes|gc|input|get_ipython|display)\b"
    r"|^\s*[%!]",
    re.MULTILINE,
)
_COMMENT_OR_BLANK = re.compile(r"^\s*(#.*)?$")


class CourseError(MedialitError, ValueError):
    """The course or assignment is not ready for grading; the message says what to do."""


@dataclass
class CellResult:
    """The outcome for one grade cell (``auto_score`` None means "needs manual grading")."""

    grade_id: str
    max_points: float
    kind: str  # "question", "written", "execution", or "deleted" (not in the submitted notebook)
    auto_score: float | None = None


@dataclass
class NotebookResult:
    name: str
    missing: bool = False
    cells: list[CellResult] = field(default_factory=list)
    comments: dict[str, str | None] = field(default_factory=dict)


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
    for name in notebooks:
        path = Path(coursedir.format_path(coursedir.release_directory, ".", assignment)) / f"{name}.ipynb"
        release[name] = _unlocked_code_sources(path) if path.exists() else set()
    return Course(config, coursedir, course_id, assignment, notebooks, release, grade_cells)


def _unlocked_code_sources(path: Path) -> set[str]:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return {c.source for c in nb.cells if c.cell_type == "code" and not _locked(c)}


def _locked(cell: Any) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("locked") or (meta.get("grade") and not meta.get("solution")))


#: The imports a question cell (or a locked set-up cell before it) may make.
_IMPORTS = {("medialit.grading", "grade"), ("medialit.checks", "answered")}


def _imports(stmt: ast.stmt) -> set[str] | None:
    """Names a statement imports from :data:`_IMPORTS`, or None when it is not such an import."""
    if isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and all(
            (stmt.module, a.name) in _IMPORTS and a.asname is None for a in stmt.names):
        return {a.name for a in stmt.names}
    return None


def _call_of(stmt: ast.stmt, name: str) -> str | None:
    """``"<id>"`` when ``stmt`` is exactly ``name("<id>")``."""
    if (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Name)
            and stmt.value.func.id == name and len(stmt.value.args) == 1 and not stmt.value.keywords
            and isinstance(stmt.value.args[0], ast.Constant) and isinstance(stmt.value.args[0].value, str)):
        return stmt.value.args[0].value
    return None


def _parse(source: str) -> list[ast.stmt] | None:
    lines = [ln for ln in source.splitlines() if not _COMMENT_OR_BLANK.match(ln)]
    try:
        return ast.parse("\n".join(lines)).body
    except SyntaxError:
        return None


def question_cell(source: str) -> tuple[str, set[str]] | None:
    """``(question id, names the cell uses without importing them)`` for a question cell.

    A question cell holds only: imports of ``grade`` (medialit.grading) and ``answered``
    (medialit.checks), ``answered("<id>")`` checks (they print, return nothing shown), and
    ends with ``grade("<id>")``, all for one id.  Anything else: None.
    """
    body = _parse(source)
    if not body:
        return None
    qid = _call_of(body[-1], "grade")
    if qid is None:
        return None
    imported: set[str] = set()
    needed = set()
    for stmt in body[:-1]:
        names = _imports(stmt)
        if names is not None:
            imported |= names
        elif _call_of(stmt, "answered") == qid:
            if "answered" not in imported:
                needed.add("answered")
        else:
            return None
    if "grade" not in imported:
        needed.add("grade")
    return qid, needed


def question_id(source: str) -> str | None:
    """The question id of a self-contained question cell (see :func:`question_cell`), else None."""
    found = question_cell(source)
    return found[0] if found and not found[1] else None


def setup_imports(source: str) -> set[str]:
    """Names of :data:`_IMPORTS` that a cell imports at its top level before any other statement
    could fail (imports of those names first, as the lessons' set-up cells do)."""
    body = _parse(source) or []
    names: set[str] = set()
    for stmt in body:
        got = _imports(stmt)
        if got is None:
            break
        names |= got
    return names


# -- the worker side --------------------------------------------------------------------
_STATE: dict[str, Any] = {}


def _init_worker(course: Course) -> None:
    import warnings

    os.environ["NBGRADER_EXECUTION"] = "autograde"  # answers files are read-only, as under autograde
    # nbformat warns about notebooks without cell ids, as it does under autograde's log; not the user's concern here
    warnings.filterwarnings("ignore", module="nbformat")
    _STATE["course"] = course
    _STATE.pop("preprocessors", None)
    from medialit.questions import all_questions

    all_questions()  # load the banks once per process


def _init_pool_worker(course: Course) -> None:
    """A worker process of the pool: the grading speed-ups on (:mod:`medialit.speedups`), then as in-process."""
    from medialit import speedups

    speedups.enable()
    _init_worker(course)


def _effective_answers_path(course: Course, student: str, notebook: str, qid: str) -> Path | None:
    """The answers file ``grade(qid)`` opens in autograde's working folder.

    Autograde's folder holds the submission plus the source folder's non-notebook files
    (minus ignored and ``exclude_overwriting`` ones), which replace same-named files.
    """
    from medialit.questions import find_question

    sub = course.submitted_dir(student)
    src = course.source_dir()
    ignore = list(course.coursedir.ignore)
    exclude = set(_autograde_setting(course, "exclude_overwriting", {}).get(course.assignment, []))
    files: dict[str, Path] = {}
    if sub.is_dir():
        for p in sub.iterdir():
            if p.is_file():
                files[p.name] = p
    if src.is_dir():
        for p in src.iterdir():
            if p.is_file() and not p.name.endswith(".ipynb") and p.name not in exclude \
                    and not any(fnmatch.fnmatch(p.name, pat) for pat in ignore):
                files[p.name] = p
    question = find_question(qid)
    preferred = f"{question.notebook}.answers.json" if question.notebook else None
    if preferred and preferred in files:
        return files[preferred]
    found = sorted(name for name in files if name.endswith(".answers.json"))
    if len(found) == 1:
        return files[found[0]]
    return None


def _autograde_setting(course: Course, name: str, default: Any) -> Any:
    section = course.config.get("Autograde", {})
    return section.get(name, default) if hasattr(section, "get") else default


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


def _preprocessors(course: Course) -> list[Any]:
    """Autograde's sanitizing preprocessors (nbgrader's own classes; OverwriteKernelspec is
    left out: the kernel spec plays no part when nothing is run)."""
    if "preprocessors" in _STATE:
        return _STATE["preprocessors"]
    from nbgrader.nbgraderformat import MetadataValidator, ValidationError
    from nbgrader.preprocessors import CheckCellMetadata, ClearOutput, DeduplicateIds, OverwriteCells

    source = _SourceCells(course.db_url, course.course_id)

    class CachedOverwriteCells(OverwriteCells):
        def preprocess(self, nb: Any, resources: Any) -> Any:
            self.notebook_id = resources["nbgrader"]["notebook"]
            self.assignment_id = resources["nbgrader"]["assignment"]
            self.db_url = resources["nbgrader"]["db_url"]
            self.gradebook = source
            nb, resources = super(OverwriteCells, self).preprocess(nb, resources)
            if self.add_missing_cells:
                nb, resources = self.add_missing_grade_cells(nb, resources)
                nb, resources = self.add_missing_task_cells(nb, resources)
            return nb, resources

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

    pps = [cls(config=course.config) for cls in (ClearOutput, DeduplicateIds, CachedOverwriteCells,
                                                 CachedCheckCellMetadata)]
    _STATE["preprocessors"] = pps
    return pps


def _sanitize(course: Course, nb: Any, notebook: str, student: str) -> Any:
    """Autograde's sanitizing step, with nbgrader's own preprocessors and the course config."""
    resources = {"nbgrader": {"notebook": notebook, "assignment": course.assignment, "student": student,
                              "db_url": course.db_url}}
    for pp in _preprocessors(course):
        nb, resources = pp.preprocess(nb, resources)
    return nb


def _score_question(course: Course, student: str, notebook: str, qid: str) -> tuple[float, str]:
    """(points, stderr text) of ``grade(qid)`` as the executed cell would end."""
    from medialit import grading

    path = _effective_answers_path(course, student, notebook, qid)
    out, err = io.StringIO(), io.StringIO()
    import warnings

    with warnings.catch_warnings(), redirect_stdout(out), redirect_stderr(err):
        warnings.simplefilter("default")
        points = grading.grade(qid, answers_path=path if path is not None else course.submitted_dir(student)
                               / f"{notebook}.answers.json.absent")
    return float(points), err.getvalue()


def grade_submission(student: str) -> SubmissionResult:
    """Grade one student's submission (runs in a worker process)."""
    import nbformat
    from nbgrader import utils

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
        try:
            nb = nbformat.read(path, as_version=4)
            nb = _sanitize(course, nb, name, student)
        except Exception as exc:  # an unreadable notebook: autograde decides what happens to it
            result.left_whole = f"{name}.ipynb cannot be read or sanitized ({type(exc).__name__}: {exc})"
            break
        released = course.release_cells.get(name, set())
        for cell in nb.cells:
            if cell.cell_type == "code" and not _locked(cell) and cell.source not in released:
                m = RISKY.search(cell.source)
                if m:
                    result.left_whole = (f"{name}.ipynb has code of the student's own that could change grading "
                                         f"({m.group(0).strip()!r} in a cell starting "
                                         f"{cell.source.strip()[:40]!r})")
                    break
        if result.left_whole:
            break
        defined: set[str] = set()  # names imported so far by locked cells (restored, so they run as released)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "code" and _locked(cell) and not utils.is_grade(cell):
                defined |= setup_imports(cell.source)
            if utils.is_grade(cell):
                max_points = float(meta["points"])
                found = question_cell(cell.source) if cell.cell_type == "code" and not utils.is_solution(cell) \
                    else None
                qid = found[0] if found else None
                if cell.cell_type == "code" and not utils.is_solution(cell) and qid is None:
                    nbres.cells.append(CellResult(meta["grade_id"], max_points, "execution"))
                else:
                    if found is not None and not found[1] <= defined:
                        # a name the cell needs was never imported (its set-up cell was deleted): NameError
                        cell.outputs = [nbformat.v4.new_output("error", ename="NameError",
                                                               evalue=f"name {sorted(found[1] - defined)[0]!r} "
                                                               "is not defined", traceback=[])]
                    elif qid is not None:
                        points, err = _score_question(course, student, name, qid)
                        cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": repr(points)},
                                                               execution_count=1)]
                        if err:
                            cell.outputs.insert(0, nbformat.v4.new_output("stream", name="stderr", text=err))
                    auto_score, _ = utils.determine_grade(cell)
                    nbres.cells.append(CellResult(meta["grade_id"], max_points,
                                                  "question" if qid is not None else "written", auto_score))
            if utils.is_solution(cell) or utils.is_task(cell):
                unchanged = meta.get("checksum") == utils.compute_checksum(cell) and not utils.is_task(cell)
                nbres.comments[meta["grade_id"]] = "No response." if unchanged else None
        seen = {c.grade_id for c in nbres.cells}
        for gid, max_points in course.grade_cells.get(name, {}).items():
            if gid not in seen:  # deleted by the student; autograde leaves its grade as it is
                nbres.cells.append(CellResult(gid, max_points, "deleted"))
    result.seconds = time.perf_counter() - started
    return result


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


CSV_FIELDS = ["student", "assignment", "notebook", "grade_id", "kind", "points", "max_points", "status"]


def write_csv(course: Course, results: list[SubmissionResult], path: str | os.PathLike[str]) -> None:
    """One row per student and grade cell (status: scored, needs manual grading, left to autograde)."""
    from medialit.core.annotation import atomic_write_text

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for res in results:
        if res.left_whole:
            writer.writerow({"student": res.student, "assignment": course.assignment, "notebook": "",
                             "grade_id": "", "kind": "", "points": "", "max_points": "",
                             "status": f"left to nbgrader autograde: {res.left_whole}"})
            continue
        for nb, cell in res.cells():
            status = ("left to nbgrader autograde (runs code)" if cell.kind == "execution" else
                      "grading cell deleted from the notebook: not scored" if cell.kind == "deleted" else
                      "needs manual grading" if cell.auto_score is None else "scored")
            writer.writerow({"student": res.student, "assignment": course.assignment, "notebook": nb,
                             "grade_id": cell.grade_id, "kind": cell.kind,
                             "points": "" if cell.auto_score is None else f"{cell.auto_score:g}",
                             "max_points": f"{cell.max_points:g}", "status": status})
        for nbres in res.notebooks:
            if nbres.missing:
                writer.writerow({"student": res.student, "assignment": course.assignment, "notebook": nbres.name,
                                 "grade_id": "", "kind": "", "points": "0", "max_points": "",
                                 "status": "notebook not submitted: every cell scores 0"})
    atomic_write_text(path, buf.getvalue())


def grade_class(course: Course, students: list[str] | None = None, jobs: int | None = None,
                progress: Callable[[SubmissionResult], None] | None = None) -> list[SubmissionResult]:
    """Grade every submission (in ``jobs`` processes); results in student order."""
    students = students if students is not None else course.students()
    jobs = max(1, jobs or os.cpu_count() or 1)
    results: list[SubmissionResult] = []
    if jobs == 1 or len(students) <= 1:
        saved = os.environ.get("NBGRADER_EXECUTION")
        try:
            _init_worker(course)
            for s in students:
                r = grade_submission(s)
                results.append(r)
                if progress:
                    progress(r)
        finally:
            if saved is None:
                os.environ.pop("NBGRADER_EXECUTION", None)
            else:
                os.environ["NBGRADER_EXECUTION"] = saved
    else:
        import multiprocessing

        ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_pool_worker, initargs=(course,)) as pool:
            for r in pool.map(grade_submission, students, chunksize=max(1, len(students) // (jobs * 8))):
                results.append(r)
                if progress:
                    progress(r)
    return results
