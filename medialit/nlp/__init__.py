"""medialit's spaCy analyzers: attributions, hedges and boosters, framing cues.

The pipeline components (``medialit_attributions``, ``medialit_hedges``,
``medialit_framing_cues`` and the optional ``medialit_paragraph_breaks``) are registered with
spaCy through the package's ``spacy_factories`` entry points, so that
``nlp.add_pipe("medialit_hedges")`` works on any English model without importing this
package first (see :mod:`medialit.nlp.components` for their settings).  :func:`load_nlp`
gives the shared, ready pipeline and :func:`load_model` the bare model;
:func:`to_annotation` turns an analysed doc into the shared annotation format.
``medialit`` itself does not import this package: spaCy loads only when an analyzer is used.
"""

from __future__ import annotations

from medialit.nlp import components  # noqa: F401  (registers the factories)
from medialit.nlp.attributions import Attribution, find_attributions
from medialit.nlp.export import to_annotation
from medialit.nlp.loader import COMPONENTS, ModelNotInstalled, load_model, load_nlp, model_name

__all__ = ["COMPONENTS", "Attribution", "ModelNotInstalled", "find_attributions", "load_model", "load_nlp",
           "model_name", "to_annotation"]
