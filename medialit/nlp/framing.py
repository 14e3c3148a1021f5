"""Framing cues: candidates for loaded language and scare quotes, for a student to weigh.

- Loaded language: words and phrases of ``loaded_language.yaml`` matched by lemma
  ("shrugged off" matches "shrug off"), each with the note saying what judgement it
  carries.
- Scare quotes: short quoted fragments (one to four words, in double or single quote marks)
  that are not themselves the whole content of a direct quote.  A fragment inside attributed
  content is noted as possibly a partial quote of the source rather than the writer's
  distance.

These are candidates, not verdicts: whether "regime" is loaded depends on the story.
The holder is ``source`` inside attributed content (or quote marks, without the
attributions component), else ``reporter``.

Limits: multi-word terms must be contiguous ("shrugged the attempts off" is missed); a
quoted title or nickname is proposed like any other short quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from .lexicons import loaded_terms
from .quotes import find_quotes, find_single_quotes

_WORD = re.compile(r"\w+")
MAX_SCARE_WORDS = 4


@dataclass
class FramingHit:
    """A candidate span with a note; offsets are characters of ``doc.text``."""

    start: int
    end: int
    holder: str
    text: str
    note: str

    def to_json(self, ident: str) -> dict[str, Any]:
        return {"id": ident, "span": {"start": self.start, "end": self.end, "text": self.text},
                "holder": self.holder, "note": self.note}


@lru_cache(maxsize=1)
def _terms_by_first() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, note in loaded_terms().items():
        out.setdefault(words[0], []).append((words, note))
    for lst in out.values():
        lst.sort(key=lambda x: -len(x[0]))
    return out


def _content_spans(doc: Doc, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(all attributed contents, contents of direct attributions)."""
    attributions = doc._.attributions if Doc.has_extension("attributions") else None
    if attributions is None:
        quotes = [(q.start, q.end) for q in find_quotes(text)]
        return quotes, []
    spans = [(a.content_start, a.content_end) for a in attributions]
    direct = [(a.content_start, a.content_end) for a in attributions if a.kind == "direct"]
    return spans, direct


def find_framing_cues(doc: Doc) -> tuple[list[FramingHit], list[FramingHit]]:
    """``(loaded_language, scare_quotes)`` candidates of a parsed ``doc``."""
    text = doc.text
    if not text.strip():
        return [], []
    spans, direct = _content_spans(doc, text)

    def holder(offset: int) -> str:
        return "source" if any(s <= offset < e for s, e in spans) else "reporter"

    loaded: list[FramingHit] = []
    terms = _terms_by_first()
    i = 0
    while i < len(doc):
        tok = doc[i]
        hit = None
        for key in dict.fromkeys((tok.lemma_.lower(), tok.lower_)):
            for words, note in terms.get(key, ()):
                n = len(words)
                if i + n <= len(doc) and all(
                    doc[i + k].lemma_.lower() == w or doc[i + k].lower_ == w for k, w in enumerate(words)
                ):
                    hit = (n, note)
                    break
            if hit:
                break
        if hit is None:
            i += 1
            continue
        n, note = hit
        start, end = tok.idx, doc[i + n - 1].idx + len(doc[i + n - 1])
        loaded.append(FramingHit(start, end, holder(start), text[start:end], note))
        i += n

    scare: list[FramingHit] = []
    for q in sorted(find_quotes(text) + find_single_quotes(text), key=lambda q: q.start):
        inner = q.inner(text)
        words = len(_WORD.findall(text, *inner))
        if not 1 <= words <= MAX_SCARE_WORDS:
            continue
        if any(_WORD.findall(text, s, e) == _WORD.findall(text, *inner) and s <= q.start and q.end <= e + 1
               for s, e in direct):
            continue  # the whole quote is what someone said
        h = holder(q.start)
        note = ("quoted fragment inside attributed content: a partial quote of the source, or the source's own "
                "scare quotes" if h == "source" else
                "quoted word or phrase with no speaker of its own: the writer may be keeping a distance from it")
        scare.append(FramingHit(q.start, q.end, h, text[q.start : q.end], note))
    return loaded, scare
