"""A class hub in one call: accounts, environments, course, exchange, configuration, hub.

:func:`set_up` makes everything a :class:`~medialit.hub.site.HubSite` describes and is safe
to run again (existing accounts, environments and the course folder are kept).
:func:`remove` undoes it: servers, hub, accounts with the site's prefix, the site folder and
the course's folder in the exchange.

Limits: needs root, Linux, and a clone of the repository (see :mod:`medialit.hub.envs`).
Generated passwords are written to ``passwords.csv`` (root only) for the instructor to hand
out; a real class logs in through the school's single sign-on instead.
"""

from __future__ import annotations

import csv
import io
import os
import secrets
import shutil
from collections.abc import Callable

from medialit.hub import envs, exchange, process, roles, users
from medialit.hub.config import write_configs
from medialit.hub.course_folder import install_course, make_course_folder, nbgrader_dir
from medialit.hub.site import HubSite

Log = Callable[[str], None]


def _password() -> str:
    return secrets.token_urlsafe(12)


def _write_passwords(site: HubSite, passwords: dict[str, str]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["username", "password", "role"])
    for name, pw in passwords.items():
        writer.writerow([name, pw, "instructor" if name == site.instructor else "student"])
    site.passwords_file.write_text(buf.getvalue(), encoding="utf-8")
    os.chmod(site.passwords_file, 0o600)


def read_passwords(site: HubSite) -> dict[str, str]:
    with site.passwords_file.open(encoding="utf-8") as fh:
        return {row["username"]: row["password"] for row in csv.DictReader(fh)}


def roster_csv(site: HubSite) -> str:
    """The class list in nbgrader's import format (id,first_name,last_name,email)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "first_name", "last_name", "email"])
    for name in site.students:
        writer.writerow([name, "Student", name.removeprefix(site.prefix), ""])
    return buf.getvalue()


def set_up(site: HubSite, *, passwords: dict[str, str] | None = None, log: Log = print) -> None:
    """Make (or complete) the class hub ``site`` describes; the hub itself is not started."""
    users.require_root("setting up a class hub")
    site.root.mkdir(parents=True, exist_ok=True)
    os.chmod(site.root, 0o755)
    proxy = process.proxy_command()
    site.save()  # first, so that `medialit hub remove` can undo a set-up that fails half-way
    known = read_passwords(site) if site.passwords_file.exists() else {}
    wanted = {name: (passwords or {}).get(name) or known.get(name) or _password() for name in site.users}
    log(f"accounts: {site.instructor} (instructor) and {len(site.students)} students")
    made = {name: users.create_user(name, site.prefix, home_base=site.home_base) for name in site.users}
    users.set_passwords(wanted)
    _write_passwords(site, wanted)
    envs.ensure_envs(site.student_env, site.instructor_env, site.root / "wheels", log=log)
    instructor = made[site.instructor]
    if not site.course_dir.exists():
        log(f"course folder: {site.course_dir}")
        make_course_folder(site.course_dir, envs.checkout_root())
        (nbgrader_dir(site.course_dir) / "students.csv").write_text(roster_csv(site), encoding="utf-8")
    install_course(site.course_dir, instructor)
    exchange.prepare_exchange(site.exchange, site.course_id, instructor)
    write_configs(site, proxy)
    roles.instructor_nbgrader(site, "db", "student", "import", "students.csv")
    for lesson in site.lessons:
        log(f"registering {lesson} in the gradebook (nbgrader generate_assignment)")
        roles.instructor_nbgrader(site, "generate_assignment", "--force", lesson)


def remove(site: HubSite, log: Log = print) -> None:
    """Stop everything and remove the accounts, the site folder and the course's exchange folder."""
    users.require_root("removing a class hub")
    if process.is_up(site):
        process.stop_all(site)
    else:
        process.stop_hub(site)
    for name in site.users:
        users.end_processes(name)  # servers left running while the hub was down
        if users.remove_user(name, site.prefix):
            log(f"removed account {name}")
    shutil.rmtree(site.exchange / site.course_id, ignore_errors=True)
    try:
        site.exchange.rmdir()  # only when no other course uses it
    except OSError:
        pass
    shutil.rmtree(site.root, ignore_errors=True)
    log(f"removed {site.root}")
