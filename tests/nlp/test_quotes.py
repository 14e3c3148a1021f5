"""The quote finder: curly, straight and doubled-apostrophe marks, apostrophes, broken input."""

from __future__ import annotations

import pytest

from medialit.nlp.quotes import Intervals, find_quotes, find_single_quotes, paragraphs


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“We will build it,” Mara Quell said.", ["“We will build it,”"]),
        ('"We will build it," Mara Quell said.', ['"We will build it,"']),
        ("''We will build it,'' Mara Quell said.", ["''We will build it,''"]),
        ("Quell called it “a start” and “a beginning”.", ["“a start”", "“a beginning”"]),
    ],
)
def test_double_quotes_of_every_style(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_apostrophes_inside_words_are_not_quotes() -> None:
    text = "“It’s the council’s plan, not Quell’s,” she said. It's Brell's turn."
    assert quoted(text) == ["“It’s the council’s plan, not Quell’s,”"]
    assert find_single_quotes(text) == []


def test_single_quotes_around_words_but_not_possessives() -> None:
    text = "The voters’ choice was ‘a stitch-up’, said the residents’ group."
    assert [text[q.start : q.end] for q in find_single_quotes(text)] == ["‘a stitch-up’"]


def test_open_quote_at_paragraph_end_continues_into_next_paragraph() -> None:
    text = "“The bridge is safe. We checked it.\n\n“The engineers agree with us.”\n\nLater, Quell left."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].paragraphs == 2 and quotes[0].balanced
    assert text[quotes[0].start : quotes[0].end].endswith("agree with us.”")


def test_unclosed_quote_ends_at_its_paragraph_without_error() -> None:
    text = "“We will win, Quell said as the polls closed.\n\nThe count began at ten."
    (q,) = find_quotes(text)
    assert not q.balanced
    assert text[q.start : q.end] == "“We will win, Quell said as the polls closed."


@pytest.mark.parametrize("text", ['" " "', "”", "“", "''", "“”", "” stray closing mark", '"\n"\n"', ""])
def test_broken_quote_marks_never_raise(text: str) -> None:
    for q in find_quotes(text) + find_single_quotes(text):
        assert 0 <= q.start <= q.end <= len(text)


def test_closing_mark_used_as_opener_at_paragraph_start() -> None:
    text = "”Fear. I am truly afraid,” wrote one reader."
    assert quoted(text) == ["”Fear. I am truly afraid,”"]


def test_inner_span_drops_marks() -> None:
    text = "She said “no deal” twice."
    (q,) = find_quotes(text)
    start, end = q.inner(text)
    assert text[start:end] == "no deal"


def test_paragraphs_are_non_blank_lines() -> None:
    text = "First line\n\n  Second line  \n\n\nThird"
    assert [text[s:e] for s, e in paragraphs(text)] == ["First line", "Second line", "Third"]


def test_intervals_lookups() -> None:
    iv = Intervals([(0, 5), (10, 20), (30, 31)])
    assert list(iv.overlapping(4, 11)) == [0, 1]
    assert list(iv.overlapping(5, 10)) == []
    assert iv.index_at(20) == 1 and iv.index_at(25) is None
    assert iv.first_starting_at_or_after(11) == 2
    assert iv.last_ending_at_or_before(20) == 1
