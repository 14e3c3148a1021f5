"""Benchmark: `medialit grade` on a class of 500 submissions against `nbgrader autograde`.

Builds a throw-away copy of the course with one lesson released, places a synthetic class
(``tests.support.synthetic_class``) of N submissions, then measures:

1. ``medialit grade`` on all N (scoring in worker processes, then writing the gradebook);
2. the real ``nbgrader autograde`` on a sample of S of the same submissions;

and prints submissions per second for both, the ratio, and whether the sample's scores
agree (every question and written-answer cell; code exercises are left to autograde).
``--cheats SHARE`` gives that share of the class a cheat of ``tests.support.cheats``.
``--run-code`` grades the code exercises too (forked children of warm workers) and gives the
class code answers (right, wrong, raising, endless, 1 MB of output, ``os._exit``; one in
``--endless-every`` students loops forever, in turn doing nothing, which is interrupted at
once, and counting, which runs to the time limit); it also prints the pool's peak memory: the
largest sum, sampled every 0.2 s, of the proportional set size (``Pss`` of
``/proc/PID/smaps_rollup``: pages shared after ``fork`` counted once in all) of every process
below this one, workers and their children; and the largest worker's peak resident size.

Run it from the repository root, as a module, so that the synthetic class helpers in
``tests/support`` are importable (as the package ``tests``, found in the current folder)::

    .venv/bin/python -m scripts.bench_class_grading [--lesson 03-hedges] [--n 500] [--sample 5] [--jobs 2]
                                                    [--cheats 0.125] [--run-code] [--endless-every 100]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from medialit.grading.class_grading import grade_class, load_course, write_gradebook
from tests.support.instructor_course import exercise_solutions, gradebook_rows
from tests.support.nbgrader_course import ROOT as COURSE
from tests.support.nbgrader_course import make_course, nbgrader, read_notebook
from tests.support.synthetic_class import make_class, write_submission


def _descendants(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        kids = parents.get(todo.pop(), [])
        out += kids
        todo += kids
    return out


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class PoolMemory(threading.Thread):
    """The largest total proportional set size of this process's descendants while it runs."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kb = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(0.2):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _descendants(os.getpid())))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lesson", default="03-hedges")
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--sample", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--cheats", type=float, default=0.0, help="share of the class that adds a cheat")
    ap.add_argument("--run-code", action="store_true", help="grade code exercises too, with code answers")
    ap.add_argument("--endless-every", type=int, default=100, help="with --run-code: one endless loop per N (0: none)")
    args = ap.parse_args()
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"

    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        base = Path(tmp) / "base"
        make_course(base, [args.lesson])
        nbgrader(base, "generate_assignment", args.lesson, "--force")
        release = read_notebook(COURSE / "lessons" / args.lesson / f"{args.lesson}.ipynb")
        kinds: tuple[str, ...] = ()
        if args.run_code:
            kinds = ("right", "wrong", "raising", "prints_1mb", "os_exit", "right", "wrong", "right", "raising",
                     "right")
            if args.endless_every > 0:
                block = kinds * max(1, args.endless_every // len(kinds) - 1)
                kinds = block + ("endless",) + block + ("endless_busy",)
        subs = make_class(args.lesson, release, args.n, seed=2026, exercise_solutions=exercise_solutions(args.lesson),
                          cheats=args.cheats, code_answers=kinds)
        # a bank cheat attacks this copy's bank, never the repository's
        os.environ["MEDIALIT_QUESTIONS"] = str(base / "autograder" / "lesson-sources" / args.lesson)
        for s in subs:
            write_submission(base / "autograder" / "submitted", args.lesson, s)
        fast, slow = Path(tmp) / "fast", Path(tmp) / "slow"
        load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        shutil.copytree(base, fast)
        sample = subs[: args.sample]
        shutil.copytree(base, slow)
        for folder in (slow / "autograder" / "submitted").iterdir():
            if folder.name not in {s.student for s in sample}:
                shutil.rmtree(folder)

        import resource

        memory = PoolMemory()
        memory.start()
        t0 = time.perf_counter()
        course = load_course(fast / "autograder", args.lesson)
        results = grade_class(course, jobs=args.jobs, run_code=args.run_code)
        t1 = time.perf_counter()
        memory.stopping.set()
        memory.join()
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        write_gradebook(course, results)
        t2 = time.perf_counter()
        fast_total = t2 - t0

        t3 = time.perf_counter()
        proc = nbgrader(slow, "autograde", args.lesson, timeout=max(600, 120 * len(sample)), check=False)
        slow_total = time.perf_counter() - t3
        if proc.returncode != 0:
            print(proc.stdout[-2000:], proc.stderr[-2000:], file=sys.stderr)
            return 1

        names = [s.student for s in sample]
        a, b = gradebook_rows(fast, args.lesson, names), gradebook_rows(slow, args.lesson, names)
        execution = {(r.student, c.grade_id) for r in results for _, c in r.cells() if c.kind == "execution"}
        code_cells = {(r.student, c.grade_id) for r in results for _, c in r.cells() if c.kind == "code"}
        same = compared = code_same = code_compared = 0
        for name in names:
            for gid, score in b[name]["grades"].items():
                if (name, gid) in execution:
                    continue
                compared += 1
                same += a[name]["grades"][gid] == score
                code_compared += (name, gid) in code_cells
                code_same += (name, gid) in code_cells and a[name]["grades"][gid] == score

        left = sum(1 for r in results if r.left_whole)
        flagged = sum(1 for r in results if r.flags)
        fast_rate = len(subs) / fast_total
        slow_rate = len(sample) / slow_total
        print(f"lesson {args.lesson}, {os.cpu_count()} CPU(s), {args.jobs} worker process(es); load average "
              f"before: {load_before}")
        print(f"medialit grade:    {len(subs)} submissions in {fast_total:.1f} s "
              f"(scoring {t1 - t0:.1f} s, gradebook {t2 - t1:.1f} s): {fast_rate:.1f} submissions/s; "
              f"{left} left whole to autograde (unreadable); {flagged} with code that touches grading (flagged)")
        print(f"nbgrader autograde: {len(sample)} submissions in {slow_total:.1f} s: {slow_rate:.3f} submissions/s")
        print(f"ratio: medialit grade is {fast_rate / slow_rate:.0f}x faster per submission")
        print(f"sample agreement: {same} of {compared} scored cells identical "
              f"({len(execution)} code exercise cell(s) left to autograde)")
        if args.run_code:
            code = sum(1 for r in results for _, c in r.cells() if c.kind == "code")
            reasons: dict[str, int] = {}
            for r in results:
                for why in r.left_to_nbgrader:
                    key = why.split(": ", 1)[-1]
                    reasons[key] = reasons.get(key, 0) + 1
            kind_of = {sub.student: next((t[5:] for t in sub.traits if t.startswith("code_")), "?") for sub in subs}
            spent: dict[str, list[float]] = {}
            for r in results:
                spent.setdefault(kind_of[r.student], []).append(r.seconds)
            print("worker seconds per submission by code answer (count, mean, max): " + "; ".join(
                f"{k} {len(v)}, {sum(v) / len(v):.2f}, {max(v):.1f}" for k, v in sorted(spent.items())))
            print(f"code exercise cells in the sample identical to autograde's: {code_same} of {code_compared}; "
                  f"submissions whose code exercises are left to autograde: {sum(reasons.values())}"
                  + "".join(f"\n  {n} x {why}" for why, n in sorted(reasons.items(), key=lambda kv: -kv[1])))
            print(f"code exercise cells scored by running the code: {code}; pool peak memory: "
                  f"{memory.peak_kb / 1024:.0f} MB (sum of PSS of the workers and their children); largest "
                  f"worker's peak resident size: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
