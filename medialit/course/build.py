"""``medialit build``: a lesson set for any reviewed article, from templates and its reference.

For each template in ``medialit/data/lesson_templates/`` (sources, framing, hedges: the
seed's lessons 1-3 with the article left open) this module

1. makes the questions from the article's **reviewed** reference annotation: which sources
   are named and of what type, a passage to mark the contents of quotes in, which
   reporting verbs are loaded, whose words come most often; the frames, the headline's
   frame, a passage to mark loaded language in; a passage to mark hedges in, who holds
   the hedges, the status of claims, boosters against hedges.  A question the reference
   cannot support (too few items of a kind) is left out, and its section of the lesson
   with it;
2. writes the lesson's folder in the course, ``autograder/lesson-sources/<assignment>/``
   (see :mod:`medialit.course.lessons`): its question bank ``questions.yaml`` (checked with
   :func:`medialit.questions.bank.check_bank`) and its source ``lesson.md``, then the
   nbgrader source notebook ``solutions/<assignment>/<assignment>.ipynb`` and the lesson's
   public bank ``<assignment>.questions.yaml`` beside it (no graded key);
3. runs ``nbgrader generate_assignment`` for the release in ``lessons/<assignment>/``: the
   notebook and its public bank, so the lesson works in a student's install;
4. checks the result as the seed's lessons are checked: ``nbgrader validate`` passes on
   the solution with the reference answers, ``nbgrader validate --invert`` shows the blank
   release fails, and no key reaches the release (notebook or public bank).

No answers file is left in ``solutions/<assignment>/``: autograde copies the source folder's
files over each submission, and a reference answers file there would replace the
students' answers.  Validation uses one in a temporary copy of the course.

Assignments are named ``<prefix>-<template>`` (the prefix defaults to the article id).
The course is ``--course`` or the one medialit finds (:func:`medialit.course.course.find_course`);
the article is read from it, and its lesson folders are where the course's lesson list and
the bank lookup find the new lessons.

Limits: the templates are English; the questions are as good as the reference they come
from; the lesson texts around the questions are generic, so read the generated lessons
before releasing them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from medialit.core import layers
from medialit.core.codebook import question_texts
from medialit.course.build_ids import CELL_ID_LIMIT, MAX_PREFIX, default_prefix, too_long_ids
from medialit.course.build_quotes import sentence_around, whole_quote
from medialit.course.build_staging import install, lesson_paths, stage_course
from medialit.course.course import (
    COURSE_ENV,
    LESSON_SOURCES,
    PUBLIC_BANK_SUFFIX,
    Course,
    course_environment,
    require_course,
    using_course,
)
from medialit.course.lesson_source import SourceError, build_notebook, parse_source
from medialit.course.lessons import BANK_FILE, LESSON_FILE, answers_text, lesson_dir
from medialit.errors import MedialitError
from medialit.questions.positions import spread_positions

TEMPLATES = ("sources", "framing", "hedges")
_PLACEHOLDER = re.compile(r"\{\{([a-z_]+)(?::([a-z0-9-]+))?\}\}")


class BuildError(MedialitError, ValueError):
    """The lesson set cannot be built; the message says why and what to do."""


@dataclass
class BuiltLesson:
    """One generated assignment and what happened to it."""

    assignment: str
    template: str
    bank: Path
    solution: Path
    source: Path | None = None
    release: Path | None = None
    questions: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    checks: dict[str, bool] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


# -- finding material in the reference ------------------------------------------------
def _body_windows(article: Any, size: int) -> list[tuple[int, int]]:
    """(start, end) of every run of up to ``size`` consecutive body paragraphs."""
    parts = article.structure
    out = []
    for i, p in enumerate(parts):
        if p["label"] != "body":
            continue
        for k in range(1, size + 1):
            run = parts[i:i + k]
            if len(run) < k or any(q["label"] != "body" for q in run):
                break
            out.append((run[0]["start"], run[-1]["end"]))
    return out


def _best_window(article: Any, spans: list[tuple[int, int]], size: int, least: int) -> tuple[int, int] | None:
    """The window of body paragraphs holding the most spans (at least ``least``); the shortest wins ties."""
    best, best_key = None, None
    for lo, hi in _body_windows(article, size):
        n = sum(1 for s, e in spans if lo <= s and e <= hi)
        key = (n, -(hi - lo), -lo)
        if n >= least and (best_key is None or key > best_key):
            best, best_key = (lo, hi), key
    return best


def _distinct(items: list[Any], key: Any) -> list[Any]:
    seen, out = set(), []
    for it in items:
        k = key(it)
        if k not in seen:
            seen.add(k)
            out.append(it)
    return out


def _layer(doc: dict[str, Any], layer: str) -> list[dict[str, Any]]:
    return layers.items(doc, layer)


def _in_body(article: Any, span: dict[str, Any] | None) -> bool:
    return bool(span) and article.part_at(span["start"]) == "body"


def make_questions(template: str, article: Any, qid: Any) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The questions of ``template`` for ``article`` (local name -> question) and what was left out."""
    ref = article.reference
    text = article.text
    qs: dict[str, dict[str, Any]] = {}
    left: list[str] = []

    def need(name: str, ok: bool, why: str) -> bool:
        if not ok:
            left.append(f"{name}: {why}")
        return ok

    if template == "sources":
        sources = ref.get("sources") or []
        if need("src-named", any(s["named"] for s in sources) and any(not s["named"] for s in sources),
                "needs named and unnamed sources in the reference"):
            opts = sources[:8]
            qs["src-named"] = {
                "type": "multiple", "mode": "graded", "points": 2,
                "prompt": "Which of these sources does the story name? Select all that apply.",
                "hint": "Does the story give a name a reader could look up?",
                "options": [{"id": f"o{k}", "text": s["name"], "correct": bool(s["named"]),
                             "feedback": "Named: the story says who this is." if s["named"] else
                             "Unnamed: the story does not say who exactly this is."} for k, s in enumerate(opts, 1)],
                "explanation": "Named sources can be checked; unnamed ones ask the reader to trust the reporter."}
        typed = [s for s in sources if s.get("type")][:8]
        if need("src-types", len({s["type"] for s in typed}) >= 2, "needs sources of at least two types"):
            qs["src-types"] = {
                "type": "classify", "mode": "graded", "points": 3, "prompt": "What kind of source is each?",
                "hint": "Does the source speak for a government, from expertise, for an organisation, or is it a "
                        "written text?",
                "categories": [{"id": t, "text": question_texts("source_type")[t]}
                               for t in sorted({s["type"] for s in typed})],
                "items": [{"id": f"i{k}", "text": s["name"] + (f", {s['role']}" if s.get("role") else ""),
                           "answer": s["type"]} for k, s in enumerate(typed, 1)]}
        attrs = [a for a in ref.get("attributions") or [] if _in_body(article, a.get("content"))]
        window = _best_window(article, [(a["content"]["start"], a["content"]["end"]) for a in attrs], 4, 2)
        if need("src-contents", window is not None, "needs two attributions within four body paragraphs"):
            qs["src-contents"] = {
                "type": "spans", "mode": "graded", "points": 4,
                "prompt": "Select what each source says in this passage (the content, without the name and the "
                          "verb) and label each direct, indirect or mixed.",
                "hint": "For a direct quote, is everything inside the quotation marks part of what was said?",
                "layer": "attributions", "label_field": "kind",
                "labels": [{"id": k, "text": text} for k, text in question_texts("attribution_kind").items()],
                "region": {"start": window[0], "end": window[1]}, "key": {"layer": "attributions"},
                "explanation": "The names and the reporting verbs are not part of the content."}
            first = next((a for a in attrs if window[0] <= a["content"]["start"] and a["content"]["end"] <= window[1]
                          and whole_quote(a["content"]["text"], 200)), None)
        if window is not None and need("src-kind-practice", first is not None, "needs a quote short enough to quote "
                                       "whole"):
            qs["src-kind-practice"] = {
                "type": "single", "mode": "practice", "points": 0,
                "prompt": f"Is this direct, indirect or mixed? “{whole_quote(first['content']['text'], 200)}”",
                "hint": "Are the words inside quotation marks, all of them, some of them, or none?",
                "options": [{"id": k, "text": text, "correct": k == first["kind"],
                             "feedback": ("Right." if k == first["kind"] else "Look at the quotation marks again.")}
                            for k, text in question_texts("attribution_kind").items()]}
        cued = [a for a in ref.get("attributions") or [] if a.get("cue") and a.get("cue_connotation")]
        loaded = _distinct([a for a in cued if a["cue_connotation"] == "loaded"], lambda a: a["cue"]["text"].lower())
        neutral = _distinct([a for a in cued if a["cue_connotation"] == "neutral"], lambda a: a["cue"]["text"].lower())
        if need("src-verbs", bool(loaded) and bool(neutral), "needs loaded and neutral reporting verbs"):
            chosen = sorted(loaded[:3] + neutral[:3], key=lambda a: a["cue"]["start"])
            qs["src-verbs"] = {
                "type": "multiple", "mode": "graded", "points": 2,
                "prompt": "Which of these reporting verbs, as the story uses them, say more than “said”? "
                          "Select all that apply.",
                "hint": "Does the verb only report that someone spoke, or also how, or what the reporter thinks "
                        "of it?",
                "options": [{"id": f"v{k}", "text": f"“{a['cue']['text']}”",
                             "correct": a["cue_connotation"] == "loaded",
                             "feedback": "Loaded: it says more than that someone spoke." if a["cue_connotation"] ==
                             "loaded" else "Neutral: it only reports that someone spoke."}
                            for k, a in enumerate(chosen, 1)]}
        names = {s["id"]: s["name"] for s in sources}
        counts: dict[str, int] = {}
        for a in ref.get("attributions") or []:
            who = names.get(a.get("source_id") or "") or a.get("speaker_name")
            if who:
                counts[who] = counts.get(who, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if need("src-top", len(ranked) >= 2 and ranked[0][1] > ranked[1][1], "needs one speaker quoted most often"):
            qs["src-top"] = {
                "type": "single", "mode": "graded", "points": 1,
                "prompt": "Whose words does the story report most often?",
                "hint": "Count the quotes and paraphrases credited to each source: who comes back again and again?",
                # in name order: the position or id of an option must not give the answer away
                "options": [{"id": f"p{k}", "text": who, "correct": who == ranked[0][0],
                             "feedback": f"{who}: {n} of the story's attributions."}
                            for k, (who, n) in enumerate(sorted(ranked[:4]), 1)]}
    elif template == "hedges":
        hedges = [h for h in ref.get("hedges") or [] if _in_body(article, h["cue"])]
        boosters = [b for b in ref.get("boosters") or [] if _in_body(article, b["cue"])]
        window = _best_window(article, [(h["cue"]["start"], h["cue"]["end"]) for h in hedges], 2, 2)
        if need("hdg-spans", window is not None, "needs two hedges within two body paragraphs"):
            present = sorted({h["category"] for h in hedges if window[0] <= h["cue"]["start"] < window[1]})
            extra = [c for c in ("modal", "adverb", "adjective", "conditional") if c not in present]
            labels = present + extra[: max(0, 4 - len(present))]
            qs["hdg-spans"] = {
                "type": "spans", "mode": "graded", "points": 4,
                "prompt": "Select every hedge cue in this passage and label its kind.",
                "hint": "Which words would you remove to make the statements sound completely sure?",
                "layer": "hedges", "label_field": "category",
                "labels": [{"id": c, "text": question_texts("stance_category").get(c, c)} for c in labels],
                "region": {"start": window[0], "end": window[1]}, "key": {"layer": "hedges"}}
        held = [h for h in hedges if h.get("holder")][:6]
        if need("hdg-holders", len(held) >= 2, "needs two hedges with a holder"):
            qs["hdg-holders"] = {
                "type": "classify", "mode": "graded", "points": 3,
                "prompt": "Who is hedging in each sentence, the reporter or a source?",
                "hint": "Is the hedge inside a quote or a paraphrase of a source, or in a sentence that credits it "
                        "to nobody?",
                "categories": [{"id": h, "text": text} for h, text in question_texts("holder").items()],
                "items": [{"id": f"h{k}", "text": f"{sentence_around(text, h['cue']['start'], h['cue']['end'])} "
                           f"(hedge: “{h['cue']['text']}”)", "answer": h["holder"]} for k, h in enumerate(held, 1)]}
        kinds = _distinct([h for h in hedges if h.get("category")], lambda h: h["cue"]["text"].lower())[:6]
        if need("hdg-kinds", len({h["category"] for h in kinds}) >= 2, "needs hedges of at least two kinds"):
            qs["hdg-kinds"] = {
                "type": "classify", "mode": "graded", "points": 3,
                "prompt": "What kind of hedge is each highlighted word?",
                "hint": "Is it a modal verb (may, could), an adverb (perhaps), an adjective (likely), a verb "
                        "(suggest), or an if-clause?",
                "categories": [{"id": c, "text": question_texts("stance_category").get(c, c)}
                               for c in sorted({h["category"] for h in kinds})],
                "items": [{"id": f"k{k}", "text": f"{sentence_around(text, h['cue']['start'], h['cue']['end'])} "
                           f"(hedge: “{h['cue']['text']}”)", "answer": h["category"]}
                          for k, h in enumerate(sorted(kinds, key=lambda h: h["cue"]["start"]), 1)]}
        claims = [c for c in ref.get("claims") or [] if _in_body(article, c["span"]) and whole_quote(c["span"]["text"])]
        by_status: dict[str, list[dict[str, Any]]] = {}
        for c in claims:
            by_status.setdefault(c["status"], []).append(c)
        picked: list[dict[str, Any]] = []
        while len(picked) < 6 and any(by_status.values()):
            for status in sorted(by_status):
                if by_status[status] and len(picked) < 6:
                    picked.append(by_status[status].pop(0))
        statuses = sorted({c["status"] for c in picked})
        if need("hdg-claims", len(statuses) >= 2, "needs claims of at least two kinds"):
            qs["hdg-claims"] = {
                "type": "classify", "mode": "graded", "points": 3,
                "prompt": "Is each statement a reported fact, an attributed claim, speculation or opinion?",
                "hint": "Who stands behind the statement, and could it be checked?",
                "categories": [{"id": s, "text": question_texts("claim_status")[s]} for s in statuses],
                "items": [{"id": f"c{k}", "text": whole_quote(c["span"]["text"]), "answer": c["status"]}
                          for k, c in enumerate(sorted(picked, key=lambda c: c["span"]["start"]), 1)]}
        b_opts = _distinct(boosters, lambda b: b["cue"]["text"].lower())[:3]
        h_opts = _distinct(hedges, lambda h: h["cue"]["text"].lower())[:3]
        if need("hdg-boosters", bool(b_opts) and bool(h_opts), "needs boosters and hedges in the body"):
            chosen = sorted([(b, True) for b in b_opts] + [(h, False) for h in h_opts],
                            key=lambda t: t[0]["cue"]["start"])
            qs["hdg-boosters"] = {
                "type": "multiple", "mode": "graded", "points": 2,
                "prompt": "Which of these words, as the story uses them, make a statement surer (boosters)? "
                          "Select all that apply.",
                "hint": "Does the word leave room for doubt, or close it?",
                "options": [{"id": f"w{k}", "text": f"“{x['cue']['text']}”", "correct": is_b,
                             "feedback": "A booster: it rules doubt out." if is_b else
                             "A hedge: it leaves room for doubt."}
                            for k, (x, is_b) in enumerate(chosen, 1)]}
        if hedges:
            h = hedges[0]
            qs["hdg-practice"] = {
                "type": "single", "mode": "practice", "points": 0,
                "prompt": f"In “{sentence_around(text, h['cue']['start'], h['cue']['end'])}”, "
                          f"is “{h['cue']['text']}” a hedge or a booster?",
                "hint": "Does the word make the statement less sure or more sure?",
                "options": [{"id": "hedge", "text": "a hedge", "correct": True, "feedback": "Right: it weakens the "
                             "statement."}, {"id": "booster", "text": "a booster", "correct": False,
                             "feedback": "A booster makes a statement surer; does this word?"},
                            {"id": "neither", "text": "neither", "correct": False,
                             "feedback": "Read the sentence without the word: is it surer then?"}]}
    elif template == "framing":
        frames = _layer(ref, "framing.frames")
        body = sorted({f["frame"] for f in frames if f["scope"] == "body" and f["frame"] != "other"})
        frame_text = question_texts("frame_dimension")
        absent = [f for f in frame_text if f not in {x["frame"] for x in frames} and f != "other"]
        if need("frm-frames", bool(body) and bool(absent), "needs body frames in the reference"):
            present = sorted(body, key=lambda f: -sum(len(x.get("cues") or []) for x in frames if x["frame"] == f))[:5]
            opts = sorted(present + absent[:3])
            qs["frm-frames"] = {
                "type": "multiple", "mode": "graded", "points": 2,
                "prompt": "Which of these frames does the body of the story use? Select all that apply.",
                "hint": "Which angles does the story take: money, power, safety, law, right and wrong?",
                "options": [{"id": f, "text": frame_text[f], "correct": f in present,
                             "feedback": "The story uses this angle." if f in present else
                             "The story does not take this angle."} for f in opts]}
        head = sorted({f["frame"] for f in frames if f["scope"] == "headline" and f.get("primary")}
                      or {f["frame"] for f in frames if f["scope"] == "headline"})
        if need("frm-headline", len(head) == 1 and bool(absent), "needs exactly one headline frame"):
            opts = sorted(head + absent[:3])
            qs["frm-headline"] = {
                "type": "single", "mode": "graded", "points": 1,
                "prompt": "Which frame does the headline use?",
                "hint": "Read the headline alone: what kind of question does it make the story about?",
                "options": [{"id": f, "text": frame_text[f], "correct": f in head,
                             "feedback": "Right." if f in head else "Not in the headline."} for f in opts]}
        primary = sorted({f["frame"] for f in frames if f["scope"] == "body" and f.get("primary")})
        if need("frm-primary", len(primary) == 1 and len(frame_text) > 3, "needs one primary frame of the body"):
            others = [f for f in body if f != primary[0]] + [f for f in absent if f not in body]
            opts = sorted(primary + others[:3])
            qs["frm-primary"] = {
                "type": "single", "mode": "graded", "points": 1,
                "prompt": "Which frame does the body of the story use most?",
                "hint": "Count the words that point to each angle: which one keeps coming back?",
                "options": [{"id": f, "text": frame_text[f], "correct": f == primary[0],
                             "feedback": "The story's main angle." if f == primary[0] else
                             "The story takes this angle less, or not at all."} for f in opts]}
        cue_words = _distinct([(c, f["frame"]) for f in frames if f["scope"] == "body" and f["frame"] != "other"
                               for c in f.get("cues") or [] if _in_body(article, c)], lambda t: t[0]["text"].lower())
        cue_words = sorted(cue_words, key=lambda t: t[0]["start"])[:8]
        if need("frm-cue-words", len({f for _, f in cue_words}) >= 2 and len(cue_words) >= 3,
                "needs cue words of at least two body frames"):
            qs["frm-cue-words"] = {
                "type": "classify", "mode": "graded", "points": 3,
                "prompt": "Which angle does each word point the reader to?",
                "hint": "Does the word belong to money, power and votes, safety, law, right and wrong...?",
                "categories": [{"id": f, "text": frame_text[f]} for f in sorted({f for _, f in cue_words})],
                "items": [{"id": f"w{k}", "text": f"“{c['text']}” in: {sentence_around(text, c['start'], c['end'])}",
                           "answer": f} for k, (c, f) in enumerate(cue_words, 1)]}
        loaded = [x for x in _layer(ref, "framing.loaded_language") if _in_body(article, x["span"])]
        window = _best_window(article, [(x["span"]["start"], x["span"]["end"]) for x in loaded], 3, 2)
        if need("frm-loaded", window is not None, "needs two loaded phrases within three body paragraphs"):
            qs["frm-loaded"] = {
                "type": "spans", "mode": "graded", "points": 3,
                "prompt": "Select every loaded word or phrase in this passage.",
                "hint": "Which words judge while they describe? Could a plainer word say the same?",
                "layer": "framing.loaded_language",
                "labels": [{"id": "loaded", "text": question_texts("framing_layer")["loaded_language"]}],
                "region": {"start": window[0], "end": window[1]}, "key": {"layer": "framing.loaded_language"}}
    else:
        raise BuildError(f"unknown template {template!r}; use one of {', '.join(TEMPLATES)}")
    return {name: {"id": qid(name), **q} for name, q in qs.items()}, left


# -- rendering the lesson ---------------------------------------------------------------
def read_template(name: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a lesson template."""
    from medialit.core.yaml_text import parse_yaml

    try:
        raw = resources.files("medialit").joinpath(f"data/lesson_templates/{name}.md").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BuildError(f"no lesson template {name!r}; templates: {', '.join(TEMPLATES)}") from None
    m = re.match(r"^---\n(.*?)\n---\n", raw, re.S)
    if not m:
        raise BuildError(f"lesson template {name} has no front matter (--- title/provenance/licence ---)")
    front = parse_yaml(m.group(1)) or {}
    missing = [k for k in ("title", "provenance", "licence") if not front.get(k)]
    if missing:
        raise BuildError(f"lesson template {name}: front matter lacks {', '.join(missing)}")
    return front, raw[m.end():]


def _passage(article: Any, q: dict[str, Any]) -> str:
    lo, hi = q["region"]["start"], q["region"]["end"]
    paras = [p.strip() for p in article.text[lo:hi].split("\n") if p.strip()]
    return "\n>\n".join("> " + p for p in paras)


def render(template: str, body: str, questions: dict[str, dict[str, Any]], values: dict[str, str],
           article: Any) -> str:
    """The lesson source: conditional sections resolved, ask/grade macros expanded, placeholders filled."""
    out: list[str] = []
    skip = 0
    for line in body.splitlines():
        if line.startswith("%% if "):
            if skip or line[6:].strip() not in questions:
                skip += 1
            continue
        if line.strip() == "%% endif":
            skip = max(0, skip - 1)
            continue
        if skip:
            continue
        if line.startswith("%% ask "):
            out += ["%% code", f'ask("{questions[line[7:].strip()]["id"]}")', ""]
            continue
        if line.startswith("%% grade "):
            q = questions[line[9:].strip()]
            out += [f"%% code grade id={q['id']} points={q['points']}",
                    f'# Graded when your teacher marks this lesson. Self-study: run reveal("{q["id"]}") once you '
                    "have answered.",
                    f'answered("{q["id"]}")', ""]  # scored outside the kernel (medialit.grading.nbgrader_scoring)
            continue
        out.append(line)

    def fill(m: re.Match[str]) -> str:
        name, arg = m.group(1), m.group(2)
        if name == "passage":
            return _passage(article, questions[arg])
        if name not in values:
            raise BuildError(f"template {template}: unknown placeholder {{{{{name}}}}}")
        return values[name]

    return _PLACEHOLDER.sub(fill, "\n".join(out) + "\n")


# -- checks -------------------------------------------------------------------------
def release_leaks(release_text: str, solution_cells: list[dict[str, Any]],
                  questions: list[dict[str, Any]]) -> list[str]:
    """What of the key reaches the release (empty when nothing does): the seed lessons' scan."""
    leaks = []
    for marker in ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "BEGIN SOLUTION", "END SOLUTION", 'grade("',
                   "medialit.grading", "Rubric", "*Anchor:*"):
        if marker in release_text:
            leaks.append(f"marker {marker!r}")
    for cell in solution_cells:
        secret: list[str] = []
        if "solution" in cell["flags"] and cell["type"] == "markdown":
            secret = cell["source"].splitlines()
        for begin, end in (("### BEGIN SOLUTION", "### END SOLUTION"),
                           ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")):
            for block in re.findall(re.escape(begin) + r"(.*?)" + re.escape(end), cell["source"], flags=re.S):
                secret += block.splitlines()
        leaks += [f"line {ln.strip()!r}" for ln in secret if len(ln.strip()) > 12 and ln.strip() in release_text]
    if re.search(r"\bcorrect\b[\"']?\s*[:=]\s*(true|True)", release_text):
        leaks.append("an option marked correct")
    if re.search(r"\\\"(start|end)\\\"\s*:\s*\d+", release_text):
        leaks.append("key offsets")
    return leaks + secret_leaks(release_text, questions)


def graded_secrets(question: dict[str, Any]) -> list[str]:
    """The texts of a graded question that tell a right answer from a wrong one: per-option and
    per-item feedback, the explanation, a rating's feedback and a model answer (empty for practice)."""
    if question["mode"] != "graded":
        return []
    secrets = [o["feedback"] for o in question.get("options", []) if o.get("feedback")]
    secrets += [i["feedback"] for i in question.get("items", []) if i.get("feedback")]
    rate_feedback = question.get("feedback")
    secrets += [str(v) for v in rate_feedback.values()] if isinstance(rate_feedback, dict) else []
    secrets += [question[k] for k in ("explanation", "answer") if isinstance(question.get(k), str)]
    return secrets


def secret_leaks(text: str, questions: list[dict[str, Any]], as_written: bool = False) -> list[str]:
    """Each graded question's secret text (:func:`graded_secrets`) found in ``text`` as JSON
    escapes it (notebooks), or with ``as_written`` also as it is written (YAML)."""
    leaks = []
    for q in questions:
        for secret in graded_secrets(q):
            if json.dumps(secret, ensure_ascii=False)[1:-1] in text or (as_written and secret in text):
                leaks.append(f"{q['id']}: {secret!r}")
    return leaks


def public_bank_leaks(path: Path, questions: list[dict[str, Any]]) -> list[str]:
    """What of the key a released public bank gives away: a bank that does not load as a public
    bank, a graded question holding key fields, or a graded question's secret text."""
    from medialit.questions import QuestionBankError, load_bank

    try:
        bank = load_bank(path)
    except QuestionBankError as exc:
        return [f"{path.name} is not a valid public bank: {exc}"]
    if not bank.public:
        return [f"{path.name} is not marked public: it may hold keys"]
    # loading checked that no graded question holds a key field; its other fields must not quote a secret
    # (practice questions may share short feedback such as "Right." and are not scanned)
    graded = json.dumps([q.data for q in bank.questions if q.mode == "graded"], ensure_ascii=False)
    return secret_leaks(graded, questions, as_written=True)


def _nbgrader(course_root: Path, env: dict[str, str], *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "nbgrader"
    return subprocess.run([str(exe if exe.exists() else "nbgrader"), *args], cwd=course_root / "autograder", env=env,
                          capture_output=True, text=True, timeout=timeout)


# -- the whole build ------------------------------------------------------------------
def build(article_id: str, *, course_root: Path | None = None, prefix: str | None = None,
          templates: tuple[str, ...] = TEMPLATES, force: bool = False, check: bool = True,
          log: Any = print) -> list[BuiltLesson]:
    """Build, release and check the lesson set of a reviewed article (see the module docstring).

    ``course_root`` defaults to the course medialit finds; :class:`~medialit.course.course.CourseError`
    when there is none.
    """
    course = require_course(course_root)
    with using_course(course):
        return _build(article_id, course, prefix, templates, force, check, log)


def _build(article_id: str, course: Course, prefix: str | None, templates: tuple[str, ...],
           force: bool, check: bool, log: Any) -> list[BuiltLesson]:
    from medialit.articles.article import load_article

    course_root = course.root
    article = load_article(article_id)
    if not article.reviewed:
        raise BuildError(f"article {article_id!r} is not reviewed (status: {article.meta.get('status')}): lessons are "
                         "graded against its reference, so review it first (docs/review-article.ipynb) and run "
                         f"`medialit article review {article_id} --accept`")
    _ = article.reference, article.structure  # both must load and validate
    prefix = prefix or default_prefix(article_id)
    if not re.match(r"^[a-z0-9][a-z0-9-]*$", prefix):
        raise BuildError(f"prefix {prefix!r} is not allowed: use lower-case letters, digits and hyphens")
    if len(prefix) > MAX_PREFIX:
        raise BuildError(f"prefix {prefix!r} is {len(prefix)} characters long; nbgrader's cell ids allow a prefix "
                         f"of at most {MAX_PREFIX}: give a shorter --prefix (or leave it out for a shortened id)")
    # plan every lesson before writing anything: a lesson the reference cannot support is skipped
    plans = []
    for template in templates:
        assignment = f"{prefix}-{template}"
        existing = [p for p in lesson_paths(course_root, assignment) if p.exists()]
        if existing and not force:
            raise BuildError(f"{assignment} exists already ({', '.join(map(str, existing))}); add --force to "
                             "rebuild it (students' submissions are not touched)")
        sol_dir = course_root / "solutions" / assignment
        own = (f"{assignment}.ipynb", f"{assignment}{PUBLIC_BANK_SUFFIX}")
        strays = [p.name for p in sol_dir.iterdir() if p.name not in own] if sol_dir.is_dir() else []
        if strays:  # a rebuild replaces the folder: they would be lost (and nbgrader copies them over submissions)
            raise BuildError(f"{sol_dir} holds other files ({', '.join(strays)}); move them out of the source "
                             "folder first: nbgrader copies its files into the release and over submissions")
        front, body = read_template(template)
        questions, left = make_questions(template, article, lambda name, a=assignment: f"{a}-{name}")
        spread_positions(questions.values(), seed=assignment)  # the right options not always first
        graded = [q for q in questions.values() if q["mode"] == "graded"]
        if not graded:
            log(f"{assignment}: skipped, the reference supports no graded question ({'; '.join(left)})")
            continue
        for reason in left:
            log(f"{assignment}: left out {reason}")
        plans.append((template, assignment, front, body, questions, left, graded))
    if not plans:
        raise BuildError(f"the reference of {article_id} supports no graded question for the lesson(s) "
                         f"{', '.join(templates)}; add the missing annotation layers to it and review it again")
    with tempfile.TemporaryDirectory(prefix="medialit-build-") as tmp:
        stage = stage_course(course_root, article.path, Path(tmp) / "course")
        env = course_environment()
        env[COURSE_ENV] = str(stage)  # nbgrader and the kernels it starts work on the staged copy
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        env.pop("NBGRADER_EXECUTION", None)
        built = [_write_lesson(stage, article, env, log, *plan) for plan in plans]
        if check:
            with using_course(stage):  # the reference answers come from the staged banks
                _validate(built, stage, env, log)
        failed = [f"{lesson.assignment}: {problem}" for lesson in built for problem in lesson.problems]
        failed += [f"{lesson.assignment}: {name} failed" for lesson in built
                   for name, ok in lesson.checks.items() if not ok and not lesson.problems]
        if failed:
            raise BuildError("the lessons did not pass their checks, so nothing was written to the course:\n"
                             + "\n".join(failed))
        installed = install(stage, course_root, [lesson.assignment for lesson in built], Path(tmp) / "aside")
        try:
            _register(built, course_root, log)
        except BaseException:
            installed.undo()
            raise
    for lesson in built:
        lesson.bank, lesson.source, lesson.solution, lesson.release = (
            _moved(p, stage, course_root) for p in (lesson.bank, lesson.source, lesson.solution, lesson.release))
    return built


def _moved(path: Path | None, stage: Path, course_root: Path) -> Path | None:
    return None if path is None else course_root / path.relative_to(stage)


def _write_lesson(stage: Path, article: Any, env: dict[str, str], log: Any, template: str, assignment: str,
                  front: dict[str, Any], body: str, questions: dict[str, dict[str, Any]], left: list[str],
                  graded: list[dict[str, Any]]) -> BuiltLesson:
    """Write one lesson into the staged course, release it there and scan the release for keys."""
    import yaml

    from medialit.core.annotation import atomic_write_text
    from medialit.questions import check_bank, load_bank
    from medialit.questions.public import public_bank_text

    article_id = article.id
    folder = lesson_dir(stage, assignment)
    sol_dir = stage / "solutions" / assignment
    bank = {"provenance": f"Generated by `medialit build {article_id}` from the template {template} "
                          f"({front['provenance'].strip()}) and the reviewed reference annotation of {article_id}.",
            "licence": front["licence"], "notebook": assignment, "article": article_id,
            "questions": list(questions.values())}
    folder.mkdir(parents=True, exist_ok=True)
    bank_path = folder / BANK_FILE
    atomic_write_text(bank_path, "# Generated by medialit build: edit the template or the reference, not this "
                      "file.\n" + yaml.safe_dump(bank, sort_keys=False, allow_unicode=True, width=110))
    try:
        check_bank(bank_path)
    except ValueError as exc:
        raise BuildError(f"the generated bank for {assignment} is not valid (a template bug):\n{exc}") from None
    values = {"title": str(front["title"]), "article_title": article.title, "outlet": article.meta["outlet"],
              "date": article.meta["date"], "assignment": assignment, "article_id": article_id,
              **_facts(article)}
    if "src-top" in questions:
        values["top_speaker"] = next(o["text"] for o in questions["src-top"]["options"] if o["correct"])
    source = render(template, body, questions, values, article)
    try:
        cells = parse_source(source, f"{template} template")
    except SourceError as exc:
        raise BuildError(str(exc)) from None
    for heading in empty_headings(cells):
        log(f"{assignment}: heading {heading!r} left out, the reference supports nothing under it")
    cells = [c for c in cells if not _is_empty_heading(c, cells)]
    source = drop_empty_headings(source, cells)
    long_ids = too_long_ids(cells, list(questions.values()))
    if long_ids:
        raise BuildError(f"{assignment}: ids longer than nbgrader's {CELL_ID_LIMIT} characters: "
                         f"{', '.join(long_ids)}; give a shorter --prefix")
    source_path = folder / LESSON_FILE
    atomic_write_text(source_path, source)
    sol_dir.mkdir(parents=True, exist_ok=True)
    public_name = f"{assignment}{PUBLIC_BANK_SUFFIX}"
    solution = sol_dir / f"{assignment}.ipynb"
    atomic_write_text(solution, build_notebook(cells))
    source_name = (LESSON_SOURCES / assignment / BANK_FILE).as_posix()
    atomic_write_text(sol_dir / public_name, public_bank_text(load_bank(bank_path), source=source_name))
    lesson = BuiltLesson(assignment, template, bank_path, solution, source=source_path,
                         questions=[q["id"] for q in questions.values()], left_out=left)
    log(f"{assignment}: {len(questions)} questions ({len(graded)} graded); left out: {len(left)}")
    proc = _nbgrader(stage, env, "generate_assignment", assignment, "--force")
    if proc.returncode != 0:
        raise BuildError(f"nbgrader generate_assignment {assignment} failed, so nothing was written to the course:\n"
                         f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    lesson.release = stage / "lessons" / assignment / f"{assignment}.ipynb"
    released = [p for p in lesson.release.parent.rglob("*") if p.is_file()]
    release_text = "\n".join(p.read_text(encoding="utf-8") for p in released if p.name != public_name)
    leaks = release_leaks(release_text, cells, list(questions.values()))
    released_bank = lesson.release.parent / public_name
    if released_bank.exists():
        leaks += public_bank_leaks(released_bank, list(questions.values()))
    else:
        leaks.append(f"{public_name} is missing from the release: the lesson would not work in a student's install")
    lesson.checks["no key in the release"] = not leaks
    lesson.problems += leaks
    return lesson


def _register(built: list[BuiltLesson], course_root: Path, log: Any) -> None:
    """Enter the lessons, now in the course, into its gradebook (``nbgrader generate_assignment``
    again, on the checked source: it writes the same release)."""
    env = course_environment()
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.pop("NBGRADER_EXECUTION", None)
    for lesson in built:
        proc = _nbgrader(course_root, env, "generate_assignment", lesson.assignment, "--force")
        if proc.returncode != 0:
            raise BuildError(f"nbgrader generate_assignment {lesson.assignment} failed in the course, so the lessons "
                             f"were taken out again:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    log(f"gradebook: {', '.join(lesson.assignment for lesson in built)} entered")


def _is_heading_only(cell: dict[str, Any]) -> bool:
    return cell["type"] == "markdown" and bool(re.fullmatch(r"#{1,6} [^\n]*", cell["source"].strip()))


def _is_empty_heading(cell: dict[str, Any], cells: list[dict[str, Any]]) -> bool:
    """A markdown cell holding only a heading, followed by a heading of the same or a higher level (or nothing)."""
    if not _is_heading_only(cell) or cell["flags"]:
        return False
    i = next(k for k, c in enumerate(cells) if c is cell)
    level = len(cell["source"].strip().split(" ", 1)[0])
    nxt = cells[i + 1] if i + 1 < len(cells) else None
    if nxt is None:
        return True
    head = re.match(r"(#{1,6}) ", nxt["source"].lstrip()) if nxt["type"] == "markdown" else None
    return bool(head) and len(head.group(1)) <= level


def empty_headings(cells: list[dict[str, Any]]) -> list[str]:
    """The headings of a lesson with nothing under them (the sections the article cannot support)."""
    return [c["source"].strip().lstrip("#").strip() for c in cells if _is_empty_heading(c, cells)]


def drop_empty_headings(source: str, kept: list[dict[str, Any]]) -> str:
    """``source`` without the cells of empty headings (``kept`` are the cells that stay)."""
    keep_lines = {c["line"] for c in kept}
    blocks, current = [], None
    for lineno, line in enumerate(source.splitlines(), 1):
        if line.startswith("%% ") and not line.startswith(("%% if", "%% endif")):
            current = lineno in keep_lines
        if current is not False:
            blocks.append(line)
    return "\n".join(blocks) + "\n"


def _facts(article: Any) -> dict[str, str]:
    ref = article.reference
    hedges = [h["cue"]["text"] for h in ref.get("hedges") or []]
    loaded = [x["span"]["text"] for x in _layer(ref, "framing.loaded_language")]
    frames = _layer(ref, "framing.frames")
    main = max(frames, key=lambda f: len(f.get("cues") or []))["frame"] if frames else "political"
    named = [s["name"] for s in ref.get("sources") or [] if s.get("named")]
    return {"example_hedge": hedges[0] if hedges else "may", "example_loaded": loaded[0] if loaded else "insisted",
            "main_frame": question_texts("frame_dimension").get(main, main).split(" (")[0],
            "top_speaker": named[0] if named else "one source"}


def _validate(built: list[BuiltLesson], course_root: Path, env: dict[str, str], log: Any) -> None:
    """``nbgrader validate`` on the solutions (with the reference answers) and ``--invert`` on the release."""
    with tempfile.TemporaryDirectory(prefix="medialit-build-") as tmp:
        copy = Path(tmp)
        shutil.copytree(course_root / "autograder", copy / "autograder",
                        ignore=shutil.ignore_patterns("gradebook.db", "submitted", "autograded", "feedback", "reports"))
        sols, rels = [], []
        for lesson in built:
            sdir = copy / "solutions" / lesson.assignment
            shutil.copytree(lesson.solution.parent, sdir)
            (sdir / f"{lesson.assignment}.answers.json").write_text(answers_text(lesson.assignment, course_root),
                                                                             encoding="utf-8")
            sols.append(str(sdir / lesson.solution.name))
            if lesson.release is not None:
                rdir = copy / "lessons" / lesson.assignment
                shutil.copytree(lesson.release.parent, rdir)
                rels.append(str(rdir / lesson.release.name))
        out = _nbgrader(copy, env, "validate", *sols)
        passes = out.stdout.count("Success! Your notebook passes all the tests.")
        inv = _nbgrader(copy, env, "validate", "--invert", *rels) if rels else None
        fails = inv.stdout.count("Success! The notebook does not pass any tests.") if inv else 0
    ok_sol = out.returncode == 0 and passes == len(sols)
    ok_rel = inv is not None and inv.returncode == 0 and fails == len(rels)
    for lesson in built:
        lesson.checks["nbgrader validate (solution)"] = ok_sol
        lesson.checks["nbgrader validate --invert (release)"] = ok_rel
        if not ok_sol:
            lesson.problems.append("nbgrader validate on the solutions:\n" + out.stdout[-3000:] + out.stderr[-2000:])
        if not ok_rel:
            lesson.problems.append("nbgrader validate --invert on the release:\n"
                                   + ((inv.stdout[-3000:] + inv.stderr[-2000:]) if inv else "no release"))
    log(f"checks: validate {passes}/{len(sols)} solutions pass; validate --invert {fails}/{len(rels)} releases fail")
