"""The widgets' Python side: state, recording, restoring, practice and graded modes,
read-only under nbgrader, text fallback, reveal, and the UTF-16 offset conversion."""

from __future__ import annotations

import json
import os

import pytest

from medialit.answers.store import AnswerStore
from medialit.lesson.widgets import ask, progress, record, reveal
from medialit.lesson.widgets.access import AccessBridge
from medialit.lesson.widgets.highlighter import SpanHighlighter, index_to_utf16, utf16_to_index
from tests.support.quiz_env import NOTEBOOK, answers_file, article_text, offsets, setup_quiz_env


@pytest.fixture
def env(monkeypatch, tmp_path):
    return setup_quiz_env(monkeypatch, tmp_path)


def saved(folder) -> dict:
    return json.loads(answers_file(folder).read_text(encoding="utf-8"))["answers"]


def front_end_state(widget) -> str:
    """Everything the browser receives for ``widget`` and its children, as one JSON string."""
    seen, out = set(), []

    def walk(wd):
        if id(wd) in seen:
            return
        seen.add(id(wd))
        state = wd.get_state()
        out.append(json.dumps(state, ensure_ascii=False, default=str))
        for child in getattr(wd, "children", ()):
            walk(child)
        for value in state.values():
            if isinstance(value, str) and value.startswith("IPY_MODEL_"):
                continue
        for name in ("highlighter", "choice", "scale", "box"):
            if hasattr(wd, name):
                walk(getattr(wd, name))

    walk(widget)
    return "\n".join(out)


# ----- offsets --------------------------------------------------------------------------------

def test_utf16_conversion_round_trips_with_astral_characters():
    text = "a😡b“c”🚢d"
    for i in range(len(text) + 1):
        assert utf16_to_index(text, index_to_utf16(text, i)) == i
    assert index_to_utf16(text, 2) == 3  # the emoji takes two UTF-16 units
    assert utf16_to_index(text, 2) == 2  # a position inside the pair rounds up past the emoji
    assert len(text.encode("utf-16-le")) // 2 == index_to_utf16(text, len(text))


def test_highlighter_converts_browser_offsets_after_an_emoji(env):
    text = article_text()
    hl = SpanHighlighter(text, labels=[{"id": "modal", "text": "Modal verb"}])
    start, end = offsets("might")
    assert text.index("😡") < start
    start16 = len(text[:start].encode("utf-16-le")) // 2
    assert start16 == start + 1
    hl._on_browser_msg(hl, {"action": "add", "start": start16, "end": start16 + 5, "label": "modal"}, [])
    span, label = hl.value[0]
    assert (span.start, span.end, span.text, label) == (start, end, "might", "modal")
    assert hl.spans[0]["start16"] == start16 and hl.spans[0]["start"] == start
    assert hl.message == "Marked “might” as Modal verb."


def test_highlighter_trims_spaces_relabels_removes_and_explains_refusals(env):
    text = "One “two” three"
    hl = SpanHighlighter(text, labels=[{"id": "x", "text": "X"}, {"id": "y", "text": "Y"}])
    hl._on_browser_msg(hl, {"action": "add", "start": 3, "end": 10, "label": "x"}, [])
    assert hl.value[0][0].text == "“two”"
    hl._on_browser_msg(hl, {"action": "relabel", "index": 0, "label": "y"}, [])
    assert hl.value[0][1] == "y"
    hl._on_browser_msg(hl, {"action": "add", "start": 3, "end": 4, "label": "x"}, [])
    assert hl.message.startswith("Not marked: the selection holds no text")
    hl._on_browser_msg(hl, {"action": "add", "start": 0, "end": 3, "label": "zz"}, [])
    assert "not one of the labels" in hl.message and len(hl.value) == 1
    hl._on_browser_msg(hl, {"action": "remove", "index": 0}, [])
    assert hl.value == [] and hl.message == "Removed ““two””."


