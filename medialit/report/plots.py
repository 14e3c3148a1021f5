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
    """An empty figure of ``width`` x ``height`` inches, outside pyplot's figure list."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


def save_png(fig: Figure, path: Path) -> str:
    """Write ``fig`` to ``path`` as PNG and return the file name."""
    fig.savefig(path, dpi=DPI)
    return path.name


def difficulty_figure(assignment: str, rows: list[dict[str, Any]]) -> Figure:
    """Bars: the share of the points the class earned per graded cell; dots: the share with full marks."""
    fig = new_figure(max(6, 0.7 * len(rows)), 4)
    ax = fig.subplots()
    xs = range(len(rows))
    ax.bar(xs, [r["difficulty"] for r in rows], color="#4c78a8", label="share of points earned")
    ax.plot(xs, [r["full"] for r in rows], "o", color="#f58518", label="share with full marks")
    ax.set_xticks(list(xs), [r["grade_id"] for r in rows], rotation=45, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("share of the class")
    ax.set_title(f"{assignment}: difficulty per graded cell (1.0 = everyone right)")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def totals_figure(assignment: str, totals: list[float]) -> Figure:
    """Histogram of the students' total points."""
    fig = new_figure(6, 3.5)
    ax = fig.subplots()
    ax.hist(totals, bins=min(20, max(5, len(set(totals)))), color="#54a24b")
    ax.set_xlabel("total points")
    ax.set_ylabel("students")
    ax.set_title(f"{assignment}: totals of {len(totals)} students")
    fig.tight_layout()
    return fig


def agreement_figure(assignment: str, bars: list[tuple[str, dict[str, Any]]]) -> Figure:
    """Krippendorff's alpha per set: among the students, and each student against the reference (mean)."""
    fig = new_figure(max(6, 0.9 * len(bars)), 3.8)
    ax = fig.subplots()
    xs = list(range(len(bars)))
    ax.bar([x - 0.2 for x in xs], [v["alpha_among_students"] for _, v in bars], width=0.4,
           label="among students", color="#72b7b2")
    ax.bar([x + 0.2 for x in xs], [v["alpha_with_reference_mean"] or 0 for _, v in bars], width=0.4,
           label="student vs reference (mean)", color="#b279a2")
    ax.axhline(0.667, color="#888", lw=0.8, ls="--")
    ax.set_xticks(xs, [k for k, _ in bars], rotation=45, ha="right")
    ax.set_ylabel("Krippendorff's alpha")
    ax.set_title(f"{assignment}: agreement (dashed: 0.667, the usual floor for tentative conclusions)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig
