"""Process-wide speed-ups for grading, off unless turned on.

Importing medialit or loading the model changes nothing outside medialit.  The tricks below
each win a fraction of a second but change the whole Python process, everything else running
in it included, so they live here and do nothing until :func:`enable` is called.  Two places
turn them on, both on the grading path, where a process runs one notebook (or a batch of
submissions) and then ends:

- ``import medialit`` in a process whose ``NBGRADER_EXECUTION`` is ``autograde``: the kernel
  in which ``nbgrader autograde`` runs a lesson notebook (:func:`enable_for_autograde`);
  ``nbgrader validate`` and a student's own kernel are left alone;
- the worker processes of ``medialit grade`` (:mod:`medialit.grading.class_grading`), not its
  main process.

What each trick saves, and what it costs the rest of the process:

1. **Freeze at exit** (:func:`enable` registers ``gc.freeze`` with :mod:`atexit`; it runs
   before earlier-registered handlers).  When Python exits it runs its cyclic garbage
   collector over every object still alive; in a kernel that has imported spaCy that walk
   takes about 0.1 s, paid for every notebook graded, since nbgrader waits for each kernel
   to exit.  Cost: objects caught in reference cycles are not
   finalized at exit (their ``__del__`` and weak-reference callbacks never run), which Python
   does not promise anyway; nothing medialit writes depends on it (the answers file is
   written in full on every change).
2. **Freeze after loading the model** (:func:`after_model_load`, called by
   :mod:`medialit.nlp.loader`): ``gc.freeze()`` moves every object then alive into the
   collector's permanent generation, so later full collections need not walk the model's
   objects again.  Cost: every object alive at that moment, the student's own included,
   is never collected, even once it becomes garbage; garbage cycles that exist then are
   never freed.
3. **Entry points indexed once** (:func:`before_model_load`): spaCy's function registry
   (catalogue) looks entry points up by group a few hundred times while a model loads, and
   on Python 3.11+ each lookup scans every installed package's entry points.  The global
   ``catalogue.AVAILABLE_ENTRY_POINTS`` is replaced by a dict of them by group, a form
   catalogue itself accepts (together with item 1 about 0.15 s per model load).  Cost:
   another library's global is replaced for everyone in the process; a package installed
   after the index is built (``pip install`` from the running kernel) is not seen by any
   catalogue registry, spaCy's included; code that expects the ``EntryPoints`` object there
   gets a dict.

Limit: the switch is per process and cannot be turned off again (a frozen object stays
frozen, an index stays built).
"""

from __future__ import annotations

import atexit
import gc
import os

_enabled = False


def enabled() -> bool:
    """Whether the speed-ups are on in this process."""
    return _enabled


def enable() -> bool:
    """Turn every speed-up on for the rest of this process; True if this call turned them on.

    Registers the freeze at exit at once; the others apply when the model loads.  Only for
    processes that grade (see the module docstring).
    """
    global _enabled
    if _enabled:
        return False
    _enabled = True
    atexit.register(gc.freeze)
    return True


def enable_for_autograde() -> bool:
    """:func:`enable` when ``NBGRADER_EXECUTION`` is ``autograde`` (a kernel run by ``nbgrader autograde``)."""
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        return enable()
    return False


def before_model_load() -> None:
    """When enabled: index the installed entry points by group, once (item 3)."""
    if not _enabled:
        return
    import catalogue

    available = catalogue.AVAILABLE_ENTRY_POINTS
    if hasattr(available, "select") and hasattr(available, "groups"):
        catalogue.AVAILABLE_ENTRY_POINTS = {group: list(available.select(group=group))
                                            for group in available.groups}


def after_model_load() -> None:
    """When enabled: move every object alive to the garbage collector's permanent generation (item 2)."""
    if _enabled:
        gc.freeze()
