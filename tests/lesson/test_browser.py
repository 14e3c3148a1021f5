"""End to end: real JupyterLab 4 in headless Chromium, driven with Playwright.

Starts JupyterLab on a free port in a temporary folder, opens a notebook that asks the
example questions, answers a multiple-choice question with the mouse, highlights a
passage with the mouse (after an emoji, so UTF-16 and Python offsets differ) and another
with the keyboard, restarts the kernel, runs the notebook again and checks that the
answers are on disk and shown again.  Screenshots of every widget go to test-artifacts/.
"""

from __future__ import annotations

import shutil

import pytest

from tests.lesson.conftest import QUESTIONS
from tests.support.browser import (
    chromium,
    menu,
    open_notebook,
    question,
    read_answers,
    run_all_and_wait,
    select_word_with_mouse,
    shot,
)
from tests.support.quiz_env import NOTEBOOK, offsets

pytestmark = pytest.mark.browser


def test_answer_highlight_restart_and_restore(jupyterlab):
    from playwright.sync_api import expect

    base, token, folder = jupyterlab
    with chromium() as page:
        open_notebook(page, base, token, f"{NOTEBOOK}.ipynb")
        run_all_and_wait(page, len(QUESTIONS))

        # Multiple choice (graded): tick two options with the mouse.
        multiple = question(page, "ex-multiple")
        multiple.get_by_label("may (headline)").check()
        multiple.get_by_label("probably").check()
        expect(multiple.locator(".ml-status")).to_contain_text("Saved: 2 options selected")
        expect(multiple.locator(".ml-feedback")).to_have_count(0)  # graded: no feedback in the browser
        shot(multiple, "multiple-choice-graded")

        # Single choice (practice): instant feedback.
        single = question(page, "ex-single")
        single.get_by_label("Tomas Brell, a commuter").check()
        expect(single.locator(".ml-feedback")).to_contain_text("only once, as a reaction")
        shot(single, "single-choice-practice-feedback")

        # Span highlighter: "might" comes after an emoji (two UTF-16 units, one character).
        hedges = question(page, "ex-hedges")
        text_box = hedges.locator(".ml-hl-text")
        select_word_with_mouse(page, text_box, "might")
        expect(hedges.locator(".ml-pending")).to_have_text("might")
        hedges.get_by_role("button", name="Modal verb").click()
        expect(hedges.locator("mark.ml-mark", has_text="might")).to_have_count(1)
        expect(hedges.locator(".ml-status")).to_contain_text("Saved: 1 span selected")

        # ...and "could" with the keyboard only: Home, three words right, key 1 (Modal verb).
        text_box.focus()
        assert text_box.evaluate("e => getComputedStyle(e).outlineStyle") != "none"  # visible focus
        expect(hedges.get_by_role("textbox", name="Article text")).to_be_focused()
        expect(hedges.get_by_role("toolbar", name="Mark the selection as")).to_be_visible()
        for key in ["Home", "ArrowRight", "ArrowRight", "ArrowRight"]:
            page.keyboard.press(key)
        expect(hedges.locator(".ml-pending")).to_have_text("could")
        page.keyboard.press("1")
        expect(hedges.locator(".ml-status")).to_contain_text("Saved: 2 spans selected")
        expect(hedges.locator(".ml-hl-live")).to_contain_text("Marked “could” as Modal verb")
        expect(hedges.locator(".ml-hl-live")).to_have_attribute("aria-live", "polite")
        page.keyboard.press("Tab")  # from the text to the first label button
        expect(hedges.get_by_role("button", name="Modal verb")).to_be_focused()
        assert hedges.get_by_role("button", name="Modal verb").evaluate(
            "e => getComputedStyle(e).outlineStyle") != "none"

        # Edit and remove: mark "suggest", relabel it from the list, then remove it.
        select_word_with_mouse(page, text_box, "suggest")
        hedges.get_by_role("button", name="Modal verb").click()
        expect(hedges.locator(".ml-status")).to_contain_text("Saved: 3 spans selected")
        hedges.get_by_label("Label for “suggest”").select_option(label="Epistemic verb")
        expect(hedges.locator(".ml-hl-live")).to_contain_text("Label changed to Epistemic verb")
        expect(hedges.locator("mark.ml-mark[data-tag='Epistemic verb']")).to_have_text("suggest")
        assert [h["category"] for h in read_answers(folder, NOTEBOOK)["ex-hedges"]["value"]["hedges"]] == [
            "modal", "epistemic_verb", "modal"]
        hedges.get_by_role("button", name="Remove “suggest”").click()
        expect(hedges.locator(".ml-status")).to_contain_text("Saved: 2 spans selected")
        expect(hedges.locator("mark.ml-mark", has_text="suggest")).to_have_count(0)
        shot(hedges, "span-highlighter-practice")
        hedges.get_by_role("button", name="Show answer").click()
        expect(hedges.locator(".ml-ref").first).to_be_visible()
        shot(hedges, "span-highlighter-show-answer")

        classify = question(page, "ex-classify")
        classify.get_by_label("Critics").select_option(label="Unnamed")
        expect(classify.locator(".ml-status")).to_contain_text("1 of 3 items classified")
        shot(classify, "classification-table")
        rate = question(page, "ex-rate")
        rate.get_by_label("3", exact=True).check()
        expect(rate.locator(".ml-feedback")).to_contain_text("one step from the reference")
        shot(rate, "rating-scale")
        written = question(page, "ex-text")
        written.locator("textarea").fill("The ferry operator is never asked what fuel really costs.")
        expect(written.locator(".ml-status").last).to_contain_text("10 words written")
        shot(written, "written-answer")
        shot(question(page, "ex-headline"), "span-highlighter-graded-headline")
        page.locator(".ml-progress-panel").get_by_role("button", name="Refresh").click()
        expect(page.locator(".ml-progress")).to_contain_text("6 of 7 questions answered")
        expect(page.locator(".ml-progress")).to_contain_text("Practice score: 2.21 of 5 points")
        shot(page.locator(".ml-progress"), "progress-panel")

        on_disk = read_answers(folder, NOTEBOOK)
        assert on_disk["ex-multiple"]["value"] == ["may", "probably"]
        hedges_doc = on_disk["ex-hedges"]["value"]
        cues = [(h["cue"]["text"], h["cue"]["start"], h["category"]) for h in hedges_doc["hedges"]]
        assert cues == [("could", offsets("could")[0], "modal"), ("might", offsets("might")[0], "modal")]
        assert on_disk["ex-classify"]["value"] == {"critics": "unnamed"}
        assert on_disk["ex-rate"]["value"] == 3

        # Restart the kernel, run everything again: the answers come back from the file.
        menu(page, "Kernel", "Restart Kernel and Clear Outputs of All Cells…")
        page.locator(".jp-Dialog .jp-mod-accept").click()
        page.wait_for_function("document.querySelectorAll('.ml-question').length === 0")
        page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for()
        run_all_and_wait(page, len(QUESTIONS))
        multiple = question(page, "ex-multiple")
        expect(multiple.get_by_label("may (headline)")).to_be_checked()
        expect(multiple.get_by_label("probably")).to_be_checked()
        expect(multiple.get_by_label("clearly")).not_to_be_checked()
        expect(multiple.locator(".ml-status")).to_contain_text("Restored: 2 options selected")
        hedges = question(page, "ex-hedges")
        expect(hedges.locator("mark.ml-mark", has_text="might")).to_have_count(1)
        expect(hedges.locator("mark.ml-mark", has_text="could")).to_have_count(1)
        expect(question(page, "ex-classify").get_by_label("Critics")).to_have_value("Unnamed")
        expect(question(page, "ex-text").locator("textarea")).to_have_value(
            "The ferry operator is never asked what fuel really costs.")
        shot(multiple, "multiple-choice-restored")
        shot(hedges, "span-highlighter-restored")
        assert read_answers(folder, NOTEBOOK) == on_disk | {"ex-single": read_answers(folder, NOTEBOOK)["ex-single"],
                                                 "ex-text": read_answers(folder, NOTEBOOK)["ex-text"]}
    leftovers = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    shutil.rmtree(folder / ".ipynb_checkpoints", ignore_errors=True)


