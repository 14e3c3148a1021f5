"""The configuration files of a class hub, rendered from a :class:`~medialit.hub.site.HubSite`.

- ``hub/jupyterhub_config.py``: PAM login for the class's OS accounts, one local process per
  user (students from ``envs/students``, the instructor from ``envs/instructor``), servers
  that outlive a hub restart, an admin service token for ``medialit hub`` itself;
- ``etc/jupyter/nbgrader_config.py``: the exchange and course id for everyone, and the
  exchange classes of :mod:`medialit.hub.exchange_guard`.  It is what nbgrader's docs put in
  ``/etc/jupyter/nbgrader_config.py``; here it is reached through ``JUPYTER_CONFIG_PATH``, so
  a hub leaves ``/etc`` alone and its removal removes it.

The PAM authenticator checks the OS passwords; the demo generates them.  For a real class
use your school's single sign-on (LTI or OAuth, see docs/class-hub.md).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from medialit.hub.site import HubSite

HUB_CONFIG = '''"""JupyterHub for the medialit class {course_id!r}: written by `medialit hub`, edit the site instead."""

c = get_config()  # noqa: F821

HUB_DIR = {hub_dir!r}
INSTRUCTOR = {instructor!r}
STUDENTS = {students!r}
STUDENT_ENV = {student_env!r}
INSTRUCTOR_ENV = {instructor_env!r}
CONFIG_PATH = {config_dir!r}

c.JupyterHub.bind_url = {bind_url!r}
c.JupyterHub.hub_bind_url = {hub_bind_url!r}
c.JupyterHub.db_url = "sqlite:///" + HUB_DIR + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = HUB_DIR + "/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = HUB_DIR + "/jupyterhub.pid"

c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.api_url = {proxy_api_url!r}
c.ConfigurableHTTPProxy.auth_token = open(HUB_DIR + "/proxy_token").read().strip()
c.ConfigurableHTTPProxy.pid_file = HUB_DIR + "/proxy.pid"

# Students keep working while the hub restarts: their servers are separate processes that the
# restarted hub finds again in its database.
c.JupyterHub.cleanup_servers = False

# Real OS accounts with their own passwords (PAM).  Only the class may log in; nobody is a
# hub admin (the instructor grades in their own server, not in other people's).
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False
c.Authenticator.allowed_users = set([INSTRUCTOR] + STUDENTS)
c.Authenticator.admin_users = set()

# `medialit hub` talks to the hub through this service (start, stop, tokens for tests).
c.JupyterHub.services = [{{"name": "medialit-admin",
                          "api_token": open(HUB_DIR + "/admin_token").read().strip()}}]
c.JupyterHub.load_roles = [{{"name": "medialit-admin", "services": ["medialit-admin"],
                            "scopes": ["admin:users", "admin:servers", "tokens", "list:users",
                                       "read:users", "access:servers"]}}]
c.JupyterHub.services += {services!r}

c.JupyterHub.spawner_class = "localprocess"
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.Spawner.args = ["--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]


def choose_environment(spawner):
    """The instructor's server runs the full install, every other server the student install."""
    env = INSTRUCTOR_ENV if spawner.user.name == INSTRUCTOR else STUDENT_ENV
    spawner.cmd = [env + "/bin/jupyterhub-singleuser"]
    spawner.environment.update({{
        "PATH": env + "/bin:/usr/local/bin:/usr/bin:/bin",
        "JUPYTER_CONFIG_PATH": CONFIG_PATH,
    }})


c.Spawner.pre_spawn_hook = choose_environment
'''

NBGRADER_CONFIG = '''"""Class-wide nbgrader settings of the medialit class {course_id!r} (written by `medialit hub`).

Every student's and the instructor's nbgrader reads this file (JUPYTER_CONFIG_PATH); it is
what nbgrader's documentation puts in /etc/jupyter/nbgrader_config.py.
"""

c = get_config()  # noqa: F821

c.CourseDirectory.course_id = {course_id!r}
c.Exchange.root = {exchange!r}
# Refuse a submission folder made by someone other than the student it names, and never
# leave a half-copied submission behind (medialit.hub.exchange_guard).
c.ExchangeFactory.submit = "medialit.hub.exchange_guard.SafeSubmit"
c.ExchangeFactory.collect = "medialit.hub.exchange_guard.OwnerCheckedCollect"
'''


def _secret_file(path: Path) -> None:
    if not path.exists():
        path.write_text(secrets.token_hex(32) + "\n", encoding="utf-8")
    os.chmod(path, 0o600)


def write_configs(site: HubSite, proxy: Path) -> Path:
    """Write both configuration files and the hub's secrets; returns the hub's config file."""
    site.hub_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(site.hub_dir, 0o700)
    for name in ("proxy_token", "admin_token"):
        _secret_file(site.hub_dir / name)
    hub_config = site.hub_dir / "jupyterhub_config.py"
    hub_config.write_text(HUB_CONFIG.format(
        course_id=site.course_id, hub_dir=str(site.hub_dir), instructor=site.instructor,
        students=list(site.students), student_env=str(site.student_env), instructor_env=str(site.instructor_env),
        config_dir=str(site.config_dir), bind_url=f"http://{site.ip}:{site.port}",
        hub_bind_url=f"http://127.0.0.1:{site.hub_port}", proxy=str(proxy),
        proxy_api_url=f"http://127.0.0.1:{site.proxy_api_port}", services=list(site.services)), encoding="utf-8")
    os.chmod(hub_config, 0o600)
    site.config_dir.mkdir(parents=True, exist_ok=True)
    for path in (site.root, site.root / "etc", site.config_dir):
        os.chmod(path, 0o755)
    nb_config = site.config_dir / "nbgrader_config.py"
    nb_config.write_text(NBGRADER_CONFIG.format(course_id=site.course_id, exchange=str(site.exchange)),
                         encoding="utf-8")
    os.chmod(nb_config, 0o644)
    return hub_config


def admin_token(site: HubSite) -> str:
    return (site.hub_dir / "admin_token").read_text(encoding="utf-8").strip()
