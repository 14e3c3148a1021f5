"""The report's PNG plots: every part drawn inside the picture, nothing covering the data.

The figures are drawn with the Agg renderer and the positions of their parts compared in
pixels, as a reader of the PNG would see them.
"""

from __future__ import annotations

import re

import pytest

from medialit.report.plots import agreement_figure, difficulty_figure

pytest.importorskip("matplotlib")


def drawn(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def inside(box, outer, slack=1.0) -> bool:
    return (box.x0 >= outer.x0 - slack and box.y0 >= outer.y0 - slack
            and box.x1 <= outer.x1 + slack and box.y1 <= outer.y1 + slack)


def overlaps(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def visible_texts(fig):
    from matplotlib.text import Text

    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def assert_every_text_inside(fig, renderer):
    """Everything drawn (titles, labels, tick labels in view, legends) lies inside the picture."""
    page = fig.bbox
    for ax in fig.axes:
        if ax.get_title():
            box = ax.title.get_window_extent(renderer)
            assert inside(box, page), f"the title {ax.get_title()!r} is cut off: {box} outside {page}"
        box = ax.get_tightbbox(renderer)
        assert inside(box, page), f"part of {ax.get_title() or 'a plot'!r} is cut off: {box} outside {page}"
    for artist in [*fig.legends, *fig.texts]:
        box = artist.get_window_extent(renderer)
        assert inside(box, page), f"{artist} is cut off: {box} outside {page}"


#: A lesson's difficulty rows: the last cell (a written answer nobody has been given points for yet) is at 0.
ROWS = [{"grade_id": gid, "difficulty": d, "full": f} for gid, d, f in [
    ("l3-liu", 0.36, 0.10), ("l3-holders", 0.54, 0.16), ("l3-claims", 0.48, 0.19), ("l3-rate-liu", 0.53, 0.29),
    ("l3-boosters", 0.41, 0.21), ("l3-reflection", 0.0, 0.0)]]


def test_difficulty_legend_covers_no_bar_or_dot():
    fig = difficulty_figure("03-hedges", ROWS)
    renderer = drawn(fig)
    ax = fig.axes[0]
    legend = (ax.get_legend() or fig.legends[0]).get_window_extent(renderer)
    # outside the plotting area, so no bar or dot (however high or low) can be under it
    assert not overlaps(legend, ax.get_window_extent(renderer)), "the legend lies over the bars"
    assert inside(legend, fig.bbox)
    assert_every_text_inside(fig, renderer)


def test_difficulty_legend_stays_clear_with_full_bars():
    rows = [{"grade_id": f"q{i}", "difficulty": 1.0, "full": 1.0} for i in range(3)]
    fig = difficulty_figure("a", rows)
    renderer = drawn(fig)
    ax = fig.axes[0]
    legend = (ax.get_legend() or fig.legends[0]).get_window_extent(renderer)
    assert not overlaps(legend, ax.get_window_extent(renderer))


def test_agreement_title_is_not_cut_off():
    bars = [(k, {"alpha_among_students": a, "alpha_with_reference_mean": r}) for k, a, r in [
        ("l3-liu", 0.17, 0.41), ("l3-holders", 0.13, 0.37), ("l3-claims", 0.17, 0.43), ("choices", 0.23, 0.5)]]
    fig = agreement_figure("03-hedges", bars)
    renderer = drawn(fig)
    assert_every_text_inside(fig, renderer)
    title = " ".join(t.get_text() for t in visible_texts(fig))
    assert "0.667" in title  # the dashed line is still explained
    ax = fig.axes[0]
    legend = (ax.get_legend() or fig.legends[0]).get_window_extent(renderer)
    assert not overlaps(legend, ax.get_window_extent(renderer)), "the legend lies over the bars"


def test_heatmap_shows_the_words_of_the_passage():
    from medialit.questions import find_question
    from medialit.report.span_report import heatmap_figure

    q = find_question("l3-liu")
    lo, hi = q.region_bounds()
    text = q.article.text
    probably = text.index("probably", lo)
    coverage = [0] * (hi - lo)
    for c in range(probably, probably + len("probably")):
        coverage[c - lo] = 3
    sa = {"region": [lo, hi], "answered": 4, "coverage": coverage,
          "reference": [{"start": s.start, "end": s.end} for s, _, _ in q.key_spans()]}
    fig = heatmap_figure("l3-liu", text, sa)
    renderer = drawn(fig)
    shown = [t.get_text() for t in visible_texts(fig)]
    words = " ".join(shown)
    for word in ("Liu", "probably", "could", "conflict", "positions"):
        assert word in words, f"{word!r} is not shown in the heatmap"
    for ax in fig.axes:
        if ax.axison:
            ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
            assert not [t for t in ticks if re.fullmatch(r"[-−]?\d+", t)], f"the heatmap shows word indices {ticks}"
    assert_every_text_inside(fig, renderer)