def test_practice_highlighter_check_and_live_progress(jupyterlab):
    """Marking passages updates the progress panel at once (no Refresh); "Check my passages"
    lists found, wrongly marked and missed passages and tags them in the text with words."""
    from playwright.sync_api import expect

    base, token, _folder = jupyterlab
    with chromium() as page:
        open_notebook(page, base, token, f"{NOTEBOOK}.ipynb")
        run_all_and_wait(page, len(QUESTIONS))
        panel = page.locator(".ml-progress")
        expect(panel).to_contain_text("0 of 7 questions answered")
        expect(panel).to_contain_text("Practice questions: 0 of 3 done.")

        hedges = question(page, "ex-hedges")
        text_box = hedges.locator(".ml-hl-text")
        select_word_with_mouse(page, text_box, "might")
        hedges.get_by_role("button", name="Modal verb").click()  # right: a modal
        expect(panel).to_contain_text("1 of 7 questions answered")  # live, no Refresh
        expect(panel).to_contain_text("Practice questions: 1 of 3 done.")
        select_word_with_mouse(page, text_box, "probably")
        hedges.get_by_role("button", name="Modal verb").click()  # the reference says adverb
        expect(hedges.locator(".ml-status")).to_contain_text("Saved: 2 spans selected")

        hedges.get_by_role("button", name="Check my passages").click()
        check = hedges.locator(".ml-span-check")
        expect(check).to_contain_text("1 found, 1 marked wrongly, 3 missed (the reference has 5).")
        expect(check.get_by_role("listitem").filter(has_text="✓ Found:")).to_contain_text("“might” (Modal verb)")
        expect(check.get_by_role("listitem").filter(has_text="✗ Other label:")).to_contain_text(
            "“probably” you chose Modal verb, the reference says Adverb")
        expect(check.get_by_role("listitem").filter(has_text="○ Missed:")).to_have_count(3)
        expect(hedges.locator(".ml-hl-live")).to_contain_text("Checked: 1 found, 1 marked wrongly, 3 missed")
        # In the text, each passage carries its verdict as words after it (not colour alone).
        tags = hedges.locator(".ml-hl-text [data-ref]").evaluate_all("els => els.map(e => e.dataset.ref)")
        assert sorted(tags) == sorted(["found: Modal verb", "other label, reference: Adverb", "missed: Modal verb",
                                       "missed: Approximator", "missed: Epistemic verb"]), tags
        shot(hedges, "spans-practice-check")

        # An edit takes the check away; checking again counts the new passage.
        select_word_with_mouse(page, text_box, "suggest")
        hedges.get_by_role("button", name="Epistemic verb").click()
        expect(check).to_have_count(0)
        expect(hedges.locator(".ml-hl-text [data-ref]")).to_have_count(0)
        hedges.get_by_role("button", name="Check my passages").click()
        expect(hedges.locator(".ml-span-check")).to_contain_text("2 found, 1 marked wrongly, 2 missed")
