"""Text folding that keeps character offsets: what scoring and the word lists share."""
from __future__ import annotations

# Full-width forms ("ｉｄｉｏｔ", U+FF01-FF5E) as ASCII, one character for one, so that offsets hold.
FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def fold_width(text: str) -> str:
    """`text` with full-width letters, digits and punctuation as ASCII (same length)."""
    return text if text.isascii() else text.translate(FULLWIDTH)
