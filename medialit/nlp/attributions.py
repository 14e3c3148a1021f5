"""Attributions: who said what, with which verb, quoted or paraphrased.

How an article is read (each step is a small function below):

1. quoted passages are found from the quote marks alone (:mod:`medialit.nlp.quotes`);
2. every verb (and "according to") proposes a frame with possible content and source spans
   (:mod:`medialit.nlp.frames`); a quote next to the verb ("“…,” X said", "X said: “…”")
   or overlapping its complement becomes one more content option, extended over the
   following quotes of the paragraph that the same cue introduces ("“A,” X said. “B.”");
3. the cue model (:mod:`medialit.nlp.cue_model`) scores every option; a frame whose best
   option clears the model's threshold becomes an attribution, and of two attributions
   with the same content the better-scored one stays;
4. a paragraph that is only a quote, right after a paragraph with a direct quote and with
   no cue of its own, continues that speaker: it becomes a direct attribution with the
   same speaker and no cue;
5. speakers are resolved to names and a source type (:mod:`medialit.nlp.speakers`).

``kind`` is direct when (nearly) all the content's words are inside quote marks, mixed
when some are, indirect when none are.

Limits: one content span per attribution (a quote interrupted by "X said" is one span
over both parts, cue included); sources never named in the text (an attribution without
a subject) get no speaker; errors of the parser become errors here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from .cue_model import Context, CueModel, features, load_cue_model
from .frames import Frame, Option, frames, trimmed
from .lexicons import reporting_verbs
from .quotes import Quote, find_quotes, paragraphs
from .speakers import SpeakerResolver

_WORD = re.compile(r"\w+")
_GAP_BEFORE_CUE = re.compile(r"[\s,]*")


@dataclass
class Attribution:
    """One attribution found in a document; offsets are characters of ``doc.text``."""

    content_start: int
    content_end: int
    kind: str
    cue_start: int | None
    cue_end: int | None
    cue_lemma: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_name: str | None
    source_type: str
    cue_connotation: str
    score: float
    text: str

    @property
    def content_text(self) -> str:
        return self.text[self.content_start : self.content_end]

    @property
    def cue_text(self) -> str | None:
        return None if self.cue_start is None else self.text[self.cue_start : self.cue_end]

    @property
    def speaker_text(self) -> str | None:
        return None if self.speaker_start is None else self.text[self.speaker_start : self.speaker_end]

    def __repr__(self) -> str:
        return (f"Attribution({self.kind}, speaker={self.speaker_text!r} -> {self.speaker_name!r}, "
                f"cue={self.cue_text!r}, content={self.content_text[:60]!r})")

    def to_json(self, ident: str) -> dict[str, Any]:
        """This attribution as an item of the shared annotation format."""

        def span(start: int | None, end: int | None) -> dict[str, Any] | None:
            if start is None or end is None:
                return None
            return {"start": start, "end": end, "text": self.text[start:end]}

        return {
            "id": ident,
            "speaker": span(self.speaker_start, self.speaker_end),
            "speaker_name": self.speaker_name,
            "source_type": self.source_type,
            "cue": span(self.cue_start, self.cue_end),
            "content": span(self.content_start, self.content_end),
            "kind": self.kind,
            "cue_connotation": self.cue_connotation,
        }


def quote_mask(text: str, quotes: list[Quote]) -> bytearray:
    mask = bytearray(len(text))
    for q in quotes:
        mask[q.start : q.end] = b"\x01" * (q.end - q.start)
    return mask


def _words_in(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end))


def _extend_quote(doc: Doc, text: str, quotes: list[Quote], index: int, frame: Frame, para_end: int) -> tuple[int, int]:
    """Quote ``index`` plus the following quotes of its paragraph that ``frame`` introduces.

    A following quote joins when nothing between it and the previous one is a verb other
    than the frame's own cue (so "“A,” X said. “B.”" is one, "“A,” X said, adding “B”" is not).
    """
    start, end = quotes[index].start, quotes[index].end
    for nxt in quotes[index + 1 :]:
        if nxt.start >= para_end:
            break
        gap = doc.char_span(end, nxt.start, alignment_mode="contract")
        if gap is not None and any(t.pos_ in ("VERB", "AUX") and t.i != frame.cue.i for t in gap):
            break
        if gap is None and text[end:nxt.start].strip():
            break
        end = nxt.end
    return start, end


def _para_end(paras: list[tuple[int, int]], offset: int) -> int:
    for start, end in paras:
        if start <= offset <= end:
            return end
    return offset


def quote_options(doc: Doc, text: str, frame: Frame, quotes: list[Quote], mask: bytearray,
                  paras: list[tuple[int, int]]) -> list[Option]:
    """Content options that are quotes: overlapping a parse option, or right next to the cue."""
    if not quotes or mask[frame.cue_start]:
        return []
    found: list[int] = []
    for opt in frame.options:
        inside = sum(mask[opt.start : opt.end])
        if inside * 2 >= opt.end - opt.start:
            found.extend(i for i, q in enumerate(quotes) if q.start < opt.end and opt.start < q.end)
    sent = frame.cue.sent
    # after the cue: "X said: “…”", "X added, “…”"
    for i, q in enumerate(quotes):
        if q.start < frame.cue_end:
            continue
        if q.start > sent.end_char + 2:
            break
        gap = doc.char_span(frame.cue_end, q.start, alignment_mode="contract")
        gap_text = text[frame.cue_end : q.start].strip()
        if gap is None or (len(gap) <= 8 and not any(t.pos_ == "VERB" for t in gap)
                           and (gap_text == "" or gap_text[-1] in ":,")):
            found.append(i)
        break
    # before the cue: "“…,” X said", "“…,” said X"
    left = frame.cue_start
    if frame.source is not None and frame.source.start_char < left and not mask[frame.source.start_char]:
        left = frame.source.start_char
    for i in range(len(quotes) - 1, -1, -1):
        q = quotes[i]
        if q.end > left:
            continue
        if _GAP_BEFORE_CUE.fullmatch(text, q.end, left):
            found.append(i)
        break
    options = []
    seen = {(o.start, o.end) for o in frame.options}
    for i in sorted(set(found)):
        start, end = _extend_quote(doc, text, quotes, i, frame, _para_end(paras, quotes[i].start))
        if (start, end) in seen:
            continue
        seen.add((start, end))
        inner = doc.char_span(start, end, alignment_mode="contract")
        if inner is None or not _words_in(text, start, end):
            continue
        first = next((t for t in inner if not t.is_punct and not t.is_space), inner[0])
        options.append(Option("quote", start, end, first, _words_in(text, start, end)))
    return options


def candidates(doc: Doc) -> tuple[list[Frame], Context, list[Quote], bytearray]:
    """Every frame with all its content options (parse and quotes), and the feature context."""
    text = doc.text
    quotes = find_quotes(text)
    mask = quote_mask(text, quotes)
    paras = paragraphs(text)
    ctx = Context(text, mask, paras[0][1] if paras else 0)
    frs = frames(doc, mask)
    for frame in frs:
        frame.options.extend(quote_options(doc, text, frame, quotes, mask, paras))
    return frs, ctx, quotes, mask


def _kind(text: str, mask: bytearray, start: int, end: int, label: str = "") -> str:
    if label == "quote":
        return "direct"  # quotes, with at most the cue and speaker between them
    words = list(_WORD.finditer(text, start, end))
    if not words:
        return "indirect"
    quoted = sum(1 for m in words if mask[m.start()])
    if quoted >= 0.9 * len(words):
        return "direct"
    return "mixed" if quoted else "indirect"


def _overlap(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """The span-matching rule: half of each span's words are shared."""
    wa = {m.start() for m in _WORD.finditer(text, *a)}
    wb = {m.start() for m in _WORD.finditer(text, *b)}
    if not wa or not wb:
        return False
    inter = len(wa & wb)
    return inter * 2 >= len(wa) and inter * 2 >= len(wb)