def test_highlighter_shows_only_the_region_with_article_offsets(env):
    w = ask("ex-headline")
    hl = w.highlighter
    assert hl.text == "Ferry fares may rise by a third, council warns"
    i = hl.text.index("may")
    hl._on_browser_msg(hl, {"action": "add", "start": i, "end": i + 3, "label": "modal"}, [])
    doc = saved(env)["ex-headline"]["value"]
    assert doc["hedges"][0]["cue"] == {"start": offsets("may")[0], "end": offsets("may")[1], "text": "may"}


# ----- choice -----------------------------------------------------------------------------------

def test_single_choice_practice_gives_feedback_hint_and_answer(env):
    w = ask("ex-single")
    w.choice.value = "c"
    assert saved(env)["ex-single"]["value"] == "c"
    assert "Not right" not in w.feedback.value  # the words come from CSS; the class marks it
    assert 'class="ml-no"' in w.feedback.value and "outlet that publishes the story" in w.feedback.value
    assert "Pick another option to try again" in w.feedback.value
    w.hint_button.click()
    assert "Whose words are reported" in w.hint_box.value
    w.choice.value = "a"
    assert 'class="ml-ok"' in w.feedback.value
    w.answer_button.click()
    assert "Reference answer" in w.reference_box.value and "✓ right" in w.reference_box.value


def test_multiple_choice_graded_records_form_only_and_keeps_the_key_out_of_the_browser(env):
    w = ask("ex-multiple")
    assert not hasattr(w, "answer_button")
    w.boxes["may"].value = True
    w.boxes["clearly"].value = True
    assert saved(env)["ex-multiple"]["value"] == ["may", "clearly"]
    assert "Saved: 2 options selected" in w.status.value and "checked when the notebook is graded" in w.status.value
    assert w.feedback.value == ""
    state = front_end_state(w)
    for option in w.question.options:
        assert option["feedback"] not in state
    assert '"correct"' not in state


def test_widgets_restore_from_the_file(env):
    first = ask("ex-multiple")
    first.boxes["probably"].value = True
    again = ask("ex-multiple")
    assert [oid for oid, box in again.boxes.items() if box.value] == ["probably"]
    assert "Restored: 1 option selected" in again.status.value
    rating = ask("ex-rate")
    rating.scale.value = 5
    assert ask("ex-rate").scale.value == 5
    table = ask("ex-classify")
    table.choices["critics"].value = "unnamed"
    assert ask("ex-classify").choices["critics"].value == "unnamed"
    assert saved(env)["ex-classify"]["value"] == {"critics": "unnamed"}


def test_spans_question_practice_feedback_and_show_answer(env):
    w = ask("ex-hedges")
    hl = w.highlighter
    i = hl.text.index("probably")
    hl._on_browser_msg(hl, {"action": "add", "start": i, "end": i + 8, "label": "modal"}, [])
    assert "1 matched span got a different label" in w.feedback.value
    assert hl.reference == []
    w.answer_button.click()
    assert [r["text"] for r in hl.reference] == ["could", "as much as", "probably", "suggest", "might"]
    restored = ask("ex-hedges")
    assert [(s.text, label) for s, label in restored.highlighter.value] == [("probably", "modal")]


def test_spans_question_graded_sends_no_reference(env):
    w = ask("ex-headline")
    assert not hasattr(w, "answer_button")
    hl = w.highlighter
    i = hl.text.index("fares")
    hl._on_browser_msg(hl, {"action": "add", "start": i, "end": i + 5, "label": "modal"}, [])
    assert "Saved: 1 span selected" in w.status.value and w.feedback.value == ""
    assert hl.reference == []


def test_written_answer_counts_words_and_saves_every_change(env):
    w = ask("ex-text")
    w.box.value = "Too short 🚢 — isn’t it?"
    assert "4 words (aim for 10–120). A little short so far." in w.count.value
    assert saved(env)["ex-text"]["value"] == "Too short 🚢 — isn’t it?"
    w.box.value = "The ferry operator is never asked what the fuel contract really costs."
    assert "12 words" in w.count.value and "short" not in w.count.value
    assert ask("ex-text").box.value.startswith("The ferry operator")


