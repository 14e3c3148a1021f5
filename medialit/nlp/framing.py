"""Framing cues: candidates for loaded language and scare quotes, for a student to weigh.

- Loaded language: the cues the attributions component marks loaded ("shrugged off",
  "demanded"), and words and phrases of ``loaded_language.yaml`` matched by lemma outside
  quotations, each with a note saying what judgement it carries.
- Scare quotes: short quoted words (one to four, in double or single quote marks) that are
  nobody's reported words, and "so-called".

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

from medialit.nlp.lexicons import loaded_terms
from medialit.nlp.quotes import find_quotes, find_single_quotes

_WORD = re.compile(r"\w+")
_SO_CALLED = re.compile(r"\b[Ss]o[- ]called\b")
#: A quote of more words than this is never proposed as a scare quote (the component's default).
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


def _attributed(doc: Doc, text: str) -> tuple[list[tuple[int, int, str]], list[Any]]:
    """(content spans with their kind, the attributions) — quotes stand in without the component."""
    attributions = doc._.attributions if Doc.has_extension("attributions") else None
    if attributions is None:
        return [(q.start, q.end, "direct") for q in find_quotes(text)], []
    return [(a.content_start, a.content_end, a.kind) for a in attributions], list(attributions)


def find_framing_cues(doc: Doc, max_scare_words: int = MAX_SCARE_WORDS) -> tuple[list[FramingHit], list[FramingHit]]:
    """``(loaded_language, scare_quotes)`` candidates of a parsed ``doc``.

    Following the codebook: loaded language is the reporter's (every cue the attributions
    component marks loaded, and lexicon words outside quotations); scare quotes are short
    quoted words (one to ``max_scare_words``) that are not someone's reported words (not the
    whole of a direct quote, not a quoted fragment of indirect speech), plus "so-called".
    A scare quote inside a source's own quotation is held by the source.
    """
    text = doc.text
    if not text.strip():
        return [], []
    contents, attributions = _attributed(doc, text)
    quoted = bytearray(len(text))
    for q in find_quotes(text) + find_single_quotes(text):
        quoted[q.start : q.end] = b"\x01" * (q.end - q.start)

    direct_mask = bytearray(len(text))
    reported_mask = bytearray(len(text))
    for s, e, k in contents:
        (direct_mask if k == "direct" else reported_mask)[s:e] = b"\x01" * (e - s)
    content_words = {tuple(_WORD.findall(text, s, e)) for s, e, _ in contents if e - s < 400}

    def inside(offset: int, kinds: tuple[str, ...] = ("direct", "indirect", "mixed")) -> bool:
        return bool(("direct" in kinds and direct_mask[offset]) or
                    (("indirect" in kinds or "mixed" in kinds) and reported_mask[offset]))

    loaded: list[FramingHit] = []
    for a in attributions:
        if a.cue_connotation == "loaded" and a.cue_start is not None:
            loaded.append(FramingHit(a.cue_start, a.cue_end, "reporter", text[a.cue_start : a.cue_end],
                                     f"loaded reporting verb: {a.cue_lemma}"))
    taken = bytearray(len(text))
    for h in loaded:
        taken[h.start : h.end] = b"\x01" * (h.end - h.start)
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
        if not quoted[start] and not any(taken[start:end]):
            loaded.append(FramingHit(start, end, "reporter", text[start:end], note))
        i += n
    loaded.sort(key=lambda h: h.start)

    scare: list[FramingHit] = []
    for q in sorted(find_quotes(text) + find_single_quotes(text), key=lambda q: q.start):
        inner = q.inner(text)
        words = _WORD.findall(text, *inner)
        if not 1 <= len(words) <= max_scare_words:
            continue
        if tuple(words) in content_words:
            continue  # the whole quote is what someone said
        if inside(q.start, ("indirect", "mixed")):
            continue  # a quoted fragment of reported speech: a partial quotation
        if inside(q.start, ("direct",)):
            scare.append(FramingHit(q.start, q.end, "source", text[q.start : q.end],
                                    "quote marks inside a source's quotation: the source keeps a distance"))
        else:
            scare.append(FramingHit(q.start, q.end, "reporter", text[q.start : q.end],
                                    "quoted word with no speaker of its own: the writer keeps a distance from it"))
    for m in _SO_CALLED.finditer(text):
        holder = "source" if inside(m.start()) else "reporter"
        scare.append(FramingHit(m.start(), m.end(), holder, m.group(0), "“so-called”: a scare quote in words"))
    scare.sort(key=lambda h: h.start)
    return loaded, scare
