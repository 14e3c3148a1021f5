"""The two Python environments of a class hub: the students' and the instructor's.

Student servers run from ``envs/students``: the student install of medialit (a wheel, never
the checkout), JupyterLab, nbgrader with only the student extensions (assignment list and
validate), and ``jupyterhub-singleuser``.  The instructor's server runs from
``envs/instructor``: the full install, with formgrader and the course list.

An environment is rebuilt only when what it depends on changes (the wheel's requirements,
the JupyterHub version, the Python version); a changed medialit wheel alone is reinstalled
in seconds.  A stamp file (``.medialit-env.json``) records both.

Limits: the two wheels are built from the checkout (``pip wheel --no-deps``), so a hub is set
up from a clone of the repository.  :func:`student_wheel` is the one place that decides what
students get; today it is the same build as the instructor's and still carries the
question banks (see docs/class-hub.md).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from medialit.core.paths import SOURCE_ROOT
from medialit.errors import MedialitError

STAMP = ".medialit-env.json"

#: nbgrader parts students must not have: writing assignments, grading, other courses.
STUDENT_DISABLED_LAB = ["@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                        "@jupyter/nbgrader:course-list"]
STUDENT_DISABLED_SERVER = ["nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list"]
#: What each role's server must show.
STUDENT_ENABLED_SERVER = ["nbgrader.server_extensions.assignment_list",
                          "nbgrader.server_extensions.validate_assignment"]
INSTRUCTOR_ENABLED_SERVER = ["nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.assignment_list",
                             "nbgrader.server_extensions.course_list",
                             "nbgrader.server_extensions.validate_assignment"]
ROLES = ("students", "instructor")

Log = Callable[[str], None]


class EnvError(MedialitError, RuntimeError):
    """An environment could not be built; the message names the failing step."""


def checkout_root() -> Path:
    """The clone of the repository this medialit runs from (it holds pyproject.toml and the course)."""
    if not (SOURCE_ROOT / "pyproject.toml").is_file() or not (SOURCE_ROOT / "autograder").is_dir():
        raise EnvError(f"medialit runs from an installed copy ({SOURCE_ROOT}); setting up a class hub needs a "
                       "clone of the repository (it builds the student wheel and copies the course from it)")
    return SOURCE_ROOT


def build_wheel(dest: Path) -> Path:
    """Build the checkout's wheel (``pip wheel --no-deps``) into ``dest``; returns its path."""
    root = checkout_root()
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", tmp, str(root)],
                              capture_output=True, text=True)
        wheels = list(Path(tmp).glob("medialit-*.whl"))
        if proc.returncode != 0 or len(wheels) != 1:
            raise EnvError(f"pip wheel {root} failed: {proc.stderr.strip()[-2000:]}")
        target = dest / wheels[0].name
        shutil.move(str(wheels[0]), target)
    os.chmod(target, 0o644)
    return target


def student_wheel(dest: Path) -> Path:
    """The wheel student servers install: the package's wheel, which holds article texts and
    public banks only (graded keys and reference annotations stay in the course folder)."""
    return build_wheel(dest)


def wheel_requirements(wheel: Path) -> list[str]:
    """The ``Requires-Dist`` lines of a wheel's METADATA."""
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        text = zf.read(name).decode("utf-8")
    return [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("Requires-Dist:")]


