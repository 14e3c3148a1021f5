"""Import shim: released lesson notebooks run ``from medialit.widgets import ask, progress, reveal``.

Kept only so that notebooks already handed out keep working; new code imports
:mod:`medialit.lesson.widgets`.
"""

from medialit.lesson.widgets import ask, progress, record, reveal

__all__ = ["ask", "progress", "record", "reveal"]
