"""Cutting long text short for display, saying how long it was.

Used wherever a student's answer or a message built from it is shown (feedback, the
grading explanation, read-only summaries), so that a huge answer is never echoed in full.
"""

from __future__ import annotations

#: The default longest text shown in full.
LIMIT = 300


def clip(text: str, limit: int = LIMIT) -> str:
    """``text``, or its first ``limit`` characters followed by how long it was in all."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… (cut short: {len(text):,} characters in all)"
