"""The review panel: ipywidgets over :class:`~medialit.articles.review.DraftReview`.

One layer at a time: every item as a row (its spans quoted with the sentence around them and
the analyzers' reason, rule and confidence, then three buttons): **Keep** marks the item
checked as it is (pressed again, it takes the mark back), **Edit** opens its spans and label
in the editor below the rows, **Drop** deletes it.  The editor is the span highlighter with
the layer's other items drawn for reference: to edit, change the marked spans and the label,
then "Save changes" (or "Cancel"); otherwise mark the spans of a missing item, pick its label
and press "Add item".  "Save" writes ``reference.json``; "Accept article" saves, validates and
marks the article reviewed (as ``medialit article review --accept``).

The keyboard: the item list is one Tab stop; j/k (or the arrows) go from item to item,
Enter keeps, e edits, d or Delete drops (see :mod:`medialit.articles.review_keys`, whose
:data:`~medialit.articles.review_keys.KEY_HELP` is the panel's help line).

Every change goes through :class:`DraftReview`, so an invalid edit is refused with its
reason in the status line and nothing is lost; the checks are saved with the items
(``draft.reviewed``) as before.  ipywidgets is imported when a panel is built, never on
``import medialit``.

Limits: speaker names, source links and notes are edited in code
(``review.edit(id, speaker_name=..., note=...)``), not in the panel; an edit recomputes no
derived field (a frame's scope).
"""

from __future__ import annotations

import html
from typing import Any

from medialit.articles.review import DraftReview, ReviewError, accept_article
from medialit.articles.review_keys import KEY_HELP, PANEL_CLASS, ReviewKeys, row_class
from medialit.articles.review_marks import UNSET, MarkError, field_options, fields_from_marks, item_marks
from medialit.core import layers

__all__ = ["ReviewPanel", "field_options"]