def test_write_failure_is_shown_not_raised(env, monkeypatch):
    w = ask("ex-rate")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    w.scale.value = 2
    assert "Not saved to disk" in w.status.value and "No space left on device" in w.status.value


def test_corrupt_file_warning_is_shown_in_the_widget(env):
    answers_file(env).write_text('{"schema_version": 1, "notebook": "x", "answers": {"ex-rate": {"kind"', "utf-8")
    w = ask("ex-single")
    assert "had a problem" in w.warning.value and "corrupt-" in w.warning.value


# ----- progress, reveal, fallback, nbgrader ------------------------------------------------------

def test_progress_counts_answers_practice_points_and_what_is_left(env):
    store = AnswerStore.for_notebook(NOTEBOOK)
    store.record("ex-single", "a")
    store.record("ex-rate", 3)
    store.record("ex-multiple", ["may"])
    from medialit.lesson.widgets.progress_panel import compute_progress

    p = compute_progress(store)
    assert (p.practice_points, p.practice_max) == (1.5, 5.0)  # 1 + 0.5; the spans question is unanswered
    assert (p.graded_recorded, p.graded_total) == (1, 4)
    assert [q.id for q in p.left] == ["ex-hedges", "ex-headline", "ex-classify", "ex-text"]
    panel = progress(NOTEBOOK)
    assert "3 of 7 questions answered" in panel.children[0].value
    assert "3 of 7 questions answered" in panel._repr_mimebundle_()["text/plain"]


def test_progress_updates_live_as_widgets_record_and_counts_practice_apart(env):
    panel = progress(NOTEBOOK)
    assert "Practice questions: 0 of 3 done." in panel.children[0].value
    assert "Graded questions: 0 of 4 answered" in panel.children[0].value
    single = ask("ex-single")
    single.save("a")  # what the radio buttons do on a click
    assert "1 of 7 questions answered" in panel.children[0].value
    assert "Practice questions: 1 of 3 done." in panel.children[0].value
    assert "Practice score: 1 of 5 points." in panel.children[0].value
    ask("ex-multiple").save(["may"])
    assert "Graded questions: 1 of 4 answered" in panel.children[0].value
    AnswerStore.for_notebook(NOTEBOOK).clear("ex-single")
    assert "Practice questions: 0 of 3 done." in panel.children[0].value
    # the set-up cell run again: both panels stay right; answers recorded from code count too
    again = progress(NOTEBOOK)
    record("ex-rate", 3)
    assert "Practice questions: 1 of 3 done." in again.children[0].value
    assert again.children[0].value == panel.children[0].value


def test_a_display_that_fails_to_update_does_not_cost_the_answer(env):
    store = AnswerStore.for_notebook(NOTEBOOK)

    def broken(_qid):
        raise RuntimeError("display gone")

    store.watch(broken)
    with pytest.warns(UserWarning, match="could not update a display after answering ex-single: display gone"):
        store.record("ex-single", "a")
    assert AnswerStore.for_notebook(NOTEBOOK).get("ex-single") == "a"


def test_reveal_shows_the_reference_only_after_the_button(env):
    AnswerStore.for_notebook(NOTEBOOK).record("ex-multiple", ["probably"])
    panel = reveal("ex-multiple")
    note, button, box, access = panel.children  # the last one keeps the keys and names for screen readers
    assert isinstance(access, AccessBridge) and "ml-keys" in panel._dom_classes
    assert box.value == "" and "may (headline)" not in front_end_state(panel).replace(note.value, "")
    button.click()
    assert "Reference answer" in box.value and "✓ right" in box.value and button.disabled
    assert "✓ right" in repr(reveal("ex-multiple", confirm=True))


