"""The class report's view of a spans question: passages found and missed, and a heatmap.

:func:`span_analysis` gives each reference passage's hit rate (the share of answering
students who marked a matching span, by :func:`medialit.core.spans.match_spans`), the
passages most often marked that are not in the reference, and how many students covered
each character of the question's region (the heatmap).  :class:`SpanReport` is what the
``spans`` question type hands the report (:meth:`QuestionType.report_view`).

Limits: wrongly marked passages are grouped after trimming them to whole words, so marks
that differ only in punctuation count as one passage.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from medialit.core.spans import match_spans
from medialit.report.tables import html_table

_WORD = re.compile(r"\w+")


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """A span trimmed to its first and last word (so near-identical marks group together)."""
    words = list(_WORD.finditer(text, start, end))
    return (words[0].start(), words[-1].end()) if words else (start, end)


def span_analysis(data: Any, qid: str, top: int = 10) -> dict[str, Any]:
    """Hit rates of the reference passages, the passages most often marked wrongly, the heatmap.

    ``data`` is the class's :class:`~medialit.report.class_report.ClassData`.
    """
    q = data.questions[qid]
    text = q.article.text
    refs = q.key_spans()
    lo, hi = q.region_bounds()
    answered = [s for s in data.students if qid in data.answers[s]]
    hits = [0] * len(refs)
    relabelled = [0] * len(refs)
    wrong: dict[tuple[int, int], set[str]] = {}
    coverage = [0] * (hi - lo)
    for s in answered:
        preds = q.answer_spans(data.answers[s][qid])
        pairs = match_spans(text, [p[0] for p in preds], [r[0] for r in refs])
        for i, j in pairs:
            hits[j] += 1
            if len(q.label_ids) > 1 and preds[i][1] != refs[j][1]:
                relabelled[j] += 1
        matched = {i for i, _ in pairs}
        covered: set[int] = set()
        for k, (span, _label) in enumerate(preds):
            if k not in matched:
                wrong.setdefault(_snap(text, span.start, span.end), set()).add(s)
            covered.update(range(max(lo, span.start), min(hi, span.end)))
        for c in covered:
            coverage[c - lo] += 1
    n = len(answered)
    ref_rows = [{"start": r[0].start, "end": r[0].end, "text": r[0].text, "label": r[1],
                 "hit_rate": round(hits[j] / n, 3) if n else None,
                 "relabelled": round(relabelled[j] / n, 3) if n else None} for j, r in enumerate(refs)]
    wrong_rows = sorted(({"start": a, "end": b, "text": text[a:b], "students": len(who),
                          "share": round(len(who) / n, 3) if n else None} for (a, b), who in wrong.items()),
                        key=lambda r: (-r["students"], r["start"]))[:top]
    return {"question": qid, "answered": n, "region": [lo, hi], "reference": ref_rows,
            "most_missed": sorted(ref_rows, key=lambda r: (r["hit_rate"] if r["hit_rate"] is not None else 1,
                                                           r["start"]))[:top],
            "most_wrongly_marked": wrong_rows, "coverage": coverage}


def heatmap_html(text: str, sa: dict[str, Any]) -> str:
    """The question's text with each character shaded by the share of students who marked it;
    reference passages underlined."""
    lo, hi = sa["region"]
    n = max(1, sa["answered"])
    ref = [False] * (hi - lo)
    for r in sa["reference"]:
        for c in range(max(lo, r["start"]), min(hi, r["end"])):
            ref[c - lo] = True
    out, i = [], lo
    while i < hi:
        share = round(sa["coverage"][i - lo] / n, 1)
        is_ref = ref[i - lo]
        j = i
        while j < hi and round(sa["coverage"][j - lo] / n, 1) == share and ref[j - lo] == is_ref:
            j += 1
        style = f"background: rgba(228, 87, 86, {share:.1f});"
        if is_ref:
            style += " border-bottom: 2px solid #1f4e79;"
        title = f"marked by {round(100 * share)}% of students" + (", in the reference" if is_ref else "")
        out.append(f'<span style="{style}" title="{title}">{html.escape(text[i:j])}</span>')
        i = j
    return '<div class="heat">' + "".join(out) + "</div>"


def heatmap_figure(qid: str, text: str, sa: dict[str, Any]) -> Any:
    """Per word of the question's text, the share of students who marked it (None when nobody answered)."""
    from medialit.report.plots import new_figure

    lo, hi = sa["region"]
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, lo, hi)]
    if not words or not sa["answered"]:
        return None
    shares = [max(sa["coverage"][a - lo:b - lo]) / sa["answered"] for a, b in words]
    in_ref = [any(r["start"] <= a and b <= r["end"] for r in sa["reference"]) for a, b in words]
    fig = new_figure(min(18, max(8, len(words) * 0.06)), 2.8)
    ax = fig.subplots()
    ax.bar(range(len(words)), [1.0 if r else 0 for r in in_ref], width=1.0, color="#dddddd",
           label="reference passage")
    ax.bar(range(len(words)), shares, width=1.0, color="#e45756", alpha=0.85, label="share of students")
    ax.set_xlim(-0.5, len(words) - 0.5)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("words of the question's text, in order")
    ax.set_ylabel("marked by")
    ax.set_title(f"{qid}: student highlights against the reference ({sa['answered']} students)")
    ax.legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    return fig


class SpanReport:
    """The report's detailed view of one spans question (see the module docstring)."""

    def analyse(self, data: Any, qid: str) -> dict[str, Any]:
        return span_analysis(data, qid)

    def summary(self, analysis: dict[str, Any]) -> dict[str, Any]:
        """What ``report.json`` keeps of an analysis (all but the per-character coverage)."""
        return {k: v for k, v in analysis.items() if k != "coverage"}

    def plots(self, data: Any, qid: str, sa: dict[str, Any], out: Path) -> list[str]:
        """``heatmap-<qid>.png`` (see :func:`heatmap_figure`); none when nobody answered."""
        from medialit.report.plots import save_png

        fig = heatmap_figure(qid, data.questions[qid].article.text, sa)
        return [] if fig is None else [save_png(fig, out / f"heatmap-{qid}.png")]

    def html(self, data: Any, qid: str, sa: dict[str, Any], images: list[str]) -> str:
        """The question's section of ``index.html``: the tables of passages and the heatmap."""
        q = data.questions[qid]
        parts = [f"<h2>{html.escape(qid)}: {html.escape(q.prompt)}</h2>",
                 f"<p>{sa['answered']} students answered.</p>",
                 "<h3>Reference passages most often missed</h3>" + html_table(sa["most_missed"], [
                     ("text", "passage"), ("label", "label"), ("hit_rate", "found by"),
                     ("relabelled", "found, other label")]),
                 "<h3>Passages most often marked that are not in the reference</h3>" + html_table(
                     sa["most_wrongly_marked"], [("text", "passage"), ("students", "students"), ("share", "share")])]
        if f"heatmap-{qid}.png" in images:
            parts.append(f'<img src="heatmap-{qid}.png" alt="heatmap of {html.escape(qid)}">')
        parts.append("<h3>Heatmap (darker = marked by more students; underlined = reference)</h3>")
        parts.append(heatmap_html(q.article.text, sa))
        return "".join(parts)
