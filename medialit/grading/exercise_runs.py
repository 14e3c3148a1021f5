"""Code exercises graded in a forked child of a warm worker, as ``nbgrader autograde`` scores them.

A worker of ``medialit grade`` loads spaCy, the model and IPython's formatter once
(:func:`warm_up`).  For each submission it forks one child (:func:`run_steps`) that runs, in
order, the code cells the grade needs from the *sanitized* notebook, whose locked cells and
hidden tests nbgrader's ``OverwriteCells`` has already restored from the course source:

- every code cell is run in notebook order, except cells tagged ``skip-execution`` (nbclient
  skips them too), question cells (scored outside the kernel) and cells that only call
  ``ask``/``reveal`` with literal arguments (they show a widget and change nothing);
- each cell gets the course's ``Execute.timeout``; at the limit the child gets a
  ``KeyboardInterrupt``, as a kernel does when nbgrader interrupts it, and the next cells run;
- the child runs in a session of its own, in a fresh folder holding a copy of the student's
  submitted files, with ``RLIMIT_AS`` (the worker's size plus :data:`MEMORY_HEADROOM`) and
  ``RLIMIT_NPROC`` (:data:`MAX_PROCESSES`); when run as root it drops to ``nobody`` so that
  the process limit applies and no course file can be written; the network is cut with a new
  network namespace when the kernel allows it, else by refusing socket connections in the
  child (best-effort: code that reaches the network by other means is not stopped);
- a loop that can only end by an interrupt and changes nothing while it runs (``while True:``
  whose body is only ``pass``, ``continue`` or constants, without ``else``) is interrupted
  as soon as it starts, instead of at the time limit: the state, the outputs and the
  ``KeyboardInterrupt`` are the ones autograde meets at the limit, and the cell is reported
  as interrupted at the limit.  If the student's code catches that interrupt, the cell is
  reported as having run for the whole limit, so it is left to nbgrader (see below), and any
  later such loop of the cell runs as written, for the timer to interrupt.  In a thread other
  than the main one such a loop runs as written (a kernel interrupt does not reach it either);
- a grade cell's outcome is built as nbgrader's outputs (stdout, stderr, error, value) and
  scored by nbgrader's own ``determine_grade`` after nbgrader's ``LimitOutput`` and medialit's
  out-of-range rule, exactly as under autograde; a child that dies (``os._exit``, a segfault)
  fails the cell that ran and every later one, as :class:`ExecuteToTheEnd` does.

What this path cannot prove identical to autograde is returned as a *reason* and the
exercise is left to nbgrader: IPython syntax (magics, ``!`` commands), ``exit()``/``quit()``,
``input()``, the network, the memory limit, output written below Python (C code writing to
file descriptors), a cell that finished close to the time limit, a child that ignored the
interrupt.

Limits: the child's namespace is a plain ``__main__`` module, not an IPython kernel's (no
``In``/``Out``/``_`` history, ``display`` outputs are not recorded); warnings already shown
once in the worker are not shown again; the copy of the student's files omits notebooks; the
code runs warm (spaCy and the model already loaded), so a cell that loads the model in a
cold kernel close to the time limit may time out under autograde and not here.
"""

from __future__ import annotations

import ast
import json
import os
import resource
import select
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Address space a child may use beyond the worker's own size (bytes).
MEMORY_HEADROOM = 2 * 1024**3
#: Processes the child's user may have (``RLIMIT_NPROC``): a fork bomb stops there.
MAX_PROCESSES = 64
#: The user a child runs as when the worker runs as root.
NOBODY = 65534
#: A cell that finished after this share of the time limit could time out under autograde.
CLOSE_TO_LIMIT = 0.6
#: Widget calls that change nothing the grade needs (a cell of only these is not run).
WIDGET_CALLS = frozenset({"ask", "reveal"})
#: The call that replaces a loop that can only end by an interrupt (a builtin of the child only).
ENDLESS_CALL = "__medialit_endless_loop__"


@dataclass
class CodeStep:
    """One code cell to run: its index in the notebook, source and grade cell data."""

    index: int
    source: str
    grade_id: str | None = None
    max_points: float | None = None
    graded: bool = False  # a code grade cell that is not a solution: scored from its outputs


@dataclass
class StepOutcome:
    """What one cell produced (as nbgrader's outputs) and how long it ran."""

    index: int
    stdout: str = ""
    stderr: str = ""
    error: tuple[str, str] | None = None  # (ename, evalue)
    value: str | None = None  # text/plain of the cell's value
    seconds: float = 0.0
    timed_out: bool = False


