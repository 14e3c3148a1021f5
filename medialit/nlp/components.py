"""The spaCy pipeline components of medialit, registered when ``medialit.nlp`` is imported.

    import spacy, medialit.nlp
    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("medialit_paragraph_breaks", before="parser")   # optional, helps headlines
    nlp.add_pipe("medialit_attributions")
    nlp.add_pipe("medialit_hedges")
    nlp.add_pipe("medialit_framing_cues")
    doc = nlp(text)
    doc._.attributions, doc._.hedges, doc._.boosters, doc._.loaded_language, doc._.scare_quotes

The analyzers need the tagger, parser and entity recogniser of an English model before
them.  ``medialit_hedges`` uses ``doc._.attributions`` (when the attributions component ran
first) to tell a source's hedge from the reporter's; without it only quote marks decide.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from medialit.errors import MedialitError
from medialit.nlp.attributions import find_attributions
from medialit.nlp.framing import find_framing_cues
from medialit.nlp.stance import find_stance_cues

_EXTENSIONS = ("attributions", "hedges", "boosters", "loaded_language", "scare_quotes")


def register_extensions() -> None:
    """Add the ``doc._.`` attributes once (None until the component that fills them has run)."""
    for name in _EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()


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
    """Sets ``doc._.attributions``: a list of :class:`medialit.nlp.attributions.Attribution`."""

    def __call__(self, doc: Doc) -> Doc:
        require(doc, "medialit_attributions", "TAG", "DEP", "LEMMA")
        doc._.attributions = find_attributions(doc)
        return doc


class Hedges:
    """Sets ``doc._.hedges`` and ``doc._.boosters``: lists of :class:`medialit.nlp.stance.StanceHit`."""

    def __call__(self, doc: Doc) -> Doc:
        require(doc, "medialit_hedges", "TAG", "DEP", "LEMMA")
        doc._.hedges, doc._.boosters = find_stance_cues(doc)
        return doc


class FramingCues:
    """Sets ``doc._.loaded_language`` and ``doc._.scare_quotes``: candidate spans with notes."""

    def __call__(self, doc: Doc) -> Doc:
        require(doc, "medialit_framing_cues", "TAG", "LEMMA")
        doc._.loaded_language, doc._.scare_quotes = find_framing_cues(doc)
        return doc


@Language.factory("medialit_paragraph_breaks", requires=[], assigns=["token.is_sent_start"])
def make_paragraph_breaks(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks()


@Language.factory("medialit_attributions", requires=["token.dep", "token.pos", "token.lemma", "doc.ents"],
                  assigns=["doc._.attributions"])
def make_attributions(nlp: Language, name: str) -> Attributions:
    from medialit.nlp.cue_model import load_cue_model

    load_cue_model()  # fail at add_pipe time, with a clear message, if the model file is broken
    return Attributions()


@Language.factory("medialit_hedges", requires=["token.dep", "token.pos", "token.lemma"],
                  assigns=["doc._.hedges", "doc._.boosters"])
def make_hedges(nlp: Language, name: str) -> Hedges:
    return Hedges()


@Language.factory("medialit_framing_cues", requires=["token.pos", "token.lemma"],
                  assigns=["doc._.loaded_language", "doc._.scare_quotes"])
def make_framing_cues(nlp: Language, name: str) -> FramingCues:
    return FramingCues()
