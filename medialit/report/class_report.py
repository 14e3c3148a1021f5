"""What a class got right and what it missed: the data behind ``medialit report``.

:func:`gather` reads one assignment's scores from the nbgrader gradebook (a manual score
when a grader gave one, else the automatic score) and every student's answers file.
From them:

- :func:`question_table`: per graded cell, the mean score, its **difficulty** (the share of
  the points the class earned, 1.0 = everyone right), the shares of full and zero marks,
  and the **discrimination** (the correlation of the cell's score with the student's score
  on the other cells: low or negative values flag a question that does not separate
  stronger from weaker answers, often an unclear question or key);
- :func:`span_analysis`: for a spans question, each reference passage's hit rate (share of
  answering students who marked a matching span, by :func:`medialit.core.spans.match_spans`),
  the passages most often marked that are not in the reference, and how many students
  covered each character (the heatmap);
- :func:`agreement`: Krippendorff's alpha (:mod:`medialit.report.agreement`) among the students
  and of each student with the reference: per spans question over the question's words
  (each word coded with the label of the span covering it, or "none"), per classify
  question over its items, and over all single and multiple choice answers together.

:func:`build_report` writes PNG plots (matplotlib), ``report.json`` and ``index.html``.

Limits: students without an answers file count as not answering (missing data in the
agreement, left out of hit rates); a question's statistics need at least two students.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medialit.core.spans import match_spans
from medialit.report.agreement import alpha, pairwise_with

_WORD = re.compile(r"\w+")


@dataclass
class ClassData:
    """One assignment's graded class."""

    assignment: str
    students: list[str]
    cells: list[tuple[str, str, float]]  # (notebook, grade id, max points) in notebook order
    scores: dict[str, dict[str, float | None]]  # student -> grade id -> score (None: not graded yet)
    answers: dict[str, dict[str, Any]]  # student -> question id -> stored answer value
    questions: dict[str, Any] = field(default_factory=dict)  # grade id -> Question (question cells only)


def gather(course_dir: str | os.PathLike[str], assignment: str) -> ClassData:
    """Scores from the gradebook and answers from the submissions of ``assignment``."""
    from nbgrader.api import Gradebook

    from medialit.answers.store import AnswersFileWarning, AnswerStore
    from medialit.grading.class_grading import CourseError, load_course
    from medialit.questions.bank import QuestionBankError, UnknownQuestionError, find_question

    course = load_course(course_dir, assignment)
    scores: dict[str, dict[str, float | None]] = {}
    with Gradebook(course.db_url, course.course_id) as gb:
        for sub in gb.assignment_submissions(assignment):
            row: dict[str, float | None] = {}
            for nb in sub.notebooks:
                for g in nb.grades:
                    value = g.manual_score if g.manual_score is not None else g.auto_score
                    row[g.name] = None if value is None else float(value)
            scores[sub.student_id] = row
    if not scores:
        raise CourseError(f"the gradebook has no graded submissions of {assignment}; run "
                          f"`medialit grade {course_dir} {assignment}` (or nbgrader autograde) first")
    cells = [(nb, gid, pts) for nb in course.notebooks for gid, pts in course.grade_cells.get(nb, {}).items()]
    questions = {}
    for _, gid, _ in cells:
        try:
            questions[gid] = find_question(gid)
        except (UnknownQuestionError, QuestionBankError):
            pass
    answers: dict[str, dict[str, Any]] = {}
    for student in sorted(scores):
        folder = course.submitted_dir(student)
        found: dict[str, Any] = {}
        files = sorted(folder.glob("*.answers.json")) if folder.is_dir() else []
        for nb in course.notebooks:
            path = folder / f"{nb}.answers.json"
            if not path.exists() and len(files) == 1:
                path = files[0]
            if not path.exists():
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", AnswersFileWarning)
                store = AnswerStore(path, read_only=True)
            for qid in store.answered():
                entry = store.entry(qid)
                q = questions.get(qid)
                if entry is not None and q is not None and entry["kind"] == q.type:
                    try:
                        found[qid] = q.check_answer(entry["value"])
                    except ValueError:
                        pass
        answers[student] = found
    return ClassData(assignment, sorted(scores), cells, scores, answers, questions)