@dataclass
class RunResult:
    """The outcome of one submission's run: per-step outcomes, or why it must go to nbgrader."""

    outcomes: dict[int, StepOutcome] = field(default_factory=dict)
    died: str | None = None  # what ended the child early ("exit code 1", "signal SIGSEGV")
    died_at: int | None = None  # the index of the cell running when it died
    refused: str | None = None  # why nbgrader must run it instead
    notes: list[str] = field(default_factory=list)  # bad input worth a line in the summary


# -- planning ---------------------------------------------------------------------------
def _calls_only(source: str, names: frozenset[str]) -> bool:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    if not tree.body:
        return False
    for node in tree.body:
        if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Name) and node.value.func.id in names
                and all(isinstance(a, ast.Constant) for a in node.value.args)
                and all(isinstance(k.value, ast.Constant) for k in node.value.keywords)):
            return False
    return True


def unprovable(source: str) -> str | None:
    """Why running ``source`` outside a kernel may differ from autograde, else None."""
    for line in source.splitlines():
        stripped = line.lstrip()
        if stripped.startswith(("%", "!")) or stripped.endswith("?") and not stripped.startswith("#"):
            return "uses IPython syntax (magics, ! commands or ? help)"
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None  # the same SyntaxError under autograde
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in ("exit", "quit", "get_ipython", "input", "display"):
            return f"uses {node.id}(), which behaves differently in a kernel"
        if isinstance(node, ast.Name) and node.id == ENDLESS_CALL:
            return f"uses the name {ENDLESS_CALL}, which grading reserves"
    return None


def _changes_nothing(stmt: ast.stmt) -> bool:
    return isinstance(stmt, (ast.Pass, ast.Continue)) or (isinstance(stmt, ast.Expr)
                                                           and isinstance(stmt.value, ast.Constant))


class EndlessLoops(ast.NodeTransformer):
    """Replace each loop that can only end by an interrupt and changes nothing (``while True:
    pass``; see the module doc) by a call of :data:`ENDLESS_CALL`."""

    def visit_While(self, node: ast.While) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.test, ast.Constant) and node.test.value and not node.orelse \
                and all(_changes_nothing(s) for s in node.body):
            call = ast.Expr(ast.Call(ast.Name(ENDLESS_CALL, ast.Load()), [], []))
            return ast.copy_location(call, node)
        return node


def plan_steps(nb: Any, skip_ids: set[str]) -> list[CodeStep]:
    """The code cells of the sanitized notebook ``nb`` to run, in order (see the module doc)."""
    from nbgrader import utils

    steps = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "skip-execution" in cell.get("metadata", {}).get("tags", []):
            continue
        meta = cell.metadata.get("nbgrader", {})
        gid = meta.get("grade_id")
        if utils.is_grade(cell) and gid in skip_ids:
            continue
        if not utils.is_grade(cell) and _calls_only(cell.source, WIDGET_CALLS):
            continue
        graded = utils.is_grade(cell) and not utils.is_solution(cell)
        steps.append(CodeStep(index, cell.source, gid, float(meta["points"]) if graded else None, graded))
    return steps


# -- the worker -------------------------------------------------------------------------
_WARM: dict[str, Any] = {}


def warm_up() -> None:
    """Load what every child needs once, in this worker: the pipeline, the model (and parse one
    sentence with it), IPython's plain-text formatter, the lesson imports.  Only ever called in a worker process."""
    if _WARM:
        return
    from IPython.core.formatters import PlainTextFormatter

    import medialit.checks  # noqa: F401
    import medialit.widgets  # noqa: F401
    from medialit.nlp import load_nlp

    # one parse, so that the pipeline's lazy set-up is done here once and not in every child
    # (about 25 ms each); it adds this sentence's words to the vocabulary, as the lessons'
    # first parse of the same sentence does
    load_nlp()("The ferry may leave early.")
    _WARM["formatter"] = PlainTextFormatter()
    _WARM["vm"] = _vm_size()


def _vm_size() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _private_folder(files_from: Path | None) -> Path:
    work = Path(tempfile.mkdtemp(prefix="medialit-run-"))
    if files_from is not None and files_from.is_dir():
        for path in files_from.rglob("*"):
            rel = path.relative_to(files_from)
            if path.is_file() and path.suffix != ".ipynb" and not any(p.startswith(".") for p in rel.parts):
                (work / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, work / rel)
    if os.geteuid() == 0:
        for path in [work, *work.rglob("*")]:
            os.chown(path, NOBODY, NOBODY)
    return work


