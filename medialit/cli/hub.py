"""``medialit hub``: a JupyterHub class with nbgrader's exchange (set-up, start, stop, collect, export).

The work is done by :mod:`medialit.hub`; this module only reads the arguments and prints.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from medialit.cli import CommandError

HELP = "a class hub: JupyterHub, OS accounts and nbgrader's exchange"
DESCRIPTION = ("Run a class on JupyterHub: every student gets their own server and files, nbgrader's exchange "
               "carries lessons out and submissions back. See docs/class-hub.md.")


def register(parser: argparse.ArgumentParser) -> None:
    hsub = parser.add_subparsers(dest="hub_command", metavar="ACTION")
    hsub.required = True

    d = hsub.add_parser("demo", help="set up a class hub (accounts, environments, course, exchange) and start it",
                        description="Create one instructor and N student accounts, the students' and the "
                                    "instructor's environments, the course folder and the exchange, then start "
                                    "JupyterHub in the background. Needs root. Safe to run again.")
    d.add_argument("--students", "-n", type=int, required=True, help="how many student accounts")
    _site_args(d)
    d.add_argument("--exchange", type=Path, help="the exchange folder (default: /srv/nbgrader/exchange)")
    d.add_argument("--prefix", default="mlhub-", help="every account name starts with this (default: mlhub-)")
    d.add_argument("--ip", default="127.0.0.1", help="address the hub listens on (0.0.0.0: every interface)")
    d.add_argument("--port", type=int, default=8000)
    d.add_argument("--lessons", default="00-orientation,01-sources,02-framing,03-hedges,04-capstone",
                   help="lessons to register in the gradebook (comma-separated)")
    d.add_argument("--no-start", action="store_true", help="set everything up but do not start the hub")

    for name, text in (("start", "start the hub of a site (the servers that kept running are found again)"),
                       ("stop", "stop every server and the hub (--hub-only: the hub, servers keep running)"),
                       ("status", "is the hub up, whose servers run, is the exchange healthy")):
        s = hsub.add_parser(name, help=text)
        _site_args(s)
        if name == "stop":
            s.add_argument("--hub-only", action="store_true", help="stop the hub only (e.g. to change its config)")

    r = hsub.add_parser("remove", help="stop the class and remove its accounts, site folder and exchange folder")
    _site_args(r)
    r.add_argument("--yes", action="store_true", help="really remove (students' files are deleted)")

    c = hsub.add_parser("check-exchange", help="is the exchange there, writable by students, with room left")
    c.add_argument("--exchange", type=Path, default=Path("/srv/nbgrader/exchange"))
    c.add_argument("--course-id", default="medialit")

    w = hsub.add_parser("wheel", help="build the wheel a class's servers install (students: the student install)")
    w.add_argument("--role", choices=["students", "instructor"], default="students")
    w.add_argument("--dest", type=Path, default=Path("dist"), help="folder for the wheel (default: dist)")

    ce = hsub.add_parser("configure-env", help="set an environment's nbgrader extensions for a role (image builds)",
                         description="Students: only the assignment list and validate; the instructor: every "
                                     "nbgrader extension and a formgrader that opens inside JupyterLab.")
    ce.add_argument("--role", choices=["students", "instructor"], required=True)
    ce.add_argument("--env", type=Path, default=Path(sys.prefix), help="the environment (default: this Python's)")

    k = hsub.add_parser("collect", help="nbgrader collect --update, then list late submissions, missing answers "
                                        "files and refused (forged) submissions")
    k.add_argument("lesson")
    _course_arg(k)

    e = hsub.add_parser("export-grades", help="the gradebook as a CSV for Canvas or Moodle",
                        description="One row per student, one column per lesson, the school's student id and "
                                    "the total; see docs/class-hub.md.")
    e.add_argument("--to", required=True, choices=["canvas", "moodle"], dest="fmt")
    _course_arg(e)
    e.add_argument("--roster", type=Path, help="CSV mapping hub usernames to school ids (username,sis_id,...)")
    e.add_argument("--lessons", help="only these lessons (comma-separated; default: every lesson in the gradebook)")
    e.add_argument("--out", "-o", type=Path, required=True)
    e.add_argument("--force", action="store_true", help="overwrite --out")


def _site_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--site", type=Path, default=Path("/srv/medialit-hub"),
                   help="the hub's folder (default: /srv/medialit-hub)")


def _course_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--course-dir", type=Path,
                   help="the course's nbgrader folder (default: this folder if it has nbgrader_config.py, "
                        "else ./autograder)")


def _course_dir(args: argparse.Namespace) -> Path:
    if args.course_dir:
        return args.course_dir
    return Path(".") if Path("nbgrader_config.py").exists() else Path("autograder")


def _load_site(args: argparse.Namespace):  # noqa: ANN202
    from medialit.hub.site import HubSite

    return HubSite.load(args.site)


def run(args: argparse.Namespace) -> int:
    actions = {"demo": cmd_demo, "start": cmd_start, "stop": cmd_stop, "status": cmd_status, "remove": cmd_remove,
               "check-exchange": cmd_check_exchange, "wheel": cmd_wheel, "configure-env": cmd_configure_env,
               "collect": cmd_collect, "export-grades": cmd_export_grades}
    try:
        return actions[args.hub_command](args)
    except (PermissionError, FileExistsError) as exc:  # a folder the hub cannot use: say which
        raise CommandError(str(exc)) from None


def cmd_demo(args: argparse.Namespace) -> int:
    from medialit.hub import demo, process
    from medialit.hub.site import DEFAULT_EXCHANGE, HubSite, SiteError, student_names

    if args.students < 1:
        raise CommandError("--students must be 1 or more")
    try:
        site = HubSite.load(args.site)
        if args.students != len(site.students):
            raise CommandError(f"{args.site} is a hub of {len(site.students)} students; `medialit hub remove "
                               f"--site {args.site} --yes` first to make one of {args.students}")
    except SiteError:
        site = HubSite(root=args.site, instructor=f"{args.prefix}teacher",
                       students=student_names(args.prefix, args.students), prefix=args.prefix,
                       exchange=args.exchange or DEFAULT_EXCHANGE, ip=args.ip, port=args.port,
                       lessons=[x.strip() for x in args.lessons.split(",") if x.strip()])
    demo.set_up(site, log=lambda m: print(m, file=sys.stderr))
    if not args.no_start and process.hub_pid(site) is None:
        process.start_hub(site)
    print(f"class hub: {site.url}" + ("" if not args.no_start else " (not started: medialit hub start)"))
    print(f"  instructor {site.instructor}, {len(site.students)} students; passwords in {site.passwords_file} "
          "(root only): hand them out")
    print(f"  course folder {site.course_dir} (instructor only), exchange {site.exchange}")
    print(f"  stop: medialit hub stop --site {site.root}   remove: medialit hub remove --site {site.root} --yes")
    print("  This demo logs in with the accounts' passwords (PAM). For a real class, see docs/class-hub.md.")
    return 0


def cmd_start(args: argparse.Namespace) -> int:
    from medialit.hub import process

    site = _load_site(args)
    pid = process.start_hub(site)
    print(f"hub started (pid {pid}): {site.url}")
    return 0


def cmd_stop(args: argparse.Namespace) -> int:
    from medialit.hub import process

    site = _load_site(args)
    if args.hub_only:
        print("hub stopped; the servers keep running" if process.stop_hub(site) else "the hub was not running")
        return 0
    stopped = process.stop_all(site)
    print(f"stopped {len(stopped)} server(s) and the hub")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from medialit.hub import process
    from medialit.hub.api import HubAPI
    from medialit.hub.config import admin_token
    from medialit.hub.exchange import check_exchange

    site = _load_site(args)
    up = process.is_up(site)
    print(f"hub {site.url}: {'up' if up else 'down'}")
    if up:
        running = HubAPI(site.url, admin_token(site)).running_servers()
        print(f"  servers running: {len(running)}" + (f" ({', '.join(running)})" if running else ""))
    health = check_exchange(site.exchange, site.course_id)
    print(f"exchange {site.exchange}: " + ("ok" if health.ok else "PROBLEMS"))
    for problem in health.problems:
        print(f"  {problem}")
    return 0 if up and health.ok else 1


def cmd_remove(args: argparse.Namespace) -> int:
    from medialit.hub import demo

    site = _load_site(args)
    if not args.yes:
        raise CommandError(f"this deletes {len(site.users)} accounts with their files, {site.root} and the course's "
                           f"exchange folder; add --yes to do it")
    demo.remove(site)
    return 0


def cmd_check_exchange(args: argparse.Namespace) -> int:
    from medialit.hub.exchange import check_exchange

    health = check_exchange(args.exchange, args.course_id)
    free = "" if health.free_bytes is None else f" ({health.free_bytes // (1024 * 1024)} MB free)"
    print(f"exchange {args.exchange}: {'ok' if health.ok else 'PROBLEMS'}{free}")
    for problem in health.problems:
        print(f"  {problem}")
    return 0 if health.ok else 1


def cmd_wheel(args: argparse.Namespace) -> int:
    from medialit.hub.envs import build_wheel, student_wheel

    wheel = (student_wheel if args.role == "students" else build_wheel)(args.dest)
    print(wheel)
    return 0


def cmd_configure_env(args: argparse.Namespace) -> int:
    from medialit.hub.envs import configure_extensions, extensions

    if not (args.env / "bin" / "jupyter").exists():
        raise CommandError(f"{args.env} has no bin/jupyter: give the environment JupyterLab and nbgrader are in")
    configure_extensions(args.env, args.role)
    problems = extensions(args.env).problems(args.role)
    if problems:
        raise CommandError(f"{args.env} is not right for {args.role}: " + "; ".join(problems))
    print(f"{args.env}: nbgrader extensions set for {args.role}")
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    from medialit.hub.collect_report import collect, report

    course_dir = _course_dir(args)
    status, output = collect(course_dir, args.lesson)
    if status != 0:
        raise CommandError(f"nbgrader collect {args.lesson} failed:\n{output.strip()}")
    result = report(course_dir, args.lesson, output)
    for line in result.lines():
        print(line)
    return 0


def cmd_export_grades(args: argparse.Namespace) -> int:
    from medialit.hub.grades_export import course_gradebook, export_grades, read_roster, write_export

    db_url, course_id = course_gradebook(_course_dir(args))
    roster = read_roster(args.roster) if args.roster else None
    lessons = [x.strip() for x in args.lessons.split(",") if x.strip()] if args.lessons else None
    export = export_grades(db_url, course_id, args.fmt, roster, lessons)
    write_export(export, args.out, args.force)
    print(f"wrote {args.out}: {export.rows} students, lessons {', '.join(export.lessons)} ({args.fmt})")
    for note in export.notes():
        print(f"  {note}")
    return 0
