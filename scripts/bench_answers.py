"""Timings of the interactive layer: recording answers, loading banks, scoring, building widgets.

Run:  .venv/bin/python scripts/bench_answers.py [--repeat 200]

Uses the constructed article and example bank in tests/fixtures (and the lesson banks in
autograder/lesson-sources/ when they load), in a temporary folder.  Prints one line per
figure; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"


def timed(fn, repeat: int) -> tuple[float, float]:
    """(median, 95th percentile) in milliseconds."""
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("MEDIALIT_SEEDS", str(FIXTURES / "seeds"))
    os.environ.setdefault("MEDIALIT_QUESTIONS", str(FIXTURES / "questions"))

    t0 = time.perf_counter()
    from medialit.questions import bank as questions

    questions._INDEX.clear()
    index = questions.all_questions()
    print(f"load every bank: {(time.perf_counter() - t0) * 1000:.1f} ms for {len(index)} questions "
          f"in {len(questions.bank_files())} files")

    from medialit.answers.store import AnswerStore
    from medialit.core.spans import find_span
    from medialit.grading.score import score

    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        store = AnswerStore.for_notebook("bench")
        q_multi = questions.find_question("ex-multiple")
        q_spans = questions.find_question("ex-hedges")
        text = q_spans.article.text
        picks = [(s.start, s.end, "modal") for s in (find_span(text, w) for w in ("could", "probably", "might"))]
        med, p95 = timed(lambda: store.record("ex-multiple", ["may", "probably"], q_multi), args.repeat)
        print(f"record a multiple-choice answer (atomic write + fsync): median {med:.2f} ms, p95 {p95:.2f} ms")
        med, p95 = timed(lambda: store.record("ex-hedges", picks, q_spans), args.repeat)
        print(f"record a 3-span answer (validated annotation document): median {med:.2f} ms, p95 {p95:.2f} ms")
        print(f"answers file size: {store.path.stat().st_size} bytes")
        value = store.get("ex-hedges")
        med, p95 = timed(lambda: score(q_spans, value), args.repeat)
        print(f"score a 3-span answer against 5 reference spans: median {med:.2f} ms, p95 {p95:.2f} ms")
        seed_spans = [q for q in index.values() if q.type == "spans" and q.article_id and "scmp" in q.article_id]
        if seed_spans:
            q = seed_spans[0]
            keys = [(s.start, s.end, lab) for s, lab, _ in q.key_spans()]
            med, p95 = timed(lambda: score(q, keys), max(10, args.repeat // 10))
            print(f"score {q.id} on the seed article ({len(keys)} reference spans, the key as answer): "
                  f"median {med:.2f} ms, p95 {p95:.2f} ms")

        from medialit.lesson.widgets import ask

        t0 = time.perf_counter()
        ask("ex-hedges")
        print(f"first ask('ex-hedges') (imports ipywidgets and anywidget): {(time.perf_counter() - t0) * 1000:.1f} ms")
        med, p95 = timed(lambda: ask("ex-hedges"), max(10, args.repeat // 10))
        print(f"build the span highlighter question again: median {med:.2f} ms, p95 {p95:.2f} ms")
        os.chdir(REPO)
    return 0


if __name__ == "__main__":
    sys.exit(main())
