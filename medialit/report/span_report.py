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
from pathlib import Path
from typing import Any

from medialit.core.spans import match_spans
from medialit.questions.types.spans import snap_to_words
from medialit.report.page import figure
from medialit.report.tables import html_table


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
                wrong.setdefault(snap_to_words(text, span.start, span.end), set()).add(s)
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
            "most_missed": sorted((r for r in ref_rows if r["hit_rate"] is not None and r["hit_rate"] < 1),
                                  key=lambda r: (r["hit_rate"], r["start"]))[:top],
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
    """The question's text with each word shaded by the share of students who marked it and the
    reference underlined (:mod:`medialit.report.text_heatmap`); None when nobody answered."""
    from medialit.report.text_heatmap import text_heatmap_figure, words_of

    lo, hi = sa["region"]
    if not sa["answered"] or not text[lo:hi].strip():
        return None
    words = words_of(text, lo, hi, sa["coverage"], sa["answered"], [(r["start"], r["end"]) for r in sa["reference"]])
    return text_heatmap_figure(f"{qid}: what {sa['answered']} students marked", words,
                               "share of the students who marked the word")

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

    def heading(self, qid: str) -> tuple[str, str]:
        """``(anchor, title)`` of the question's section, for the report's table of contents."""
        return f"question-{qid}", f"{qid}: passages found and missed"

    def html(self, data: Any, qid: str, sa: dict[str, Any], images: list[str]) -> str:
        """The question's section of ``index.html``: the tables of passages and the heatmap."""
        q = data.questions[qid]
        anchor, _ = self.heading(qid)
        n = sa["answered"]
        if sa["most_missed"]:
            missed = html_table(sa["most_missed"], [("text", "passage"), ("label", "label"),
                                                    ("hit_rate", "found by"), ("relabelled", "found, other label")],
                                caption="Reference passages at least one student missed, least found first",
                                row_headers=True, percent={"hit_rate", "relabelled"})
        else:
            missed = f"<p>Every one of the {n} students who answered found every reference passage.</p>"
        parts = [f'<section aria-labelledby="{anchor}"><h2 id="{anchor}">{html.escape(qid)}: '
                 f"{html.escape(q.prompt)}</h2>",
                 f"<p>{n} students answered.</p>",
                 "<h3>Reference passages most often missed</h3>", missed,
                 "<h3>Passages most often marked that are not in the reference</h3>" + html_table(
                     sa["most_wrongly_marked"], [("text", "passage"), ("students", "students"), ("share", "share")],
                     caption="Marked by students, not in the reference, most often marked first", row_headers=True,
                     percent={"share"})]
        parts.append("<h3>Heatmap (darker = marked by more students; underlined = reference)</h3>")
        if f"heatmap-{qid}.png" in images:
            parts.append(figure(f"heatmap-{qid}.png", heatmap_alt(qid, sa)))
        parts.append(heatmap_html(q.article.text, sa))
        return "".join(parts) + "</section>"


def heatmap_alt(qid: str, sa: dict[str, Any]) -> str:
    """What the heatmap picture shows, in words (its ``alt`` text)."""
    found = ", ".join(f"“{r['text']}” {r['hit_rate']:.0%}" for r in sa["reference"] if r["hit_rate"] is not None)
    wrong = sa["most_wrongly_marked"][:1]
    extra = (f"; most marked outside the reference: “{wrong[0]['text']}” ({wrong[0]['share']:.0%})" if wrong else "")
    return (f"The text of {qid} with each word shaded by the share of the {sa['answered']} students who marked it "
            f"and the reference passages underlined. Found by: {found}{extra}.")
