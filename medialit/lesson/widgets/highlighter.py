"""The span highlighter: mark passages of an article (or a region of it) with labels.

The front end (``highlighter.js``, an anywidget) works in the browser's UTF-16 code
units; this side converts them to Python character offsets (code points) into the whole
article, so curly quotes and emoji before a passage do not shift it.  The kernel owns the
state: the browser only renders ``spans`` and sends what the learner did.

Keyboard: arrows move the selection by word or punctuation mark (a passage can start at
an opening quotation mark and end at a closing one), Shift+arrows extend it, keys 1-9 mark
it; the keys stay with the highlighter instead of running notebook commands (see
:mod:`medialit.lesson.widgets.access`).  After "Remove", the focus goes to the next
passage's Remove button, or back to the text when none is left.

Limits: one region is shown as one continuous stretch of text (from the first to the
last part it names); overlapping spans are allowed and drawn with an outline.  Ten labels
have styles of their own (colour and line); from the eleventh on, styles repeat and only
the tag after each passage tells them apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from medialit.core.spans import Span
from medialit.lesson.widgets.access import with_key_guard

_HERE = Path(__file__).resolve().parent


def utf16_to_index(text: str, units: int) -> int:
    """The Python index in ``text`` of a UTF-16 offset (a position inside a surrogate pair
    rounds up to the end of that character)."""
    if units <= 0:
        return 0
    count = 0
    for i, ch in enumerate(text):
        if count >= units:
            return i
        count += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def index_to_utf16(text: str, index: int) -> int:
    """The UTF-16 offset of Python index ``index`` in ``text``."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


class SpanHighlighter(anywidget.AnyWidget):
    """Mark labelled spans of ``article_text[start:end]``.

    ``on_change(pairs)`` is called with the new ``[(Span, label)]`` after every edit made
    in the browser; it may raise ``ValueError`` to refuse the edit (the message is shown).
    """

    _esm = with_key_guard("highlighter.js")
    _css = _HERE / "highlighter.css"

    text = traitlets.Unicode("").tag(sync=True)
    labels = traitlets.List().tag(sync=True)
    spans = traitlets.List().tag(sync=True)
    reference = traitlets.List().tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)
    aria_label = traitlets.Unicode("Article text").tag(sync=True)

    def __init__(self, article_text: str, region: tuple[int, int] | None = None,
                 labels: Iterable[dict[str, Any]] = (),
                 on_change: Callable[[list[tuple[Span, str]]], Any] | None = None,
                 aria_label: str = "Mark passages in the article", **kwargs: Any) -> None:
        start, end = region or (0, len(article_text))
        self.article_text = article_text
        self.region_start, self.region_end = start, end
        self._pairs: list[tuple[Span, str]] = []
        self._on_change = on_change
        super().__init__(text=article_text[start:end], aria_label=aria_label,
                         labels=[{"id": str(lab["id"]), "text": str(lab["text"]), "index": i,
                                  "description": str(lab.get("description", ""))} for i, lab in enumerate(labels)],
                         **kwargs)
        self.on_msg(self._on_browser_msg)

    # ----- state ----------------------------------------------------------------------------
    @property
    def value(self) -> list[tuple[Span, str]]:
        """The marked spans as ``(Span, label)`` with offsets into the whole article."""
        return list(self._pairs)

    def set_value(self, pairs: Iterable[tuple[Span, str]]) -> None:
        """Show ``pairs`` (does not call ``on_change``)."""
        self._pairs = sorted(set(pairs), key=lambda p: (p[0].start, p[0].end, p[1]))
        self.spans = [self._to_front(span, label) for span, label in self._pairs]

    def show_reference(self, pairs: Iterable[tuple[Span, str | None]]) -> None:
        """Draw reference spans (practice mode's "show answer"); an empty list hides them."""
        self.reference = [self._to_front(span, label) for span, label in pairs
                          if self.region_start <= span.start and span.end <= self.region_end]

    def show_marks(self, marks: Iterable[tuple[Span, str | None, str]]) -> None:
        """Draw passages with a tag of their own, such as "found" or "missed" (the practice
        check), in the reference's style; the tag is written after each passage, so the
        marks never rest on colour alone.  An empty list hides them."""
        self.reference = [{**self._to_front(span, label), "tag": tag} for span, label, tag in marks
                          if self.region_start <= span.start and span.end <= self.region_end]

    def _to_front(self, span: Span, label: str | None) -> dict[str, Any]:
        region = self.text
        return {"start": span.start, "end": span.end, "text": span.text, "label": label,
                "start16": index_to_utf16(region, span.start - self.region_start),
                "end16": index_to_utf16(region, span.end - self.region_start)}

    # ----- edits (from the browser, or from Python) ------------------------------------------
    def add_utf16(self, start16: int, end16: int, label: str) -> Span:
        """Add the passage between two UTF-16 offsets of the shown text; returns its span."""
        a = utf16_to_index(self.text, int(start16))
        b = utf16_to_index(self.text, int(end16))
        a, b = min(a, b), max(a, b)
        while a < b and self.text[a].isspace():
            a += 1
        while b > a and self.text[b - 1].isspace():
            b -= 1
        if a >= b:
            raise ValueError("the selection holds no text; select some words")
        span = Span.of(self.article_text, self.region_start + a, self.region_start + b)
        self.add(span, label)
        return span

    def add(self, span: Span, label: str) -> None:
        self._commit([*self._pairs, (span, label)])

    def remove(self, index: int) -> None:
        pairs = list(self._pairs)
        del pairs[index]
        self._commit(pairs)

    def relabel(self, index: int, label: str) -> None:
        pairs = list(self._pairs)
        pairs[index] = (pairs[index][0], label)
        self._commit(pairs)

    def _commit(self, pairs: list[tuple[Span, str]]) -> None:
        known = {lab["id"] for lab in self.labels}
        for _, label in pairs:
            if label not in known:
                raise ValueError(f"{label!r} is not one of the labels {sorted(known)}")
        previous = self._pairs
        self.set_value(pairs)
        if self._on_change is not None:
            try:
                self._on_change(self.value)
            except ValueError:
                self.set_value(previous)
                raise

    def _on_browser_msg(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
        try:
            action = content.get("action")
            if action == "add":
                span = self.add_utf16(content["start"], content["end"], content["label"])
                self.message = f"Marked “{span.text}” as {self._label_text(content['label'])}."
            elif action == "remove":
                span = self._pairs[int(content["index"])][0]
                self.remove(int(content["index"]))
                self.message = f"Removed “{span.text}”."
            elif action == "relabel":
                self.relabel(int(content["index"]), content["label"])
                self.message = f"Label changed to {self._label_text(content['label'])}."
        except (ValueError, IndexError, KeyError, TypeError) as exc:
            self.message = f"Not marked: {exc}"

    def _label_text(self, label_id: str) -> str:
        for lab in self.labels:
            if lab["id"] == label_id:
                return str(lab["text"])
        return label_id
