"""nbgrader autograde with scores that no notebook code can change.

:func:`configure` puts these preprocessors into a course's ``nbgrader_config.py``:

- :class:`RestoreReleasedCells` (sanitizing, before ``OverwriteCells``): a locked cell that
  is exactly as it was released gets its hidden tests back without a warning, so nbgrader's
  "checksum has changed" warning is left for cells a student really changed;
- :class:`ScoreSubmittedAnswers` (first of the autograde steps, before ``Execute``): reads
  the answers file from the student's *submitted* folder and scores every question cell
  (:func:`medialit.grading.cell_scores.score_question_cells`, the scorer ``medialit grade``
  uses) before any cell runs; it also puts a copy of that file beside the notebook, so
  that the notebook's read-only summaries show the student's answers;
- :class:`ExecuteToTheEnd` in place of nbgrader's ``Execute``: a kernel killed by notebook
  code, or one that ignores the interrupt at the time limit, fails the cells not yet run
  instead of the whole submission;
- :class:`ScoreQuestionCells` (after ``LimitOutput``, before ``SaveAutoGrades``): replaces
  each question cell's outputs with the explanation (stdout) and an ``execute_result``
  holding the points, which ``SaveAutoGrades`` records.  Whatever the kernel printed or
  returned for those cells is dropped;
- :class:`medialit.grading.rubrics.ShowRubrics` (last): each written answer of the graded
  copy gets its rubric from the source notebook, for the formgrader, in a hidden-tests
  region that ``generate_feedback`` removes;
- :class:`ShortErrors` and :class:`HideInstructorPaths` for ``generate_feedback``: a grade
  cell's error is cut to its last line, and the course's folders are replaced by
  ``<course>`` (the package's by ``<python>``) in every output.

No answers file of a source folder reaches a student's graded folder: :func:`configure`
tells autograde not to copy any ``*.answers.json`` found in the source folders when
nbgrader starts, and :class:`ScoreSubmittedAnswers` removes, before the notebook runs,
any answers file in the graded folder that the student did not submit.

The questions and their keys are read once per autograde run, before the first notebook
runs, and kept: a bank file changed by code while autograde runs changes no score, is put
back, and is reported as an error naming the student whose notebook ran.

Limits: nbgrader runs students' code as the user who runs autograde, so that code can
still write to any file that user may write (the gradebook included); only the scores of
question cells are beyond its reach.  Grade cells that test code (code exercises) are
scored from what the kernel returns, as nbgrader does.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import weakref
from pathlib import Path
from typing import Any

from nbconvert.preprocessors import Preprocessor
from nbformat import v4
from nbgrader import utils
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Bool

from medialit.grading import run_guard
from medialit.grading.cell_scores import CellScore, graded_questions, score_question_cells, submitted_answers_path

#: Where the pre-execution scores travel to :class:`ScoreQuestionCells` within one notebook's run.
RESOURCE_KEY = "medialit_question_scores"
#: ... and the copies of what the run must not change (:mod:`medialit.grading.run_guard`).
GUARD_KEY = "medialit_run_guard"
ANSWERS_GLOB = "*.answers.json"
_HERE = "medialit.grading.nbgrader_scoring"

#: Per autograde run (keyed by its CourseDirectory): the graded questions of each notebook as
#: first read, and the bank files' content then.  A new run (formgrader runs autograde in the
#: server's process) reads the banks afresh.
_RUNS: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()


def _run_state(coursedir: Any) -> dict[str, Any]:
    try:
        return _RUNS.setdefault(coursedir, {})
    except TypeError:  # not weak-referenceable: state for this call only
        return {}


def _coursedir(pp: Any) -> Any:
    """The CourseDirectory of the nbgrader app running ``pp`` (from its parents, else from its config)."""
    obj = getattr(pp, "parent", None)
    while obj is not None:
        found = getattr(obj, "coursedir", None)
        if found is not None:
            return found
        obj = getattr(obj, "parent", None)
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=pp.config)


def course_questions(notebook: str, state: dict[str, Any]) -> dict[str, Any]:
    """The graded questions of ``notebook`` as this run (``state``) first read them, keys resolved."""
    from medialit.questions.lookup import bank_files

    questions = state.setdefault("questions", {})
    if notebook not in questions:
        if "banks" not in state:
            state["banks"] = run_guard.keep_files(bank_files())
        found = graded_questions(notebook)
        for q in found.values():
            if q.kind.auto_scored:
                try:  # read the key (and the article it points into) now, before any code runs
                    q.kind.key()
                except (LookupError, ValueError):
                    pass  # scored as "key cannot be read", with the reason, when the cell is scored
        questions[notebook] = found
    return questions[notebook]


def restore_banks(state: dict[str, Any]) -> list[str]:
    """Put back the bank files whose content changed since :func:`course_questions` first
    read them in this run (what was written is set aside beside each); returns what was put back."""
    from datetime import UTC, datetime

    kept = state.get("banks")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return run_guard.restore_files(kept, set_aside=f"changed-while-grading-{stamp}") if kept else []


def _gradebook_file(coursedir: Any) -> str | None:
    url = coursedir.db_url or ""
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None


def question_grade_cells(nb: Any) -> dict[str, float]:
    """Grade id -> maximum points of the notebook's code grade cells that are not solution cells."""
    return {cell.metadata["nbgrader"]["grade_id"]: float(cell.metadata["nbgrader"]["points"])
            for cell in nb.cells
            if cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell)}


