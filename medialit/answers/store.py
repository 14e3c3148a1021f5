"""The answers file: every answer a student gives in one notebook, kept on disk.

``<notebook>.answers.json`` beside the notebook (shape: ``schema/answers.schema.json``)::

    {"schema_version": 1, "notebook": "01-sources",
     "answers": {"q3": {"kind": "multiple", "value": ["a", "c"], "updated": "2026-11-28T16:40:00+00:00"}}}

Question ids equal the nbgrader grade ids.  Every :meth:`AnswerStore.record` checks the
answer's form against its question and rewrites the file atomically (temporary file,
fsync, rename), so a crash leaves either the old file or the new one.

A corrupt or hand-edited file is never dropped: a timestamped copy is kept beside it
(``<file>.corrupt-<time>.bak``), every well-formed answer is loaded, and a warning names
the problem (also in :attr:`AnswerStore.problems`).  While ``NBGRADER_EXECUTION`` is set
(nbgrader autograde / validate) the store is read-only: answers recorded then live in
memory for the grading cells of the same run and are never written.

Code can record answers without widgets::

    from medialit import answers
    answers.use("01-sources")            # or let it find the notebook in JupyterLab
    answers.record("q3", ["a", "c"])

Limit: two kernels writing the same file at the same moment can still lose the slower
write's *other* answers between its reload and its rename; one notebook, one kernel.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import warnings
import weakref
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from medialit.core.annotation import atomic_write_text
from medialit.errors import MedialitError

SCHEMA_VERSION = 1
SUFFIX = ".answers.json"


class AnswersFileError(MedialitError, OSError):
    """The answers file cannot be written (the message says why and what to do)."""


class AnswersFileWarning(UserWarning):
    """The answers file was corrupt or hand-edited; a backup was kept and what could be read was loaded."""


def read_only_env() -> bool:
    """True while nbgrader executes the notebook (``NBGRADER_EXECUTION`` is set)."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def notebook_stem(name: str | os.PathLike[str]) -> str:
    """``lessons/01-sources.ipynb`` -> ``01-sources``."""
    stem = Path(name).name
    for suffix in (".ipynb", SUFFIX):
        stem = stem.removesuffix(suffix)
    return stem


