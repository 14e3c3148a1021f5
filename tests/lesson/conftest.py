"""Fixtures of the browser tests: JupyterLab serving a notebook that asks every example
question, or a copy of the released lessons."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.browser import jupyterlab_server, require_browser
from tests.support.paths import REPO
from tests.support.quiz_env import FIXTURES, NOTEBOOK

#: The example questions, one or more of every type (tests/fixtures/questions/example.yaml).
QUESTIONS = ["ex-single", "ex-multiple", "ex-hedges", "ex-headline", "ex-classify", "ex-rate", "ex-text"]


#: A highlighter with ten labels, one passage marked with each (every label style at once).
TEN_LABELS_CELL = """import re

from medialit.core.spans import Span
from medialit.lesson.widgets.highlighter import SpanHighlighter

words = "one two three four five six seven eight nine ten"
styles = SpanHighlighter(words, labels=[{"id": f"l{i}", "text": f"Label {i + 1}"} for i in range(10)],
                         aria_label="Ten label styles")
styles.set_value([(Span.of(words, m.start(), m.end()), f"l{k}") for k, m in enumerate(re.finditer(r"\\w+", words))])
styles"""


def write_example_notebook(folder: Path, extra_cells: tuple[str, ...] = ()) -> Path:
    """A notebook asking every example question, then the progress panel and ``extra_cells``."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from medialit.widgets import ask, progress, reveal")]
    nb.cells += [nbformat.v4.new_code_cell(f'ask("{qid}")') for qid in QUESTIONS]
    nb.cells.append(nbformat.v4.new_code_cell(f'progress("{NOTEBOOK}")'))
    nb.cells += [nbformat.v4.new_code_cell(src) for src in extra_cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / f"{NOTEBOOK}.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture
def jupyterlab(tmp_path):
    """A running JupyterLab server over the example notebook: yields (base_url, token, folder)."""
    require_browser()
    folder = tmp_path / "lab"
    folder.mkdir()
    write_example_notebook(folder, extra_cells=('reveal("ex-multiple")', TEN_LABELS_CELL))
    env = {"MEDIALIT_SEEDS": str(FIXTURES / "seeds"), "MEDIALIT_QUESTIONS": str(FIXTURES / "questions")}
    with jupyterlab_server(tmp_path, folder, env) as (base, token):
        yield base, token, folder


@pytest.fixture(scope="module")
def lessons_lab(tmp_path_factory):
    """A running JupyterLab server over a fresh copy of the released lessons (``lessons/``,
    one folder per lesson, no answers yet): yields (base_url, token, folder)."""
    require_browser()
    tmp = tmp_path_factory.mktemp("lessons")
    folder = tmp / "lab"
    shutil.copytree(REPO / "lessons", folder, ignore=shutil.ignore_patterns("*.answers.json", ".ipynb_checkpoints"))
    with jupyterlab_server(tmp, folder) as (base, token):
        yield base, token, folder
