"""Where medialit's own files are: the one place that knows the package's layout on disk.

``PACKAGE_DIR`` is the installed ``medialit`` folder, ``DATA_DIR`` its data (lexicons,
codebook, templates; in a wheel also the lesson banks).  ``SOURCE_ROOT`` is the folder around the package:
in a clone of the repository it holds ``seeds/``, ``docs/`` and the course; in an
installed wheel it is ``site-packages`` and holds none of them.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
DATA_DIR = PACKAGE_DIR / "data"
SOURCE_ROOT = PACKAGE_DIR.parent
