"""Spans: the unit every annotation layer is made of.

A span is ``{"start": int, "end": int, "text": str}`` with Python character offsets
(Unicode code points, not bytes and not the UTF-16 units a browser uses) into the
article text, ``text == article[start:end]``.  This module also defines, once, how two
spans are compared when a student's answer is scored against a reference.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_WORD = re.compile(r"\w+")


def text_sha256(text: str) -> str:
    """The sha256 (hex) of ``text`` encoded as UTF-8: the fingerprint annotations carry."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` of an article, with its text."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, article_text: str, start: int, end: int) -> Span:
        """The span of ``article_text[start:end]``; raises ``ValueError`` when out of range."""
        if not (0 <= start <= end <= len(article_text)):
            raise ValueError(
                f"offsets {start}:{end} are outside the article (0:{len(article_text)}); "
                "use Python character offsets with start <= end"
            )
        return cls(start, end, article_text[start:end])

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))  # type: ignore[arg-type]

    def to_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text}

    def __len__(self) -> int:
        return self.end - self.start


def find_span(article_text: str, needle: str, occurrence: int = 1, after: int = 0) -> Span:
    """The ``occurrence``-th exact match of ``needle`` at or after offset ``after``.

    Raises ``ValueError`` naming the needle when there is no such match: annotations are
    written against exact text, so a missing match means the annotation is wrong.
    """
    pos = after - 1
    for _ in range(occurrence):
        pos = article_text.find(needle, pos + 1)
        if pos < 0:
            raise ValueError(f"{needle!r} (occurrence {occurrence}) not found after offset {after}")
    return Span(pos, pos + len(needle), needle)


def word_offsets(text: str, start: int, end: int) -> set[int]:
    """Start offsets of the word tokens (``\\w+``) inside ``text[start:end]``."""
    return {m.start() for m in _WORD.finditer(text, start, end)}


#: Span matching used for grading and evaluation, defined once.  A predicted span
#: matches a reference span when at least ``MATCH_THRESHOLD`` of the reference's word
#: tokens are covered AND at least that share of the predicted span's word tokens fall
#: inside the reference.  Punctuation, quote marks and spaces never count, so a student
#: who includes or leaves out a closing quote or full stop still gets full credit.
MATCH_THRESHOLD = 0.5


def overlap_scores(text: str, predicted: Span, reference: Span) -> tuple[float, float]:
    """(share of the reference's words covered, share of the prediction's words inside)."""
    ref = word_offsets(text, reference.start, reference.end)
    pred = word_offsets(text, predicted.start, predicted.end)
    if not ref or not pred:
        # Spans without words (a lone quote mark, a dash): compare characters instead.
        inter = max(0, min(predicted.end, reference.end) - max(predicted.start, reference.start))
        if inter == 0:
            return 0.0, 0.0
        return inter / max(1, len(reference)), inter / max(1, len(predicted))
    inter = len(ref & pred)
    return inter / len(ref), inter / len(pred)


def spans_match(text: str, predicted: Span, reference: Span, threshold: float = MATCH_THRESHOLD) -> bool:
    """True when the two spans match under the rule documented at ``MATCH_THRESHOLD``."""
    recall, precision = overlap_scores(text, predicted, reference)
    return recall >= threshold and precision >= threshold


def match_spans(
    text: str,
    predicted: Iterable[Span],
    reference: Iterable[Span],
    threshold: float = MATCH_THRESHOLD,
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing of predicted and reference spans that match.

    Returns ``(predicted_index, reference_index)`` pairs.  Each span is used at most
    once; pairs with the larger word overlap are taken first, so the result does not
    depend on the order the student marked things in.
    """
    preds, refs = list(predicted), list(reference)
    candidates: list[tuple[float, int, int]] = []
    for i, p in enumerate(preds):
        for j, r in enumerate(refs):
            rec, prec = overlap_scores(text, p, r)
            if rec >= threshold and prec >= threshold:
                candidates.append((rec + prec, i, j))
    return greedy_pairs(candidates)


def greedy_pairs(candidates: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one ``(i, j)`` pairs from ``(score, i, j)`` candidates, the highest scores first
    (ties by ``i``, then ``j``), each ``i`` and each ``j`` used at most once; sorted."""
    candidates = sorted(candidates, key=lambda c: (-c[0], c[1], c[2]))
    used_p: set[int] = set()
    used_r: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_r:
            used_p.add(i)
            used_r.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def prf(true_positives: int, predicted: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1 (0.0 where undefined)."""
    p = true_positives / predicted if predicted else 0.0
    r = true_positives / gold if gold else 0.0
    f = 2 * true_positives / (predicted + gold) if predicted + gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
