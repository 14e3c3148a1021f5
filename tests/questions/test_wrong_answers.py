"""Each question type's wrong answers, as the class report shows them to a teacher.

The questions come from the course banks; expected counts follow from answers written by
hand, and the expected feedback is read from the bank (so rewording a bank does not break
the tests, a wrong lookup does).
"""

from __future__ import annotations

from medialit.questions import find_question


def test_single_choice_counts_each_wrong_option_with_its_feedback():
    q = find_question("l2-useless")
    right = q.correct_options[0]
    wrong = [o for o in q.option_ids if o != right]
    values = [right, wrong[0], wrong[1], wrong[1], wrong[1]]
    rows = q.kind.wrong_answers(values)
    assert [(r.students, r.feedback) for r in rows] == [(3, q.option(wrong[1])["feedback"]),
                                                       (1, q.option(wrong[0])["feedback"])]
    assert q.option(wrong[1])["text"] in rows[0].answer and rows[0].answer.startswith("picked")
    assert q.kind.wrong_answers([right, right]) == []


def test_multiple_choice_counts_wrong_ticks_and_right_options_left_out():
    q = find_question("l3-boosters")
    right = q.correct_options
    wrong = [o for o in q.option_ids if o not in right]
    values = [list(right), [right[0], wrong[0]], [right[0], wrong[0]], [right[0]]]
    rows = {r.answer: r for r in q.kind.wrong_answers(values)}
    ticked = next(r for a, r in rows.items() if q.option(wrong[0])["text"] in a)
    assert ticked.students == 2 and ticked.answer.startswith("ticked")
    assert ticked.feedback == q.option(wrong[0])["feedback"]
    left_out = [r for a, r in rows.items() if a.startswith("left out")]
    assert sorted(r.students for r in left_out) == [3] * (len(right) - 1)
    assert q.kind.wrong_answers(values)[0].students == 3  # most common first


def test_classify_counts_item_and_wrong_category_pairs():
    q = find_question("l3-claims")
    items = q.items
    cats = [c["id"] for c in q.categories]
    key = {it["id"]: it["answer"] for it in items}
    with_feedback = next(it for it in items if it.get("feedback"))
    without = next(it for it in items if not it.get("feedback"))
    other = next(c for c in cats if c != with_feedback["answer"])
    third = next(c for c in cats if c != without["answer"])
    values = [dict(key), {**key, with_feedback["id"]: other}, {**key, with_feedback["id"]: other},
              {**key, without["id"]: third}, {k: v for k, v in key.items() if k != without["id"]}]
    rows = q.kind.wrong_answers(values)
    assert [r.students for r in rows] == [2, 1]  # an item left unclassified is not a wrong answer
    assert rows[0].feedback == with_feedback["feedback"]
    assert rows[1].feedback == q.explanation  # no item feedback: the question's explanation
    cat_text = {c["id"]: c["text"] for c in q.categories}
    assert cat_text[other] in rows[0].answer and cat_text[with_feedback["answer"]] in rows[0].answer


def test_rate_counts_each_rating_off_the_key():
    q = find_question("l3-rate-liu")
    key = q.kind.key()
    values = [key, key + 1, key + 1, key + 2]
    rows = q.kind.wrong_answers(values)
    assert [r.students for r in rows] == [2, 1]
    assert rows[0].answer.startswith(f"rated {key + 1}")
    assert rows[0].feedback == ((q.data.get("feedback") or {}).get(str(key + 1)) or q.explanation)
    assert rows[0].feedback


def test_spans_counts_missed_relabelled_and_extra_passages():
    q = find_question("l3-liu")
    refs = q.key_spans()
    text = q.article.text
    start = text.index("certain conflict point")
    extra = {"start": start, "end": start + len("certain conflict point"), "label": q.label_ids[0]}
    other_label = next(lab for lab in q.label_ids if lab != refs[0][1])
    everything = [{"start": s.start, "end": s.end, "label": lab} for s, lab, _ in refs]
    values = [q.check_answer(everything),
              q.check_answer([{**everything[0], "label": other_label}, extra]),
              q.check_answer([extra])]
    rows = q.kind.wrong_answers(values)
    by_answer = {r.answer: r for r in rows}
    marked = next(r for a, r in by_answer.items() if "certain conflict point" in a)
    assert marked.students == 2 and marked.feedback == q.explanation
    missed_first = next(r for a, r in by_answer.items() if a.startswith("missed") and refs[0][0].text in a)
    assert missed_first.students == 1
    for span, _, feedback in refs[1:]:
        row = next(r for a, r in by_answer.items() if a.startswith("missed") and f"“{span.text}”" in a)
        assert row.students == 2 and row.feedback == (feedback or q.explanation)
    relabelled = next(r for a, r in by_answer.items() if a.startswith("labelled"))
    assert relabelled.students == 1
    assert rows[0].students == 2


def test_a_written_answer_has_no_wrong_answer_to_count():
    q = find_question("l3-compare")
    assert q.kind.wrong_answers(["anything", "else"]) == []
