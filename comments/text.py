"""Text folding that keeps character offsets: what scoring and the word lists share."""
from __future__ import annotations

import unicodedata


class _Compatible(dict):
    """A `str.translate` table, filled as characters come: each character's compatibility form (NFKC) when
    that is one character too, so that offsets hold: full-width "ｉｄｉｏｔ", mathematical bold "𝐢𝐝𝐢𝐨𝐭", circled
    "ⓘⓓⓘⓞⓣ" and half-width katakana read as their plain letters; "ﬁ" (two letters) stays as it is."""

    def __missing__(self, code: int) -> int:
        folded = unicodedata.normalize("NFKC", chr(code))
        self[code] = ord(folded) if len(folded) == 1 else code
        return self[code]


_COMPATIBLE = _Compatible()


def fold_compatible(text: str) -> str:
    """`text` with full-width, mathematical, circled and other compatibility letters as plain ones (same
    length, one character for one)."""
    return text if text.isascii() else text.translate(_COMPATIBLE)
