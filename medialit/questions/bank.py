"""Question banks: YAML files of questions the widgets ask and the grader scores.

A bank is a YAML mapping with ``provenance`` and ``licence`` lines, an optional
``notebook`` (the file stem of the notebook that asks the questions) and ``article``
(the default article), and a list of ``questions``; the shape is defined in
``medialit/core/schema/questions.schema.json``.  Question ids equal the nbgrader grade ids.

Banks are looked up in ``$MEDIALIT_QUESTIONS``, then in the course's lesson folders, then
in ``medialit/data/questions/`` (see :mod:`medialit.questions.lookup`); a question id must
be unique across all of them.

This module also defines the *form* of an answer to each question type (what
:meth:`Question.check_answer` accepts and how it is stored):

=========  ==================================================================
single     an option id (``"b"``)
multiple   a list of option ids (``["a", "c"]``); empty means "none of them"
spans      an annotation document holding only the question's layer; given as
           such a document or as a list of ``(start, end, label)`` tuples or
           ``{"start", "end", "label"}`` / ``{"text", "occurrence", "label"}`` dicts
classify   ``{item_id: category_id}``; items may be left out
rate       an integer on the question's scale
text       a string
=========  ==================================================================

Limits: key pointers (``key: {layer, where}``) and regions given as structure parts are
resolved when a question is scored or shown, not when the bank is loaded, so a bank can
be written before its article's reference annotation; :func:`check_bank` resolves them.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from medialit.core import annotation as ann
from medialit.core.spans import Span, find_span
from medialit.errors import MedialitError, ProblemsError
from medialit.questions.lookup import bank_files, question_dirs

QUESTION_TYPES = ("single", "multiple", "spans", "classify", "rate", "text")

#: For each layer a spans question can ask for: the item field that holds the span the
#: student marks, and the fields the question's labels may be values of (``None``: the
#: layer needs no label, so the question has exactly one label).
SPAN_FIELD = {
    "hedges": "cue", "boosters": "cue", "claims": "span", "attributions": "content",
    "framing.loaded_language": "span", "framing.scare_quotes": "span", "framing.metaphors": "span",
    "framing.frames": "cues",
}
LABEL_FIELDS: dict[str, tuple[str | None, ...]] = {
    "hedges": ("category",), "boosters": ("category",), "claims": ("status",), "attributions": ("kind",),
    "framing.loaded_language": (None, "holder"), "framing.scare_quotes": (None, "holder"),
    "framing.metaphors": (None, "holder"), "framing.frames": ("frame",),
}
#: Where the allowed values of a label field are defined in the annotations schema.
_LABEL_ENUM_DEF = {"category": "stance_cue", "status": "claim", "kind": "attribution", "holder": "noted_span",
                   "frame": "frame"}
MAX_TEXT_CHARS = 20_000
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def count_words(text: str) -> int:
    """Words in a written answer: letters and digits, with inner apostrophes and hyphens
    (``don’t``, ``well-known``); emoji and punctuation do not count."""
    return len(_WORD.findall(text))


class QuestionBankError(ProblemsError):
    """A bank file is missing or malformed; ``problems`` lists each finding by question."""

    summary = "question bank {where} is not valid"


class UnknownQuestionError(MedialitError, LookupError):
    """No bank has a question with this id."""


class AnswerFormError(MedialitError, ValueError):
    """An answer does not have the form its question expects (says what is wrong and how to fix it)."""


def _label_values(label_field: str) -> list[str]:
    schema = ann.load_schema("annotations")
    return list(schema["$defs"][_LABEL_ENUM_DEF[label_field]]["properties"][label_field]["enum"])


@dataclass
class Question:
    """One question of a bank.  ``data`` is the question's mapping as written in YAML."""

    data: dict[str, Any]
    bank_path: Path | None = None
    bank_article: str | None = None
    bank_notebook: str | None = None

    # ----- plain fields -------------------------------------------------------------
    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def type(self) -> str:
        return str(self.data["type"])

    @property
    def prompt(self) -> str:
        return str(self.data["prompt"])

    @property
    def mode(self) -> str:
        return str(self.data["mode"])

    @property
    def points(self) -> float:
        return float(self.data["points"])

    @property
    def hint(self) -> str | None:
        return self.data.get("hint")

    @property
    def explanation(self) -> str | None:
        return self.data.get("explanation")

    @property
    def article_id(self) -> str | None:
        return self.data.get("article") or self.bank_article

    @property
    def notebook(self) -> str | None:
        return self.bank_notebook

    @property
    def options(self) -> list[dict[str, Any]]:
        return list(self.data.get("options") or [])

    @property
    def option_ids(self) -> list[str]:
        return [str(o["id"]) for o in self.options]

    def option(self, option_id: str) -> dict[str, Any]:
        for o in self.options:
            if o["id"] == option_id:
                return o
        raise KeyError(option_id)

    @property
    def correct_options(self) -> list[str]:
        return [str(o["id"]) for o in self.options if o.get("correct")]

    @property
    def labels(self) -> list[dict[str, Any]]:
        return list(self.data.get("labels") or [])

    @property
    def label_ids(self) -> list[str]:
        return [str(lab["id"]) for lab in self.labels]

    def label_text(self, label_id: str | None) -> str:
        for lab in self.labels:
            if lab["id"] == label_id:
                return str(lab["text"])
        return str(label_id)

    @property
    def layer(self) -> str | None:
        return self.data.get("layer")

    @property
    def label_field(self) -> str | None:
        if "label_field" in self.data:
            return self.data["label_field"]
        return LABEL_FIELDS[self.layer][0] if self.layer else None

    @property
    def items(self) -> list[dict[str, Any]]:
        return list(self.data.get("items") or [])

    @property
    def categories(self) -> list[dict[str, Any]]:
        return list(self.data.get("categories") or [])

    @property
    def scale(self) -> tuple[int, int]:
        s = self.data["scale"]
        return int(s["min"]), int(s["max"])

    def scale_label(self, value: int) -> str | None:
        labels = (self.data.get("scale") or {}).get("labels") or {}
        return labels.get(str(value), labels.get(value))  # YAML may give int keys

    @property
    def where(self) -> str:
        """``bank.yaml: question 'q3'``: the prefix of every message about this question."""
        bank = self.bank_path.name if self.bank_path else "question"
        return f"{bank}: question {self.id!r}"

    # ----- the article ----------------------------------------------------------------
    @cached_property
    def article(self) -> Any:
        """The :class:`~medialit.articles.article.Article` the question is about (None when it names none)."""
        from medialit.articles.article import load_article

        return load_article(self.article_id) if self.article_id else None

    def region_ranges(self) -> list[tuple[int, int]]:
        """The character ranges the student should look in (the whole article by default)."""
        article = self.article
        if article is None:
            return []
        region = self.data.get("region")
        if not region:
            return [(0, len(article.text))]
        if "parts" in region:
            ranges = [(p["start"], p["end"]) for p in article.structure if p["label"] in region["parts"]]
            if not ranges:
                raise QuestionBankError([f"{self.where}: region parts {region['parts']} are not in the structure "
                                         f"of article {article.id!r}"], str(self.bank_path))
            return ranges
        start, end = int(region["start"]), int(region["end"])
        if not 0 <= start < end <= len(article.text):
            raise QuestionBankError([f"{self.where}: region {start}:{end} is outside the article "
                                     f"(0:{len(article.text)})"], str(self.bank_path))
        return [(start, end)]

    def region_bounds(self) -> tuple[int, int]:
        """One range covering the whole region (what the highlighter shows)."""
        ranges = self.region_ranges()
        return min(r[0] for r in ranges), max(r[1] for r in ranges)

    def region_start(self) -> int:
        """Where quoted text is looked up from: the region's start, or 0 without a region."""
        return self.region_bounds()[0] if self.data.get("region") else 0

    def in_region(self, span: Span) -> bool:
        return any(s <= span.start and span.end <= e for s, e in self.region_ranges())

    # ----- keys -------------------------------------------------------------------------
    def key_spans(self) -> list[tuple[Span, str | None, str | None]]:
        """The reference spans as ``(span, label, feedback)``, inline or from the reference annotation."""
        article = self.article
        if self.type != "spans" or article is None:
            return []
        text = article.text
        if "answer" in self.data:
            out = []
            for entry in self.data["answer"]:
                out.append((_resolve_span_key(text, entry, self.where, self.region_start()),
                            entry.get("label", self._only_label()),
                            entry.get("feedback")))
            return out
        key = self.data["key"]
        layer = key.get("layer") or self.layer
        where = key.get("where") or {}
        out = []
        for item in _layer_items(article.reference, layer):
            if not _item_matches(item, where, article):
                continue
            for span in _item_spans(item, layer):
                if self.in_region(span):
                    label = item.get(self.label_field) if self.label_field else self._only_label()
                    out.append((span, label, item.get("note")))
        return sorted(out, key=lambda t: t[0])

    def _only_label(self) -> str | None:
        return self.label_ids[0] if len(self.label_ids) == 1 else None

    # ----- answer forms -----------------------------------------------------------------
    def check_answer(self, value: Any) -> Any:
        """The answer in its stored form; raises :class:`AnswerFormError` saying what is wrong."""
        return _CHECKERS[self.type](self, value)

    def answer_spans(self, value: Mapping[str, Any]) -> list[tuple[Span, str | None]]:
        """``(span, label)`` for every span in a stored spans answer, in text order."""
        out = []
        for item in _layer_items(value, self.layer or ""):
            for span in _item_spans(item, self.layer or ""):
                out.append((span, item.get(self.label_field) if self.label_field else self._only_label()))
        return sorted(out, key=lambda t: (t[0].start, t[0].end, str(t[1])))

    def spans_document(self, spans: Iterable[tuple[Span, str | None]]) -> dict[str, Any]:
        """An annotation document holding ``spans`` in the question's layer."""
        article = self.article
        doc = ann.new_document(article.id, article.text, "student")
        layer = self.layer or ""
        items = []
        for i, (span, label) in enumerate(sorted(set(spans), key=lambda t: (t[0].start, t[0].end, str(t[1]))), 1):
            items.append(_make_item(layer, f"{_ID_PREFIX.get(layer, 'x')}{i}", span, self.label_field, label, article))
        if layer.startswith("framing."):
            doc["framing"] = {layer.split(".", 1)[1]: items}
        else:
            doc[layer] = items
        return doc

    def describe_answer(self, value: Any) -> str:
        """A form-only summary of an answer (``3 spans selected``), never its correctness."""
        if value is None:
            return "no answer yet"
        if self.type == "single":
            return f"option {value!r} selected"
        if self.type == "multiple":
            return f"{len(value)} option{'s' if len(value) != 1 else ''} selected"
        if self.type == "spans":
            n = len(self.answer_spans(value))
            return f"{n} span{'s' if n != 1 else ''} selected"
        if self.type == "classify":
            return f"{len(value)} of {len(self.items)} items classified"
        if self.type == "rate":
            return f"rated {value}"
        words = count_words(str(value))
        return f"{words} word{'s' if words != 1 else ''} written"


