"""Files that notebook code must not change while nbgrader runs it: kept, compared, put back.

``nbgrader autograde`` runs students' code as the user who grades, so that code can write
to the course.  :class:`~medialit.grading.nbgrader_scoring.ScoreSubmittedAnswers` keeps a
copy of what grading depends on before the notebook runs, and
:class:`~medialit.grading.nbgrader_scoring.ScoreQuestionCells` compares after the run:

- the student's submitted folder (notebook, answers file, timestamp): put back as it was,
  so that a later ``medialit grade`` or ``nbgrader autograde --force`` reads the submission
  as handed in;
- the question banks (with their keys): put back as they were, the changed content set
  aside beside each (``questions.yaml.changed-while-grading-<time>``), so that an edit made
  while autograde runs is not lost;
- the gradebook: only compared (it is a database in use); a change is reported.

Limits: only what a run changes *while it runs* is found; a process that notebook code
leaves behind can still write later, and files other than these (the medialit package
itself, other students' folders) are not watched.  Grading in a sandbox that cannot write
to the course closes those gaps.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

#: Files larger than this are compared by digest only (not put back).
KEEP_LIMIT = 20_000_000


def snapshot_folder(folder: str | os.PathLike[str]) -> dict[str, bytes | str]:
    """Relative path -> content (or, for a very large file, its digest) of every file in ``folder``."""
    root = Path(folder)
    out: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")) if root.is_dir() else []:
        if path.is_file():
            data = path.read_bytes()
            out[path.relative_to(root).as_posix()] = data if len(data) <= KEEP_LIMIT else _digest(data)
    return out


def restore_folder(folder: str | os.PathLike[str], kept: dict[str, bytes | str]) -> list[str]:
    """Put ``folder`` back as :func:`snapshot_folder` saw it; returns what had changed
    (``name: changed / deleted / added``).  Added files are removed."""
    root = Path(folder)
    now = snapshot_folder(root)
    changes = []
    for rel in sorted(set(kept) | set(now)):
        before, after = kept.get(rel), now.get(rel)
        if before == after:
            continue
        path = root / rel
        if before is None:
            changes.append(f"{rel}: added")
            path.unlink()
        elif isinstance(before, str):  # too large to keep: only reported
            changes.append(f"{rel}: {'deleted' if after is None else 'changed'} (too large to put back)")
        else:
            changes.append(f"{rel}: {'deleted' if after is None else 'changed'}")
            path.parent.mkdir(parents=True, exist_ok=True)
            _rewrite(path, before)
    return changes


def keep_files(paths: list[Path]) -> dict[str, bytes | None]:
    """The content of each file (None when it does not exist)."""
    return {str(p): (p.read_bytes() if p.is_file() else None) for p in paths}


def restore_files(kept: dict[str, bytes | None], set_aside: str | None = None) -> list[str]:
    """Put each file of :func:`keep_files` back; returns the paths that had changed.

    With ``set_aside`` (a name tag), the changed content is first saved beside the file as
    ``<name>.<set_aside>``, so that nothing written to it is lost.
    """
    changed = []
    for name, data in kept.items():
        path = Path(name)
        now = path.read_bytes() if path.is_file() else None
        if now == data:
            continue
        if set_aside and now is not None:
            aside = path.with_name(f"{path.name}.{set_aside}")
            aside.write_bytes(now)
            changed.append(f"{name} (what was written is kept in {aside.name})")
        else:
            changed.append(name)
        if data is None:
            path.unlink()
        else:
            _rewrite(path, data)
    return changed


def file_digest(path: str | os.PathLike[str]) -> str | None:
    """SHA-256 of a file's content (None when it does not exist)."""
    p = Path(path)
    return _digest(p.read_bytes()) if p.is_file() else None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _rewrite(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, keeping its permissions (a read-only file stays read-only)."""
    mode = path.stat().st_mode if path.exists() else None
    if mode is not None:
        os.chmod(path, mode | 0o200)
    path.write_bytes(data)
    if mode is not None:
        os.chmod(path, mode)
