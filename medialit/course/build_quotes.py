"""Quoting an article in a generated question: whole sentences or whole clauses, never a cut.

A question that quotes the article (the sentence around a hedge, a claim, a quote's content)
must not stop in the middle of a clause: a cut can hide the very word the question is about
(a hedging "would" after the cut) or change what the sentence says.  :func:`sentence_around`
gives the sentence that holds a span; when it is longer than the limit, the smallest run of
whole clauses (split at ``,`` ``;`` ``:`` and dashes) that holds the span.  :func:`whole_quote`
says whether a text can be quoted whole within a limit.

Limits: sentences end at ``.``, ``?``, ``!`` (also before a closing quotation mark) or a line
break, so an abbreviation such as "Dr." ends a sentence early (the quote is then shorter,
never cut inside a clause); a clause run longer than the limit is returned whole.
"""

from __future__ import annotations

import re

#: Where a sentence ends: a full stop, question or exclamation mark (a closing quotation mark may
#: follow) before white space, or a line break.
_SENTENCE_END = re.compile(r"[.?!][”’\"')]*(?=\s)|\n")
#: Where a clause ends inside a sentence.
_CLAUSE_END = re.compile(r"[,;:][”’\"')]*(?=\s)|\s[–—]\s")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of the sentence of ``text`` that holds ``[start, end)`` (several when the span crosses one)."""
    lo = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        lo = m.end()
    m = _SENTENCE_END.search(text, end)
    hi = m.end() if m and m.group() != "\n" else (m.start() if m else len(text))
    while lo < start and text[lo].isspace():
        lo += 1
    return lo, max(hi, end)


def sentence_around(text: str, start: int, end: int, limit: int = 240) -> str:
    """The sentence holding ``[start, end)``, or the shortest run of its whole clauses that holds
    the span when the sentence is longer than ``limit`` characters.  White space is squashed."""
    lo, hi = sentence_bounds(text, start, end)
    if len(_squash(text[lo:hi])) <= limit:
        return _squash(text[lo:hi])
    cuts = [lo] + [m.end() for m in _CLAUSE_END.finditer(text, lo, hi)] + [hi]
    first = max(c for c in cuts if c <= start)
    last = min(c for c in cuts if c >= end)
    # widen clause by clause while the run still fits: more context, never a cut clause
    i, j = cuts.index(first), cuts.index(last)
    while True:
        grown = False
        if j + 1 < len(cuts) and len(_squash(text[cuts[i]:cuts[j + 1]])) <= limit:
            j += 1
            grown = True
        if i > 0 and len(_squash(text[cuts[i - 1]:cuts[j]])) <= limit:
            i -= 1
            grown = True
        if not grown:
            break
    piece = _squash(text[cuts[i]:cuts[j]]).rstrip(",;:–— ")
    return ("…" if cuts[i] > lo else "") + piece + ("…" if cuts[j] < hi else "")


def whole_quote(text: str, limit: int = 240) -> str | None:
    """``text`` with its white space squashed, or None when it is longer than ``limit`` (then quote
    something else rather than cut it)."""
    squashed = _squash(text)
    return squashed if len(squashed) <= limit else None
