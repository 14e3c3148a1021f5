"""The instructor's course folder: what nbgrader grades from, readable by the instructor only.

:func:`make_course_folder` is the one function that makes it.  Today it copies the course
files of the checkout (``autograder/`` without anything graded, ``seeds/``, ``solutions/``,
``lessons/``); ``autograder/nbgrader_config.py`` finds the course root from its own place,
so the copy works wherever it lands.  :func:`install_course` hands the folder to the
instructor with mode 0700 and points the instructor's nbgrader (command line and
formgrader) at it through ``~/.jupyter/nbgrader_config.py``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from medialit.hub.users import User

#: What nbgrader writes while grading: never copied into a new course folder.
GRADED = ("gradebook.db", "submitted", "autograded", "feedback", "reports", "*.log")
#: The instructor's user-level nbgrader configuration (loads the course's own file).
USER_CONFIG = '''"""nbgrader settings of {user}: the course folder {course}.

Written by `medialit hub`; nbgrader (command line and formgrader) reads this file from
~/.jupyter, the class-wide exchange settings from $JUPYTER_CONFIG_PATH.
"""

c = get_config()  # noqa: F821
load_subconfig("{config}")  # noqa: F821  (the course's own settings: folders, gradebook, grading)
'''


def make_course_folder(dest: Path, source: Path) -> Path:
    """Copy the course of the checkout ``source`` into ``dest`` (which must not exist); returns ``dest``."""
    if dest.exists():
        raise FileExistsError(f"{dest} exists already; remove it or choose another folder")
    dest.mkdir(parents=True)
    shutil.copytree(source / "autograder", dest / "autograder", ignore=shutil.ignore_patterns(*GRADED))
    for name in ("seeds", "solutions", "lessons"):
        shutil.copytree(source / name, dest / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.bak*"))
    return dest


def nbgrader_dir(course: Path) -> Path:
    """The folder nbgrader runs from (it holds the course's nbgrader_config.py)."""
    return course / "autograder"


def install_course(course: Path, owner: User) -> None:
    """Give ``course`` to ``owner`` (mode 0700 on the folder) and point their nbgrader at it."""
    for path in [course, *course.rglob("*")]:
        os.chown(path, owner.uid, owner.gid, follow_symlinks=False)
    os.chmod(course, 0o700)
    jupyter = owner.home / ".jupyter"
    jupyter.mkdir(exist_ok=True)
    config = jupyter / "nbgrader_config.py"
    config.write_text(USER_CONFIG.format(user=owner.name, course=course,
                                         config=nbgrader_dir(course) / "nbgrader_config.py"), encoding="utf-8")
    for path in (jupyter, config):
        os.chown(path, owner.uid, owner.gid)
