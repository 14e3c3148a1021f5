"""The widgets with the keyboard, in real JupyterLab 4 and Notebook 7 (headless Chromium).

* The controls keep their keys: arrows move a radio selection instead of the notebook's
  active cell, a letter typed in a drop-down picks an option instead of turning the cell
  into a raw cell (both were notebook shortcuts before), in JupyterLab and in Notebook 7.
* The highlighter: keyboard selection takes in quotation marks, "Remove" leaves the focus
  on the next passage (or the text), and every label of ten has its own colour and line.
* Lesson 00 done start to finish with the keyboard only, checked in the answers file and
  the saved notebook.

Options and classification items appear in the server's learner's own order
(:data:`tests.support.browser.LEARNER`); the tests work out from that order which keys reach
the option or item they mean (:func:`tests.support.browser.shown_ids`).
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from tests.lesson.conftest import QUESTIONS
from tests.support.browser import (
    active_cell_index,
    active_cell_text,
    chromium,
    focused,
    focused_question,
    open_notebook,
    question,
    read_answers,
    run_all,
    run_all_and_wait,
    select_word_with_mouse,
    shot,
    shown_ids,
    shutdown_kernels,
    tab_until,
    wait_for_text,
    wait_idle,
)
from tests.support.quiz_env import FIXTURES, NOTEBOOK

pytestmark = pytest.mark.browser

CELL_KINDS = ("[...document.querySelectorAll('.jp-Notebook .jp-Cell')].map(c => "
              "['jp-CodeCell', 'jp-MarkdownCell', 'jp-RawCell'].find(k => c.classList.contains(k)))")


EXAMPLE_BANK = FIXTURES / "questions" / "example.yaml"
#: ex-single: words of each option's feedback (option "a" is the right one).
SINGLE_FEEDBACK = {"a": "her role is given", "b": "only once, as a reaction", "c": "not a source inside it"}


def checked(group) -> list[bool]:
    return group.evaluate("e => [...e.querySelectorAll('input[type=radio]')].map(r => r.checked)")


def neighbour(index: int, count: int) -> tuple[int, str, str]:
    """The option shown next to the one at ``index`` (below it, or above the last), the arrow
    key that moves there and the arrow key that comes back."""
    return (index + 1, "ArrowDown", "ArrowUp") if index + 1 < count else (index - 1, "ArrowUp", "ArrowDown")


def choose(page, widget, index: int) -> None:
    """Check the radio button at ``index`` of ``widget`` with keys alone, starting from the
    radio button that has the focus: Space when that is the one, else the arrows (each
    arrow checks the button it reaches, as a keyboard user's would)."""
    from playwright.sync_api import expect

    radios = widget.locator("input[type=radio]")
    at = radios.evaluate_all("rs => rs.indexOf(document.activeElement)")
    assert at >= 0, f"the focus is not on a radio button of this question but on {focused(page)}"
    if at == index:
        page.keyboard.press("Space")
    for _ in range(abs(index - at)):
        page.keyboard.press("ArrowDown" if index > at else "ArrowUp")
    expect(radios.nth(index)).to_be_checked()


@pytest.mark.parametrize("app", ["lab", "notebooks"])
def test_controls_keep_their_keys(jupyterlab, app):
    from playwright.sync_api import expect

    base, token, folder = jupyterlab
    with chromium() as page:
        open_notebook(page, base, token, f"{NOTEBOOK}.ipynb", app=app)
        if app == "lab":
            run_all_and_wait(page, len(QUESTIONS))
        else:
            page.keyboard.press("Escape")
            run_all(page, app="notebooks")
            page.wait_for_function(f"document.querySelectorAll('.ml-question').length === {len(QUESTIONS)}")
        kinds = page.evaluate(CELL_KINDS)

        # Radio buttons: one named group, one Tab stop; arrows change the answer, not the cell.
        single = question(page, "ex-single")
        group = single.get_by_role("radiogroup", name="Who is the main named source of the article?")
        expect(group).to_have_count(1)
        order = shown_ids(EXAMPLE_BANK, "ex-single")  # the options as this learner sees them
        right = order.index("a")
        other, there, back = neighbour(right, len(order))
        single.locator("input[type=radio]").nth(right).focus()
        page.keyboard.press("Space")
        expect(single.locator(".ml-status")).to_contain_text("Saved")
        expect(single.locator(".ml-feedback")).to_contain_text(SINGLE_FEEDBACK["a"])
        cell = active_cell_index(page)
        page.keyboard.press(there)
        assert checked(group) == [i == other for i in range(len(order))]
        expect(single.locator(".ml-feedback")).to_contain_text(SINGLE_FEEDBACK[order[other]])
        page.keyboard.press(back)
        assert checked(group) == [i == right for i in range(len(order))]
        assert active_cell_index(page) == cell, "an arrow key moved the notebook's active cell"
        assert focused(page)["type"] == "radio"

        # Drop-down: "r" is JupyterLab's "make this a raw cell"; "u" picks "Unnamed".
        classify = question(page, "ex-classify")
        critics = classify.get_by_label("Critics")
        critics.focus()
        cell = active_cell_index(page)
        page.keyboard.press("r")
        assert page.evaluate(CELL_KINDS) == kinds, "a letter typed in a drop-down changed a cell's type"
        expect(critics).to_have_value("(choose)")  # no option starts with "r"
        page.wait_for_timeout(1200)  # the drop-down's type-ahead forgets "r"
        page.keyboard.press("u")
        expect(critics).to_have_value("Unnamed")
        expect(classify.locator(".ml-status")).to_contain_text("1 of 3 items classified")
        assert page.evaluate(CELL_KINDS) == kinds, "a letter typed in a drop-down changed a cell's type"
        page.keyboard.press("ArrowUp")  # still in the drop-down: the option above, not the cell above
        expect(critics).to_have_value("Named")
        assert active_cell_index(page) == cell

        # The highlighter's keys (digits, arrows, Enter) mark text and leave the cells alone.
        hedges = question(page, "ex-hedges")
        hedges.locator(".ml-hl-text").focus()
        cell = active_cell_index(page)
        for key in ["Home", "ArrowDown", "ArrowUp", "ArrowRight", "ArrowRight", "ArrowRight", "1"]:
            page.keyboard.press(key)
        expect(hedges.locator(".ml-status")).to_contain_text("Saved: 1 span selected")
        expect(hedges.locator("mark.ml-mark")).to_have_text("could")
        assert page.evaluate(CELL_KINDS) == kinds and active_cell_index(page) == cell

        # Escape goes back to the question's cell, in command mode; from there the notebook's keys work again.
        rate = question(page, "ex-rate")
        rate.locator("input[type=radio]").nth(2).focus()
        page.keyboard.press("Space")
        page.keyboard.press("Escape")
        assert "jp-Cell" in focused(page)["cls"]
        rate_cell = active_cell_index(page)
        page.keyboard.press("ArrowDown")
        assert active_cell_index(page) == rate_cell + 1
        assert page.evaluate(CELL_KINDS) == kinds
        shot(single, f"keyboard-single-choice-{app}")
    shutil.rmtree(folder / ".ipynb_checkpoints", ignore_errors=True)


def press_until(page, key: str, done, limit: int = 120) -> None:
    """Press ``key`` until ``done()`` is true (at most ``limit`` times)."""
    for _ in range(limit):
        if done():
            return
        page.keyboard.press(key)
    assert done(), f"{key} pressed {limit} times without reaching the goal"


def test_highlighter_quotes_remove_focus_and_ten_label_styles(jupyterlab):
    from playwright.sync_api import expect

    base, token, folder = jupyterlab
    with chromium() as page:
        open_notebook(page, base, token, f"{NOTEBOOK}.ipynb")
        run_all_and_wait(page, len(QUESTIONS))
        hedges = question(page, "ex-hedges")
        text_box = hedges.locator(".ml-hl-text")
        pending = hedges.locator(".ml-pending")

        # A passage with its quotation marks, by keyboard: “clearly”.
        text_box.focus()
        press_until(page, "ArrowRight", lambda: pending.count() and pending.text_content() == "clearly")
        page.keyboard.press("ArrowLeft")
        expect(pending).to_have_text("“")
        page.keyboard.press("Shift+ArrowRight")
        page.keyboard.press("Shift+ArrowRight")
        expect(pending).to_have_text("“clearly”")
        expect(hedges.locator(".ml-hl-live")).to_contain_text("Selected ““clearly””.")
        page.keyboard.press("2")
        expect(hedges.locator(".ml-status")).to_contain_text("Saved: 1 span selected")
        cues = [h["cue"]["text"] for h in read_answers(folder, NOTEBOOK)["ex-hedges"]["value"]["hedges"]]
        assert cues == ["“clearly”"]
        # ...and two more passages: "could" (Home, three words on) and "might".
        page.keyboard.press("Home")
        for key in ["ArrowRight", "ArrowRight", "ArrowRight", "1"]:
            page.keyboard.press(key)
        select_word_with_mouse(page, text_box, "might")
        hedges.get_by_role("button", name="Modal verb").click()
        expect(hedges.locator(".ml-status")).to_contain_text("Saved: 3 spans selected")

        # A new label from the list's drop-down: the focus stays on that drop-down.
        relabel = hedges.get_by_label("Label for “could”")
        relabel.focus()
        page.keyboard.press("ArrowDown")
        expect(hedges.locator(".ml-hl-live")).to_contain_text("Label changed to Adverb")
        expect(hedges.get_by_label("Label for “could”")).to_be_focused()
        expect(hedges.get_by_label("Label for “could”")).to_have_value("adverb")

        # Remove: the focus goes to the next passage's button, the previous one at the end, then the text.
        hedges.get_by_role("button", name="Remove “might”").focus()
        page.keyboard.press("Enter")
        expect(hedges.locator(".ml-hl-live")).to_contain_text("Removed “might”")
        expect(hedges.get_by_role("button", name="Remove ““clearly””")).to_be_focused()
        hedges.get_by_role("button", name="Remove “could”").focus()
        page.keyboard.press("Space")
        expect(hedges.get_by_role("button", name="Remove ““clearly””")).to_be_focused()
        page.keyboard.press("Enter")
        expect(text_box).to_be_focused()
        expect(hedges.locator(".ml-status")).to_contain_text("Saved: 0 spans selected")
        shot(hedges, "span-highlighter-keyboard")

        # Ten labels, ten looks: every colour and every line differs (label 8 is not label 1 again).
        styles = page.get_by_role("group", name="Ten label styles")
        samples = styles.locator(".ml-sample")
        expect(samples).to_have_count(10)
        looks = samples.evaluate_all("""els => els.map(e => { const s = getComputedStyle(e);
            return {colour: s.backgroundColor, line: [s.borderBottomStyle, s.borderBottomWidth, s.borderBottomColor,
                    s.borderTopStyle, s.borderTopWidth].join(' ')}; })""")
        assert len({look["colour"] for look in looks}) == 10, looks
        assert len({look["line"] for look in looks}) == 10, looks
        assert looks[7]["colour"] != looks[0]["colour"]
        assert looks[7]["line"].split()[:2] != looks[0]["line"].split()[:2]  # another underline, not only colour
        shot(styles, "span-highlighter-ten-labels")
    shutil.rmtree(folder / ".ipynb_checkpoints", ignore_errors=True)


LESSON = "00-orientation"
SOLUTION = 'def texts_with_label(parts, label): return [p["text"] for p in parts if p["label"] == label]'
REFLECTION = ("The editors probably wrote the headline, the standfirst and the photo caption, and the site "
              "added the promotion boxes. That matters because the headline says the talks are not useful, "
              "while only the body shows who said so.")
#: l0-practice-run: words of each option's feedback (option "a" is the right one).
PRACTICE_FEEDBACK = {"a": "reveal shows the reference answer", "b": "Graded questions never turn green",
                     "c": "Grading cells are locked"}
#: An output on stderr: a complaint, a warning or an error.
STDERR = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
#: l0-anatomy, item by item: the keys typed in the item's drop-down (type-ahead; "pp" is the
#: second "p..." category).  The categories keep the bank's order; the items do not.
ANATOMY_KEYS = {"section": "s", "learn-more": "f", "caption": "p", "credit": "pp", "headline": "h",
                "ambassador": "ss", "shrugged": "b", "useless": "v", "indispensable": "r", "wang-yiwei": "b"}


def test_lesson_00_with_the_keyboard_only(lessons_lab):
    """Every step of lesson 00 with keys alone: run it, answer all four questions (radio
    buttons, hint and reference buttons, ten drop-downs), write the function and the
    reflection, refresh the progress panel, save; then the files on disk hold it all."""
    from playwright.sync_api import expect

    base, token, folder = lessons_lab
    lesson_dir = folder / LESSON
    bank = lesson_dir / f"{LESSON}.questions.yaml"  # the public bank the lesson's kernel reads
    with chromium() as page:
        open_notebook(page, base, token, f"{LESSON}/{LESSON}.ipynb")
        page.get_by_text("Python 3 (ipykernel) | Idle").wait_for()
        kinds = page.evaluate(CELL_KINDS)
        # Run All from the command palette (the keyboard's way to the menus' commands).
        page.keyboard.press("Control+Shift+C")
        page.keyboard.type("Run All Cells")
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelectorAll('.ml-question').length === 4")
        wait_idle(page)

        # Back to the top of the notebook, in command mode.
        page.keyboard.press("Escape")
        press_until(page, "ArrowUp", lambda: active_cell_index(page) == 0)

        # l0-practice-run (single, practice): Tab to the group, the keys pick the right option,
        # an arrow tries its neighbour and comes back; then the Hint and Show answer buttons with Enter.
        tab_until(page, lambda: focused_question(page) == "l0-practice-run")
        assert focused(page)["type"] == "radio"
        practice = question(page, "l0-practice-run")
        order = shown_ids(bank, "l0-practice-run")
        right = order.index("a")
        choose(page, practice, right)
        # the bank's "Right." is not repeated after the widget's own "✓ Right:" (drawn by CSS)
        expect(practice.locator(".ml-feedback")).to_contain_text(PRACTICE_FEEDBACK["a"])
        assert "Right." not in practice.locator(".ml-feedback").text_content()
        cell = active_cell_index(page)
        other, there, back = neighbour(right, len(order))
        page.keyboard.press(there)
        expect(practice.locator(".ml-feedback")).to_contain_text(PRACTICE_FEEDBACK[order[other]])
        page.keyboard.press(back)
        expect(practice.locator(".ml-feedback")).to_contain_text(PRACTICE_FEEDBACK["a"])
        assert active_cell_index(page) == cell
        page.keyboard.press("Tab")
        assert focused(page)["text"] == "Hint"
        page.keyboard.press("Enter")
        expect(practice.locator(".ml-hint")).to_contain_text("Which function did the first code cell import")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(practice.locator(".ml-reference")).to_contain_text("Reference answer")
        shot(practice, "keyboard-lesson00-practice")

        # l0-furniture (single, practice): the keys reach the right option, "furniture".
        tab_until(page, lambda: focused_question(page) == "l0-furniture")
        furniture = question(page, "l0-furniture")
        choose(page, furniture, shown_ids(bank, "l0-furniture").index("furniture"))
        expect(furniture.locator(".ml-feedback .ml-ok")).to_contain_text("It is the same on every page of the site")

        # l0-anatomy (classify, graded): ten drop-downs, each answered by typing.
        tab_until(page, lambda: focused_question(page) == "l0-anatomy")
        anatomy = question(page, "l0-anatomy")
        for n, item in enumerate(shown_ids(bank, "l0-anatomy")):  # the drop-downs top to bottom
            if n:
                page.keyboard.press("Tab")
            assert focused(page)["tag"] == "select"
            page.keyboard.type(ANATOMY_KEYS[item])
            expect(anatomy.locator(".ml-status")).to_contain_text(f"Saved: {n + 1} of 10 items classified")
            page.wait_for_timeout(1100)  # the drop-down's type-ahead forgets what was typed
        assert page.evaluate(CELL_KINDS) == kinds  # "r", "b", "s"... stayed in the drop-downs
        shot(anatomy, "keyboard-lesson00-anatomy")

        # l0-byline (single, graded): the keys reach option "a"; then Escape back to the notebook.
        tab_until(page, lambda: focused_question(page) == "l0-byline")
        byline = question(page, "l0-byline")
        choose(page, byline, shown_ids(bank, "l0-byline").index("a"))
        expect(byline.locator(".ml-status")).to_contain_text(
            "Saved: “The South China Morning Post, 18 March 2021; the saved page names no author.” selected")
        page.keyboard.press("Escape")
        assert "jp-Cell" in focused(page)["cls"]

        # The exercise: down to the stub, Enter to edit, replace it, run it and the cells after it.
        press_until(page, "ArrowDown", lambda: "def texts_with_label" in active_cell_text(page))
        page.keyboard.press("Enter")
        page.keyboard.press("Control+A")
        page.keyboard.type(SOLUTION)
        for _ in range(3):  # the function, "Try your function", the grading cell
            page.keyboard.press("Shift+Enter")
        wait_idle(page)
        tried = page.locator(".jp-Cell", has_text="# Try your function").locator(".jp-OutputArea-output")
        expect(tried).to_contain_text("Ambassador predicts Beijing will not yield")
        exercise = page.locator(".jp-Notebook .jp-Cell").filter(
            has_text=re.compile("def texts_with_label|# Try your function|# Your function is tested"))
        expect(exercise).to_have_count(3)
        expect(exercise.locator(STDERR)).to_have_count(0)
        # The only other complaints left are those of the first Run All, before the questions were answered.
        assert [t.strip() for t in page.locator(STDERR).all_text_contents()] == [
            f"{qid} has no answer yet: answer it in the widget above (it saves as you go)."
            for qid in ("l0-anatomy", "l0-byline")]

        # The reflection: Enter to edit the answer cell below the heading, Ctrl+Enter to render it.
        press_until(page, "ArrowDown", lambda: "YOUR ANSWER HERE" in active_cell_text(page)
                    or "YOUR ANSWER HERE" in page.locator(".jp-Cell.jp-mod-active").inner_text())
        page.keyboard.press("Enter")
        page.keyboard.press("Control+A")
        page.keyboard.type(REFLECTION)
        page.keyboard.press("Control+Enter")

        # The progress panel, refreshed from the keyboard.
        page.keyboard.press("Escape")
        press_until(page, "ArrowUp", lambda: 'progress("00-orientation")' in active_cell_text(page))
        tab_until(page, lambda: focused(page)["text"] == "Refresh")
        page.keyboard.press("Enter")
        panel = page.locator(".ml-progress")
        expect(panel).to_contain_text("4 of 4 questions answered")
        expect(panel).to_contain_text("Graded questions: 2 of 2 answered")
        shot(panel, "keyboard-lesson00-progress")

        page.keyboard.press("Control+S")
        wait_for_text(lesson_dir / f"{LESSON}.ipynb", REFLECTION)
        assert page.evaluate(CELL_KINDS) == kinds

    answers = read_answers(lesson_dir, LESSON)
    assert {qid: a["value"] for qid, a in answers.items()} == {
        "l0-practice-run": "a", "l0-furniture": "furniture", "l0-byline": "a",
        "l0-anatomy": {"section": "section", "learn-more": "furniture", "caption": "caption", "credit": "credit",
                       "headline": "headline", "ambassador": "standfirst", "shrugged": "body", "useless": "video",
                       "indispensable": "related", "wang-yiwei": "body"}}
    saved = json.loads((lesson_dir / f"{LESSON}.ipynb").read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in saved["cells"]]
    assert SOLUTION in sources
    assert REFLECTION in sources
    assert len(saved["cells"]) == len(kinds)
    shutdown_kernels(base, token)