@dataclass
class _Chosen:
    frame: Frame | None
    start: int
    end: int
    score: float
    label: str = ""


def best_options(frs: list[Frame], ctx: Context, model: CueModel) -> list[_Chosen]:
    """Every frame with its best-scored content option."""
    out = []
    for frame in frs:
        best: tuple[float, Option] | None = None
        for opt in frame.options:
            p = model.score(features(frame, opt, ctx))
            if best is None or p > best[0]:
                best = (p, opt)
        if best is not None:
            out.append(_Chosen(frame, best[1].start, best[1].end, best[0], best[1].label))
    return out


def select(best: list[_Chosen], threshold: float, text: str) -> list[_Chosen]:
    """Those of ``best`` at or above ``threshold``; of two with the same content, the better one."""
    scored = sorted((c for c in best if c.score >= threshold), key=lambda c: -c.score)
    kept: list[_Chosen] = []
    for c in scored:
        if any(k.start < c.end and c.start < k.end and _overlap(text, (c.start, c.end), (k.start, k.end))
               for k in kept):
            continue
        kept.append(c)
    kept.sort(key=lambda c: (c.start, c.end))
    return kept


def choose(frs: list[Frame], ctx: Context, model: CueModel) -> list[_Chosen]:
    """Frames whose best option clears the model's threshold, without duplicate contents."""
    return select(best_options(frs, ctx, model), model.threshold, ctx.text)


