"""The class report's plots as matplotlib figures, and saving them as PNG.

Each ``*_figure`` function builds one figure from the report's data and returns it
unsaved, so a test can inspect where its parts are drawn; :func:`save_png` writes it.
Figures are made with :func:`new_figure` (a plain :class:`matplotlib.figure.Figure`, not
pyplot), so making a report neither switches matplotlib's backend nor leaves figures open
in a notebook that calls it.

Limits: figures are sized for a screen page (about 110 dpi); very many graded cells make
the difficulty and agreement plots wide rather than crowded.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DPI = 110


def new_figure(width: float, height: float) -> Figure:
    """An empty figure of ``width`` x ``height`` inches, outside pyplot's figure list.

    Its layout is matplotlib's constrained layout, which makes room for titles, tick labels
    and legends placed outside the plotting area, so none of them is cut off or drawn over
    the data.
    """
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def save_png(fig: Figure, path: Path) -> str:
    """Write ``fig`` to ``path`` as PNG and return the file name."""
    fig.savefig(path, dpi=DPI)
    return path.name


def _legend_above(ax: Any, ncols: int = 2) -> None:
    """The axes' legend in ``ncols`` columns above the plotting area (where it covers no data), bars first."""
    from matplotlib.container import BarContainer

    pairs = sorted(zip(*ax.get_legend_handles_labels(), strict=True), key=lambda p: not isinstance(p[0], BarContainer))
    ax.legend([h for h, _ in pairs], [label for _, label in pairs], loc="lower left", bbox_to_anchor=(0, 1.01),
              ncols=ncols, fontsize=8, frameon=False, borderaxespad=0)


