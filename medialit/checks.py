"""Import shim: released lesson notebooks run ``from medialit.checks import answered``
(and ``try_exercise``, see :mod:`medialit.lesson.exercises`).

Kept only so that notebooks already handed out keep working; new code imports
:mod:`medialit.lesson.checks`.
"""

from medialit.lesson.checks import answered
from medialit.lesson.exercises import try_exercise

__all__ = ["answered", "try_exercise"]