def set_score_outputs(cell: Any, result: CellScore) -> None:
    """Make the cell show ``result``: its explanation on stdout and its points as the cell's value."""
    cell.outputs = [v4.new_output("stream", name="stdout", text=result.text),
                    v4.new_output("execute_result", {"text/plain": repr(float(result.points))},
                                  execution_count=cell.get("execution_count"))]


class RestoreReleasedCells(NbGraderPreprocessor):
    """Sanitizing: put the hidden tests back, quietly, into locked cells left as released."""

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        from nbgrader.api import Gradebook, MissingEntry

        info = resources["nbgrader"]
        try:
            with Gradebook(info["db_url"]) as gb:
                cells = gb.find_notebook(info["notebook"], info["assignment"]).source_cells
                self._sources = {c.name: (c.source, c.locked) for c in cells}
        except MissingEntry:
            return nb, resources
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        restore_released_cell(cell, self._sources, self)
        return cell, resources


def released_source(source: str, parent: Any = None) -> str:
    """``source`` as ``generate_assignment`` releases it (hidden tests removed)."""
    from nbformat.notebooknode import NotebookNode
    from nbgrader.preprocessors import ClearHiddenTests

    cell = NotebookNode(source=source)
    ClearHiddenTests(parent=parent)._remove_hidden_test_region(cell)
    return cell.source


def restore_released_cell(cell: Any, sources: dict[str, tuple[str, bool]], parent: Any = None) -> bool:
    """Give a locked cell that is exactly as released its source back; True when it did."""
    gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    found = sources.get(gid) if gid else None
    if found is None or not found[1] or cell.source == found[0]:
        return False
    try:
        released = released_source(found[0], parent)
    except RuntimeError:  # unbalanced hidden-test markers in the source: leave it to nbgrader
        return False
    if cell.source == released:
        cell.source = found[0]
        return True
    return False


class ScoreSubmittedAnswers(NbGraderPreprocessor):
    """Before any cell runs: score the question cells from the answers file in the submitted folder.

    It also makes the graded folder hold the student's answers files only: any other
    ``*.answers.json`` there is removed (with a warning), and a renamed one of the student's
    is put under the notebook's own name, for the notebook's read-only summaries.
    """

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        info = resources["nbgrader"]
        coursedir = _coursedir(self)
        submitted = Path(coursedir.format_path(coursedir.submitted_directory, info["student"], info["assignment"]))
        resources[RESOURCE_KEY] = score_question_cells(info["notebook"], submitted, question_grade_cells(nb),
                                                       course_questions(info["notebook"], _run_state(coursedir)))
        resources[GUARD_KEY] = {"submitted": run_guard.snapshot_folder(submitted),
                                "gradebook": run_guard.file_digest(_gradebook_file(coursedir))}
        graded = Path(coursedir.format_path(coursedir.autograded_directory, info["student"], info["assignment"]))
        for path in sorted(graded.rglob(ANSWERS_GLOB)) if graded.is_dir() else []:
            own = submitted / path.relative_to(graded)
            if not (own.is_file() and own.read_bytes() == path.read_bytes()):
                self.log.warning("Removing %s from the graded folder of %s: it is not the student's",
                                 path.name, info["student"])
                path.unlink()
        found = submitted_answers_path(submitted, info["notebook"])
        dest = graded / f"{info['notebook']}.answers.json"
        if found is not None and not dest.exists():
            graded.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(found, dest)
        resources[GUARD_KEY]["graded"] = run_guard.keep_files(sorted(graded.rglob(ANSWERS_GLOB)) + [dest])
        return nb, resources