def test_reveal_waits_for_an_answer_and_shows_it_beside_the_reference(env):
    for shown in (reveal("ex-multiple"), reveal("ex-multiple", confirm=True)):
        text = repr(shown)
        assert "Answer ex-multiple first" in text and "✓ right" not in text and "Reference answer" not in text
    AnswerStore.for_notebook(NOTEBOOK).record("ex-multiple", ["probably"])
    text = repr(reveal("ex-multiple", confirm=True))
    assert "Your answer (1 option selected): probably" in text
    assert text.index("Your answer") < text.index("Reference answer") and "✓ right" in text


# ----- keyboard and screen readers (what the browser side relies on; tested in a browser too) -----

def test_every_question_and_panel_carries_the_access_bridge_and_its_markers(env):
    """Each question widget and panel keeps its keys (class ml-keys, one AccessBridge); its
    group of controls is marked for naming by the prompt, which has its own element."""
    marked = {"ex-single": ("choice", "ml-radiogroup"), "ex-rate": ("scale", "ml-radiogroup"),
              "ex-text": ("box", "ml-labelled")}
    for qid in ["ex-single", "ex-multiple", "ex-hedges", "ex-headline", "ex-classify", "ex-rate", "ex-text"]:
        w = ask(qid)
        assert "ml-keys" in w._dom_classes, qid
        assert sum(isinstance(c, AccessBridge) for c in w.children) == 1, qid
        assert f'<span class="ml-q-text">{w.question.prompt}</span>' in w.header.value.replace("&#x27;", "'"), qid
        if qid in marked:
            attr, cls = marked[qid]
            assert cls in getattr(w, attr)._dom_classes, qid
    assert "ml-group" in ask("ex-multiple").children[2]._dom_classes
    assert "ml-group" in ask("ex-classify").children[2]._dom_classes
    panel = progress(NOTEBOOK)
    assert "ml-keys" in panel._dom_classes and isinstance(panel.children[-1], AccessBridge)


def test_the_key_guard_comes_before_both_front_ends():
    guard = "function mlGuardKeys(win)"
    assert AccessBridge._esm.startswith("// Keys for the controls") and guard in AccessBridge._esm
    assert guard in SpanHighlighter._esm and SpanHighlighter._esm.index(guard) < SpanHighlighter._esm.index(
        "function render(")
    assert "mlGuardKeys(host.ownerDocument.defaultView)" in SpanHighlighter._esm


def test_text_fallback_says_how_to_record_from_code(env):
    bundle = ask("ex-hedges")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    text = bundle["text/plain"]
    assert "Interactive widgets are not shown here" in text
    assert "answers.record('ex-hedges', [{'text': '<exact words from the article>', 'label': '<label id>'}])" in text
    assert "in place of each <...>" in text
    assert "label approximator: Approximator" in text
    assert bundle["text/html"].startswith("<pre>")


def test_under_nbgrader_widgets_are_static_and_nothing_is_written(env, monkeypatch):
    store = AnswerStore.for_notebook(NOTEBOOK)
    store.record("ex-multiple", ["may", "probably"])
    before = answers_file(env).read_bytes()
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    shown = ask("ex-multiple")
    shown_text = repr(shown)  # the picks in this learner's order of the options
    assert ("may (headline); probably" in shown_text or "probably; may (headline)" in shown_text)
    assert "2 options selected" in shown._repr_html_()
    assert "no answer yet" in repr(ask("ex-hedges"))
    assert "not shown while the notebook is graded" in repr(reveal("ex-multiple"))
    assert "1 of 7 questions answered" in repr(progress(NOTEBOOK))
    assert answers_file(env).read_bytes() == before
    assert sorted(p.name for p in env.iterdir()) == [answers_file(env).name]


def test_unknown_question_and_unknown_notebook_give_messages(env, tmp_path, monkeypatch):
    assert "Cannot show question 'nope'" in repr(ask("nope"))
    bank = tmp_path / "banks"
    bank.mkdir()
    (bank / "b.yaml").write_text("provenance: test\nlicence: MIT\nquestions:\n"
                                 "  - {id: free, type: text, mode: graded, points: 1, prompt: Explain}\n", "utf-8")
    monkeypatch.setenv("MEDIALIT_QUESTIONS", str(bank))
    message = repr(ask("free"))
    assert "answers.use('<notebook name>')" in message


