"""The HTML page of a report: landmarks, a table of contents, sections and figures.

Every part of the page is inside a landmark (``header``, ``nav``, ``main``), each section
has a heading the contents link to, and every figure's image has an ``alt`` text that says
what the plot shows (written from the data by the caller), so the page works with a screen
reader and passes axe-core's WCAG 2.1 AA checks (tested in a real Chromium).
"""

from __future__ import annotations

import html

STYLE = ("body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;line-height:1.45;"
         "color:#1a1a1a;background:#fff}"
         "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #bbb;padding:.25em .5em;"
         "text-align:left;vertical-align:top}thead th{background:#f0f0f0}caption{text-align:left;font-weight:600;"
         "padding:.3em 0}img{max-width:100%;display:block}figure{margin:1em 0}figcaption{font-size:.9em;"
         "color:#444}nav ul{padding-left:1.2em;margin:.3em 0}nav li{display:inline;margin-right:1.2em}"
         ".heat{white-space:pre-wrap;border:1px solid #ccc;padding:1em;font-size:.95em}"
         ".reteach>li{margin-bottom:1em}.reteach blockquote{margin:.3em 0 .3em 1em;padding-left:.8em;"
         "border-left:3px solid #4c78a8;color:#333}.rule{background:#f6f6f6;padding:.5em .8em;"
         "border-left:3px solid #888}")


def esc(text: object) -> str:
    return html.escape(str(text))


def section(anchor: str, heading: str, *parts: str) -> str:
    """``<section>`` headed by an ``<h2>`` with id ``anchor`` (the table of contents links to it)."""
    return (f'<section aria-labelledby="{esc(anchor)}"><h2 id="{esc(anchor)}">{esc(heading)}</h2>'
            + "".join(parts) + "</section>")


def figure(src: str, alt: str, caption: str | None = None) -> str:
    """An image with its ``alt`` text and an optional visible caption."""
    cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return f'<figure><img src="{esc(src)}" alt="{esc(alt)}">{cap}</figure>'


def page(title: str, intro: str, contents: list[tuple[str, str]], body: list[str]) -> str:
    """The whole document: ``title`` as ``<h1>`` and ``intro`` in the header, ``contents``
    (``(anchor, heading)``) as the navigation, ``body`` (sections) in ``<main>``."""
    nav = "".join(f'<li><a href="#{esc(a)}">{esc(h)}</a></li>' for a, h in contents)
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{STYLE}</style></head><body>"
            f"<header><h1>{esc(title)}</h1>{intro}</header>"
            f'<nav aria-label="Sections of this report"><ul>{nav}</ul></nav>'
            f"<main>{''.join(body)}</main></body></html>\n")