class ReviewPanel:
    """Build with ``ReviewPanel(DraftReview(article_id))``; display ``panel.widget``."""

    def __init__(self, review: DraftReview, layer: str = "attributions", reviewer: str = "") -> None:
        import ipywidgets as w

        from medialit.lesson.widgets.access import KEYS_CLASS

        self.w = w
        self.review = review
        self.editing: str | None = None
        self.status = w.HTML()
        self.help = w.HTML(f"<small>{html.escape(KEY_HELP)}</small>")
        self.layer = w.Dropdown(options=self._layer_options(), value=layer, description="Layer")
        self.layer.observe(lambda _c: self.refresh(), names="value")
        self.rows = w.VBox()
        self.rows.add_class("ml-review-rows")
        self.new_value = w.Dropdown(description="Label")
        self.new_value.add_class("ml-label")
        self.add_button = w.Button(description="Add item", icon="plus")
        self.add_button.add_class("ml-add")
        self.add_button.on_click(lambda _b: self.add_marked())
        self.apply_button = w.Button(description="Save changes", icon="check", button_style="primary",
                                     layout=w.Layout(display="none"))
        self.apply_button.add_class("ml-apply")
        self.apply_button.on_click(lambda _b: self.apply_edit())
        self.cancel_button = w.Button(description="Cancel", layout=w.Layout(display="none"))
        self.cancel_button.add_class("ml-cancel")
        self.cancel_button.on_click(lambda _b: self.cancel_edit())
        self.save_button = w.Button(description="Save", icon="save", button_style="primary")
        self.save_button.on_click(lambda _b: self.save())
        self.reviewer = w.Text(value=reviewer, description="Reviewer", placeholder="your name")
        self.accept_button = w.Button(description="Accept article", icon="check", button_style="success")
        self.accept_button.on_click(lambda _b: self.accept_article())
        self.highlighter: Any = None
        self._highlighter_layer: str | None = None
        self.editor_title = w.HTML()
        self.add_box = w.VBox()
        self.add_box.add_class("ml-review-editor")
        self.keys = ReviewKeys()
        self.keys.on_msg(self._on_keys_msg)
        self.widget = w.VBox([self.layer, self.help, self.rows, self.add_box,
                              w.HBox([self.save_button, self.reviewer, self.accept_button]), self.status,
                              self.keys])
        self.widget.add_class(KEYS_CLASS)
        self.widget.add_class(PANEL_CLASS)
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

    def _update_counts(self) -> None:
        self._refreshing = True
        try:
            layer = self.layer.value
            self.layer.options = self._layer_options()
            self.layer.value = layer
        finally:
            self._refreshing = False

    def refresh(self) -> None:
        """Rebuild the rows and the editor for the selected layer (an open edit is cancelled)."""
        if getattr(self, "_refreshing", False):
            return
        self._update_counts()
        self.editing = None
        layer = self.layer.value
        rows = [self._row(layer, item) for lay, item in self.review.items() if lay == layer]
        self.rows.children = rows or [self.w.HTML("<i>No items in this layer.</i>")]
        self._build_editor(layer)

    def _row(self, layer: str, item: dict[str, Any]) -> Any:
        from medialit.articles.review import _spans_text, draft_note

        w, item_id = self.w, item["id"]
        why = draft_note(item)
        context = self.context(layer, item)
        field = layers.get(layer).label_field
        label = f" · {field}: {html.escape(str(item[field]))}" if field and item.get(field) else ""
        text = w.HTML(f"<b>{html.escape(item_id)}</b>{label} · {html.escape(_spans_text(layer, item))}"
                      + (f"<br><small>{context}</small>" if context else "")
                      + (f"<br><small>why: {html.escape(why)}</small>" if why else ""), layout=w.Layout(width="70%"))
        keep = w.Button(layout=w.Layout(width="7em"))
        keep.on_click(lambda _b, i=item_id: self.keep(i))
        edit = w.Button(description="Edit", icon="pencil", layout=w.Layout(width="6em"))
        edit.on_click(lambda _b, i=item_id: self.edit_item(i))
        drop = w.Button(description="Drop", icon="trash", layout=w.Layout(width="6em"))
        drop.on_click(lambda _b, i=item_id: self.drop(i))
        for button, name in ((keep, "ml-keep"), (edit, "ml-edit"), (drop, "ml-drop")):
            button.add_class("ml-act")
            button.add_class(name)
        row = w.HBox([text, keep, edit, drop])
        row.add_class("ml-review-row")
        row.add_class(row_class(item_id))
        row.item_id = item_id  # type: ignore[attr-defined]
        row.keep_button = keep  # type: ignore[attr-defined]
        self._show_kept(row)
        return row

    def _show_kept(self, row: Any) -> None:
        kept = row.item_id in self.review.accepted
        button = row.keep_button
        button.description, button.icon = ("Kept", "check") if kept else ("Keep", "")
        button.button_style = "success" if kept else ""
        (button.add_class if kept else button.remove_class)("ml-on")

    def row(self, item_id: str) -> Any:
        """The row widget of an item of the shown layer (``KeyError`` when it is not shown)."""
        for row in self.rows.children:
            if getattr(row, "item_id", None) == item_id:
                return row
        raise KeyError(f"{item_id!r} is not a row of layer {self.layer.value!r}")

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

    def _build_editor(self, layer: str) -> None:
        from medialit.lesson.widgets.highlighter import SpanHighlighter

        roles = list(layers.get(layer).span_fields)
        if self._highlighter_layer != layer:
            self.highlighter = SpanHighlighter(self.review.text, labels=[{"id": r, "text": r} for r in roles],
                                               aria_label=f"Mark the spans of a {layer} item")
            self._highlighter_layer = layer
        self.highlighter.set_value([])
        self._draw_reference()
        self.new_value.options = field_options(layer)
        self._show_editor_mode()
        self.add_box.children = [self.editor_title, self.highlighter,
                                 self.w.HBox([self.new_value, self.add_button, self.apply_button,
                                              self.cancel_button])]

    def _draw_reference(self) -> None:
        layer = self.layer.value
        self.highlighter.show_reference([pair for lay, item in self.review.items()
                                         if lay == layer and item["id"] != self.editing
                                         for pair in item_marks(layer, item)])

    def _show_editor_mode(self) -> None:
        layer = self.layer.value
        spec = layers.get(layer)
        roles = ", ".join(spec.span_fields)
        if self.editing:
            self.editor_title.value = (f"<b>Edit {html.escape(self.editing)}</b>: change its marked {roles} "
                                       f"below and its {spec.label_field}, then press Save changes "
                                       "(Cancel or Escape leaves it as it was).")
        else:
            self.editor_title.value = (f"<b>Add a {html.escape(layer)} item</b>: mark its {roles} below, choose "
                                       f"its {spec.label_field}, then press Add item. The other items are drawn "
                                       "for reference.")
        self.add_button.layout.display = "none" if self.editing else None
        self.apply_button.layout.display = None if self.editing else "none"
        self.cancel_button.layout.display = None if self.editing else "none"

    def _on_keys_msg(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
        """Save changes or Add item pressed in the browser, with the label shown there (see
        :mod:`medialit.articles.review_keys`: the drop-down's own update may come later)."""
        label = content.get("label")
        if label in self.new_value.options:
            self.new_value.value = label
        if content.get("action") == "apply":
            self.apply_edit()
        elif content.get("action") == "add":
            self.add_marked()

    # -- actions (also callable from code) -----------------------------------------------
    def keep(self, item_id: str) -> None:
        """Mark an item checked as it is; for an item already kept, take the mark back."""
        self.set_accepted(item_id, item_id not in self.review.accepted)

    def set_accepted(self, item_id: str, accepted: bool) -> None:
        if accepted:
            self.review.accept(item_id)
        else:
            self.review.unaccept(item_id)
        try:
            self._show_kept(self.row(item_id))
        except KeyError:
            pass
        self._say(f"{item_id}: {'kept' if accepted else 'not kept'}; "
                  f"{len(self.review.pending())} item(s) still to check")

    def edit_item(self, item_id: str) -> None:
        """Open an item in the editor: its spans marked in the highlighter, its label chosen."""
        layer, item = self.review.find(item_id)
        if layer != self.layer.value:
            self.layer.value = layer
        self.editing = item_id
        self.highlighter.set_value(item_marks(layer, item))
        field = layers.get(layer).label_field
        options = list(self.new_value.options)
        self.new_value.value = item.get(field) if item.get(field) in options else options[0]
        self._draw_reference()
        self._show_editor_mode()
        self._say(f"editing {item_id}: change its spans or {field}, then Save changes")

    def apply_edit(self) -> dict[str, Any] | None:
        """Write the editor's spans and label into the item being edited (checked afterwards)."""
        item_id = self.editing
        if item_id is None:
            self._say("no item is being edited; press Edit in an item's row first", ok=False)
            return None
        layer, item = self.review.find(item_id)
        try:
            fields = fields_from_marks(layer, self.highlighter.value, self.new_value.value,
                                       self.review.article.part_at, item=item)
            changed = self.review.edit(item_id, **fields)
        except (MarkError, ReviewError, ValueError) as exc:
            self._say(f"{item_id} not changed: {exc}", ok=False)
            return None
        self._replace_row(item_id, self._row(layer, changed))
        self.cancel_edit(quiet=True)
        self._say(f"{item_id} changed and kept (unsaved); {len(self.review.pending())} item(s) still to check")
        return changed

    def cancel_edit(self, quiet: bool = False) -> None:
        """Close the editor without changing the item."""
        was, self.editing = self.editing, None
        self.highlighter.set_value([])
        self._draw_reference()
        self._show_editor_mode()
        if was and not quiet:
            self._say(f"{was}: edit cancelled")

    def _replace_row(self, item_id: str, new_row: Any) -> None:
        self.rows.children = [new_row if getattr(r, "item_id", None) == item_id else r for r in self.rows.children]

    def set_field(self, item_id: str, field: str, value: str) -> None:
        """Set one field of an item (``"(not set)"`` removes it)."""
        try:
            self.review.edit(item_id, **{field: ... if value == UNSET else value})
        except (ReviewError, ValueError) as exc:
            self._say(f"{item_id} not changed: {exc}", ok=False)
            return
        self._say(f"{item_id}: {field} set to {value} (unsaved)")

    def drop(self, item_id: str) -> None:
        """Delete an item; only its row is taken away."""
        try:
            self.review.remove(item_id)
        except (ReviewError, ValueError) as exc:
            self._say(str(exc), ok=False)
            return
        if self.editing == item_id:
            self.cancel_edit(quiet=True)
        left = [r for r in self.rows.children if getattr(r, "item_id", None) != item_id]
        self.rows.children = left or [self.w.HTML("<i>No items in this layer.</i>")]
        self._update_counts()
        self._draw_reference()
        self._say(f"{item_id} dropped (unsaved); {len(self.review.pending())} item(s) still to check")

    remove = drop

    def add_marked(self) -> dict[str, Any] | None:
        """Make a new item of the selected layer from the highlighter's marked spans."""
        layer = self.layer.value
        pairs = self.highlighter.value if self.highlighter is not None else []
        try:
            fields = fields_from_marks(layer, pairs, self.new_value.value, self.review.article.part_at)
            item = self.review.add(layer, **fields)
        except (MarkError, ReviewError, ValueError) as exc:
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
            self._say(f"{len(pending)} item(s) not reviewed yet ({', '.join(pending[:8])}"
                      f"{'...' if len(pending) > 8 else ''}); keep, edit or drop them first", ok=False)
            return
        try:
            self.review.save()
            done = accept_article(self.review.article.id, reviewer=self.reviewer.value.strip() or None)
        except (ReviewError, ValueError) as exc:
            self._say(str(exc), ok=False)
            return
        self._say("; ".join(done))
