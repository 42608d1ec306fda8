"""Small string helpers of the fact rules: similarity of phrases and clean-up of counted noun phrases."""

from __future__ import annotations

import unicodedata
from collections import Counter

__all__ = ["EXAMPLE_CUTS", "QUOTES", "clean_counted", "dice"]

QUOTES = "「」『』“”‘’\"'《》〈〉"
# A counted phrase often opens with examples: 「両院院士」などのハイレベル人材, “两院院士”等高层次人才;
# the counted thing is what follows the last of these.
EXAMPLE_CUTS = ("などの", "等の", "など", "等")


def dice(a: str, b: str) -> float:
    """Character-level Dice coefficient of the NFKC forms (as the scorer compares text slots)."""
    a, b = unicodedata.normalize("NFKC", a), unicodedata.normalize("NFKC", b)
    if not a and not b:
        return 1.0
    common = sum((Counter(a) & Counter(b)).values())
    return 2 * common / (len(a) + len(b))


def clean_counted(counted: str | None) -> str | None:
    """The counted noun phrase without leading examples and quotes, or None when nothing is left."""
    if not counted:
        return None
    text = counted
    for cut in EXAMPLE_CUTS:
        i = text.rfind(cut)
        if i != -1 and i + len(cut) < len(text):
            text = text[i + len(cut) :]
            break
    text = text.strip(QUOTES + " \u3000")
    return text or None
