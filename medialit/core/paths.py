"""Where medialit's own files are: the one place that knows the package's layout on disk.

``PACKAGE_DIR`` is the installed ``medialit`` folder, ``DATA_DIR`` its data (lexicons,
codebook, templates, the public question banks of the seed lessons).  ``SOURCE_ROOT`` is
the folder around the package: in a clone of the repository it holds ``seeds/``, ``docs/``
and the default course; in an installed wheel it is ``site-packages`` and holds none of them.

``PACKAGE_SEEDS_DIR`` holds the article texts the package itself carries (text, metadata
and page structure, never a reference annotation): ``medialit/_seeds/`` in a wheel, the
repository's ``seeds/`` in a checkout.

Nothing medialit does for a course writes under ``PACKAGE_DIR``:
:func:`ensure_outside_package` is the check, raising :class:`PackageWriteError`.
"""

from __future__ import annotations

import os
from pathlib import Path

from medialit.errors import MedialitError

PACKAGE_DIR = Path(__file__).resolve().parents[1]
DATA_DIR = PACKAGE_DIR / "data"
SOURCE_ROOT = PACKAGE_DIR.parent
PACKAGE_SEEDS_DIR = PACKAGE_DIR / "_seeds" if (PACKAGE_DIR / "_seeds").is_dir() else SOURCE_ROOT / "seeds"


class PackageWriteError(MedialitError, PermissionError):
    """Something was about to be written into the installed medialit package."""


def inside_package(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is the package folder or lies under it (symbolic links resolved)."""
    resolved = Path(path).resolve()
    return resolved == PACKAGE_DIR or PACKAGE_DIR in resolved.parents


def ensure_outside_package(path: str | os.PathLike[str], what: str = "this") -> Path:
    """``path`` when it is outside the installed package; :class:`PackageWriteError` otherwise.

    ``what`` names what was to be written there, for the message.
    """
    if inside_package(path):
        raise PackageWriteError(
            f"refusing to write {what} into the installed medialit package ({Path(path).resolve()}): course "
            "material lives in a course folder. Start one with `medialit course new DIR`, then work inside it "
            "or give --course DIR")
    return Path(path)
