"""Where a class hub keeps its files, and who is in the class.

A *site* is one folder (``/srv/medialit-hub`` for the demo)::

    site.json            this description (what `medialit hub stop/remove` read back)
    hub/                 root only (0700): jupyterhub_config.py, its database, cookie secret,
                         proxy and admin tokens, the hub's log and pid file
    etc/jupyter/         read by every server (0755): nbgrader_config.py (exchange, course id)
    envs/students/       the students' Python environment (the student install of medialit)
    envs/instructor/     the instructor's (the full install, with formgrader)
    passwords.csv        root only (0600): the demo's generated passwords, to hand out

The exchange is a separate folder (``/srv/nbgrader/exchange`` by default), the course
folder is ``~<instructor>/course``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from medialit.errors import MedialitError

DEFAULT_ROOT = Path("/srv/medialit-hub")
DEFAULT_EXCHANGE = Path("/srv/nbgrader/exchange")
DEFAULT_PREFIX = "mlhub-"
COURSE_ID = "medialit"


class SiteError(MedialitError, RuntimeError):
    """The site folder is missing or unreadable; the message says what to run."""


def student_names(prefix: str, count: int) -> list[str]:
    """``prefix`` + ``student01`` ... (three digits from 100 students on)."""
    width = max(2, len(str(count)))
    return [f"{prefix}student{i:0{width}d}" for i in range(1, count + 1)]


@dataclass
class HubSite:
    """Everything that describes one class hub; :meth:`save` writes it to ``site.json``."""

    root: Path
    instructor: str
    students: list[str]
    prefix: str = DEFAULT_PREFIX
    exchange: Path = DEFAULT_EXCHANGE
    envs: Path | None = None
    home_base: Path | None = None
    course_id: str = COURSE_ID
    lessons: list[str] = field(default_factory=list)
    ip: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001
    #: Extra JupyterHub services (``c.JupyterHub.services`` entries), e.g. an exchange service.
    services: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        self.exchange = Path(self.exchange)
        self.envs = Path(self.envs) if self.envs is not None else self.root / "envs"
        self.home_base = Path(self.home_base) if self.home_base is not None else None

    # -- paths ------------------------------------------------------------------------
    @property
    def hub_dir(self) -> Path:
        return self.root / "hub"

    @property
    def config_dir(self) -> Path:
        """Added to every server's ``JUPYTER_CONFIG_PATH``: the class-wide nbgrader settings."""
        return self.root / "etc" / "jupyter"

    @property
    def student_env(self) -> Path:
        assert self.envs is not None
        return self.envs / "students"

    @property
    def instructor_env(self) -> Path:
        assert self.envs is not None
        return self.envs / "instructor"

    @property
    def passwords_file(self) -> Path:
        return self.root / "passwords.csv"

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.ip in ("", "0.0.0.0") else self.ip
        return f"http://{host}:{self.port}"

    def home(self, user: str) -> Path:
        return (self.home_base or Path("/home")) / user

    @property
    def course_dir(self) -> Path:
        """The instructor's course folder (the ``autograder/`` nbgrader runs from is inside)."""
        return self.home(self.instructor) / "course"

    @property
    def users(self) -> list[str]:
        return [self.instructor, *self.students]

    # -- site.json --------------------------------------------------------------------
    def save(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        data = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(self).items()}
        path = self.root / "site.json"
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, root: Path) -> HubSite:
        path = Path(root) / "site.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SiteError(f"{path} does not exist: set a hub up first (medialit hub demo --students N)") from None
        except (OSError, ValueError) as exc:
            raise SiteError(f"{path} cannot be read ({exc}); remove the site and set it up again") from None
        return cls(**data)