def run_steps(steps: list[CodeStep], files_from: Path | None, timeout: float) -> RunResult:
    """Run ``steps`` in a child forked from this (warm) worker; see the module doc."""
    result = RunResult()
    for step in steps:
        reason = unprovable(step.source)
        if reason:
            result.refused = f"cell {step.grade_id or step.index} {reason}"
            return result
    if not steps:
        return result
    work = _private_folder(files_from)
    raw = tempfile.TemporaryFile()  # output written below Python, from file descriptors 1 and 2
    try:
        before = sorted(p.relative_to(work).as_posix() for p in work.rglob("*"))
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read_end)
            _child(steps, work, timeout, write_end, raw.fileno())
        os.close(write_end)
        _collect(pid, read_end, steps, timeout, result)
        raw.seek(0)
        if raw.read(1) and result.refused is None:
            result.refused = "its code wrote output outside Python (from C code or a subprocess)"
        after = sorted(p.relative_to(work).as_posix() for p in work.rglob("*")) if work.exists() else []
        gone = sorted(set(before) - set(after))
        if gone:
            result.notes.append(f"its code deleted {', '.join(gone[:3])}{' ...' if len(gone) > 3 else ''} in its "
                                "working folder (a copy; the submission is untouched)")
    finally:
        raw.close()
        shutil.rmtree(work, ignore_errors=True)
    return result


def _collect(pid: int, fd: int, steps: list[CodeStep], timeout: float, result: RunResult) -> None:
    """Read the child's outcomes; kill it (and its process group) when it stops answering."""
    buf = b""
    grace = timeout + max(2.0, timeout / 2)
    deadline = time.monotonic() + grace
    status = None
    with os.fdopen(fd, "rb", buffering=0) as pipe:
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([pipe], [], [], max(0.0, left))
            if not ready:
                result.refused = "a cell ignored the interrupt at the time limit"
                break
            chunk = pipe.read(1 << 16)
            if not chunk:
                break
            buf += chunk
            *lines, buf = buf.split(b"\n")
            for line in lines:
                msg = json.loads(line)
                if "note" in msg:
                    result.notes.append(msg["note"])
                    continue
                out = StepOutcome(msg["index"], msg["stdout"], msg["stderr"],
                                  tuple(msg["error"]) if msg["error"] else None, msg["value"], msg["seconds"],
                                  msg["timed_out"])
                result.outcomes[out.index] = out
                deadline = time.monotonic() + grace
    for sig in (signal.SIGKILL,):
        try:
            os.killpg(pid, sig)  # the child and anything it started
        except (ProcessLookupError, PermissionError):
            pass
    _, status = os.waitpid(pid, 0)
    if len(result.outcomes) < len(steps) and result.refused is None:
        ran = {s.index for s in steps} - set(result.outcomes)
        result.died_at = min(ran)
        if os.WIFSIGNALED(status):
            result.died = f"signal {signal.Signals(os.WTERMSIG(status)).name}"
        else:
            result.died = f"exit code {os.WEXITSTATUS(status)}"