_ID_PREFIX = {"hedges": "h", "boosters": "b", "claims": "c", "attributions": "a", "framing.frames": "f",
              "framing.loaded_language": "l", "framing.scare_quotes": "s", "framing.metaphors": "m"}


def _make_item(layer: str, item_id: str, span: Span, label_field: str | None, label: str | None,
               article: Any) -> dict[str, Any]:
    s = span.to_json()
    if layer in ("hedges", "boosters"):
        return {"id": item_id, "cue": s, "category": label}
    if layer == "claims":
        return {"id": item_id, "span": s, "status": label}
    if layer == "attributions":
        return {"id": item_id, "content": s, "kind": label}
    if layer == "framing.frames":
        scope = "headline" if article.part_at(span.start) == "headline" else "body"
        return {"id": item_id, "frame": label, "scope": scope, "cues": [s]}
    item: dict[str, Any] = {"id": item_id, "span": s}
    if label_field:
        item[label_field] = label
    return item


def _layer_items(doc: Mapping[str, Any], layer: str) -> list[dict[str, Any]]:
    if layer.startswith("framing."):
        return [i for i in (doc.get("framing") or {}).get(layer.split(".", 1)[1]) or [] if isinstance(i, dict)]
    return [i for i in doc.get(layer) or [] if isinstance(i, dict)]


