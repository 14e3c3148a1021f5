"""Attributions: who said what, with which verb, quoted or paraphrased.

How an article is read (each step is a small function below):

1. quoted passages are found from the quote marks alone (:mod:`medialit.nlp.quotes`);
2. every verb (and "according to") proposes a candidate with possible content and source spans
   (:mod:`medialit.nlp.candidates`); a quote next to the verb ("“…,” X said", "X said: “…”")
   or overlapping its complement becomes one more content option, extended over the
   following quotes of the paragraph that the same cue introduces ("“A,” X said. “B.”");
3. the cue model (:mod:`medialit.nlp.cue_model`) scores every option; a candidate whose best
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
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Doc, Span, Token

from medialit.nlp.candidates import Candidate, Option, count_words, find_candidates, trimmed
from medialit.nlp.cue_model import Context, CueModel, features, load_cue_model
from medialit.nlp.lexicons import reporting_verbs
from medialit.nlp.quotes import Intervals, Quote, find_quotes, find_single_quotes, paragraphs
from medialit.nlp.speakers import SpeakerResolver

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
    event: int = 0
    object_start: int | None = None  # "expressed [dismay at] ...": where the object noun starts

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


def _extend_quote(doc: Doc, text: str, quotes: list[Quote], index: int, cand: Candidate,
                  para_end: int) -> tuple[int, int]:
    """Quote ``index`` plus the following quotes of its paragraph that ``cand`` introduces.

    A following quote joins when what lies between ends a sentence or a clause (so a quoted
    word inside a sentence never joins) and holds no verb other than the candidate's own cue, or
    is the cue's own sentence: "“A,” X said. “B.”" and "“A,” said X, who led the talks. “B.”"
    are one quote each; "“A,” X said, adding “B”" is two.
    """
    start, end = quotes[index].start, quotes[index].end
    for nxt in quotes[index + 1 :]:
        if nxt.start >= para_end:
            break
        gap_text = text[end:nxt.start].strip()
        if gap_text and gap_text[-1] not in ".,:;!?":
            break  # the next quote sits inside a sentence ("said after a brief “I'm sorry”")
        gap = doc.char_span(end, nxt.start, alignment_mode="contract")
        if gap is None:
            if gap_text:
                break
        elif any(t.pos_ in ("VERB", "AUX") and t.i != cand.cue.i for t in gap):
            # other verbs are fine only in the cue's own sentence: "“A,” said X, who led the talks. “B.”"
            if not (gap.start <= cand.cue.i < gap.end and gap_text[-1] in ".!?"):
                break
        end = nxt.end
    return start, end


@dataclass
class _Layout:
    """Where the quotes and paragraphs of one document are."""

    quotes: list[Quote]
    quote_index: Intervals
    paras: list[tuple[int, int]]
    para_index: Intervals

    @classmethod
    def of(cls, text: str, quotes: list[Quote]) -> _Layout:
        paras = paragraphs(text)
        return cls(quotes, Intervals([(q.start, q.end) for q in quotes]), paras, Intervals(paras))

    def para_end(self, offset: int) -> int:
        i = self.para_index.index_at(offset)
        return self.paras[i][1] if i is not None else offset


def quote_options(doc: Doc, text: str, cand: Candidate, layout: _Layout, mask: bytearray) -> list[Option]:
    """Content options that are quotes: overlapping a parse option, or right next to the cue."""
    quotes = layout.quotes
    if not quotes or mask[cand.cue_start]:
        return []
    found: list[int] = []
    for opt in cand.options:
        inside = sum(mask[opt.start : opt.end])
        if inside * 2 >= opt.end - opt.start:
            found.extend(layout.quote_index.overlapping(opt.start, opt.end))
    sent = cand.cue.sent
    # after the cue: "X said: “…”", "X added, “…”"
    i = layout.quote_index.first_starting_at_or_after(cand.cue_end)
    if i < len(quotes) and quotes[i].start <= sent.end_char + 2:
        q = quotes[i]
        gap = doc.char_span(cand.cue_end, q.start, alignment_mode="contract")
        gap_text = text[cand.cue_end : q.start].strip()
        if gap is None or (len(gap) <= 8 and not any(t.pos_ == "VERB" for t in gap)
                           and (gap_text == "" or gap_text[-1] in ":,")):
            found.append(i)
    # before the cue: "“…,” X said", "“…,” said X"
    left = cand.cue_start
    if cand.source is not None and cand.source.start_char < left and not mask[cand.source.start_char]:
        left = cand.source.start_char
    i = layout.quote_index.last_ending_at_or_before(left)
    if i >= 0 and _GAP_BEFORE_CUE.fullmatch(text, quotes[i].end, left):
        found.append(i)
    options = []
    seen = {(o.start, o.end) for o in cand.options}
    for i in sorted(set(found)):
        start, end = _extend_quote(doc, text, quotes, i, cand, layout.para_end(quotes[i].start))
        if (start, end) in seen:
            continue
        seen.add((start, end))
        inner = doc.char_span(start, end, alignment_mode="contract")
        if inner is None or not count_words(text, start, end):
            continue
        first = next((t for t in inner if not t.is_punct and not t.is_space), inner[0])
        options.append(Option("quote", start, end, first, count_words(text, start, end)))
    return options


def candidates_with_quotes(doc: Doc) -> tuple[list[Candidate], Context, list[Quote], bytearray]:
    """Every candidate with all its content options (parse and quotes), and the feature context."""
    text = doc.text
    quotes = find_quotes(text)
    mask = quote_mask(text, quotes)
    layout = _Layout.of(text, quotes)
    ctx = Context(text, mask, layout.paras[0][1] if layout.paras else 0)
    cands = find_candidates(doc, mask)
    for cand in cands:
        cand.options.extend(quote_options(doc, text, cand, layout, mask))
    return cands, ctx, quotes, mask


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
    candidate: Candidate | None
    start: int
    end: int
    score: float
    label: str = ""
    first: Token | None = None


def best_options(cands: list[Candidate], ctx: Context, model: CueModel) -> list[_Chosen]:
    """Every candidate with its best-scored content option."""
    out = []
    for cand in cands:
        best: tuple[float, Option] | None = None
        for opt in cand.options:
            p = model.score(features(cand, opt, ctx))
            if best is None or p > best[0]:
                best = (p, opt)
        if best is not None:
            opt = best[1]
            if opt.label != "quote" and sum(ctx.in_quote[opt.start : opt.end]) * 2 > opt.end - opt.start:
                # a stretch of a quotation: the quotation is the content
                opt = next((o for o in cand.options if o.label == "quote" and o.start <= opt.start
                            and opt.end <= o.end), opt)
            elif opt.label == "quote":
                # a quoted fragment inside a reported clause: the clause is the content (mixed)
                opt = next((o for o in cand.options if o.label in ("ccomp", "xcomp") and o.start <= opt.start
                            and opt.end <= o.end and sum(ctx.in_quote[o.start : o.end]) * 2 < o.end - o.start),
                           opt)
            out.append(_Chosen(cand, opt.start, opt.end, best[0], opt.label, opt.first))
    return out


def select(best: list[_Chosen], threshold: float, text: str) -> list[_Chosen]:
    """Those of ``best`` at or above ``threshold``; of two with the same content, the better one."""
    scored = sorted((c for c in best if c.score >= threshold), key=lambda c: -c.score)
    kept: list[_Chosen] = []
    buckets: dict[int, list[_Chosen]] = {}  # kept contents by 2,000-character stretch of text
    for c in scored:
        near = {id(k): k for b in range(c.start // 2000, c.end // 2000 + 1) for k in buckets.get(b, ())}
        if any(k.start < c.end and c.start < k.end and _overlap(text, (c.start, c.end), (k.start, k.end))
               for k in near.values()):
            continue
        kept.append(c)
        for b in range(c.start // 2000, c.end // 2000 + 1):
            buckets.setdefault(b, []).append(c)
    kept.sort(key=lambda c: (c.start, c.end))
    return kept


def choose(cands: list[Candidate], ctx: Context, model: CueModel, threshold: float | None = None) -> list[_Chosen]:
    """Candidates whose best option clears ``threshold`` (default: the model's own), without
    duplicate contents."""
    return select(best_options(cands, ctx, model), model.threshold if threshold is None else threshold, ctx.text)


def continuation_paragraphs(
    text: str, quotes: list[Quote], mask: bytearray, kept: list[_Chosen]
) -> list[tuple[int, int, _Chosen]]:
    """Quote-only paragraphs with no cue that continue the direct quote of the paragraph before."""
    layout = _Layout.of(text, quotes)
    paras = layout.paras
    out: list[tuple[int, int, _Chosen]] = []
    by_para: dict[int, list[_Chosen]] = {}
    for c in kept:
        i = layout.para_index.index_at(c.candidate.cue_start if c.candidate else c.start)
        if i is not None:
            by_para.setdefault(i, []).append(c)
    quote_at = {q.start: q for q in quotes}
    occupied = bytearray(len(text))
    for c in kept:
        occupied[c.start : c.end] = b"\x01" * (c.end - c.start)
    for i in range(1, len(paras)):
        ps, pe = paras[i]
        if i in by_para or text[ps] not in "“\"„«'‘”":
            continue
        q = quote_at.get(ps)
        if q is None or any(occupied[q.start : q.end]):
            continue
        prev = [c for c in by_para.get(i - 1, []) if _kind(text, mask, c.start, c.end, c.label) != "indirect"]
        if not prev:
            continue
        out.append((q.start, q.end, prev[-1]))
        by_para[i] = [_Chosen(prev[-1].candidate, q.start, q.end, prev[-1].score, "quote")]
    return out


_KEPT_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof"}


def entity_in(span: Span, label: str) -> Span | None:
    """The first entity with ``label`` that has a token in ``span``, read from the tokens
    (``Span.ents`` walks the whole document's entities, too slow in a long text)."""
    doc = span.doc
    for t in span:
        if t.ent_type_ == label:
            start = t.i
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
            end = t.i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            return doc[start:end]
    return None


def speaker_mention(text: str, source: Span) -> tuple[int, int] | None:
    """The speaker span as the codebook marks it: a person's name (with Mr, Ms or Dr but no job
    title or apposition), else the noun phrase itself."""
    from medialit.nlp.speakers import name_run

    doc = source.doc
    person = entity_in(source, "PERSON")
    if person is None:  # "Her brother, Tomas Penhallow, ...": the name in the apposition
        for appos in (c for c in source.root.rights if c.dep_ == "appos"):
            person = entity_in(doc[appos.left_edge.i : appos.right_edge.i + 1], "PERSON")
            if person is not None:
                return person.start_char, person.end_char
    if person is None:
        run = name_run(source)
        person = run if run is not None and len(run) >= 2 and run.start > source.start else None
    if person is not None:
        start, end = person.start, person.end
        while start > source.start and doc[start - 1].lower_.rstrip(".") in _KEPT_TITLES:
            start -= 1
        if end - 1 > start and doc[end - 1].tag_ == "POS":
            end -= 1
        return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    start, end = trimmed(text, source.start_char, source.end_char)
    return (start, end) if end > start else None


def _strip_complementiser(doc: Doc, text: str, start: int, end: int) -> int:
    """``start`` moved past a leading complementiser "that" (the codebook's content starts after it)."""
    if text[start : start + 4].lower() == "that" and end > start + 5 and text[start + 4].isspace():
        tok = doc.char_span(start, start + 4)
        if tok is not None and len(tok) == 1 and tok[0].dep_ == "mark":
            start += 5
            while start < end and text[start].isspace():
                start += 1
    return start


def _stretches(start: int, end: int, layout: _Layout, text: str) -> list[tuple[int, int, int]]:
    """The quoted stretches inside ``[start, end)``, each cut to its paragraph: (start, end, paragraph index)."""
    out = []
    for qi in layout.quote_index.overlapping(start, end):
        q = layout.quotes[qi]
        if q.start < start or q.end > end:
            continue
        for index in layout.para_index.overlapping(q.start, q.end):
            ps, pe = layout.paras[index]
            s, e = max(q.start, ps), min(q.end, pe)
            if s < e and _WORD.search(text, s, e):
                out.append((s, e, index))
    return out


_RELATIVE_WORDS = {"which", "who", "whom", "whose", "where"}
_DASHES = {"—", "–", "-", "--"}


def trim_trailing_clause(doc: Doc, text: str, start: int, end: int) -> int:
    """``end`` moved before a non-restrictive clause that closes the content: ", which ...",
    ", who ...", or an apposition after a dash ("— a provision that ...").  Both the codebook
    and PolNeAR leave such background out of the attributed content."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return end
    for t in span:
        if t.i == span.start or t.i == 0:
            continue
        before = doc[t.left_edge.i - 1] if t.left_edge.i > span.start else None
        if before is None or t.right_edge.i < span.end - 2:
            continue
        relative = t.dep_ == "relcl" and before.text == "," and t.left_edge.lower_ in _RELATIVE_WORDS
        apposition = t.dep_ == "appos" and before.text in _DASHES
        if relative or apposition:
            return trimmed(text, start, before.idx)[1]
    return end


def polnear_view(attributions: list[Attribution]) -> list[Attribution]:
    """The attributions as PolNeAR annotates them: the stretches of one quotation joined
    (:func:`merge_events`), and the object noun of a cue such as "expressed dismay at" given
    back to the content ("dismay at recent US attempts"), since PolNeAR's cue is the verb."""
    out = []
    for a in merge_events(attributions):
        if a.object_start is not None and a.object_start < a.content_start:
            a = replace(a, content_start=a.object_start)
        out.append(a)
    return out


def merge_events(attributions: list[Attribution]) -> list[Attribution]:
    """One attribution per speech event: the stretches of one quotation joined to their outer
    bounds, as corpora such as PolNeAR annotate a quotation interrupted by its cue or
    continued over paragraphs."""
    groups: dict[int, list[Attribution]] = {}
    for a in attributions:
        groups.setdefault(a.event, []).append(a)
    merged = []
    for group in groups.values():
        head = next((a for a in group if a.cue_start is not None), group[0])
        start = min(a.content_start for a in group)
        end = max(a.content_end for a in group)
        merged.append(replace(head, content_start=start, content_end=end,
                              kind=head.kind if len(group) == 1 else "direct"))
    merged.sort(key=lambda a: (a.content_start, a.content_end))
    return merged


_NAME_COLON = re.compile(r"([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}):\s+\S")
_DASH_NAME = re.compile(r"[”\"’]\s*[―—–]\s*([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,4})\.?\s*$")


def colon_attributions(doc: Doc, text: str, quotes: list[Quote], paras: list[tuple[int, int]]
                       ) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """``(speaker, content)`` spans of attributions signalled by punctuation alone, as in titles:
    "‘We were never asked’: Wrenmouth residents on the vote" (a quote, then who said it),
    "Pat Doe: Voters Are Worried" or a transcript's "SMITH: ..." (a name, then what they said),
    and a quotation signed with a dash ("“...” ― Pat Doe").
    """
    out = []
    quote_at = {q.start: q for q in quotes}
    for ps, pe in paras:
        q = quote_at.get(ps)
        dash = _DASH_NAME.search(text, ps, pe) if q is not None else None
        if dash is not None:
            out.append((trimmed(text, dash.start(1), dash.end(1)), (ps, dash.start() + 1)))
            continue
        if q is not None and q.end < pe and text[q.end : q.end + 1] == ":":
            after = doc.char_span(q.end + 1, pe, alignment_mode="contract")
            if after is None:
                continue
            words = []
            for t in after:  # the noun phrase right after the colon: "Wrenmouth residents"
                if t.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM") and t.text not in ("’s", "'s"):
                    break
                words.append(t)
            if words and any(t.pos_ in ("NOUN", "PROPN") for t in words):
                out.append(((words[0].idx, words[-1].idx + len(words[-1])), (q.start, q.end)))
            continue
        m = _NAME_COLON.match(text, ps, pe)
        if m is None:
            continue
        name = doc.char_span(m.start(1), m.end(1))
        if name is None:
            continue
        is_name = (name[0].ent_iob_ == "B" and name[0].ent_type_ in ("PERSON", "ORG")) or \
            (name.text.isupper() and len(name.text) > 2)
        if is_name:
            out.append(((m.start(1), m.end(1)), trimmed(text, m.end(1) + 1, pe)))
    return out


def find_attributions(doc: Doc, model: CueModel | None = None, threshold: float | None = None) -> list[Attribution]:
    """The attributions of a parsed ``doc`` (needs a tagger, parser and entity recogniser).

    A candidate becomes an attribution when the cue model scores its best content option at
    or above ``threshold`` (default: the threshold fitted with the model, in
    ``cue_model.json``); a higher one finds fewer, surer attributions.

    Output follows the codebook: one attribution per quoted stretch, stretches of one
    quotation sharing cue and speaker within its first paragraph; later paragraphs of a
    quotation have no cue and no speaker, only the speaker's name.  ``event`` numbers tie
    the stretches of one quotation together (see :func:`merge_events`).
    """
    model = model or load_cue_model()
    text = doc.text
    if not text.strip():
        return []
    cands, ctx, quotes, mask = candidates_with_quotes(doc)
    kept = choose(cands, ctx, model, threshold)
    layout = _Layout.of(text, quotes)
    paras = layout.paras
    any_quote = bytearray(mask)  # double and single quotes: ‘useless’ makes a headline mixed
    for q in find_single_quotes(text):
        any_quote[q.start : q.end] = b"\x01" * (q.end - q.start)
    resolver = SpeakerResolver(doc, mask)
    verbs = reporting_verbs()
    out: list[Attribution] = []

    def base(c: _Chosen, event: int) -> Attribution:
        cand = c.candidate
        source = cand.source if cand is not None else None
        has_source = source is not None and len(source) > 0
        name, stype = resolver.resolve(source) if has_source else (None, "other")
        mention = speaker_mention(text, source) if has_source else None
        lemma = cand.lemma if cand is not None else None
        entry = verbs.get(lemma or "") or verbs.get((lemma or " ").split()[0])
        cue = (cand.cue_start, cand.cue_end) if cand is not None else None
        start, end = c.start, c.end
        connotation = entry.connotation if entry else "neutral"
        object_start = None
        if c.label != "quote":
            start = _strip_complementiser(doc, text, start, end)
            end = trim_trailing_clause(doc, text, start, end)
        if entry is not None and entry.object_cue and c.label == "dobj" and c.first is not None and cue:
            if mask[c.first.idx]:
                connotation = "neutral"  # the feeling word is quoted from the source
            else:
                prep = next((p for p in c.first.children if p.dep_ == "prep"
                             and any(g.dep_ in ("pobj", "pcomp") for g in p.children)), None)
                if prep is not None:
                    pobj = next(g for g in prep.children if g.dep_ in ("pobj", "pcomp"))
                    cue = (cue[0], prep.idx + len(prep))
                    object_start = start
                    start, end = trimmed(text, pobj.left_edge.idx, pobj.right_edge.idx + len(pobj.right_edge))
        return Attribution(
            content_start=start, content_end=end,
            kind=_kind(text, any_quote, start, end, c.label),
            cue_start=cue[0] if cue else None, cue_end=cue[1] if cue else None, cue_lemma=lemma,
            speaker_start=mention[0] if mention else None, speaker_end=mention[1] if mention else None,
            speaker_name=name, source_type=stype, cue_connotation=connotation,
            score=round(c.score, 3), text=text, event=event, object_start=object_start,
        )

    def without_cue(a: Attribution, start: int, end: int) -> Attribution:
        return replace(a, content_start=start, content_end=end, kind="direct", cue_start=None, cue_end=None,
                       cue_lemma=None, speaker_start=None, speaker_end=None)

    events: dict[int, Attribution] = {}
    for event, c in enumerate(kept):
        a = base(c, event)
        events[id(c)] = a
        if c.label != "quote":
            out.append(a)
            continue
        parts = _stretches(c.start, c.end, layout, text) or [(c.start, c.end, -1)]
        first_para = parts[0][2]
        for s, e, para in parts:
            if para == first_para:
                out.append(replace(a, content_start=s, content_end=e, kind="direct"))
            else:
                out.append(without_cue(a, s, e))
    for start, end, prev in continuation_paragraphs(text, quotes, mask, kept):
        a = events.get(id(prev))
        if a is not None:
            out.append(without_cue(a, start, end))
    single = [q for q in find_single_quotes(text) if not mask[q.start]]
    for (s_start, s_end), (c_start, c_end) in colon_attributions(doc, text, sorted(quotes + single,
                                                                                key=lambda q: q.start), paras):
        if any(a.content_start < c_end and c_start < a.content_end for a in out):
            continue
        phrase = doc.char_span(s_start, s_end, alignment_mode="expand")
        name, stype = resolver.resolve(phrase) if phrase is not None and len(phrase) else (None, "other")
        out.append(Attribution(c_start, c_end, _kind(text, any_quote, c_start, c_end), None, None, None,
                               s_start, s_end, name, stype, "neutral", 1.0, text, event=len(kept) + len(out)))
    out.sort(key=lambda a: (a.content_start, a.content_end))
    return out