def _no_network() -> str:
    """Cut the child off the network: a new network namespace, else a socket guard."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(0x40000000) == 0:  # CLONE_NEWNET
            return "namespace"
    except (OSError, AttributeError):
        pass
    return "guard"


def _child(steps: list[CodeStep], work: Path, timeout: float, out_fd: int, raw_fd: int) -> None:
    """The forked child: limits, then each step; reports one JSON line per step.  Never returns."""
    code = 0
    try:
        import faulthandler

        faulthandler.disable()  # a crash ends the child as it ends a kernel, with nothing written to the cell
        os.setsid()
        os.chdir(work)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(raw_fd, 1)
        os.dup2(raw_fd, 2)
        network = _no_network()
        limit = (_WARM.get("vm") or _vm_size()) + MEMORY_HEADROOM
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        if os.geteuid() == 0:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
        resource.setrlimit(resource.RLIMIT_NPROC, (MAX_PROCESSES, MAX_PROCESSES))
        os.environ["NBGRADER_EXECUTION"] = "autograde"
        os.environ["HOME"] = str(work)
        _run_in_child(steps, timeout, out_fd, network)
    except BaseException:  # noqa: BLE001  (nothing may escape a forked child)
        code = 70
    finally:
        os._exit(code)


def _run_in_child(steps: list[CodeStep], timeout: float, out_fd: int, network: str) -> None:
    import builtins
    import io
    import linecache
    import types

    events: dict[str, int] = {}

    def audit(event: str, args: Any) -> None:
        if event in ("socket.connect", "socket.getaddrinfo", "socket.sendto", "socket.bind"):
            events["network"] = events.get("network", 0) + 1
            if network == "guard":
                raise OSError("the network is off while grading")
        elif event in ("os.fork", "os.forkpty", "os.posix_spawn", "os.spawn", "os.system", "subprocess.Popen",
                       "os.exec"):
            events["processes"] = events.get("processes", 0) + 1

    sys.addaudithook(audit)
    me = os.getpid()
    main = types.ModuleType("__main__")
    main.__dict__["__builtins__"] = builtins
    sys.modules["__main__"] = main  # this child's own module table
    formatter = _WARM.get("formatter")
    writer = os.fdopen(out_fd, "w", encoding="utf-8")

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    import threading

    endless: list[bool] = []

    def endless_loop() -> None:
        if endless or threading.current_thread() is not threading.main_thread():
            # as written, for the timer to interrupt: the code caught the first interrupt of this
            # cell, or this is another thread (an interrupt reaches the main thread only)
            while True:
                pass
        endless.append(True)
        raise KeyboardInterrupt

    setattr(builtins, ENDLESS_CALL, endless_loop)  # this child's builtins only

    signal.signal(signal.SIGALRM, interrupt)
    for step in steps:
        out, err = io.StringIO(), io.StringIO()
        sys.stdout, sys.stderr = out, err
        error = value = None
        timed_out = False
        started = time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            try:
                # the cell's lines for tracebacks, as IPython keeps them (this child's linecache only)
                linecache.cache[f"<cell {step.index}>"] = (len(step.source), None, step.source.splitlines(True),
                                                           f"<cell {step.index}>")
                tree = ast.fix_missing_locations(EndlessLoops().visit(ast.parse(step.source,
                                                                                filename=f"<cell {step.index}>")))
                last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
                exec(compile(tree, f"<cell {step.index}>", "exec"), main.__dict__)
                if last is not None:
                    result = eval(compile(ast.Expression(last.value), f"<cell {step.index}>", "eval"),
                                  main.__dict__)
                    if result is not None and not step.source.rstrip().endswith(";"):
                        value = formatter(result) if formatter else repr(result)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except KeyboardInterrupt:
            timed_out = bool(endless) or time.monotonic() - started >= timeout * 0.99
            error = ("KeyboardInterrupt", "")
        except BaseException as exc:  # noqa: BLE001  (a student's error is the cell's outcome)
            error = (type(exc).__name__, str(exc))
        seconds = timeout if endless else time.monotonic() - started  # autograde met the loop's end at the limit
        endless.clear()
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        msg = {"index": step.index, "stdout": out.getvalue(), "stderr": err.getvalue(), "error": error,
               "value": value, "seconds": seconds, "timed_out": timed_out}
        if os.getpid() != me:  # a process the student's code forked: it reports nothing
            os._exit(0)
        writer.write(json.dumps(msg) + "\n")
        writer.flush()
    if events.get("network"):
        writer.write(json.dumps({"note": f"network:{events['network']}"}) + "\n")
    if events.get("processes"):
        writer.write(json.dumps({"note": f"processes:{events['processes']}"}) + "\n")
    writer.flush()


# -- scoring ----------------------------------------------------------------------------
def cell_outputs(outcome: StepOutcome | None, died: str | None) -> list[Any]:
    """nbgrader's outputs for a cell: streams, then an error or the value."""
    from nbformat import v4

    outputs = []
    if outcome is not None:
        if outcome.stdout:
            outputs.append(v4.new_output("stream", name="stdout", text=outcome.stdout))
        if outcome.stderr:
            outputs.append(v4.new_output("stream", name="stderr", text=outcome.stderr))
        if outcome.error:
            outputs.append(v4.new_output("error", ename=outcome.error[0], evalue=outcome.error[1],
                                         traceback=[f"{outcome.error[0]}: {outcome.error[1]}"]))
        elif outcome.value is not None:
            outputs.append(v4.new_output("execute_result", {"text/plain": outcome.value}, execution_count=1))
    if died is not None:
        outputs.append(v4.new_output("error", ename="KernelDied", evalue=died, traceback=[f"KernelDied: {died}"]))
    return outputs