def difficulty_figure(assignment: str, rows: list[dict[str, Any]]) -> Figure:
    """Bars: the share of the points the class earned per graded cell; dots: the share with full marks.

    The legend sits above the plotting area, so a low bar or dot at the right is never hidden.
    """
    fig = new_figure(max(6, 0.7 * len(rows)), 4.2)
    ax = fig.subplots()
    xs = range(len(rows))
    ax.bar(xs, [r["difficulty"] for r in rows], color="#4c78a8", label="share of points earned")
    ax.plot(xs, [r["full"] for r in rows], "o", color="#f58518", label="share with full marks")
    ax.set_xticks(list(xs), [r["grade_id"] for r in rows], rotation=45, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("share of the class")
    ax.set_title(f"{assignment}: difficulty per graded cell (1.0 = everyone right)", pad=22)
    _legend_above(ax)
    return fig


def totals_figure(assignment: str, totals: list[float], max_points: float | None = None) -> Figure:
    """Histogram of the students' total points (from 0 to ``max_points`` when given)."""
    fig = new_figure(6, 3.5)
    ax = fig.subplots()
    ax.hist(totals, bins=min(20, max(5, len(set(totals)))), color="#54a24b",
            range=(0, max_points) if max_points else None)
    ax.set_xlabel("total points" + (f" (of {max_points:g})" if max_points else ""))
    ax.set_ylabel("students")
    ax.set_title(f"{assignment}: totals of {len(totals)} graded students")
    return fig


#: Krippendorff's usual floor for tentative conclusions.
ALPHA_FLOOR = 0.667


def agreement_figure(assignment: str, bars: list[tuple[str, dict[str, Any]]]) -> Figure:
    """Krippendorff's alpha per set: among the students, and each student against the reference (mean).

    The dashed line (0.667) is explained in the legend, above the plotting area.
    """
    fig = new_figure(max(6, 0.9 * len(bars)), 4.2)
    ax = fig.subplots()
    xs = list(range(len(bars)))
    among = [v["alpha_among_students"] for _, v in bars]
    with_ref = [v["alpha_with_reference_mean"] or 0 for _, v in bars]
    ax.bar([x - 0.2 for x in xs], among, width=0.4, label="among students", color="#72b7b2")
    ax.bar([x + 0.2 for x in xs], with_ref, width=0.4, label="student vs reference (mean)", color="#b279a2")
    ax.axhline(ALPHA_FLOOR, color="#555", lw=0.9, ls="--", label=f"{ALPHA_FLOOR}: floor for tentative conclusions")
    ax.set_xticks(xs, [k for k, _ in bars], rotation=45, ha="right")
    ax.set_ylim(min(0.0, *among, *with_ref) - 0.02, 1.0)
    ax.set_ylabel("Krippendorff's alpha")
    ax.set_title(f"{assignment}: agreement (Krippendorff's alpha)", pad=34)
    _legend_above(ax)
    return fig


#: Colours of the lessons in the skills plot (repeated after eight lessons).
LESSON_COLOURS = ["#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e45756", "#72b7b2", "#9d755d", "#bab0ac"]


def skills_figure(title: str, rows: list[dict[str, Any]], lessons: list[str]) -> Figure:
    """Per skill, the share of the points the class earned in each lesson that practises it: one
    bar per lesson, in lesson order, labelled with its percentage (lessons without the skill
    get no bar and leave no gap)."""
    present = [[lesson for lesson in lessons if r.get(lesson) is not None] for r in rows]
    fig = new_figure(max(6.0, 0.55 * sum(len(p) for p in present) + 0.6 * len(rows)), 4.4)
    ax = fig.subplots()
    width = 0.8 / max(len(p) for p in present)
    labelled: set[str] = set()
    for k, (row, have) in enumerate(zip(rows, present, strict=True)):
        for n, lesson in enumerate(have):
            x = k + (n - (len(have) - 1) / 2) * width
            colour = LESSON_COLOURS[lessons.index(lesson) % len(LESSON_COLOURS)]
            bars = ax.bar([x], [row[lesson]], width=width * 0.95, color=colour,
                          label=None if lesson in labelled else lesson)
            labelled.add(lesson)
            ax.bar_label(bars, labels=[f"{row[lesson]:.0%}"], fontsize=8, padding=2)
    ax.set_xticks(range(len(rows)), [r["skill"] for r in rows])
    ax.set_ylim(0, 1.1)
    ax.set_ylabel("share of the points earned")
    ncols = min(len(lessons), 4)
    ax.set_title(title, pad=10 + 12 * -(-len(lessons) // ncols))
    handles, labels = ax.get_legend_handles_labels()
    order = sorted(range(len(labels)), key=lambda i: lessons.index(labels[i]))
    ax.legend([handles[i] for i in order], [labels[i] for i in order], loc="lower left", bbox_to_anchor=(0, 1.01),
              ncols=ncols, fontsize=8, frameon=False, borderaxespad=0)
    return fig


def _lowest_highest(pairs: list[tuple[str, float]]) -> str:
    low = min(pairs, key=lambda p: p[1])
    high = max(pairs, key=lambda p: p[1])
    return f"lowest {low[0]} ({low[1]:.0%}), highest {high[0]} ({high[1]:.0%})"


def difficulty_alt(rows: list[dict[str, Any]]) -> str:
    """What the difficulty plot shows, in words (its ``alt`` text)."""
    pairs = [(r["grade_id"], r["difficulty"]) for r in rows]
    return (f"Bar chart of the share of the points the class earned on each of {len(rows)} graded cells: "
            f"{_lowest_highest(pairs)}. Dots: the share of students with full marks.")


def totals_alt(totals: list[float], max_points: float | None) -> str:
    """What the totals histogram shows, in words."""
    ordered = sorted(totals)
    median = ordered[len(ordered) // 2]
    of = f" of {max_points:g}" if max_points else ""
    return (f"Histogram of the total points of {len(totals)} graded students{of}: from {ordered[0]:g} to "
            f"{ordered[-1]:g}, median {median:g}.")


def agreement_alt(bars: list[tuple[str, dict[str, Any]]]) -> str:
    """What the agreement plot shows, in words."""
    among = ", ".join(f"{k} {v['alpha_among_students']:.2f}" for k, v in bars)
    return (f"Bar chart of Krippendorff's alpha per question set, among the students: {among}; a second bar per "
            f"set shows each student against the reference (mean); a dashed line marks {ALPHA_FLOOR}.")


def skills_alt(rows: list[dict[str, Any]], lessons: list[str]) -> str:
    """What the skills plot shows, in words."""
    key = "all" if len(lessons) > 1 else lessons[0]
    pairs = [(r["skill"], r[key]) for r in rows if r.get(key) is not None]
    where = "over all lessons" if len(lessons) > 1 else f"in {lessons[0]}"
    return (f"Bar chart of the share of the points the class earned per skill, one bar per lesson; {where}: "
            + (_lowest_highest(pairs) if pairs else "no scores") + ".")
