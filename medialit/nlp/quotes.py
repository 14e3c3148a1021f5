"""Quotation marks: find quoted passages in a text without a parser.

Handles what news text throws at a reader:

- curly (“ ” „ ‘ ’), straight (" ') and doubled-apostrophe ('') marks, and guillemets;
- ’ and ' between two letters (``don’t``, ``America’s``) are apostrophes, not quotes;
- a quote opened in one paragraph and not closed there continues into the next paragraph
  when that paragraph opens with a quote mark (the news convention for long quotes);
- unbalanced marks never raise: an unclosed quote ends at its paragraph's end and is
  flagged ``balanced=False``; a stray closing mark is ignored.

Limits: nested double quotes inside double quotes are not recognised (the inner pair
closes the outer one); a straight ``"`` whose side cannot be told from the characters
around it simply toggles.  Single-quote pairs are found separately
(:func:`find_single_quotes`) because ’ is also the apostrophe; a plural possessive such as
``voters’`` closes a single quote only when one is open in the same paragraph.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

#: Marks that open, close or may do either, for double quotes.
_DOUBLE = re.compile(r"''|``|[“”„‟«»\"]")
_OPENERS = {"“", "„", "‟", "«", "``"}
_CLOSERS = {"”", "»"}
_OPEN_CONTEXT = set(" \t\n([{—–-/") | {""}
_MARK_CHARS = set("“”„‟«»\"'‘’`")


@dataclass(frozen=True)
class Quote:
    """A quoted passage ``text[start:end]`` including its marks.

    ``balanced`` is False when the closing mark is missing (the span then runs to the end of
    its paragraph); ``paragraphs`` counts the paragraphs the quote spans.
    """

    start: int
    end: int
    balanced: bool = True
    paragraphs: int = 1

    def inner(self, text: str) -> tuple[int, int]:
        """Offsets of the quoted words, without the marks and surrounding spaces."""
        start, end = self.start, self.end
        while start < end and (text[start] in _MARK_CHARS or text[start].isspace()):
            start += 1
        while end > start and (text[end - 1] in _MARK_CHARS or text[end - 1].isspace()):
            end -= 1
        return start, end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank line: news text puts one paragraph on a line."""
    out = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos = end + 1
    return out


def _role(text: str, start: int, end: int) -> str:
    """'open', 'close' or 'either' for the double mark at ``text[start:end]``."""
    mark = text[start:end]
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    opens_here = before in _OPEN_CONTEXT or before.isspace()
    closes_here = after == "" or after.isspace() or after in ",.;:!?)]}—–-…"
    if mark in _OPENERS:
        # “ written where a closer belongs (after a word, before a space) is a closer.
        return "close" if (not opens_here and closes_here) else "open"
    if mark in _CLOSERS:
        # ” written at the start of a quoted paragraph ("”Fear.") is an opener.
        return "open" if (opens_here and after.isalnum()) else "close"
    if opens_here and not closes_here:
        return "open"
    if closes_here and not opens_here:
        return "close"
    return "either"


def find_quotes(text: str) -> list[Quote]:
    """Every double-quoted passage in ``text``, in order, never overlapping."""
    paras = paragraphs(text)
    marks_by_para: list[list[tuple[int, int, str]]] = []
    for p_start, p_end in paras:
        marks = [(m.start(), m.end(), _role(text, m.start(), m.end())) for m in _DOUBLE.finditer(text, p_start, p_end)]
        marks_by_para.append(marks)

    quotes: list[Quote] = []
    carry: tuple[int, int] | None = None  # (start, paragraphs so far) of a quote still open
    for index, ((p_start, _p_end), marks) in enumerate(zip(paras, marks_by_para, strict=True)):
        open_at: int | None = None
        n_paras = 1
        if carry is not None:
            # Continues only when this paragraph opens with a quote mark.
            if marks and marks[0][0] == p_start and marks[0][2] != "close":
                open_at, n_paras = carry[0], carry[1] + 1
                marks = marks[1:]
            else:
                prev_end = paras[index - 1][1]
                quotes.append(Quote(carry[0], prev_end, balanced=False, paragraphs=carry[1]))
            carry = None
        for m_start, m_end, role in marks:
            if open_at is None:
                if role in ("open", "either"):
                    open_at = m_start
                # a stray closing mark: ignored
            elif role in ("close", "either"):
                quotes.append(Quote(open_at, m_end, paragraphs=n_paras))
                open_at, n_paras = None, 1
            else:
                # A second opener while one is open: the first was never closed.
                end = m_start
                while end > open_at + 1 and text[end - 1].isspace():
                    end -= 1
                quotes.append(Quote(open_at, end, balanced=False, paragraphs=n_paras))
                open_at, n_paras = m_start, 1
        if open_at is not None:
            carry = (open_at, n_paras)
    if carry is not None and paras:
        quotes.append(Quote(carry[0], paras[-1][1], balanced=False, paragraphs=carry[1]))
    return quotes


_SINGLE = re.compile(r"[‘’']")


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before.isalnum() and after.isalnum():
        return True  # don’t, America’s, rock’n’roll
    if text[i] in "’'" and after.isalpha() and (before == "" or before.isspace()) and text[i + 1 : i + 3].lower() in (
        "s ",
        "em",
        "ti",
        "n ",
    ):
        return True  # ’em, ’tis, rock ’n roll
    if text[i] in "’'" and before.isdigit():
        return False
    return text[i] in "’'" and i > 0 and text[i - 1 : i + 1] in ("s’", "s'") and after.isspace()


def find_single_quotes(text: str, max_chars: int = 200) -> list[Quote]:
    """Single-quoted passages (‘…’ or '…') of at most ``max_chars``, within one paragraph.

    Apostrophes are skipped; a ’ after a plural ``s`` closes a quote only when one is open.
    """
    quotes: list[Quote] = []
    for p_start, p_end in paragraphs(text):
        open_at: int | None = None
        for m in _SINGLE.finditer(text, p_start, p_end):
            i = m.start()
            if text[i : i + 2] == "''" or text[i - 1 : i + 1] == "''":
                continue  # a doubled apostrophe is a double quote mark
            before = text[i - 1] if i > 0 else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if open_at is None:
                if _is_apostrophe(text, i):
                    continue
                if (before == "" or before.isspace() or before in "([{—–-“\"") and after and not after.isspace():
                    open_at = i
            else:
                if before.isalnum() and after.isalnum():
                    continue
                if (after == "" or after.isspace() or after in ",.;:!?)]}—–-”\"") and before and not before.isspace():
                    if 2 < i + 1 - open_at <= max_chars:
                        quotes.append(Quote(open_at, i + 1))
                    open_at = None
    return quotes


class Intervals:
    """Sorted, non-overlapping ``(start, end)`` ranges (quotes, paragraphs) with fast lookups."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.ranges = ranges
        self.starts = [r[0] for r in ranges]
        self.ends = [r[1] for r in ranges]

    def __len__(self) -> int:
        return len(self.ranges)

    def overlapping(self, start: int, end: int) -> range:
        """Indices of the ranges that overlap ``[start, end)``."""
        return range(bisect.bisect_right(self.ends, start), bisect.bisect_left(self.starts, end))

    def index_at(self, offset: int) -> int | None:
        """Index of the range holding ``offset`` (its end included), or None."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset <= self.ends[i] else None

    def first_starting_at_or_after(self, offset: int) -> int:
        return bisect.bisect_left(self.starts, offset)

    def last_ending_at_or_before(self, offset: int) -> int:
        return bisect.bisect_right(self.ends, offset) - 1
