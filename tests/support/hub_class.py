"""A running class hub for the tests marked ``hub``: one instructor, three students.

Everything lives in ``/tmp/mlhub-test-<id>/`` (site, homes, exchange) and every account is
called ``mlhub-t<id>-...``; the session's end removes both.  The two Python environments are
kept between runs in ``$MEDIALIT_HUB_TEST_ENVS`` (default ``/var/tmp/medialit-hub-envs``):
the first run builds them (a few minutes), later runs only reinstall the medialit wheel.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

from medialit.hub import demo, process, users
from medialit.hub.api import HubAPI
from medialit.hub.config import admin_token
from medialit.hub.site import HubSite

ENVS = Path(os.environ.get("MEDIALIT_HUB_TEST_ENVS", "/var/tmp/medialit-hub-envs"))
TEST_ACCOUNT = re.compile(r"^mlhub-t([0-9a-f]{4})-")
LESSONS = ["00-orientation", "01-sources", "02-framing"]


def skip_reason() -> str | None:
    """Why the hub tests cannot run here, or None."""
    if not sys.platform.startswith("linux"):
        return "the class hub needs Linux"
    if os.geteuid() != 0:
        return "the hub tests create OS accounts and run servers as them: run them as root (CI does)"
    for tool in ("useradd", "userdel", "runuser", "chpasswd"):
        if shutil.which(tool) is None:
            return f"{tool} is missing (Debian package passwd/util-linux)"
    if shutil.which("node") is None:
        return "node is missing: `make hub-tools` installs nodejs, npm and configurable-http-proxy"
    try:
        process.proxy_command()
    except process.HubError as exc:
        return str(exc)
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        return "JupyterHub is not installed: pip install -e '.[hub]'"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def remove_stale_accounts() -> None:
    """Remove accounts left by an earlier run that was killed (their site folder is gone)."""
    for name in users.users_with_prefix("mlhub-t"):
        match = TEST_ACCOUNT.match(name)
        if match and not Path(f"/tmp/mlhub-test-{match.group(1)}").exists():
            users.end_processes(name)
            users.remove_user(name, match.group(0))


@dataclass
class ClassHub:
    """The running hub, its people and their passwords; tokens are made on request."""

    site: HubSite
    passwords: dict[str, str]
    _tokens: dict[str, str] = field(default_factory=dict)

    @property
    def teacher(self) -> str:
        return self.site.instructor

    @property
    def students(self) -> list[str]:
        return self.site.students

    @property
    def admin(self) -> HubAPI:
        return HubAPI(self.site.url, admin_token(self.site))

    def token(self, user: str) -> str:
        """An API token of ``user`` (with only that user's own permissions)."""
        if user not in self._tokens:
            self._tokens[user] = self.admin.create_token(user, note="hub tests")
        return self._tokens[user]

    def api_as(self, user: str) -> HubAPI:
        return HubAPI(self.site.url, self.token(user))

    def home(self, user: str) -> Path:
        return self.site.home(user)


def make_class_hub() -> ClassHub:
    """Set up and start the test class (the caller removes it with :func:`remove_class_hub`)."""
    remove_stale_accounts()
    run = secrets.token_hex(2)
    root = Path(f"/tmp/mlhub-test-{run}")
    prefix = f"mlhub-t{run}-"
    site = HubSite(root=root, instructor=f"{prefix}teacher", students=[f"{prefix}stu{i}" for i in (1, 2, 3)],
                   prefix=prefix, exchange=root / "exchange", envs=ENVS, home_base=root / "home",
                   lessons=LESSONS, port=free_port(), hub_port=free_port(), proxy_api_port=free_port())
    passwords = {name: secrets.token_urlsafe(10) for name in site.users}
    root.mkdir(mode=0o755)
    os.chmod(root, 0o755)
    demo.set_up(site, passwords=passwords, log=lambda m: print(m, file=sys.stderr))
    process.start_hub(site)
    return ClassHub(site, passwords)


def existing_class_hub(root: Path) -> ClassHub:
    """A hub set up before (its passwords from ``passwords.csv``); started if it is down."""
    site = HubSite.load(root)
    if not process.is_up(site):
        process.start_hub(site)
    return ClassHub(site, demo.read_passwords(site))


def remove_class_hub(hub: ClassHub) -> None:
    demo.remove(hub.site, log=lambda m: None)