class AnswerStore:
    """The answers of one notebook, loaded from and written to ``path``.

    ``read_only`` defaults to :func:`read_only_env`.  After loading, :attr:`problems`
    lists what was wrong with the file (empty when it was fine) and :attr:`backup_path`
    names the copy kept of a corrupt file.
    """

    _shared: dict[Path, AnswerStore] = {}

    def __init__(self, path: str | os.PathLike[str], notebook: str | None = None, read_only: bool | None = None):
        self.path = Path(path).absolute()  # a later chdir in the notebook must not move the file
        self.notebook = notebook or notebook_stem(self.path)
        self.read_only = read_only_env() if read_only is None else read_only
        self.problems: list[str] = []
        self.backup_path: Path | None = None
        self._answers: dict[str, dict[str, Any]] = {}
        self._stamp: tuple[int, int] | None = None
        self._watchers: list[weakref.ref[Any]] = []
        self._load()

    # ----- opening ------------------------------------------------------------------------
    @classmethod
    def for_notebook(cls, name: str, folder: str | os.PathLike[str] = ".") -> AnswerStore:
        """The store of notebook ``name`` (``01-sources`` or ``01-sources.ipynb``) in ``folder``.

        Returns the same object for the same file within a kernel, so widgets share it.
        """
        stem = notebook_stem(name)
        return cls.open(Path(folder) / f"{stem}{SUFFIX}", stem)

    @classmethod
    def open(cls, path: str | os.PathLike[str], notebook: str | None = None) -> AnswerStore:
        """The shared store for ``path`` (created on first use)."""
        key = Path(path).resolve()
        store = cls._shared.get(key)
        if store is None or store.read_only != read_only_env():
            store = cls(path, notebook)
            cls._shared[key] = store
        else:
            store.refresh()
        return store

    # ----- reading ------------------------------------------------------------------------
    def get(self, qid: str, default: Any = None) -> Any:
        """The recorded value for ``qid`` (``default`` when unanswered)."""
        self.refresh()
        entry = self._answers.get(qid)
        return entry["value"] if entry else default

    def entry(self, qid: str) -> dict[str, Any] | None:
        """``{"kind", "value", "updated"}`` for ``qid``, or None."""
        self.refresh()
        entry = self._answers.get(qid)
        return dict(entry) if entry else None

    def answered(self) -> list[str]:
        """Ids of the answered questions, in the order first recorded."""
        self.refresh()
        return list(self._answers)

    def to_json(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, "notebook": self.notebook, "answers": dict(self._answers)}

    # ----- watching -----------------------------------------------------------------------
    def watch(self, callback: Callable[[str], Any]) -> None:
        """Call ``callback(qid)`` after every :meth:`record` and :meth:`clear` of this store.

        The callback is held weakly (a bound method lives as long as its object, so a panel
        that is gone stops being called); a plain function must be kept alive by its caller.
        A callback that raises gets a warning; the answer stays recorded.  Limit: answers
        written by another kernel or by hand are seen at the next read, not announced.
        """
        ref = weakref.WeakMethod(callback) if hasattr(callback, "__self__") else weakref.ref(callback)
        self._watchers.append(ref)

    def _announce(self, qid: str) -> None:
        alive = []
        for ref in self._watchers:
            callback = ref()
            if callback is None:
                continue
            alive.append(ref)
            try:
                callback(qid)
            except Exception as exc:  # a display that fails must not cost the answer
                warnings.warn(f"could not update a display after answering {qid}: {exc}", stacklevel=3)
        self._watchers = alive

    # ----- writing ------------------------------------------------------------------------
    def record(self, qid: str, value: Any, question: Any = None) -> Any:
        """Check ``value``'s form against the question, keep it, write the file; return the stored form.

        ``question`` defaults to ``find_question(qid)``.  Raises
        :class:`~medialit.questions.errors.AnswerFormError` for an answer of the wrong form (nothing
        is stored) and :class:`AnswersFileError` when the file cannot be written (the answer
        stays in memory and is written with the next successful record).
        """
        if question is None:
            from medialit.questions import find_question

            question = find_question(qid)
        stored = question.check_answer(value)
        self.refresh()
        self._answers[qid] = {"kind": question.type, "value": stored, "updated": _now()}
        try:
            self._write()
        finally:  # kept in memory even when the write failed: displays count it
            self._announce(qid)
        return stored

    def clear(self, qid: str) -> None:
        """Forget the answer to ``qid`` (and write the file)."""
        self.refresh()
        if self._answers.pop(qid, None) is not None:
            try:
                self._write()
            finally:
                self._announce(qid)

    def _write(self) -> None:
        if self.read_only:
            return
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"
        try:
            atomic_write_text(self.path, text)
        except OSError as exc:
            raise AnswersFileError(
                f"could not save your answers to {self.path}: {exc.strerror or exc}. They are kept in this "
                "session; free some disk space or fix the folder's permissions, then answer again to save."
            ) from None
        self._stamp = self._file_stamp()

    # ----- loading ------------------------------------------------------------------------
    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def refresh(self) -> None:
        """Re-read the file when someone else changed it since this store last read or wrote it.

        Answers recorded here but not yet written (read-only mode, failed write) are kept.
        """
        if self._stamp != self._file_stamp():
            pending = {} if not self.read_only else dict(self._answers)
            self._load()
            self._answers.update({k: v for k, v in pending.items() if k not in self._answers or
                                  v["updated"] >= self._answers[k]["updated"]})

    def _load(self) -> None:
        self._stamp = self._file_stamp()
        self._answers = {}
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            self._report([f"cannot read the file: {exc.strerror or exc}"], raw=None)
            return
        problems: list[str] = []
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(f"not UTF-8 text (byte {exc.start}); the unreadable bytes were replaced")
            text = raw.decode("utf-8", errors="replace")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            problems.append(f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
            data = {"schema_version": SCHEMA_VERSION, "notebook": self.notebook, "answers": _salvage_entries(text)}
        if not isinstance(data, dict):
            problems.append(f"the file holds a {type(data).__name__}, not the answers mapping")
            data = {}
        if data.get("schema_version", SCHEMA_VERSION) != SCHEMA_VERSION:
            problems.append(f"schema_version {data.get('schema_version')!r} is not {SCHEMA_VERSION}")
        entries = data.get("answers", {})
        if not isinstance(entries, dict):
            problems.append("'answers' is not a mapping from question id to answer")
            entries = {}
        from medialit.questions.schemas import answers_problems

        for qid, entry in entries.items():
            doc = {"schema_version": SCHEMA_VERSION, "notebook": "x", "answers": {qid: entry}}
            found = answers_problems(doc)
            if found:
                problems += [f"answer {qid!r} could not be read: {p.removeprefix('answers.' + qid)}"
                             .replace(": .", ": ").replace(":: ", ": ") for p in found[:3]]
            else:
                self._answers[qid] = dict(entry)
        if problems:
            self._report(problems, raw)

    def _report(self, problems: list[str], raw: bytes | None) -> None:
        self.problems = problems
        if raw is not None and not self.read_only:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}.bak")
            n = 1
            while backup.exists():
                n += 1
                backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}.bak")
            try:
                shutil.copy2(self.path, backup)
                self.backup_path = backup
            except OSError:
                self.backup_path = None
        warnings.warn(AnswersFileWarning(self.problem_message()), stacklevel=3)

    def problem_message(self) -> str:
        """What was wrong with the file, what was kept, and where the copy is ('' when fine)."""
        if not self.problems:
            return ""
        lines = [f"Your answers file {self.path} had a problem:"]
        lines += [f"  - {p}" for p in self.problems[:10]]
        ids = ", ".join(self._answers) or "none"
        lines.append(f"Recovered {len(self._answers)} answer(s): {ids}.")
        if self.backup_path:
            lines.append(f"The file as it was is kept in {self.backup_path}; nothing you entered was deleted. "
                         "Answers you give now are saved to a clean file.")
        elif self.read_only:
            lines.append("The file was left untouched (read-only while nbgrader runs).")
        return "\n".join(lines)


