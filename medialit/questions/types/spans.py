"""``spans``: mark the passages of the article that belong to one annotation layer.

Stored answer: an annotation document holding only the question's layer (see
:mod:`medialit.questions.span_documents`).  From code it may be given as such a document
or as a list of ``(start, end, label)`` tuples or ``{"start", "end", "label"}`` /
``{"text", "occurrence", "label"}`` mappings.

Score: student spans are paired with reference spans by
:func:`medialit.core.spans.match_spans` (the one matching rule, ``MATCH_THRESHOLD``); a
pair earns 1 when the labels agree and 0.5 when they differ (questions with one label
always agree).  The score is an F1 over those credits, ``2 * credit / (spans marked +
reference spans)``, so marking everything costs precision and does not pay.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping
from typing import Any

from medialit.core import annotation as ann
from medialit.core import layers
from medialit.core.spans import Span, match_spans
from medialit.grading.score import Score
from medialit.questions import span_documents as sd
from medialit.questions.errors import AnswerFormError, QuestionBankError
from medialit.questions.types import register
from medialit.questions.types.base import (
    AgreementCoding,
    QuestionType,
    WrongAnswer,
    esc,
    plural,
    points,
    quoted,
    ranked,
)

_WORD = re.compile(r"\w+")


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A span trimmed to its first and last word (so marks that differ only in punctuation or
    spaces at the edges group together)."""
    words = list(_WORD.finditer(text, start, end))
    return (words[0].start(), words[-1].end()) if words else (start, end)


def _words_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start() + start, m.end() + start) for m in re.finditer(r"\w[\w’'-]*", text[start:end])]