def jupyterhub_version() -> str:
    """The JupyterHub version the hub runs; servers get the same ``jupyterhub-singleuser``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jupyterhub")
    except PackageNotFoundError:
        raise EnvError("JupyterHub is not installed here: pip install -e '.[hub]'") from None


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _open_to_others(path: Path) -> bool:
    """Whether every account can reach ``path`` (each folder on the way has o+x, the file o+r or o+x)."""
    path = path.resolve()
    if not path.exists() or not path.stat().st_mode & 0o005:
        return False
    return all(parent.stat().st_mode & 0o001 for parent in path.parents)


def class_python() -> Path:
    """The Python the class's environments are made from: one every account can run.

    ``$MEDIALIT_HUB_PYTHON``, else this Python when its program and standard library are open
    to other accounts, else the system's ``/usr/bin/python3`` (a Python under root's home
    folder, such as pyenv's, cannot run a student's server).
    """
    chosen = os.environ.get("MEDIALIT_HUB_PYTHON")
    if chosen:
        return Path(chosen)
    base = Path(getattr(sys, "_base_executable", sys.executable))
    stdlib = Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "os.py"
    if _open_to_others(base) and _open_to_others(stdlib):
        return base
    system = Path("/usr/bin/python3")
    if system.exists():
        return system
    raise EnvError(f"{base} cannot be run by other accounts and there is no /usr/bin/python3; install Debian's "
                   "python3 and python3-venv, or set MEDIALIT_HUB_PYTHON to a Python every account can run")


def _python_version(python: Path) -> str:
    proc = subprocess.run([str(python), "-c", "import sys; print(sys.version.split()[0])"], capture_output=True,
                          text=True)
    if proc.returncode != 0:
        raise EnvError(f"{python} does not run: {proc.stderr.strip()}")
    return proc.stdout.strip()


def _deps_key(wheel: Path, role: str) -> str:
    python = class_python()
    parts = [role, str(python), _python_version(python), jupyterhub_version(), *sorted(wheel_requirements(wheel))]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _pip(env: Path, *args: str) -> None:
    proc = subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "--quiet",
                           "--disable-pip-version-check", *args],
                          capture_output=True, text=True, preexec_fn=lambda: os.umask(0o022))
    if proc.returncode != 0:
        noise = re.compile(r"^WARNING: Location .* is ignored")
        err = "\n".join(line for line in proc.stderr.splitlines() if not noise.match(line))
        raise EnvError(f"pip install {' '.join(args)} into {env} failed:\n{err[-3000:]}")


def _jupyter(env: Path, *args: str) -> str:
    proc = subprocess.run([str(env / "bin" / "jupyter"), *args], capture_output=True, text=True,
                          env=_env_vars(env), preexec_fn=lambda: os.umask(0o022))
    if proc.returncode != 0:
        raise EnvError(f"jupyter {' '.join(args)} in {env} failed: {proc.stderr.strip()[-2000:]}")
    return proc.stdout + proc.stderr


def _env_vars(env: Path) -> dict[str, str]:
    """A clean environment for running ``env``'s tools (no other virtual environment on PATH)."""
    keep = {k: v for k, v in os.environ.items() if k in ("HOME", "LANG", "LC_ALL", "TMPDIR")}
    return keep | {"PATH": f"{env / 'bin'}:/usr/local/bin:/usr/bin:/bin"}


def ensure_env(env: Path, wheel: Path, role: str, log: Log = print) -> Path:
    """Make ``env`` a ready environment for ``role`` ("students" or "instructor") with ``wheel``."""
    if role not in ROLES:
        raise EnvError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    stamp_path = env / STAMP
    try:
        stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stamp = {}
    deps = _deps_key(wheel, role)
    digest = _sha256(wheel)
    if stamp.get("deps") != deps:
        log(f"building the environment for {role} in {env} (a few minutes)")
        if env.exists():
            shutil.rmtree(env)
        env.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(env.parent, 0o755)
        proc = subprocess.run([str(class_python()), "-m", "venv", str(env)], capture_output=True, text=True,
                              preexec_fn=lambda: os.umask(0o022))
        if proc.returncode != 0:
            raise EnvError(f"python -m venv {env} failed: {proc.stderr.strip()}")
        _pip(env, str(wheel), f"jupyterhub=={jupyterhub_version()}")
        stamp = {}
    elif stamp.get("wheel") != digest:
        log(f"updating medialit in the environment for {role}")
        _pip(env, "--no-deps", "--force-reinstall", str(wheel))
    if stamp.get("config") != CONFIG_VERSION:
        configure_extensions(env, role)
    stamp_path.write_text(json.dumps({"deps": deps, "wheel": digest, "role": role, "config": CONFIG_VERSION}) + "\n",
                          encoding="utf-8")
    return env


