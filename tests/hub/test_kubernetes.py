"""The Zero to JupyterHub configuration (deploy/z2jh/), checked as far as this machine allows.

There is no Kubernetes and no Docker engine here, so nothing is deployed or built as an
image.  What is checked: the values files hang together (names, paths, images), the Python
the chart would run (``hub.extraConfig``) and the image's ``nbgrader_config.py`` do what they
say for an instructor, a student and a stranger, the Dockerfile's steps use files and
commands that exist, and the packages its ``pip install`` names resolve together.  With
``MEDIALIT_Z2JH_CHART`` pointing at a copy of the chart (its ``values.yaml`` and
``values.schema.yaml``/``.json``), the values merged over the chart's defaults are also
validated against the chart's schema.
"""

from __future__ import annotations

import builtins
import copy
import json
import os
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
import yaml

from medialit.cli import build_parser
from medialit.hub.envs import build_wheel
from tests.support.paths import REPO

Z2JH = REPO / "deploy" / "z2jh"
OVERLAYS = ["exchange-ngshare.yaml", "exchange-shared-volume.yaml"]


def load(name: str) -> dict:
    return yaml.safe_load((Z2JH / name).read_text(encoding="utf-8"))


def merge(base: dict, over: dict) -> dict:
    """Helm's merge of values files: maps merge key by key, anything else is replaced."""
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def dockerfile() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (KEYWORD, arguments), continuation lines joined."""
    text = re.sub(r"\\\n", " ", (Z2JH / "Dockerfile").read_text(encoding="utf-8"))
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            out.append((keyword.upper(), rest.strip()))
    return out


def build_args() -> dict[str, str]:
    return dict(arg.split("=", 1) for kw, arg in dockerfile() if kw == "ARG" and "=" in arg)


def tagged_images() -> dict[str, str]:
    """The image each documented ``docker build`` tags: role -> name:tag."""
    header = (Z2JH / "Dockerfile").read_text(encoding="utf-8")
    pattern = r"-t registry\.example\.invalid/medialit/(\w+):(\S+)"
    return {m.group(1): m.group(2) for m in re.finditer(pattern, header)}


def run_snippet(code: str, values: dict, environ: dict[str, str] | None = None,
                recorder: list | None = None) -> object:
    """Run chart or image Python with a fresh config ``c``; ``z2jh``, ``os`` and ``ngshare_exchange``
    are stand-ins (the real ones live in the hub and the image), nothing else is touched."""
    from traitlets.config import Config

    c = Config()

    def z2jh_get_config(key, default=None):
        value = values
        for part in key.split("."):
            if not isinstance(value, dict) or part not in value:
                return default
            value = value[part]
        return value

    def configure_exchange(config, url=None):
        (recorder if recorder is not None else []).append(url)
        config.ExchangeFactory.exchange = "ngshare_exchange.Exchange"

    stand_ins = {"z2jh": types.SimpleNamespace(get_config=z2jh_get_config),
                 "os": types.SimpleNamespace(environ=dict(environ or {})),
                 "ngshare_exchange": types.SimpleNamespace(configureExchange=configure_exchange)}

    def importer(name, globals=None, locals=None, fromlist=(), level=0):
        if name in stand_ins:
            return stand_ins[name]
        return builtins.__import__(name, globals, locals, fromlist, level)

    namespace = {"__builtins__": dict(vars(builtins), __import__=importer), "c": c, "get_config": lambda: c}
    exec(compile(code, "<snippet>", "exec"), namespace)  # our own deploy files
    return c


class FakeSpawner:
    def __init__(self, name: str) -> None:
        self.user = types.SimpleNamespace(name=name)
        self.image = "registry.example.invalid/medialit/student:0.1.0"
        self.volumes: list[dict] = [{"name": "home"}]
        self.volume_mounts: list[dict] = [{"name": "home", "mountPath": "/home/jovyan"}]


def test_the_values_files_hang_together():
    base = load("values.yaml")
    images = tagged_images()
    assert f"{base['singleuser']['image']['name']}:{base['singleuser']['image']['tag']}" == \
        f"registry.example.invalid/medialit/student:{images['student']}"
    assert base["custom"]["medialit"]["instructorImage"] == f"registry.example.invalid/medialit/instructor:" \
                                                           f"{images['instructor']}"
    shared = load("exchange-shared-volume.yaml")["singleuser"]
    volumes = {v["name"] for v in shared["storage"]["extraVolumes"]}
    mounts = {m["name"]: m["mountPath"] for m in shared["storage"]["extraVolumeMounts"]}
    assert set(mounts) <= volumes
    image_config = (Z2JH / "nbgrader_config.py").read_text(encoding="utf-8")
    assert f'SHARED_EXCHANGE = "{mounts["nbgrader-exchange"]}"' in image_config
    assert shared["extraEnv"]["MEDIALIT_EXCHANGE"] == "shared-volume"
    services = load("exchange-ngshare.yaml")["hub"]["services"]
    assert list(services) == ["ngshare"]
    assert '"http://proxy-public/services/ngshare"' in image_config  # the hub's route to it


def test_the_chart_python_gives_instructors_their_image_and_course_and_each_student_a_uid():
    values = merge(load("values.yaml"), load("exchange-shared-volume.yaml"))
    medialit = values["custom"]["medialit"]
    roles = run_snippet(values["hub"]["extraConfig"]["medialit-roles"], values)
    teacher, student = FakeSpawner(medialit["instructors"][0]), FakeSpawner(medialit["students"][0])
    hook = roles.KubeSpawner.pre_spawn_hook
    hook(teacher)
    hook(student)
    assert teacher.image == medialit["instructorImage"]
    assert {"name": "medialit-course", "mountPath": "/home/jovyan/course"} in teacher.volume_mounts
    assert teacher.volumes[-1]["persistentVolumeClaim"]["claimName"] == medialit["courseClaim"]
    assert student.image.endswith("/student:0.1.0") and len(student.volumes) == 1  # no course folder

    uids = run_snippet(values["hub"]["extraConfig"]["medialit-uids"], values)
    uid = uids.KubeSpawner.uid
    given = [uid(FakeSpawner(n)) for n in medialit["instructors"] + medialit["students"]]
    assert len(set(given)) == len(given) and all(u >= 19000 for u in given)  # one uid per account, not 1000
    with pytest.raises(ValueError, match="not on the class roster"):
        uid(FakeSpawner("stranger@example.invalid"))
    assert uids.KubeSpawner.fs_gid == 100


def test_the_image_nbgrader_config_picks_the_exchange():
    code = (Z2JH / "nbgrader_config.py").read_text(encoding="utf-8")
    urls: list = []
    ngshare = run_snippet(code, {}, recorder=urls)
    assert ngshare.CourseDirectory.course_id == "medialit"
    assert urls == ["http://proxy-public/services/ngshare"]
    shared = run_snippet(code, {}, environ={"MEDIALIT_EXCHANGE": "shared-volume"})
    assert shared.Exchange.root == "/srv/nbgrader/exchange"
    assert shared.ExchangeFactory.submit == "medialit.hub.exchange_guard.SafeSubmit"


def test_the_dockerfile_steps_use_files_and_commands_that_exist(tmp_path):
    steps = dockerfile()
    base = next(arg for kw, arg in steps if kw == "FROM")
    assert ":" in base and not base.endswith(":latest"), "pin the base image"
    args = build_args()
    assert args["ROLE"] == "students"
    for kw, arg in steps:
        if kw != "COPY":
            continue
        *sources, _dest = arg.replace("${WHEEL_DIR}", args["WHEEL_DIR"]).split()
        for source in sources:
            if "medialit-*.whl" in source:
                # the wheel `medialit hub wheel --dest dist/students` writes (built here, as the image would get it)
                wheel = build_wheel(tmp_path / args["WHEEL_DIR"])
                assert Path(wheel).match(source), (wheel, source)
            else:
                assert (REPO / source).is_file(), source
    run = " ".join(arg for kw, arg in steps if kw == "RUN")
    configure = re.search(r"medialit (hub configure-env [^&]+)", run).group(1).split()
    for role in ("students", "instructor"):
        parsed = build_parser().parse_args([a.replace('"${ROLE}"', role) for a in configure])
        assert parsed.role == role and parsed.hub_command == "configure-env"
    assert '"jupyterhub==${JUPYTERHUB_VERSION}"' in run and "ngshare-exchange" in run
    assert args["JUPYTERHUB_VERSION"].startswith("5."), "the chart's hub is JupyterHub 5"


def test_the_image_packages_resolve_together(tmp_path):
    """``pip install`` of the image's packages, resolved (not installed) on this Python."""
    wheel = build_wheel(tmp_path)
    report = tmp_path / "report.json"
    version = build_args()["JUPYTERHUB_VERSION"]
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
                           "--report", str(report), str(wheel), f"jupyterhub=={version}", "ngshare-exchange==0.5.2"],
                          capture_output=True, text=True, timeout=900, env=dict(os.environ, PIP_NO_INPUT="1"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    chosen = {i["metadata"]["name"].lower().replace("_", "-"): i["metadata"]["version"]
              for i in json.loads(report.read_text())["install"]}
    assert chosen["nbgrader"] == "0.9.6" and chosen["jupyterhub"] == version
    assert chosen["ngshare-exchange"] == "0.5.2" and chosen["jupyterlab"].startswith("4.")


def _chart() -> tuple[dict, dict]:
    folder = os.environ.get("MEDIALIT_Z2JH_CHART")
    if not folder:
        pytest.skip("set MEDIALIT_Z2JH_CHART to a copy of the jupyterhub chart (values.yaml, values.schema.yaml) "
                    "to validate against its schema; the chart is not on PyPI, npm or Debian")
    chart = Path(folder)
    defaults = yaml.safe_load((chart / "values.yaml").read_text(encoding="utf-8"))
    schema_file = next(p for p in (chart / "values.schema.json", chart / "values.schema.yaml") if p.exists())
    return defaults, yaml.safe_load(schema_file.read_text(encoding="utf-8"))


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_values_validate_against_the_charts_schema(overlay):
    import jsonschema

    defaults, schema = _chart()
    values = merge(merge(defaults, load("values.yaml")), load(overlay))
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(values), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{'.'.join(map(str, e.path))}: {e.message}" for e in errors)
