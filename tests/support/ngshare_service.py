"""ngshare on the test class hub: the exchange the Kubernetes configuration uses, run locally.

ngshare runs as a JupyterHub service in its own environment (``<envs>/ngshare``), and the
class's nbgrader reaches it through ``ngshare-exchange``, installed apart from the class's
environments (``<envs>/ngshare-exchange``, put on PYTHONPATH) so that they stay as they are.
Versions: ngshare 0.6.0 stores nothing with SQLAlchemy 2 (its objects are "not in session"),
so it gets SQLAlchemy 1.4 and an alembic that supports it; ngshare-exchange 0.5.3 pins
jupyter-core below what JupyterLab 4 needs, so the client is 0.5.2 (what pip picks for the
image too).
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

NGSHARE = ["ngshare==0.6.0", "sqlalchemy<2", "alembic<1.14"]
CLIENT = "ngshare-exchange==0.5.2"


@dataclass
class NgshareTools:
    python: Path  # ngshare's Python
    client_lib: Path  # ngshare-exchange, for PYTHONPATH


def ensure_ngshare_tools(envs: Path, jupyterhub_version: str) -> NgshareTools:
    env, lib = envs / "ngshare", envs / "ngshare-exchange"
    stamp = env / ".medialit-ngshare.json"
    wanted = {"server": NGSHARE + [f"jupyterhub=={jupyterhub_version}"], "client": CLIENT}
    if not stamp.exists() or json.loads(stamp.read_text()) != wanted:
        subprocess.run(["rm", "-rf", str(env), str(lib)], check=True)
        subprocess.run(["/usr/bin/python3", "-m", "venv", str(env)], check=True)
        pip = [str(env / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run(pip + wanted["server"], check=True, capture_output=True)
        subprocess.run(pip + ["--no-deps", "--target", str(lib), CLIENT], check=True, capture_output=True)
        subprocess.run(["chmod", "-R", "a+rX", str(lib)], check=True)
        stamp.write_text(json.dumps(wanted))
    return NgshareTools(env / "bin" / "python", lib)


def ngshare_service(tools: NgshareTools, data: Path, port: int, admins: list[str]) -> dict:
    """The ``c.JupyterHub.services`` entry that runs ngshare (files and database in ``data``)."""
    data.mkdir(parents=True, exist_ok=True)
    os.chmod(data, 0o700)
    return {"name": "ngshare", "url": f"http://127.0.0.1:{port}",
            "command": [str(tools.python), "-m", "ngshare", "--admins", ",".join(admins),
                        "--database", f"sqlite:///{data / 'ngshare.db'}", "--storage", str(data / "files")]}
