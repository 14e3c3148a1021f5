"""The review panel driven by the keyboard alone, in real JupyterLab 4 (headless Chromium).

A draft copy of the seed article (every item with the analyzers' note) is reviewed in the
panel: Tab reaches the item list (one Tab stop), Enter keeps an item and moves on, j and k
skip and go back, d drops, e opens the editor where the label is changed and the change
saved, a missing item is marked in the text and added, and the Save button writes
``reference.json``.  The file then holds the checks
(``draft.reviewed``), the dropped item is gone, and the notebook's own commands never ran
(no cell deleted, none turned into another kind).  axe-core then checks the panel.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.support.axe import assert_accessible
from tests.support.browser import (
    active_cell_index,
    chromium,
    focused,
    jupyterlab_server,
    open_notebook,
    require_browser,
    run_all,
    shot,
    tab_until,
    wait_for_text,
    wait_idle,
)
from tests.support.review_lab import NOTEBOOK, draft_copy, focused_label, wait_focus, write_review_notebook

pytestmark = pytest.mark.browser

CELLS = ("[...document.querySelectorAll('.jp-Notebook .jp-Cell')].map(c => "
         "['jp-CodeCell', 'jp-MarkdownCell', 'jp-RawCell'].find(k => c.classList.contains(k)))")


@pytest.fixture
def review_lab(tmp_path):
    require_browser()
    seeds = tmp_path / "seeds"
    article = draft_copy(seeds)
    folder = tmp_path / "lab"
    folder.mkdir()
    write_review_notebook(folder, layer="hedges")
    with jupyterlab_server(tmp_path, folder, {"MEDIALIT_SEEDS": str(seeds)}) as (base, token):
        yield base, token, article


def test_a_draft_reviewed_with_the_keyboard_only(review_lab):
    from playwright.sync_api import expect

    base, token, article = review_lab
    hedges = [h["id"] for h in json.loads((article / "reference.json").read_text(encoding="utf-8"))["hedges"]]
    h1, h2, h3, h4, h5, h6 = hedges[:6]
    with chromium() as page:
        open_notebook(page, base, token, NOTEBOOK)
        run_all(page)
        wait_idle(page)
        panel = page.locator(".ml-review")
        rows = panel.locator(".ml-review-row")
        expect(rows).to_have_count(len(hedges))
        expect(panel.get_by_role("button", name=f"Keep {h1}")).to_have_attribute("tabindex", "0")
        cells, cell = page.evaluate(CELLS), active_cell_index(page)
        expect(panel).to_contain_text("j or ↓ next item")  # the help line

        # Into the list with Tab: one stop, the first item's Keep button.
        page.keyboard.press("Escape")
        tab_until(page, lambda: focused_label(page) == f"Keep {h1}", limit=30)
        page.keyboard.press("Enter")  # keep h1, on to h2
        wait_focus(page, f"Keep {h2}")
        expect(panel.get_by_role("button", name=f"Keep {h1}")).to_have_attribute("aria-pressed", "true")
        page.keyboard.press("j")  # skip h2
        wait_focus(page, f"Keep {h3}")
        page.keyboard.press("k")  # back to h2, and on again
        wait_focus(page, f"Keep {h2}")
        page.keyboard.press("j")
        page.keyboard.press("Enter")  # keep h3
        wait_focus(page, f"Keep {h4}")
        page.keyboard.press("d")  # drop h4: its row goes, the focus moves to h5
        expect(rows).to_have_count(len(hedges) - 1)
        wait_focus(page, f"Keep {h5}")
        page.keyboard.press("ArrowRight")
        wait_focus(page, f"Edit {h5}")
        page.keyboard.press("ArrowLeft")
        wait_focus(page, f"Keep {h5}")

        # e: the editor, with h5's cue marked; Escape cancels and gives the focus back to the row.
        page.keyboard.press("e")
        editor = panel.locator(".ml-review-editor")
        expect(editor).to_contain_text(f"Edit {h5}")
        expect(editor.locator(".ml-hl-text")).to_be_focused()
        page.keyboard.press("Escape")
        wait_focus(page, f"Edit {h5}")
        expect(editor).to_contain_text("Add a hedges item")
        expect(editor.locator("mark.ml-mark")).to_have_count(0)

        # e again: the label changed with the arrow keys, then Save changes.
        page.keyboard.press("e")
        expect(editor).to_contain_text(f"Edit {h5}")
        expect(editor.locator(".ml-hl-text")).to_be_focused()
        expect(editor.locator("mark.ml-mark")).to_have_count(1)
        tab_until(page, lambda: focused(page)["tag"] == "select" and focused(page)["label"] is None, limit=20)
        labels = page.evaluate("[...document.activeElement.options].map(o => o.value)")
        new_label = labels[labels.index(page.evaluate("document.activeElement.value")) + 3]
        for _ in range(3):  # three labels down, then at once Save changes: the label saved is the one
            page.keyboard.press("ArrowDown")  # shown, not one still on its way to the kernel
        expect(editor.locator("select:focus")).to_have_value(new_label)
        tab_until(page, lambda: focused(page)["text"] == "Save changes", limit=5)
        page.keyboard.press("Enter")
        wait_focus(page, f"Keep {h6}")  # the edited item is kept; on to the next
        expect(panel.get_by_role("button", name=f"Keep {h5}")).to_have_attribute("aria-pressed", "true")
        expect(panel.locator(".ml-review-row", has_text=h5)).to_contain_text(f"category: {new_label}")

        # A missing item, added with the keys: Tab to the text, select a word with the arrows, mark it
        # as a cue ("1"), Tab to Add item.
        tab_until(page, lambda: focused(page)["cls"].startswith("ml-hl-text"), limit=5)
        for key in ["Home", "ArrowRight", "ArrowRight", "1"]:
            page.keyboard.press(key)
        expect(editor.locator("mark.ml-mark")).to_have_count(1)
        marked = editor.locator("mark.ml-mark").text_content()
        tab_until(page, lambda: focused(page)["text"] == "Add item", limit=20)
        page.keyboard.press("Enter")
        expect(rows).to_have_count(len(hedges))
        expect(panel).to_contain_text(re.compile(r"added h\d+ \(unsaved\)"))
        added = re.search(r"added (h\d+) \(unsaved\)", panel.text_content()).group(1)
        assert added not in hedges

        # Save with the keyboard: Tab out of the list to the Save button.
        tab_until(page, lambda: focused(page)["text"] == "Save", limit=40)
        page.keyboard.press("Enter")
        expect(panel).to_contain_text("saved ")
        assert page.evaluate(CELLS) == cells and active_cell_index(page) == cell, "a key ran a notebook command"
        shot(panel, "review-panel-keyboard")

        # axe: the panel as the review left it (an item kept, the editor closed).
        assert_accessible(page, context=".ml-review")
        page.keyboard.press("Escape")

    wait_for_text(article / "reference.json", '"reviewed": true')
    saved = {h["id"]: h for h in json.loads((article / "reference.json").read_text(encoding="utf-8"))["hedges"]}
    assert h4 not in saved and len(saved) == len(hedges)
    reviewed = {i for i, h in saved.items() if h.get("draft", {}).get("reviewed")}
    assert reviewed == {h1, h3, h5}
    assert saved[h5]["category"] == new_label
    assert saved[added]["cue"]["text"] == marked and "draft" not in saved[added]