def test_a_key_that_cannot_be_read_gives_a_message_not_a_traceback(env, tmp_path, monkeypatch, capsys):
    bank = tmp_path / "banks"
    bank.mkdir()
    (bank / "b.yaml").write_text(
        "provenance: test\nlicence: MIT\nnotebook: nb\narticle: harbourford-ferry-fares\nquestions:\n"
        "  - {id: k1, type: spans, mode: practice, points: 1, prompt: Mark, layer: hedges,\n"
        "     labels: [{id: modal, text: Modal}], region: {parts: [caption]}, key: {layer: hedges}}\n", "utf-8")
    monkeypatch.setenv("MEDIALIT_QUESTIONS", str(bank))
    message = repr(ask("k1"))  # the constructed article has no caption part
    assert "Cannot show question 'k1'" in message and "region parts ['caption']" in message
    from medialit.core import annotation as ann
    from medialit.grading import grade

    doc = ann.new_document("harbourford-ferry-fares", article_text())
    start, end = offsets("may")
    doc["hedges"] = [{"id": "h1", "cue": {"start": start, "end": end, "text": "may"}, "category": "modal"}]
    path = tmp_path / "nb.answers.json"
    path.write_text(json.dumps({"schema_version": 1, "notebook": "nb", "answers": {
        "k1": {"kind": "spans", "value": doc, "updated": "2026-01-01T00:00:00+00:00"}}}), "utf-8")
    assert grade("k1", answers_path=path) == 0.0
    assert "k1: cannot be graded, the key could not be read" in capsys.readouterr().out


def test_a_saved_answer_that_no_longer_fits_is_kept_and_explained(env):
    path = answers_file(env)
    path.write_text(json.dumps({"schema_version": 1, "notebook": NOTEBOOK, "answers": {
        "ex-single": {"kind": "single", "value": "d", "updated": "2026-01-01T00:00:00+00:00"}}}), "utf-8")
    w = ask("ex-single")
    assert "Your saved answer cannot be shown here" in w.warning.value
    assert "&#x27;d&#x27; is not an option" in w.warning.value
    assert w.choice.value is None
    assert saved(env)["ex-single"]["value"] == "d"  # nothing was dropped


# ----- wording of status lines and feedback ----------------------------------------------------

def test_a_verdict_in_the_bank_is_not_said_twice():
    from medialit.lesson.widgets.render import without_verdict

    assert without_verdict("Right.", True) == ""
    assert without_verdict("Right: it weakens the claim.", True) == "it weakens the claim."
    assert without_verdict("Correct, the council said so.", True) == "the council said so."
    assert without_verdict("Not quite: look at the verb.", False) == "look at the verb."
    assert without_verdict("Right. reveal shows the reference answer.", True) == "reveal shows the reference answer."
    assert without_verdict("No source is named here.", False) == "No source is named here."
    assert without_verdict("Rightly, the mayor answered.", True) == "Rightly, the mayor answered."
    assert without_verdict("Right.", False) == "Right."  # a wrong pick is never told "Right"


def test_single_choice_status_names_the_option_by_its_text_and_feedback_has_one_verdict(env):
    from medialit.lesson.widgets.render import esc

    w = ask("ex-single")
    option = w.question.option("a")
    w.save("a")
    assert f"Saved: “{esc(option['text'])}” selected." in w.status.value
    assert "option 'a'" not in w.status.value
    assert 'class="ml-ok"' in w.feedback.value
    assert not w.feedback.value.split('class="ml-ok">', 1)[1].lower().startswith("right")


def test_classify_drop_downs_are_wide_enough_for_every_category(env):
    w = ask("ex-classify")
    longest = max(len(c["text"]) for c in w.question.categories)
    for dd in w.choices.values():
        select_em = float(dd.layout.width.removesuffix("em")) - float(dd.style.description_width.removesuffix("em"))
        assert select_em >= longest * 0.6 + 3 - 1, (dd.layout.width, dd.style.description_width)
