"""The spaCy pipeline components of medialit.

spaCy finds them through the ``spacy_factories`` entry points of the installed package
(``pyproject.toml``), so they work in any process, without importing medialit first.  (In
return, spaCy imports :mod:`medialit.nlp` whenever it builds a pipeline in an environment
where medialit is installed: about 0.1 s, once per process.  That import registers the
factories and nothing else; the ``doc._`` attributes are added by the components.)

    import spacy
    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("medialit_paragraph_breaks", before="parser")   # optional, helps headlines
    nlp.add_pipe("medialit_attributions")                        # or config={"threshold": 0.5}
    nlp.add_pipe("medialit_hedges")
    nlp.add_pipe("medialit_framing_cues")                        # or config={"max_scare_words": 2}
    doc = nlp(text)
    doc._.attributions, doc._.hedges, doc._.boosters, doc._.loaded_language, doc._.scare_quotes

Settings (``config=``, saved with the pipeline):

- ``medialit_attributions``: ``threshold``, the cue model's score at or above which a
  candidate becomes an attribution; ``null`` (the default) takes the one fitted with the
  model (``medialit/data/models/cue_model.json``);
- ``medialit_framing_cues``: ``max_scare_words``, the longest quote, in words, proposed as a
  scare quote (default :data:`medialit.nlp.framing.MAX_SCARE_WORDS`).

The analyzers need the tagger, parser and entity recogniser of an English model before
them.  ``medialit_hedges`` uses ``doc._.attributions`` (when the attributions component ran
first) to tell a source's hedge from the reporter's; without it only quote marks decide.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from medialit.errors import MedialitError
from medialit.nlp.attributions import find_attributions
from medialit.nlp.framing import MAX_SCARE_WORDS, find_framing_cues
from medialit.nlp.stance import find_stance_cues

_EXTENSIONS = ("attributions", "hedges", "boosters", "loaded_language", "scare_quotes")


def register_extensions() -> None:
    """Add the ``doc._.`` attributes once (None until the component that fills them has run).

    Called when a medialit component is created, not on import: spaCy imports this module
    for every pipeline it builds in an environment where medialit is installed (the
    ``spacy_factories`` entry points), and a pipeline without medialit components keeps
    ``Doc`` as it was.
    """
    for name in _EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class ParagraphBreaks:
    """Start a new sentence after every line break, so that a headline, a caption or a
    link without a full stop is not parsed into the paragraph that follows it."""

    def __call__(self, doc: Doc) -> Doc:
        for i in range(1, len(doc)):
            prev = doc[i - 1]
            if "\n" in prev.text or "\n" in prev.whitespace_:
                if not doc[i].is_space:
                    doc[i].is_sent_start = True
        return doc


class MissingAnnotation(MedialitError, ValueError):
    """A medialit component ran on a doc without the parse it needs."""


def require(doc: Doc, component: str, *annotations: str) -> None:
    """Raise :class:`MissingAnnotation`, saying how to fix the pipeline, when ``doc`` lacks an annotation."""
    if all(t.is_space for t in doc):
        return  # nothing to analyse, nothing needed
    missing = [a for a in annotations if not doc.has_annotation(a)]
    if missing:
        raise MissingAnnotation(
            f"{component} needs {', '.join(missing)} annotations, which this pipeline does not set: add it to a "
            "full English model (e.g. spacy.load('en_core_web_sm') without exclude=/disable= of its tagger, "
            "parser or ner), or use medialit.nlp.load_nlp()"
        )


class Attributions:
    """Sets ``doc._.attributions``: a list of :class:`medialit.nlp.attributions.Attribution`.

    ``threshold``: see :func:`medialit.nlp.attributions.find_attributions` (None: the model's own).
    """

    def __init__(self, threshold: float | None = None) -> None:
        self.threshold = threshold

    def __call__(self, doc: Doc) -> Doc:
        require(doc, "medialit_attributions", "TAG", "DEP", "LEMMA")
        doc._.attributions = find_attributions(doc, threshold=self.threshold)
        return doc


class Hedges:
    """Sets ``doc._.hedges`` and ``doc._.boosters``: lists of :class:`medialit.nlp.stance.StanceHit`."""

    def __call__(self, doc: Doc) -> Doc:
        require(doc, "medialit_hedges", "TAG", "DEP", "LEMMA")
        doc._.hedges, doc._.boosters = find_stance_cues(doc)
        return doc


class FramingCues:
    """Sets ``doc._.loaded_language`` and ``doc._.scare_quotes``: candidate spans with notes.

    Quotes of more than ``max_scare_words`` words are never proposed as scare quotes.
    """

    def __init__(self, max_scare_words: int = MAX_SCARE_WORDS) -> None:
        self.max_scare_words = max_scare_words

    def __call__(self, doc: Doc) -> Doc:
        require(doc, "medialit_framing_cues", "TAG", "LEMMA")
        doc._.loaded_language, doc._.scare_quotes = find_framing_cues(doc, self.max_scare_words)
        return doc


class BadSetting(MedialitError, ValueError):
    """A component's ``config`` value is out of range; the message names the setting and the range."""


@Language.factory("medialit_paragraph_breaks", requires=[], assigns=["token.is_sent_start"])
def make_paragraph_breaks(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks()


@Language.factory("medialit_attributions", requires=["token.dep", "token.pos", "token.lemma", "doc.ents"],
                  assigns=["doc._.attributions"], default_config={"threshold": None})
def make_attributions(nlp: Language, name: str, threshold: float | None) -> Attributions:
    from medialit.nlp.cue_model import load_cue_model

    model = load_cue_model()  # fail at add_pipe time, with a clear message, if the model file is broken
    if threshold is not None and not 0 < threshold < 1:
        raise BadSetting(f"{name}: threshold must be a number between 0 and 1 (a cue model score), not {threshold!r}; "
                         f"leave it out to use the model's own, {model.threshold}")
    register_extensions()
    return Attributions(threshold)


@Language.factory("medialit_hedges", requires=["token.dep", "token.pos", "token.lemma"],
                  assigns=["doc._.hedges", "doc._.boosters"])
def make_hedges(nlp: Language, name: str) -> Hedges:
    register_extensions()
    return Hedges()


@Language.factory("medialit_framing_cues", requires=["token.pos", "token.lemma"],
                  assigns=["doc._.loaded_language", "doc._.scare_quotes"],
                  default_config={"max_scare_words": MAX_SCARE_WORDS})
def make_framing_cues(nlp: Language, name: str, max_scare_words: int) -> FramingCues:
    if max_scare_words < 1:
        raise BadSetting(f"{name}: max_scare_words must be 1 or more (the longest quote, in words, proposed as a "
                         f"scare quote), not {max_scare_words!r}; the default is {MAX_SCARE_WORDS}")
    register_extensions()
    return FramingCues(max_scare_words)