#: Raise when :func:`configure_extensions` changes, so that existing environments are configured again.
CONFIG_VERSION = 3
#: No "get notified about Jupyter news?" prompt over a lesson (JupyterLab's settings, for every user).
LAB_OVERRIDES = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}
#: The formgrader opens inside JupyterLab (an iframe of the same server); jupyterhub-singleuser
#: forbids every frame unless the server allows its own.
INSTRUCTOR_SERVER_CONFIG = {"ServerApp": {"tornado_settings": {
    "headers": {"Content-Security-Policy": "frame-ancestors 'self'"}}}}


def configure_extensions(env: Path, role: str) -> None:
    """Students: only the assignment list and validate; the instructor keeps every nbgrader extension."""
    if role == "students":
        _jupyter(env, "labextension", "disable", "--level=sys_prefix", *STUDENT_DISABLED_LAB)
        for ext in STUDENT_DISABLED_SERVER:
            _jupyter(env, "server", "extension", "disable", "--sys-prefix", ext)
    settings = env / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(json.dumps(LAB_OVERRIDES, indent=1) + "\n", encoding="utf-8")
    if role == "instructor":
        # the environment's own server config file (jupyter_server_config.d only enables extensions)
        (env / "etc" / "jupyter" / "jupyter_server_config.json").write_text(
            json.dumps(INSTRUCTOR_SERVER_CONFIG, indent=1) + "\n", encoding="utf-8")


def ensure_envs(student_env: Path, instructor_env: Path, wheel_dir: Path, log: Log = print) -> None:
    """Build the wheels and both environments (the two installs run side by side)."""
    wheel_dir.mkdir(parents=True, exist_ok=True)
    full = build_wheel(wheel_dir / "instructor")
    student = student_wheel(wheel_dir / "students")
    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [pool.submit(ensure_env, student_env, student, "students", log),
                pool.submit(ensure_env, instructor_env, full, "instructor", log)]
        for job in jobs:
            job.result()


@dataclass
class Extensions:
    """What ``jupyter labextension list`` and ``jupyter server extension list`` report for an environment."""

    lab_enabled: bool
    lab_disabled_plugins: set[str]
    server: dict[str, bool]

    def problems(self, role: str) -> list[str]:
        """What is wrong for ``role`` (empty when the environment is right)."""
        out = []
        if not self.lab_enabled:
            out.append("the @jupyter/nbgrader lab extension is not enabled")
        wanted = STUDENT_ENABLED_SERVER if role == "students" else INSTRUCTOR_ENABLED_SERVER
        out += [f"server extension {e} is not enabled" for e in wanted if not self.server.get(e)]
        if role == "students":
            out += [f"server extension {e} is enabled for students" for e in STUDENT_DISABLED_SERVER
                    if self.server.get(e)]
            out += [f"lab plugin {p} is enabled for students" for p in STUDENT_DISABLED_LAB
                    if p not in self.lab_disabled_plugins]
        else:
            out += [f"lab plugin {p} is disabled for the instructor" for p in sorted(self.lab_disabled_plugins)
                    if p.startswith("@jupyter/nbgrader")]
        return out


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def extensions(env: Path) -> Extensions:
    """Ask the environment's own ``jupyter`` which extensions are on."""
    lab = _ANSI.sub("", _jupyter(env, "labextension", "list"))
    server = _ANSI.sub("", _jupyter(env, "server", "extension", "list"))
    lab_enabled = bool(re.search(r"^\s*@jupyter/nbgrader v\S+ enabled", lab, re.MULTILINE))
    disabled: set[str] = set()
    if "Disabled extensions:" in lab:
        for line in lab.split("Disabled extensions:", 1)[1].splitlines()[1:]:
            if not line.startswith((" ", "\t")) or not line.strip():
                break
            disabled.add(line.split()[0])
    states = {m.group(1): m.group(2) == "enabled"
              for m in re.finditer(r"^\s+([\w.]+) (enabled|disabled)\s*$", server, re.MULTILINE)}
    return Extensions(lab_enabled, disabled, states)