def score_cells(nb: Any, steps: list[CodeStep], run: RunResult, config: Any) -> dict[str, tuple[float, str]]:
    """Grade id -> (points, feedback text) of every graded code cell, as autograde scores it."""
    from nbgrader import utils
    from nbgrader.preprocessors import LimitOutput

    from medialit.grading.nbgrader_scoring import out_of_range_value

    limit = LimitOutput(config=config)
    scores = {}
    for step in steps:
        if not step.graded:
            continue
        cell = nb.cells[step.index]
        outcome = run.outcomes.get(step.index)
        died = None
        if run.died_at is not None and step.index >= run.died_at:
            died = (f"the kernel died while this cell ran ({run.died})" if step.index == run.died_at else
                    "the kernel had stopped before this cell could run")
        cell.outputs = cell_outputs(outcome, died)
        cell, _ = limit.preprocess_cell(cell, {}, step.index)
        bad = out_of_range_value(cell)
        if bad is not None:
            cell.outputs = cell_outputs(StepOutcome(step.index, error=("ScoreError", f"the cell's value {bad} is "
                                                                       "not a score")), None)
        points, _ = utils.determine_grade(cell)
        text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        for o in cell.outputs:
            if o.output_type == "error":
                text += f"{o.ename}: {o.evalue}\n"
        scores[step.grade_id] = (float(points if points is not None else 0.0), text)
    return scores


def close_to_limit(steps: list[CodeStep], run: RunResult, timeout: float) -> str | None:
    """A cell that finished (not interrupted) after :data:`CLOSE_TO_LIMIT` of the time limit."""
    for step in steps:
        out = run.outcomes.get(step.index)
        if out and not out.timed_out and out.seconds > CLOSE_TO_LIMIT * timeout:
            return f"cell {step.grade_id or step.index} ran {out.seconds:.1f} s of its {timeout:g} s limit"
    return None


@dataclass
class ExerciseGrades:
    """The graded code cells of one notebook: scores, or why they are left to nbgrader."""

    scores: dict[str, tuple[float, str]] = field(default_factory=dict)
    left_to_nbgrader: str | None = None
    notes: list[str] = field(default_factory=list)


def execute_settings(config: Any) -> tuple[float, bool]:
    """The course's ``Execute.timeout`` and ``Execute.interrupt_on_timeout`` (nbgrader's defaults otherwise)."""
    from nbgrader.preprocessors import Execute

    execute = Execute(config=config)
    return float(execute.timeout or 30), bool(execute.interrupt_on_timeout)


def grade_exercises(nb: Any, skip_ids: set[str], files_from: Path | None, config: Any) -> ExerciseGrades:
    """Run the graded code of the sanitized notebook ``nb`` in a child and score it (module doc)."""
    timeout, interrupts = execute_settings(config)
    steps = plan_steps(nb, skip_ids)
    out = ExerciseGrades()
    if not any(s.graded for s in steps):
        return out
    run = run_steps(steps, files_from, timeout)
    notes = []
    for note in run.notes:
        if note.startswith("network:"):
            run.refused = run.refused or "its code tried to use the network, which is off here"
        elif note.startswith("processes:"):
            notes.append(f"its code started processes ({note.split(':')[1]} time(s)); they were bounded at "
                         f"{MAX_PROCESSES} (RLIMIT_NPROC) and ended with the run")
        else:
            notes.append(note)
    out.notes = notes
    if run.refused is None:
        if any(o.error and o.error[0] == "MemoryError" for o in run.outcomes.values()):
            run.refused = f"its code hit the memory limit ({MEMORY_HEADROOM // 1024**2} MB above the worker's size)"
        elif any(o.timed_out for o in run.outcomes.values()) and not interrupts:
            run.refused = "a cell ran into the time limit and the course does not interrupt cells"
        else:
            run.refused = close_to_limit(steps, run, timeout)
    if run.refused:
        out.left_to_nbgrader = run.refused
        return out
    if run.died is not None:
        where = next((s.grade_id or f"cell {s.index}" for s in steps if s.index == run.died_at), run.died_at)
        out.notes.append(f"the code's process ended ({run.died}) while {where} ran: that cell and every later one "
                         "score 0, as under autograde")
    for s in steps:
        o = run.outcomes.get(s.index)
        if o is not None and o.timed_out:
            out.notes.append(f"{s.grade_id or f'cell {s.index}'} was interrupted at the {timeout:g} s time limit")
    out.scores = score_cells(nb, steps, run, config)
    return out