# -- scores ---------------------------------------------------------------------------
def _pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    if sx == 0 or sy == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / (sx * sy)


def question_table(data: ClassData) -> list[dict[str, Any]]:
    """One row per grade cell: n, mean, difficulty, full and zero shares, discrimination."""
    rows = []
    for nb, gid, max_points in data.cells:
        graded = [s for s in data.students if data.scores[s].get(gid) is not None]
        values = [data.scores[s][gid] for s in graded]
        q = data.questions.get(gid)
        row: dict[str, Any] = {"grade_id": gid, "notebook": nb, "type": q.type if q else "code or written",
                               "max_points": max_points, "graded": len(values)}
        if values and max_points:
            fractions = [v / max_points for v in values]
            rest = [sum(x or 0 for k, x in data.scores[s].items() if k != gid) for s in graded]
            row.update({
                "mean": round(sum(values) / len(values), 3),
                "difficulty": round(sum(fractions) / len(fractions), 3),
                "full": round(sum(1 for f in fractions if f >= 0.9999) / len(fractions), 3),
                "zero": round(sum(1 for f in fractions if f == 0) / len(fractions), 3),
                "discrimination": None if (r := _pearson(fractions, rest)) is None else round(r, 3),
            })
        rows.append(row)
    return rows


def totals(data: ClassData) -> dict[str, float]:
    """Each student's total points (ungraded cells count 0)."""
    return {s: round(sum(v or 0 for v in data.scores[s].values()), 4) for s in data.students}


# -- spans ----------------------------------------------------------------------------
def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """A span trimmed to its first and last word (so near-identical marks group together)."""
    words = list(_WORD.finditer(text, start, end))
    return (words[0].start(), words[-1].end()) if words else (start, end)


def span_analysis(data: ClassData, qid: str, top: int = 10) -> dict[str, Any]:
    """Hit rates of the reference passages, the passages most often marked wrongly, the heatmap."""
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


# -- agreement ------------------------------------------------------------------------
def _token_codes(q: Any, value: Any, tokens: list[tuple[int, int]], reference: bool = False) -> list[str]:
    pairs = [(r[0], r[1]) for r in q.key_spans()] if reference else q.answer_spans(value)
    codes = []
    for a, b in tokens:
        label = next((str(lab) for span, lab in pairs if span.start <= a and b <= span.end), "none")
        codes.append(label)
    return codes


