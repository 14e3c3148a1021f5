"""A class of 50, 100 and 200 on the class hub: how long each step of a lesson takes.

Sets up a class hub with scripted students (real OS accounts, no browser), then for each class
size, on a clean exchange and gradebook, times:

- release: ``nbgrader release_assignment`` by the instructor;
- fetch: every student fetches the lesson through the exchange (as their own account);
- answer + submit: every student writes the answers file as the widgets do (good, bad, or
  none for every tenth student) and submits;
- collect: ``medialit hub collect`` (nbgrader collect and the report);
- grade (fast): ``medialit grade`` (the question cells, no kernels);
- autograde: ``nbgrader autograde`` (runs every notebook: the code exercise);
- feedback: ``nbgrader generate_feedback`` + ``release_feedback``, then every student fetches;
- export: ``medialit hub export-grades --to canvas``;
- logins: every student logs in to the hub with their password (PAM), four at a time;

and reports the hub's peak memory (the JupyterHub process and configurable-http-proxy, from
/proc: VmHWM) and, for a few students' servers started at the end, the memory of one
student server with its kernel-less JupyterLab.

Usage (root; takes about half an hour for 50/100/200 on 2 cores)::

    .venv/bin/python scripts/bench_hub.py [--sizes 50,100,200] [--autograde-sample N] [--servers 3]

Limits: the scripted students use the exchange directly, not a server each, so the hub's
memory is that of 200 logged-in users with a few servers; a server per student adds the
per-server figure times the number of students working at once.  Wall-clock times on a
shared machine vary; the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.cookiejar
import os
import re
import secrets
import shutil
import socket
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from medialit.hub import demo, process, simulate, users  # noqa: E402
from medialit.hub.api import HubAPI  # noqa: E402
from medialit.hub.config import admin_token  # noqa: E402
from medialit.hub.course_folder import nbgrader_dir  # noqa: E402
from medialit.hub.roles import as_member, instructor_nbgrader  # noqa: E402
from medialit.hub.site import HubSite, student_names  # noqa: E402

LESSON = "01-sources"
ENVS = Path(os.environ.get("MEDIALIT_HUB_TEST_ENVS", "/var/tmp/medialit-hub-envs"))


def _kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _proxy_pid(site: HubSite) -> int | None:
    try:
        return int((site.hub_dir / "proxy.pid").read_text().strip())
    except (OSError, ValueError):
        return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def login(site: HubSite, user: str, password: str) -> bool:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{site.url}/hub/login", timeout=60).read()
    xsrf = next(c.value for c in jar if c.name == "_xsrf")
    form = urllib.parse.urlencode({"username": user, "password": password, "_xsrf": xsrf}).encode()
    # to the hub's home page, not the user's server: logging in only, nothing spawned
    req = urllib.request.Request(f"{site.url}/hub/login?next=/hub/home", data=form)
    with opener.open(req, timeout=120) as resp:
        return resp.status == 200


def reset(site: HubSite, students: list[str]) -> None:
    """A clean exchange, course and students' folders for the next class size."""
    course_exchange = site.exchange / site.course_id
    for sub in ("inbound", "outbound", "feedback"):
        for p in (course_exchange / sub).glob("*"):
            shutil.rmtree(p) if p.is_dir() else p.unlink()
    auto = nbgrader_dir(site.course_dir)
    for sub in ("submitted", "autograded", "feedback"):
        shutil.rmtree(auto / sub, ignore_errors=True)
    (auto / "gradebook.db").unlink(missing_ok=True)
    for name in students:
        home = site.home(name)
        for sub in (LESSON, ".local/share/jupyter/nbgrader_cache"):
            shutil.rmtree(home / sub, ignore_errors=True)
    (auto / "students.csv").write_text(demo.roster_csv(site), encoding="utf-8")
    instructor_nbgrader(site, "db", "student", "import", "students.csv")
    instructor_nbgrader(site, "generate_assignment", "--force", LESSON)


def timed(label: str, results: dict[str, float], fn, *args, **kwargs):  # noqa: ANN001, ANN201
    started = time.perf_counter()
    out = fn(*args, **kwargs)
    results[label] = time.perf_counter() - started
    print(f"    {label}: {results[label]:.1f} s", flush=True)
    return out


def check(outcomes: list[simulate.Outcome], what: str) -> None:
    bad = simulate.failures(outcomes)
    if bad:
        raise SystemExit(f"{what} failed for some students:\n{bad}")


