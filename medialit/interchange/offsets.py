"""Character offsets: Python code points against the UTF-16 code units of JavaScript.

medialit counts offsets in code points (``len(str)`` in Python).  Browser-based tools
measure strings in UTF-16 code units, where a character outside the Basic Multilingual
Plane (an emoji, some CJK ideographs, 𝑚𝑎𝑡ℎ letters) counts two.  The two agree on text
without such characters, so most articles are unaffected; after the first astral
character every offset differs by the number of astral characters before it.

- Label Studio stores code points in its JSON (its editor converts since the fix
  "Store code points instead of js length", label-studio PR 1559 / frontend PR 308);
  exports from older versions hold UTF-16 units.
- doccano stores UTF-16 units in sequence-labelling projects (doccano issue 2290), unless
  the project counts grapheme clusters (not supported here).
"""

from __future__ import annotations

from bisect import bisect_left

from medialit.errors import MedialitError

UNITS = ("codepoints", "utf16")


class OffsetError(MedialitError, ValueError):
    """An offset cannot be converted (outside the text, or inside a surrogate pair)."""


def _astral_positions(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]


class OffsetMap:
    """Converts offsets of one text between code points and UTF-16 code units."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.astral = _astral_positions(text)
        # UTF-16 offset of each astral character's first unit
        self.astral_utf16 = [p + k for k, p in enumerate(self.astral)]
        self.utf16_length = len(text) + len(self.astral)

    @property
    def trivial(self) -> bool:
        """True when both units agree everywhere (no astral characters)."""
        return not self.astral

    def to_utf16(self, cp: int) -> int:
        if not 0 <= cp <= len(self.text):
            raise OffsetError(f"offset {cp} is outside the text (0..{len(self.text)})")
        return cp + bisect_left(self.astral, cp)

    def from_utf16(self, unit: int) -> int:
        if not 0 <= unit <= self.utf16_length:
            raise OffsetError(f"UTF-16 offset {unit} is outside the text (0..{self.utf16_length})")
        # astral characters that start strictly before ``unit``
        before = bisect_left(self.astral_utf16, unit)
        if before and self.astral_utf16[before - 1] + 1 == unit:
            raise OffsetError(f"UTF-16 offset {unit} falls inside a surrogate pair (the character at code point "
                              f"{self.astral[before - 1]}); the offsets are not UTF-16 units of this text")
        return unit - before

    def convert(self, offset: int, src: str, dst: str) -> int:
        """``offset`` counted in unit ``src`` expressed in unit ``dst``."""
        if src == dst:
            if not 0 <= offset <= (self.utf16_length if src == "utf16" else len(self.text)):
                raise OffsetError(f"offset {offset} is outside the text")
            return offset
        return self.to_utf16(offset) if dst == "utf16" else self.from_utf16(offset)
