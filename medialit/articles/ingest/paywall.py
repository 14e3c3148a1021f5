"""Is the saved page a paywall teaser, with only the start of the article?

Two kinds of evidence, from strong to weak:

- a paywall's message on the page ("Subscribe to continue reading", "Already a
  subscriber?") or an element whose class says paywall (``paywall_phrases`` and
  ``class_words.paywall`` in ``medialit/data/page_furniture.yaml``): the text is cut off;
- the page's metadata marks the article as not free to read (JSON-LD
  ``isAccessibleForFree: false``, ``<meta property="article:content_tier" content="locked">``):
  a subscriber's saved page is complete, so the text *may* be cut off.

Limits: English phrases only; a paywall drawn by JavaScript after the page loaded leaves
no trace in a page saved before it appeared.
"""

from __future__ import annotations

from dataclasses import dataclass

from medialit.articles.ingest.page_text import Block, Page


@dataclass(frozen=True)
class Teaser:
    """Why the page looks cut off; ``certain`` is False when only the metadata says so."""

    reason: str
    certain: bool

    def message(self) -> str:
        """What to tell the person adding the article."""
        if self.certain:
            return (f"the text is cut off: the page is a paywall teaser ({self.reason}). The article holds only the "
                    "start of the story; save the full text (e.g. copied, as a subscriber, into a .txt file) and add "
                    "that instead, or keep it knowing that the rest is missing.")
        return (f"the text may be cut off: {self.reason}. Check that the saved page holds the whole story.")


def is_paywall_block(block: Block) -> bool:
    """True when the block is a short paywall message (by its words, or its class)."""
    from medialit.articles.ingest.page_structure import lexicon

    lex = lexicon()
    low = " ".join(block.text.lower().replace("’", "'").split())
    if len(low.split()) > 40:
        return False  # a paragraph of the story, whatever its words or its container
    if any(p in low for p in lex["paywall_phrases"]):
        return True
    # a class alone counts on the block's own element or its parent, and not for the main text:
    # some sites wrap the whole story in a "paywall" element
    words = set(lex["class_words"]["paywall"])
    return block.main is not True and any(words & ctx for ctx in block.context[:2])


def _not_free(value: object) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


def find_teaser(page: Page, blocks: list[Block]) -> Teaser | None:
    """The evidence that the page shows only the start of the article, or None."""
    for b in blocks:
        if is_paywall_block(b):
            shown = b.text if len(b.text) <= 80 else b.text[:77] + "..."
            return Teaser(f"it says “{shown}”", True)
    for rec in page.json_ld:
        if _not_free(rec.get("isAccessibleForFree")):
            return Teaser("the page's JSON-LD marks the article as not free to read (isAccessibleForFree: false)",
                          False)
    tier = (page.meta.get("article:content_tier") or "").strip().lower()
    if tier in ("locked", "metered"):
        return Teaser(f"the page's metadata marks the article as {tier} (article:content_tier)", False)
    return None
