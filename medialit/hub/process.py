"""Starting and stopping the JupyterHub process of a site.

The hub runs in the background (its own session, log in ``hub/jupyterhub.log``), as root:
the local process spawner starts each user's server under that user's account.  Stopping
the hub leaves the users' servers running (``cleanup_servers = False``); a started hub finds
them again.  :func:`stop_hub` stops the hub only, :func:`stop_all` the servers first.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from medialit.errors import MedialitError
from medialit.hub.api import HubAPI
from medialit.hub.config import admin_token
from medialit.hub.site import HubSite

#: Where ``make hub-tools`` installs configurable-http-proxy (npm, inside the checkout).
LOCAL_PROXY = Path(".hub-tools") / "node_modules" / ".bin" / "configurable-http-proxy"


class HubError(MedialitError, RuntimeError):
    """The hub could not be started or stopped; the message says what to look at."""


def proxy_command() -> Path:
    """configurable-http-proxy: ``$MEDIALIT_CHP``, the checkout's ``.hub-tools``, or PATH."""
    from medialit.core.paths import SOURCE_ROOT

    candidates = [os.environ.get("MEDIALIT_CHP"), str(SOURCE_ROOT / LOCAL_PROXY),
                  shutil.which("configurable-http-proxy")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    raise HubError("configurable-http-proxy is not installed: run `make hub-tools` (npm install into "
                   ".hub-tools/), or `npm install -g configurable-http-proxy`, or set MEDIALIT_CHP")


def hub_pid(site: HubSite) -> int | None:
    """The running hub's process id (from its pid file), or None."""
    try:
        pid = int((site.hub_dir / "jupyterhub.pid").read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def is_up(site: HubSite) -> bool:
    try:
        with urllib.request.urlopen(f"{site.url}/hub/health", timeout=3) as resp:
            return resp.status == 200
    except OSError:
        return False


def start_hub(site: HubSite, timeout: float = 90) -> int:
    """Start the hub in the background and wait until it answers; returns its process id."""
    if hub_pid(site) is not None:
        raise HubError(f"the hub of {site.root} is running already (pid {hub_pid(site)}); "
                       "`medialit hub stop` first")
    node_dir = str(Path(shutil.which("node") or "/usr/bin/node").parent)
    env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_CONFIG_PATH", "JUPYTERHUB_API_TOKEN")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{node_dir}{os.pathsep}/usr/local/bin:/usr/bin:/bin"
    log = (site.hub_dir / "jupyterhub.log").open("ab")
    proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(site.hub_dir / "jupyterhub_config.py")],
                            cwd=site.hub_dir, env=env, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    log.close()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise HubError(f"JupyterHub exited ({proc.returncode}); last lines of {site.hub_dir / 'jupyterhub.log'}:\n"
                           + _tail(site.hub_dir / "jupyterhub.log"))
        if is_up(site):
            return proc.pid
        time.sleep(0.3)
    raise HubError(f"JupyterHub did not answer at {site.url} within {timeout:.0f} s:\n"
                   + _tail(site.hub_dir / "jupyterhub.log"))


def stop_hub(site: HubSite, timeout: float = 30) -> bool:
    """Stop the hub (and its proxy), leaving users' servers running; False if it was not running."""
    pid = hub_pid(site)
    if pid is None:
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        _reap(pid)
        time.sleep(0.2)
    else:
        os.kill(pid, signal.SIGKILL)
        _reap(pid)
    return True


def stop_all(site: HubSite) -> list[str]:
    """Stop every user's server through the hub, then the hub; returns whose servers were stopped."""
    stopped: list[str] = []
    if is_up(site):
        api = HubAPI(site.url, admin_token(site))
        for name in api.running_servers():
            api.stop_server(name)
            stopped.append(name)
    stop_hub(site)
    return stopped


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def _tail(path: Path, lines: int = 30) -> str:
    """The log's errors (JupyterHub's [E]/[C] lines and tracebacks) and its last lines."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return "(no log)"
    errors = [line for line in text
              if line.startswith(("[E ", "[C ")) or ("Error:" in line and "ConfigProxy" not in line)]
    return "\n".join(errors[-10:] + ["..."] + text[-lines:])