def _summary(among: float | None, with_ref: list[float], coders: int) -> dict[str, Any]:
    with_ref = sorted(with_ref)
    mid = with_ref[len(with_ref) // 2] if with_ref else None
    return {"coders": coders, "alpha_among_students": None if among is None else round(among, 3),
            "alpha_with_reference_mean": round(sum(with_ref) / len(with_ref), 3) if with_ref else None,
            "alpha_with_reference_median": None if mid is None else round(mid, 3)}


def agreement(data: ClassData) -> dict[str, Any]:
    """Krippendorff's alpha per spans and classify question, and over all choice answers."""
    out: dict[str, Any] = {}
    choice_units: list[tuple[str, str]] = []
    for gid, q in data.questions.items():
        answered = [s for s in data.students if gid in data.answers[s]]
        if q.type == "spans":
            text = q.article.text
            tokens = [(m.start(), m.end()) for lo, hi in q.region_ranges() for m in _WORD.finditer(text, lo, hi)]
            rows = [_token_codes(q, data.answers[s][gid], tokens) for s in answered]
            ref = _token_codes(q, None, tokens, reference=True)
            out[gid] = {"type": "spans", "units": len(tokens),
                        **_summary(alpha(rows) if len(rows) > 1 else None, pairwise_with(ref, rows), len(rows))}
        elif q.type == "classify":
            items = [it["id"] for it in q.items]
            rows = [[data.answers[s][gid].get(i) for i in items] for s in answered]
            ref = [it["answer"] for it in q.items]
            out[gid] = {"type": "classify", "units": len(items),
                        **_summary(alpha(rows) if len(rows) > 1 else None, pairwise_with(ref, rows), len(rows))}
        elif q.type == "single":
            choice_units.append((gid, ""))
        elif q.type == "multiple":
            choice_units += [(gid, o) for o in q.option_ids]
    if choice_units:
        def code(s: str, gid: str, option: str) -> Any:
            value = data.answers[s].get(gid)
            if value is None:
                return None
            return value if not option else (option in value)

        def key(gid: str, option: str) -> Any:
            q = data.questions[gid]
            return q.correct_options[0] if not option else option in q.correct_options

        rows = [[code(s, g, o) for g, o in choice_units] for s in data.students]
        ref = [key(g, o) for g, o in choice_units]
        out["choices"] = {"type": "single and multiple choice", "units": len(choice_units),
                          **_summary(alpha(rows) if len(rows) > 1 else None, pairwise_with(ref, rows), len(rows))}
    return out


# -- writing the report ---------------------------------------------------------------
def _plots(data: ClassData, table: list[dict[str, Any]], spans: dict[str, dict[str, Any]],
           agree: dict[str, Any], out: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    files = []
    rows = [r for r in table if "difficulty" in r]
    if rows:
        fig, ax = plt.subplots(figsize=(max(6, 0.7 * len(rows)), 4))
        xs = range(len(rows))
        ax.bar(xs, [r["difficulty"] for r in rows], color="#4c78a8", label="share of points earned")
        ax.plot(xs, [r["full"] for r in rows], "o", color="#f58518", label="share with full marks")
        ax.set_xticks(list(xs), [r["grade_id"] for r in rows], rotation=45, ha="right")
        ax.set_ylim(0, 1.05)
        ax.set_ylabel("share of the class")
        ax.set_title(f"{data.assignment}: difficulty per graded cell (1.0 = everyone right)")
        ax.legend(loc="lower right", fontsize=8)
        fig.tight_layout()
        fig.savefig(out / "difficulty.png", dpi=110)
        plt.close(fig)
        files.append("difficulty.png")
    tot = list(totals(data).values())
    if tot:
        fig, ax = plt.subplots(figsize=(6, 3.5))
        ax.hist(tot, bins=min(20, max(5, len(set(tot)))), color="#54a24b")
        ax.set_xlabel("total points")
        ax.set_ylabel("students")
        ax.set_title(f"{data.assignment}: totals of {len(tot)} students")
        fig.tight_layout()
        fig.savefig(out / "totals.png", dpi=110)
        plt.close(fig)
        files.append("totals.png")
    for qid, sa in spans.items():
        q = data.questions[qid]
        text = q.article.text
        lo, hi = sa["region"]
        words = [(m.start(), m.end()) for m in _WORD.finditer(text, lo, hi)]
        if not words or not sa["answered"]:
            continue
        shares = [max(sa["coverage"][a - lo:b - lo]) / sa["answered"] for a, b in words]
        in_ref = [any(r["start"] <= a and b <= r["end"] for r in sa["reference"]) for a, b in words]
        fig, ax = plt.subplots(figsize=(min(18, max(8, len(words) * 0.06)), 2.8))
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
        name = f"heatmap-{qid}.png"
        fig.savefig(out / name, dpi=110)
        plt.close(fig)
        files.append(name)
    bars = [(k, v) for k, v in agree.items() if v.get("alpha_among_students") is not None]
    if bars:
        fig, ax = plt.subplots(figsize=(max(6, 0.9 * len(bars)), 3.8))
        xs = list(range(len(bars)))
        ax.bar([x - 0.2 for x in xs], [v["alpha_among_students"] for _, v in bars], width=0.4,
               label="among students", color="#72b7b2")
        ax.bar([x + 0.2 for x in xs], [v["alpha_with_reference_mean"] or 0 for _, v in bars], width=0.4,
               label="student vs reference (mean)", color="#b279a2")
        ax.axhline(0.667, color="#888", lw=0.8, ls="--")
        ax.set_xticks(xs, [k for k, _ in bars], rotation=45, ha="right")
        ax.set_ylabel("Krippendorff's alpha")
        ax.set_title(f"{data.assignment}: agreement (dashed: 0.667, the usual floor for tentative conclusions)")
        ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(out / "agreement.png", dpi=110)
        plt.close(fig)
        files.append("agreement.png")
    return files


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


def _fmt(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.3g}" if abs(v) < 1 else f"{v:g}"
    return html.escape(str(v))


def html_table(rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> str:
    head = "".join(f"<th>{html.escape(t)}</th>" for _, t in columns)
    body = "".join("<tr>" + "".join(f"<td>{_fmt(r.get(k))}</td>" for k, _ in columns) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def build_report(course_dir: str | os.PathLike[str], assignment: str, out: str | os.PathLike[str]) -> Path:
    """Write ``out/index.html``, ``out/report.json`` and the PNG plots; returns the HTML path."""
    data = gather(course_dir, assignment)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    table = question_table(data)
    spans = {qid: span_analysis(data, qid) for qid, q in data.questions.items() if q.type == "spans"}
    agree = agreement(data)
    images = _plots(data, table, spans, agree, out)
    report = {"assignment": assignment, "students": len(data.students), "questions": table,
              "totals": totals(data), "spans": {k: {kk: vv for kk, vv in v.items() if kk != "coverage"}
                                                for k, v in spans.items()},
              "agreement": agree, "images": images}
    from medialit.core.annotation import atomic_write_text

    atomic_write_text(out / "report.json", json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    parts = [f"<h1>{html.escape(assignment)}: what the class got right and missed</h1>",
             f"<p>{len(data.students)} students. Difficulty is the share of the points the class earned (1.0 = "
             "everyone right); discrimination is the correlation of a cell's score with the rest of the "
             "lesson (below 0.2: the question does not separate stronger from weaker answers; check it).</p>"]
    for img in ("difficulty.png", "totals.png"):
        if img in images:
            parts.append(f'<img src="{img}" alt="{img}">')
    parts.append("<h2>Per graded cell</h2>" + html_table(table, [
        ("grade_id", "cell"), ("type", "type"), ("max_points", "points"), ("graded", "graded"), ("mean", "mean"),
        ("difficulty", "difficulty"), ("full", "full marks"), ("zero", "zero"), ("discrimination", "discrimination")]))
    for qid, sa in spans.items():
        q = data.questions[qid]
        parts.append(f"<h2>{html.escape(qid)}: {html.escape(q.prompt)}</h2>")
        parts.append(f"<p>{sa['answered']} students answered.</p>")
        parts.append("<h3>Reference passages most often missed</h3>" + html_table(sa["most_missed"], [
            ("text", "passage"), ("label", "label"), ("hit_rate", "found by"), ("relabelled", "found, other label")]))
        parts.append("<h3>Passages most often marked that are not in the reference</h3>" + html_table(
            sa["most_wrongly_marked"], [("text", "passage"), ("students", "students"), ("share", "share")]))
        if f"heatmap-{qid}.png" in images:
            parts.append(f'<img src="heatmap-{qid}.png" alt="heatmap of {html.escape(qid)}">')
        parts.append("<h3>Heatmap (darker = marked by more students; underlined = reference)</h3>")
        parts.append(heatmap_html(q.article.text, sa))
    parts.append("<h2>Agreement (Krippendorff's alpha)</h2><p>Among the students (each student a coder) and of "
                 "each student with the reference. Spans questions are coded word by word, classify questions item "
                 "by item; all single and multiple choice answers together form one more set. Alpha is 1 for "
                 "perfect agreement and about 0 for agreement no better than chance.</p>")
    parts.append(html_table([{"set": k, **v} for k, v in agree.items()], [
        ("set", "question"), ("type", "type"), ("units", "units"), ("coders", "students"),
        ("alpha_among_students", "α among students"), ("alpha_with_reference_mean", "α vs reference (mean)"),
        ("alpha_with_reference_median", "α vs reference (median)")]))
    if "agreement.png" in images:
        parts.append('<img src="agreement.png" alt="agreement">')
    style = ("body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;line-height:1.4}"
             "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .5em;"
             "text-align:left}img{max-width:100%;display:block;margin:1em 0}"
             ".heat{white-space:pre-wrap;border:1px solid #ddd;padding:1em;font-size:.95em}")
    page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(assignment)} '
            f"class report</title><style>{style}</style></head><body>{''.join(parts)}</body></html>\n")
    atomic_write_text(out / "index.html", page)
    return out / "index.html"