@register
class SpansType(QuestionType):
    name = "spans"
    widget = "medialit.lesson.widgets.spans_question:SpansQuestion"
    answer_schema = {"$ref": "annotations.schema.json"}
    report_section = "spans"

    # ----- answers ------------------------------------------------------------------------
    def check(self, value: Any) -> dict[str, Any]:
        q = self.question
        article = q.article
        text = article.text
        if isinstance(value, Mapping) and "schema_version" in value:
            doc = dict(value)
            try:
                ann.validate(doc, text, where=f"{q.id} answer")
            except ann.AnnotationError as exc:
                raise AnswerFormError(str(exc)) from None
            if doc.get("article_id") != article.id:
                raise AnswerFormError(f"{q.id}: the annotation is about article {doc.get('article_id')!r}, "
                                      f"but the question is about {article.id!r}")
            other = [k for k in layers.document_keys()
                     if k in doc and k != q.layer and not (q.layer or "").startswith(k + ".")]
            if other:
                raise AnswerFormError(f"{q.id}: the answer should hold only the {q.layer!r} layer; remove {other}")
            pairs = q.answer_spans(doc)
        elif isinstance(value, Iterable) and not isinstance(value, (str, Mapping)):
            pairs = [sd.span_entry(q, text, i, entry) for i, entry in enumerate(value)]
        else:
            raise AnswerFormError(f"{q.id}: give a list of spans such as [(start, end, label)] or "
                                  f"[{{'text': '...', 'label': '...'}}]; got {value!r}")
        for span, label in pairs:
            if label is None:
                raise AnswerFormError(f"{q.id}: the span {span.text!r} has no label; add one of "
                                      f"{', '.join(map(repr, q.label_ids))}")
            if label not in q.label_ids:
                raise AnswerFormError(f"{q.id}: label {label!r} of span {span.text!r} is not one of "
                                      f"{', '.join(map(repr, q.label_ids))}")
            if not span.text.strip():
                raise AnswerFormError(f"{q.id}: the span {span.start}:{span.end} holds no text; select some words")
            if not q.in_region(span):
                lo, hi = q.region_bounds()
                raise AnswerFormError(f"{q.id}: the span {span.text!r} ({span.start}:{span.end}) is outside the part "
                                      f"of the article this question is about ({lo}:{hi})")
        return q.spans_document(pairs)

    def describe(self, value: Any) -> str:
        n = len(self.question.answer_spans(value))
        return f"{n} span{'s' if n != 1 else ''} selected"

    def show(self, value: Any) -> str:
        q = self.question
        return "; ".join(f"“{s.text}” ({q.label_text(lab)})" for s, lab in q.answer_spans(value)) or "no spans"

    def choices_text(self) -> list[str]:
        return [f"  label {lab['id']}: {lab['text']}" for lab in self.question.labels]

    def example(self) -> str:
        return "[{'text': '<exact words from the article>', 'label': '<label id>'}]"

    # ----- key and score ------------------------------------------------------------------
    def key(self) -> list[dict[str, Any]]:
        return [{"start": s.start, "end": s.end, "label": label} for s, label, _ in self.key_spans()]

    def key_spans(self) -> list[tuple[Span, str | None, str | None]]:
        self.question.require_key()
        return sd.key_spans(self.question)

    def public_practice_data(self, data: dict[str, Any]) -> dict[str, Any]:
        """A key pointer into the reference annotation is written out as the spans it selects
        (``answer: [{start, end, text, label, feedback}]``), so no reference is needed."""
        if "key" not in data:
            return data
        answer = []
        for span, label, note in self.key_spans():
            entry: dict[str, Any] = {"start": span.start, "end": span.end, "text": span.text}
            if label is not None:
                entry["label"] = label
            if note:
                entry["feedback"] = note
            answer.append(entry)
        data.pop("key")
        data["answer"] = answer
        return data

    def score(self, value: dict[str, Any], article: Any = None) -> Score:
        q = self.question
        q.require_key()
        article = article or q.article
        text = article.text
        refs = q.key_spans()
        preds = q.answer_spans(value)
        if not refs:
            ok = not preds
            return Score(q.points if ok else 0.0, q.points,
                         ["There is nothing to mark here, " + ("and you marked nothing: right." if ok else
                                                              f"but you marked {plural(len(preds), 'span')}.")])
        pairs = match_spans(text, [p[0] for p in preds], [r[0] for r in refs])
        single_label = len(q.label_ids) == 1
        credit, relabel = 0.0, []
        for i, j in pairs:
            if single_label or preds[i][1] == refs[j][1]:
                credit += 1
            else:
                credit += 0.5
                relabel.append(i)
        f1 = 2 * credit / (len(preds) + len(refs))
        lines = [f"{len(pairs)} of the {plural(len(preds), 'span')} you marked "
                 f"match{'es' if len(pairs) == 1 else ''} a reference passage (the reference has {len(refs)})."]
        if relabel:
            lines.append(f"{plural(len(relabel), 'matched span')} got a different label (half credit each):")
            lines += [f"  - {preds[i][0].text!r}: you chose {q.label_text(preds[i][1])!r}" for i in relabel[:5]]
        matched_p = {i for i, _ in pairs}
        extra = [p for k, p in enumerate(preds) if k not in matched_p]
        if extra:
            lines.append(f"{plural(len(extra), 'span')} you marked {'is' if len(extra) == 1 else 'are'} not in the "
                         "reference (marking more than needed lowers the score):")
            lines += [f"  - {p[0].text!r}" for p in extra[:5]]
        matched_r = {j for _, j in pairs}
        missed = [r for k, r in enumerate(refs) if k not in matched_r]
        if missed:
            where: dict[str, int] = {}
            for span, _, _ in missed:
                part = article.part_at(span.start) or "text"
                where[part] = where.get(part, 0) + 1
            lines.append(f"You missed {plural(len(missed), 'passage')}: "
                         + ", ".join(f"{n} in the {part}" for part, n in where.items()) + "."
                         + (f" {q.hint}" if q.hint else ""))
        return Score(points(q, f1), q.points, lines)

    def reference_items(self) -> list[str]:
        q = self.question
        q.require_key()
        out = []
        for span, label, note in q.key_spans():
            extra = f": {esc(note)}" if note else ""
            out.append(f"<li>“{esc(span.text)}” ({esc(q.label_text(label))}){extra}</li>")
        return out

    # ----- banks --------------------------------------------------------------------------
    def problems(self) -> list[str]:
        q = self.question
        w = q.where
        p = super().problems()
        layer = q.layer or ""
        allowed = layers.get(layer).question_label_fields
        if q.label_field not in allowed:
            p.append(f"{w}: label_field {q.label_field!r} does not fit layer {layer!r}; use one of "
                     f"{', '.join(repr(a) for a in allowed)}")
        elif q.label_field is None:
            if len(q.labels) != 1:
                p.append(f"{w}: layer {layer!r} without a label_field takes exactly one label (has {len(q.labels)})")
        else:
            values = layers.field_values(layer, q.label_field)
            bad = [lab for lab in q.label_ids if lab not in values]
            if bad:
                p.append(f"{w}: label(s) {bad} are not values of {q.label_field!r}; use some of {values}")
        if len(set(q.label_ids)) != len(q.label_ids):
            p.append(f"{w}: label ids repeat; make them unique")
        if not q.article_id:
            p.append(f"{w}: a spans question needs an article (set article: on the question or the bank)")
            return p
        from medialit.articles.article import ArticleError

        try:
            text = q.article.text
        except ArticleError as exc:
            return [*p, f"{w}: {exc}"]
        if "answer" in q.data:
            p += self._inline_key_problems(text)
        return p

    def _inline_key_problems(self, text: str) -> list[str]:
        q = self.question
        w = q.where
        if not isinstance(q.data["answer"], list):
            return [f"{w}: answer of a spans question is a list of spans ({{text, label}})"]
        p: list[str] = []
        for i, entry in enumerate(q.data["answer"]):
            if not isinstance(entry, dict):
                p.append(f"{w}: answer[{i}] should be a mapping like {{text: ..., label: ...}}")
                continue
            try:
                sd.resolve_span_key(text, entry, w, q.region_start())
            except QuestionBankError as exc:
                p += exc.problems
            label = entry.get("label", sd.only_label(q))
            if label not in q.label_ids:
                p.append(f"{w}: answer[{i}] has label {label!r}, not one of {q.label_ids}")
        return p

    def key_problems(self) -> list[str]:
        q = self.question
        try:
            keys = q.key_spans()
            q.region_ranges()
        except (QuestionBankError, ann.AnnotationError) as exc:
            return list(getattr(exc, "problems", [str(exc)]))
        except LookupError as exc:
            return [f"{q.where}: {exc}"]
        problems = []
        if not keys:
            problems.append(f"{q.where}: the key selects no spans; check key.where and region")
        for span, label, _ in keys:
            if not q.in_region(span):
                problems.append(f"{q.where}: reference span {span.text!r} ({span.start}:{span.end}) is outside "
                                f"the question's region")
            if label not in q.label_ids:
                problems.append(f"{q.where}: reference span {span.text!r} has label {label!r}, which is not among "
                                f"the question's labels {q.label_ids}")
        return problems

    # ----- lessons and the class report -----------------------------------------------------

    def agreement_coding(self) -> AgreementCoding:
        """Coded word by word over the question's region: each word gets the label of the
        span covering it, or ``none``."""
        q = self.question
        text = q.article.text
        tokens = [(m.start(), m.end()) for lo, hi in q.region_ranges() for m in _WORD.finditer(text, lo, hi)]

        def codes(pairs: list[tuple[Span, Any]]) -> list[str]:
            return [next((str(lab) for span, lab in pairs if span.start <= a and b <= span.end), "none")
                    for a, b in tokens]

        reference = codes([(r[0], r[1]) for r in q.key_spans()])
        return AgreementCoding(len(tokens), lambda value: codes(q.answer_spans(value)), reference, "spans")

    def report_view(self) -> Any:
        from medialit.report.span_report import SpanReport

        return SpanReport()

    def wrong_answers(self, values: list[Any]) -> list[WrongAnswer]:
        """Reference passages missed or given another label (with the passage's feedback, else the
        explanation), and passages marked that are not in the reference (trimmed to whole
        words; with the explanation).  Each counts a student once."""
        q = self.question
        text = q.article.text
        refs = q.key_spans()
        counts: dict[tuple[str, Any], int] = {("missed", j): 0 for j in range(len(refs))}
        counts.update({("relabelled", j): 0 for j in range(len(refs))})
        for value in values:
            preds = q.answer_spans(value)
            pairs = match_spans(text, [p[0] for p in preds], [r[0] for r in refs])
            found = {j for _, j in pairs}
            mistakes = {("missed", j) for j in range(len(refs)) if j not in found}
            mistakes |= {("relabelled", j) for i, j in pairs if len(q.label_ids) > 1 and preds[i][1] != refs[j][1]}
            matched = {i for i, _ in pairs}
            mistakes |= {("extra", snap_to_words(text, p[0].start, p[0].end)) for k, p in enumerate(preds)
                         if k not in matched}
            for key in mistakes:
                counts[key] = counts.get(key, 0) + 1

        def describe(key: tuple[str, Any]) -> tuple[str, str | None]:
            what, where = key
            if what == "extra":
                return f"marked {quoted(text[where[0]:where[1]])}, which is not in the reference", q.explanation
            span, label, feedback = refs[where]
            if what == "missed":
                return f"missed {quoted(span.text)} ({q.label_text(label)})", feedback or q.explanation
            return f"labelled {quoted(span.text)} other than {q.label_text(label)}", feedback or q.explanation

        return ranked(counts, describe)

    # ----- synthetic classes --------------------------------------------------------------
    def synthetic_answer(self, rng: random.Random, quality: float) -> list[dict[str, Any]]:
        """Reference passages kept, missed, trimmed or stretched by a word and relabelled,
        plus extra passages inside the region."""
        q = self.question
        text = q.article.text
        spans = []
        for s, label, _ in q.key_spans():
            r = rng.random()
            if r > 0.25 + 0.75 * quality:
                continue  # missed
            start, end = s.start, s.end
            words = _words_in(text, start, end)
            if len(words) > 2 and rng.random() < 0.3:  # trimmed or stretched by a word
                start, end = (words[1][0], end) if rng.random() < 0.5 else (start, words[-2][1])
            if label is not None and len(q.label_ids) > 1 and rng.random() > quality:
                label = rng.choice(q.label_ids)
            spans.append({"start": start, "end": end, "label": label})
        ranges = [r for r in q.region_ranges() if _words_in(text, *r)]
        for _ in range(rng.choice([0, 0, 1, 2]) if ranges else 0):  # extra passages, each inside one range
            words = _words_in(text, *rng.choice(ranges))
            i = rng.randrange(len(words))
            j = min(len(words) - 1, i + rng.randrange(1, 6))
            spans.append({"start": words[i][0], "end": words[j][1], "label": rng.choice(q.label_ids)})
        uniq = {(d["start"], d["end"], d["label"]): d for d in spans}
        return list(uniq.values())
