"""The review panel: ipywidgets over :class:`~medialit.articles.review.DraftReview`.

One layer at a time: every item as a row (a tick to keep it, its spans quoted with the sentence
around them and the analyzers' reason (rule and confidence), its category
in a drop-down, a Remove button); below, the span highlighter with the layer's existing
spans drawn for reference, where the instructor marks the spans of a new item, picks its
category and presses "Add item".  "Save" writes ``reference.json``; "Accept article"
saves, validates and marks the article reviewed (as ``medialit article review --accept``).

Every change goes through :class:`DraftReview`, so an invalid edit is refused with its
reason in the status line and nothing is lost.  ipywidgets is imported when a panel is
built, never on ``import medialit``.

Limits: speaker names, source links and notes are edited in code
(``review.edit(id, speaker_name=..., note=...)``), not in the panel.
"""

from __future__ import annotations

import html
from typing import Any

from medialit.articles.review import DraftReview, ReviewError, accept_article
from medialit.core import layers

_UNSET = "(not set)"


def field_options(layer: str) -> list[str]:
    """The values the schema allows for the layer's label field (the row's drop-down), with
    "(not set)" first when items may go without one."""
    spec = layers.get(layer)
    values = layers.field_values(layer, spec.label_field or "")
    return ([_UNSET] if spec.label_optional else []) + values


