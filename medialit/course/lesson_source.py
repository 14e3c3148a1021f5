"""The lesson source format: plain text with ``%%`` cell markers, turned into nbgrader notebooks.

A line starting with ``%% `` opens a cell::

    %% markdown
    %% code
    %% code grade id=src-said points=2           (an autograded test cell, locked)
    %% code solution id=src-said-code            (a code exercise the student fills in)
    %% markdown solution grade id=src-reflection points=3   (a written answer, graded by hand)
    %% markdown task id=...                      (a manually graded task)
    %% code demo id=src-article                  (shows results only; skipped while grading)

Flags: ``solution``, ``grade``, ``locked``, ``task``, ``demo``; ``id=`` is the nbgrader grade
id (for graded items also the question id), ``points=`` the points.  Grade cells are locked.

A ``demo`` cell only shows results (the analyzer run over the whole article, say).  It is
locked and tagged ``skip-execution``, so nbgrader, which runs notebooks through nbclient,
does not spend grading time on it; students and self-study learners run it as usual.  So
that skipping it cannot change a grade, no later code cell that is not a demo may use a
name the demo cell binds (checked here, with Python's parser).

Used by :mod:`medialit.course.lessons` (``scripts/build_lessons.py``) and ``medialit build``.

Limits: no cell attachments and no per-cell metadata beyond nbgrader's and the skip tag.
The name check runs only in a lesson with demo cells.  It sees assignments, imports,
definitions and loop targets.  It does not see names made with ``globals()`` or ``exec``, or
names used inside the arguments of an IPython magic.  It is conservative: a later function's
parameter that shares a name with a demo variable is reported too (rename one of them).
"""

from __future__ import annotations

import ast
from typing import Any

from medialit.errors import MedialitError

FLAGS = {"solution", "grade", "locked", "task", "demo"}
#: The cell tag nbclient (and so nbgrader) skips; JupyterLab ignores it.
SKIP_TAG = "skip-execution"


class SourceError(MedialitError, ValueError):
    """A lesson source is malformed; the message names the file and line."""


def parse_source(text: str, where: str = "source") -> list[dict[str, Any]]:
    """Cells of a lesson source: ``{"type", "flags", "id", "points", "source"}`` each."""
    cells: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.startswith("%% "):
            words = line[3:].split()
            if not words or words[0] not in ("markdown", "code"):
                raise SourceError(f"{where}:{lineno}: a cell marker must start with 'markdown' or 'code'")
            current = {"type": words[0], "flags": set(), "id": None, "points": None, "lines": [], "line": lineno}
            for word in words[1:]:
                if word in FLAGS:
                    current["flags"].add(word)
                elif word.startswith("id="):
                    current["id"] = word[3:]
                elif word.startswith("points="):
                    current["points"] = float(word[7:]) if "." in word else int(word[7:])
                else:
                    raise SourceError(
                        f"{where}:{lineno}: unknown cell option {word!r}; use {sorted(FLAGS)}, id=, points="
                    )
            cells.append(current)
        elif current is None:
            if line.strip():
                raise SourceError(f"{where}:{lineno}: text before the first '%% ' cell marker")
        else:
            current["lines"].append(line)
    ids: set[str] = set()
    for cell in cells:
        lines = cell.pop("lines")
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        cell["source"] = "\n".join(lines)
        flags = cell["flags"]
        if "grade" in flags and cell["type"] == "code":
            flags.add("locked")
        if "demo" in flags:
            if cell["type"] != "code" or flags & {"solution", "grade", "task"}:
                raise SourceError(f"{where}:{cell['line']}: 'demo' is for a plain code cell (not solution, grade "
                                  "or task)")
            flags.add("locked")
        nbgrader = flags & {"solution", "grade", "locked", "task", "demo"}
        if nbgrader and not cell["id"]:
            raise SourceError(f"{where}:{cell['line']}: an nbgrader cell ({', '.join(sorted(nbgrader))}) needs id=")
        if ("grade" in flags or "task" in flags) and cell["points"] is None:
            raise SourceError(f"{where}:{cell['line']}: a graded cell needs points=")
        if cell["id"]:
            if cell["id"] in ids:
                raise SourceError(f"{where}:{cell['line']}: id {cell['id']!r} is used twice")
            ids.add(cell["id"])
    _check_demo_names(cells, where)
    return cells


def _names(source: str, where: str, line: int) -> tuple[set[str], set[str]]:
    """(names bound, names read) anywhere in a code cell; IPython magics are read as IPython runs them."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        pass
    else:
        source = TransformerManager().transform_cell(source)
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise SourceError(f"{where}:{line + (exc.lineno or 0)}: not valid Python: {exc.msg}") from None
    bound: set[str] = set()
    read: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
    return bound, read


def _check_demo_names(cells: list[dict[str, Any]], where: str) -> None:
    """A name bound in a demo cell must not be read by a later code cell that is not a demo."""
    if not any("demo" in cell["flags"] for cell in cells):
        return
    from_demo: dict[str, int] = {}
    for cell in cells:
        if cell["type"] != "code":
            continue
        bound, read = _names(cell["source"], where, cell["line"])
        if "demo" in cell["flags"]:
            from_demo.update({name: cell["line"] for name in bound})
            continue
        used = sorted(name for name in read if name in from_demo)
        if used:
            raise SourceError(
                f"{where}:{cell['line']}: uses {', '.join(used)}, bound only in the demo cell at line "
                f"{from_demo[used[0]]}, which is skipped while grading; bind it in a cell that is not a demo"
            )
        for name in bound:
            from_demo.pop(name, None)


def build_notebook(cells: list[dict[str, Any]]) -> str:
    """The nbgrader source notebook for parsed cells (no outputs, stable cell ids), as text."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for i, cell in enumerate(cells):
        if cell["type"] == "code":
            nbcell = nbformat.v4.new_code_cell(cell["source"])
        else:
            nbcell = nbformat.v4.new_markdown_cell(cell["source"])
        nbcell["id"] = cell["id"] or f"cell-{i:03d}"
        flags = cell["flags"]
        if flags:
            meta = {
                "grade": "grade" in flags,
                "grade_id": cell["id"],
                "locked": "locked" in flags,
                "schema_version": 3,
                "solution": "solution" in flags,
                "task": "task" in flags,
            }
            if cell["points"] is not None:
                meta["points"] = cell["points"]
            nbcell.metadata["nbgrader"] = meta
        if "demo" in flags:
            nbcell.metadata["tags"] = [SKIP_TAG]
        nb.cells.append(nbcell)
    return nbformat.writes(nb) + "\n"