def continuation_paragraphs(
    text: str, quotes: list[Quote], mask: bytearray, kept: list[_Chosen]
) -> list[tuple[int, int, _Chosen]]:
    """Quote-only paragraphs with no cue that continue the direct quote of the paragraph before."""
    paras = paragraphs(text)
    out: list[tuple[int, int, _Chosen]] = []
    by_para: dict[int, list[_Chosen]] = {}
    for c in kept:
        for i, (ps, pe) in enumerate(paras):
            if ps <= (c.frame.cue_start if c.frame else c.start) <= pe:
                by_para.setdefault(i, []).append(c)
                break
    for i in range(1, len(paras)):
        ps, pe = paras[i]
        if i in by_para or text[ps] not in "“\"„«'‘”":
            continue
        q = next((q for q in quotes if q.start == ps), None)
        if q is None or any(c.start < q.end and q.start < c.end for c in kept):
            continue
        prev = [c for c in by_para.get(i - 1, []) if _kind(text, mask, c.start, c.end, c.label) != "indirect"]
        if not prev:
            continue
        out.append((q.start, q.end, prev[-1]))
        by_para[i] = [_Chosen(prev[-1].frame, q.start, q.end, prev[-1].score, "quote")]
    return out


def find_attributions(doc: Doc, model: CueModel | None = None) -> list[Attribution]:
    """The attributions of a parsed ``doc`` (needs a tagger, parser and entity recogniser)."""
    model = model or load_cue_model()
    text = doc.text
    if not text.strip():
        return []
    frs, ctx, quotes, mask = candidates(doc)
    kept = choose(frs, ctx, model)
    resolver = SpeakerResolver(doc, mask)
    verbs = reporting_verbs()
    out: list[Attribution] = []

    def make(c: _Chosen, start: int, end: int, with_cue: bool) -> Attribution:
        frame = c.frame
        speaker = frame.source if frame is not None else None
        name, stype = resolver.resolve(speaker) if speaker is not None and len(speaker) else (None, "other")
        sp = trimmed(text, speaker.start_char, speaker.end_char) if speaker is not None and len(speaker) else None
        lemma = frame.lemma if frame is not None else None
        entry = verbs.get(lemma or "") or verbs.get((lemma or " ").split()[0])
        return Attribution(
            content_start=start,
            content_end=end,
            kind=_kind(text, mask, start, end, c.label if (start, end) == (c.start, c.end) else "quote"),
            cue_start=frame.cue_start if frame is not None and with_cue else None,
            cue_end=frame.cue_end if frame is not None and with_cue else None,
            cue_lemma=lemma if with_cue else None,
            speaker_start=sp[0] if sp and with_cue else None,
            speaker_end=sp[1] if sp and with_cue else None,
            speaker_name=name,
            source_type=stype,
            cue_connotation=entry.connotation if entry else "neutral",
            score=round(c.score, 3),
            text=text,
        )

    for c in kept:
        out.append(make(c, c.start, c.end, with_cue=True))
    for start, end, prev in continuation_paragraphs(text, quotes, mask, kept):
        out.append(make(prev, start, end, with_cue=False))
    out.sort(key=lambda a: (a.content_start, a.content_end))
    return out
