"""Names that fit nbgrader: assignment names and cell ids of generated lessons.

nbformat limits a cell id to 64 characters (letters, digits, ``-`` and ``_``), and every id of
a generated lesson starts with its assignment name (``<prefix>-<template>``) followed by the
question's or the exercise's own name.  :func:`default_prefix` keeps the article id when the
longest id still fits, and otherwise shortens it to its first words plus a stable hash of the
whole id (the same article always gets the same prefix; two long ids that share their start
still differ).  :func:`too_long_ids` checks a built lesson's cell ids before nbgrader sees them.

Limits: the reserve for the part after the assignment name (:data:`SUFFIX_RESERVE`) is set by
the longest name the templates use; a template that adds a longer one is caught by
:func:`too_long_ids`, not silently cut.
"""

from __future__ import annotations

import hashlib
from typing import Any

#: nbformat's limit on a cell id.
CELL_ID_LIMIT = 64
#: Room kept after ``<prefix>-<template>`` for the question or exercise name ("-src-kind-practice").
SUFFIX_RESERVE = 24
#: The longest template name ("sources", "framing") plus its hyphen.
TEMPLATE_RESERVE = len("-sources")
#: The longest prefix that leaves room for every id of every template.
MAX_PREFIX = CELL_ID_LIMIT - SUFFIX_RESERVE - TEMPLATE_RESERVE
_HASH_LENGTH = 6


def default_prefix(article_id: str) -> str:
    """``article_id`` when every id built from it fits, else its start and a stable 6-character hash.

    >>> default_prefix("harbour-fees")
    'harbour-fees'
    >>> len(default_prefix("merrowby-courier-2024-05-02-merrowby-harbour-toll-double")) <= MAX_PREFIX
    True
    """
    if len(article_id) <= MAX_PREFIX:
        return article_id
    digest = hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:_HASH_LENGTH]
    head = article_id[: MAX_PREFIX - _HASH_LENGTH - 1]
    if "-" in head and not article_id[len(head)] == "-":
        head = head[: head.rfind("-")]  # whole words of the id only
    return f"{head.rstrip('-')}-{digest}"


def too_long_ids(cells: list[dict[str, Any]], questions: list[dict[str, Any]]) -> list[str]:
    """The cell ids and question ids of a lesson longer than nbformat allows (empty when all fit)."""
    ids = [c["id"] for c in cells if c.get("id")] + [q["id"] for q in questions]
    return [f"{i!r} ({len(i)} characters)" for i in ids if len(i) > CELL_ID_LIMIT]
