"""Real OS accounts for a class hub: created with ``useradd``, removed with ``userdel -r``.

Every account a hub creates starts with the hub's *prefix* (``mlhub-`` by default), and
:func:`remove_user` refuses a name without it, so removing a class cannot touch anyone
else's account.  Home folders get mode 0700: no student can list or read another's files.

Limits: Linux only; creating and removing accounts needs root.  Passwords are set with
``chpasswd``; the PAM authenticator of JupyterHub checks them.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from medialit.errors import MedialitError

#: What a username may look like (Debian's default NAME_REGEX, lower case, at most 32).
NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")


class UserError(MedialitError, RuntimeError):
    """An account could not be created, found or removed; the message says why."""


@dataclass(frozen=True)
class User:
    """An OS account: its name, ids and home folder."""

    name: str
    uid: int
    gid: int
    home: Path


def require_root(what: str) -> None:
    """Raise :class:`UserError` unless this process runs as root."""
    if os.geteuid() != 0:
        raise UserError(f"{what} needs root (it creates OS accounts and sets file owners); run it with sudo")


def lookup(name: str) -> User | None:
    """The account called ``name``, or None."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return None
    return User(entry.pw_name, entry.pw_uid, entry.pw_gid, Path(entry.pw_dir))


def check_name(name: str, prefix: str) -> None:
    if not name.startswith(prefix):
        raise UserError(f"{name!r} does not start with the hub's prefix {prefix!r}; "
                        "a hub only creates and removes accounts with its own prefix")
    if not NAME.match(name):
        raise UserError(f"{name!r} is not a valid username: use lower-case letters, digits, '-' or '_' "
                        "(at most 32 characters, starting with a letter)")


def create_user(name: str, prefix: str, *, home_base: Path | None = None, password: str | None = None) -> User:
    """Create the account ``name`` (home folder mode 0700); an existing one is reused.

    ``home_base`` is the folder that holds the home folder (default: useradd's, ``/home``).
    """
    require_root("creating accounts")
    check_name(name, prefix)
    user = lookup(name)
    if user is None:
        cmd = ["useradd", "--create-home", "--shell", "/bin/bash", "--user-group", "-K", "HOME_MODE=0700"]
        if home_base is not None:
            home_base.mkdir(parents=True, exist_ok=True)
            cmd += ["--base-dir", str(home_base)]
        _run(cmd + [name], f"useradd {name}")
        user = lookup(name)
        if user is None:
            raise UserError(f"useradd reported success but {name} does not exist")
    user.home.mkdir(exist_ok=True)
    os.chown(user.home, user.uid, user.gid)
    os.chmod(user.home, 0o700)
    if password is not None:
        set_passwords({name: password})
    return user


def set_passwords(passwords: Mapping[str, str]) -> None:
    """Set the passwords of existing accounts (one ``chpasswd`` call)."""
    require_root("setting passwords")
    if not passwords:
        return
    lines = "".join(f"{name}:{pw}\n" for name, pw in passwords.items())
    if any(":" in pw or "\n" in pw for pw in passwords.values()):
        raise UserError("a password may not contain ':' or a line break")
    proc = subprocess.run(["chpasswd"], input=lines, capture_output=True, text=True)
    if proc.returncode != 0:
        raise UserError(f"chpasswd failed: {proc.stderr.strip()}")


def remove_user(name: str, prefix: str) -> bool:
    """Remove the account and its home folder; False if there was none.

    Its processes must have ended (``userdel`` refuses otherwise; the message says so).
    """
    require_root("removing accounts")
    check_name(name, prefix)
    user = lookup(name)
    if user is None:
        return False
    proc = subprocess.run(["userdel", "--remove", name], capture_output=True, text=True)
    # 12: the home folder or mail spool could not be removed (there is no mail spool here)
    if proc.returncode not in (0, 12):
        raise UserError(f"userdel {name} failed ({proc.returncode}): {proc.stderr.strip()}")
    if user.home.exists():
        shutil.rmtree(user.home, ignore_errors=True)
    return True


def users_with_prefix(prefix: str) -> list[str]:
    """The names of all accounts that start with ``prefix`` (sorted)."""
    if not prefix:
        raise UserError("an empty prefix would match every account")
    return sorted(e.pw_name for e in pwd.getpwall() if e.pw_name.startswith(prefix))


def processes_of(name: str) -> list[int]:
    """Live process ids owned by the account ``name`` (read from /proc; zombies left out)."""
    user = lookup(name)
    if user is None:
        return []
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == user.uid and (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                    pids.append(int(entry.name))
            except (OSError, IndexError):
                continue
    return sorted(pids)


def end_processes(name: str, timeout: float = 10) -> None:
    """End the processes of the account ``name`` (SIGTERM, then SIGKILL), one process id at a time."""
    import signal
    import time

    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in processes_of(name):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + timeout
        while processes_of(name) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not processes_of(name):
            return
    raise UserError(f"processes of {name} are still running: {processes_of(name)}")


def run_as(name: str, argv: Sequence[str], *, cwd: Path | None = None, env: Mapping[str, str] | None = None,
           input: str | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run ``argv`` as the account ``name`` with a clean environment (HOME, USER, PATH, LANG).

    ``env`` adds or replaces variables; ``cwd`` defaults to the account's home.
    """
    user = lookup(name)
    if user is None:
        raise UserError(f"no account {name!r}")
    base = {"HOME": str(user.home), "USER": name, "LOGNAME": name, "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8", "SHELL": "/bin/bash"}
    base.update(env or {})
    cmd = ["runuser", "-u", name, "--", "env", "-i", *(f"{k}={v}" for k, v in base.items()), *argv]
    return subprocess.run(cmd, cwd=cwd or user.home, capture_output=True, text=True, errors="replace", input=input,
                          timeout=timeout)


def _run(cmd: list[str], what: str) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise UserError(f"{what} failed ({proc.returncode}): {proc.stderr.strip() or proc.stdout.strip()}")
