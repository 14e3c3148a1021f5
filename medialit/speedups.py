"""Let a notebook kernel that used medialit shut down about 0.1 s sooner.

When Python exits it runs its cyclic garbage collector over every object still alive; in a
kernel that has imported spaCy or jsonschema that walk takes about 0.1 s.  nbgrader starts
and stops one kernel per submission and waits for it to exit, so the walk is paid for every
notebook graded.  :func:`register` makes ``gc.freeze()`` the first thing done at exit, which
skips it.

Limit: objects caught in reference cycles are then not finalized at exit, which Python does
not promise anyway.  Nothing medialit writes depends on it: the answers file is written, in
full, on every change.
"""

from __future__ import annotations

import atexit
import gc

_registered = False


def register() -> bool:
    """Freeze every object at interpreter exit (once per process); True if this call registered it."""
    global _registered
    if _registered:
        return False
    atexit.register(gc.freeze)
    _registered = True
    return True