class ExecuteToTheEnd(Execute):
    """nbgrader's ``Execute``, except that a kernel that dies (notebook code ending its own
    process) or stops answering (a loop that ignores the interrupt sent at the time limit)
    costs the cells not yet run, not the whole submission: the cell that was running and every
    later code cell get an error output, no more code runs, and grading goes on."""

    _dead: bool = False

    def preprocess(self, nb: Any, resources: Any = None, km: Any = None) -> tuple[Any, Any]:
        self._dead = False
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        from nbclient.exceptions import CellTimeoutError, DeadKernelError

        if self._dead:
            if cell.cell_type == "code" and "skip-execution" not in cell.metadata.get("tags", []):
                cell.outputs = [_error_output("KernelDied", "the kernel had stopped before this cell could run")]
            return cell, resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except (DeadKernelError, CellTimeoutError) as exc:
            self._dead = True
            what = "died" if isinstance(exc, DeadKernelError) else "stopped answering (even to an interrupt)"
            self.log.warning("The kernel %s while cell %d of %s ran; the cells after it are marked as not run",
                             what, index, resources.get("nbgrader", {}).get("student", "this notebook"))
            cell.outputs = [*cell.get("outputs", []), _error_output("KernelDied", f"the kernel {what} while this "
                                                                               "cell ran")]
            return cell, resources


def _error_output(name: str, message: str) -> Any:
    return v4.new_output("error", ename=name, evalue=message, traceback=[f"{name}: {message}"])


class ScoreQuestionCells(NbGraderPreprocessor):
    """After the run, before the scores are saved.

    - Each question cell shows its explanation and its points (from
      :class:`ScoreSubmittedAnswers`), nothing the kernel made.
    - Any other code grade cell whose value is not a number from 0 to its points (a test
      whose functions the notebook replaced) gets an error instead: it scores 0, where
      nbgrader would give full points (a value that is no number, or below 0) or stop
      grading the student (a value above the points).
    - The student's submitted folder and the question banks are put back as they were
      before the run, and a changed gradebook is reported (:mod:`medialit.grading.run_guard`).
    """

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        info = resources["nbgrader"]
        coursedir = _coursedir(self)
        scores = resources.get(RESOURCE_KEY)
        if scores is None:
            self.log.error("%s.ScoreSubmittedAnswers is not among the autograde preprocessors before Execute: the "
                           "answers of %s were read after the notebook ran; use %s.configure(c) in "
                           "nbgrader_config.py", _HERE, info["student"], _HERE)
            submitted = coursedir.format_path(coursedir.submitted_directory, info["student"], info["assignment"])
            scores = score_question_cells(info["notebook"], submitted, question_grade_cells(nb),
                                          course_questions(info["notebook"], _run_state(coursedir)))
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            gid = meta.get("grade_id")
            if cell.cell_type != "code" or not utils.is_grade(cell):
                continue
            if gid in scores:
                set_score_outputs(cell, scores[gid])
            elif not utils.is_solution(cell):
                bad = out_of_range_value(cell)
                if bad is not None:
                    self.log.warning("Grade cell %s of %s returned %s, not a score from 0 to %g: scored 0",
                                     gid, info["student"], bad, float(meta["points"]))
                    cell.outputs = [_error_output("ScoreError", f"the cell's value {bad} is not a score from 0 to "
                                                  f"{float(meta['points']):g}; the tests could not run as written")]
        for result in scores.values():
            if result.problem:
                self.log.warning("%s (student %s scores 0 on it)", result.problem, info["student"])
        self._check_files(info, coursedir, resources.get(GUARD_KEY))
        return nb, resources

    def _check_files(self, info: dict[str, str], coursedir: Any, guard: dict[str, Any] | None) -> None:
        who = f"the notebook {info['notebook']} of {info['student']}"
        if guard is not None:
            submitted = coursedir.format_path(coursedir.submitted_directory, info["student"], info["assignment"])
            changes = run_guard.restore_folder(submitted, guard["submitted"])
            if changes:
                self.log.error("The submitted folder changed while %s ran (%s); it was put back as submitted",
                               who, "; ".join(changes))
            run_guard.restore_files(guard["graded"])  # the copy beside the graded notebook, as placed
            if run_guard.file_digest(_gradebook_file(coursedir)) != guard["gradebook"]:
                self.log.error("The gradebook changed while %s ran: code in the notebook (or another program) "
                               "wrote to it; check that student's scores", who)
        changed = restore_banks(_run_state(coursedir))
        if changed:
            self.log.error("Question bank(s) changed while %s ran; scores use them as they were before, and they "
                           "were put back: %s", who, "; ".join(changed))


def out_of_range_value(cell: Any, limit: int = 80) -> str | None:
    """The cell's value (shortened) when it is not a number from 0 to the cell's points, else None.

    A cell without a value (no ``execute_result``) is fine: nbgrader scores it by its errors.
    """
    import math

    max_points = float(cell.metadata["nbgrader"]["points"])
    for out in cell.get("outputs", []):
        if out.get("output_type") != "execute_result":
            continue
        raw = out.get("data", {}).get("text/plain", "")
        text = "".join(raw) if isinstance(raw, list) else str(raw)
        try:
            value = float(text)
        except ValueError:
            return repr(text[:limit] + ("…" if len(text) > limit else ""))
        if not (math.isfinite(value) and 0.0 <= value <= max_points):
            return text[:limit]
        return None
    return None


