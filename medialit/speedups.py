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
   collector over every object still alive; in a kernel that has imported spaCy or
   jsonschema that walk takes about 0.1 s, paid for every notebook graded, since nbgrader
   waits for each kernel to exit.  Cost: objects caught in reference cycles are not
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
4. **jsonschema without its format checkers** (:func:`import_jsonschema`, called by
   :mod:`medialit.core.annotation`): while jsonschema is first imported, the optional
   modules that only its format checkers use are entered in ``sys.modules`` as ``None``, so
   that their import fails at once (``rfc3987_syntax`` alone compiles grammars for about
   1 s); medialit never checks formats.  The entries are removed right after.  Cost: when
   medialit is the first to import jsonschema in the process, ``jsonschema.FormatChecker``
   there does not check uri, iri, date-time, duration, hostname, json-pointer, uri-template
   or colour formats: such values pass unchecked, silently, for any library.

Limit: the switch is per process and cannot be turned off again (a frozen object stays
frozen, an index stays built).
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from types import ModuleType

#: Optional modules jsonschema imports only for its format checkers (see item 4 above).
FORMAT_CHECKER_MODULES = ("rfc3987_syntax", "rfc3987", "rfc3986_validator", "rfc3339_validator", "isoduration",
                          "fqdn", "idna", "jsonpointer", "uri_template", "webcolors")

_enabled = False


def enabled() -> bool:
    """Whether the speed-ups are on in this process."""
    return _enabled


def enable() -> bool:
    """Turn every speed-up on for the rest of this process; True if this call turned them on.

    Registers the freeze at exit at once; the others apply when the model loads and when
    jsonschema is first imported.  Only for processes that grade (see the module docstring).
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


def import_jsonschema() -> ModuleType:
    """The ``jsonschema`` module; when enabled and not yet imported, imported without the
    optional modules of its format checkers (item 4).

    A module is blocked only if nothing has imported it yet, and only while jsonschema itself
    is imported, so other code can still import it afterwards.
    """
    if _enabled and "jsonschema" not in sys.modules:
        blocked = [m for m in FORMAT_CHECKER_MODULES if m not in sys.modules]
        for m in blocked:
            sys.modules[m] = None  # type: ignore[assignment]  # makes its import fail fast
        try:
            import jsonschema
        finally:
            for m in blocked:
                del sys.modules[m]
    import jsonschema

    return jsonschema
