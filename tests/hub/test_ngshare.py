"""The Kubernetes exchange, ngshare, run on the test hub with the image's nbgrader_config.py.

deploy/z2jh/nbgrader_config.py (the single-user image's /etc/jupyter/nbgrader_config.py) is
used as it is, with the service's local address in MEDIALIT_NGSHARE_URL.  The instructor
creates the course and releases a lesson; two students fetch, answer and submit; one tries to
submit as the other and to read the other's submission; a student outside the course tries
to fetch; the instructor collects and grades.  The hub runs without ngshare again afterwards.
"""

from __future__ import annotations

import shutil

import pytest

from medialit.hub import process
from medialit.hub.config import write_configs
from medialit.hub.course_folder import nbgrader_dir
from medialit.hub.envs import jupyterhub_version
from medialit.hub.roles import as_member
from tests.support import hub_actions as act
from tests.support.hub_class import ENVS, free_port
from tests.support.ngshare_service import ensure_ngshare_tools, ngshare_service
from tests.support.paths import REPO

pytestmark = pytest.mark.hub

LESSON = "02-framing"


@pytest.fixture
def ngshare_hub(class_hub):
    hub = class_hub
    tools = ensure_ngshare_tools(ENVS, jupyterhub_version())
    config_dir = hub.site.root / "ngshare-config"
    config_dir.mkdir(exist_ok=True)
    config_dir.chmod(0o755)
    shutil.copy(REPO / "deploy" / "z2jh" / "nbgrader_config.py", config_dir / "nbgrader_config.py")
    (config_dir / "nbgrader_config.py").chmod(0o644)
    hub.site.services = [ngshare_service(tools, hub.site.root / "ngshare-data", free_port(), [hub.teacher])]
    _restart(hub)
    try:
        yield hub, tools, config_dir
    finally:
        hub.site.services = []
        _restart(hub)


def _restart(hub) -> None:
    write_configs(hub.site, process.proxy_command())
    hub.site.save()
    process.stop_hub(hub.site)
    process.start_hub(hub.site)


def test_ngshare_carries_a_lesson_and_keeps_students_apart(ngshare_hub):
    hub, tools, config_dir = ngshare_hub
    stu1, stu2, outsider = hub.students

    def run(user, *argv, cwd=None):
        env = {"JUPYTER_CONFIG_PATH": str(config_dir), "PYTHONPATH": str(tools.client_lib),
               "JUPYTERHUB_API_TOKEN": hub.token(user), "JUPYTERHUB_USER": user,
               "MEDIALIT_NGSHARE_URL": f"{hub.site.url}/services/ngshare"}
        work = cwd or hub.home(user) / "ngshare-work"
        if cwd is None:
            as_member(hub.site, user, ["mkdir", "-p", str(work)])
        proc = as_member(hub.site, user, list(argv), cwd=work, env=env, check=False)
        return proc.returncode, proc.stdout + proc.stderr

    manage = ["python", "-m", "ngshare_exchange.course_management"]
    auto = nbgrader_dir(hub.site.course_dir)
    assert "Successfully created medialit" in run(hub.teacher, *manage, "create_course", "medialit", hub.teacher,
                                                  cwd=auto)[1]
    for student in (stu1, stu2):
        run(hub.teacher, *manage, "add_student", "medialit", student, cwd=auto)
    assert "Successfully released" in run(hub.teacher, "nbgrader", "release_assignment", LESSON, cwd=auto)[1]

    for student, quality in ((stu1, "good"), (stu2, "bad")):
        assert "Successfully fetched" in run(student, "nbgrader", "fetch_assignment", LESSON)[1]
        act.answer_in(hub, student, LESSON, quality, hub.home(student) / "ngshare-work" / LESSON)
        assert "Submitted as: medialit" in run(student, "nbgrader", "submit", LESSON)[1]

    status, out = run(stu2, "nbgrader", "submit", LESSON, "--student", stu1)
    assert status != 0 and "explicit student ID is not possible" in out
    theirs = hub.api_as(stu2)
    for path in (f"/services/ngshare/submission/medialit/{LESSON}/{stu1}", f"/services/ngshare/submissions/medialit/"
                 f"{LESSON}", "/services/ngshare/students/medialit"):
        assert theirs.request("GET", path).status == 403, path
    assert hub.api_as(hub.teacher).request("GET", "/services/ngshare/students/medialit").status == 200  # control
    _, out = run(outsider, "nbgrader", "fetch_assignment", LESSON)
    assert not (hub.home(outsider) / "ngshare-work" / LESSON).exists(), out  # not in the course: nothing fetched

    status, out = run(hub.teacher, "nbgrader", "collect", "--update", LESSON, cwd=auto)
    assert status == 0, out
    for student in (stu1, stu2):
        mine = (hub.home(student) / "ngshare-work" / LESSON / f"{LESSON}.answers.json").read_bytes()
        assert (act.collected(hub, student, LESSON) / f"{LESSON}.answers.json").read_bytes() == mine
    act.teacher(hub, "medialit", "grade", ".", LESSON, "--student", stu1)
    act.teacher(hub, "medialit", "grade", ".", LESSON, "--student", stu2)
    good, bad = (act.gradebook_submission(hub, s, LESSON)["score"] for s in (stu1, stu2))
    assert good > bad
