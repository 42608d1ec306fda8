"""Language detection: any hiragana or katakana means Japanese, other CJK text means Chinese."""

from __future__ import annotations

import re

from beihu_extract.errors import LanguageError
from beihu_extract.schema import Lang

__all__ = ["detect_language", "resolve_language"]

# Hiragana, katakana and the half-width katakana block; the prolonged sound mark ー is katakana too.
_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9d]")
# CJK unified ideographs, extension A, compatibility ideographs and the astral extensions (𠮷).
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def detect_language(text: str) -> Lang | None:
    """Return ``ja`` if the text has kana, ``zh`` if it has Han characters only, else None.

    Args:
        text: the document text.
    """
    if _KANA.search(text):
        return Lang.JA
    if _HAN.search(text):
        return Lang.ZH
    return None


def resolve_language(text: str, doc_id: str, lang: str | None = None) -> Lang:
    """The language to process `text` in: `lang` when given, else the detected one.

    Raises:
        LanguageError: `lang` is not supported, or no language can be detected.
    """
    if lang is not None:
        try:
            return Lang(lang)
        except ValueError:
            raise LanguageError(doc_id, f"unsupported language {lang!r} (expected ja or zh)") from None
    detected = detect_language(text)
    if detected is None:
        raise LanguageError(doc_id, "no Japanese or Chinese text found; pass the language explicitly")
    return detected
