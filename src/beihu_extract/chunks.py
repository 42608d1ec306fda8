"""Split a long text into pieces the tokenizer accepts, at paragraph or sentence boundaries."""

from __future__ import annotations

import re

__all__ = ["split_into_chunks"]

# Where a piece may end, best first: after a line break, after a sentence end, after a clause mark.
_BOUNDARIES = (re.compile(r"\n"), re.compile(r"[。！？!?]"), re.compile(r"[、，,；;：:\s]"))


def _utf8_len(s: str) -> int:
    return len(s.encode("utf-8"))


def split_into_chunks(text: str, max_bytes: int) -> list[tuple[int, int]]:
    """Cut `text` into consecutive (start, end) pieces of at most `max_bytes` UTF-8 bytes each.

    Pieces end after a line break where possible, else after a sentence end, else after a clause
    mark or space, and only as a last resort in the middle of running text. The pieces cover the
    text exactly: joined, they give it back.
    """
    if max_bytes < 4:
        raise ValueError("max_bytes must allow at least one character")
    pieces: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        end = _longest_prefix(text, start, max_bytes)
        if end < n:
            end = _best_cut(text, start, end)
        pieces.append((start, end))
        start = end
    return pieces


def _longest_prefix(text: str, start: int, max_bytes: int) -> int:
    """The largest end such that text[start:end] fits in max_bytes (at least one character)."""
    # A code point takes at most 4 bytes, so max_bytes // 4 characters always fit.
    end = min(len(text), start + max_bytes // 4)
    size = _utf8_len(text[start:end])
    while end < len(text):
        step = _utf8_len(text[end])
        if size + step > max_bytes:
            break
        size += step
        end += 1
    return max(end, start + 1)


def _best_cut(text: str, start: int, end: int) -> int:
    window = text[start:end]
    for pattern in _BOUNDARIES:
        last = None
        for last in pattern.finditer(window):  # noqa: B007 - only the last boundary is wanted
            continue
        if last is not None and last.end() > len(window) // 4:
            return start + last.end()
    return end
