"""Import shim: released lesson notebooks run ``from medialit.checks import answered``.

Kept only so that notebooks already handed out keep working; new code imports
:mod:`medialit.lesson.checks`.
"""

from medialit.lesson.checks import answered

__all__ = ["answered"]