def _item_spans(item: Mapping[str, Any], layer: str) -> list[Span]:
    field_name = SPAN_FIELD.get(layer, "span")
    raw = item.get(field_name)
    raws = raw if isinstance(raw, list) else [raw]
    return [Span.from_json(r) for r in raws if isinstance(r, dict)]


def _item_matches(item: Mapping[str, Any], where: Mapping[str, Any], article: Any) -> bool:
    for name, wanted in where.items():
        allowed = wanted if isinstance(wanted, list) else [wanted]
        if name == "part" and "part" not in item:
            spans = _item_spans(item, "framing.frames" if "cues" in item else
                                ("hedges" if "cue" in item and "content" not in item else
                                 "attributions" if "content" in item else "claims"))
            value = article.part_at(spans[0].start) if spans else None
        else:
            value = item.get(name)
        if value not in allowed:
            return False
    return True


def _resolve_span_key(text: str, entry: Mapping[str, Any], where: str, after: int = 0) -> Span:
    """An inline key span; a quoted ``text`` is looked up from offset ``after`` (the region's start)."""
    try:
        if "start" in entry:
            span = Span.of(text, int(entry["start"]), int(entry["end"]))
            if "text" in entry and entry["text"] != span.text:
                raise ValueError(f"text {entry['text']!r} does not match the article at "
                                 f"{span.start}:{span.end}, which reads {span.text!r}")
            return span
        return find_span(text, str(entry["text"]), int(entry.get("occurrence", 1)), after=after)
    except ValueError as exc:
        raise QuestionBankError([f"{where}: answer span {exc}"], where.split(":")[0]) from None


