"""Running a command as a member of the class, the way their own server's terminal would.

Each command runs under the member's OS account with their environment's tools first on
PATH and the class-wide configuration (``JUPYTER_CONFIG_PATH``), from their home folder or,
for the instructor's nbgrader, from the course's ``autograder/`` folder.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from medialit.errors import MedialitError
from medialit.hub.course_folder import nbgrader_dir
from medialit.hub.site import HubSite
from medialit.hub.users import run_as


class RoleError(MedialitError, RuntimeError):
    """A command run as a class member failed; the message has its output."""


def member_env(site: HubSite, user: str) -> dict[str, str]:
    env = site.instructor_env if user == site.instructor else site.student_env
    return {"PATH": f"{env}/bin:/usr/local/bin:/usr/bin:/bin", "JUPYTER_CONFIG_PATH": str(site.config_dir)}


def as_member(site: HubSite, user: str, argv: Sequence[str], *, cwd: Path | None = None,
              env: Mapping[str, str] | None = None, check: bool = True,
              timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """Run ``argv`` as ``user`` (a student or the instructor) with their environment."""
    proc = run_as(user, argv, cwd=cwd, env=member_env(site, user) | dict(env or {}), timeout=timeout)
    if check and proc.returncode != 0:
        raise RoleError(f"`{' '.join(argv)}` as {user} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n"
                        f"{proc.stderr[-3000:]}")
    return proc


def instructor_nbgrader(site: HubSite, *args: str, check: bool = True,
                        timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """``nbgrader <args>`` as the instructor, from the course's ``autograder/`` folder."""
    return as_member(site, site.instructor, ["nbgrader", *args], cwd=nbgrader_dir(site.course_dir), check=check,
                     timeout=timeout)


def student_nbgrader(site: HubSite, student: str, *args: str, check: bool = True, cwd: Path | None = None,
                     timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``nbgrader <args>`` as ``student``, from their home folder (or ``cwd``)."""
    return as_member(site, student, ["nbgrader", *args], cwd=cwd, check=check, timeout=timeout)