class ShortErrors(Preprocessor):
    """Feedback: the traceback of an error in a grading cell becomes ``Name: message``
    (a traceback quotes the lines around the failure, hidden tests included)."""

    enabled = Bool(True)

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
            for out in cell.outputs:
                if out.output_type == "error":
                    out.traceback = [f"{out.ename}: {out.evalue}"]
        return cell, resources


def instructor_paths(course_root: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """(folder, what feedback shows instead), longest first: the course, the package and the
    folder around it (a clone of medialit), Python, home."""
    from medialit.core.paths import PACKAGE_DIR, SOURCE_ROOT

    pairs = []
    for path, label in ((course_root, "<course>"), (PACKAGE_DIR, "<medialit>"), (SOURCE_ROOT, "<medialit>/.."),
                        (sys.prefix, "<python>"), (sys.base_prefix, "<python>"), (Path.home(), "~")):
        for variant in {str(path), os.path.realpath(path)}:
            if len(variant) > 1:
                pairs.append((variant.rstrip("/"), label))
    return sorted(set(pairs), key=lambda p: -len(p[0]))


def hide_paths(text: str, pairs: list[tuple[str, str]]) -> str:
    """``text`` with every folder of ``pairs`` (as a whole path prefix) replaced by its label."""
    for path, label in pairs:
        if path in text:
            text = re.sub(re.escape(path) + r"(?![\w.-])", label, text)
    return text


class HideInstructorPaths(Preprocessor):
    """Feedback: no absolute path of the instructor's in any output (course, package, Python, home)."""

    enabled = Bool(True)

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        self._pairs = instructor_paths(_coursedir(self).root)
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        for out in cell.get("outputs", []):
            if "text" in out:
                out.text = hide_paths(out.text, self._pairs)
            if "traceback" in out:
                out.traceback = [hide_paths(line, self._pairs) for line in out.traceback]
            if "evalue" in out:
                out.evalue = hide_paths(out.evalue, self._pairs)
            for mime, value in (out.get("data") or {}).items():
                if isinstance(value, str):
                    out.data[mime] = hide_paths(value, self._pairs)
        return cell, resources


def source_answers_files(c: Any) -> dict[str, list[str]]:
    """Assignment -> the ``*.answers.json`` files of its source folder (relative paths), for
    ``Autograde.exclude_overwriting``: autograde then copies none of them over a submission."""
    section = c.CourseDirectory
    root = Path(section.root) if "root" in section else Path.cwd()
    source = root / (section.source_directory if "source_directory" in section else "source")
    out: dict[str, list[str]] = {}
    for folder in sorted(p for p in source.iterdir() if p.is_dir()) if source.is_dir() else []:
        found = sorted(p.relative_to(folder).as_posix() for p in folder.rglob(ANSWERS_GLOB) if p.is_file())
        if found:
            out[folder.name] = found
    return out


def configure(c: Any) -> None:
    """Set up medialit's scoring and feedback in an nbgrader config (``c = get_config()``).

    Call it after the ``CourseDirectory`` settings: autograde is told not to copy any
    answers file found in the source folders (:func:`source_answers_files`).
    """
    c.Autograde.exclude_overwriting = source_answers_files(c)
    c.Autograde.sanitize_preprocessors = [
        "nbgrader.preprocessors.ClearOutput", "nbgrader.preprocessors.DeduplicateIds",
        "nbgrader.preprocessors.OverwriteKernelspec", f"{_HERE}.RestoreReleasedCells",
        "nbgrader.preprocessors.OverwriteCells", "nbgrader.preprocessors.CheckCellMetadata"]
    c.Autograde.autograde_preprocessors = [
        f"{_HERE}.ScoreSubmittedAnswers", f"{_HERE}.ExecuteToTheEnd", "nbgrader.preprocessors.IgnorePattern",
        "nbconvert.preprocessors.ClearMetadataPreprocessor", "nbgrader.preprocessors.LimitOutput",
        f"{_HERE}.ScoreQuestionCells", "nbgrader.preprocessors.SaveAutoGrades",
        "nbgrader.preprocessors.AssignLatePenalties", "nbgrader.preprocessors.CheckCellMetadata",
        "medialit.grading.rubrics.ShowRubrics"]
    c.GenerateFeedback.preprocessors = [
        "nbgrader.preprocessors.GetGrades", "nbgrader.preprocessors.ClearHiddenTests", f"{_HERE}.ShortErrors",
        f"{_HERE}.HideInstructorPaths", "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor"]
