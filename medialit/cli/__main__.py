"""``python -m medialit.cli``: the ``medialit`` command."""

import sys

from medialit.cli import main

sys.exit(main())
