"""The review panel's keyboard: one Tab stop for the item list, single keys for a fast review.

:class:`ReviewKeys` is an invisible anywidget placed inside the review panel (a widget of
classes ``ml-keys`` and ``ml-review``); its browser side (``review_keys.js``, with the lesson
widgets' ``keys.js`` in front, see :mod:`medialit.lesson.widgets.access`) gives the rows
names and a roving focus and handles the keys listed in :data:`KEY_HELP`.  The keys stay
with the panel instead of running the notebook's commands ("d d" does not delete the cell).

The row of an item is an element of class ``ml-review-row`` and ``ml-item--<id>``; its
buttons have the classes ``ml-keep``, ``ml-edit`` and ``ml-drop``; the item editor's
buttons ``ml-apply``, ``ml-cancel`` and ``ml-add``, its label drop-down ``ml-label``; the editor
itself ``ml-review-editor``.  A press of Save changes or Add item reaches the kernel as a message
of this widget, ``{"action": "apply" | "add", "label": ...}``, with the label the browser shows:
ipywidgets may still hold the drop-down's last change when a button's click is sent.

Limits: works where anywidget renders (JupyterLab, Notebook 7, VS Code); elsewhere the
buttons still work with the mouse and Tab, one Tab stop per button.
"""

from __future__ import annotations

from pathlib import Path

import anywidget

from medialit.lesson.widgets import access

_HERE = Path(__file__).resolve().parent

#: The panel's help line: every key the item list answers to.
KEY_HELP = ("Keys in the item list: j or ↓ next item, k or ↑ previous item, ← → between Keep, Edit and Drop; "
            "Enter keeps the item (or presses the focused button) and moves on, e edits, d or Delete drops. "
            "In the editor, Escape cancels the edit. Tab leaves the list.")

#: The CSS class of the review panel (the root ``review_keys.js`` looks for).
PANEL_CLASS = "ml-review"


def row_class(item_id: str) -> str:
    """The CSS class that names an item's row (``ml-item--h3``); characters other than
    letters, digits, ``-`` and ``_`` become ``_``."""
    return "ml-item--" + "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in item_id)


class ReviewKeys(anywidget.AnyWidget):
    """Put one inside the review panel: see the module's docstring.  Shows nothing."""

    _esm = (Path(access.__file__).with_name("keys.js").read_text(encoding="utf-8") + "\n"
            + (_HERE / "review_keys.js").read_text(encoding="utf-8"))
    _css = ".ml-review-keys { display: none !important; }"
