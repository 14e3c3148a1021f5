"""Find the terms of a word list (loaded language, frame cues) in a parsed doc.

A term is a tuple of lower-case words; it matches the tokens that start at a position when
each token's lemma or its lower-case form equals the term's word there.  The longest term
wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

V = TypeVar("V")


def index_by_first_word(terms: Mapping[tuple[str, ...], V]) -> dict[str, list[tuple[tuple[str, ...], V]]]:
    """``terms`` grouped by their first word, the longest terms first in each group."""
    out: dict[str, list[tuple[tuple[str, ...], V]]] = {}
    for words, value in terms.items():
        out.setdefault(words[0], []).append((words, value))
    for lst in out.values():
        lst.sort(key=lambda x: -len(x[0]))
    return out


def term_at(doc: Any, i: int, index: Mapping[str, list[tuple[tuple[str, ...], V]]]) -> tuple[int, V] | None:
    """``(number of tokens, value)`` of the longest term starting at token ``i`` of ``doc``, or None."""
    tok = doc[i]
    for key in dict.fromkeys((tok.lemma_.lower(), tok.lower_)):
        for words, value in index.get(key, ()):
            n = len(words)
            if i + n <= len(doc) and all(
                doc[i + k].lemma_.lower() == w or doc[i + k].lower_ == w for k, w in enumerate(words)
            ):
                return n, value
    return None
