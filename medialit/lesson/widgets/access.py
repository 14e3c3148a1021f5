"""Keyboard and screen-reader support for the widgets: keys stay with the focused control,
and groups of radio buttons and check boxes are named by the question's prompt.

In command mode, JupyterLab and Notebook 7 turn arrows and single letters into notebook
commands (the next cell, a raw cell...), also while a radio button or a drop-down in a
cell's output has the focus; ipywidgets' choice controls do not keep them, nor can they
be given a group role.  :class:`AccessBridge`, an invisible anywidget inside each question
widget and panel, does both in the browser (``keys.js`` and ``access.js``).

Escape, when no control uses it, moves the focus from the widget back to its cell (in
command mode): after the last widget, Tab would leave the notebook.

Limits: it works in front ends that run anywidget (JupyterLab, Notebook 7, VS Code); where
it does not render, the widgets still work, without these fixes.  Only elements inside a
widget of class ``ml-keys`` are touched; keys with Ctrl, Alt or Meta, Shift+Enter and Tab
always reach the notebook.
"""

from __future__ import annotations

from pathlib import Path

import anywidget

_HERE = Path(__file__).resolve().parent

#: The CSS class of a widget whose controls keep their keys (see ``keys.js``).
KEYS_CLASS = "ml-keys"


def with_key_guard(module: str) -> str:
    """The ES module ``module`` (a file next to this one) with ``keys.js`` in front of it."""
    return (_HERE / "keys.js").read_text(encoding="utf-8") + "\n" + (_HERE / module).read_text(encoding="utf-8")


class AccessBridge(anywidget.AnyWidget):
    """Put one inside a widget of class ``ml-keys``: see the module's docstring.  Shows nothing."""

    _esm = with_key_guard("access.js")
    _css = ".ml-access { display: none !important; }"
