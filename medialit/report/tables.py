"""HTML tables for the class report.

Tables have a ``<caption>`` when given one and column headers marked ``scope="col"``; with
``row_headers`` the first column's cells are row headers (``<th scope="row">``), so a
screen reader announces what each number is about.  Shares (keys named in ``percent``) are
shown as percentages.
"""

from __future__ import annotations

import html
from collections.abc import Collection
from typing import Any


def _fmt(v: Any, percent: bool = False) -> str:
    if v is None:
        return "–"
    if percent and isinstance(v, (int, float)):
        return f"{v:.0%}"
    if isinstance(v, float):
        return f"{v:.3g}" if abs(v) < 1 else f"{v:g}"
    if isinstance(v, (list, tuple)):
        return "<br>".join(html.escape(str(x)) for x in v)
    return html.escape(str(v))


def html_table(rows: list[dict[str, Any]], columns: list[tuple[str, str]], caption: str | None = None,
               row_headers: bool = False, percent: Collection[str] = ()) -> str:
    """A table of ``rows`` with ``columns`` as ``(key, heading)``; a missing value shows as a dash,
    a list as one item a line."""
    head = "".join(f'<th scope="col">{html.escape(t)}</th>' for _, t in columns)
    body = []
    for r in rows:
        cells = []
        for n, (k, _) in enumerate(columns):
            tag = "th" if row_headers and n == 0 else "td"
            scope = ' scope="row"' if tag == "th" else ""
            cells.append(f"<{tag}{scope}>{_fmt(r.get(k), k in percent)}</{tag}>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