# ----- answer form checkers --------------------------------------------------------------

def _check_single(q: Question, value: Any) -> str:
    if not isinstance(value, str):
        raise AnswerFormError(f"{q.id}: give one option id as a string, one of {', '.join(map(repr, q.option_ids))}; "
                              f"got {value!r}")
    if value not in q.option_ids:
        raise AnswerFormError(f"{q.id}: {value!r} is not an option; use one of {', '.join(map(repr, q.option_ids))}")
    return value


def _check_multiple(q: Question, value: Any) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise AnswerFormError(f"{q.id}: give a list of option ids, e.g. [{', '.join(map(repr, q.option_ids[:2]))}]; "
                              f"got {value!r}")
    picked = list(value)
    bad = [v for v in picked if v not in q.option_ids]
    if bad:
        raise AnswerFormError(f"{q.id}: {', '.join(map(repr, bad))} {'is' if len(bad) == 1 else 'are'} not "
                              f"option(s); use ids from {', '.join(map(repr, q.option_ids))}")
    return [o for o in q.option_ids if o in picked]


def _check_spans(q: Question, value: Any) -> dict[str, Any]:
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
        other = [k for k in ann.LAYERS if k in doc and k != q.layer and not (q.layer or "").startswith(k + ".")]
        if other:
            raise AnswerFormError(f"{q.id}: the answer should hold only the {q.layer!r} layer; remove {other}")
        pairs = q.answer_spans(doc)
    elif isinstance(value, Iterable) and not isinstance(value, (str, Mapping)):
        pairs = [_span_entry(q, text, i, entry) for i, entry in enumerate(value)]
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