class ReviewPanel:
    """Build with ``ReviewPanel(DraftReview(article_id))``; display ``panel.widget``."""

    def __init__(self, review: DraftReview, layer: str = "attributions", reviewer: str = "") -> None:
        import ipywidgets as w

        self.w = w
        self.review = review
        self.status = w.HTML()
        self.layer = w.Dropdown(options=self._layer_options(), value=layer, description="Layer")
        self.layer.observe(lambda _c: self.refresh(), names="value")
        self.rows = w.VBox()
        self.new_value = w.Dropdown(description="New item")
        self.add_button = w.Button(description="Add item", icon="plus")
        self.add_button.on_click(lambda _b: self.add_marked())
        self.save_button = w.Button(description="Save", icon="save", button_style="primary")
        self.save_button.on_click(lambda _b: self.save())
        self.reviewer = w.Text(value=reviewer, description="Reviewer", placeholder="your name")
        self.accept_button = w.Button(description="Accept article", icon="check", button_style="success")
        self.accept_button.on_click(lambda _b: self.accept_article())
        self.highlighter: Any = None
        self.add_box = w.VBox()
        self.widget = w.VBox([self.layer, self.rows, self.add_box,
                              w.HBox([self.save_button, self.reviewer, self.accept_button]), self.status])
        self.refresh()

    # -- building -------------------------------------------------------------------------
    def _layer_options(self) -> list[tuple[str, str]]:
        counts: dict[str, int] = {}
        for layer, _ in self.review.items():
            counts[layer] = counts.get(layer, 0) + 1
        return [(f"{layer.path} ({counts.get(layer.path, 0)})", layer.path) for layer in layers.SPAN_LAYERS]

    def _say(self, message: str, ok: bool = True) -> None:
        colour = "#1a7f37" if ok else "#b42318"
        self.status.value = f'<span style="color:{colour}">{html.escape(message)}</span>'

    def refresh(self) -> None:
        """Rebuild the rows and the add area for the selected layer."""
        if getattr(self, "_refreshing", False):
            return
        self._refreshing = True
        try:
            layer = self.layer.value
            self.layer.options = self._layer_options()  # the counts change
            self.layer.value = layer
            self._build_rows(layer)
        finally:
            self._refreshing = False

    def _build_rows(self, layer: str) -> None:
        w = self.w
        rows = []
        for lay, item in self.review.items():
            if lay == layer:
                rows.append(self._row(layer, item))
        self.rows.children = rows or [w.HTML("<i>No items in this layer.</i>")]
        self._build_add_area(layer)

    def _row(self, layer: str, item: dict[str, Any]) -> Any:
        from medialit.articles.review import _spans_text, draft_note

        w, item_id = self.w, item["id"]
        tick = w.Checkbox(value=item_id in self.review.accepted, description=item_id, indent=False,
                          layout=w.Layout(width="7em"))
        tick.observe(lambda c, i=item_id: self.set_accepted(i, c["new"]), names="value")
        why = draft_note(item)
        context = self.context(layer, item)
        text = w.HTML(html.escape(_spans_text(layer, item))
                      + (f"<br><small>{context}</small>" if context else "")
                      + (f"<br><small>why: {html.escape(why)}</small>" if why else ""), layout=w.Layout(width="60%"))
        field = layers.get(layer).label_field
        options = field_options(layer)
        choice = w.Dropdown(options=options, value=item.get(field, _UNSET) if item.get(field) in options else
                            options[0], layout=w.Layout(width="14em"))
        choice.observe(lambda c, i=item_id, f=field: self.set_field(i, f, c["new"]), names="value")
        remove = w.Button(description="Remove", icon="trash", layout=w.Layout(width="8em"))
        remove.on_click(lambda _b, i=item_id: self.remove(i))
        row = w.HBox([tick, text, choice, remove])
        row.item_id = item_id  # type: ignore[attr-defined]
        return row

    def context(self, layer: str, item: dict[str, Any]) -> str:
        """The sentence around the item's first span, as HTML with the item's spans in bold ("" for none)."""
        from medialit.course.build_quotes import sentence_bounds

        spans = sorted((v["start"], v["end"]) for role in layers.get(layer).roles
                       for v in layers.item_spans(item, layer, role.field))
        if not spans:
            return ""
        text = self.review.text
        lo, hi = sentence_bounds(text, spans[0][0], spans[0][1])
        out, pos = [], lo
        for start, end in spans:
            if start < pos or end > hi:
                continue
            out += [html.escape(text[pos:start]), f"<b>{html.escape(text[start:end])}</b>"]
            pos = end
        out.append(html.escape(text[pos:hi]))
        return "".join(out).replace("\n", " ")

    def _build_add_area(self, layer: str) -> None:
        from medialit.core.spans import Span
        from medialit.lesson.widgets.highlighter import SpanHighlighter

        roles = list(layers.get(layer).span_fields)
        labels = [{"id": r, "text": r} for r in roles]
        self.highlighter = SpanHighlighter(self.review.text, labels=labels,
                                           aria_label=f"Mark the spans of a new {layer} item")
        existing = []
        for lay, item in self.review.items():
            if lay != layer:
                continue
            for key in roles:
                for v in layers.item_spans(item, layer, key):
                    existing.append((Span(v["start"], v["end"], v["text"]), key))
        self.highlighter.show_reference(existing)
        self.new_value.options = field_options(layer)
        self.add_box.children = [self.w.HTML(f"<b>Add a {html.escape(layer)} item</b>: mark its "
                                             f"{', '.join(roles)} below, choose its {layers.get(layer).label_field}, "
                                             "then press Add item. Existing items are drawn for reference."),
                                 self.highlighter, self.w.HBox([self.new_value, self.add_button])]

    # -- actions (also callable from code) -----------------------------------------------
    def set_accepted(self, item_id: str, accepted: bool) -> None:
        if accepted:
            self.review.accept(item_id)
        else:
            self.review.unaccept(item_id)
        self._say(f"{item_id}: {'accepted' if accepted else 'not accepted'}; "
                  f"{len(self.review.pending())} item(s) still to check")

    def set_field(self, item_id: str, field: str, value: str) -> None:
        try:
            self.review.edit(item_id, **{field: ... if value == _UNSET else value})
        except (ReviewError, ValueError) as exc:
            self._say(f"{item_id} not changed: {exc}", ok=False)
            return
        self._say(f"{item_id}: {field} set to {value} (unsaved)")

    def remove(self, item_id: str) -> None:
        try:
            self.review.remove(item_id)
        except (ReviewError, ValueError) as exc:
            self._say(str(exc), ok=False)
            return
        self._say(f"{item_id} removed (unsaved)")
        self.refresh()

    def add_marked(self) -> dict[str, Any] | None:
        """Make a new item of the selected layer from the highlighter's marked spans."""
        layer = self.layer.value
        pairs = self.highlighter.value if self.highlighter is not None else []
        if not pairs:
            self._say("mark at least one span in the text first", ok=False)
            return None
        spec = layers.get(layer)
        list_fields = {r.field for r in spec.roles if r.is_list}
        fields: dict[str, Any] = {}
        for span, role in pairs:
            if role in list_fields:
                fields.setdefault(role, []).append(span)
            elif role in fields:
                self._say(f"mark only one {role} for a new item", ok=False)
                return None
            else:
                fields[role] = span
        value = self.new_value.value
        if value and value != _UNSET:
            fields[spec.label_field] = value
        if spec.linked:  # an attribution: spans not marked are null, the speaker's name is its text
            for name in spec.span_fields:
                if name != spec.marked_field:
                    fields.setdefault(name, None)
            if fields.get("speaker") is not None:
                fields["speaker_name"] = fields["speaker"].text
        for name, derived in spec.derived_fields(pairs[0][0].start, self.review.article.part_at).items():
            fields.setdefault(name, derived)
        try:
            item = self.review.add(layer, **fields)
        except (ReviewError, ValueError) as exc:
            self._say(f"not added: {exc}", ok=False)
            return None
        self._say(f"added {item['id']} (unsaved)")
        self.refresh()
        return item

    def save(self) -> None:
        try:
            path = self.review.save()
        except (ReviewError, ValueError) as exc:
            self._say(f"not saved: {exc}", ok=False)
            return
        self._say(f"saved {path}")

    def accept_article(self) -> None:
        pending = self.review.pending()
        if pending:
            self._say(f"{len(pending)} item(s) not ticked yet ({', '.join(pending[:8])}"
                      f"{'...' if len(pending) > 8 else ''}); tick or remove them first", ok=False)
            return
        try:
            self.review.save()
            done = accept_article(self.review.article.id, reviewer=self.reviewer.value.strip() or None)
        except (ReviewError, ValueError) as exc:
            self._say(str(exc), ok=False)
            return
        self._say("; ".join(done))