def run_size(site: HubSite, n: int, workers: int, autograde_sample: int | None, passwords: dict[str, str]) -> dict:
    students = site.students[:n]
    print(f"\n== {n} students", flush=True)
    reset(site, site.students)
    r: dict[str, float] = {}
    timed("release", r, instructor_nbgrader, site, "release_assignment", "--force", LESSON)
    check(timed("fetch (all students)", r, simulate.fetch_all, site, LESSON, students, workers), "fetch")
    qualities = {s: simulate.quality_of(i) for i, s in enumerate(students)}
    check(timed("answer + submit (all students)", r, simulate.answer_and_submit_all, site, LESSON, qualities,
                workers), "submit")
    teacher = site.instructor
    auto = nbgrader_dir(site.course_dir)
    report = timed("collect", r, as_member, site, teacher, ["medialit", "hub", "collect", LESSON], cwd=auto).stdout
    print("      " + report.strip().splitlines()[0], flush=True)
    timed("grade (medialit grade)", r, as_member, site, teacher, ["medialit", "grade", ".", LESSON], cwd=auto)
    sample = students if autograde_sample is None else students[:autograde_sample]
    rest = students[len(sample):]
    only = [f"--CourseDirectory.student_id_exclude={','.join(rest)}"] if rest else []
    graded = timed("autograde (nbgrader)", r, instructor_nbgrader, site, "autograde", LESSON, *only,
                   check=False, timeout=4 * 3600)
    failed = sorted(set(re.findall(r"error processing assignment '[^']+' for student '([^']+)'", graded.stdout
                                   + graded.stderr)))
    if failed:  # e.g. a kernel that did not start in time on a loaded machine: counted, not fatal
        print(f"      autograde failed for {len(failed)}: {', '.join(failed)}", flush=True)
    r["autograde failures"] = len(failed)
    r["autograded submissions"] = len(sample)
    r["autograde per submission"] = r["autograde (nbgrader)"] / len(sample)
    timed("generate feedback", r, instructor_nbgrader, site, "generate_feedback", LESSON, timeout=3600)
    timed("release feedback", r, instructor_nbgrader, site, "release_feedback", LESSON)
    check(timed("fetch feedback (all students)", r, simulate.fetch_feedback_all, site, LESSON, students, workers),
          "fetch feedback")
    timed("export grades (canvas)", r, as_member, site, teacher,
          ["medialit", "hub", "export-grades", "--to", "canvas", "-o", "grades.csv", "--force"], cwd=auto)

    def login_all() -> int:
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            return sum(pool.map(lambda s: login(site, s, passwords[s]), students))

    ok = timed("log in (all students)", r, login_all)
    if ok != n:
        raise SystemExit(f"only {ok} of {n} logins worked")
    pid = process.hub_pid(site)
    r["hub RSS after logins (MiB)"] = _kib(pid, "VmRSS") / 1024 if pid else 0.0
    print(f"    hub RSS after {n} logins: {r['hub RSS after logins (MiB)']:.0f} MiB", flush=True)
    return r


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,100,200")
    parser.add_argument("--workers", type=int, default=4, help="scripted students at once (default 4)")
    parser.add_argument("--autograde-sample", type=int,
                        help="autograde only this many submissions per size (default: all)")
    parser.add_argument("--servers", type=int, default=3, help="student servers started to measure one (default 3)")
    parser.add_argument("--keep", action="store_true", help="leave the class in place (accounts, site)")
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("the benchmark creates OS accounts: run it as root")
    sizes = sorted(int(x) for x in args.sizes.split(","))
    run = secrets.token_hex(2)
    root = Path(f"/tmp/mlhub-bench-{run}")
    prefix = f"mlhub-b{run}-"
    site = HubSite(root=root, instructor=f"{prefix}teacher", students=student_names(prefix, max(sizes)),
                   prefix=prefix, exchange=root / "exchange", envs=ENVS, home_base=root / "home",
                   lessons=[LESSON], port=_free_port(), hub_port=_free_port(), proxy_api_port=_free_port())
    root.mkdir(mode=0o755)
    os.chmod(root, 0o755)
    passwords = {name: secrets.token_urlsafe(10) for name in site.users}
    figures: dict[int, dict] = {}
    try:
        started = time.perf_counter()
        demo.set_up(site, passwords=passwords, log=lambda m: print(f"  {m}", flush=True))
        print(f"set-up of {max(sizes)} accounts, environments, course and exchange: "
              f"{time.perf_counter() - started:.0f} s", flush=True)
        process.start_hub(site)
        simulate.prepare()
        for n in sizes:
            figures[n] = run_size(site, n, args.workers, args.autograde_sample, passwords)
        api = HubAPI(site.url, admin_token(site))
        per_server = []
        for name in site.students[: args.servers]:
            t0 = time.perf_counter()
            api.start_server(name)
            spawn = time.perf_counter() - t0
            time.sleep(3)
            per_server.append((spawn, sum(_kib(p, "VmRSS") for p in users.processes_of(name)) / 1024))
        hub_pid, proxy_pid = process.hub_pid(site), _proxy_pid(site)
        hub_peak = _kib(hub_pid, "VmHWM") / 1024 if hub_pid else 0.0
        proxy_peak = _kib(proxy_pid, "VmHWM") / 1024 if proxy_pid else 0.0
    finally:
        if not args.keep:
            demo.remove(site, log=lambda m: None)

    print("\n| step | " + " | ".join(f"{n} students" for n in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for key in figures[sizes[0]]:
        cells = []
        for n in sizes:
            value = figures[n][key]
            plain = "MiB" in key or key in ("autograded submissions", "autograde failures")
            cells.append(f"{value:.0f}" if plain else f"{value:.1f} s")
        print(f"| {key} | " + " | ".join(cells) + " |")
    print(f"\nhub peak memory (VmHWM): JupyterHub {hub_peak:.0f} MiB, configurable-http-proxy {proxy_peak:.0f} MiB")
    if per_server:
        spawn = sum(s for s, _ in per_server) / len(per_server)
        mem = sum(m for _, m in per_server) / len(per_server)
        print(f"one student server (mean of {len(per_server)}): started in {spawn:.1f} s, {mem:.0f} MiB RSS")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
