"""Every released lesson, run as a student runs it: in real JupyterLab 4 (headless Chromium),
in a fresh kernel, the set-up cell twice and then Run All; every widget must render.

What Run All may not get past: a lesson's code exercise is released as nbgrader's stub
(``raise NotImplementedError()``), so the first cell that calls the student's function
stops Run All, as it stops for a student who has not written it yet.  The test then goes
on with "Run Selected Cell and All Below" from the next cell, and allows such a stop only
where the lesson holds an unfinished stub and only with ``NotImplementedError``; once
the released stubs no longer raise, any stop fails the test.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.support.browser import (
    chromium,
    menu,
    open_notebook,
    question,
    run_all,
    shot,
    shutdown_kernels,
    wait_idle,
)
from tests.support.paths import ARTIFACTS, REPO

pytestmark = pytest.mark.browser

LESSONS = sorted(p.name for p in (REPO / "lessons").iterdir() if (p / f"{p.name}.ipynb").is_file())
STUB = "raise NotImplementedError()"


def code_cells(nb: dict) -> list[tuple[int, str]]:
    """(index among all cells, source) of every code cell."""
    return [(i, "".join(c["source"])) for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]


def unexplained(stops: list[tuple[int, str, str]], cells: list[dict], has_stub: bool) -> list:
    """The stops of Run All that an unfinished exercise does not explain.

    While the released stub raises, a cell that calls the student's function stops with
    ``NotImplementedError``, and a later cell that uses a name such a cell would have
    assigned stops with ``NameError``.  Without a raising stub, every stop is unexplained.
    """
    unfinished = [i for i, ename, _ in stops if ename == "NotImplementedError"] if has_stub else []
    never_assigned = {name for i in unfinished
                      for name in re.findall(r"^(\w+)\s*=", "".join(cells[i]["source"]), re.M)}
    out = []
    for i, ename, evalue in stops:
        missing = re.fullmatch(r"name '(\w+)' is not defined", evalue)
        if i in unfinished or (ename == "NameError" and missing and missing.group(1) in never_assigned):
            continue
        out.append((i, ename, evalue))
    return out


def save_and_read(page, path) -> dict:
    """Save the notebook from the browser and read what was saved."""
    before = path.stat().st_mtime_ns
    page.keyboard.press("Control+S")
    for _ in range(150):
        if path.stat().st_mtime_ns != before:
            break
        page.wait_for_timeout(200)
    page.wait_for_timeout(500)  # the file is written in one go; give the write a moment to finish
    return json.loads(path.read_text(encoding="utf-8"))


def select_cell(page, index: int) -> None:
    """Make cell ``index`` the active cell, in command mode."""
    cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
    cell.scroll_into_view_if_needed()
    cell.locator(".jp-InputPrompt").first.click()
    page.wait_for_function(
        f"document.querySelectorAll('.jp-Notebook .jp-Cell')[{index}].classList.contains('jp-mod-active')")


@pytest.mark.parametrize("lesson", LESSONS)
def test_run_all_in_a_fresh_kernel_renders_every_widget(lessons_lab, lesson):
    base, token, folder = lessons_lab
    path = folder / lesson / f"{lesson}.ipynb"
    released = json.loads(path.read_text(encoding="utf-8"))
    cells = code_cells(released)
    setup_index, setup_source = cells[0]
    assert "from medialit.widgets import ask, progress, reveal" in setup_source
    has_stub = any(STUB in src for _, src in cells)
    asked = [(i, m.group(1)) for i, src in cells for m in re.finditer(r'^ask\("([^"]+)"\)', src, re.M)]
    with chromium() as page:
        open_notebook(page, base, token, f"{lesson}/{lesson}.ipynb")
        page.get_by_text("Python 3 (ipykernel) | Idle").wait_for()

        # The set-up cell, twice (a student who runs it again must not get an error).
        select_cell(page, setup_index)
        for run in (1, 2):
            page.keyboard.press("Control+Enter")
            page.wait_for_function(
                f"document.querySelectorAll('.jp-Notebook .jp-Cell')[{setup_index}]"
                f".querySelector('.jp-InputPrompt').textContent.includes('[{run}]')")
            wait_idle(page)
        setup_cell = page.locator(".jp-Notebook .jp-Cell").nth(setup_index)
        assert setup_cell.locator(".ml-progress-panel").count() == 1
        assert setup_cell.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0, \
            setup_cell.inner_text()

        # Run All; where it stops, go on from the next cell.
        run_all(page)
        wait_idle(page)
        stops: list[tuple[int, str, str]] = []
        for _round in range(len(cells)):
            saved = save_and_read(page, path)
            errors = [(i, o["ename"], o["evalue"]) for i, c in enumerate(saved["cells"]) if c["cell_type"] == "code"
                      for o in c["outputs"] if o["output_type"] == "error"]
            not_run = [i for i, c in enumerate(saved["cells"])
                       if c["cell_type"] == "code" and c.get("execution_count") is None]
            new = [e for e in errors if e not in stops]
            stops += new
            if not not_run:
                break
            assert new, f"cells {not_run} did not run, and no cell stopped Run All"
            select_cell(page, new[-1][0] + 1)
            menu(page, "Run", "Run Selected Cell and All Below")
            wait_idle(page)
        shot(page.locator(".jp-NotebookPanel"), f"run-all-{lesson}")

        # Every question's widget, and the progress panel, once each.
        for _index, qid in asked:
            widget = question(page, qid)
            assert widget.count() == 1, f"{qid}: {widget.count()} widgets"
            widget.evaluate("e => e.scrollIntoView({block: 'center'})")
            assert widget.is_visible() and widget.bounding_box()["height"] > 40, f"{qid}: not drawn"
            assert widget.locator(".ml-q-text").text_content(), f"{qid}: no prompt shown"
            controls = widget.locator("input, select, textarea, .ml-hl-text").count()
            assert controls, f"{qid}: the widget shows no control"
        assert page.locator(".ml-progress-panel").count() == 1
        assert page.locator(".jp-OutputArea-output", has_text="Cannot show question").count() == 0
        for hl in page.locator(".ml-hl-text").all():
            assert hl.text_content().strip(), "a highlighter shows no text"

    shutdown_kernels(base, token)
    saved = json.loads(path.read_text(encoding="utf-8"))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"run-all-{lesson}.json").write_text(json.dumps(
        {"widgets": [qid for _, qid in asked], "stops": stops}, indent=1), encoding="utf-8")
    assert all(c.get("execution_count") for c in saved["cells"] if c["cell_type"] == "code")
    # Depends on the released code stub (see the module's docstring).
    assert unexplained(stops, saved["cells"], has_stub) == [], stops
    stderr = [(i, "".join(o["text"])[:300]) for i, c in enumerate(saved["cells"]) if c["cell_type"] == "code"
              for o in c["outputs"] if o["output_type"] == "stream" and o["name"] == "stderr"]
    assert stderr == []
