"""Where the right answers sit in a bank's own order: counted, checked for a bias, and spread.

Learners see options and items in an order of their own (:mod:`medialit.lesson.order`), but
a bank's file order is what a teacher, a public bank or a printout shows, so it must not
give the answer away either.

**Choice questions** (graded ``single`` and ``multiple``): for each position ``p`` (1 = first
option) the *count* is how many questions have a right option there, and the *expected*
count is what a random order gives: the sum, over the questions with at least ``p``
options, of (right options / options).  A set of questions is **biased** when some
position's count exceeds ``ceil(expected) + 1``; for single choice with ``n`` questions of
``k`` options each that is "no position holds more than ceil(n/k) + 1 of the n right
answers".  A multiple-choice question is also biased on its own when its right options
are exactly its first ones, or exactly its last ones.

**Classification questions** (graded ``classify``): the items are in the *key's order* when
they are grouped by category in the order of the categories.  Over every pair of items in
different categories, the *concordance* is the share of pairs listed in category order;
a question of at least four items is biased when it is above 0.75 or below 0.25 (listed in
the key's order, or its reverse).

:func:`spread_positions` reorders questions (as bank mappings) so that none of this holds:
contents unchanged, only the order, the same for the same seed.

Limits: with one or two questions per bank the counts say little; check a whole course too.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

CHOICE_TYPES = ("single", "multiple")
#: A classification question's concordance must lie within these bounds (inclusive).
CONCORDANCE_BOUNDS = (0.25, 0.75)
#: Fewer items than this are not checked for the key's order.
MIN_ITEMS = 4


def _data(q: Any) -> Mapping[str, Any]:
    return q.data if hasattr(q, "data") else q


def _graded(questions: Iterable[Any], types: Sequence[str]) -> list[Mapping[str, Any]]:
    return [d for d in map(_data, questions) if d.get("mode") == "graded" and d.get("type") in types]


def position_counts(questions: Iterable[Any], qtype: str) -> tuple[list[int], list[float]]:
    """(count, expected) per position (index 0 = first option) over the graded ``qtype`` questions."""
    qs = [q for q in _graded(questions, (qtype,)) if q.get("options")]
    width = max((len(q["options"]) for q in qs), default=0)
    counts, expected = [0] * width, [0.0] * width
    for q in qs:
        opts = q["options"]
        share = sum(bool(o.get("correct")) for o in opts) / len(opts)
        for p, o in enumerate(opts):
            counts[p] += bool(o.get("correct"))
            expected[p] += share
    return counts, expected


def concordance(question: Any) -> float | None:
    """The share of item pairs in different categories that are listed in category order
    (None when there is no such pair)."""
    q = _data(question)
    rank = {c["id"]: i for i, c in enumerate(q.get("categories") or [])}
    cats = [rank.get(it.get("answer"), -1) for it in q.get("items") or []]
    pairs = [(a, b) for i, a in enumerate(cats) for b in cats[i + 1:] if a != b]
    return sum(a < b for a, b in pairs) / len(pairs) if pairs else None


def bias_problems(questions: Iterable[Any], where: str = "") -> list[str]:
    """Everything biased about where the right answers sit (empty when nothing is)."""
    questions = list(questions)
    prefix = f"{where}: " if where else ""
    found = []
    for qtype in CHOICE_TYPES:
        counts, expected = position_counts(questions, qtype)
        for p, (n, e) in enumerate(zip(counts, expected, strict=True)):
            if n > math.ceil(e - 1e-9) + 1:
                found.append(f"{prefix}{qtype} choice: position {p + 1} holds {n} right options "
                             f"(a random order gives about {e:.1f}; at most {math.ceil(e - 1e-9) + 1})")
    for q in _graded(questions, ("multiple",)):
        opts = q.get("options") or []
        if _edge_run(opts):
            c = sum(bool(o.get("correct")) for o in opts)
            found.append(f"{prefix}{q['id']}: its right options are exactly its "
                         f"{'first' if opts[0].get('correct') else 'last'} {c}")
    for q in _graded(questions, ("classify",)):
        value = concordance(q)
        lo, hi = CONCORDANCE_BOUNDS
        if len(q.get("items") or []) >= MIN_ITEMS and value is not None and not lo <= value <= hi:
            found.append(f"{prefix}{q['id']}: its items are {'in' if value > hi else 'against'} the key's order "
                         f"(concordance {value:.2f}, allowed {lo}..{hi})")
    return found


def position_report(questions: Iterable[Any]) -> list[str]:
    """Readable lines: right options per position for each choice type, concordance per classify question."""
    questions = list(questions)
    lines = []
    for qtype in CHOICE_TYPES:
        counts, expected = position_counts(questions, qtype)
        if counts:
            cells = "  ".join(f"{p + 1}:{n} (~{e:.1f})" for p, (n, e) in enumerate(zip(counts, expected, strict=True)))
            lines.append(f"{qtype:>8}: {cells}")
    for q in _graded(questions, ("classify",)):
        value = concordance(q)
        lines.append(f"{'classify':>8}: {q['id']} concordance {'-' if value is None else f'{value:.2f}'}")
    return lines


def spread_positions(questions: Iterable[Any], seed: str) -> list[Mapping[str, Any]]:
    """Reorder the options of graded choice questions and the items of graded classification
    questions in place (mappings as in a bank file, or Questions) so that :func:`bias_problems`
    finds nothing; returns the questions changed.  Deterministic for a given ``seed``."""
    rng = random.Random(seed)
    qs = list(map(_data, questions))
    changed = []
    width = max((len(q.get("options") or []) for q in qs), default=0)
    for qtype in CHOICE_TYPES:
        counts, expected = [0] * width, [0.0] * width
        for q in _graded(qs, (qtype,)):
            opts = list(q.get("options") or [])
            if len(opts) < 2:
                continue
            tries = [rng.sample(opts, len(opts)) for _ in range(200)]
            fair = [t for t in tries if qtype != "multiple" or not _edge_run(t)] or [opts]
            best = min(fair, key=lambda order: _cost(order, counts, expected))
            share = sum(bool(o.get("correct")) for o in opts) / len(opts)
            for p, o in enumerate(best):
                counts[p] += bool(o.get("correct"))
                expected[p] += share
            if best != opts:
                q["options"][:] = best
                changed.append(q)
    for q in _graded(qs, ("classify",)):
        items = list(q.get("items") or [])
        value = concordance(q)
        lo, hi = CONCORDANCE_BOUNDS
        if len(items) < MIN_ITEMS or value is None or lo <= value <= hi:
            continue
        best = min((rng.sample(items, len(items)) for _ in range(200)),
                   key=lambda order: abs((concordance({**q, "items": order}) or 0.5) - 0.5))
        q["items"][:] = best
        changed.append(q)
    return changed


def _edge_run(options: Sequence[Mapping[str, Any]]) -> bool:
    """True when the right options are exactly the first ones, or exactly the last ones."""
    flags = [bool(o.get("correct")) for o in options]
    c = sum(flags)
    return 0 < c < len(flags) and (all(flags[:c]) or all(flags[-c:]))


def _cost(order: Sequence[Mapping[str, Any]], counts: list[int], expected: list[float]) -> float:
    """How far the counts get above what is expected once ``order`` is added (lower is better)."""
    share = sum(bool(o.get("correct")) for o in order) / len(order)
    return max(counts[p] + bool(o.get("correct")) - (expected[p] + share) for p, o in enumerate(order))