def _span_entry(q: Question, text: str, i: int, entry: Any) -> tuple[Span, str | None]:
    default_label = q._only_label()
    try:
        if isinstance(entry, Span):
            return entry, default_label
        if isinstance(entry, (tuple, list)) and len(entry) in (2, 3):
            label = entry[2] if len(entry) == 3 else default_label
            return Span.of(text, int(entry[0]), int(entry[1])), label
        if isinstance(entry, Mapping):
            label = entry.get("label", default_label)
            if "start" in entry:
                span = Span.of(text, int(entry["start"]), int(entry["end"]))
                if "text" in entry and entry["text"] != span.text:
                    raise ValueError(f"text {entry['text']!r} does not match the article at {span.start}:{span.end}, "
                                     f"which reads {span.text!r}")
                return span, label
            if "text" in entry:
                found = find_span(text, str(entry["text"]), int(entry.get("occurrence", 1)), after=q.region_start())
                return found, label
    except (ValueError, TypeError) as exc:
        raise AnswerFormError(f"{q.id}: span {i + 1}: {exc}") from None
    raise AnswerFormError(f"{q.id}: span {i + 1} ({entry!r}) should be (start, end, label) or "
                          f"{{'text': '...', 'label': '...'}}")


def _check_classify(q: Question, value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise AnswerFormError(f"{q.id}: give a mapping from item id to category id, e.g. "
                              f"{{{q.items[0]['id']!r}: {q.categories[0]['id']!r}}}; got {value!r}")
    items = [str(i["id"]) for i in q.items]
    cats = [str(c["id"]) for c in q.categories]
    out: dict[str, str] = {}
    for k, v in value.items():
        if k not in items:
            raise AnswerFormError(f"{q.id}: {k!r} is not an item; items are {', '.join(map(repr, items))}")
        if v is None:
            continue
        if v not in cats:
            raise AnswerFormError(f"{q.id}: {v!r} (for {k!r}) is not a category; "
                                  f"use one of {', '.join(map(repr, cats))}")
        out[str(k)] = str(v)
    return {k: out[k] for k in items if k in out}


def _check_rate(q: Question, value: Any) -> int:
    lo, hi = q.scale
    if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value:
        raise AnswerFormError(f"{q.id}: give a whole number from {lo} to {hi}; got {value!r}")
    if not lo <= int(value) <= hi:
        raise AnswerFormError(f"{q.id}: {value} is off the scale; give a whole number from {lo} to {hi}")
    return int(value)


def _check_text(q: Question, value: Any) -> str:
    if not isinstance(value, str):
        raise AnswerFormError(f"{q.id}: give your answer as text (a string); got {type(value).__name__}")
    if len(value) > MAX_TEXT_CHARS:
        raise AnswerFormError(f"{q.id}: the answer is {len(value)} characters long; keep it under {MAX_TEXT_CHARS}")
    return value


_CHECKERS = {"single": _check_single, "multiple": _check_multiple, "spans": _check_spans,
             "classify": _check_classify, "rate": _check_rate, "text": _check_text}


# ----- banks ------------------------------------------------------------------------------

@dataclass
class Bank:
    """A loaded, validated bank file."""

    path: Path
    provenance: str
    licence: str
    notebook: str | None
    article: str | None
    questions: list[Question] = field(default_factory=list)

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise UnknownQuestionError(f"{self.path.name} has no question {qid!r}; it has {', '.join(self.ids)}")

    @property
    def ids(self) -> list[str]:
        return [q.id for q in self.questions]


def load_bank(path: str | os.PathLike[str]) -> Bank:
    """Read and validate a bank; :class:`QuestionBankError` names every problem by question."""
    from medialit.core.yaml_text import YamlFileError, read_yaml

    path = Path(path)
    try:
        data = read_yaml(path)
    except FileNotFoundError:
        raise QuestionBankError([f"file not found: {path}"], str(path)) from None
    except YamlFileError as exc:
        raise QuestionBankError([str(exc)], str(path)) from None
    problems = ann.schema_problems(data, "questions")  # paths name the question: questions[2] (id 'q3')
    problems = [p + (" (YAML reads yes/no/on/off as true/false; put the text in quotes)"
                     if ("True is not of type 'string'" in p or "False is not of type 'string'" in p) else "")
                for p in problems]
    if problems:
        raise QuestionBankError(problems, str(path))
    bank = Bank(path, data["provenance"], data["licence"], data.get("notebook"), data.get("article"))
    seen: set[str] = set()
    for qdata in data["questions"]:
        q = Question(qdata, path, bank.article, bank.notebook)
        if q.id in seen:
            problems.append(f"{q.where}: the id is used twice in this bank; ids must be unique")
        seen.add(q.id)
        problems += _question_problems(q)
        bank.questions.append(q)
    if problems:
        raise QuestionBankError(problems, str(path))
    return bank


def _question_problems(q: Question) -> list[str]:
    p: list[str] = []
    w = q.where
    ids = q.option_ids
    if len(set(ids)) != len(ids):
        p.append(f"{w}: option ids repeat ({ids}); make them unique")
    if q.type == "single" and len(q.correct_options) != 1:
        p.append(f"{w}: a single-choice question needs exactly one option with correct: true "
                 f"(has {len(q.correct_options)})")
    if q.type == "multiple" and not q.correct_options:
        p.append(f"{w}: a multiple-choice question needs at least one option with correct: true")
    if q.type not in ("single", "multiple") and q.options:
        p.append(f"{w}: only choice questions have options")
    if q.type == "spans":
        layer = q.layer or ""
        allowed = LABEL_FIELDS[layer]
        if q.label_field not in allowed:
            p.append(f"{w}: label_field {q.label_field!r} does not fit layer {layer!r}; use one of "
                     f"{', '.join(repr(a) for a in allowed)}")
        elif q.label_field is None:
            if len(q.labels) != 1:
                p.append(f"{w}: layer {layer!r} without a label_field takes exactly one label (has {len(q.labels)})")
        else:
            values = _label_values(q.label_field)
            bad = [lab for lab in q.label_ids if lab not in values]
            if bad:
                p.append(f"{w}: label(s) {bad} are not values of {q.label_field!r}; use some of {values}")
        if len(set(q.label_ids)) != len(q.label_ids):
            p.append(f"{w}: label ids repeat; make them unique")
        if not q.article_id:
            p.append(f"{w}: a spans question needs an article (set article: on the question or the bank)")
        else:
            from medialit.articles.article import ArticleError

            try:
                text = q.article.text
            except ArticleError as exc:
                p.append(f"{w}: {exc}")
            else:
                if "answer" in q.data:
                    if not isinstance(q.data["answer"], list):
                        p.append(f"{w}: answer of a spans question is a list of spans ({{text, label}})")
                    else:
                        for i, entry in enumerate(q.data["answer"]):
                            if not isinstance(entry, dict):
                                p.append(f"{w}: answer[{i}] should be a mapping like {{text: ..., label: ...}}")
                                continue
                            try:
                                _resolve_span_key(text, entry, w, q.region_start())
                            except QuestionBankError as exc:
                                p += exc.problems
                            label = entry.get("label", q._only_label())
                            if label not in q.label_ids:
                                p.append(f"{w}: answer[{i}] has label {label!r}, not one of {q.label_ids}")
    if q.type == "classify":
        cats = [c["id"] for c in q.categories]
        for it in q.items:
            if it["answer"] not in cats:
                p.append(f"{w}: item {it['id']!r} has answer {it['answer']!r}, not one of the categories {cats}")
        item_ids = [it["id"] for it in q.items]
        if len(set(item_ids)) != len(item_ids) or len(set(cats)) != len(cats):
            p.append(f"{w}: item or category ids repeat; make them unique")
    if q.type == "rate":
        lo, hi = q.scale
        if lo >= hi:
            p.append(f"{w}: scale min {lo} must be below max {hi}")
        elif not lo <= q.data["answer"] <= hi:
            p.append(f"{w}: answer {q.data['answer']} is off the scale {lo}..{hi}")
    if q.type == "text" and q.data.get("min_words", 0) > q.data.get("max_words", 10**9):
        p.append(f"{w}: min_words is above max_words")
    return p


def check_bank(path: str | os.PathLike[str]) -> Bank:
    """Load a bank and also resolve every key pointer and region (needs the reference annotations)."""
    bank = load_bank(path)
    problems: list[str] = []
    for q in bank.questions:
        if q.type != "spans":
            continue
        try:
            keys = q.key_spans()
            q.region_ranges()
        except (QuestionBankError, ann.AnnotationError) as exc:
            problems += getattr(exc, "problems", [str(exc)])
            continue
        except LookupError as exc:
            problems.append(f"{q.where}: {exc}")
            continue
        if not keys:
            problems.append(f"{q.where}: the key selects no spans; check key.where and region")
        for span, label, _ in keys:
            if not q.in_region(span):
                problems.append(f"{q.where}: reference span {span.text!r} ({span.start}:{span.end}) is outside "
                                f"the question's region")
            if label not in q.label_ids:
                problems.append(f"{q.where}: reference span {span.text!r} has label {label!r}, which is not among "
                                f"the question's labels {q.label_ids}")
    if problems:
        raise QuestionBankError(problems, str(path))
    return bank


_INDEX: dict[tuple[Any, ...], tuple[dict[str, Question], list[str]]] = {}


def _index() -> tuple[dict[str, Question], list[str]]:
    files = bank_files()
    stamp = tuple((str(f), f.stat().st_mtime_ns) for f in files)
    if stamp not in _INDEX:
        index: dict[str, Question] = {}
        broken: list[str] = []
        for f in files:
            try:
                bank = load_bank(f)
            except QuestionBankError as exc:
                broken.append(str(exc))
                continue
            for q in bank.questions:
                if q.id in index:
                    broken.append(f"question id {q.id!r} is in both {index[q.id].bank_path} and {f}; "
                                  "ids must be unique across banks (the first one is used)")
                    continue
                index[q.id] = q
        _INDEX.clear()
        _INDEX[stamp] = (index, broken)
    return _INDEX[stamp]


def all_questions() -> dict[str, Question]:
    """Every question of every valid bank by id (banks are re-read when a file changes).

    A broken bank only hides its own questions; :func:`bank_problems` says what is wrong.
    """
    return _index()[0]


def bank_problems() -> list[str]:
    """What is wrong with the banks that could not be loaded, and ids used twice."""
    return list(_index()[1])


def find_question(qid: str) -> Question:
    """The question with this id from any bank; :class:`UnknownQuestionError` lists what exists."""
    questions, broken = _index()
    if qid in questions:
        return questions[qid]
    known = ", ".join(sorted(questions)) or "none"
    where = ", ".join(str(d) for d in question_dirs()) or "no bank folder"
    msg = f"no question {qid!r} in the banks ({where}); known ids: {known}"
    if broken:
        msg += "\nSome banks could not be loaded, so the question may be in one of them:\n" + "\n".join(broken)
    raise UnknownQuestionError(msg)


def questions_for_notebook(notebook: str) -> list[Question]:
    """The questions of the banks that declare ``notebook: <notebook>``, in bank order."""
    stem = notebook.removesuffix(".ipynb")
    return [q for q in all_questions().values() if q.notebook == stem]


def key_answer(q: Question) -> Any:
    """The reference answer to an automatically graded question, in the form a widget records.

    Raises ``ValueError`` for a written (``text``) question, which has no automatic key.
    """
    if q.type == "single":
        return q.correct_options[0]
    if q.type == "multiple":
        return list(q.correct_options)
    if q.type == "classify":
        return {item["id"]: item["answer"] for item in q.items}
    if q.type == "rate":
        return int(q.data["answer"])
    if q.type == "spans":
        return [{"start": s.start, "end": s.end, "label": label} for s, label, _ in q.key_spans()]
    raise ValueError(f"{q.id} is a {q.type} question, which has no automatic key")


def reference_answers_text(notebook: str) -> str:
    """The instructor's answers file for ``notebook``: the key of every graded question in it.

    Lives beside the solution notebook so that ``nbgrader validate`` of a solution passes;
    the course configuration keeps it out of the release.
    """
    answers = {q.id: {"kind": q.type, "value": q.check_answer(key_answer(q)), "updated": "2026-01-01T00:00:00+00:00"}
               for q in questions_for_notebook(notebook) if q.mode == "graded" and q.type != "text"}
    return json.dumps({"schema_version": 1, "notebook": notebook, "answers": answers}, indent=1,
                      ensure_ascii=False) + "\n"
