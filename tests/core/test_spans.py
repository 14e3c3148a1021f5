"""The span-matching rule shared by grading and evaluation."""

from __future__ import annotations

from medialit.core.spans import Span, match_spans, prf, spans_match

TEXT = "Mayor Ilse Varga said the plant would “probably” open in spring, residents said."


def span(needle: str, occurrence: int = 1) -> Span:
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(needle, start + 1)
    return Span(start, start + len(needle), needle)


def test_punctuation_and_quote_marks_do_not_change_a_match():
    ref = span("the plant would “probably” open in spring")
    assert spans_match(TEXT, span("the plant would “probably” open in spring,"), ref)
    assert spans_match(TEXT, span("plant would “probably” open in spring"), ref)


def test_half_the_words_both_ways_is_the_threshold():
    ref = span("the plant would “probably” open in spring")  # 7 words
    assert not spans_match(TEXT, span("the plant would"), ref), "3 of 7 reference words is too little"
    assert spans_match(TEXT, span("the plant would “probably"), ref), "4 of 7 is enough"
    whole = span("Mayor Ilse Varga said the plant would “probably” open in spring, residents said")
    assert spans_match(TEXT, whole, ref), "7 of the prediction's 13 words fall inside the reference"
    assert not spans_match(TEXT, whole, span("open in spring")), "marking the whole sentence does not pay"


def test_one_to_one_pairing_prefers_the_best_overlap_and_ignores_order():
    refs = [span("said"), span("said", 2)]
    preds = [span("said", 2), span("said")]
    assert match_spans(TEXT, preds, refs) == [(0, 1), (1, 0)]
    assert match_spans(TEXT, [span("said")] * 2, refs) == [(0, 0)], "one prediction cannot be paid twice"


def test_prf_handles_empty_sets():
    assert prf(0, 0, 0) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert prf(2, 4, 2) == {"precision": 0.5, "recall": 1.0, "f1": 0.667}
