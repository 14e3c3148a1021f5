"""A passage's text as a picture, each word shaded by the share of students who marked it.

:func:`text_heatmap_figure` lays the words out in lines (paragraph breaks kept), draws a
background behind each word from white (nobody) to dark red (everyone), underlines the
words of the reference, and adds a colour scale.  The words are measured with
matplotlib's own font metrics, so the lines fit the picture's width.

Limits: a word longer than a whole line is drawn on a line of its own and may run past
the right edge; a long passage makes a tall picture (about 0.3 inch per line).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from medialit.report.plots import new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Inches: the picture's width, its margins, the height of a line and the extra space between paragraphs.
WIDTH, MARGIN, LINE, PARAGRAPH = 9.0, 0.35, 0.3, 0.14
FONT_SIZE = 11
#: The colour of the underline marking the reference, and of the colour scale.
REFERENCE_COLOUR = "#1f4e79"
COLOURMAP = "Reds"
_TOKEN = re.compile(r"\S+|\n")


@dataclass
class Word:
    """One word as drawn: its text, the share of students who marked it, whether it is in the reference."""

    text: str
    share: float
    in_reference: bool


def words_of(text: str, start: int, end: int, marked_by: Sequence[int], answered: int,
             reference: Sequence[tuple[int, int]]) -> list[Word | None]:
    """The whitespace-separated words of ``text[start:end]`` (None for a line break).

    ``marked_by[i]`` is the number of students who marked character ``start + i``; a word's
    share is the largest over its characters, divided by ``answered``.
    """
    out: list[Word | None] = []
    for m in _TOKEN.finditer(text, start, end):
        if m.group() == "\n":
            out.append(None)
            continue
        a, b = m.start(), m.end()
        share = max(marked_by[a - start:b - start]) / answered if answered else 0.0
        in_ref = any(s < b and a < e for s, e in reference)
        out.append(Word(m.group(), share, in_ref))
    return out


def _text_colour(rgba: tuple[float, float, float, float]) -> str:
    """Black or white text, whichever contrasts more with the background ``rgba`` (WCAG luminance)."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(rgba[0]) + 0.7152 * channel(rgba[1]) + 0.0722 * channel(rgba[2])
    return "black" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "white"


def _layout(words: list[Word | None], width: float) -> list[list[tuple[Word, float, float]]]:
    """Lines of ``(word, x, word width)`` in inches from the left margin; an empty list is a paragraph gap."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    prop = FontProperties(size=FONT_SIZE)

    def measure(s: str) -> float:
        return text_to_path.get_text_width_height_descent(s, prop, ismath=False)[0] / 72

    space = measure("a b") - measure("ab")
    lines: list[list[tuple[Word, float, float]]] = [[]]
    x = 0.0
    breaks = 0
    for w in words:
        if w is None:
            breaks += 1
            if lines[-1]:
                lines.append([])
                x = 0.0
            elif breaks == 2:
                lines.append([])  # a blank line between paragraphs
            continue
        breaks = 0
        wide = measure(w.text)
        if lines[-1] and x + wide > width:
            lines.append([])
            x = 0.0
        lines[-1].append((w, x, wide))
        x += wide + space
    while lines and not lines[-1]:
        lines.pop()
    return lines


def text_heatmap_figure(title: str, words: list[Word | None], scale_label: str) -> Figure:
    """The words laid out as text, shaded by share, reference words underlined, with a colour scale."""
    import matplotlib
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    cmap = matplotlib.colormaps[COLOURMAP]
    lines = _layout(words, WIDTH - 2 * MARGIN)
    text_lines = sum(1 for line in lines if line)
    gaps = len(lines) - text_lines
    header, footer = 0.55, 0.95
    height = header + text_lines * LINE + gaps * PARAGRAPH + footer
    fig = new_figure(WIDTH, height)
    fig.set_layout_engine("none")  # the words are placed by hand, in inches
    fig.suptitle(title, x=MARGIN / WIDTH, y=1 - 0.15 / height, ha="left", va="top", fontsize=12)
    y = height - header
    for line in lines:
        if not line:
            y -= PARAGRAPH
            continue
        y -= LINE
        for w, x, wide in line:
            left = MARGIN + x
            colour = cmap(w.share)
            if w.share > 0:
                fig.add_artist(Rectangle(((left - 0.02) / WIDTH, (y - 0.07) / height), (wide + 0.04) / WIDTH,
                                         0.25 / height, transform=fig.transFigure, facecolor=colour, lw=0))
            fig.text(left / WIDTH, y / height, w.text, fontsize=FONT_SIZE, va="baseline",
                     color=_text_colour(colour) if w.share > 0 else "black")
            if w.in_reference:
                fig.add_artist(Line2D([left / WIDTH, (left + wide) / WIDTH], [(y - 0.06) / height] * 2,
                                      transform=fig.transFigure, color=REFERENCE_COLOUR, lw=2.2))
    # the key: a colour scale and a sample of the underline
    bar = fig.add_axes((MARGIN / WIDTH, 0.42 / height, 0.42, 0.14 / height))
    fig.colorbar(ScalarMappable(Normalize(0, 100), cmap), cax=bar, orientation="horizontal", format="%d%%")
    bar.tick_params(labelsize=8)
    bar.set_title(scale_label, fontsize=9, loc="left")
    key_x = MARGIN / WIDTH + 0.5
    fig.add_artist(Line2D([key_x, key_x + 0.05], [0.5 / height] * 2, transform=fig.transFigure,
                          color=REFERENCE_COLOUR, lw=2.2))
    fig.text(key_x + 0.06, 0.5 / height, "underlined: a passage of the reference", fontsize=9, va="center")
    return fig
