"""Which passages a spans answer found, missed and marked wrongly: the practice highlighter's check.

The passages are paired with the reference by :func:`medialit.core.spans.match_spans`, the rule
the score uses, so a passage counted as found here is one the score credits.  Each entry
carries the bank's note for its reference passage when the key has one.

Limit: meant for practice questions only; for a graded question it would show the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from medialit.core.spans import Span, match_spans


@dataclass(frozen=True)
class CheckedPassage:
    """One passage of the check: the student's mark or a reference passage left out."""

    span: Span
    label: str | None  # the student's label (the reference's for a missed passage)
    reference_label: str | None = None  # the reference's label (None for a passage not in it)
    feedback: str | None = None  # the bank's note on the reference passage


@dataclass
class SpanCheck:
    """The passages of one answer: found (label right), relabelled (found, other label),
    extra (not in the reference) and missed (in the reference, not marked)."""

    found: list[CheckedPassage] = field(default_factory=list)
    relabelled: list[CheckedPassage] = field(default_factory=list)
    extra: list[CheckedPassage] = field(default_factory=list)
    missed: list[CheckedPassage] = field(default_factory=list)

    @property
    def wrong(self) -> list[CheckedPassage]:
        """Marked wrongly: not in the reference, or in it with another label."""
        return sorted(self.extra + self.relabelled, key=lambda p: (p.span.start, p.span.end))

    def summary(self) -> str:
        return (f"{len(self.found)} found, {len(self.wrong)} marked wrongly, {len(self.missed)} missed"
                f" (the reference has {len(self.found) + len(self.relabelled) + len(self.missed)}).")


def check_spans(question: Any, value: Any) -> SpanCheck:
    """Sort the passages of ``value`` (a stored spans answer of ``question``) against its key.

    Raises what reading the key raises (``LookupError``/``ValueError``) when the key cannot be read.
    """
    refs = question.key_spans()
    preds = question.answer_spans(value)
    single_label = len(question.label_ids) == 1
    pairs = match_spans(question.article.text, [p[0] for p in preds], [r[0] for r in refs])
    out = SpanCheck()
    for i, j in pairs:
        (span, label), (_, ref_label, note) = preds[i], refs[j]
        passage = CheckedPassage(span, label, ref_label, note)
        (out.found if single_label or label == ref_label else out.relabelled).append(passage)
    paired_p, paired_r = {i for i, _ in pairs}, {j for _, j in pairs}
    out.extra = [CheckedPassage(span, label) for k, (span, label) in enumerate(preds) if k not in paired_p]
    out.missed = [CheckedPassage(span, label, label, note) for k, (span, label, note) in enumerate(refs)
                  if k not in paired_r]
    for group in (out.found, out.relabelled, out.extra, out.missed):
        group.sort(key=lambda p: (p.span.start, p.span.end))
    return out