_ENTRY_START = re.compile(r'"answers"\s*:\s*\{')


def _salvage_entries(text: str) -> dict[str, Any]:
    """Every complete ``"qid": {...}`` entry of the answers mapping of broken JSON, in order.

    Reads entries one by one from the start of the ``answers`` mapping and stops at the
    first one that does not parse (a truncated or hand-broken file keeps what precedes it).
    """
    m = _ENTRY_START.search(text)
    if not m:
        return {}
    decoder = json.JSONDecoder()
    pos, out = m.end(), {}

    def skip(at: int, chars: str = " \t\r\n") -> int:
        while at < len(text) and text[at] in chars:
            at += 1
        return at

    while True:
        pos = skip(pos, " \t\r\n,")
        try:
            key, pos = decoder.raw_decode(text, pos)
            pos = skip(pos)
            if text[pos : pos + 1] != ":":
                break
            value, pos = decoder.raw_decode(text, skip(pos + 1))
        except json.JSONDecodeError:
            break
        if isinstance(key, str):
            out[key] = value
    return out


# ----- the current notebook's store ---------------------------------------------------------

_current: AnswerStore | None = None


def use(notebook: str, folder: str | os.PathLike[str] = ".") -> AnswerStore:
    """Make ``<folder>/<notebook>.answers.json`` the store that :func:`record`, widgets and grading use."""
    global _current
    _current = AnswerStore.for_notebook(notebook, folder)
    return _current


def current_store(question: Any = None, required: bool = True) -> AnswerStore | None:
    """The store answers go to, first found of:

    1. the store set by :func:`use`;
    2. ``<notebook>.answers.json`` in the working folder when the question's bank names
       its ``notebook`` (stable under nbgrader, which runs notebooks under their own names);
    3. the notebook JupyterLab runs this kernel for (``JPY_SESSION_NAME``).

    Raises ``LookupError`` saying how to fix it when none applies (``None`` if not ``required``).
    """
    if _current is not None:
        return _current
    if question is not None and getattr(question, "notebook", None):
        return AnswerStore.for_notebook(question.notebook, ".")
    session = os.environ.get("JPY_SESSION_NAME", "")
    if session.endswith(".ipynb"):
        return AnswerStore.for_notebook(Path(session).name, ".")
    if required:
        raise LookupError("medialit does not know which notebook these answers belong to; "
                          "call answers.use('<notebook name>') first, e.g. answers.use('01-sources')")
    return None


def record(qid: str, value: Any) -> Any:
    """Record an answer from code in the current store (see :func:`current_store`); returns its stored form."""
    from medialit.questions import find_question

    question = find_question(qid)
    return current_store(question).record(qid, value, question)


def get(qid: str, default: Any = None) -> Any:
    """The current store's answer to ``qid``."""
    from medialit.questions import find_question

    return current_store(find_question(qid)).get(qid, default)


def answered() -> list[str]:
    """Ids answered in the current store."""
    return current_store().answered()
